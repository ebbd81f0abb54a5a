"""Joining the PDF pack: front matter, then each paper fitted to A4, stamped, labelled and bookmarked."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from govdocs import __version__
from govdocs.dates import long_date
from govdocs.model import Meeting
from govdocs.pack.front import accessibility_note
from govdocs.pack.parts import Part
from govdocs.store.workspace import Workspace

A4 = (595.2756, 841.8898)  # points


def pack_page_size(w: float, h: float) -> tuple[float, float]:
    """The size a paper's page has in the pack: its own when it is A4 already, else A4 the same way up."""
    tw, th = A4 if w <= h else A4[::-1]
    return (w, h) if abs(w - tw) < 1.5 and abs(h - th) < 1.5 else (tw, th)


def fit_a4(page) -> None:
    """Every page of a pack is A4 (portrait or landscape, as the page is): a US Letter or A3 paper is scaled
    to fit, whole and centred, never cropped. The box moves, not the content, so links stay where they are."""
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    tw, th = pack_page_size(w, h)
    if (tw, th) == (w, h):
        return
    from pypdf.generic import NameObject, RectangleObject

    s = min(tw / w, th / h)
    page.scale_by(s)
    left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
    x, y = left - (tw - w * s) / 2, bottom - (th - h * s) / 2
    for name in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
        if name in page or name == "/MediaBox":
            page[NameObject(name)] = RectangleObject([x, y, x + tw, y + th])


def point_appendix_links(writer, first_pages: dict[str, int]) -> None:
    """The contents' appendix rows link to named destinations `appendix-A` …, which the front matter could
    only place on its own last page: point each at the top of its paper's first page."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    names = writer._root_object.get("/Names")
    dests = names.get_object().get("/Dests") if names is not None else None
    flat = dests.get_object().get("/Names") if dests is not None else None
    if flat is None:
        return
    flat = flat.get_object()
    for i in range(0, len(flat) - 1, 2):
        name = str(flat[i])
        if name.startswith("appendix-") and name[9:] in first_pages:
            page = writer.pages[first_pages[name[9:]]]
            flat[i + 1] = ArrayObject([page.indirect_reference, NameObject("/XYZ"), FloatObject(0),
                                       FloatObject(float(page.mediabox.top)), FloatObject(0)])


def join_pdf(ws: Workspace, meeting: Meeting, front: Path, stamps: Path | None, parts: list[Part], out: Path,
              private: bool, fixed: dt.datetime) -> None:
    """The tagged front matter, then each paper stamped with its labels; page labels and bookmarks."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=str(front))
    front_pages = len(writer.pages)
    papers = [p for p in parts if p.kind == "paper"]
    starts = []
    for p in papers:
        starts.append(len(writer.pages))
        for page in PdfReader(str(p.pdf)).pages:
            fit_a4(writer.add_page(page))
    point_appendix_links(writer, {p.letter: start for p, start in zip(papers, starts)})
    if stamps is not None:
        from pypdf import Transformation

        for page, stamp in zip(writer.pages[front_pages:], PdfReader(str(stamps)).pages):
            # the stamp is drawn from the page's own corner, which a scaled page has moved
            left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
            if left or bottom:
                page.merge_transformed_page(stamp, Transformation().translate(left, bottom))
            else:
                page.merge_page(stamp)
    board = ws.board(meeting.board)
    # the PDF's own page labels: 1, 2 … for the front matter, A1, A2 … for each appendix
    writer.set_page_label(0, front_pages - 1, style="/D", start=1)
    for start, p in zip(starts, papers):
        writer.set_page_label(start, start + p.pages - 1, style="/D", prefix=p.letter, start=1)
        writer.add_outline_item(title=p.title, page_number=start)
    title = f"{board.name}: board pack, {long_date(meeting.date)}" + (" (NOT FOR PUBLICATION)" if private else "")
    stamp_date = fixed.strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata({"/Title": title, "/Author": ws.council, "/Subject": board.name,
                         "/Creator": f"govdocs {__version__}", "/CreationDate": stamp_date, "/ModDate": stamp_date})
    writer._root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    writer.page_mode = "/UseOutlines"
    if papers:  # the papers are as their authors supplied them: the pack as a whole is not PDF/UA
        from govdocs.render.tagging import withdraw_pdfua_claim

        withdraw_pdfua_claim(writer)
        writer.add_metadata({"/Accessibility": accessibility_note(parts)})
    tmp_out = out.with_suffix(".part")
    with open(tmp_out, "wb") as fh:
        writer.write(fh)
    tmp_out.replace(out)
