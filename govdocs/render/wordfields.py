"""Word field codes (PAGE, NUMPAGES) written into a python-docx paragraph."""
from __future__ import annotations


def add_field(paragraph, code: str, placeholder: str = "1") -> None:
    """Append a field such as PAGE to a paragraph; Word and LibreOffice fill it in when they lay out pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", placeholder),
                       ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
