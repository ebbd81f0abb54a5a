"""Finishing touches to the tagged PDFs WeasyPrint makes, so that they claim only what is true.

WeasyPrint tags table header cells as TH without saying what they head; a screen reader then has
to guess. Every header cell govdocs makes heads a column (`<th scope="col">`), so each TH gets the
standard attribute /Scope /Column as WeasyPrint writes the file. A pack that appends papers as their
authors supplied them can no longer call itself PDF/UA: the identifier comes out of its XMP metadata
and the pack says why.
"""
from __future__ import annotations

import re


def scope_header_cells(document, pdf) -> None:
    """A WeasyPrint finisher: every TH heads its column (/Scope /Column beside WeasyPrint's /O /Table).

    Done on WeasyPrint's own objects before the file is written, rather than by reading the PDF back and
    writing it again, which cost a fifth of a second a document."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH":
            attributes = obj.get("A")
            if isinstance(attributes, dict):
                attributes["Scope"] = "/Column"


def without_pdfua_claim(data: bytes) -> bytes:
    """XMP metadata without its PDF/UA identifier (a part of the file is not tagged)."""
    cleaned = re.sub(rb'<rdf:Description rdf:about="" pdfuaid:part="\d+"\s*/>', b"", data)
    cleaned = re.sub(rb"<pdfuaid:part>\d+</pdfuaid:part>", b"", cleaned)
    cleaned = re.sub(rb'\s*pdfuaid:part="\d+"', b"", cleaned)
    return re.sub(rb'\s*xmlns:pdfuaid="[^"]*"', b"", cleaned)
