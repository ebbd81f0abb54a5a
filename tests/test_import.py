"""`govdocs import minutes`: published minutes read into the record, checked against what a clerk entered by
hand, in every format a council keeps them, and on other bodies' real minutes (tests/data/minutes/SOURCES.md)."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import Gd, commits, git

DATA = Path(__file__).parent / "data" / "minutes"
SEED = DATA / "kingston-send-pb-2019-11-14.txt"
DATE = "2019-11-14"


def without_meeting(ws: Path) -> None:
    """The example with the meeting of 14 November 2019 and its actions taken out, as a clerk would find it
    before entering the minutes."""
    paths = [f"meetings/send-pb/{DATE}"] + [str(p.relative_to(ws)) for p in (ws / "actions").rglob(f"*{DATE}*.yaml")]
    git(ws, "rm", "-rq", *paths)
    git(ws, "commit", "-qm", f"Without the meeting of {DATE}")


def clean(ws: Path) -> bool:
    """Nothing changed or left behind in the record (govdocs' own lock folder aside, which .gitignore names)."""
    return [ln for ln in git(ws, "status", "--porcelain").splitlines() if not ln.endswith(".govdocs/")] == []


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def record_of(ws: Path) -> dict:
    """What a clerk compares: times and venue, chair, attendance, items (numbers, titles, presenters), the
    owners of actions by item, the future dates."""
    folder = ws / "meetings/send-pb" / DATE
    m, att, mins = load(folder / "meeting.yaml"), load(folder / "attendance.yaml"), load(folder / "minutes.yaml")

    def items(entries):
        return [(str(e["number"]), e["title"], e.get("presenters") or [], items(e.get("items", [])))
                for e in entries]

    acts = [load(p) for p in (ws / "actions/send-pb").glob(f"*{DATE}*.yaml")]
    return {"when": (m["start"], m["end"], m["venue"]), "chair": m["chair"],
            "present": sorted(att.get("present", [])), "apologies": sorted(att.get("apologies", [])),
            "items": items(m["items"]), "owners": sorted((a["item"], o) for a in acts for o in a["owners"]),
            "future": [(str(f["date"]), f["time"], f["venue"]) for f in mins.get("future_dates", [])]}


@pytest.fixture
def bare(own_example) -> Path:
    without_meeting(own_example)
    return own_example


def lo_convert(src: Path, fmt: str, out: Path) -> Path:
    profile = (out / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt, "--outdir",
                    str(out), str(src)], capture_output=True, timeout=300, check=True)
    return out / f"{src.stem}.{fmt}"


def test_the_seed_minutes_give_the_meeting_the_clerk_entered_by_hand(own_example, tmp_path):
    hand = own_example
    folder = hand / "meetings/send-pb" / DATE
    by_hand = load(folder / "meeting.yaml")
    hand_att = load(folder / "attendance.yaml")
    without_meeting(hand)
    n = commits(hand)
    Gd(hand)("import", "minutes", SEED, "--board", "send-pb")
    assert commits(hand) == n + 1
    got = record_of(hand)
    assert got["when"] == (by_hand["start"], by_hand["end"], by_hand["venue"]) and got["chair"] == "IT"
    assert got["present"] == sorted(hand_att["present"]) and got["apologies"] == sorted(hand_att["apologies"])
    numbers = [(i[0], [s[0] for s in i[3]]) for i in got["items"]]
    assert numbers == [(str(e["number"]), [s["number"] for s in e.get("items", [])]) for e in by_hand["items"]]
    titles = {i[0]: i[1] for i in got["items"]} | {s[0]: s[1] for i in got["items"] for s in i[3]}
    assert titles["5"] == "Actions: Workforce" and titles["3b"] == "SEND Transformation Plan"
    assert titles["6a"] == "Future items for spotlight: Post 16 Provision; Transitions to Adult Services"
    assert {i[0]: i[2] for i in got["items"]}["2"] == ["AW", "JC"]
    # the Action column: ID and NG beside item 5, AW beside item 8, each with the sentence they own
    assert got["owners"] == [("5", "ID"), ("5", "NG"), ("8", "AW")]
    texts = {a["owners"][0]: a["text"] for a in map(load, (hand / "actions/send-pb").glob(f"*{DATE}*.yaml"))}
    assert texts["ID"] == "ID will resend the data capsule tool to those who have not replied."
    assert "action plan to be updated" in texts["AW"]
    assert got["future"] == [("2020-01-23", "2-4pm", "Queen Anne Suite, Kingston")]
    minutes = load(folder / "minutes.yaml")["items"]
    assert "£7.3M" in minutes["3b"]["text"] and "multi-agency working" in minutes["3b"]["text"]
    assert minutes["2"]["text"].count("\n- ") == 25  # the 25 points the groups raised, one list item each
    assert "resolved" not in str(minutes)  # the printed minutes state no decision; none is invented
    kept = folder / "source" / SEED.name
    assert kept.read_bytes() == SEED.read_bytes()
    message = git(hand, "log", "-1", "--format=%B")
    assert SEED.name in message and hashlib.sha256(SEED.read_bytes()).hexdigest() in message
    assert Gd(hand)("check").exit_code == 0
    # the same file again: nothing changes, and the clerk is told why
    again = Gd(hand)("import", "minutes", SEED, "--board", "send-pb")
    assert commits(hand) == n + 1 and "already imported" in again.output
    assert clean(hand)


def test_word_and_pdf_versions_give_the_same_record(own_example, tmp_path):
    bare_txt = tmp_path / "txt"
    shutil.copytree(own_example, bare_txt, symlinks=True)
    without_meeting(bare_txt)
    Gd(bare_txt)("import", "minutes", SEED, "--board", "send-pb")
    want = record_of(bare_txt)
    for fmt in ("docx", "pdf", "odt"):
        made = lo_convert(SEED, fmt, tmp_path / f"lo-{fmt}")
        ws = tmp_path / f"ws-{fmt}"
        shutil.copytree(own_example, ws, symlinks=True)
        without_meeting(ws)
        Gd(ws)("import", "minutes", made, "--board", "send-pb")
        got = record_of(ws)
        assert got == want, fmt
        assert (ws / "meetings/send-pb" / DATE / "source" / made.name).read_bytes() == made.read_bytes()


def test_the_dry_run_shows_the_record_and_every_line_it_could_not_place_and_writes_nothing(bare, tmp_path):
    stray = "qx4711 zanzibar marmalade plover"
    text = SEED.read_text(encoding="utf-8")
    anchor = "continues to be strong with 98% in Q2.</p>"
    annotated = tmp_path / "annotated.txt"
    annotated.write_text(text.replace(anchor, anchor + " <p>RESOLVED that the Performance Dashboard be noted.</p>", 1)
                         + "\n" + stray + "\n", encoding="utf-8")
    line_no = annotated.read_text(encoding="utf-8").splitlines().index(stray) + 1
    n = commits(bare)
    r = Gd(bare)("import", "minutes", annotated, "--board", "send-pb", "--dry-run")
    assert commits(bare) == n and clean(bare)
    assert "Ian Thomas -> IT" in r.output and "4. Performance Dashboard" in r.output
    assert f"not placed, line {line_no}: {stray}" in r.output
    assert "RESOLVED: That the Performance Dashboard be noted." in r.output
    Gd(bare)("import", "minutes", annotated, "--board", "send-pb")
    minute = load(bare / "meetings/send-pb" / DATE / "minutes.yaml")["items"]["4"]
    assert minute["resolved"] == [{"text": "That the Performance Dashboard be noted."}]
    assert "RESOLVED" not in minute["text"]  # the decision is the decision, not also a paragraph


def test_files_that_are_not_minutes_are_refused_in_one_line_and_nothing_is_written(bare, tmp_path):
    import docx

    png_named_pdf = tmp_path / "scan.pdf"
    png_named_pdf.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Clerk,\nPlease find the papers attached.\n", encoding="utf-8")
    scanned = tmp_path / "scanned.pdf"
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    with scanned.open("wb") as f:
        w.write(f)
    locked = tmp_path / "locked.pdf"
    w2 = PdfWriter(clone_from=str(lo_convert(SEED, "pdf", tmp_path / "lo")))
    w2.encrypt("secret")
    with locked.open("wb") as f:
        w2.write(f)
    n = commits(bare)
    for bad, said in ((png_named_pdf, "is not a PDF"), (empty, "has no text"), (broken, "not a Word document"),
                      (letter, "no meeting date"), (scanned, "has no text"), (locked, "encrypted")):
        r = Gd(bare)("import", "minutes", bad, "--board", "send-pb", ok=False)
        assert r.exit_code != 0 and said in r.output and "Traceback" not in r.output, (bad.name, r.output)
        assert len(r.output.strip().splitlines()) == 1
    assert commits(bare) == n and clean(bare)


def test_a_meeting_entered_by_hand_is_never_overwritten(own_example):
    n = commits(own_example)
    r = Gd(own_example)("import", "minutes", SEED, "--board", "send-pb", ok=False)
    assert r.exit_code != 0 and "already has a meeting on 2019-11-14" in r.output and commits(own_example) == n


APPROVING = """MINUTES OF KINGSTON SEND PARTNERSHIP BOARD

Thursday 12 December 2019 at 2-4pm, Queen Anne Suite, Guildhall, Kingston

Present
Ian Thomas (Chair)\tIT\tChief Executive\tRoyal Borough of Kingston upon Thames
Ian Dodds\tID\tManaging Director\tAchieving for Children
Newcomer Person\t\tParent Representative\tParent Carer Forum

1.\tMinutes of the last meeting
The minutes of the meeting held on 14 November 2019 were agreed as a correct record.
2.\tAny other business
Action: Circulate the peer challenge report – ID
"""


def test_a_folder_imports_in_date_order_passes_over_a_bad_file_and_links_the_approval(bare, tmp_path):
    """The second meeting's minutes (written for this test, in the seed's layout) approve the first's: imported
    together, the first is marked approved at the second."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "b-january.txt").write_text(APPROVING, encoding="utf-8")
    shutil.copyfile(SEED, archive / "a-november.txt")
    (archive / "c-broken.docx").write_bytes(b"not a docx")
    gd = Gd(bare)
    r = gd("import", "minutes", archive, "--board", "send-pb", ok=False)
    assert r.exit_code == 0, r.output
    assert "c-broken.docx: not imported" in r.output and "2 meetings imported" in r.output
    first = load(bare / "meetings/send-pb" / DATE / "meeting.yaml")
    assert first["status"] == "minutes-approved" and str(first["minutes_approved_at"]) == "2019-12-12"
    second = load(bare / "meetings/send-pb/2019-12-12/minutes.yaml")["items"]["1"]["resolved"][0]
    assert str(second["approves"]) == DATE
    people = load(bare / "people.yaml")
    assert people["NP"]["name"] == "Newcomer Person" and people["NP"]["role"] == "Parent Representative"
    action = [load(p) for p in (bare / "actions/send-pb").glob("*2019-12-12*.yaml")]
    assert [(a["item"], a["owners"], a["text"]) for a in action] == [("2", ["ID"], "Circulate the peer challenge report")]
    log = git(bare, "log", "--format=%s", "-2")
    assert "2019-12-12" in log.splitlines()[0] and DATE in log.splitlines()[1]
    assert gd("check").exit_code == 0
    again = gd("import", "minutes", archive, "--board", "send-pb")
    assert "0 meetings imported, 2 already imported" in again.output


BODIES = [
    # (file, board, rules, share of lines placed at least, what a clerk checks)
    ("preshute-pc-2021-03-22.txt", "Preshute Parish Council", "parish", 1.0,  # the heading names no council
     {"present": 4, "apologies": 2, "chair": "PM", "items": ["59", "60", "61", "62", "63"]}),
    ("derby-derbyshire-ccg-2022-01-13.txt", "Derby and Derbyshire CCG Governing Body", "nhs", 0.97,
     {"present": 18, "apologies": 5, "in_attendance": 5, "items": ["1", "2", "3"], "first_number": 214}),
    ("cumbria-hwb-2019-04-18.txt", "Cumbria Health and Wellbeing Board", "partnership", 1.0,
     {"apologies": 6, "substitutes": 4, "items": ["1", "2"]}),
    ("choppington-pc-2023-11-22.txt", "Choppington Parish Council", "parish", 1.0,
     {"present": 5, "apologies": 4, "items": [str(n) for n in range(1, 11)], "first_number": 48}),
]


@pytest.mark.parametrize("name,board,rules,share,want", BODIES, ids=[b[0].split("-20")[0] for b in BODIES])
def test_other_bodies_real_minutes(ws, name, board, rules, share, want):
    from govdocs.imports.report import share_placed
    from govdocs.imports.run import import_minutes
    from govdocs.store.workspace import Workspace

    root, gd = ws
    gd("board", "add", "body", "--name", board, "--rules", rules)
    dry = Workspace(root)
    # the board is found from the minutes' heading where it names the body; a parish's often says only
    # "the Parish Council", and the clerk says which
    named = rules != "parish"
    out = import_minutes(dry, DATA / name, None if named else "body", dry_run=True)
    assert out.board == "body" and share_placed(out.draft) >= share
    gd("import", "minutes", DATA / name, *(() if named else ("--board", "body")))
    folder = root / "meetings/body" / out.date
    m, att = load(folder / "meeting.yaml"), load(folder / "attendance.yaml")
    for group in ("present", "apologies", "in_attendance", "substitutes"):
        if group in want:
            assert len(att.get(group, [])) == want[group], group
    if "chair" in want:
        assert m["chair"] == want["chair"]
    assert [str(i["number"]) for i in m["items"]] == want["items"]
    if "first_number" in want:
        assert load(folder / "minutes.yaml")["first_number"] == want["first_number"]


EXEMPT = """MINUTES OF TESTSHIRE HEALTH AND WELLBEING BOARD

Tuesday 15 January 2030 at 7pm, Council Chamber, County Hall

Present: Alice Brown (Chair), Chandra D'Souza, Éamon Fitzgerald
Apologies: Grace Hughes

1. Minutes of the previous meeting
The minutes of the meeting held on 10 January 2030 were agreed as a correct record.
2. Exclusion of the press and public
RESOLVED that the press and public be excluded for the following item because it is likely to disclose exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.
3. Land at Hill Farm
The Board considered the offer for the land.
RESOLVED that the sale be approved, proposed by Alice Brown and seconded by Chandra D'Souza (2 for, 1 against).
"""


def test_business_after_the_exclusion_comes_in_exempt_with_its_vote(ws, tmp_path):
    """Minutes written for this test in a principal council's style: the item after the exclusion resolution is
    exempt under the paragraph it names, and its decision keeps mover, seconder and vote."""
    root, gd = ws
    src = tmp_path / "hwb-2030-01-15.txt"
    src.write_text(EXEMPT, encoding="utf-8")
    gd("import", "minutes", src)  # the board from the heading: Testshire Health and Wellbeing Board
    folder = root / "meetings/hwb/2030-01-15"
    items = {str(i["number"]): i for i in load(folder / "meeting.yaml")["items"]}
    assert "exempt" not in items["1"] and "exempt" not in items["2"] and items["3"]["exempt"] == 3
    assert items["1"]["kind"] == "minutes" and items["2"]["kind"] == "exclusion"
    sale = load(folder / "minutes.yaml")["items"]["3"]["resolved"][0]
    assert (sale["proposer"], sale["seconder"], sale["vote"]) == ("AB", "CD", {"for": 2, "against": 1, "abstained": 0})
    att = load(folder / "attendance.yaml")
    assert att["present"] == ["AB", "CD", "EF"] and att["apologies"] == ["GH"] and load(folder / "meeting.yaml")["chair"] == "AB"
    out = gd("import", "minutes", src, ok=False)
    assert "already imported" in out.output


def test_a_moderngov_meeting_page_and_its_attendance_page(ws):
    """The Cumbria page's text in the markup ModernGov publishes it with (the store keeps pages as text; see
    SOURCES.md): scripts and navigation are not read, the agenda's words stay the agenda's, the minutes are
    the minute, and the attendance page says who substituted for whom."""
    root, gd = ws
    gd("board", "add", "chwb", "--name", "Cumbria Health and Wellbeing Board", "--rules", "partnership")
    pages = DATA / "moderngov"
    r = gd("import", "minutes", pages / "ieListDocuments-cumbria-hwb-2019-04-18.html", "--attendance",
           pages / "mgMeetingAttendance-cumbria-hwb-2019-04-18.html")
    assert "not placed" not in r.output
    folder = root / "meetings/chwb/2019-04-18"
    m, att = load(folder / "meeting.yaml"), load(folder / "attendance.yaml")
    assert (m["start"], m["venue"]) == ("10:00", "Council Chamber - County Offices, Kendal, LA9 4RQ")
    assert [(i["number"], i["title"]) for i in m["items"]] == [(1, "Apologies for Absence"), (2, "Disclosures of Interest")]
    assert m["items"][0]["text"] == "To receive any apologies for absence."
    minute = load(folder / "minutes.yaml")["items"]["1"]["text"]
    assert minute.startswith("Apologies for absence were received from Mr D Blacklock")
    people = load(root / "people.yaml")
    named = {people[s["initials"]]["name"]: [people[f]["name"] for f in s.get("for", [])] for s in att["substitutes"]}
    assert named["Ms H Horne"] == ["Mr D Blacklock"] and named["Mr A Gardner"] == ["Mr J Hawker"]
    assert len(att["apologies"]) == 6
    kept = sorted(p.name for p in (folder / "source").iterdir())
    assert kept == ["ieListDocuments-cumbria-hwb-2019-04-18.html", "mgMeetingAttendance-cumbria-hwb-2019-04-18.html"]
    assert "example.invalid" not in (folder / "minutes.yaml").read_text() + (folder / "meeting.yaml").read_text()


def declaration_blocks() -> list[tuple[str, str]]:
    """(page, text) for each minuted declaration in declarations.txt, as the councils' pages print them."""
    parts = re.split(r"^== (\S+)\n", (DATA / "declarations.txt").read_text(encoding="utf-8"), flags=re.M)
    out = []
    for page, body in zip(parts[1::2], parts[2::2]):
        out += [(page, block.strip()) for block in body.split("\n\n") if block.strip()]
    return out


DECLARED = {  # the page's sentence: who (as printed), item (as printed), the interest's first words
    "bracknell": [(["Councillor Brunel-Walker", "Councillor Heydon"], "12", "Affected interest, as Members of the Joint")],
    "cheshireeast": [(["Councillor D Brown"], "", "Personal and prejudicial interest, in applications 09/1300M"),
                     (["Councillor Mrs R Bailey"], "14", "Personal interest, on the grounds that her name")],
    "slough": [(["Councillor Grewal"], "3", "Personal and prejudicial interest, and stated that he would vacate"),
               (["Councillor Haines"], "", "Prejudicial interest, and requested")],
    "wiltshire": [(["Cllr Brian Dalton"], "", "Personal and prejudicial interest, in respect of the housing revenue"),
                  (["Cllr Rook"], "6", "Personal interest, in so far as it related to Redland Park"),
                  (["Cllr Lay"], "16(b)", "Personal interest, by virtue of being a member of the local Community")],
    "sheffield": [(["Councillor Martin Lawton", "Councillor Pat Midgley"], "11", "Prejudicial interest, as Members of Manor")],
    "durham": [],
}


def test_declarations_as_five_councils_minute_them():
    """Who declared, on which item, and the interest in the minutes' own words; "should declare" and "no
    declarations" are not declarations."""
    from govdocs.imports.interests import declarations_in

    got: dict[str, list] = {}
    for page, text in declaration_blocks():
        body = next(k for k in DECLARED if k in page.replace("-", ""))
        got.setdefault(body, []).extend((d.who, d.ref, d.interest) for d in declarations_in(text))
    assert set(got) == set(DECLARED)
    for body, want in DECLARED.items():
        assert [(w, r) for w, r, _ in got[body]] == [(w, r) for w, r, _ in want], body
        for (_, _, interest), (_, _, start) in zip(got[body], want):
            assert interest.startswith(start), (body, interest)


DECLARING = """MINUTES OF TESTSHIRE HEALTH AND WELLBEING BOARD

Tuesday 15 January 2030 at 7pm, Council Chamber, County Hall

Present: Alice Brown (Chair), Chandra D'Souza, Éamon Fitzgerald, Grace Hughes

1. Declarations of Interest
Councillors Chandra D'Souza and Éamon Fitzgerald declared prejudicial interests in item 3 on the agenda (Land at Hill Farm), as trustees of the Hill Farm Trust, and did not take part in the item.
Councillor Zed Quint declared a personal interest in item 2 as a governor of the school.
Grace Hughes declared an other registrable interest as a member of the Friends of the Park.
2. School places
The Board noted the report.
3. Land at Hill Farm
Prior to consideration of the item, Alice Brown declared a personal interest in the item as a neighbour of the farm.
The Board considered the offer for the land.
"""


def test_declarations_come_in_on_the_items_they_concern(ws, tmp_path):
    """Declarations made under "Declarations of Interest" on the item they name, and one made during an item on
    that item; one by somebody the minutes do not list, or on no item, is left for the clerk and said so."""
    from govdocs.edit.attendance import pecuniary_interests
    from govdocs.store.workspace import Workspace

    root, gd = ws
    src = tmp_path / "hwb-2030-01-15.txt"
    src.write_text(DECLARING, encoding="utf-8")
    dry = gd("import", "minutes", src, "--dry-run")
    assert "Zed Quint is not in people.yaml" in dry.output and "names no item on this agenda" in dry.output
    gd("import", "minutes", src)
    att = load(root / "meetings/hwb/2030-01-15/attendance.yaml")
    assert [(d["initials"], d["item"]) for d in att["declarations"]] == [("CD", "3"), ("EF", "3"), ("AB", "3")]
    assert att["declarations"][0]["interest"] == "Prejudicial interest, as trustees of the Hill Farm Trust, and did " \
                                                 "not take part in the item"
    assert att["declarations"][2]["interest"] == "Personal interest, as a neighbour of the farm"
    # the record now knows who may not vote on item 3, as after `attendance --declare`
    meeting = Workspace(root).meeting("hwb", "2030-01-15")
    assert pecuniary_interests(meeting, "3") == {"CD", "EF"} and pecuniary_interests(meeting, "2") == set()
    assert gd("check").exit_code == 0
