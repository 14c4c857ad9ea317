"""TEMPORARY stand-in for chibo.publishing.stage.stage (issue 19 part 2) until it lands in main.

Published pages only, front matter rewritten with a few known keys, files linked only by
withheld pages left out, nav pruned, hooks dropped. Deleted once the real stage() exists.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from chibo.document.attachments import withheld_attachments
from chibo.document.model import load
from chibo.document.visibility import is_withheld

_KEYS = ("title", "loai", "nam", "thang", "so", "ngay", "trich_yeu", "cap_tren", "chi_bo", "tham_quyen",
         "chuc_vu", "nguoi_ky", "noi_nhan", "ma", "hide")


@dataclass
class Staged:
    root: Path
    config: Path


def stage(project: Path, out: Path) -> Staged:
    docs = project / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    docs_meta = {src: load(text.encode(), src) for src, text in pages.items()}
    withheld = {src for src, doc in docs_meta.items() if is_withheld(doc.meta)}
    hidden = withheld_attachments(pages, withheld)
    for file in sorted(docs.rglob("*")):
        src = file.relative_to(docs).as_posix()
        if file.is_dir() or src in withheld or src in hidden:
            continue
        target = out / "docs" / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if src in pages and docs_meta[src].has_front_matter:
            doc = docs_meta[src]
            meta = {key: doc.meta[key] for key in _KEYS if key in doc.meta}
            body = "\n".join(doc.lines[doc.body_start - 1:])
            target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8")
        else:
            shutil.copyfile(file, target)
    shutil.copytree(project / "overrides", out / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, rest = config.partition("\nhooks:\n")
    rest = rest[rest.index("\nplugins:"):]
    head = head.replace("watch:\n  - data\n", "")
    lines = [line for line in (head + rest).splitlines() if not any(line.rstrip().endswith(w) for w in withheld)]
    staged = out / "mkdocs.yml"
    staged.write_text("\n".join(lines).replace("strict: true", "strict: false") + "\n", encoding="utf-8")
    return Staged(out, staged)
