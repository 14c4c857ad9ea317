"""What makes the site an app on a phone's home screen: the web app manifest and its icons.

The icons are drawn here with Pillow at build time (a page of a document on the Party's
red), so there is no binary to keep in step with the code. A maskable icon keeps its
drawing inside the central safe zone (a circle of 80 % of the side) that Android may crop
to. No MkDocs import.
"""

from __future__ import annotations

import io
import json

PARTY_RED = "#DA251D"
YELLOW = "#FFDE00"
SHORT_NAME = "Văn bản chi bộ"
ICON_DIR = "assets/images/ung-dung"
#: (file name, side in pixels, purpose)
ICONS = (("icon-192.png", 192, "any"), ("icon-512.png", 512, "any"),
         ("icon-maskable-512.png", 512, "maskable"), ("apple-touch-icon-180.png", 180, "apple"))
MANIFEST_NAME = "manifest.webmanifest"


def icon_png(side: int, *, maskable: bool = False) -> bytes:
    """A yellow page with red lines on red: the icon, as PNG bytes."""
    from PIL import Image, ImageDraw

    scale = 4  # drawn large, then reduced: smooth edges
    big = side * scale
    image = Image.new("RGB", (big, big), PARTY_RED)
    draw = ImageDraw.Draw(image)
    extent = 0.56 if maskable else 0.72  # the page's height, as a share of the side
    height = big * extent
    width = height * 0.76
    left, top = (big - width) / 2, (big - height) / 2
    fold = width * 0.28
    draw.polygon([(left, top), (left + width - fold, top), (left + width, top + fold),
                  (left + width, top + height), (left, top + height)], fill=YELLOW)
    draw.polygon([(left + width - fold, top), (left + width - fold, top + fold), (left + width, top + fold)],
                 fill="#F2B705")
    line = height * 0.055
    for index in range(5):
        y = top + height * (0.34 + index * 0.12)
        right = left + width * (0.62 if index == 4 else 0.82)
        draw.rectangle([left + width * 0.18, y, right, y + line], fill=PARTY_RED)
    out = io.BytesIO()
    image.resize((side, side), Image.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()


def icons() -> dict[str, bytes]:
    """Site path -> PNG bytes of every icon."""
    return {f"{ICON_DIR}/{name}": icon_png(side, maskable=purpose == "maskable") for name, side, purpose in ICONS}


def manifest(name: str, description: str = "") -> str:
    """The manifest, served at the site's root: start URL and scope are the site's own."""
    data = {
        "name": name,
        "short_name": SHORT_NAME,
        "description": description,
        "lang": "vi",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "id": "./",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#FFFFFF",
        "theme_color": PARTY_RED,
        "icons": [{"src": f"{ICON_DIR}/{file}", "sizes": f"{side}x{side}", "type": "image/png", "purpose": purpose}
                  for file, side, purpose in ICONS if purpose != "apple"],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
