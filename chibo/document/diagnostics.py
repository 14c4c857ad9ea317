"""Problems found in documents, printed as ``path:line: CODE message`` (Vietnamese)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"      # the build stops
    WARNING = "warning"  # printed, never fails the build (e.g. a historical citation)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "cảnh báo: "
        return f"{self.path}:{self.line}: {self.code} {prefix}{self.message}"

