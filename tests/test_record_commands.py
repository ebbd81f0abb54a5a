"""Building a record through the command line: one commit per change, exactly its own files."""
import json
import re

import yaml
from conftest import commits, git


def test_init_makes_config_git_repo_and_first_commit(ws):
    root, gd = ws
    assert (root / "govdocs.yaml").exists() and (root / ".git").is_dir()
    first = git(root, "log", "--reverse", "--format=%s").splitlines()[0]
    assert "Testshire County Council" in first


def test_every_change_is_one_commit_by_the_user(ws):
    root, gd = ws
    n = commits(root)
    gd("person", "add", "XY", "--name", "Xena Young")
    assert commits(root) == n + 1
    assert git(root, "log", "-1", "--format=%an|%s").strip() == "Test Clerk|Person XY added: Xena Young"
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == ["people.yaml"]


def test_people_are_kept_in_alphabetical_order(ws):
    root, gd = ws
    gd("person", "add", "BZ", "--name", "Bea Zed")
    keys = list(yaml.safe_load((root / "people.yaml").read_text()))
    assert keys == sorted(keys)


def test_duplicate_initials_are_refused(ws):
    root, gd = ws
    r = gd("person", "add", "AB", "--name", "Another", ok=False)
    assert r.exit_code != 0 and "already used by Alice Brown" in r.output


def test_meeting_new_prefills_standing_items_and_forward_plan(ws):
    root, gd = ws
    gd("forward", "add", "send-pb", "2030-03-14", "Post 16 Provision", "--lead", "CD")
    gd("meeting", "new", "send-pb", "2030-03-14", "--time", "14:00-16:00")
    m = yaml.safe_load((root / "meetings/send-pb/2030-03-14/meeting.yaml").read_text())
    titles = [i["title"] for i in m["items"]]
    assert "Declarations of Interest" in titles and "Action Log" in titles and "Post 16 Provision" in titles
    assert titles[-1] == "Exclusion of the Press and Public"
    assert m["start"] == "14:00" and m["chair"] == "AB"


def test_item_add_prints_number_and_goes_before_closing_items(meeting):
    root, gd, item = meeting
    assert item.isdigit()
    m = yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())
    kinds = [i.get("kind", "business") for i in m["items"]]
    assert kinds[-2:] == ["urgent", "exclusion"]
    assert [str(i["number"]) for i in m["items"]] == [str(n) for n in range(1, len(m["items"]) + 1)]


def test_exempt_item_goes_after_the_exclusion(meeting):
    root, gd, _ = meeting
    n = gd("item", "add", "2030-01-10", "Contract award", "--exempt", "3", today="2030-01-02").stdout.strip()
    m = yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())
    assert m["items"][-1]["title"] == "Contract award" and m["items"][-1]["exempt"] == 3
    assert str(m["items"][-1]["number"]) == n


def test_sub_items_are_lettered(meeting):
    root, gd, item = meeting
    a = gd("item", "add", "2030-01-10", "WSOA", "--under", item, today="2030-01-02").stdout.strip()
    b = gd("item", "add", "2030-01-10", "Plan", "--under", item, today="2030-01-02").stdout.strip()
    assert (a, b) == (f"{item}a", f"{item}b")


def test_attendance_minute_and_action_flow(meeting):
    root, gd, item = meeting
    gd("member", "add", "send-pb", "EF", "--substitute", "JK")  # one substitute named by two members
    gd("member", "add", "send-pb", "GH", "--substitute", "JK")
    gd("attendance", "2030-01-10", "--present", "AB,CD", "--apologies", "GH", "--substitute", "JK=EF+GH",
       "--declare", f"CD:{item}:Governor of a special school")
    gd("minute", "2030-01-10", item, "--text", "CD presented the **budget**.", "--resolved", "That the update be noted.",
       "--proposer", "AB", "--seconder", "CD", "--vote", "2,1,0")
    aid = gd("action", "add", "2030-01-10", item, "Circulate the paper", "--owner", "CD", "--due",
             "2030-02-01").stdout.strip()
    assert re.fullmatch(rf"SEND-PB-2030-01-10-{item}a-[a-z2-9]{{5}}", aid)
    att = yaml.safe_load((root / "meetings/send-pb/2030-01-10/attendance.yaml").read_text())
    assert att["substitutes"] == [{"initials": "JK", "for": ["EF", "GH"]}]
    mins = yaml.safe_load((root / "meetings/send-pb/2030-01-10/minutes.yaml").read_text())
    assert mins["items"][item]["resolved"][0]["vote"] == {"for": 2, "against": 1, "abstained": 0}
    # the status follows from the files, so two clerks' attendance and minutes never touch one line
    assert "status: scheduled" in (root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text()
    from govdocs.store.workspace import Workspace
    assert Workspace(root).meeting("send-pb", "2030-01-10").status == "minutes-drafted"


def test_actions_json_has_the_contract_keys(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Do it", "--owner", "CD").stdout.strip()
    rows = json.loads(gd("actions", "--format", "json").stdout)
    row = next(r for r in rows if r["id"] == aid)
    for k in ["id", "board", "meeting", "item", "text", "owner", "due", "status", "rag"]:
        assert k in row
    assert row["owner"] == ["CD"] and row["board"] == "send-pb" and row["due"] == "next meeting"


def test_actions_csv_and_filters(meeting):
    root, gd, item = meeting
    gd("action", "add", "2030-01-10", item, "For CD", "--owner", "CD")
    gd("action", "add", "2030-01-10", item, "For EF", "--owner", "EF")
    out = gd("actions", "--owner", "EF", "--format", "csv").stdout
    assert "For EF" in out and "For CD" not in out and out.startswith("id,")


def test_action_done_commits_only_its_file_and_not_unrelated_edits(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Do it", "--owner", "CD").stdout.strip()
    (root / "scratch.txt").write_text("unrelated\n")
    (root / "people.yaml").write_text((root / "people.yaml").read_text() + "# a hand edit in progress\n")
    n = commits(root)
    gd("action", "done", aid, "--note", "Sent on 20 January")
    assert commits(root) == n + 1
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [f"actions/send-pb/{aid}.yaml"]
    assert "a hand edit in progress" in (root / "people.yaml").read_text()
    assert aid in git(root, "log", "-1", "--format=%s")
    assert "Govdocs-Change: action " + aid in git(root, "log", "-1", "--format=%b")


def test_done_by_someone_else_is_recorded_as_acting_for_the_owner(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Do it", "--owner", "CD").stdout.strip()
    gd("action", "done", aid, "--note", "Done")
    a = yaml.safe_load((root / f"actions/send-pb/{aid}.yaml").read_text())
    assert a["updates"][-1]["acting_for"] == ["CD"] and a["updates"][-1]["by"] == "JK"  # git email matches JK


def test_minutes_approve_records_the_approving_meeting(meeting):
    root, gd, item = meeting
    gd("meeting", "new", "send-pb", "2030-03-14")
    gd("minute", "2030-01-10", item, "--text", "Noted.")
    gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", today="2030-03-14")
    m = yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())
    assert m["status"] == "minutes-approved" and str(m["minutes_approved_at"]) == "2030-03-14"


def test_two_boards_on_one_day_need_board_option(meeting):
    root, gd, item = meeting
    gd("meeting", "new", "hwb", "2030-01-10")
    r = gd("item", "add", "2030-01-10", "X", "--board", "hwb")
    assert r.exit_code == 0
    assert (root / "meetings/hwb/2030-01-10/meeting.yaml").read_text().count("title: X") == 1


def test_after_publication_only_urgent_items_can_be_added(meeting):
    root, gd, item = meeting
    gd("meeting", "publish", "2030-01-10", today="2030-01-02")
    r = gd("item", "add", "2030-01-10", "Late report", ok=False)
    assert r.exit_code == 2 and "urgent business" in r.output
    before = [(i["number"], i["title"]) for i in
              yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())["items"]]
    n = gd("item", "add", "2030-01-10", "Flooding at the school", "--urgent", "Decision needed before the next meeting").stdout
    m = yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())
    assert [(i["number"], i["title"]) for i in m["items"]] == before  # the published numbers stand
    urgent = next(i for i in m["items"] if i.get("kind") == "urgent")
    added = next(i for i in urgent["items"] if str(i["number"]) == n.strip())
    assert n.strip() == f"{urgent['number']}a"
    assert added["urgent_reason"] == "Decision needed before the next meeting"


def test_check_can_look_at_one_board_or_one_days_meetings(meeting):
    import yaml

    root, gd, item = meeting
    gd("meeting", "new", "hwb", "2030-02-06", today="2030-01-02")
    gd("item", "add", "2030-02-06", "Joint strategy", "--board", "hwb", today="2030-01-02")
    for board, day in (("send-pb", "2030-01-10"), ("hwb", "2030-02-06")):
        path = root / "meetings" / board / day / "meeting.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["items"][-1]["presenters"] = [f"Z{board[0].upper()}"]  # someone people.yaml does not know
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    whole = gd("check", ok=False)
    assert whole.exit_code == 1 and "'ZS'" in whole.output and "'ZH'" in whole.output
    one = gd("check", "--board", "hwb", ok=False)
    assert one.exit_code == 1 and "'ZH'" in one.output and "'ZS'" not in one.output
    assert "in 1 board(s), 1 meeting(s)" in one.output
    day = gd("check", "2030-01-10", ok=False)
    assert day.exit_code == 1 and "'ZS'" in day.output and "'ZH'" not in day.output
    for args, words in ((("--board", "nope"), "no board 'nope'; the boards are hwb, send-pb"),
                        (("2030-01-11",), "no meeting on 2030-01-11"),
                        (("2030-01-10", "--board", "hwb"), "no meeting on 2030-01-10 of hwb")):
        r = gd("check", *args, ok=False)
        assert r.exit_code == 2 and words in r.output and "Traceback" not in r.output
