"""What of the engine's log a person reads.

MkDocs writes its log in English with a level prefix (``INFO    -  …``). Our hooks' messages
are Vietnamese: they are shown without the prefix. MkDocs' own routine lines (cleaning,
building, "Documentation built in") are dropped; its English warnings and errors are kept
for the IT person, behind a Vietnamese label saying where they come from.
"""

from __future__ import annotations

import re

ENGINE_LINE = re.compile(r"^(INFO|WARNING|ERROR|DEBUG)\s+-\s+(.*)$")
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
_ROUTINE = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")


def for_person(raw: str) -> str | None:
    """The line as a person should read it; None when it says nothing to them."""
    line = raw.rstrip("\r\n")
    match = ENGINE_LINE.match(line.strip())
    if match is None:
        return line if line.strip() else None
    level, text = match.group(1), match.group(2).strip()
    if level == "DEBUG" or text.startswith(_ROUTINE):
        return None
    if VIETNAMESE.search(text):
        return f"LỖI: {text}" if level == "ERROR" and not text.startswith(("LỖI", "Dừng")) else text
    if level in ("WARNING", "ERROR"):
        label = "LỖI" if level == "ERROR" else "Cảnh báo"
        return f"{label} của công cụ dựng trang (MkDocs, nguyên văn tiếng Anh): {text}"
    return None
