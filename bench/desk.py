"""``python -m bench.desk``: the secretary's desk, timed for real (issue 21).

1. Upload of a 20-page Word file to its preview: the desk served by uvicorn on 127.0.0.1
   (``python -m chibo.desk``), a client logs in and posts the .docx; the time is from the
   request to the complete answer (import, checks, form, preview). Goal ≤ 2 s.
2. "Ban hành" on the real site to the live site: the same draft, its two missing facts
   filled in, then "Ban hành" (nhap: false, the atomic publish with PDFs, the other
   documents' PDFs cached by one publish before); the time is from the click to the
   answer with the public address, the live web root already switched. Goal ≤ 15 s.

The page count of the Word file is the page count of its own PDF on the published site
(pdfinfo). Prints a Markdown table; the figures go to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from docx import Document as WordDocument

from bench.corpus import ROOT, copy_project
from chibo.desk.accounts import Accounts, USERS_FILE

SEED = ROOT.parent / "shared" / "seed" / "ke-hoach-hoat-dong-chi-bo-2022.txt"
PASSWORD = "mat-khau-do-hieu-nang"


def word_file(path: Path, *, year: int = 2023, copies: int = 1, extra: str = "") -> Path:
    """The seed plan as a Word file for ``year``, bold headings, no issuing bodies (cap_tren,
    chi_bo: the secretary fills them in); its body paragraphs ``copies`` times; ``extra``: a
    paragraph after the căn cứ (it also makes each file's bytes differ)."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").replace("2022", str(year))
             .replace("2021", str(year - 1)).splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("I."))
    end = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    body = [line for line in lines[start:end] if not re.match(r"^(?:[IVX]+\.|\d+(?:\.\d+)?\.)\s", line)]
    if extra:
        lines.insert(start, extra)
        end += 1
    word = WordDocument()
    for line in lines[:end] + [f"{line} (phần {n})" for n in range(2, copies + 1) for line in body] + lines[end:]:
        label = re.fullmatch(r"\*{3}\s*(.+?)\*\*", line)
        text = label.group(1) if label else line.replace("*", "")
        heading = bool(re.match(r"^(?:[IVX]+|\d+(?:\.\d+)?)\.\s", text))
        word.add_paragraph().add_run(text).bold = bool(label) or heading or text == "KẾ HOẠCH"
    word.save(path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def csrf(text: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', text).group(1)


def form_fields(text: str) -> dict[str, str]:
    import html

    start = text.index('id="bieu-mau"')
    form = text[start:text.index("</form>", start)]
    values = {n: html.unescape(v) for n, v in re.findall(r'<input[^>]*name="([^"]+)" value="([^"]*)"', form)}
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[name] = html.unescape(value)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen.group(1) if chosen else ""
    for box in ("mat", "xac_nhan_mat"):  # check boxes, left unticked
        values.pop(box, None)
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="times the plan's body is repeated (about 20 pages: 2)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as work_dir:
        work = Path(work_dir)
        project = copy_project(work / "project", with_sources=False)
        Accounts(project / USERS_FILE).set("bithu", "bi-thu", PASSWORD)
        (work / "www").mkdir()
        dest = work / "www" / "chibo"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CHIBO_PDF": "1", "NO_MKDOCS_2_WARNING": "1",
               "CHIBO_PDF_CACHE": str(work / "pdf-cache")}
        # the live site with every other document's PDF cached
        started = time.perf_counter()
        first = subprocess.run([sys.executable, "-m", "chibo.commands.publish", "publish", "--dest", str(dest),
                                "--project", str(project)], env=env, capture_output=True, text=True)
        assert first.returncode == 0, first.stderr[-2000:]
        cold = time.perf_counter() - started
        port = free_port()
        desk = subprocess.Popen([sys.executable, "-m", "chibo.desk", "--project", str(project), "--dest", str(dest),
                                 "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=600, follow_redirects=True) as client:
                for _ in range(300):
                    try:
                        login = client.get("/soan/dang-nhap")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                client.post("/soan/dang-nhap", data={"csrf": csrf(login.text), "ten": "bithu", "mat_khau": PASSWORD})
                uploads, page = [], ""
                for run in range(args.runs):
                    home = client.get("/soan/")
                    docx = word_file(work / f"ke-hoach-20-trang-{run}.docx", copies=args.copies, extra=f"Lần đo {run}.")
                    started = time.perf_counter()
                    reply = client.post("/soan/nhap-tu-word", data={"csrf": csrf(home.text)},
                                        files={"tep": (docx.name, docx.read_bytes())})
                    uploads.append(time.perf_counter() - started)
                    assert reply.status_code == 200 and "Xem trước" in reply.text, reply.text[:500]
                    page = reply.url.path.removeprefix("/soan/van-ban/")
                values = form_fields(reply.text)
                values.update(cap_tren="Đảng bộ Phường Thạch Bàn", chi_bo="Chi bộ Trường Mầm non Hoa Mai",
                              hanh_dong="luu")
                saved = client.post(f"/soan/luu/van-ban/{page}", data=values)
                version = re.search(r'name="phien_ban" value="(\w+)"', saved.text).group(1)
                started = time.perf_counter()
                reply = client.post(f"/soan/ban-hanh/van-ban/{page}",
                                    data={"csrf": csrf(saved.text), "phien_ban": version})
                publish = time.perf_counter() - started
                assert reply.status_code == 200 and 'class="dia-chi"' in reply.text, reply.text[-1500:]
        finally:
            desk.terminate()
            desk.wait(timeout=30)
        # the same publish from the command line, nothing changed: what the build itself costs
        started = time.perf_counter()
        again = subprocess.run([sys.executable, "-m", "chibo.commands.publish", "publish", "--dest", str(dest),
                                "--project", str(project)], env=env, capture_output=True, text=True)
        assert again.returncode == 0, again.stderr[-2000:]
        unchanged = time.perf_counter() - started
        slug = page.removesuffix(".md")
        assert (dest / slug / "index.html").is_file()
        pdfs = list((dest / slug).glob("*.pdf"))
        pages = "?"
        if pdfs:
            info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True).stdout
            pages = re.search(r"Pages:\s+(\d+)", info).group(1)
        words = sum(len(p.text.split()) for p in WordDocument(str(docx)).paragraphs)
        size = docx.stat().st_size
    load = os.getloadavg()[0]
    print(f"Word file: {size / 1024:.0f} KiB, {words} words, {pages} pages as printed by the site's PDF; "
          f"machine load (1 min) {load:.1f}; first publish (cold PDF cache) {cold:.1f} s")
    print("| measure | seconds (all runs) | goal |")
    print("|---|---|---|")
    print(f"| upload of the Word file → form and preview | **{statistics.median(uploads):.2f}** "
          f"({', '.join(f'{u:.2f}' for u in uploads)}) | ≤ 2 s |")
    print(f"| \"Ban hành\" → live site switched (PDFs of the other documents cached) | **{publish:.2f}** | ≤ 15 s |")
    print(f"| `make publish` right after, nothing changed (all PDFs cached) | {unchanged:.2f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
