"""The secretary's whole path in a real browser (Debian's Chromium): log in, upload a Word
file, fix two facts, a problem disappears, "Ban hành", and a member finds the document on
the published site (a real web server on 127.0.0.1) and in its search; and the refusals."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.corpus import copy_project
from deskutil import PASSWORD, UNIQUE, add_accounts, plan_docx, running_desk
from httpserve import serve
from webserver import free_port

SECRET_WORD = "Bimatnoibo"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    work = tmp_path_factory.mktemp("desk-browser")
    project = copy_project(work / "project")
    add_accounts(project)
    (work / "www").mkdir()
    dest = work / "www" / "chibo"
    with serve(work / "www") as site, running_desk(project, dest, free_port(), "--site-url", f"{site}chibo/",
                                                  env={"CHIBO_PDF": "0"}) as url:
        yield {"desk": url, "site": f"{site}chibo/", "project": project, "dest": dest, "work": work}


def log_in(context, url: str, user: str, password: str = PASSWORD):
    page = context.new_page()
    page.goto(f"{url}/soan/")
    assert page.url.endswith("/soan/dang-nhap")
    page.fill("input[name=ten]", user)
    page.fill("input[name=mat_khau]", password)
    page.click("button:has-text('Đăng nhập')")
    return page


def upload(page, path: Path) -> None:
    page.set_input_files("input[name=tep]", str(path))
    page.click("button:has-text('Tải lên')")
    page.wait_for_selector("#bieu-mau")


def test_the_secretarys_path_from_word_to_the_published_site(browser, setup, artifacts: Path):
    desk, site, dest = setup["desk"], setup["site"], setup["dest"]
    context = browser.new_context(locale="vi-VN")
    # a wrong password is refused
    page = log_in(context, desk, "bithu", "khong-dung-mat-khau")
    assert "Sai tên tài khoản hoặc mật khẩu" in page.inner_text("main")
    page.close()
    page = log_in(context, desk, "bithu")
    assert "Bản nháp" in page.inner_text("main")

    # a confidential document: marked Mật (with its confirmation), never offered for publishing
    upload(page, plan_docx(setup["work"] / "ke-hoach-mat.docx", year=2024,
                           extra=f"Nội dung {SECRET_WORD} chỉ lưu trong chi bộ."))
    page.check("input[name=mat]")
    page.click("button:has-text('Lưu')")
    assert "xác nhận" in page.inner_text("main")
    page.go_back()
    page.check("input[name=mat]")
    page.check("input[name=xac_nhan_mat]")
    page.click("button[value=luu]")
    assert page.locator("h1 .mat").count() == 1
    assert page.locator("button:has-text('Ban hành')").count() == 0
    secret_address = page.url

    # the plan: upload, two facts are empty, fixing one removes one problem, then the other
    page.goto(f"{desk}/soan/")
    upload(page, plan_docx(setup["work"] / "ke-hoach-2023.docx"))
    draft_address = page.url
    problems = page.locator("li.loi-muc")
    assert problems.count() == 2 and "cap_tren" in problems.first.inner_text()
    assert page.locator("button:has-text('Ban hành')").is_disabled()
    assert "còn trống" in page.inner_text("#truong-cap_tren")
    page.fill("#o-cap_tren", "Đảng bộ Phường Thạch Bàn")
    page.click("button[value=luu]")
    assert page.locator("li.loi-muc").count() == 1 and "cap_tren" not in page.locator("li.loi-muc").inner_text()
    page.fill("#o-chi_bo", "Chi bộ Trường Mầm non Hoa Mai")
    page.click("button[value=luu]")
    assert page.locator("li.loi-muc").count() == 0 and "Không có lỗi" in page.inner_text("#van-de")
    page.screenshot(path=str(artifacts / "desk-document.png"), full_page=True)

    # Ban hành: the atomic publish, then the address and its QR code
    page.click("button:has-text('Ban hành')", timeout=300_000)
    page.wait_for_selector("a.dia-chi", timeout=300_000)
    address = page.get_attribute("a.dia-chi", "href")
    assert address.startswith(site) and page.locator("figure.qr svg").count() == 1
    page.screenshot(path=str(artifacts / "desk-published.png"), full_page=True)
    assert "INFO" not in page.inner_text("main") and "WARNING" not in page.inner_text("main")

    # a member's browser: the page is there, and the site's search finds it
    member = browser.new_context(locale="vi-VN")
    reader = member.new_page()
    reader.goto(address)
    assert UNIQUE in reader.inner_text("article")
    reader.goto(site)
    query = reader.locator("input.md-search__input")
    query.click()
    query.press_sequentially(UNIQUE, delay=20)
    hit = reader.locator(".md-search-result__list > li a[href*='2023-ke-hoach']").first
    hit.wait_for(timeout=20_000)
    hit.click()
    reader.wait_for_load_state()
    assert "2023-ke-hoach" in reader.url and UNIQUE in reader.inner_text("article")

    # the confidential document never reached the web root, nor the draft's address a stranger
    files = [p for p in dest.resolve().rglob("*") if p.is_file()]
    assert files and not any(SECRET_WORD.encode() in p.read_bytes() for p in files)
    stranger = member.new_page()
    for where in (secret_address, draft_address):
        stranger.goto(where)
        assert stranger.url.endswith("/soan/dang-nhap") and SECRET_WORD not in stranger.content()
    member.close()

    # a form sent without its CSRF token is refused, nothing written
    source = setup["project"] / "docs" / draft_address.split("/soan/van-ban/")[1]
    before = source.read_bytes()
    page.goto(draft_address)
    page.evaluate("document.querySelector('#bieu-mau input[name=csrf]').remove()")
    page.fill("#o-chi_bo", "Chi bộ khác")
    page.click("button[value=luu]")
    assert "mã bảo vệ" in page.inner_text("main")
    assert source.read_bytes() == before
    context.close()


def test_an_editor_pressing_ban_hanh_is_refused(browser, setup):
    desk = setup["desk"]
    context = browser.new_context(locale="vi-VN")
    page = log_in(context, desk, "soanthao")
    upload(page, plan_docx(setup["work"] / "ke-hoach-2025.docx", year=2025))
    assert page.locator("button:has-text('Ban hành')").count() == 0
    before = os.readlink(setup["dest"]) if setup["dest"].is_symlink() else None
    # the button is not there for this role; a hand-made one is refused by the server
    with page.expect_navigation():
        page.evaluate("""() => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = location.pathname.replace('/soan/van-ban/', '/soan/ban-hanh/van-ban/');
            for (const name of ['csrf', 'phien_ban']) {
                const input = document.createElement('input');
                input.name = name;
                input.value = document.querySelector(`#bieu-mau input[name=${name}]`).value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }""")
    assert "chỉ được soạn bản nháp" in page.inner_text("main")
    assert (os.readlink(setup["dest"]) if setup["dest"].is_symlink() else None) == before
    context.close()


def test_secure_cookie_behind_https_proxy(setup):
    request = urllib.request.Request(f"{setup['desk']}/soan/dang-nhap", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request) as reply:
        cookie = reply.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    with urllib.request.urlopen(f"{setup['desk']}/soan/dang-nhap") as reply:
        assert "secure" not in reply.headers["set-cookie"].lower()
