"""What a person reads of the engine's log (chibo.publishing.engine_log), and a real build's output."""

from __future__ import annotations

import re
from pathlib import Path

from chibo.publishing.engine_log import for_person
from conftest import ROOT, run_build


def test_lines() -> None:
    assert for_person("INFO    -  Cleaning site directory\n") is None
    assert for_person("INFO    -  Documentation built in 1.23 seconds") is None
    assert for_person("INFO    -  PDF văn bản: đã tạo 0 tệp") == "PDF văn bản: đã tạo 0 tệp"
    assert for_person("ERROR   -  Dừng dựng trang: lỗi") == "Dừng dựng trang: lỗi"
    assert for_person("WARNING -  Doc file 'a.md' contains a link").startswith("Cảnh báo của công cụ dựng trang")
    assert for_person("Đã kiểm tra 10 văn bản") == "Đã kiểm tra 10 văn bản"


def test_a_real_build_prints_no_english_routine_line(tmp_path: Path) -> None:
    result = run_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(INFO|WARNING|ERROR)\s+-", result.stderr, re.MULTILINE), result.stderr
    assert "Documentation built" not in result.stderr and "Đã dựng trang" in result.stderr
