"""The secretary's desk through Starlette's TestClient: accounts, sessions and CSRF, Word
import, the facts form, conflicts, Mật, roles, history, and the publish to a web root."""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from bench.corpus import copy_project
from chibo.desk.accounts import USERS_FILE
from chibo.desk.app import create_app
from chibo.desk.publishing import publish_site, summarise
from conftest import ROOT
from deskutil import PASSWORD, UNIQUE, add_accounts, csrf_of, plan_docx

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    add_accounts(project)
    return project


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    (tmp_path / "www").mkdir()
    return tmp_path / "www" / "chibo"


@pytest.fixture
def app(project: Path, dest: Path):
    return create_app(project, dest)


def client(app, user: str | None = "bithu", base: str = "http://127.0.0.1") -> TestClient:
    c = TestClient(app, base_url=base, follow_redirects=True)
    if user:
        page = c.get("/soan/dang-nhap")
        reply = c.post("/soan/dang-nhap", data={"csrf": csrf_of(page.text), "ten": user, "mat_khau": PASSWORD})
        assert reply.status_code == 200 and "Đăng xuất" in reply.text, reply.text[:800]
    return c


def upload(c: TestClient, data: bytes, name: str = "ke-hoach.docx"):
    home = c.get("/soan/")
    return c.post("/soan/nhap-tu-word", data={"csrf": csrf_of(home.text)},
                  files={"tep": (name, io.BytesIO(data), "application/octet-stream")})


def form_of(page_html: str) -> dict[str, str]:
    """Every field of the document's form, as the browser would send it."""
    start = page_html.index('id="bieu-mau"')
    form = page_html[start:page_html.index("</form>", start)]
    values = {n: html.unescape(v) for n, v in re.findall(r'<input[^>]*name="([^"]+)" value="([^"]*)"', form)}
    values.update({n: html.unescape(v) for n, v in re.findall(
        r'<input id="[^"]*" name="([^"]+)" value="([^"]*)"', form)})
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[name] = html.unescape(text)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen.group(1) if chosen else ""
    for name in ("mat", "xac_nhan_mat"):
        values.pop(name, None)
    return values


def imported(c: TestClient, tmp_path: Path) -> tuple[str, str]:
    reply = upload(c, plan_docx(tmp_path / "ke-hoach.docx").read_bytes())
    assert reply.status_code == 200, reply.text[:800]
    page = reply.url.path.removeprefix("/soan/van-ban/")
    return page, reply.text


def git_log(project: Path) -> list[str]:
    return subprocess.run(["git", "-C", str(project), "log", "--format=%an|%s"], capture_output=True,
                          text=True).stdout.splitlines()


def imported_and_published(c: TestClient, tmp_path: Path):
    """Import the plan, fill its two empty facts, press "Ban hành": (page, the answer)."""
    page, text = imported(c, tmp_path)
    values = form_of(text)
    values.update(cap_tren="Đảng bộ Phường Thạch Bàn", chi_bo="Chi bộ Trường Mầm non Hoa Mai", hanh_dong="luu")
    saved = c.post(f"/soan/luu/van-ban/{page}", data=values)
    version = re.search(r'name="phien_ban" value="(\w+)"', saved.text).group(1)
    return page, c.post(f"/soan/ban-hanh/van-ban/{page}", data={"csrf": csrf_of(saved.text), "phien_ban": version})


# --- accounts and sessions -----------------------------------------------------------

def test_make_user_stores_a_memory_hard_hash_outside_docs(tmp_path: Path):
    env = {**os.environ, "DESK_PASSWORD": "mot-mat-khau-dai", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "chibo.desk.accounts", "bithu", "bi-thu", "--project",
                             str(tmp_path)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    stored = json.loads((tmp_path / USERS_FILE).read_text())["users"]["bithu"]
    assert stored["role"] == "bi-thu" and stored["hash"].startswith("$argon2id$")
    assert "mot-mat-khau-dai" not in (tmp_path / USERS_FILE).read_text()
    assert oct((tmp_path / USERS_FILE).stat().st_mode)[-3:] == "600"
    bad = subprocess.run([sys.executable, "-m", "chibo.desk.accounts", "bithu", "admin", "--project", str(tmp_path)],
                         env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "Vai trò" in bad.stderr and "Traceback" not in bad.stderr


def test_nothing_is_shown_without_login(app, project: Path, tmp_path: Path):
    page, _ = imported(client(app), tmp_path)
    anonymous = client(app, None)
    for address in ("/soan/", f"/soan/van-ban/{page}", f"/soan/lich-su/van-ban/{page}"):
        reply = anonymous.get(address)
        assert reply.url.path == "/soan/dang-nhap", address
        assert UNIQUE not in reply.text and "Hoạt động của chi bộ năm 2023" not in reply.text
    reply = anonymous.post(f"/soan/ban-hanh/van-ban/{page}", data={"csrf": "x"})
    assert reply.status_code == 403


def test_wrong_password_is_refused_then_the_account_is_locked(app):
    c = client(app, None)
    for attempt in range(5):
        page = c.get("/soan/dang-nhap")
        reply = c.post("/soan/dang-nhap", data={"csrf": csrf_of(page.text), "ten": "bithu", "mat_khau": "sai"})
        assert reply.status_code == 401 and "Đăng xuất" not in reply.text
    assert "tạm bị khóa" in reply.text
    page = c.get("/soan/dang-nhap")
    reply = c.post("/soan/dang-nhap", data={"csrf": csrf_of(page.text), "ten": "bithu", "mat_khau": PASSWORD})
    assert reply.status_code == 401 and "tạm bị khóa" in reply.text  # even the right password, for a while


def test_cookie_flags_and_logout(app):
    c = client(app, None, base="https://127.0.0.1")
    page = c.get("/soan/dang-nhap")
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
    plain = client(app, None).get("/soan/dang-nhap").headers["set-cookie"].lower()
    assert "secure" not in plain
    c = client(app)
    home = c.get("/soan/")
    out = c.post("/soan/dang-xuat", data={"csrf": csrf_of(home.text)})
    assert "Đã đăng xuất" in out.text
    assert c.get("/soan/").url.path == "/soan/dang-nhap"


def test_an_expired_session_is_told_and_nothing_is_written(app, project: Path, tmp_path: Path, monkeypatch):
    c = client(app)
    page, text = imported(c, tmp_path)
    before = (project / "docs" / page).read_bytes()
    monkeypatch.setattr("chibo.desk.sessions.IDLE_SECONDS", -1)
    values = form_of(text)
    values.update(chi_bo="Sau khi hết phiên", hanh_dong="luu")
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 403 and "hết hạn" in reply.text
    assert (project / "docs" / page).read_bytes() == before


@pytest.mark.parametrize("token", [None, "gia-mao"], ids=["missing", "forged"])
def test_a_form_without_its_csrf_token_changes_nothing(app, project: Path, tmp_path: Path, token):
    c = client(app)
    page, text = imported(c, tmp_path)
    before = (project / "docs" / page).read_bytes()
    values = form_of(text)
    values["chi_bo"] = "Chi bộ bị giả mạo"
    values.pop("csrf")
    if token:
        values["csrf"] = token
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 403 and "mã bảo vệ" in reply.text
    assert (project / "docs" / page).read_bytes() == before


# --- import ----------------------------------------------------------------------------

def test_import_shows_facts_preview_and_problems(app, project: Path, tmp_path: Path):
    c = client(app)
    page, text = imported(c, tmp_path)
    assert (project / "docs" / page).is_file() and page.startswith("ke-hoach/2023-")
    assert 'name="cap_tren"' in text and 'name="nguoi_ky"' in text and 'name="noi_nhan"' in text
    assert "còn trống" in text and "đọc từ tệp" in text
    assert "TT002" in text and "Ban hành" in text and " disabled" in text
    assert UNIQUE in text  # the preview
    assert git_log(project)[0] == "bithu|Nhập văn bản từ tệp Word ke-hoach.docx"


def test_the_same_word_file_twice_offers_to_update_the_draft(app, project: Path, tmp_path: Path):
    c = client(app)
    source = plan_docx(tmp_path / "ke-hoach.docx")
    page, text = imported(c, tmp_path)
    path = project / "docs" / page
    values = form_of(text)
    values.update(chi_bo="Chi bộ đã sửa trong biểu mẫu", hanh_dong="luu")
    values["noi_dung"] = values["noi_dung"].replace(UNIQUE, "Đoạn sửa tay sẽ được thay theo tệp")
    assert c.post(f"/soan/luu/van-ban/{page}", data=values).status_code == 200
    count = len(list((project / "docs/ke-hoach").glob("*.md")))
    offer = upload(c, source.read_bytes())  # the importer's own rule (NH012): the same document
    assert "đã được nhập" in offer.text and page in offer.text
    assert len(list((project / "docs/ke-hoach").glob("*.md"))) == count
    token = re.search(r'name="tai_len" value="(\w+)"', offer.text).group(1)
    reply = c.post("/soan/nhap-tu-word/cap-nhat", data={"csrf": csrf_of(offer.text), "tai_len": token,
                                                         "van_ban": page, "hanh_dong": "cap-nhat"})
    assert reply.url.path == f"/soan/van-ban/{page}"
    assert len(list((project / "docs/ke-hoach").glob("*.md"))) == count  # never a second copy
    assert UNIQUE in path.read_text()  # the body from the file again
    assert "Chi bộ đã sửa trong biểu mẫu" in path.read_text()  # the facts edited by hand are kept
    assert git_log(project)[0].startswith("bithu|Cập nhật ")


def test_a_corrected_word_file_replaces_the_body_and_keeps_the_facts(app, project: Path, tmp_path: Path):
    c = client(app)
    page, text = imported(c, tmp_path)
    values = form_of(text)
    values.update(chi_bo="Chi bộ đã sửa trong biểu mẫu", hanh_dong="luu")
    saved = c.post(f"/soan/luu/van-ban/{page}", data=values)
    corrected = plan_docx(tmp_path / "ke-hoach-da-sua.docx", extra="Đoạn văn mới thêm khi sửa lại tệp Word.")
    reply = c.post(f"/soan/thay-noi-dung/van-ban/{page}", data={"csrf": csrf_of(saved.text)},
                   files={"tep": (corrected.name, corrected.read_bytes(), "application/octet-stream")})
    assert reply.status_code == 200 and reply.url.path == f"/soan/van-ban/{page}"
    source = (project / "docs" / page).read_text()
    assert "Đoạn văn mới thêm" in source and UNIQUE not in source
    assert "Chi bộ đã sửa trong biểu mẫu" in source


@pytest.mark.parametrize("name,data,words", [
    ("cu.doc", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "Lưu thành"),
    ("anh.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "NH001"),
    ("ghi-chu.txt", "Văn bản".encode(), ".docx"),
])
def test_files_that_are_not_word_get_a_message(app, project: Path, name, data, words):
    c = client(app)
    before = sorted(p.name for p in (project / "docs").rglob("*.md"))
    reply = upload(c, data, name)
    assert reply.status_code == 400 and words in reply.text and "Traceback" not in reply.text
    assert sorted(p.name for p in (project / "docs").rglob("*.md")) == before


def test_zip_bomb_and_oversized_files_are_refused(app, project: Path):
    c = client(app)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (300 * 2**20))
    reply = upload(c, bomb.getvalue(), "bom.docx")
    assert reply.status_code == 400 and "NH003" in reply.text
    reply = upload(c, b"PK" + b"\0" * (21 * 2**20), "lon.docx")
    assert reply.status_code == 413 and "MB" in reply.text


# --- the form ----------------------------------------------------------------------------

def test_fixing_two_facts_removes_the_problems_and_keeps_yaml_comments(app, project: Path, tmp_path: Path):
    c = client(app)
    page, text = imported(c, tmp_path)
    values = form_of(text)
    values.update(cap_tren="Đảng bộ Phường Thạch Bàn", chi_bo="Chi bộ Trường Mầm non Hoa Mai", hanh_dong="luu")
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 200 and "Không có lỗi" in reply.text and "TT002" not in reply.text
    source = (project / "docs" / page).read_text()
    assert "# " in source.split("---")[1]  # the comments the importer wrote are still there
    assert git_log(project)[0].startswith("bithu|Lưu ")


def test_a_form_value_with_yaml_or_html_stays_text(app, project: Path, tmp_path: Path):
    c = client(app)
    page, text = imported(c, tmp_path)
    values = form_of(text)
    hostile = 'x"\n---\nmat: false\nnhap: false <script>alert(1)</script> {{ 7*7 }}'
    values.update(chi_bo=hostile, nguoi_ky="yes", so="14:00", hanh_dong="luu")
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 200
    meta = yaml.safe_load((project / "docs" / page).read_text().split("---\n")[1])
    assert meta["chi_bo"] == " ".join(hostile.split()) and meta["nhap"] is True
    assert meta["nguoi_ky"] == "yes" and meta["so"] == "14:00"
    assert "<script>alert(1)" not in reply.text and "&lt;script&gt;" in reply.text


def test_a_broken_front_matter_is_edited_as_text_then_the_form_comes_back(app, project: Path, tmp_path: Path):
    c = client(app)
    page, _ = imported(c, tmp_path)
    path = project / "docs" / page
    good = path.read_text()
    path.write_text(good.replace("nam: 2023", 'nam: "2023', 1))  # the quote left open (issue 21)
    reply = c.get(f"/soan/van-ban/{page}")
    assert reply.status_code == 200 and 'name="toan_van"' in reply.text and 'name="chi_bo"' not in reply.text
    assert "VB003" in reply.text and "viết sai" in reply.text
    assert "/soan/ban-hanh/" not in reply.text
    values = form_of(reply.text)
    values["toan_van"] = values["toan_van"].replace('nam: "2023', 'nam: "2023"', 1)
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 200 and 'name="chi_bo"' in reply.text
    assert path.read_text() == good.replace("nam: 2023", 'nam: "2023"', 1)
    assert git_log(project)[0].startswith("bithu|Sửa trực tiếp ")


def test_two_people_saving_the_same_document_the_second_is_told(app, project: Path, tmp_path: Path):
    first = client(app)
    page, text = imported(first, tmp_path)
    second = client(app)
    their = form_of(second.get(f"/soan/van-ban/{page}").text)
    mine = form_of(text)
    mine.update(chi_bo="Chi bộ A", hanh_dong="luu")
    assert first.post(f"/soan/luu/van-ban/{page}", data=mine).status_code == 200
    their.update(chi_bo="Chi bộ B", noi_dung=their["noi_dung"] + "\nĐoạn của người thứ hai.", hanh_dong="luu")
    reply = second.post(f"/soan/luu/van-ban/{page}", data=their)
    assert reply.status_code == 409 and "người khác lưu" in reply.text
    assert "Đoạn của người thứ hai." in reply.text  # nothing lost: still in the form
    assert "chi_bo: \"Chi bộ A\"" in (project / "docs" / page).read_text()


def test_history_lists_saves_and_restores_an_earlier_version(app, project: Path, tmp_path: Path):
    c = client(app)
    page, text = imported(c, tmp_path)
    original = (project / "docs" / page).read_text()
    values = form_of(text)
    values.update(chi_bo="Chi bộ tạm", hanh_dong="luu")
    c.post(f"/soan/luu/van-ban/{page}", data=values)
    history = c.get(f"/soan/lich-su/van-ban/{page}")
    assert "Nhập văn bản từ tệp Word" in history.text and "Chi bộ tạm" in history.text
    commits = re.findall(r'name="phien_ban" value="(\w+)"', history.text)
    assert commits
    reply = c.post(f"/soan/khoi-phuc/van-ban/{page}", data={"csrf": csrf_of(history.text), "phien_ban": commits[-1]})
    assert reply.status_code == 200, reply.text[-800:]
    assert (project / "docs" / page).read_text() == original
    assert git_log(project)[0].startswith("bithu|Khôi phục ")


def test_new_month_prefills_from_the_template(app, project: Path):
    c = client(app)
    home = c.get("/soan/")
    assert "Tạo nghị quyết tháng" in home.text
    reply = c.post("/soan/thang-moi", data={"csrf": csrf_of(home.text), "thang": "2022-04"})
    assert reply.status_code == 200 and reply.url.path == "/soan/van-ban/nghi-quyet/2022-04-nghi-quyet.md"
    assert (project / "docs/nghi-quyet/2022-04-nghi-quyet.md").is_file()
    again = c.post("/soan/thang-moi", data={"csrf": csrf_of(reply.text), "thang": "2022-04"})
    assert again.status_code == 400 and "không ghi đè" in again.text


# --- roles, Mật and the publish ---------------------------------------------------------

def test_an_editor_cannot_publish(app, project: Path, dest: Path, tmp_path: Path):
    c = client(app, "soanthao")
    page, text = imported(c, tmp_path)
    assert "Bí thư hoặc Phó Bí thư sẽ ban hành" in text
    version = re.search(r'name="phien_ban" value="(\w+)"', text).group(1)
    reply = c.post(f"/soan/ban-hanh/van-ban/{page}", data={"csrf": csrf_of(text), "phien_ban": version})
    assert reply.status_code == 403 and "chỉ được soạn bản nháp" in reply.text
    assert not dest.exists()
    reply = c.post("/soan/quay-lai", data={"csrf": csrf_of(text)})
    assert reply.status_code == 403


def test_an_editor_cannot_change_a_published_document(app, project: Path):
    c = client(app, "soanthao")
    page = "ke-hoach/2022-ke-hoach-hoat-dong.md"
    before = (project / "docs" / page).read_bytes()
    values = form_of(c.get(f"/soan/van-ban/{page}").text)
    values.update(chi_bo="Chi bộ khác", hanh_dong="luu")
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 403 and "chỉ Bí thư hoặc Phó Bí thư" in reply.text
    assert (project / "docs" / page).read_bytes() == before


def test_marking_mat_asks_for_confirmation_and_never_publishes(app, project: Path, dest: Path, tmp_path: Path,
                                                              monkeypatch):
    monkeypatch.setenv("CHIBO_PDF", "0")
    c = client(app)
    page, text = imported(c, tmp_path)
    values = form_of(text)
    values.update(cap_tren="Đảng bộ Phường Thạch Bàn", chi_bo="Chi bộ Trường Mầm non Hoa Mai", mat="1",
                  hanh_dong="luu")
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 400 and "xác nhận" in reply.text
    assert "mat:" not in (project / "docs" / page).read_text()
    values["xac_nhan_mat"] = "1"
    reply = c.post(f"/soan/luu/van-ban/{page}", data=values)
    assert reply.status_code == 200 and "Mật" in reply.text and "mat: true" in (project / "docs" / page).read_text()
    assert "/soan/ban-hanh/" not in reply.text
    version = re.search(r'name="phien_ban" value="(\w+)"', reply.text).group(1)
    refused = c.post(f"/soan/ban-hanh/van-ban/{page}", data={"csrf": csrf_of(reply.text), "phien_ban": version})
    assert refused.status_code == 400 and "Mật" in refused.text
    # the site published as the desk publishes it: the confidential document is not there, nor its words
    outcome = publish_site(project, dest, None)
    assert outcome.ok, outcome.messages
    files = [p for p in dest.resolve().rglob("*") if p.is_file()]
    assert files and not any(UNIQUE.encode() in p.read_bytes() for p in files)


def test_publish_puts_the_document_on_the_site_with_its_address_and_qr(project: Path, dest: Path, tmp_path: Path,
                                                                      monkeypatch):
    monkeypatch.setenv("CHIBO_PDF", "0")
    app = create_app(project, dest, "https://intranet.truong.local/chibo/")
    assert publish_site(project, dest, None).ok  # the live site before the document
    c = client(app)
    page, reply = imported_and_published(c, tmp_path)
    assert reply.status_code == 200, reply.text[-2000:]
    slug = page.removesuffix(".md")
    assert f"https://intranet.truong.local/chibo/{slug}/" in reply.text and "<svg" in reply.text
    assert UNIQUE in (dest / slug / "index.html").read_text()
    assert "nhap: false" in (project / "docs" / page).read_text()
    assert "INFO" not in reply.text and "WARNING" not in reply.text
    assert any(line.startswith("bithu|Ban hành ") for line in git_log(project))
    # Quay lại bản trước: the version without the document is live again
    reply = c.post("/soan/quay-lai", data={"csrf": csrf_of(reply.text)})
    assert reply.status_code == 200 and not (dest / slug).exists()


def test_withdraw_takes_the_document_off_the_site(project: Path, dest: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CHIBO_PDF", "0")
    app = create_app(project, dest)
    c = client(app)
    page, reply = imported_and_published(c, tmp_path)
    slug = page.removesuffix(".md")
    assert reply.status_code == 200 and (dest / slug / "index.html").is_file()
    again = c.get(f"/soan/van-ban/{page}")
    reply = c.post(f"/soan/go-xuong/van-ban/{page}", data={"csrf": csrf_of(again.text)})
    assert reply.status_code == 200, reply.text[-1500:]
    assert not (dest / slug).exists() and "nhap: true" in (project / "docs" / page).read_text()


def test_summary_of_build_output_is_vietnamese_only():
    output = ("INFO    -  Cleaning site directory\nWARNING -  A reference to 'x.md' is included in the 'nav' "
              "configuration, but this file is excluded\nLỖI: docs/a.md:3: TT004 ngày không có thật\n"
              "make: *** [Makefile:12: site] Error 1\n")
    lines = summarise(output)
    assert any("TT004" in line for line in lines)
    assert not any(re.search(r"\b(INFO|WARNING|reference|Error)\b", line) for line in lines)
    assert any("tiếng Anh" in line for line in lines)


def test_unknown_addresses_answer_in_vietnamese(app):
    c = client(app)
    reply = c.get("/soan/khong-co")
    assert reply.status_code == 404 and "Không có trang này" in reply.text
    reply = c.get("/soan/van-ban/../../etc/passwd.md")
    assert reply.status_code in (400, 404) and "root:" not in reply.text


def test_login_pages_left_open_cannot_fill_the_memory(app, monkeypatch):
    monkeypatch.setattr("chibo.desk.sessions.MAX_ANONYMOUS", 5)
    signed_in = client(app)
    first = client(app, None)
    page = first.get("/soan/dang-nhap")
    for _ in range(20):
        client(app, None).get("/soan/dang-nhap")
    assert signed_in.get("/soan/").url.path == "/soan/"  # the account's session is kept
    # the oldest login page's session is gone: its form is refused, as an expired one
    reply = first.post("/soan/dang-nhap", data={"csrf": csrf_of(page.text), "ten": "bithu", "mat_khau": PASSWORD})
    assert reply.status_code == 403 and "hết hạn" in reply.text


def test_make_desk_refuses_a_busy_port_and_a_folder_without_project_in_vietnamese(project: Path, tmp_path: Path):
    import socket

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "chibo.desk", "--project", str(project), "--dest",
                                 str(tmp_path / "www"), "--port", str(port)], env=env, capture_output=True,
                                text=True, timeout=60)
    assert result.returncode == 1 and "đang có chương trình khác dùng" in result.stderr
    assert "Errno" not in result.stderr + result.stdout
    result = subprocess.run([sys.executable, "-m", "chibo.desk", "--project", str(tmp_path), "--port", "0"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "cổng 0 không hợp lệ" in result.stderr
