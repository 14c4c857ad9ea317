"""Every command ends with a Vietnamese message and a rule code, never a traceback (issue 19):
a broken data file (DL…), a full disk (HT001), a folder that cannot be written (HT002), too
little memory (HT003), or anything unforeseen (HT009, the one place a bug is reported).

``python -m chibo.commands.X`` runs ``sys.exit(guarded(main))``; the MkDocs build reports
the same messages through ``hooks/build_errors.py``.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from chibo.document.config import DataError

DEBUG_ENV = "CHIBO_DEBUG"  # set to 1 to see the traceback of an unforeseen error


def failure_message(error: BaseException) -> str:
    """``CODE message`` for an error that ended a command."""
    if isinstance(error, DataError):
        return str(error)
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return (f"HT001 đĩa đã đầy, không ghi được{where}. Hãy xoá bớt tệp không cần (bản dựng cũ trong site/, "
                    "dist/) hoặc chọn nơi ghi khác, rồi chạy lại lệnh; tệp đang có không bị ghi dở.")
        return (f"HT002 không ghi được vào{where} ({error.strerror or error}). Hãy kiểm tra thư mục có tồn tại, "
                "người chạy lệnh có quyền ghi vào đó (ví dụ sudo chown), ổ đĩa không ở chế độ chỉ đọc, rồi chạy "
                "lại lệnh.")
    if isinstance(error, MemoryError):
        return ("HT003 máy không đủ bộ nhớ để chạy xong lệnh. Hãy đóng bớt chương trình khác rồi chạy lại; nếu "
                "vẫn vậy, một tệp đầu vào có thể lớn bất thường.")
    return (f"HT009 lỗi không lường trước ({type(error).__name__}: {str(error)[:200]}). Hãy báo cho người "
            f"quản trị kèm lệnh vừa chạy; chạy lại với {DEBUG_ENV}=1 để xem chi tiết.")


def guarded(main: Callable[[list[str] | None], int], argv: list[str] | None = None) -> int:
    """Run a command's ``main``; an error becomes one Vietnamese line on stderr and exit 1."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu (Ctrl+C).", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the one place every error becomes a message
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        try:
            print(f"Lỗi: {failure_message(error)}", file=sys.stderr, flush=True)
        except OSError:  # stderr itself is gone: the exit status still tells
            pass
        return 1
