"""Columns no row fills are left out of a Word document, as the HTML templates leave them out.

A parish agenda has no presenters or papers, and a parish council's minutes give no one a role or an
organisation; printed empty, those columns only take width from the words. Word templates cannot drop a
column by a condition, so the rendered document is looked at instead: a column headed by one of the
optional headings whose body cells are all empty goes, and its width goes to the widest column left.
Tables with merged cells are left as they are.
"""
from __future__ import annotations

OPTIONAL = ("Presenter", "Paper", "Role", "Organisation", "Initials")


def drop_empty_columns(document) -> None:
    for table in document.tables:
        rows = table._tbl.tr_lst
        if len(rows) < 2 or _merged(table):
            continue
        headers = [_text(tc) for tc in rows[0].tc_lst]
        for i in reversed(range(len(headers))):
            if headers[i] in OPTIONAL and all(not _text(r.tc_lst[i]) for r in rows[1:] if len(r.tc_lst) > i):
                _remove_column(table, i)


def _text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")).strip()


def _merged(table) -> bool:
    xml = table._tbl.xml
    return "w:gridSpan" in xml or "w:vMerge" in xml


def _remove_column(table, i: int) -> None:
    from docx.oxml.ns import qn

    grid = table._tbl.tblGrid
    cols = grid.findall(qn("w:gridCol"))
    if len(cols) != len(table._tbl.tr_lst[0].tc_lst):
        return  # a grid we do not understand: leave it
    width = int(cols[i].get(qn("w:w")) or 0)
    grid.remove(cols[i])
    for tr in table._tbl.tr_lst:
        tr.remove(tr.tc_lst[i])
    rest = grid.findall(qn("w:gridCol"))
    if not width or not rest:
        return
    widest = max(range(len(rest)), key=lambda n: int(rest[n].get(qn("w:w")) or 0))
    rest[widest].set(qn("w:w"), str(int(rest[widest].get(qn("w:w")) or 0) + width))
    for tr in table._tbl.tr_lst:
        tcw = tr.tc_lst[widest].tcPr.find(qn("w:tcW")) if tr.tc_lst[widest].tcPr is not None else None
        if tcw is not None and tcw.get(qn("w:type")) in (None, "dxa") and tcw.get(qn("w:w")):
            tcw.set(qn("w:w"), str(int(tcw.get(qn("w:w"))) + width))
