"""The meeting page in govdocs serve, through Flask's test client over a real workspace: only the board's
clerks, every post with CSRF, each entry the change its CLI command makes (the same meeting entered both ways
gives the same record), the quorum as people come and go, and what the draft minutes still lack."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import Gd, git
from test_web import csrf_of, signed_in

DAY = "2030-01-10"
LIVE = f"/boards/send-pb/{DAY}/live"


def set_up_the_board(gd) -> str:
    """send-pb with four voting members and a quorum of four, GH with a named substitute SU, a second
    business item (its number returned), and a clerk of that board alone (LM) beside the clerk of every
    board (JK)."""
    gd("person", "add", "GH2", "--name", "Gwen Hale")  # not a member: refused below like anyone else
    gd("person", "add", "SU", "--name", "Sam Underwood", "--role", "Parent Carer Forum Vice-Chair")
    gd("person", "add", "LM", "--name", "Lee Marsh", "--email", "lee@example.org")
    gd("person", "add", "OW", "--name", "Olu Williams", "--email", "olu@example.org")
    gd("member", "add", "send-pb", "GH", "--substitute", "SU")
    gd("member", "add", "send-pb", "OW", "--non-voting")
    gd("board", "edit", "send-pb", "--quorum", "4")
    return gd("item", "add", DAY, "Transport policy", "--presenter", "EF", "--purpose", "To decide",
              today="2030-01-02").stdout.strip()


@pytest.fixture
def board(meeting, monkeypatch):
    root, gd, item = meeting
    second = set_up_the_board(gd)
    monkeypatch.setenv("GOVDOCS_TODAY", DAY)
    from govdocs.web import create_app
    from govdocs.web.service import Service

    app = create_app(root, Service(base_url="http://localhost", clerks=["JK"], board_clerks={"send-pb": ["LM"]}))
    app.config["TESTING"] = False
    return root, gd, app, item, second


def post(c, part: str, **fields):
    page = c.get(LIVE)
    assert page.status_code == 200, page.get_data(as_text=True)[:300]
    return c.post(f"{LIVE}/{part}", data={"csrf": csrf_of(page), **fields})


def the_meeting(item: str, second: str) -> list[tuple[str, dict]]:
    """A whole meeting as the page posts it: two late arrivals, a substitute, a declaration, notes with a list,
    a named vote, a casting vote (refused while the votes are unequal), three actions, a departure that loses
    the quorum and the close."""
    return [
        ("attendance", {"person": "AB", "status": "present"}),
        ("attendance", {"person": "GH", "status": "apologies"}),
        ("attendance", {"member": "GH", "substitute": "SU", "do": "substitute"}),
        ("attendance", {"person": "EF", "status": "apologies"}),  # a slip, put right on arrival
        ("attendance", {"person": "EF", "do": "arrived", "at": "10:20"}),
        ("attendance", {"person": "CD", "do": "arrived", "at": "10:05"}),
        ("attendance", {"person": "JK", "status": "officers"}),
        ("declaration", {"person": "CD", "item": item, "kind": "pecuniary", "details": "her partner supplies the service"}),
        ("notes", {"item": item, "text": "The Board discussed the budget.\n\n- Pressures in placements\n- Transport costs"}),
        ("decision", {"item": item, "text": "That the budget be endorsed.", "proposer": "AB", "seconder": "SU",
                      "vote": "named", "voter_AB": "for", "voter_SU": "for", "voter_EF": "against"}),
        ("action", {"item": item, "text": "Report placement costs", "owner": "CD", "due": "2030-03-01"}),
        ("action", {"item": item, "text": "Review transport spend", "owner": "EF"}),
        ("notes", {"item": second, "text": "1. Option A\n2. Option B"}),
        ("decision", {"item": second, "text": "That option A be adopted.", "proposer": "EF", "seconder": "SU",
                      "vote": "counts", "for": "2", "against": "2", "abstained": "0", "casting": "1"}),
        ("action", {"item": second, "text": "Write to schools", "owner": "AB"}),
        ("attendance", {"person": "CD", "do": "left", "at": "11:40"}),
        ("closed", {"at": "11:55"}),
    ]


CLI_MEETING = [
    ("attendance", DAY, "--present", "AB"),
    ("attendance", DAY, "--apologies", "GH"),
    ("attendance", DAY, "--substitute", "SU=GH"),
    ("attendance", DAY, "--apologies", "EF"),
    ("attendance", DAY, "--clear", "EF", "--present", "EF", "--arrived", "EF=10:20"),
    ("attendance", DAY, "--present", "CD", "--arrived", "CD=10:05"),
    ("attendance", DAY, "--officers", "JK"),
    ("attendance", DAY, "--declare", "CD:{item}:a disclosable pecuniary interest (her partner supplies the service)"),
    ("minute", DAY, "{item}", "--text", "The Board discussed the budget.\n\n- Pressures in placements\n- Transport costs"),
    ("minute", DAY, "{item}", "--append", "--resolved", "That the budget be endorsed.", "--proposer", "AB",
     "--seconder", "SU", "--for", "AB,SU", "--against", "EF"),
    ("action", "add", DAY, "{item}", "Report placement costs", "--owner", "CD", "--due", "2030-03-01"),
    ("action", "add", DAY, "{item}", "Review transport spend", "--owner", "EF"),
    ("minute", DAY, "{second}", "--text", "1. Option A\n2. Option B"),
    ("minute", DAY, "{second}", "--append", "--resolved", "That option A be adopted.", "--proposer", "EF",
     "--seconder", "SU", "--vote", "2,2,0", "--casting-vote"),
    ("action", "add", DAY, "{second}", "Write to schools", "--owner", "AB"),
    ("attendance", DAY, "--left", "CD=11:40"),
    ("meeting", "edit", DAY, "--closed", "11:55"),
]


def record_of(root) -> dict[str, str]:
    """The meeting's files and its actions, byte for byte but for each action id's random tag (which keeps
    ids made in two clones apart, so differs between any two runs by design)."""
    files = sorted((root / "meetings/send-pb" / DAY).glob("*.yaml")) + sorted((root / "actions/send-pb").glob("*.yaml"))

    def untagged(text: str) -> str:
        return re.sub(r"(SEND-PB-\d{4}-\d\d-\d\d-[^-\s]+(?:-\d+)?)-[a-z2-9]{5}\b", r"\1-TAG", text)

    return {untagged(f.name): untagged(f.read_text(encoding="utf-8")) for f in files}


def test_the_page_is_for_the_boards_clerks_only(board):
    root, gd, app, item, second = board
    assert app.test_client().get(LIVE).status_code == 303  # signed out: to the sign-in page
    member = signed_in(app, "alice@example.org")  # the chair, a member but no clerk
    assert member.get(LIVE).status_code == 403
    assert member.post(f"{LIVE}/attendance", data={"person": "AB", "status": "present"}).status_code in (400, 403)
    assert signed_in(app, "olu@example.org").get(LIVE).status_code == 403
    assert signed_in(app, "lee@example.org").get(LIVE).status_code == 200  # the clerk of this board
    assert signed_in(app, "lee@example.org").get("/boards/hwb").status_code == 403  # and of no other
    assert signed_in(app, "clerk@example.org").get(LIVE).status_code == 200


def test_every_post_needs_the_pages_csrf_and_nothing_is_committed_without_it(board):
    root, gd, app, item, second = board
    c = signed_in(app, "lee@example.org")
    before = git(root, "rev-parse", "HEAD")
    for data in ({"person": "AB", "status": "present"}, {"person": "AB", "status": "present", "csrf": "forged"}):
        assert c.post(f"{LIVE}/attendance", data=data).status_code == 400
    page = c.get(LIVE)
    assert c.post(f"{LIVE}/attendance", data={"csrf": csrf_of(page), "person": "AB", "status": "present"},
                  headers={"Origin": "http://evil.example"}).status_code == 400
    assert git(root, "rev-parse", "HEAD") == before
    assert c.post(f"{LIVE}/nonsense", data={"csrf": csrf_of(page)}).status_code == 404


def test_the_page_opens_on_the_day_and_closes_when_the_minutes_are_approved(board, monkeypatch):
    root, gd, app, item, second = board
    c = signed_in(app, "lee@example.org")
    monkeypatch.setenv("GOVDOCS_TODAY", "2030-01-09")
    r = c.get(LIVE)
    assert r.status_code == 403 and "opens on the day of the meeting" in r.get_data(as_text=True)
    monkeypatch.setenv("GOVDOCS_TODAY", "2030-01-12")  # corrections after the day are welcome
    assert c.get(LIVE).status_code == 200


def test_a_whole_meeting_on_the_page_is_the_same_record_as_on_the_command_line(board, tmp_path):
    root, gd, app, item, second = board
    twin = tmp_path / "twin"
    shutil.copytree(root, twin, symlinks=True)
    c = signed_in(app, "lee@example.org")
    start = int(git(root, "rev-list", "--count", "HEAD"))
    refused = None
    for part, fields in the_meeting(item, second):
        if part == "decision" and fields.get("casting"):
            wrong = post(c, part, **{**fields, "for": "3", "against": "1"})
            refused = wrong.get_data(as_text=True)
            assert wrong.status_code == 422
        r = post(c, part, **fields)
        assert r.status_code == 303, (part, fields, r.get_data(as_text=True)[-2000:])
    assert "a casting vote is only used when the votes are equal (3 for, 1 against)" in refused
    # without JavaScript the refused form comes back open, holding what was typed
    assert re.search(r'<details class="[^"]*\bentry" open><summary[^>]*><span[^>]*>Record a decision on item ' + second + '<', refused)
    assert ">That option A be adopted.</textarea>" in refused and 'name="for" value="3"' in refused
    proposer = re.search(f'<select class="govuk-select" id="item-{second}-dec-proposer".*?</select>', refused, re.S).group(0)
    assert 'value="EF" selected>' in proposer
    # one commit per entry, each in the clerk's name and marked as made on the web
    log = git(root, "log", f"-{len(the_meeting(item, second))}", "--format=%an <%ae>|%(trailers:key=Govdocs-Via,valueonly)").split("\n\n")
    entries = [line.strip() for line in log if line.strip()]
    assert int(git(root, "rev-list", "--count", "HEAD")) - start == len(the_meeting(item, second))
    assert set(entries) == {"Lee Marsh <lee@example.org>|web"}
    # the same meeting through the CLI
    cli = Gd(twin)
    for args in CLI_MEETING:
        cli(*[a.format(item=item, second=second) for a in args], today=DAY)
    assert record_of(root) == record_of(twin)
    # and the draft minutes hold it all
    gd("render", "minutes", DAY, "--format", "pdf", "--output", tmp_path / "out")
    out = next((tmp_path / "out").glob("*.pdf"))
    import subprocess

    text = " ".join(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("(arrived 10.20am)", "(arrived 10.05am)", "(left", "11.40am)", "Sam Underwood (SU) for Grace Hughes",
                     "The meeting was not quorate from 11.40am, when Chandra D'Souza left.",
                     "declared a disclosable pecuniary interest (her partner supplies the service)",
                     "• Pressures in placements", "• Transport costs", "1. Option A", "RESOLVED that the budget be endorsed",
                     "For: Alice Brown, Sam Underwood; Against: Éamon Fitzgerald", "RESOLVED that option A be adopted",
                     "carried on the casting vote of the Chair, Alice Brown", "Report placement costs", "Review transport spend",
                     "Write to schools", "closed at 11.55am"):
        assert expected in text, f"{expected!r} not in {text}"


def test_the_page_shows_the_quorum_live_and_what_the_minutes_still_lack(board):
    root, gd, app, item, second = board
    c = signed_in(app, "lee@example.org")
    body = c.get(LIVE).get_data(as_text=True)
    assert "Nobody is marked present yet." in body and "has no minute" in body
    for who in ("AB", "CD", "EF"):
        post(c, "attendance", person=who, status="present")
    body = c.get(LIVE).get_data(as_text=True)
    assert "Not quorate: 3 voting members here now; the quorum is 4" in body and 'role="alert"' in body
    post(c, "attendance", member="GH", substitute="SU", do="substitute")
    body = c.get(LIVE).get_data(as_text=True)
    assert "Quorate: 4 voting members here now" in body and 'class="warning"' not in body
    post(c, "decision", item=item, text="That the budget be noted.", proposer="AB", vote="unanimous")
    body = c.get(LIVE).get_data(as_text=True)
    assert "decision 1 has no seconder" in body  # a principal council's motions are seconded
    assert re.search(r"Item \d+ \(Transport policy\) has no minute", body)
    post(c, "attendance", person="EF", do="left", at="11:00")
    body = c.get(LIVE).get_data(as_text=True)
    assert "Not quorate: 3 voting members here now" in body
    assert "The quorum was lost at 11am, when Éamon Fitzgerald left." in body


def test_entries_the_cli_would_refuse_are_refused_with_the_same_words_and_nothing_committed(board):
    root, gd, app, item, second = board
    c = signed_in(app, "lee@example.org")
    post(c, "attendance", person="AB", status="present")
    post(c, "attendance", person="CD", status="present")
    post(c, "declaration", person="CD", item=item, kind="pecuniary", details="")
    before = git(root, "rev-parse", "HEAD")
    for part, fields, words in (
            ("decision", {"item": item, "text": "That it be agreed.", "proposer": "CD", "vote": "none"},
             "declared a pecuniary interest"),
            ("decision", {"item": item, "text": "That it be agreed.", "proposer": "EF", "vote": "none"},
             "was not present as a voting member"),
            ("action", {"item": item, "text": "Do it", "owner": ""}, "an action needs an owner"),
            ("attendance", {"person": "ZZ", "status": "present"}, "ZZ"),
            ("notes", {"item": "99", "text": "x"}, "no item"),
            ("attendance", {"person": "AB", "do": "left", "at": "half past"}, "should be a time of day")):
        r = post(c, part, **fields)
        assert r.status_code == 422 and words in r.get_data(as_text=True), (part, r.get_data(as_text=True)[-800:])
        js = c.post(f"{LIVE}/{part}", data={"csrf": csrf_of(c.get(LIVE)), **fields}, headers={"X-Govdocs-Live": "1"})
        assert js.status_code == 422 and words in js.get_json()["message"] and js.get_json()["ok"] is False
    assert git(root, "rev-parse", "HEAD") == before


def test_the_script_gets_a_version_that_moves_with_the_record(board):
    root, gd, app, item, second = board
    c = signed_in(app, "lee@example.org")
    first = c.get(f"{LIVE}/version").get_json()["version"]
    assert c.get(f"{LIVE}/version").get_json()["version"] == first
    r = c.post(f"{LIVE}/notes", data={"csrf": csrf_of(c.get(LIVE)), "item": item, "text": "Typed."},
               headers={"X-Govdocs-Live": "1"})
    assert r.get_json()["ok"] and r.get_json()["version"] != first
    assert yaml.safe_load((root / "meetings/send-pb" / DAY / "minutes.yaml").read_text())["items"][item]["text"] == "Typed."
    same = c.post(f"{LIVE}/notes", data={"csrf": csrf_of(c.get(LIVE)), "item": item, "text": "Typed."},
                  headers={"X-Govdocs-Live": "1"})
    assert same.get_json()["ok"] and git(root, "log", "-1", "--format=%s").startswith("Minute of")
    assert int(git(root, "rev-list", "--count", "HEAD")) == int(git(root, "rev-list", "--count", "HEAD~1")) + 1
    assert signed_in(app, "alice@example.org").get(f"{LIVE}/version").status_code == 403


def test_a_boards_clerks_come_from_the_services_configuration_only(board, tmp_path, monkeypatch):
    from govdocs.errors import UsageProblem
    from govdocs.web.service import load

    root, gd, app, item, second = board
    monkeypatch.delenv("GOVDOCS_BOARD_CLERKS", raising=False)
    settings = tmp_path / "service.toml"
    settings.write_text('[web]\nclerks = ["JK"]\nboard_clerks = { send-pb = ["LM", "OW"], hwb = ["SU"] }\n')
    assert load(root, str(settings)).board_clerks == {"send-pb": ["LM", "OW"], "hwb": ["SU"]}
    monkeypatch.setenv("GOVDOCS_BOARD_CLERKS", "send-pb=LM+OW;hwb=SU")
    assert load(root).board_clerks == {"send-pb": ["LM", "OW"], "hwb": ["SU"]}
    monkeypatch.setenv("GOVDOCS_BOARD_CLERKS", "LM")
    with pytest.raises(UsageProblem, match="BOARD=INITIALS"):
        load(root)
    # the record cannot name one: a board_clerks key in govdocs.yaml makes nobody a clerk
    monkeypatch.delenv("GOVDOCS_BOARD_CLERKS")
    cfg = yaml.safe_load((root / "govdocs.yaml").read_text(encoding="utf-8"))
    cfg["board_clerks"] = {"send-pb": ["OW"]}
    cfg.setdefault("web", {})["board_clerks"] = {"send-pb": ["OW"]}
    (root / "govdocs.yaml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    from govdocs.web import create_app

    svc = load(root, base_url="http://localhost")
    assert svc.board_clerks == {}
    hostile = create_app(root, svc)
    hostile.config["TESTING"] = False
    assert signed_in(hostile, "olu@example.org").get(LIVE).status_code == 403


def test_a_declaration_recorded_in_error_comes_out_the_same_from_the_page_and_the_command_line(board, tmp_path):
    root, gd, app, item, second = board
    twin = tmp_path / "twin"
    shutil.copytree(root, twin, symlinks=True)
    c = signed_in(app, "lee@example.org")
    for who in ("AB", "CD"):
        post(c, "attendance", person=who, status="present")
    post(c, "declaration", person="CD", item=item, kind="other", details="a governor of a school")
    post(c, "declaration", person="AB", item=item, kind="non-pecuniary", details="")
    page = c.get(LIVE).get_data(as_text=True)
    assert "Remove CD&#39;s declaration on item" in page or "Remove CD's declaration on item" in page
    assert post(c, "declaration-remove", person="CD", item=item).status_code == 303
    cli = Gd(twin)
    for args in (("--present", "AB"), ("--present", "CD"),
                 ("--declare", f"CD:{item}:an other registrable interest (a governor of a school)"),
                 ("--declare", f"AB:{item}:a non-pecuniary interest"), ("--undeclare", f"CD:{item}")):
        cli("attendance", DAY, *args, today=DAY)
    assert record_of(root) == record_of(twin)
    att = yaml.safe_load((root / "meetings/send-pb" / DAY / "attendance.yaml").read_text(encoding="utf-8"))
    assert [d["initials"] for d in att["declarations"]] == ["AB"]
    # one that was never made is refused, in the same words both ways, and nothing is committed
    before = git(root, "rev-parse", "HEAD")
    r = post(c, "declaration-remove", person="CD", item=item)
    assert r.status_code == 422 and f"CD made no declaration on item {item} of the {DAY} meeting" in r.get_data(as_text=True)
    refused = cli("attendance", DAY, "--undeclare", f"CD:{item}", today=DAY, ok=False)
    assert refused.exit_code != 0 and f"CD made no declaration on item {item}" in refused.output
    assert git(root, "rev-parse", "HEAD") == before
