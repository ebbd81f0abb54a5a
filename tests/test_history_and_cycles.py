"""The audit trail and actions followed across both boards' meeting cycles."""
import json

import yaml
from conftest import commits


def test_history_of_an_action_shows_who_changed_which_field(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Do it", "--owner", "CD").stdout.strip()
    gd("action", "update", aid, "--rag", "amber", "--note", "Half way", today="2030-02-01")
    gd("action", "done", aid, "--note", "Paper sent", today="2030-02-20")
    out = gd("history", aid).stdout
    assert "Test Clerk" in out and "marked done" in out
    assert "status: in-progress -> done" in out or "status: open -> done" in out
    assert "rag: amber -> completed" in out and out.index("marked done") < out.index("raised for CD")


def test_history_of_a_meeting_shows_minuting_and_approval(meeting):
    root, gd, item = meeting
    gd("meeting", "new", "send-pb", "2030-03-14")
    gd("minute", "2030-01-10", item, "--text", "Noted.", "--resolved", "That the report be noted.")
    gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", today="2030-03-14")
    out = gd("history", "2030-01-10").stdout
    assert "approved at the meeting of 2030-03-14" in out and "Minute of item" in out


def test_history_of_a_path_and_unknown_target(meeting):
    root, gd, _ = meeting
    assert "Person JK added" in gd("history", "people.yaml").stdout
    r = gd("history", "nothing-like-this", ok=False)
    assert r.exit_code != 0 and "not an action id" in r.output


def test_decisions_register(meeting):
    root, gd, item = meeting
    gd("minute", "2030-01-10", item, "--text", "x", "--resolved", "That the update be noted.", "--proposer", "AB",
       "--seconder", "CD", "--vote", "6,0,1")
    rows = json.loads(gd("decisions", "--format", "json").stdout)
    assert rows == [{"board": "send-pb", "meeting": "2030-01-10", "item": item, "item_title": "High needs budget",
                     "text": "That the update be noted.", "proposer": "AB", "seconder": "CD",
                     "vote": {"for": 6, "against": 0, "abstained": 1}, "minutes": "draft", "exempt": False, "minute": item,
                     "vote_text": "6 for, 0 against, 1 abstained", "moved": "AB/CD"}]


def _scenario(ws):
    """The cycles scenario: three SEND PB and two HWB meetings, four actions followed through them."""
    root, gd = ws
    for b, d in [("send-pb", "2030-01-10"), ("send-pb", "2030-03-14"), ("send-pb", "2030-05-16"),
                 ("hwb", "2030-02-04"), ("hwb", "2030-06-02")]:
        gd("meeting", "new", b, d, "--time", "14:00-16:00", today="2030-01-02")
    item = gd("item", "add", "2030-01-10", "Workforce", "--presenter", "CD", today="2030-01-02").stdout.strip()
    ids = [gd("action", "add", "2030-01-10", item, t, "--owner", o, "--due", due, today="2030-01-10").stdout.strip()
           for t, o, due in [("Resend the data capsule tool", "CD", "2030-03-01"),
                             ("Re-issue the skills survey", "JK", "2030-03-01"),
                             ("Circulate the inclusive schools link", "AB", "2030-01-20"),
                             ("Present transitions update", "EF", "2030-05-16")]]
    gd("action", "update", ids[0], "--rag", "amber", "--note", "Half the returns are in", today="2030-02-15")
    gd("action", "done", ids[2], "--note", "Link circulated", today="2030-02-15")
    gd("action", "done", ids[0], "--note", "All returns received", today="2030-03-01")
    gd("action", "escalate", ids[1], "--to", "hwb", "--note", "Returns missing", today="2030-03-20")
    return root, gd, ids


def test_escalation_reaches_the_other_boards_log_and_next_agenda(ws):
    root, gd, ids = _scenario(ws)
    hwb = json.loads(gd("actions", "--board", "hwb", "--format", "json", today="2030-03-20").stdout)
    assert [r["id"] for r in hwb] == [ids[1]]
    send = json.loads(gd("actions", "--board", "send-pb", "--format", "json", today="2030-03-20").stdout)
    assert ids[1] in [r["id"] for r in send]  # still on the board that raised it
    agenda = yaml.safe_load((root / "meetings/hwb/2030-06-02/meeting.yaml").read_text())
    assert any(i.get("kind") == "escalations" for i in agenda["items"])
    assert "escalat" in gd("history", ids[1]).stdout and "hwb" in gd("history", ids[1]).stdout


def test_cycles_count_raised_completed_carried_and_overdue(ws):
    root, gd, ids = _scenario(ws)
    rows = json.loads(gd("cycles", "--board", "send-pb", "--format", "json", today="2030-04-01").stdout)
    first, second = rows[0], rows[1]
    assert (first["meeting"], first["raised"]) == ("2030-01-10", 4)
    assert (second["meeting"], second["completed"], second["carried_forward"]) == ("2030-03-14", 2, 2)
    assert second["overdue"] == 1  # on 14 March the survey, due 1 March, was late
    both = json.loads(gd("cycles", "--format", "json", today="2030-07-01").stdout)
    hwb_june = next(r for r in both if r["meeting"] == "2030-06-02")
    assert hwb_june["carried_forward"] == 1 and hwb_june["overdue"] == 1


def test_overdue_uses_govdocs_today(ws):
    root, gd, ids = _scenario(ws)
    late = [r["id"] for r in json.loads(gd("actions", "--overdue", "--format", "json", today="2030-04-01").stdout)]
    assert late == [ids[1]]


def test_direction_of_travel_against_the_previous_meeting(ws):
    from govdocs.actionlog import direction, rag_on
    from govdocs.store.workspace import Workspace
    root, gd, ids = _scenario(ws)
    a = Workspace(root).action(ids[0])
    assert rag_on(a, "2030-02-20") == "amber" and rag_on(a, "2030-03-14") == "completed"
    assert direction("amber", "completed") == "improving" and direction("amber", "red") == "worsening"


def test_mine_matches_git_email_to_a_person(ws):
    root, gd, ids = _scenario(ws)
    mine = json.loads(gd("actions", "--mine", "--status", "all", "--format", "json").stdout)
    assert [r["id"] for r in mine] == [ids[1]]  # JK's email is the test identity's


def test_workstreams_are_commits_and_validated(ws):
    root, gd = ws
    n = commits(root)
    gd("workstream", "add", "send-futures", "ws1", "--name", "Co-production", "--lead", "GH", "--board", "send-pb")
    gd("workstream", "update", "ws1", "--rag", "green", "--progress", "PCF constituted")
    assert commits(root) == n + 2
    w = yaml.safe_load((root / "programmes/send-futures/ws1.yaml").read_text())
    assert w["rag"] == "dark-green" and w["progress"] == "PCF constituted"
    assert gd("workstream", "update", "ws1", "--rag", "blue", ok=False).exit_code == 2
