"""Helpers for the publishing tests: run ``chibo.commands.publish``, and Debian's nginx with the
shipped configuration (deploy/nginx/chibo.conf) on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import http.cookiejar
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, build_env

NGINX = "/usr/sbin/nginx"
USER, PASSWORD = "dangvien", "Mat-khau thu 2022"


def publish_command(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "chibo.commands.publish", *args, *(("--project", str(project))
                                                                if args[0] in ("publish", "offline") else ())]


def run_publish(project: Path, *args: str, env: dict[str, str] | None = None,
                timeout: float = 600) -> subprocess.CompletedProcess[str]:
    environment = build_env()
    environment.update(env or {})
    return subprocess.run(publish_command(project, *args), cwd=project, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def tree_digest(path: Path) -> dict[str, str]:
    """Every file under path (following the top symlink) -> sha256 of its bytes."""
    root = path.resolve()
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def htpasswd_line(user: str, password: str) -> str:
    """A line as "openssl passwd -apr1" makes it (the way the README documents)."""
    hashed = subprocess.run(["openssl", "passwd", "-apr1", "-stdin"], input=password,
                            capture_output=True, text=True, check=True).stdout.strip()
    return f"{user}:{hashed}\n"


MAKE_CERTIFICATE = ROOT / "deploy" / "nginx" / "make-certificate.sh"


def make_certificate(directory: Path, *names: str) -> subprocess.CompletedProcess[str]:
    """The school's CA and server certificate, made by the shipped script."""
    return subprocess.run(["sh", str(MAKE_CERTIFICATE), str(directory), *names],
                          capture_output=True, text=True, timeout=120)


def render_site_conf(webroot: Path, port: int, htpasswd: Path, http_port: int, tls: Path,
                     desk_port: int | None = None) -> str:
    """The shipped server configuration with its placeholders filled in: HTTPS on port,
    the redirecting plain-HTTP server on http_port, the certificates in tls/."""
    text = (ROOT / "deploy" / "nginx" / "chibo.conf").read_text(encoding="utf-8")
    for old, new in (("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("https://$host$request_uri", f"https://$host:{port}$request_uri"),
                     ("/etc/nginx/chibo-tls/", f"{tls}/"),
                     ("/var/www/chibo/", f"{webroot}/"),
                     ("/etc/nginx/chibo.htpasswd", str(htpasswd))):
        assert old in text, f"deploy/nginx/chibo.conf no longer contains {old!r}"
        text = text.replace(old, new)
    if desk_port is not None:
        assert "proxy_pass http://127.0.0.1:8001;" in text, "deploy/nginx/chibo.conf has no desk location"
        text = text.replace("proxy_pass http://127.0.0.1:8001;", f"proxy_pass http://127.0.0.1:{desk_port};")
    return text


@dataclass
class Nginx:
    base: str  # https://127.0.0.1:PORT/chibo/
    process: subprocess.Popen
    prefix: Path
    http_port: int  # the plain-HTTP server that redirects to base
    cafile: Path  # the CA made by deploy/nginx/make-certificate.sh

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_nginx(prefix: Path, webroot: Path, port: int, desk_port: int | None = None) -> Nginx:
    """nginx in the foreground with its own prefix, pid and logs, serving webroot."""
    assert Path(NGINX).is_file(), "nginx is missing: scripts/system-deps.sh test installs it"
    for sub in ("logs", "temp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    htpasswd = prefix / "chibo.htpasswd"
    htpasswd.write_text(htpasswd_line(USER, PASSWORD))
    tls = prefix / "tls"
    made = make_certificate(tls, "localhost", "127.0.0.1")
    assert made.returncode == 0, made.stderr
    _TLS.load_verify_locations(cafile=str(tls / "ca.crt"))
    http_port = free_port()
    (prefix / "chibo.conf").write_text(render_site_conf(webroot, port, htpasswd, http_port, tls, desk_port))
    temp = prefix / "temp"
    (prefix / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    sendfile on;
    include {prefix}/chibo.conf;
}}
""")
    test = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for listening in (port, http_port):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", listening), timeout=0.5):
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                time.sleep(0.05)
        else:
            process.kill()
            raise AssertionError("nginx did not start listening")
    return Nginx(f"https://127.0.0.1:{port}/chibo/", process, prefix, http_port, tls / "ca.crt")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


# HTTPS verified against the CAs of the servers started here (and nothing else).
_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
# Cookies kept, as a reader's browser does (the server's members' cookie, see chibo.conf).
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}),  # never a proxy
                                      urllib.request.HTTPSHandler(context=_TLS),
                                      urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def fetch(url: str, *, auth: bool = True, password: str = PASSWORD,
          headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, headers=dict(headers or {}))
    if auth:
        token = base64.b64encode(f"{USER}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Response(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())



def search(page, query: str) -> int:
    """Type a query into the site's search box as a reader would; number of pages found."""
    box = page.locator("input.md-search__input")
    magnifier = page.locator("header label[for='__search']").first
    if magnifier.is_visible():
        magnifier.click()  # phone: the magnifier opens the search
    else:
        box.click()  # wide screen: the box is in the header
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__list > li")
    results.first.wait_for(state="visible", timeout=15_000)
    return results.count()

