"""Write the example workspace's papers: short reports drawn from the seeds' facts.

Run once from the repository root; the outputs are committed. PDFs come from WeasyPrint,
the .docx from python-docx, so the example pack shows both kinds of paper.
"""
from pathlib import Path

import docx
from docx.shared import Pt
from weasyprint import HTML

from govdocs.render.tagging import scope_header_cells

CSS = """
@page { size: A4; margin: 20mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #555; padding: 4px; text-align: left; }
.meta { color: #333; }
"""


def pdf(path: Path, title: str, body: str) -> None:
    html = f"<html lang='en-GB'><head><title>{title}</title><style>{CSS}</style></head><body>{body}</body></html>"
    path.parent.mkdir(parents=True, exist_ok=True)
    # authors who supply tagged PDF, as councils ask, with each header cell heading its column
    HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1", finisher=scope_header_cells)


def cover(board: str, date: str, title: str, purpose: str, recommendation: str, author: str) -> str:
    return f"""<p class='meta'>{board}<br>{date}</p><h1>{title}</h1>
<h2>Purpose</h2><p>{purpose}</p><h2>Recommendations</h2><p>{recommendation}</p>"""


ROOT = Path(__file__).resolve().parent.parent
jan = ROOT / "meetings/send-pb/2020-01-23/papers"
mar = ROOT / "meetings/hwb/2019-03-28/papers"

pdf(jan / "wsoa-progress-update.pdf", "Written Statement of Action - progress update", cover(
    "Kingston SEND Partnership Board", "23 January 2020", "Written Statement of Action: progress update",
    "To update the Board on progress against the four areas of significant weakness in the Written Statement of Action.",
    "The Board notes the progress made and the areas where evidence of impact is still needed.", "CP") + """
<h2>Key Points</h2><ol>
<li>The quality of EHC plans is improving; a multi-agency quality assurance review has begun across education, health and care.</li>
<li>Annual reviews are more timely; the local target has been tightened from 16 to 12 weeks.</li>
<li>The Designated Clinical Officer is working with the SEN team on health advice and quality assurance.</li>
<li>The Parent Carer Forum is close to forming; the Parent Consortium continues until it does.</li></ol>
<h2>RAG rating by area</h2>
<table><tr><th>Area</th><th>RAG</th><th>Direction of travel</th></tr>
<tr><td>1. Quality and monitoring of EHC plans</td><td>Amber</td><td>Improving</td></tr>
<tr><td>2. Timeliness of annual reviews</td><td>Light Green</td><td>Improving</td></tr>
<tr><td>3. CCG strategic leadership of the 2014 reforms</td><td>Amber</td><td>Unchanged</td></tr>
<tr><td>4. Relationship with parents and a Parent Carer Forum</td><td>Amber</td><td>Improving</td></tr></table>
<h2 style='page-break-before: always'>Worries / concerns and next steps</h2><ul>
<li>Waiting times for therapies must be shown to fall before the revisit.</li>
<li>Evidence of impact, not only activity, is needed for every measure.</li></ul>
<h2>Background papers</h2><p>None other than those referred to in this report.</p>
<p>Author of report: Charis Penfold, Director for Education Services, Achieving for Children.</p>""")

pdf(jan / "performance-dashboard-q2.pdf", "SEND Performance Dashboard, Quarter 2 2019/20", cover(
    "Kingston SEND Partnership Board", "23 January 2020", "SEND Performance Dashboard: Quarter 2 2019/20",
    "To show the Board what is working well and where there are concerns.",
    "The Board notes the dashboard.", "AW") + """
<table><tr><th>Measure</th><th>Baseline</th><th>Q2 2019/20</th><th>Aim</th></tr>
<tr><td>EHCPs placed in independent special schools</td><td>15.5% (Jan 2017)</td><td>10.9%</td><td>6% (national average)</td></tr>
<tr><td>Average cost of an independent place, change on 2018/19</td><td>-</td><td>8.6% lower</td><td>Continue to reduce</td></tr>
<tr><td>New EHCPs completed within 20 weeks</td><td>-</td><td>98%</td><td>95%</td></tr>
<tr><td>Occupational therapy: % waiting over 18 weeks</td><td>57 (Q1)</td><td>53</td><td>Reduce</td></tr>
<tr><td>Physiotherapy: % waiting over 18 weeks</td><td>25 (Q1)</td><td>20</td><td>Reduce</td></tr>
<tr><td>Growth in EHCPs in the quarter</td><td>-</td><td>3.7%</td><td>-</td></tr></table>
<h2>Concerns</h2><p>Funding pressure continues; waiting times for Speech and Language appointments have risen since Q1 and clearing the backlog is a priority.</p>
<p>Author of report: Ashley Whittaker, Programme Director, Achieving for Children.</p>""")

for name, title, purpose, points in [
    ("partners-updates-and-work-programme.pdf", "Partners' Update and the Board's Work Programme",
     "To alert the Board to emerging local and national policy, provide updates from partners and support forward work planning.",
     ["Public Health: Kingston named one of eight Time to Change hubs, with £25,000 funding.",
      "Kingston CCG: merger discussions across the six south west London CCGs.",
      "Kingston Hospital: RTT and emergency care targets achieved in February despite winter pressures.",
      "Healthwatch Kingston: bi-monthly open meetings continue."]),
    ("send-transformation-plan.pdf", "SEND Transformation Plan 2019/20 to 2021/22",
     "To brief the Health and Wellbeing Board on the SEND Transformation Plan.",
     ["The plan is a condition of the £3m DSG advance received in 2018/19.",
      "The accumulated DSG overspend is forecast to be £11.1m by the end of 2018/19.",
      "Six workstreams: Strategy and Governance; Commercial Thinking; Local Provision; Early Intervention and Transition; Assessment and Planning; Home to School Travel."]),
    ("written-statement-of-action.pdf", "Written Statement of Action",
     "To update the Board on progress with the Written Statement of Action.",
     ["Ofsted and the CQC deemed the Written Statement of Action fit for purpose on 6 March 2019.",
      "It addresses four areas of significant weakness identified in September 2018."]),
    ("board-membership.pdf", "Board Membership - Representation of Children's Services",
     "To consider a proposal to strengthen the Board representation of Children's Services.",
     ["Add the Associate Director for Health Services, Protection and Early Help, Achieving for Children.",
      "Named alternates are needed for both positions, as the Board is a committee of the Council."]),
]:
    body = cover("Kingston Health and Wellbeing Board", "28 March 2019", title, purpose,
                 "The Board is asked to consider this report.", "") + \
        "<h2>Key Points</h2><ol>" + "".join(f"<li>{p}</li>" for p in points) + "</ol>"
    pdf(mar / name, title, body)

# The HWB pack's appendices as the seed holds them (issue 27): the real reports' text, whole, from the
# agenda pack's text layer, in place of the summaries above. Page stamps of the original (A8, B18 …) are
# left out: the pack stamps its own.
SEED = ROOT.parent / "shared" / "seeds" / "001_ffd8eff72a65a221.txt"
APPENDICES = [("partners-updates-and-work-programme.pdf", "Partners' Update and the Board's Work Programme", 118, 1005),
              ("send-transformation-plan.pdf", "SEND Transformation Plan", 1006, 7030),
              ("written-statement-of-action.pdf", "Ofsted and CQC Local Area SEND Inspection: Written Statement of "
                                                  "Action", 7031, 9542),
              ("board-membership.pdf", "Board Membership: Representation of Children's Services", 9543, 99999)]


HEADINGS = ("Purpose", "Recommendations", "Key Points", "Context", "Proposal and Options", "Proposals and Options",
            "Consultations", "Consultation", "Timescale", "Resource Implications", "Legal Implications",
            "Risk Assessment", "Equalities Impact Assessment", "Health Implications", "Environmental Implications",
            "Benefits to the Community", "Background papers", "Background Papers", "Author of report", "Summary",
            "Annex 1", "Annex 2", "Annex 3")


def seed_report(title: str, lines: list[str]) -> str:
    """The report's text as paragraphs under its cover-sheet headings; a label alone on its line ("A.",
    "1.") starts the paragraph it numbers."""
    import html
    import re

    out = ["<p class='meta'>Kingston Health and Wellbeing Board<br>28 March 2019</p>", f"<h1>{html.escape(title)}</h1>"]
    cur: list[str] = []

    def flush():
        if cur:
            out.append(f"<p>{html.escape(' '.join(cur))}</p>")
            cur.clear()

    for line in lines:
        text = line.strip()
        if re.fullmatch(r"[A-D]\d{1,3}|Appendix [A-D]|●|•|", text):
            flush()
            continue
        heading = next((h for h in HEADINGS if text == h or text.startswith(h + " ") and len(text) < 40), None)
        if heading:
            flush()
            out.append(f"<h2>{html.escape(heading)}</h2>")
            text = text[len(heading):].strip()
            if not text:
                continue
        label = re.fullmatch(r"[A-Z]\.|\d{1,2}\.", text)
        if label:
            flush()
        cur.append(text)
        if text.endswith((".", ":")) and len(text) < 70 and not label:
            flush()  # a short closing line ends its paragraph
    flush()
    return "\n".join(out)


if SEED.is_file():
    seed = SEED.read_text(encoding="utf-8").splitlines()
    for name, title, first, last in APPENDICES:
        pdf(mar / name, title, seed_report(title, seed[first - 1:last]))

d = docx.Document()
d.styles["Normal"].font.size = Pt(11)
d.add_paragraph("Kingston SEND Partnership Board - 23 January 2020")
d.add_heading("SEND Transformation Plan: update", level=1)
for head, text in [
    ("Purpose", "To update the Board on the six workstreams of the SEND Transformation Plan and its extension from three to five years."),
    ("Recommendations", "The Board notes progress and endorses taking the five year plan to the Health and Wellbeing Board on 28 January 2020."),
    ("Key Points", None),
]:
    d.add_heading(head, level=2)
    if text:
        d.add_paragraph(text)
for point in [
    "Co-production: the Parent Carer Forum has a steering group of six members; easy read guides exist for SEN caseworkers and the EHCP process.",
    "Commercial Thinking: work with the new AfC Commissioning Director from early 2020.",
    "Local Provision: 49 places opened in Kingston special schools and resource provisions this academic year.",
    "Finance: EHCPs grew by 12.3% in a year; the in-year High Needs Block overspend is £7.3M.",
]:
    d.add_paragraph(point, style="List Bullet")
d.add_heading("Author", level=2)
d.add_paragraph("Ashley Whittaker, Programme Director, Achieving for Children")
d.core_properties.title = "SEND Transformation Plan - update"
d.save(jan / "send-transformation-plan-update.docx")
print("papers written")
