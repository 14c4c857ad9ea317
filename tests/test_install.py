"""The site installs on a phone (issue 22): manifest, icons, iPhone tags, the page
"Cài lên điện thoại" with the QR code of the site's address, the CA certificate's address
and an honest word on calendars. The real build (read, check, stage, render, scan) with SITE_URL, as "make publish" does."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from chibo.rendering import install_page
from conftest import ROOT, build_env

SITE_URL = "https://intranet/chibo/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("install") / "site"
    env = {**build_env(), "SITE_URL": SITE_URL, "CHIBO_PDF": "0"}
    result = subprocess.run([sys.executable, "-m", "chibo.commands.site", "--project", str(ROOT), "--site-dir", str(out),
                             "--no-pdf"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def test_manifest_makes_the_site_an_app(site: Path):
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Văn bản Chi bộ Trường Mầm non Hoa Mai"
    assert manifest["short_name"] == "Văn bản chi bộ" and len(manifest["short_name"]) <= 15
    assert manifest["lang"] == "vi" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"
    assert manifest["theme_color"].upper() == "#DA251D"
    sizes = {}
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO((site / icon["src"]).read_bytes()))
        assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        sizes.setdefault(icon["purpose"], set()).add(image.width)
    assert sizes == {"any": {192, 512}, "maskable": {512}}


def test_maskable_icon_keeps_its_drawing_in_the_safe_zone(site: Path):
    image = Image.open(site / "assets/images/ung-dung/icon-maskable-512.png").convert("RGB")
    red = image.getpixel((0, 0))
    drawn = [(x, y) for x in range(0, 512, 4) for y in range(0, 512, 4) if image.getpixel((x, y)) != red]
    assert drawn and all((x - 256) ** 2 + (y - 256) ** 2 <= (0.4 * 512) ** 2 for x, y in drawn)


def test_every_page_has_the_tags_a_phone_reads(site: Path):
    for page in ("index.html", "ke-hoach/2022-ke-hoach-hoat-dong/index.html", "cai-len-dien-thoai/index.html"):
        source = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="manifest" href="(\.\./)*manifest\.webmanifest">', source), page
        assert '<meta name="theme-color" content="#DA251D">' in source
        assert '<meta name="apple-mobile-web-app-capable" content="yes">' in source
        assert '<meta name="apple-mobile-web-app-title" content="Văn bản chi bộ">' in source
        assert re.search(r'<link rel="apple-touch-icon" href="[./]*assets/images/ung-dung/apple-touch-icon-180\.png">',
                         source)
        assert re.search(r'<script src="[./]*assets/javascripts/ban-luu\.js"></script>', source)


def test_install_page_has_qr_certificate_and_honest_calendar(site: Path):
    source = (site / "cai-len-dien-thoai/index.html").read_text(encoding="utf-8")
    article = source[source.index("<article"):source.index("</article>")]
    assert 'href="http://intranet/chibo-ca.crt"' in article  # plain HTTP: fetched before trusting
    qr = re.search(r'<img alt="Mã QR của địa chỉ trang: https://intranet/chibo/"[^>]*src="([^"]+)"', article)
    svg = (site / "cai-len-dien-thoai" / qr.group(1)).resolve()
    assert svg.is_relative_to(site.resolve()) and svg.read_bytes().startswith(b"<svg")
    assert b"https://intranet/chibo/" in svg.read_bytes()  # its title
    text = re.sub(r"<[^>]+>", " ", article)
    for words in ("Android", "iPhone", "Cài đặt tin cậy chứng nhận", "Thêm vào màn hình chính", "Thêm vào MH chính",
                  "Lưu để đọc khi không có mạng", "Đã cập nhật văn bản mới",
                  "chỉ khi điện thoại ở trong mạng của trường", "không dùng được"):
        assert words in text, words
    assert 'href="../sinh-hoat/lich-sinh-hoat.ics"' in article and 'href="../#thang-nay"' in article
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="cai-len-dien-thoai/"' in nav


def test_the_qr_code_is_the_address():
    svg = install_page.qr_svg("https://intranet/chibo/").decode()
    assert svg.startswith("<svg") and "Mã QR: https://intranet/chibo/" in svg and "<path" in svg
    assert install_page.qr_svg("https://intranet/chibo/") != install_page.qr_svg("https://khac/chibo/")


def test_ca_address_is_plain_http_on_the_sites_host():
    assert install_page.ca_address("https://intranet:8443/chibo/") == "http://intranet/chibo-ca.crt"
    assert install_page.ca_address("https://192.168.1.10/chibo/") == "http://192.168.1.10/chibo-ca.crt"
    assert install_page.ca_address("") == ""


def test_no_address_no_qr(tmp_path: Path):
    page = install_page.page("", lambda target, anchor="": target, calendar="a.ics", home="index.md",
                             meetings="s.md")
    assert "Mã QR" not in page and "người phụ trách máy chủ" in page
    assert os.path.basename(install_page.QR_FILE) not in page


def test_no_service_worker_while_writing():
    import importlib
    from types import SimpleNamespace

    webapp_hook = importlib.import_module("hooks.webapp")
    for command, registered in (("serve", False), ("build", True)):
        webapp_hook.on_startup(command=command, dirty=False)
        config = SimpleNamespace(extra_javascript=[], extra_css=[], extra={})
        webapp_hook.on_config(config)
        assert (webapp_hook.SCRIPT in config.extra_javascript) is registered, command
