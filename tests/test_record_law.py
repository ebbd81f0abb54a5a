"""The record as the law keeps it: approved minutes stay approved, documents say what happened."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import git
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent


def _edit_then_minutes(root: Path, gd, file: str, old: str, new: str, out: Path) -> str:
    """A hand edit to one record file, committed, then the 2030-01-10 minutes rendered as HTML."""
    path = root / file
    path.write_text(path.read_text().replace(old, new))
    git(root, "commit", "-qam", f"hand edit of {file}")
    gd("render", "minutes", "2030-01-10", "--format", "html", "-o", out)
    return (out / "send-pb-2030-01-10-minutes.html").read_text()


@pytest.fixture
def held(meeting):
    """The 2030-01-10 meeting held and minuted, with a later meeting on 2030-03-14."""
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", "--in-attendance", "JK", today="2030-01-10")
    gd("minute", "2030-01-10", item, "--text", "Discussed.", "--resolved",
       "That (1) the budget be noted; and (2) a report come back in March.", "--proposer", "AB", "--seconder", "CD")
    gd("meeting", "new", "send-pb", "2030-03-14", today="2030-01-20")
    return root, gd, item


def test_approval_is_minuted_at_the_approving_meeting_and_locks_the_record(held, tmp_path):
    root, gd, item = held
    gd("attendance", "2030-03-14", "--present", "AB,CD", today="2030-03-14")
    gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", "--proposer", "CD", "--seconder", "AB",
       "--vote", "2,0,0", today="2030-03-14")
    mins = yaml.safe_load((root / "meetings/send-pb/2030-03-14/minutes.yaml").read_text())
    (entry,) = [e for e in mins["items"].values() if e.get("resolved")]
    assert "10 January 2030 be approved as a correct record" in entry["resolved"][0]["text"]
    assert entry["resolved"][0]["proposer"] == "CD" and entry["resolved"][0]["vote"]["for"] == 2
    n = git(root, "rev-list", "--count", "HEAD")
    for cmd in (("minute", "2030-01-10", item, "--append", "--text", "Afterthought."),
                ("attendance", "2030-01-10", "--present", "GH"),
                ("action", "add", "2030-01-10", item, "Late action", "--owner", "CD")):
        r = gd(*cmd, ok=False, today="2030-03-20")
        assert r.exit_code == 1 and "approved" in r.output and "correction" in r.output, cmd
    assert git(root, "rev-list", "--count", "HEAD") == n


def test_no_minutes_before_the_meeting_unless_it_is_being_held_and_no_guessing_between_boards(meeting):
    root, gd, item = meeting
    r = gd("minute", "2030-01-10", item, "--text", "Too early", ok=False, today="2030-01-05")
    assert r.exit_code == 2 and "has not happened yet" in r.output
    gd("attendance", "2030-01-10", "--present", "AB,CD", today="2030-01-05")
    r = gd("minute", "2030-01-10", item, "--text", "Drafted early", today="2030-01-05")
    assert "still to come" in r.output and "draft" in r.output
    assert "Drafted early" in (root / "meetings" / "send-pb" / "2030-01-10" / "minutes.yaml").read_text()
    gd("meeting", "new", "hwb", "2030-01-10", today="2030-01-02")
    r = gd("item", "add", "2030-01-10", "Which board?", ok=False, today="2030-01-02")
    assert r.exit_code == 2 and "hwb" in r.output and "send-pb" in r.output


def test_entering_a_minute_again_replaces_its_decisions(held):
    root, gd, item = held
    gd("minute", "2030-01-10", item, "--text", "Discussed again.", "--resolved", "That the budget be noted.")
    rows = json.loads(gd("decisions", "--format", "json").stdout)
    assert [r["text"] for r in rows] == ["That the budget be noted."]
    gd("minute", "2030-01-10", item, "--append", "--resolved", "That thanks be recorded.")
    assert len(json.loads(gd("decisions", "--format", "json").stdout)) == 2


def test_minutes_say_what_each_action_is_and_set_out_limbs(held, tmp_path):
    root, gd, item = held
    aid = gd("action", "add", "2030-01-10", item, "Bring the budget report back", "--owner", "CD").stdout.strip()
    gd("meeting", "new", "hwb", "2030-02-05", today="2030-01-20")
    gd("action", "escalate", aid, "--to", "hwb", today="2030-01-21")
    gd("render", "minutes", "2030-01-10", "--format", "pdf,docx", "-o", tmp_path)
    pdf = "\n".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "send-pb-2030-01-10-minutes.pdf")).pages)
    flat = " ".join(pdf.split())
    assert "ACTION: Bring the budget report back (CD" in flat and "Escalated to the Testshire Health" in flat
    lines = [ln.strip() for ln in pdf.splitlines()]
    assert any(ln.startswith("(1) the budget be noted") for ln in lines)
    assert any(ln.startswith("(2) a report come back") for ln in lines)
    assert "High needs budget – CD" not in flat  # no presenter initials in the heading


def test_people_are_shown_as_they_were_at_the_meeting(held, tmp_path):
    root, gd, item = held
    page = _edit_then_minutes(root, gd, "people.yaml", "Head of SEND", "Director of Education", tmp_path)
    assert "Head of SEND" in page and "Director of Education" not in page


def test_private_documents_say_so_on_every_page(held, tmp_path):
    root, gd, item = held
    gd("minute", "2030-01-10", item, "--text", "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(40)))
    gd("render", "minutes", "2030-01-10", "--format", "pdf", "--private", "-o", tmp_path)
    pages = PdfReader(str(tmp_path / "send-pb-2030-01-10-minutes-private.pdf")).pages
    assert len(pages) >= 3 and all("NOT FOR PUBLICATION" in (p.extract_text() or "") for p in pages)
    fill = [len((p.extract_text() or "").strip()) for p in pages[:-1]]
    assert min(fill) > 0.5 * max(fill)  # the long minute flows on; no half-empty page


def test_late_publication_is_said(meeting):
    root, gd, item = meeting
    r = gd("meeting", "publish", "2030-01-10", today="2030-01-08")
    assert "published late" in r.output and "s.100B(4)" in r.output
    r = gd("check")
    assert "published late" in r.output


def test_a_published_pack_rebuilt_later_is_the_pack_as_published(meeting, tmp_path):
    root, gd, item = meeting
    gd("forward", "add", "send-pb", "2030-03-05", "Autism pathway")
    gd("meeting", "publish", "2030-01-10", today="2030-01-02")
    gd("pack", "2030-01-10", "-o", tmp_path / "one")
    gd("forward", "add", "send-pb", "2030-05-01", "Transport review")
    gd("pack", "2030-01-10", "-o", tmp_path / "two")
    one, two = (tmp_path / d / "send-pb-2030-01-10-pack.pdf" for d in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    gd("pack", "2030-01-10", "--current", "-o", tmp_path / "now")
    now = " ".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "now/send-pb-2030-01-10-pack.pdf")).pages)
    assert "Transport review" in now
    manifest = json.loads((tmp_path / "one/send-pb-2030-01-10-pack-manifest.json").read_text())
    assert manifest["record_commit"] == git(root, "log", "-1", "--format=%H", "--grep=action=publish").strip()


def test_the_pack_claims_pdf_ua_only_when_true_and_headers_have_scope(example_copy, tmp_path):
    from conftest import Gd

    gd = Gd(example_copy)
    gd("pack", "2020-01-23", "-o", tmp_path)
    r = PdfReader(str(tmp_path / "send-pb-2020-01-23-pack.pdf"))
    # every paper of the example is tagged, so the pack is PDF/UA throughout and says so (a pack with an
    # untagged paper claims nothing: tests/test_accessible_pack.py)
    assert b"pdfuaid" in r.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert "(PDF/UA-1)" in r.metadata["/Accessibility"]
    ths = [e for e in _structure_elements(r.trailer["/Root"]["/StructTreeRoot"]) if e.get("/S") == "/TH"]
    assert ths and all(e["/A"]["/Scope"] == "/Column" and e["/A"]["/O"] == "/Table" for e in ths)


def _structure_elements(root):
    """Every element of a PDF's structure tree, each once."""
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


def test_a_past_action_log_shows_the_past(held, tmp_path):
    """Re-rendered after its actions closed, a meeting's log still says what stood on its day."""
    root, gd, item = held
    aid = gd("action", "add", "2030-01-10", item, "Write the plan", "--owner", "CD", "--due", "2030-02-01").stdout.strip()
    gd("action", "update", aid, "--due", "2030-02-28", "--note", "More time agreed", today="2030-01-20")
    gd("render", "actions", "2030-03-14", "--format", "html", "-o", tmp_path / "before", today="2030-03-14")
    gd("action", "done", aid, "--note", "Written", today="2030-04-01")
    gd("render", "actions", "2030-03-14", "--format", "html", "-o", tmp_path / "after", today="2030-05-01")
    before = (tmp_path / "before/send-pb-2030-03-14-actions.html").read_text()
    after = (tmp_path / "after/send-pb-2030-03-14-actions.html").read_text()
    import re

    rows = [re.search(r"<tr>(?:(?!</tr>).)*Write the plan(?:(?!</tr>).)*</tr>", page, re.S).group(0)
            for page in (before, after)]
    for row in rows:
        assert "Done" not in row and "Completed" not in row and "completed" not in row
        assert "revised; originally" in row
    assert rows[0] == rows[1]


def test_the_agenda_names_a_sub_items_paper(meeting, tmp_path):
    root, gd, item = meeting
    paper = ROOT / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf"
    gd("item", "add", "2030-01-10", "Sub with paper", "--under", item, "--paper", paper, today="2030-01-02")
    gd("render", "agenda", "2030-01-10", "--format", "html", "-o", tmp_path)
    page = (tmp_path / "send-pb-2030-01-10-agenda.html").read_text()
    assert f"Appendix A ({item}a)" in page


def test_history_of_a_meeting_names_the_item_added_not_its_neighbours(meeting):
    root, gd, item = meeting
    gd("item", "add", "2030-01-10", "Fresh business", today="2030-01-02")
    import re

    out = gd("history", "2030-01-10").stdout
    newest = re.split(r"\n(?=\d{4}-\d{2}-\d{2} )", out)[1]
    assert "items[Fresh business]" in newest and "items[High needs budget]" not in newest


def test_a_held_meetings_documents_keep_the_board_name_it_had(held, tmp_path):
    root, gd, item = held
    page = _edit_then_minutes(root, gd, "boards/send-pb/board.yaml", "Testshire SEND Partnership Board",
                              "Testshire Inclusion Board", tmp_path)
    assert "TESTSHIRE SEND PARTNERSHIP BOARD" in page and "Inclusion Board" not in page


def test_quorum_counts_the_membership_of_the_day(held, tmp_path):
    root, gd, item = held
    board = "boards/send-pb/board.yaml"
    assert "The meeting was quorate" in _edit_then_minutes(root, gd, board, "members:", "quorum: 3\nmembers:",
                                                           tmp_path / "a")
    (root / board).write_text((root / board).read_text().replace("- initials: EF\n", ""))
    assert "The meeting was quorate" in _edit_then_minutes(root, gd, board, "- initials: CD\n", "", tmp_path / "b")




def test_the_word_pack_names_a_pdf_only_paper_once(example_copy, tmp_path):
    import docx
    from conftest import Gd

    Gd(example_copy)("pack", "2020-01-23", "-o", tmp_path)
    d = docx.Document(str(tmp_path / "send-pb-2020-01-23-pack.docx"))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading") and p.text.startswith("Appendix")]
    assert len(headings) == len(set(headings)) and headings
    text = "\n".join(p.text for p in d.paragraphs)
    assert "pages A1 to A1" not in text and "pages C1 to C1" not in text


def test_the_public_agenda_counts_only_public_actions(meeting, tmp_path):
    root, gd, item = meeting
    ex = gd("item", "add", "2030-01-10", "Secret matter", "--exempt", "1", today="2030-01-02").stdout.strip()
    gd("action", "add", "2030-01-10", item, "Public task", "--owner", "CD")
    for n in range(3):
        gd("action", "add", "2030-01-10", ex, f"Secret task {n}", "--owner", "CD")
    gd("meeting", "new", "send-pb", "2030-03-14", today="2030-01-20")
    gd("render", "agenda", "2030-03-14", "--format", "html", "-o", tmp_path / "pub", today="2030-03-01")
    gd("render", "agenda", "2030-03-14", "--format", "html", "--private", "-o", tmp_path / "priv", today="2030-03-01")
    assert "1 open action(s)" in (tmp_path / "pub/send-pb-2030-03-14-agenda.html").read_text()
    assert "4 open action(s)" in (tmp_path / "priv/send-pb-2030-03-14-agenda-private.html").read_text()
