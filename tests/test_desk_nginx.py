"""The desk behind the shipped nginx configuration (location /soan/, same TLS server) and
the shipped systemd unit, for real: Debian's nginx on 127.0.0.1 in front of ``python -m
chibo.desk``; the cookie is Secure over HTTPS; a too-large upload gets a Vietnamese page."""

from __future__ import annotations

import configparser
import http.client
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.corpus import copy_project
from conftest import ROOT
from deskutil import PASSWORD, add_accounts, csrf_of, running_desk
from webserver import _TLS, Nginx, free_port, start_nginx

UNIT = ROOT / "deploy" / "systemd" / "chibo-desk.service"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Nginx, int]]:
    work = tmp_path_factory.mktemp("desk-nginx")
    project = copy_project(work / "project")
    add_accounts(project)
    webroot = work / "www" / "chibo"
    webroot.mkdir(parents=True)
    (webroot / "index.html").write_text("<!doctype html><title>Chi bộ</title>", encoding="utf-8")
    desk_port = free_port()
    with running_desk(project, webroot, desk_port):
        port = free_port()
        nginx = start_nginx(work / "nginx", webroot, port, desk_port=desk_port)
        try:
            yield nginx, port
        finally:
            nginx.stop()


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None):
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=_TLS, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    reply = connection.getresponse()
    return reply.status, reply.headers, reply.read().decode("utf-8", "replace")


def test_the_desk_is_served_over_tls_with_a_secure_cookie(served):
    nginx, port = served
    status, headers, _ = request(port, "GET", "/soan/")
    assert status == 303 and headers["location"] == "/soan/dang-nhap"
    status, headers, text = request(port, "GET", "/soan/dang-nhap")
    assert status == 200 and "Đăng nhập" in text
    cookie = headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert "script-src 'none'" in headers["content-security-policy"]
    # logging in through nginx
    token, session = csrf_of(text), headers["set-cookie"].split(";")[0]
    form = f"csrf={token}&ten=bithu&mat_khau={PASSWORD}".encode()
    status, headers, _ = request(port, "POST", "/soan/dang-nhap", form, {
        "Cookie": session, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303 and "secure" in headers["set-cookie"].lower()
    status, _, text = request(port, "GET", "/soan/", headers={"Cookie": headers["set-cookie"].split(";")[0]})
    assert status == 200 and "Nhập văn bản từ Word" in text


def test_plain_http_redirects_and_a_too_large_upload_is_refused_in_vietnamese(served):
    nginx, port = served
    connection = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
    connection.request("GET", "/soan/")
    reply = connection.getresponse()
    assert reply.status == 301 and reply.headers["location"].startswith("https://")
    status, _, text = request(port, "POST", "/soan/nhap-tu-word", b"x" * (22 * 2**20),
                              {"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 413 and "lớn quá 20 MB" in text


def test_the_systemd_unit_runs_the_desk_on_the_port_nginx_proxies_to():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(UNIT, encoding="utf-8")
    start = unit["Service"]["ExecStart"]
    assert "-m chibo.desk" in start and "--port 8001" in start and "--dest /var/www/chibo" in start
    conf = (ROOT / "deploy" / "nginx" / "chibo.conf").read_text(encoding="utf-8")
    assert "proxy_pass http://127.0.0.1:8001;" in conf
    assert "/var/www" in unit["Service"]["ReadWritePaths"] and unit["Service"]["ProtectSystem"] == "strict"
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    local = UNIT.read_text(encoding="utf-8").replace("/srv/chibo/.venv/bin/python", sys.executable)
    local = local.replace("User=chibo", "User=root").replace("Group=chibo", "Group=root")
    checked = Path(os.environ.get("TMPDIR", "/tmp")) / f"chibo-desk-{os.getpid()}.service"
    checked.write_text(local, encoding="utf-8")
    try:
        result = subprocess.run([analyze, "verify", str(checked)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        checked.write_text(local.replace("ExecStart=", "ExecStart=relative/"), encoding="utf-8")
        broken = subprocess.run([analyze, "verify", str(checked)], capture_output=True, text=True)
        assert broken.returncode != 0  # the check can fail
    finally:
        checked.unlink(missing_ok=True)
