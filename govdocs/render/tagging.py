"""Finishing touches to the tagged PDFs WeasyPrint makes, so that they claim only what is true.

WeasyPrint tags table header cells as TH without saying what they head; a screen reader then has
to guess. Every header cell govdocs makes heads a column (`<th scope="col">`), so each TH gets the
standard attribute /Scope /Column. A pack that appends papers as their authors supplied them can
no longer call itself PDF/UA: the identifier comes out of its XMP metadata and the pack says why.
"""
from __future__ import annotations

import re
from pathlib import Path


def _elements(root):
    """Every structure element under the structure tree root, each once."""
    seen, stack = set(), [root]
    while stack:
        el = stack.pop()
        el = el.get_object() if hasattr(el, "get_object") else el
        if not hasattr(el, "get") or id(el) in seen:
            continue
        seen.add(id(el))
        yield el
        kids = el.get("/K")
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        stack.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])


def scope_header_cells(writer) -> int:
    """Give every TH the attribute /O /Table /Scope /Column; returns how many were marked."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    root = writer._root_object.get("/StructTreeRoot")
    if root is None:
        return 0
    n = 0
    for el in _elements(root.get_object()):
        if el.get("/S") != "/TH":
            continue
        attr = DictionaryObject({NameObject("/O"): NameObject("/Table"), NameObject("/Scope"): NameObject("/Column")})
        existing = el.get("/A")
        if existing is None:
            el[NameObject("/A")] = attr
        else:
            existing = existing.get_object()
            el[NameObject("/A")] = ArrayObject([*(existing if isinstance(existing, list) else [existing]), attr])
        n += 1
    return n


def add_header_scopes(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(path))
    if scope_header_cells(writer):
        tmp = path.with_suffix(".scoped")
        with open(tmp, "wb") as fh:
            writer.write(fh)
        tmp.replace(path)


def withdraw_pdfua_claim(writer) -> None:
    """Take the PDF/UA identifier out of the XMP metadata (a part of the file is not tagged)."""
    from pypdf.generic import NameObject, StreamObject

    meta = writer._root_object.get("/Metadata")
    if meta is None:
        return
    stream = meta.get_object()
    data = stream.get_data()
    cleaned = re.sub(rb'<rdf:Description rdf:about="" pdfuaid:part="\d+"\s*/>', b"", data)
    cleaned = re.sub(rb"<pdfuaid:part>\d+</pdfuaid:part>", b"", cleaned)
    cleaned = re.sub(rb'\s*pdfuaid:part="\d+"', b"", cleaned)
    cleaned = re.sub(rb'\s*xmlns:pdfuaid="[^"]*"', b"", cleaned)
    if cleaned != data:
        new = StreamObject()
        new.set_data(cleaned)
        new[NameObject("/Type")] = NameObject("/Metadata")
        new[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(new)
