"""MkDocs hook: the cell's month (thin adapter over ``chibo.rendering.month``/``targets``/``calendar``).

Adds generated pages: ``sinh-hoat/index.md`` (in the nav), each year's ``sinh-hoat/lich-YYYY.md``
and ``sinh-hoat/chi-tieu-YYYY.md`` (linked from it), and ``sinh-hoat/lich-sinh-hoat.ics``;
replaces ``<!-- thang-nay -->`` on the home page. Only the published documents of the index
built by ``hooks/citations.py`` (listed before this hook) feed them: never a draft or a
confidential document. "Today" is the build's date, or ``CHIBO_TODAY=2022-06-15``.
"""

from __future__ import annotations


from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from chibo.checking.continuity import today_from_env
from chibo.document.config import load_settings
from chibo.document.meeting import load_meeting_spec
from chibo.document.visibility import is_withheld
from chibo.document.year import collect
from chibo.rendering import calendar, month, targets
from chibo.rendering.regulation_page import relative_link
from chibo.document.config import project_dir

STATE_KEY = "chibo_citations"
_years: dict = {}


def _documents(config: MkDocsConfig) -> dict:
    index = config.get(STATE_KEY)
    documents = index.documents if index is not None else {}
    return {page: doc for page, doc in documents.items() if not is_withheld(doc.meta)}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _years
    data = project_dir(config) / "data"
    settings = load_settings(data)
    fields, minutes = load_meeting_spec(data)
    _years = collect(_documents(config), settings.types, fields)
    today = today_from_env()

    def add(src: str, content: str, *, in_nav: bool = False) -> None:
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=content, inclusion=inclusion))

    index_src = f"{month.FOLDER}/index.md"
    add(index_src, month.index_page(_years, relative_link(index_src)), in_nav=True)
    for number, entry in _years.items():
        src = month.calendar_page(number)
        add(src, month.year_calendar(entry, today, relative_link(src)))
        if entry.plan is not None:
            src = month.targets_page(number)
            add(src, targets.page(entry, relative_link(src)))
    site_url = (config.site_url or "").rstrip("/")

    def page_url(page: str) -> str:
        file = files.get_file_from_path(page)
        return f"{site_url}/{file.url}" if file is not None else site_url

    cell = str(settings.cell.get("chi_bo") or "Chi bộ")
    add(f"{month.FOLDER}/{month.ICS_NAME}",
        calendar.calendar(_years, cell, duration_minutes=minutes, site_url=site_url, page_url=page_url))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if month.HOME_MARKER not in markdown:
        return markdown
    block = month.home(_years, today_from_env(), relative_link(page.file.src_uri))
    return markdown.replace(month.HOME_MARKER, block)
