"""The fast cycle counts agree with the plain definition, action by action, meeting by meeting."""
import random

import yaml

from govdocs import actionlog
from govdocs.dates import today
from govdocs.store.workspace import Workspace


def reference_cycles(ws, board):
    """The definition, written the slow and obvious way."""
    rows = []
    dates = ws.meeting_dates(board)
    for i, date in enumerate(dates):
        day = actionlog.as_of(date)
        since = dates[i - 1] if i else ""
        raised = completed = carried = overdue = 0
        for a in ws.actions:
            if a.board == board and a.meeting == date:
                raised += 1
            if not actionlog.visible_on(a, board, day) or a.meeting >= date:
                continue
            done = actionlog.completed_on(a)
            if done and since < done <= day:
                completed += 1
            elif actionlog.open_on(a, day):
                carried += 1
                overdue += actionlog.is_overdue(ws, a, day)
        rows.append((date, raised, completed, carried, overdue))
    return rows


def fast(ws, board):
    return [(r["meeting"], r["raised"], r["completed"], r["carried_forward"], r["overdue"])
            for r in actionlog.cycles(ws, board)]


def test_cycles_match_the_definition_on_a_random_record(ws, monkeypatch):
    root, gd = ws
    rng = random.Random(7)
    dates = sorted({f"2030-{m:02d}-{d:02d}" for m in range(1, 13) for d in (3, 17) if rng.random() < 0.6})
    for board in ("send-pb", "hwb"):
        for date in dates[::2] if board == "send-pb" else dates[1::2]:
            (root / "meetings" / board / date).mkdir(parents=True)
            (root / "meetings" / board / date / "meeting.yaml").write_text(
                yaml.safe_dump({"board": board, "date": date, "items": [{"number": 1, "title": "Item"}]}))
    all_days = [f"2030-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]
    for n in range(300):
        board = rng.choice(["send-pb", "hwb"])
        meeting = rng.choice(dates[::2] if board == "send-pb" else dates[1::2])
        later = [d for d in all_days if d >= meeting]
        data = {"id": f"A-{n}", "board": board, "meeting": meeting, "item": "1", "text": "x", "owners": ["AB"],
                "due": rng.choice(["next meeting", rng.choice(later)]), "status": "open"}
        if rng.random() < 0.5:
            data.update(status="done", completed=rng.choice(later[:60]))
        if rng.random() < 0.3 and data["status"] == "open":
            other = "hwb" if board == "send-pb" else "send-pb"
            data["escalations"] = [{"to": other, "date": rng.choice(later[:90]), "by": "AB"}]
        (root / "actions" / board).mkdir(parents=True, exist_ok=True)
        (root / "actions" / board / f"A-{n}.yaml").write_text(yaml.safe_dump(data))
    for forced in ("2030-06-20", "2031-01-01"):
        monkeypatch.setenv("GOVDOCS_TODAY", forced)
        w = Workspace(root)
        assert today().isoformat() == forced
        for board in ("send-pb", "hwb"):
            assert fast(w, board) == reference_cycles(w, board)
