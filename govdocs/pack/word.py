"""Joining the .docx pack with docxcompose: the Word parts and .docx papers, a contents page, footers."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from govdocs.dates import long_date, short_date
from govdocs.model import Meeting
from govdocs.pack.parts import Part
from govdocs.render.documents import normalise_zip
from govdocs.store.workspace import Workspace


def join_docx(ws: Workspace, meeting: Meeting, parts: list[Part], out: Path, private: bool, fixed: dt.datetime,
               tmp: Path) -> None:
    """Join the Word parts with docxcompose, each in its own section so orientation survives.

    docxcompose drops an appended document's final section settings and its footers (by design),
    so every part except the last is closed with a section of its own before appending, and the
    footers are set afterwards: page numbers for the front matter, A1, A2 … for each appendix.
    """
    import docx
    from docx.enum.section import WD_SECTION
    from docxcompose.composer import Composer

    word_parts = []
    for i, p in enumerate(parts):
        if p.kind == "contents":
            d = _contents_doc(parts)
        elif p.docx is not None:
            d = docx.Document(str(p.docx))
        else:
            d = _pdf_only_note(p)
        if p.kind != "paper" and d.paragraphs:
            _bookmark(d.paragraphs[0], f"govdocs_part_{i}", 9000 + i)  # the contents' page numbers point here
        word_parts.append((p, d))
    master = word_parts[0][1]
    _update_fields_on_open(master)
    for _, d in word_parts[:-1]:
        d.add_section(WD_SECTION.NEW_PAGE)
    # the part each section belongs to, in order
    owners = [word_parts[0][0]] * (len(master.sections) - 1)
    composer = Composer(master)
    for p, d in word_parts[1:]:
        if p.kind == "paper" and p.docx is not None:  # a PDF-only paper's page already has its heading
            _title_paper(d, p.title)
        n_before = len(master.sections)
        composer.append(d)
        owners += [p] * (len(master.sections) - n_before)
    last_part, last_doc = word_parts[-1]
    _copy_page_setup(last_doc.sections[-1], master.sections[-1])
    owners += [last_part] * (len(master.sections) - len(owners))
    board = ws.board(meeting.board)
    label = f"{board.name} — {short_date(meeting.date)}" + (" — NOT FOR PUBLICATION" if private else "")
    previous = None
    for section, owner in zip(master.sections, owners):
        if owner is previous:
            section.footer.is_linked_to_previous = True
            continue
        previous = owner
        section.footer.is_linked_to_previous = False
        prefix = owner.letter if owner.kind == "paper" else ""
        _set_footer(section, label, prefix, restart=owner.kind == "paper" or owner is word_parts[0][0])
    props = master.core_properties
    props.title = f"{board.name}: board pack, {long_date(meeting.date)}"
    props.created = props.modified = props.last_printed = fixed
    tmp_out = tmp / "pack.docx"
    composer.save(str(tmp_out))
    normalise_zip(tmp_out, fixed)
    shutil.copyfile(tmp_out, out)


def _title_paper(d, title: str) -> None:
    """The appendix heading before a Word paper; a .docx saved by LibreOffice or Google Docs may have no
    "Heading 1" style, so the heading is then made bold and large by hand."""
    from docx.shared import Pt

    try:
        if d.paragraphs:
            d.paragraphs[0].insert_paragraph_before(title, style="Heading 1")
        else:
            d.add_paragraph(title, style="Heading 1")
        return
    except KeyError:  # no such style, or one python-docx cannot find by that name
        pass
    para = d.paragraphs[0].insert_paragraph_before("") if d.paragraphs else d.add_paragraph()
    run = para.add_run(title)
    run.bold, run.font.size = True, Pt(16)


def _a4_document():
    import docx
    from docx.shared import Mm

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    return d


def _contents_doc(parts: list[Part]):
    """The Word pack's contents: each part with its page. Word paginates for itself, so the page is a PAGEREF
    field to the part's bookmark, filled in by Word (fields are updated on opening) and LibreOffice; an
    appendix starts at its letter's first page, A1, B1 …"""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm

    from govdocs.render.wordfields import add_field

    d = _a4_document()
    d.add_heading("Contents", level=1)
    for i, p in enumerate(parts):
        if p.kind == "contents":
            continue
        para = d.add_paragraph(p.title + "\t")
        para.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if p.kind == "paper":
            para.add_run(p.first_label)
        else:
            add_field(para, f"PAGEREF govdocs_part_{i} \\h", "")
    d.add_paragraph("Appendix pages are numbered by their letter: A1, A2 … B1 …")
    return d


def _bookmark(paragraph, name: str, bid: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bid))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bid))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _update_fields_on_open(document) -> None:
    """Word fills in the contents' page numbers when the pack is opened (LibreOffice does so by itself)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        el = OxmlElement("w:updateFields")
        el.set(qn("w:val"), "true")
        settings.append(el)


def _pdf_only_note(p: Part):
    """A Word page standing in for a paper that exists only as PDF."""
    d = _a4_document()
    d.add_heading(p.title, level=1)
    where = f"on page {p.letter}1" if p.pages == 1 else f"at pages {p.letter}1 to {p.letter}{p.pages}"
    d.add_paragraph(f"This paper is published as a PDF only ({p.source.name if p.source else ''}); it is in the "
                    f"PDF pack {where}.")
    return d


def _copy_page_setup(src, dst) -> None:
    for attr in ("orientation", "page_width", "page_height", "left_margin", "right_margin", "top_margin",
                 "bottom_margin"):
        value = getattr(src, attr)
        if value is not None:
            setattr(dst, attr, value)


def _set_footer(section, label: str, prefix: str, restart: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from govdocs.render.wordfields import add_field

    footer = section.footer
    for para in footer.paragraphs[1:]:
        para._p.getparent().remove(para._p)
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(para.runs):
        r._r.getparent().remove(r._r)
    para.add_run(f"{label}    Page {prefix}")
    add_field(para, "PAGE")
    if restart:
        sect = section._sectPr
        pg = sect.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            sect.append(pg)
        pg.set(qn("w:start"), "1")
