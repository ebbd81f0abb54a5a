"""Build the default .docx templates (docxtpl) in templates/.

Run from the repository root after changing a layout: `python scripts/make-docx-templates.py`.
The templates use real Word styles (Title, Heading 1-3, Table Grid, List Bullet/Number) and a
footer with PAGE / NUMPAGES fields, so a clerk can restyle them in Word or LibreOffice.
"""
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from govdocs.render.wordfields import add_field

HERE = Path(__file__).resolve().parent.parent / "templates"


def new_document(landscape: bool = False):
    d = docx.Document()
    d.core_properties.author = "govdocs"
    d.core_properties.title = "{{ title }}"
    styles = d.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.paragraph_format.space_after = Pt(3)
    for name, size in [("Title", 16), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)]:
        st = styles[name]
        st.font.name = "Arial"
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0x11, 0x11, 0x11)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Mm(16))
    sec.top_margin, sec.bottom_margin = Mm(18), Mm(18)
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("{{ title }} — Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")
    for r in footer.runs:
        r.font.size = Pt(8)
    return d


def p(container, text="", style=None, bold=False, italic=False, size=None):
    para = container.add_paragraph(style=style)
    if text:
        r = para.add_run(text)
        r.bold, r.italic = bold or None, italic or None
        if size:
            r.font.size = Pt(size)
    return para


def cell_text(cell, text, bold=False):
    cell.text = ""
    r = cell.paragraphs[0].add_run(text)
    if bold:
        r.bold = True
    return cell.paragraphs[0]


def loop_table(d, headers, loop, cells, widths=None, keep_rows=False):
    """A table whose body rows repeat: header, {%tr for %}, the row, {%tr endfor %}. With keep_rows, a row
    is never split across two pages (short rows: measures, risks)."""
    t = d.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, bold=True)
    _repeat_header(t.rows[0])
    t.add_row().cells[0].text = "{%tr " + loop + " %}"
    row = t.add_row()
    if keep_rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for i, fill in enumerate(cells):
        c = row.cells[i]
        c.text = ""
        fill(c) if callable(fill) else cell_text(c, fill)
    t.add_row().cells[0].text = "{%tr endfor %}"
    if widths:
        t.autofit = False
        grid = t._tbl.tblGrid
        for i, col in enumerate(grid.findall(qn("w:gridCol"))):
            col.set(qn("w:w"), str(int(Mm(widths[i]).twips)))
        for r in t.rows:
            for i, w in enumerate(widths):
                r.cells[i].width = Mm(w)
    return t


def bullets(d, name, heading, line):
    """A headed bulleted list of `name`, left out altogether when it is empty."""
    p(d, "{%p if " + name + " %}")
    p(d, heading, style="Heading 1")
    p(d, "{%p for s in " + name + " %}")
    p(d, line, style="List Bullet")
    p(d, "{%p endfor %}")
    p(d, "{%p endif %}")


def opt(container, cond, text, bold=False, italic=False, style=None):
    """A paragraph that is there only when `cond` holds (no empty line otherwise)."""
    container.add_paragraph("{%p if " + cond + " %}")
    para = container.add_paragraph(style=style)
    r = para.add_run(text)
    r.bold, r.italic = bold or None, italic or None
    container.add_paragraph("{%p endif %}")


def opt_rich(container, name):
    """Formatted text from the record, with no empty paragraph where there is none."""
    container.add_paragraph("{%p if " + name + " %}")
    container.add_paragraph("{{p " + name + " }}")
    container.add_paragraph("{%p endif %}")


def _repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def masthead(d):
    p(d, "{{ council }}", size=10)
    p(d, "{%p if private %}")
    p(d, "NOT FOR PUBLICATION — contains exempt or confidential information (Part 2)",
      bold=True)
    p(d, "{%p endif %}")


def minutes():
    d = new_document()
    masthead(d)
    p(d, "{%p if draft %}")
    p(d, "DRAFT — subject to approval at the next meeting", bold=True, size=13)
    p(d, "{%p endif %}")
    p(d, "MINUTES OF {{ board_upper }}", style="Title")
    p(d, "{% if meeting_type %}{{ meeting_type }}, {% endif %}{{ when }}{% if venue %}, {{ venue }}{% endif %}")
    p(d, "{%p if approved %}")
    p(d, "{{ approved }}", italic=True)
    p(d, "{%p endif %}")
    # the attendance groups in the board's order, under its headings (govdocs/house.py)
    p(d, "{%p for g in attendance_groups %}")
    p(d, "{{ g.heading }}", style="Heading 1")
    p(d, "{%p if g.table %}")
    loop_table(d, ["Name", "Initials", "Role", "Organisation"], "for r in g.people",
               ["{{ r.name }}", "{{ r.initials if g.group != 'apologies' else '' }}", "{{ r.role }}", "{{ r.org }}"],
               [55, 18, 55, 50])
    p(d, "{%p else %}")
    p(d, "{%p for r in g.people %}")
    p(d, "{{ r.person }} ({{ r.initials }}){{ r.marks }}{% if r.for %} for {{ r.for }}{% endif %}{% if r.role %}, {{ r.role }}"
         "{% endif %}{% if r.org %}, {{ r.org }}{% endif %}", style="List Bullet")
    p(d, "{%p endfor %}")
    p(d, "{%p endif %}")
    p(d, "{%p endfor %}")
    bullets(d, "declarations", "Declarations of interest",
            "{{ s.name }} ({{ s.initials }}), item {{ s.item }}: {{ s.interest }}")
    opt(d, "public", "{{ public }}")
    p(d, "{%p if quorate is not none %}")
    p(d, "The meeting was {{ \"quorate\" if quorate else \"not quorate\" }}.")
    p(d, "{%p endif %}")
    opt(d, "quorum_lost", "{{ quorum_lost }}")
    opt(d, "late_publication", "{{ late_publication }}", italic=True)
    p(d, "{%p if participation %}")
    p(d, "Public participation", style="Heading 1")
    p(d, "{%p for q in participation %}")
    p(d, "{{ q.heading }}", bold=True)
    p(d, "{{p q.text }}")
    p(d, "{%p if q.response %}")
    p(d, "{{ q.response_heading }}", italic=True)
    p(d, "{{p q.response }}")
    p(d, "{%p endif %}")
    p(d, "{%p endfor %}")
    p(d, "{%p endif %}")
    p(d, "Minutes", style="Heading 1")

    def title_cell(c):
        para = c.paragraphs[0]
        r = para.add_run("{{ it.title }}")
        r.bold = True
        para.add_run("{% if it.taken %} {{ it.taken }}{% endif %}")
        c.add_paragraph("{%p for s in it.sub %}")
        c.add_paragraph("{{ s.label }} {{ s.title }}")
        c.add_paragraph("{%p endfor %}")

    def participation(c, of):
        c.add_paragraph("{%p for q in " + of + " %}")
        c.add_paragraph().add_run("{{ q.heading }}").bold = True
        c.add_paragraph("{{p q.text }}")
        c.add_paragraph("{%p if q.response %}")
        c.add_paragraph().add_run("{{ q.response_heading }}").italic = True
        c.add_paragraph("{{p q.response }}")
        c.add_paragraph("{%p endif %}")
        c.add_paragraph("{%p endfor %}")

    def decisions_and_actions(c, of):
        c.add_paragraph("{%p for dd in " + of + ".decisions %}")
        c.add_paragraph("{%p for line in dd.lines %}")
        r = c.add_paragraph().add_run("{{ line }}")
        r.bold = True
        c.add_paragraph("{%p endfor %}")
        opt(c, "dd.details", "{{ dd.details }}", italic=True)
        c.add_paragraph("{%p endfor %}")
        c.add_paragraph("{%p for a in " + of + ".actions %}")
        r = c.add_paragraph().add_run("{{ a.line }}")
        r.bold = True
        c.add_paragraph("{%p for e in a.escalations %}")
        c.add_paragraph().add_run("{{ e }}").italic = True
        c.add_paragraph("{%p endfor %}")
        c.add_paragraph("{%p endfor %}")

    def minutes_cell(c):
        # no empty paragraph stands before RESOLVED where a minute has no text
        c.paragraphs[0].text = "{%p if it.minutes %}"
        c.add_paragraph("{{p it.minutes }}")
        c.add_paragraph("{%p endif %}")
        participation(c, "it.participation")
        decisions_and_actions(c, "it")
        c.add_paragraph("{%p for s in it.sub %}")
        r = c.add_paragraph().add_run("{{ s.label }} {{ s.title }}")
        r.bold = True
        c.add_paragraph("{%p if s.minutes %}")
        c.add_paragraph("{{p s.minutes }}")
        c.add_paragraph("{%p endif %}")
        decisions_and_actions(c, "s")
        opt(c, "s.none", "{{ s.none }}")
        c.add_paragraph("{%p endfor %}")
        c.add_paragraph("{{ it.none }}")  # "None." where the board says so; a cell needs a paragraph either way

    loop_table(d, ["No.", "Item", "Minutes", "Action"], "for it in items",
               ["{{ it.number }}.", title_cell, minutes_cell, "{{ it.owners }}"], [12, 40, 108, 18])
    opt(d, "closed", "{{ closed }}")
    p(d, "{%p if future_dates %}")
    p(d, "Future meeting dates", style="Heading 1")
    p(d, "{%p for f in future_dates %}")
    p(d, "{{ f.text }}", style="List Bullet")
    p(d, "{%p endfor %}")
    p(d, "{%p endif %}")
    p(d, "")
    p(d, "Signed: ______________________ Chair ({{ chair_signature }})     Date: ____________")
    return d


def agenda():
    d = new_document()
    masthead(d)
    p(d, "{{ board }}", style="Title")
    opt(d, "supplement", "Supplementary agenda {{ supplement.number }}", bold=True)
    p(d, "Agenda{% if meeting_type %} — {{ meeting_type }}{% endif %} — {{ when }}{% if venue %}, {{ venue }}{% endif %}",
      bold=True)
    opt(d, "supplement", "{{ supplement.text }} Reason for lateness: {{ supplement.reason }}")
    opt(d, "cancelled", "{{ cancelled }}", bold=True)
    opt(d, "summons", "{{ summons }}")
    opt(d, "summons_signed", "{{ summons_signed }}")
    p(d, "{%p if chair %}")
    p(d, "{{ chair_label }}: {{ chair }}")
    p(d, "{%p endif %}")
    p(d, "{%p if part1_heading %}")
    p(d, "{{ part1_heading }}", style="Heading 1")
    p(d, "{%p endif %}")

    def item_cell(c):
        c.paragraphs[0].add_run("{{ it.title }}").bold = True
        opt(c, "it.withdrawn", "{{ it.withdrawn }}", bold=True)
        opt(c, "it.purpose", "{{ it.purpose }}")
        opt_rich(c, "it.text")
        c.add_paragraph("{%p for line in it.extra %}")
        c.add_paragraph("{{ line }}")
        c.add_paragraph("{%p endfor %}")
        c.add_paragraph("{%p for line in it.exclusion %}")
        c.add_paragraph("{{ line.text }}")
        c.add_paragraph("{%p endfor %}")
        c.add_paragraph("{%p for line in it.exempt_appendices %}")
        c.add_paragraph().add_run("{{ line }}").italic = True
        c.add_paragraph("{%p endfor %}")
        c.add_paragraph("{%p for s in it.sub_items %}")
        c.add_paragraph().add_run(
            "{{ s.label }} {{ s.title }}{% if s.presenters %} — {{ s.presenters }}{% endif %}"
            "{% if s.appendix %} ({{ s.appendix }}){% endif %}").bold = True
        opt(c, "s.purpose", "{{ s.purpose }}")
        opt(c, "s.urgent_reason", "Urgent item: {{ s.urgent_reason }}")
        c.add_paragraph("{%p endfor %}")

    loop_table(d, ["No.", "Item", "Presenter", "Paper"], "for it in items",
               ["{{ it.number }}.{% if it.time %} {{ it.time }}{% endif %}", item_cell, "{{ it.presenters }}",
                "{{ it.appendix }}"], [12, 110, 35, 21])
    p(d, "{%p if part2 %}")
    p(d, "{{ part2_heading }}", style="Heading 1")

    def p2_cell(c):
        item_cell(c)
        c.add_paragraph("{{ it.exempt_basis }}")

    loop_table(d, ["No.", "Item", "Presenter", "Paper"], "for it in part2",
               ["{{ it.number }}.{% if it.time %} {{ it.time }}{% endif %}", p2_cell, "{{ it.presenters }}",
                "{{ it.appendix }}"], [12, 110, 35, 21])
    p(d, "{%p endif %}")
    opt(d, "deadline", "{{ deadline }}", italic=True)
    p(d, "{%p if public_information %}")
    p(d, "Information for the public", style="Heading 1")
    p(d, "{{p public_information }}")
    opt(d, "contact", "Contact: {{ contact }}")
    p(d, "{%p endif %}")
    return d


def action_log():
    d = new_document(landscape=True)
    masthead(d)
    p(d, "{{ board }}: Action Log", style="Title")
    p(d, "For the meeting of {{ date_long }}. Open actions and those completed{% if since %} since the meeting of "
         "{{ since }}{% endif %}, as at {{ as_of }}: {{ open_count }} open, {{ done_count }} completed.")

    def action_cell(c):
        c.paragraphs[0].text = "{{ r.text }}"
        opt(c, "r.escalation", "{{ r.escalation }}", italic=True)

    loop_table(d, ["Ref", "Raised", "Action", "Owner", "Due", "RAG", "Direction", "Latest update"], "for r in rows",
               ["{{ r.id }}", "{{ r.raised }}", action_cell, "{{ r.owners }}",
                "{{ r.due }}{% if r.overdue %} (overdue){% endif %}", "{{ r.rag_status }}",
                "{{ r.direction }}", "{{ r.latest }}"], [40, 26, 68, 17, 22, 27, 20, 45])
    p(d, "RAG rating key", style="Heading 1")
    loop_table(d, ["Rating", "Meaning"], "for k in rag_key", ["{{ k.label }}", "{{ k.meaning }}"], [40, 225])
    p(d, "Direction of travel compares each action's rating with its rating at the previous meeting of the Board.",
      italic=True)
    return d


def forward_plan():
    d = new_document()
    masthead(d)
    p(d, "{{ board }}: Forward Plan", style="Title")
    p(d, "Scheduled items from {{ date_long }}, and items not yet scheduled.")
    p(d, "{%p for m in meetings %}")
    p(d, "{{ m.date }}", style="Heading 1")
    opt(d, "m.note", "{{ m.note }}")
    p(d, "{%p for it in m.entries %}")
    p(d, "{{ it.title }}{% if it.lead %} — {{ it.lead }}{% endif %}{% if it.purpose %} ({{ it.purpose }})"
         "{% endif %}{% if it.key_decision %} — key decision{% endif %}", style="List Bullet")
    p(d, "{%p endfor %}")
    p(d, "{%p endfor %}")
    p(d, "Unscheduled items", style="Heading 1")
    loop_table(d, ["Item", "Lead", "Source"], "for it in unscheduled",
               ["{{ it.title }}", "{{ it.lead }}", "{{ it.source }}"], [80, 40, 58])
    return d


def highlight():
    d = new_document()
    masthead(d)
    p(d, "{{ board }}: Highlight Report", style="Title")
    p(d, "For the meeting of {{ date_long }}.")
    p(d, "Action completion", style="Heading 1")
    p(d, "{{ completion_text }}")
    loop_table(d, ["Meeting", "Raised", "Completed", "Carried forward", "Overdue"], "for c in cycles",
               ["{{ c.meeting }}", "{{ c.raised }}", "{{ c.completed }}", "{{ c.carried_forward }}",
                "{{ c.overdue }}"])
    p(d, "{%p for pg in programmes %}")
    p(d, "{{ pg.name }}", style="Heading 1")
    loop_table(d, ["Workstream", "Lead", "RAG"], "for w in pg.workstreams",
               ["{{ w.name }}", "{{ w.lead }}", "{{ w.rag_label }}"], [90, 50, 38])
    p(d, "{%p for w in pg.workstreams %}")
    p(d, "{{ w.name }} — {{ w.rag_label }}", style="Heading 2")
    p(d, "Lead: {{ w.lead }}{% if w.updated %}; updated {{ w.updated }}{% endif %}", italic=True)
    for label, key in [("Progress", "progress"), ("Impact", "impact"), ("Worries / concerns", "concerns"),
                       ("Next steps", "next_steps")]:
        p(d, "{%p if w." + key + " %}")  # a heading with nothing under it is left out
        p(d, label, style="Heading 3")
        p(d, "{{p w.%s }}" % key)
        p(d, "{%p endif %}")
    p(d, "{%p if w.measures %}")
    loop_table(d, ["Success measure", "Baseline", "Targets", "Actuals"], "for m in w.measures",
               ["{{ m.measure }}", "{{ m.baseline }}", "{{ m.targets }}", "{{ m.actuals }}"], [70, 22, 50, 36],
               keep_rows=True)
    p(d, "")  # two tables with nothing between them are one table to Word
    p(d, "{%p endif %}")
    p(d, "{%p if w.risks %}")
    loop_table(d, ["Risk", "Impact", "Strategy", "Action(s)", "Score"], "for r in w.risks",
               ["{{ r.risk }}", "{{ r.impact }}", "{{ r.strategy }}", "{{ r.actions }}", "{{ r.score }}"],
               [42, 40, 20, 56, 20], keep_rows=True)
    p(d, "")
    p(d, "{%p endif %}")
    p(d, "{%p endfor %}")
    p(d, "{%p endfor %}")
    p(d, "{%p if upcoming %}")
    p(d, "Next on the forward plan ({{ next_meeting }})", style="Heading 1")
    p(d, "{%p for t in upcoming %}")
    p(d, "{{ t }}", style="List Bullet")
    p(d, "{%p endfor %}")
    p(d, "{%p endif %}")
    p(d, "RAG rating key", style="Heading 1")
    p(d, "{%p for k in rag_key %}")
    p(d, "{{ k.label }}: {{ k.meaning }}", style="List Bullet")
    p(d, "{%p endfor %}")
    return d


# the report cover sheet's headings, in the order Kingston's reports print them (the HWB pack in the seeds)
REPORT_SECTIONS = ["Context", "Proposal and Options", "Consultations", "Timescale", "Resource Implications",
                   "Legal Implications", "Risk Assessment", "Equalities Assessment", "Health Implications",
                   "Environmental & Air Quality Implications", "Benefits to the Community"]


def report():
    """The council's cover sheet for a report to the board: what the record knows filled in, every heading the
    author writes under, in order, with a line saying what goes there."""
    d = new_document()
    masthead(d)
    p(d, "{{ board }}", bold=True, size=12)
    p(d, "{{ date_long }}")
    p(d, "{{ title }}", style="Title")
    opt(d, "portfolio_holder", "{{ portfolio_holder }}")
    opt(d, "report_by", "Report by {{ report_by }}")
    p(d, "Purpose", style="Heading 1")
    p(d, "{% if purpose %}{{ purpose }}{% else %}[Why the report comes to the board, in one or two sentences.]{% endif %}")
    p(d, "It is recommended that the {{ board }}: -", bold=True)
    p(d, "{%p for r in recommendations %}")
    p(d, "{{ r }}", style="List Number")
    p(d, "{%p endfor %}")
    p(d, "Key Points", style="Heading 1")
    p(d, "{%p for k in key_points %}")
    p(d, "{{ k.letter }}.", bold=True)
    p(d, "{{ k.text }}")
    p(d, "{%p endfor %}")
    for heading in REPORT_SECTIONS:
        p(d, heading, style="Heading 1")
        p(d, f"[{heading}: write here, in numbered paragraphs.]", italic=True)
    p(d, "Author of report - {{ author }}")
    p(d, "Background papers held by - {{ background }}")
    return d


if __name__ == "__main__":
    import sys

    builds = [("minutes", minutes), ("agenda", agenda), ("actions", action_log), ("forward-plan", forward_plan),
              ("highlight", highlight), ("report", report)]
    wanted = sys.argv[1:]  # e.g. `report`: only those, leaving the others' bytes as they are
    for name, build in builds:
        if wanted and name not in wanted:
            continue
        doc = build()
        doc.save(HERE / f"{name}.docx")
        print("wrote", HERE / f"{name}.docx")
