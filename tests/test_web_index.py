"""The web service's action index: the same actions, in the same order, as reading every file, and in step
with the files however they change (govdocs' own commits, files added or removed by a pull, a folder that goes,
an edit in place that leaves its folder's date alone); a board's page kept only while what it shows holds."""
from __future__ import annotations

import os

import pytest
import yaml

from govdocs.store.workspace import Workspace
from govdocs.web.index import ActionIndex


def ids(actions) -> list[str]:
    return [a.id for a in actions]


@pytest.fixture
def raised(meeting):
    root, gd, item = meeting
    made = [gd("action", "add", "2030-01-10", item, f"Action {n}", "--owner", owner, today="2030-01-10").stdout.split()[-1]
            for n, owner in enumerate(("AB", "EF", "AB"))]
    return root, gd, made


def test_the_index_holds_what_the_files_hold_as_they_change(raised):
    root, gd, made = raised
    index = ActionIndex(root)
    assert ids(index.actions()) == ids(Workspace(root).actions) and sorted(made) == sorted(ids(index.actions()))
    assert sorted(ids(index.owned_by("AB"))) == sorted(made[::2]) and ids(index.owned_by("EF")) == [made[1]]
    version = index.version
    gd("action", "done", made[0], "--note", "Finished", today="2030-01-12")  # govdocs' own commit
    assert next(a for a in index.actions() if a.id == made[0]).status == "done" and index.version > version
    folder = root / "actions" / "send-pb"
    moved = folder / "elsewhere.txt"
    path = next(folder.glob(f"{made[1]}*.yaml"))
    path.rename(moved)  # a pull that takes a file away
    assert made[1] not in ids(index.actions()) and ids(index.owned_by("EF")) == []
    moved.rename(path)
    assert made[1] in ids(index.actions())
    # an edit in place: the folder's date stays, so only the index's periodic look at every file sees it
    stamp = folder.stat()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(f"text: {data['text']}", "text: Edited in place"),
                    encoding="utf-8")
    os.utime(folder, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert next(a for a in index.actions() if a.id == made[1]).text == data["text"]  # not yet seen
    folders, changed = index._read(dict(index.folders), full=True)
    assert changed
    index._swap(folders)
    assert next(a for a in index.actions() if a.id == made[1]).text == "Edited in place"
    assert ids(index.actions()) == ids(Workspace(root).actions)


def test_a_broken_or_linked_action_file_is_left_out_not_fatal(raised, tmp_path):
    root, gd, made = raised
    folder = root / "actions" / "send-pb"
    (folder / "BROKEN-1.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    outside = tmp_path / "outside.yaml"
    outside.write_text(next(folder.glob(f"{made[0]}*.yaml")).read_text(encoding="utf-8").replace(made[0], "LINKED-1"),
                       encoding="utf-8")
    (folder / "LINKED-1.yaml").symlink_to(outside)
    got = ids(ActionIndex(root).actions())
    assert sorted(got) == sorted(made)


def test_my_actions_and_the_board_page_follow_the_record_while_the_service_runs(raised, monkeypatch):
    from test_web import signed_in

    from govdocs.web import create_app
    from govdocs.web.service import Service

    root, gd, made = raised
    gd("meeting", "new", "send-pb", "2030-03-12", today="2030-01-02")  # where a completion is counted
    monkeypatch.setenv("GOVDOCS_TODAY", "2030-01-15")
    app = create_app(root, Service(base_url="http://localhost", clerks=["JK"]))
    client = signed_in(app, "alice@example.org")
    page = client.get("/").get_data(as_text=True)
    assert made[0] in page and made[2] in page and made[1] not in page
    assert "app;dur=" in client.get("/").headers["Server-Timing"]
    board = client.get("/boards/send-pb").get_data(as_text=True)
    gd("action", "done", made[0], "--note", "Finished", today="2030-01-12")
    page = client.get("/").get_data(as_text=True)
    assert made[0] not in page and made[2] in page
    again = client.get("/boards/send-pb").get_data(as_text=True)
    assert again != board  # one completed: the meeting's counts changed, so the kept page was not used
    assert client.get("/boards/send-pb").get_data(as_text=True) == again
