"""Run a command and report its peak memory: the bound every attack file must keep
(issue 19: answered in <= 10 s and <= 500 MB, with a message and a rule code)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_MEMORY_MB = 500


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float  # the child's maximum resident set size


# Linux counts the forking process's own peak in a child's ru_maxrss (the pytest process
# that just built a 190 MB attack file): a small Python in between forks the command, so its
# figure is the command's own.
_WRAPPER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
            "sys.stderr.write('\\npeak-kb %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "sys.exit(code)")


def run_measured(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> Measured:
    """Run ``command`` and read its peak memory. The timeout only keeps a broken run from
    hanging the suite (speed is measured in bench/, not here)."""
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=timeout)
    stderr, _, peak = result.stderr.rpartition("\npeak-kb ")
    return Measured(result.returncode, result.stdout, stderr, int(peak) / 1024)
