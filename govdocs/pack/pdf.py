"""Joining the PDF pack: front matter, then each paper fitted to A4, stamped, labelled and bookmarked, in one
structure tree (govdocs/pack/structure.py)."""
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


def fit_a4(pdf, page) -> None:
    """Every page of a pack is A4 (portrait or landscape, as the page is): a US Letter or A3 paper is scaled
    to fit, whole and centred, never cropped; its links move with it."""
    from pikepdf import Array, Name

    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    w, h = x1 - x0, y1 - y0
    tw, th = pack_page_size(w, h)
    if (tw, th) == (w, h):
        return
    s = min(tw / w, th / h)
    dx, dy = (tw - w * s) / 2 - x0 * s, (th - h * s) / 2 - y0 * s
    page.contents_add(pdf.make_stream(f"q {s:.6f} 0 0 {s:.6f} {dx:.4f} {dy:.4f} cm\n".encode()), prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n"))
    for annot in page.obj.get("/Annots", []):
        if "/Rect" in annot:
            ax0, ay0, ax1, ay1 = (float(v) for v in annot.Rect)
            annot.Rect = Array([ax0 * s + dx, ay0 * s + dy, ax1 * s + dx, ay1 * s + dy])
    for name in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
        if name in page.obj:
            del page.obj[name]
    page.obj[Name.MediaBox] = Array([0, 0, tw, th])


def stamp_as_artifact(pdf, page, stamp) -> None:
    """Draw a stamp page (the A1 label, the banner, the footer) over a paper's page as a pagination
    artifact, which a screen reader skips: the page labels say the same to it."""
    from pikepdf import Name

    xobject = pdf.copy_foreign(stamp.as_form_xobject())
    taken = page.obj.get("/Resources", {}).get("/XObject", {})
    name = next(Name(f"/GovdocsStamp{n}") for n in range(len(taken) + 1) if f"/GovdocsStamp{n}" not in taken)
    page.add_resource(xobject, Name.XObject, name)  # a name of its own choosing: the same bytes every build
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n/Artifact <</Type /Pagination>> BDC\nq " + str(name).encode()
                                      + b" Do Q\nEMC\n"))


def point_appendix_links(pdf, first_pages: dict[str, int]) -> None:
    """The contents' appendix rows link to named destinations `appendix-A` …, which the front matter could
    only place on its own last page: point each at the top of its paper's first page."""
    import pikepdf
    from pikepdf import Array, Name

    dests = pdf.Root.get("/Names", {}).get("/Dests")
    if dests is None:
        return
    tree = pikepdf.NameTree(dests)
    for name in list(tree.keys()):
        if name.startswith("appendix-") and name[9:] in first_pages:
            page = pdf.pages[first_pages[name[9:]]]
            tree[name] = Array([page.obj, Name.XYZ, 0, float(page.mediabox[3]), 0])


def paper_bookmarks(paper, start: int) -> list:
    """A paper's own bookmarks (its headings), pointing at its pages in the pack; any whose target cannot be
    found in the paper (an action, a broken destination) are left out rather than pointed anywhere."""
    import pikepdf

    pages = {page.obj.objgen: i for i, page in enumerate(paper.pages)}
    named = pikepdf.NameTree(paper.Root.Names.Dests) if "/Dests" in paper.Root.get("/Names", {}) else None

    def target(item) -> int | None:
        dest = item.destination
        if isinstance(dest, (pikepdf.String, pikepdf.Name)) and named is not None:
            dest = named.get(str(dest))
            dest = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
        if isinstance(dest, pikepdf.Array) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
            return pages.get(dest[0].objgen)
        return None

    def copied(items) -> list:
        found = []
        for item in items:
            at = target(item)
            kids = copied(item.children)
            if at is None:
                found += kids
                continue
            new = pikepdf.OutlineItem(str(item.title), start + at)
            new.children.extend(kids)
            found.append(new)
        return found

    try:
        with paper.open_outline() as outline:
            return copied(outline.root)
    except pikepdf.OutlineStructureError:
        return []


def join_pdf(ws: Workspace, meeting: Meeting, front: Path, stamps: Path | None, parts: list[Part], out: Path,
              private: bool, fixed: dt.datetime) -> None:
    """The tagged front matter, then each paper stamped with its labels, in one structure tree; page labels,
    bookmarks, and the PDF/UA claim only when every paper is tagged."""
    from contextlib import ExitStack

    with ExitStack() as files:
        _join(files, ws, meeting, front, stamps, parts, out, private, fixed)


def _join(files, ws: Workspace, meeting: Meeting, front: Path, stamps: Path | None, parts: list[Part], out: Path,
          private: bool, fixed: dt.datetime) -> None:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    from govdocs.pack.structure import PackTree
    from govdocs.papers import is_tagged

    pdf = files.enter_context(pikepdf.open(front))
    tree = PackTree.of(pdf)
    front_pages = len(pdf.pages)
    papers = [p for p in parts if p.kind == "paper"]
    starts, untagged, sources = [], [], []
    for p in papers:
        paper = files.enter_context(pikepdf.open(p.pdf))
        sources.append(paper)
        starts.append(len(pdf.pages))
        pdf.pages.extend(paper.pages)
        pages = list(pdf.pages[starts[-1]:])
        if is_tagged(paper):
            tree.graft(paper, pages, p.title, str(paper.Root.get("/Lang", "")))
        else:
            untagged.append(p)
        for page in pages:
            fit_a4(pdf, page)
    tree.finish()
    point_appendix_links(pdf, {p.letter: start for p, start in zip(papers, starts)})
    if stamps is not None:
        stamp_pdf = files.enter_context(pikepdf.open(stamps))
        for page, stamp in zip(pdf.pages[front_pages:], stamp_pdf.pages):
            stamp_as_artifact(pdf, page, stamp)
    # the PDF's own page labels: 1, 2 … for the front matter, A1, A2 … for each appendix
    labels = Array([0, Dictionary(S=Name.D, St=1)])
    for start, p in zip(starts, papers):
        labels.extend([start, Dictionary(S=Name.D, P=String(p.letter), St=1)])
    pdf.Root.PageLabels = Dictionary(Nums=labels)
    with pdf.open_outline() as outline:
        for start, p, paper in zip(starts, papers, sources):
            item = pikepdf.OutlineItem(p.title, start)
            item.children.extend(paper_bookmarks(paper, start))
            outline.root.append(item)
    board = ws.board(meeting.board)
    title = f"{board.name}: board pack, {long_date(meeting.date)}" + (" (NOT FOR PUBLICATION)" if private else "")
    stamp_date = fixed.strftime("D:%Y%m%d%H%M%S+00'00'")
    for key, value in {"/Title": title, "/Author": ws.council, "/Subject": board.name,
                       "/Creator": f"govdocs {__version__}", "/CreationDate": stamp_date,
                       "/ModDate": stamp_date}.items():
        pdf.docinfo[key] = String(value)
    pdf.Root.Lang = String("en-GB")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.Root.PageMode = Name.UseOutlines
    if papers:
        pdf.docinfo["/Accessibility"] = String(accessibility_note(parts, [p.title for p in untagged], board.contact))
    if untagged and "/Metadata" in pdf.Root:  # a paper a screen reader cannot follow: no PDF/UA claim
        from govdocs.render.tagging import without_pdfua_claim

        pdf.Root.Metadata = pdf.make_stream(without_pdfua_claim(pdf.Root.Metadata.read_bytes()),
                                            Type=Name.Metadata, Subtype=Name.XML)
    tmp_out = out.with_suffix(".part")
    pdf.save(tmp_out, deterministic_id=True)
    tmp_out.replace(out)
