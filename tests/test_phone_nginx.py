"""What a phone needs from Debian's nginx with deploy/nginx/chibo.conf (issue 22): the meeting
calendar served as a calendar, the web app manifest as a manifest, the service worker as a
script, still behind the password and with the site's security headers, and the school's CA
certificate offered on plain HTTP with the type a phone installs."""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import pytest

from webserver import Nginx, fetch, free_port, start_nginx


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    work = tmp_path_factory.mktemp("phone-nginx")
    site = work / "site"
    (site / "sinh-hoat").mkdir(parents=True)
    (site / "sinh-hoat/lich-sinh-hoat.ics").write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    (site / "manifest.webmanifest").write_text('{"name": "Văn bản chi bộ"}', encoding="utf-8")
    (site / "sw.js").write_text('"use strict";\n')
    (site / "index.html").write_text("<!doctype html><title>x</title>")
    nginx = start_nginx(work / "nginx", site, free_port())
    try:
        yield nginx
    finally:
        nginx.stop()


@pytest.mark.parametrize("path, content_type", [
    ("sinh-hoat/lich-sinh-hoat.ics", "text/calendar; charset=utf-8"),
    ("manifest.webmanifest", "application/manifest+json; charset=utf-8"),
    ("sw.js", "application/javascript; charset=utf-8"),
    ("index.html", "text/html; charset=utf-8"),
])
def test_types_a_phone_understands(served: Nginx, path: str, content_type: str):
    response = fetch(served.base + path)
    assert response.status == 200, path
    assert response.headers["content-type"] == content_type
    # still the site's location: its headers, its password
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "noindex" in response.headers["x-robots-tag"]
    assert fetch(served.base + path, auth=False).status == 401


def test_the_calendar_is_the_file_itself(served: Nginx):
    assert fetch(served.base + "sinh-hoat/lich-sinh-hoat.ics").body.startswith(b"BEGIN:VCALENDAR")
    assert fetch(served.base + "sinh-hoat/khong-co.ics").status == 404


def test_the_ca_certificate_is_offered_before_trust(served: Nginx):
    connection = http.client.HTTPConnection("127.0.0.1", served.http_port, timeout=10)
    try:
        connection.request("GET", "/chibo-ca.crt")
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/x-x509-ca-cert"
    assert body == served.cafile.read_bytes() and body.startswith(b"-----BEGIN CERTIFICATE-----")
