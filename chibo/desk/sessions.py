"""Sessions of the desk, kept on the server: the cookie holds only a random token.

The cookie is HttpOnly and SameSite=Strict, and Secure when the request came over HTTPS
(uvicorn reads nginx's X-Forwarded-Proto from 127.0.0.1). Each session has its CSRF token,
which every form carries; logging in starts a new session (no fixation); a session unused
for ``IDLE_SECONDS`` ends.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "chibo_ban_soan"
IDLE_SECONDS = 4 * 3600
MAX_ANONYMOUS = 2000  # sessions without an account (a login page), kept at most


@dataclass
class Session:
    token: str
    csrf: str
    user: str | None = None
    role: str | None = None
    seen: float = field(default_factory=time.monotonic)
    flash: list[str] = field(default_factory=list)


class Sessions:
    def __init__(self) -> None:
        self._items: dict[str, Session] = {}
        self._lock = threading.Lock()

    def _new(self, user: str | None = None, role: str | None = None) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), user, role)
        with self._lock:
            now = time.monotonic()
            for token in [t for t, s in self._items.items() if now - s.seen > IDLE_SECONDS]:
                del self._items[token]
            anonymous = [s for s in self._items.values() if s.user is None]
            if len(anonymous) >= MAX_ANONYMOUS:  # login pages opened and left: the oldest go first
                for old in sorted(anonymous, key=lambda s: s.seen)[: len(anonymous) - MAX_ANONYMOUS + 1]:
                    del self._items[old.token]
            self._items[session.token] = session
        return session

    def get(self, request: Request) -> tuple[Session, bool]:
        """(the request's session, whether it was just created or had expired)."""
        token = request.cookies.get(COOKIE, "")
        with self._lock:
            session = self._items.get(token)
            if session is not None and time.monotonic() - session.seen > IDLE_SECONDS:
                del self._items[token]
                session = None
        if session is None:
            return self._new(), bool(token)
        session.seen = time.monotonic()
        return session, False

    def login(self, old: Session, user: str, role: str) -> Session:
        self.end(old)
        return self._new(user, role)

    def end(self, session: Session) -> None:
        with self._lock:
            self._items.pop(session.token, None)

    @staticmethod
    def csrf_ok(session: Session, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(session.csrf, str(value))

    @staticmethod
    def set_cookie(request: Request, response: Response, session: Session) -> None:
        response.set_cookie(COOKIE, session.token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/soan/")
