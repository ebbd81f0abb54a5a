"""The A1, A2 … B1 … stamps at the top of each paper's pages, rendered as one small PDF."""
from __future__ import annotations

import html as H
import json
from dataclasses import dataclass
from pathlib import Path

from govdocs.pack.parts import Part
from govdocs.pack.pdf import pack_page_size
from govdocs.store import partcache


def paper_labels(papers: list[Part]) -> list[tuple[str, float, float, str]]:
    """Each paper page's printed label (A1, A2 … B1 …), size and its own banner (a report not yet cleared, on
    every page); counts each paper's pages on the way."""
    import pikepdf

    from govdocs.reports import DRAFT_MARK

    labels = []
    for p in papers:
        with pikepdf.open(p.pdf) as pdf:
            boxes = [[float(v) for v in page.mediabox] for page in pdf.pages]
        p.pages = len(boxes)
        own = DRAFT_MARK if p.title.endswith(f"({DRAFT_MARK})") else ""
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            labels.append((f"{p.letter}{i + 1}", *pack_page_size(x1 - x0, y1 - y0), own))
    return labels


@dataclass
class Stamps:
    """One transparent page per paper page, carrying its printed label (and the private banner)."""
    labels: list
    banner: str
    footer: str

    @property
    def key(self) -> str:
        return partcache.key("stamps", json.dumps([self.labels, self.banner, self.footer]))

    def render(self, out: Path) -> Path:
        sizes: dict[tuple[float, float], str] = {}
        css = ["body { margin: 0; font-family: Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; }",
               ".s { position: relative; break-after: page; overflow: hidden; }",
               ".lab { position: absolute; bottom: 7mm; left: 0; right: 0; text-align: center; font-size: 9pt; }",
               ".foot { position: absolute; bottom: 7mm; left: 12mm; font-size: 7pt; color: #444; }",
               ".ban { position: absolute; top: 5mm; left: 0; right: 0; text-align: center; font-size: 9pt;"
               " font-weight: bold; color: #a00000; }"]
        pages = []
        for label, w, h, *own in self.labels:
            name = sizes.setdefault((round(w, 1), round(h, 1)), f"p{len(sizes)}")
            banner = " · ".join(b for b in (self.banner, *own) if b)
            pages.append(f"<div class='s' style='page: {name}; width: {w}pt; height: {h}pt'>"
                         + (f"<div class='ban'>{H.escape(banner)}</div>" if banner else "")
                         + f"<div class='foot'>{H.escape(self.footer)}</div>"
                         f"<div class='lab'>{H.escape(label)}</div></div>")
        for (w, h), name in sizes.items():
            css.append(f"@page {name} {{ size: {w}pt {h}pt; margin: 0; }}")
        html = (f"<html lang='en-GB'><head><title>stamps</title><style>{''.join(css)}</style></head>"
                f"<body>{''.join(pages)}</body></html>")
        from weasyprint import HTML

        from govdocs.render.fetch import safe_fetcher

        HTML(string=html, url_fetcher=safe_fetcher([])).write_pdf(str(out))
        return out
