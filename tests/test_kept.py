"""What is kept between runs to read a council quickly (store/built.py, store/kept.py): the same actions and
meetings as reading their files, never trusted past a change, a damaged entry read again from its file."""
from __future__ import annotations

import json
import os
from dataclasses import fields

from govdocs.store.built import BuiltActions
from govdocs.store.kept import KeptReads
from govdocs.store.workspace import Workspace


def everything(actions) -> list:
    """Every field, `at` (where check reports a line) and the path included, which == leaves out."""
    def flat(obj):
        if isinstance(obj, list):
            return [flat(v) for v in obj]
        if hasattr(obj, "__dataclass_fields__"):
            return {f.name: flat(getattr(obj, f.name)) for f in fields(obj)}
        return obj
    return [flat(a) for a in actions]


def three_actions(meeting):
    root, gd, item = meeting
    ids = [gd("action", "add", "2030-01-10", item, text, "--owner", "AB", today="2030-01-10").stdout.strip()
           for text in ("Book the hall", "Write to the school", "Cost the plan")]
    gd("action", "update", ids[0], "--note", "Hall booked for March", "--rag", "amber", today="2030-01-11")
    gd("action", "escalate", ids[1], "--to", "hwb", "--note", "Needs the board", today="2030-01-11")
    gd("action", "done", ids[2], "--note", "Costed", today="2030-01-12")
    return root, ids


def test_kept_actions_are_exactly_the_actions_their_files_give(meeting):
    root, ids = three_actions(meeting)
    read = everything(Workspace(root).actions)  # from the files; keeps them built
    kept = BuiltActions(root).file_for("send-pb")
    assert kept.is_file() and not kept.is_relative_to(root)
    assert everything(Workspace(root).actions) == read  # from what was kept
    assert [a.id for a in Workspace(root).actions_with_status(("done",))] == [ids[2]]
    path = root / "actions/send-pb" / f"{ids[0]}.yaml"
    path.write_text(path.read_text().replace("Book the hall", "Book the big hall"))
    assert Workspace(root).action(ids[0]).text == next(a.text for a in Workspace(root).actions if a.id == ids[0])
    assert "Book the big hall" in [a.text for a in Workspace(root).actions]


def test_a_damaged_kept_action_is_read_from_its_file(meeting):
    root, ids = three_actions(meeting)
    want = everything(Workspace(root).actions)
    kept = BuiltActions(root).file_for("send-pb")
    closed = kept.with_name(kept.stem + "-closed.json")  # the done action is kept apart from the open ones
    data, done = json.loads(kept.read_text()), json.loads(closed.read_text())
    entries = [*data["entries"].values(), *done["entries"].values()]
    assert len(entries) == 3 and len(data["stamps"]) == 3
    entries[0][2][5] = "AB"  # owners as text, not a list
    entries[1][2] = entries[1][2][:-1]  # a field short
    entries[2][2][9] = [["2030-01-12", "AB"]]  # an update short of fields
    kept.write_text(json.dumps(data))
    closed.write_text(json.dumps(done))
    assert everything(Workspace(root).actions) == want
    for f in (kept, closed):
        f.write_text(f.read_text()[:100])  # cut off
    assert everything(Workspace(root).actions) == want
    kept.write_text('{"version": 1, "stamps": [], "entries": []}')
    assert everything(Workspace(root).actions) == want
    assert [a.id for a in Workspace(root).actions_with_status(("open",))] == ids[:2]
    assert [a.id for a in Workspace(root).actions_with_status(("done",))] == [ids[2]]


def test_an_action_with_a_problem_is_never_kept_so_every_run_reports_it(meeting):
    root, ids = three_actions(meeting)
    path = root / "actions/send-pb" / f"{ids[0]}.yaml"
    path.write_text(path.read_text().replace("rag: amber", "rag: purple"))
    for _ in range(2):
        ws = Workspace(root)
        assert ws.actions and any("rag should be one of" in p.message for p in ws.problems)


def test_kept_reads_give_the_files_data_and_follow_every_change(meeting):
    root, gd, item = meeting
    plain = Workspace(root).meeting("send-pb", "2030-01-10")
    first = Workspace(root, KeptReads(root))
    assert first.meeting("send-pb", "2030-01-10") == plain
    first.memo.save()
    again = KeptReads(root)
    assert again.entries  # read back from the user's cache folder
    assert Workspace(root, again).meeting("send-pb", "2030-01-10") == plain
    gd("item", "add", "2030-01-10", "Zqnew business", today="2030-01-05")
    later = Workspace(root, KeptReads(root)).meeting("send-pb", "2030-01-10")
    assert "Zqnew business" in [it.title for it in later.items] and later == Workspace(root).meeting("send-pb", "2030-01-10")


def test_data_json_would_not_give_back_is_never_kept(meeting):
    root, _, _ = meeting
    odd = root / "programmes" / "odd.yaml"
    odd.parent.mkdir(exist_ok=True)
    odd.write_text("1: one\nx: two\n")
    memo = KeptReads(root)
    assert memo.read(odd, root) == {1: "one", "x": "two"}
    memo.save()
    assert str(odd) not in KeptReads(root).entries
    os.utime(odd, ns=(1, 1))
    assert KeptReads(root).read(odd, root) == {1: "one", "x": "two"}


def test_the_service_has_what_was_set_aside_collected_so_no_garbage_is_kept_for_ever(monkeypatch):
    import gc
    import weakref

    from govdocs.store import bulk

    class Node:
        me: object = None

    def garbage_cycle():
        node = Node()
        node.me = node  # only the collector frees it
        return weakref.ref(node)

    try:
        kept = garbage_cycle()
        with bulk.without_collection():  # a command: everything there is set aside, for good
            pass
        gc.collect()
        assert kept() is not None
        monkeypatch.setitem(bulk._LONG, "running", True)
        monkeypatch.setattr(bulk, "FULL_EVERY", 0.0)  # as the service, ten minutes later
        with bulk.without_collection():
            pass
        assert kept() is None and gc.isenabled()
    finally:
        gc.unfreeze()
