"""The secretary's desk: a Starlette application under /soan/ (nginx proxies that location).

Every screen and message is Vietnamese; every form carries the session's CSRF token;
nothing but the login page is shown without logging in. The work itself is done by
``chibo.desk.documents`` on the project's core.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from chibo.desk import history
from chibo.desk.accounts import PUBLISHERS, ROLES, AccountError, Accounts, USERS_FILE
from chibo.desk.documents import (FACTS, MAX_UPLOAD, MEETING, Conflict, Desk, DeskError, Duplicate, Loaded,
                                  month_label, safe_name, this_month)
from chibo.desk.preview import render
from chibo.desk.publishing import public_address, qr_svg
from chibo.desk.sessions import Session, Sessions
from chibo.document.config import DataError
from chibo.document.diagnostics import Severity
from chibo.document.visibility import is_confidential, is_draft

PREFIX = "/soan"
HERE = Path(__file__).parent
_log = logging.getLogger("chibo.desk")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
MEETING_FIELDS = [("ngay", "Ngày họp (05/03/2022)"), ("gio", "Giờ (14:00)"), ("dia_diem", "Nơi họp"),
                  ("hinh_thuc", "Hình thức"), ("chu_de", "Chủ đề (sinh hoạt chuyên đề)"),
                  ("co_mat", "Số có mặt"), ("tong_so", "Tổng số đảng viên")]

Handler = Callable[..., Awaitable[Response]]


class Refused(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def create_app(project: Path, dest: Path | None, site_url: str | None = None,
               users_file: Path | None = None) -> Starlette:
    desk = Desk(project, dest, site_url)
    accounts = Accounts(users_file or project / USERS_FILE)
    sessions = Sessions()
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)

    def page(template: str, request: Request, session: Session, status: int = 200, **values: Any) -> Response:
        flash, session.flash = session.flash, []
        html = env.get_template(template).render(prefix=PREFIX, session=session, may_publish=session.role in PUBLISHERS,
                                                 role_label=ROLES.get(session.role or "", ""), flash=flash, **values)
        return HTMLResponse(html, status_code=status)

    def message(request: Request, session: Session, text: str, status: int = 400, back: str = "") -> Response:
        return page("message.html", request, session, status=status, text=text, back=back or f"{PREFIX}/")

    def finish(request: Request, session: Session, response: Response) -> Response:
        Sessions.set_cookie(request, response, session)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def endpoint(*, login: bool = True, publisher: bool = False) -> Callable[[Handler], Handler]:
        def wrap(handler: Handler) -> Handler:
            @functools.wraps(handler)
            async def run(request: Request) -> Response:
                session, expired = sessions.get(request)
                try:
                    form = None
                    if request.method == "POST":
                        length = request.headers.get("content-length", "")
                        if length.isdigit() and int(length) > MAX_UPLOAD + 1024 * 1024:
                            raise Refused(f"Tệp gửi lên lớn quá {MAX_UPLOAD // 2**20} MB; chưa ghi gì.", 413)
                        try:
                            form = await request.form(max_files=1, max_fields=200, max_part_size=1024 * 1024)
                        except (MultiPartException, HTTPException):
                            raise Refused("Biểu mẫu gửi lên không đọc được; chưa ghi gì.") from None
                        if not Sessions.csrf_ok(session, form.get("csrf")):
                            text = ("Phiên làm việc đã hết hạn (lâu không dùng); hãy đăng nhập lại. Chưa ghi gì."
                                    if expired else "Biểu mẫu không hợp lệ (thiếu mã bảo vệ hoặc mã đã cũ, có thể "
                                    "do mở ở tab khác trước khi đăng nhập lại); hãy mở lại trang rồi làm lại. "
                                    "Chưa ghi gì.")
                            raise Refused(text, 403)
                    if login and session.user is None:
                        if request.method == "GET":
                            return finish(request, session, RedirectResponse(f"{PREFIX}/dang-nhap", 303))
                        raise Refused("Bạn cần đăng nhập trước.", 403)
                    if publisher and session.role not in PUBLISHERS:
                        raise Refused(f"Tài khoản {session.user} ({ROLES.get(session.role or '', '')}) chỉ được "
                                      "soạn bản nháp; việc ban hành, gỡ xuống do Bí thư hoặc Phó Bí thư làm.", 403)
                    response = await handler(request, session, form)
                except Refused as refusal:
                    response = message(request, session, str(refusal), refusal.status)
                except Conflict as conflict:
                    response = message(request, session, str(conflict), 409)
                except (DeskError, history.HistoryError, AccountError) as error:
                    response = message(request, session, str(error), 400)
                except DataError as error:
                    response = message(request, session, f"Tệp dữ liệu của chi bộ viết sai: {error}", 500)
                return finish(request, session, response)
            return run
        return wrap

    # --- login ------------------------------------------------------------------------

    @endpoint(login=False)
    async def login_page(request: Request, session: Session, form: FormData | None) -> Response:
        if session.user:
            return RedirectResponse(f"{PREFIX}/", 303)
        return page("login.html", request, session)

    @endpoint(login=False)
    async def login_post(request: Request, session: Session, form: FormData) -> Response:
        name = str(form.get("ten", ""))
        try:
            account = await run_in_threadpool(accounts.login, name, str(form.get("mat_khau", "")))
        except AccountError as error:
            return page("login.html", request, session, status=401, error=str(error), name=name)
        fresh = sessions.login(session, account.name, account.role)
        session.token = fresh.token  # finish() sets the new session's cookie
        return RedirectResponse(f"{PREFIX}/", 303)

    @endpoint()
    async def logout(request: Request, session: Session, form: FormData) -> Response:
        sessions.end(session)
        fresh, _ = sessions.get(request)
        session.token = fresh.token  # finish() sets the new (anonymous) session's cookie
        return page("login.html", request, fresh, notice="Đã đăng xuất.")

    # --- home ----------------------------------------------------------------------------

    @endpoint()
    async def home(request: Request, session: Session, form: FormData | None) -> Response:
        entries, continuity, meeting = await run_in_threadpool(desk.overview)
        month = await run_in_threadpool(desk.month_to_create)
        return page("home.html", request, session, drafts=[e for e in entries if e.draft or e.confidential],
                    published=[e for e in entries if not (e.draft or e.confidential)], continuity=continuity,
                    meeting=meeting, month=month, month_label=month_label(month), today_label=month_label(this_month()), max_mb=MAX_UPLOAD // 2**20)

    # --- import ---------------------------------------------------------------------------

    def upload_of(form: FormData) -> tuple[bytes, str]:
        upload = form.get("tep")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise Refused("Hãy chọn một tệp Word (.docx) để tải lên.")
        if upload.size is not None and upload.size > MAX_UPLOAD:
            raise Refused(f"Tệp {safe_name(upload.filename)} lớn quá {MAX_UPLOAD // 2**20} MB; chưa ghi gì.", 413)
        return upload.file.read(MAX_UPLOAD + 1), safe_name(upload.filename)

    @endpoint()
    async def import_word(request: Request, session: Session, form: FormData) -> Response:
        raw, name = upload_of(form)
        from chibo.desk.documents import check_upload

        check_upload(raw, name)
        try:
            created, notes = await run_in_threadpool(desk.import_word, raw, name, session.user)
        except Duplicate as duplicate:
            token = desk.keep_upload(raw, name)
            return page("duplicate.html", request, session, page_path=duplicate.page, token=token, name=name)
        session.flash.append(f"Đã nhập tệp {name} thành bản nháp.")
        return RedirectResponse(f"{PREFIX}/van-ban/{quote(created)}", 303)

    @endpoint()
    async def import_update(request: Request, session: Session, form: FormData) -> Response:
        token = str(form.get("tai_len", ""))
        raw, name = desk.pending_upload(token)
        target = str(form.get("van_ban", ""))
        loaded = desk.open(target)
        if not is_draft(loaded.doc.meta) and session.role not in PUBLISHERS:
            raise Refused("Văn bản này đã ban hành: chỉ Bí thư hoặc Phó Bí thư cập nhật được.", 403)
        target, _ = await run_in_threadpool(desk.import_word, raw, name, session.user, update=True)
        session.flash.append(f"Đã cập nhật văn bản theo tệp {name}; các thuộc tính đã sửa được giữ nguyên.")
        desk.drop_upload(token)
        return RedirectResponse(f"{PREFIX}/van-ban/{quote(target)}", 303)

    @endpoint()
    async def replace_body(request: Request, session: Session, form: FormData) -> Response:
        target = request.path_params["page"]
        raw, name = upload_of(form)
        notes = await run_in_threadpool(desk.reimport, target, raw, name, session.user)
        session.flash.append(f"Đã thay nội dung bằng tệp {name}; các thuộc tính được giữ nguyên.")
        session.flash += notes[:5]
        return RedirectResponse(f"{PREFIX}/van-ban/{quote(target)}", 303)

    # --- a document ---------------------------------------------------------------------

    def document_page(request: Request, session: Session, loaded: Loaded, *, status: int = 200,
                      error: str = "", body: str | None = None, facts_override: dict[str, Any] | None = None,
                      preview_only: bool = False) -> Response:
        facts = desk.facts(loaded)
        if facts_override:
            for fact in facts:
                if fact.key in facts_override:
                    fact.value = facts_override[fact.key]
        doctype = desk.settings().types.get(loaded.doc.doc_type)
        meeting = loaded.doc.meta.get(MEETING) if isinstance(loaded.doc.meta.get(MEETING), dict) else {}
        shown_body = (loaded.text if loaded.raw else loaded.body) if body is None else body
        field_lines = {line: key for key, line in loaded.doc.meta_lines.items()}
        warnings = [p for p in loaded.problems
                    if p.severity is Severity.WARNING and not p.message.startswith("(bản nháp)")]
        return page("document.html", request, session, status=status, loaded=loaded, facts=facts,
                    body=shown_body, preview=render(desk.project, loaded.body if loaded.raw else shown_body), error=error,
                    has_meeting=bool(doctype and MEETING in doctype.attributes), meeting=meeting,
                    meeting_fields=MEETING_FIELDS, field_lines=field_lines, warnings=warnings, draft=is_draft(loaded.doc.meta),
                    confidential=is_confidential(loaded.doc.meta) and not loaded.raw, preview_only=preview_only,
                    quoted=quote(loaded.page), raw=loaded.raw)

    @endpoint()
    async def document(request: Request, session: Session, form: FormData | None) -> Response:
        loaded = await run_in_threadpool(desk.open, request.path_params["page"])
        return document_page(request, session, loaded)

    def changes_of(form: FormData, loaded: Loaded) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for key in FACTS:
            if key not in form:
                continue
            raw = str(form.get(key, ""))
            if key == "noi_nhan":
                changes[key] = [line.strip() for line in raw.replace("\r", "").split("\n") if line.strip()]
            elif key == "nam" and raw.strip().isdigit():
                changes[key] = int(raw.strip())
            else:
                changes[key] = " ".join(raw.split())
        meeting = {}
        for key, _ in MEETING_FIELDS:
            value = " ".join(str(form.get(f"{MEETING}.{key}", "")).split())
            if value:
                meeting[key] = int(value) if key in ("co_mat", "tong_so") and value.isdigit() else value
        if meeting or isinstance(loaded.doc.meta.get(MEETING), dict):
            changes[MEETING] = meeting or None
        was_secret = is_confidential(loaded.doc.meta)
        if form.get("mat"):
            if not was_secret and not form.get("xac_nhan_mat"):
                raise Refused("Đánh dấu \"Mật\": văn bản sẽ không bao giờ được đăng lên trang. Hãy đánh dấu cả ô "
                              "\"Tôi xác nhận văn bản này là Mật\" rồi lưu lại. Chưa ghi gì.")
            changes["mat"] = True
        elif was_secret and "mat" in loaded.doc.meta:
            changes["mat"] = None
        return changes

    @endpoint()
    async def save(request: Request, session: Session, form: FormData) -> Response:
        target = request.path_params["page"]
        loaded = await run_in_threadpool(desk.open, target)
        if not is_draft(loaded.doc.meta) and not loaded.raw and session.role not in PUBLISHERS and not form.get("mat"):
            raise Refused("Văn bản này đã ban hành: chỉ Bí thư hoặc Phó Bí thư sửa được (bạn vẫn có thể đánh dấu "
                          "Mật để gỡ nó khỏi trang). Chưa ghi gì.", 403)
        if "toan_van" in form:  # the front matter could not be read: the whole text was edited
            try:
                saved = await run_in_threadpool(desk.save_text, target, str(form.get("phien_ban", "")),
                                                str(form.get("toan_van", "")), session.user)
            except Conflict as conflict:
                return document_page(request, session, loaded, status=409, error=str(conflict),
                                     body=str(form.get("toan_van", "")))
            session.flash.append("Đã lưu.")
            return RedirectResponse(f"{PREFIX}/van-ban/{quote(saved.page)}", 303)
        body = str(form.get("noi_dung", ""))
        try:
            changes = changes_of(form, loaded)
        except Refused as refusal:
            return document_page(request, session, loaded, status=400, error=str(refusal), body=body,
                                 facts_override={k: form.get(k) for k in FACTS if k in form})
        if form.get("hanh_dong") == "xem":
            return document_page(request, session, loaded, body=body, preview_only=True,
                                 facts_override={k: form.get(k) for k in FACTS if k in form})
        try:
            saved = await run_in_threadpool(desk.save, target, str(form.get("phien_ban", "")), changes, body,
                                            session.user, f"Lưu {target} (bản nháp)" if is_draft(loaded.doc.meta)
                                            else f"Sửa {target}")
        except Conflict as conflict:
            return document_page(request, session, loaded, status=409, error=str(conflict), body=body,
                                 facts_override={k: form.get(k) for k in FACTS if k in form})
        except DeskError as error:
            return document_page(request, session, loaded, status=400, error=str(error), body=body,
                                 facts_override={k: form.get(k) for k in FACTS if k in form})
        session.flash.append("Đã lưu.")
        if changes.get("mat") and not is_draft(loaded.doc.meta) and desk.dest is not None:
            outcome = await run_in_threadpool(desk.withdraw, target, session.user)
            session.flash.append("Văn bản Mật đã được gỡ khỏi trang." if outcome.ok else
                                 "Chưa gỡ được văn bản Mật khỏi trang: " + " ".join(outcome.messages[-3:]))
        return RedirectResponse(f"{PREFIX}/van-ban/{quote(saved.page)}", 303)

    @endpoint(publisher=True)
    async def publish(request: Request, session: Session, form: FormData) -> Response:
        target = request.path_params["page"]
        outcome = await run_in_threadpool(desk.publish, target, str(form.get("phien_ban", "")), session.user)
        address = public_address(desk.site_url, desk.page_url(target))
        return page("published.html", request, session, status=200 if outcome.ok else 500, outcome=outcome,
                    address=address, qr=qr_svg(address) if outcome.ok else "", target=target,
                    quoted=quote(target), title="Ban hành")

    @endpoint(publisher=True)
    async def withdraw(request: Request, session: Session, form: FormData) -> Response:
        target = request.path_params["page"]
        outcome = await run_in_threadpool(desk.withdraw, target, session.user)
        return page("published.html", request, session, status=200 if outcome.ok else 500, outcome=outcome,
                    address="", qr="", target=target, quoted=quote(target), title="Gỡ xuống")

    @endpoint(publisher=True)
    async def rollback(request: Request, session: Session, form: FormData) -> Response:
        outcome = await run_in_threadpool(desk.rollback)
        return page("published.html", request, session, status=200 if outcome.ok else 500, outcome=outcome,
                    address="", qr="", target="", quoted="", title="Quay lại bản trước")

    @endpoint()
    async def history_page(request: Request, session: Session, form: FormData | None) -> Response:
        target = request.path_params["page"]
        loaded = await run_in_threadpool(desk.open, target)
        versions = await run_in_threadpool(history.versions, desk.project, loaded.path)
        return page("history.html", request, session, loaded=loaded, versions=versions, quoted=quote(target))

    @endpoint()
    async def restore(request: Request, session: Session, form: FormData) -> Response:
        target = request.path_params["page"]
        loaded = desk.open(target)
        if not is_draft(loaded.doc.meta) and session.role not in PUBLISHERS:
            raise Refused("Văn bản đã ban hành: chỉ Bí thư hoặc Phó Bí thư được khôi phục bản cũ.", 403)
        await run_in_threadpool(desk.restore, target, str(form.get("phien_ban", "")), session.user)
        session.flash.append("Đã khôi phục phiên bản đã chọn (bản hiện tại vẫn còn trong lịch sử).")
        return RedirectResponse(f"{PREFIX}/van-ban/{quote(target)}", 303)

    @endpoint()
    async def new_month(request: Request, session: Session, form: FormData) -> Response:
        created, notes = await run_in_threadpool(desk.new_month, str(form.get("thang", "")), session.user)
        session.flash.append("Đã tạo nghị quyết theo mẫu (bản nháp), có sẵn các nhiệm vụ của tháng trước.")
        return RedirectResponse(f"{PREFIX}/van-ban/{quote(created)}", 303)

    async def root(request: Request) -> Response:
        return RedirectResponse(f"{PREFIX}/", 303)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        text = {404: "Không có trang này.", 405: "Thao tác này không dùng được ở đây."}.get(
            status, "Yêu cầu không hợp lệ.")
        return HTMLResponse(f"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Bàn soạn thảo</title>"
                            f"<p>{text} <a href=\"{PREFIX}/\">Về trang đầu</a></p></html>", status_code=status,
                            headers=SECURITY_HEADERS)

    async def server_error(request: Request, exc: Exception) -> Response:
        _log.exception("desk error", exc_info=exc)
        return HTMLResponse("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Bàn soạn thảo</title>"
                            "<p>Đã có lỗi trong máy chủ; thao tác chưa hoàn tất. Những gì đã lưu trước đó không bị "
                            f"mất. <a href=\"{PREFIX}/\">Về trang đầu</a></p></html>", status_code=500,
                            headers=SECURITY_HEADERS)

    doc = "/van-ban/{page:path}"
    routes = [
        Route("/", root),
        Route(f"{PREFIX}", root),
        Route(f"{PREFIX}/", home),
        Route(f"{PREFIX}/dang-nhap", login_page, methods=["GET"]),
        Route(f"{PREFIX}/dang-nhap", login_post, methods=["POST"]),
        Route(f"{PREFIX}/dang-xuat", logout, methods=["POST"]),
        Route(f"{PREFIX}/nhap-tu-word", import_word, methods=["POST"]),
        Route(f"{PREFIX}/nhap-tu-word/cap-nhat", import_update, methods=["POST"]),
        Route(f"{PREFIX}/thang-moi", new_month, methods=["POST"]),
        Route(f"{PREFIX}/quay-lai", rollback, methods=["POST"]),
        Route(f"{PREFIX}/lich-su{doc}", history_page, methods=["GET"]),
        Route(f"{PREFIX}/khoi-phuc{doc}", restore, methods=["POST"]),
        Route(f"{PREFIX}/ban-hanh{doc}", publish, methods=["POST"]),
        Route(f"{PREFIX}/go-xuong{doc}", withdraw, methods=["POST"]),
        Route(f"{PREFIX}/thay-noi-dung{doc}", replace_body, methods=["POST"]),
        Route(f"{PREFIX}/luu{doc}", save, methods=["POST"]),
        Route(f"{PREFIX}{doc}", document, methods=["GET"]),
        Mount(f"{PREFIX}/tai-nguyen", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: not_found, 404: not_found, 405: not_found,
                                                        500: server_error, Exception: server_error})
