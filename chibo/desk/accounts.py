"""Desk accounts: a JSON file outside docs/ (``.desk/users.json``, never published), passwords
hashed with Argon2id (memory-hard), a lockout after repeated wrong passwords.

``python -m chibo.desk.accounts NAME ROLE`` (``make user NAME=… ROLE=…``) creates or resets an
account; the password comes from DESK_PASSWORD or is asked for (getpass).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from chibo.atomic import write_atomic

ROLES = {
    "bi-thu": "Bí thư",
    "pho-bi-thu": "Phó Bí thư",
    "soan-thao": "Người soạn thảo",
}
PUBLISHERS = {"bi-thu", "pho-bi-thu"}  # may publish, withdraw, roll back
MAX_FAILURES = 5          # wrong passwords in a row before the account is refused ...
LOCKOUT_SECONDS = 15 * 60  # ... for this long
MIN_PASSWORD = 8
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
USERS_FILE = Path(".desk") / "users.json"

_hasher = PasswordHasher()  # Argon2id, 64 MiB, 3 passes (the library's RFC 9106 "low memory" profile)
# Verifying an unknown name costs the same as a known one: no telling names apart by time.
_DUMMY = _hasher.hash("chibo-desk-no-such-account")


class AccountError(Exception):
    """A refusal for the person (Vietnamese)."""


@dataclass
class Account:
    name: str
    role: str

    @property
    def may_publish(self) -> bool:
        return self.role in PUBLISHERS

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


class Accounts:
    """The accounts file, and the count of wrong passwords per name (in memory)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            raise AccountError(f"Tệp tài khoản {self.path} không đọc được; hãy tạo lại tài khoản bằng make user.")
        return data.get("users", {}) if isinstance(data, dict) else {}

    def set(self, name: str, role: str, password: str) -> None:
        if not NAME_PATTERN.fullmatch(name or ""):
            raise AccountError("Tên tài khoản chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang "
                               "(2–32 ký tự), ví dụ NAME=bithu.")
        if role not in ROLES:
            raise AccountError(f"Vai trò \"{role}\" không có; hãy dùng ROLE= một trong: {', '.join(ROLES)}.")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
        with self._lock:
            users = self._read()
            users[name] = {"role": role, "hash": _hasher.hash(password)}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps({"users": users}, ensure_ascii=False, indent=2).encode("utf-8"))
            os.chmod(self.path, 0o600)
            self._failures.pop(name, None)

    def get(self, name: str) -> Account | None:
        entry = self._read().get(name)
        return Account(name, entry["role"]) if entry else None

    def locked_for(self, name: str) -> int:
        """Seconds this name is still refused (0: not locked)."""
        count, since = self._failures.get(name, (0, 0.0))
        if count < MAX_FAILURES:
            return 0
        left = int(since + LOCKOUT_SECONDS - time.monotonic())
        if left <= 0:
            self._failures.pop(name, None)
            return 0
        return left

    def login(self, name: str, password: str) -> Account:
        """The account, or AccountError with the message to show."""
        name = (name or "").strip().lower()
        left = self.locked_for(name)
        if left:
            raise AccountError(f"Tài khoản tạm bị khóa vì nhập sai mật khẩu nhiều lần; hãy thử lại sau "
                               f"{left // 60 + 1} phút.")
        entry = self._read().get(name)
        try:
            _hasher.verify(entry["hash"] if entry else _DUMMY, password or "")
            ok = entry is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            with self._lock:
                count, _ = self._failures.get(name, (0, 0.0))
                self._failures[name] = (count + 1, time.monotonic())
            if count + 1 >= MAX_FAILURES:
                raise AccountError("Sai tên hoặc mật khẩu quá nhiều lần: tài khoản tạm bị khóa "
                                   f"{LOCKOUT_SECONDS // 60} phút.")
            raise AccountError("Sai tên tài khoản hoặc mật khẩu.")
        self._failures.pop(name, None)
        return Account(name, entry["role"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make user", description="Tạo hoặc đặt lại tài khoản của bàn soạn thảo.")
    parser.add_argument("name", help="tên tài khoản, ví dụ bithu")
    parser.add_argument("role", help="vai trò: " + ", ".join(ROLES))
    parser.add_argument("--project", type=Path, default=Path("."), help="thư mục dự án")
    args = parser.parse_args(argv)
    password = os.environ.get("DESK_PASSWORD")
    try:
        if not password:
            password = getpass.getpass("Mật khẩu mới: ")
            if getpass.getpass("Nhập lại mật khẩu: ") != password:
                raise AccountError("Hai lần nhập mật khẩu không giống nhau.")
        Accounts(args.project / USERS_FILE).set(args.name, args.role, password)
    except AccountError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("Lỗi: chưa nhập mật khẩu (đặt biến DESK_PASSWORD hoặc chạy trong cửa sổ lệnh).", file=sys.stderr)
        return 1
    print(f"Đã lưu tài khoản {args.name} ({ROLES[args.role]}) vào {args.project / USERS_FILE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
