"""HTTPS on the intranet, for real: deploy/nginx/make-certificate.sh makes the school's CA and
server certificate, Debian's nginx serves deploy/nginx/chibo.conf on 127.0.0.1 with them;
the certificate verifies against that CA (and only it), members only (401 / 200), plain HTTP
redirects to HTTPS, HSTS, and password guessing is refused (429), not only slowed, while
members holding the server's cookie read on."""

from __future__ import annotations

import base64
import http.client
import http.cookiejar
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from webserver import PASSWORD, USER, Nginx, free_port, make_certificate, start_nginx

PAGE = "<!doctype html><title>Chi bộ</title><p>Văn bản của Chi bộ</p>"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    work = tmp_path_factory.mktemp("tls")
    webroot = work / "www" / "chibo"
    webroot.mkdir(parents=True)
    (webroot / "index.html").write_text(PAGE, encoding="utf-8")
    (webroot / "404.html").write_text("<!doctype html><title>Không có</title>", encoding="utf-8")
    nginx = start_nginx(work / "nginx", webroot, free_port())
    try:
        yield nginx
    finally:
        nginx.stop()


def get(url: str, context: ssl.SSLContext, password: str | None = None) -> int:
    request = urllib.request.Request(url)
    if password is not None:
        token = base64.b64encode(f"{USER}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                         urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def ca_context(cafile: Path) -> ssl.SSLContext:
    """What a phone does once the school's CA is installed: verify chain and host name."""
    context = ssl.create_default_context(cafile=str(cafile))
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    return context


def test_script_makes_a_ca_and_a_server_certificate(tmp_path):
    made = make_certificate(tmp_path / "tls", "intranet", "192.168.1.10")
    assert made.returncode == 0, made.stderr
    ca, server = tmp_path / "tls" / "ca.crt", tmp_path / "tls" / "server.crt"
    verify = subprocess.run(["openssl", "verify", "-CAfile", str(ca), str(server)],
                            capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    text = subprocess.run(["openssl", "x509", "-in", str(server), "-noout", "-text"],
                          capture_output=True, text=True, check=True).stdout
    assert "DNS:intranet" in text and "IP Address:192.168.1.10" in text
    assert "TLS Web Server Authentication" in text and "CA:FALSE" in text
    assert (tmp_path / "tls" / "server.key").stat().st_mode & 0o077 == 0
    assert (tmp_path / "tls" / "ca.key").stat().st_mode & 0o077 == 0
    # run again (new IP): the CA the phones trust stays the same
    before = ca.read_bytes()
    again = make_certificate(tmp_path / "tls", "intranet", "192.168.1.11")
    assert again.returncode == 0, again.stderr
    assert ca.read_bytes() == before
    # bad input: a message in Vietnamese, no certificate
    bad = make_certificate(tmp_path / "bad", "tên có dấu cách")
    assert bad.returncode == 2 and "không hợp lệ" in bad.stderr
    assert not (tmp_path / "bad" / "server.crt").exists()


def test_https_verifies_against_the_school_ca_only(served):
    trusted = ca_context(served.cafile)
    assert get(served.base, trusted) == 401
    assert get(served.base, trusted, PASSWORD) == 200
    assert get(served.base, trusted, "sai mat khau") == 401
    # a phone without the school's CA refuses the certificate
    with pytest.raises(urllib.error.URLError) as refused:
        get(served.base, ssl.create_default_context())
    assert isinstance(refused.value.reason, ssl.SSLCertVerificationError)
    # and the certificate names the host: another name does not verify
    other = ssl.create_default_context(cafile=str(served.cafile))
    port = int(served.base.split(":")[2].split("/")[0])
    with pytest.raises(ssl.SSLCertVerificationError):
        with other.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5),
                               server_hostname="intranet.example"):
            pass


def test_plain_http_redirects_to_https_and_hands_out_the_ca(served):
    port = int(served.base.split(":")[2].split("/")[0])
    for path in ("/chibo/", "/chibo/ke-hoach/?q=1", "/"):
        connection = http.client.HTTPConnection("127.0.0.1", served.http_port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        assert response.status in (301, 308), (path, response.status)
        assert response.getheader("Location") == f"https://127.0.0.1:{port}{path}"
        assert "Văn bản".encode() not in body
    connection = http.client.HTTPConnection("127.0.0.1", served.http_port, timeout=10)
    try:
        connection.request("GET", "/chibo-ca.crt")
        response = connection.getresponse()
        assert response.status == 200
        assert response.read() == served.cafile.read_bytes()
        assert response.getheader("Content-Type") == "application/x-x509-ca-cert"
    finally:
        connection.close()


def test_hsts_on_every_https_answer(served):
    trusted = ca_context(served.cafile)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=trusted))
    for password in (None, PASSWORD):
        request = urllib.request.Request(served.base)
        if password:
            request.add_header("Authorization", "Basic " + base64.b64encode(f"{USER}:{password}".encode()).decode())
        try:
            with opener.open(request, timeout=10) as response:
                headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        assert headers.get("Strict-Transport-Security") == "max-age=31536000", (password, dict(headers))


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Nginx]:
    """A server of its own: the guessing limit is per client address, and every test here
    comes from 127.0.0.1."""
    webroot = tmp_path / "www" / "chibo"
    webroot.mkdir(parents=True)
    (webroot / "index.html").write_text(PAGE, encoding="utf-8")
    nginx = start_nginx(tmp_path / "nginx", webroot, free_port())
    try:
        yield nginx
    finally:
        nginx.stop()


class Reader:
    """A member's browser: it logs in once and keeps the server's cookie."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                                  urllib.request.HTTPSHandler(context=context),
                                                  urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> int:
        request = urllib.request.Request(url)
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode())
        try:
            with self.opener.open(request, timeout=10) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            error.read()
            return error.code


def test_a_steady_ten_guesses_a_second_is_refused(fresh):
    trusted = ca_context(fresh.cafile)
    reader = Reader(trusted)
    assert reader.get(fresh.base) == 200  # logged in before the attack, from the same address
    statuses = []
    started = time.monotonic()
    for i in range(40):  # 10 a second, for 4 s
        time.sleep(max(0.0, started + i / 10 - time.monotonic()))
        statuses.append(get(fresh.base, trusted, f"doan-{i}"))
    assert set(statuses) <= {401, 429}, statuses
    assert statuses[:10] == [401] * 10, statuses  # a few mistakes are only mistakes
    assert statuses[12:].count(429) >= len(statuses[12:]) - 1, statuses  # then refused
    # refused for a while: even the right password, without the members' cookie
    assert get(fresh.base, trusted, PASSWORD) == 429
    # the member who was logged in reads on, through the attack and after it
    assert all(reader.get(fresh.base) == 200 for _ in range(30))


def test_a_burst_of_guesses_is_refused_and_the_limit_lifts(fresh):
    trusted = ca_context(fresh.cafile)
    # a reader opening pages one after another is never refused
    reader = Reader(trusted)
    assert all(reader.get(fresh.base) == 200 for _ in range(30))
    # a burst of wrong passwords from one address: refused with 429 past the first ten
    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = Counter(pool.map(lambda i: get(fresh.base, trusted, f"doan-{i}"), range(100)))
    assert set(statuses) <= {401, 429}, statuses
    assert statuses[429] >= 80, statuses
    # the limit lifts by itself: the right password works again within a quarter of a minute
    deadline = time.monotonic() + 15
    status = 0
    while time.monotonic() < deadline:
        status = get(fresh.base, trusted, PASSWORD)
        if status == 200:
            break
        time.sleep(1)
    assert status == 200
