"""Table rows kept whole in Word, as the PDF keeps them: a short row (an agenda item, an action, a short
minute) never starts at the foot of one page and ends at the top of the next. A long minute may still
flow across pages, or it would leave most of a page empty before it; Word breaks a row taller than a
page whatever it is told."""
from __future__ import annotations

SHORT = 700  # characters: about a third of a page in a table cell
AFTER = ("trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")


def keep_short_rows(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for table in document.tables:
        for tr in table._tbl.tr_lst:
            text = "".join(t.text or "" for t in tr.iter(qn("w:t")))
            pr = tr.get_or_add_trPr()
            if len(text) <= SHORT and pr.find(qn("w:cantSplit")) is None:
                keep = OxmlElement("w:cantSplit")
                # the schema's order: cantSplit comes before the row's height, header mark and alignment
                later = next((c for c in pr if c.tag in {qn(f"w:{n}") for n in AFTER}), None)
                later.addprevious(keep) if later is not None else pr.append(keep)
