"""Supplementary agendas: what was added to a meeting after its agenda went out (a new item, a report
cleared late, a paper added), published as "Supplementary agenda 1, 2 …" with its own contents and page
labels and the reason it was late. Each is recorded in meeting.yaml by the commit that published it, so
that it can be rebuilt later from the record as it was then, byte for byte, as the main pack is."""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Callable

from govdocs.errors import UsageProblem
from govdocs.model import Meeting, Supplement
from govdocs.store import history
from govdocs.store.workspace import Workspace


def added_since(ws: Workspace, meeting: Meeting, published: str) -> list[str]:
    """Numbers of the public items with a report or paper that is new since `published` (the agenda's
    publication commit), leaving out what an earlier supplement took."""
    from govdocs.pack.build import record_at
    from govdocs.reports import with_reports

    with tempfile.TemporaryDirectory(prefix="govdocs-then-") as tmp:
        then_ws = record_at(ws, published, Path(tmp))
        then, _ = with_reports(then_ws, then_ws.meeting(meeting.board, meeting.date), "cleared")
        before = {it.number: {p.file for p in it.papers} for it in then.all_items()}
    now, _ = with_reports(ws, meeting, "cleared")
    taken = {n for s in meeting.supplements for n in s.items}
    out = []
    # an item or part with something to publish: a cleared report or a paper the published agenda did not have
    # (one added with neither waits for its report, so that the report does not miss the supplement that took it)
    for top in now.items:
        if top.is_exempt or top.withdrawn:
            continue
        for it in top.walk():
            if it.number not in taken and not it.withdrawn and {x.file for x in it.papers} - before.get(it.number, set()):
                out.append(it.number)
    return out


def publish_supplement(ws: Workspace, meeting: Meeting, reason: str) -> Supplement:
    """Record the next supplement (a commit): the items added since publication and why they are late."""
    from govdocs.dates import today
    from govdocs.store import yamlio
    from govdocs.store.change import Change

    published = history.publication_commit(ws.root, meeting.board, meeting.date)
    if not published:
        raise UsageProblem(f"the agenda of the {meeting.board} meeting of {meeting.date} has not been published; "
                           "build the pack itself (a supplement holds what came after publication)")
    items = added_since(ws, meeting, published)
    if not items:
        raise UsageProblem("nothing has been added since the agenda was published (a new item, a report cleared "
                           "late or a paper); there is no supplement to publish")
    board = ws.board(meeting.board)
    if not reason.strip() and board.law is not None and board.law.late_item_law:
        raise UsageProblem("say why these were not ready when the agenda went out: --reason \"…\" (it is printed "
                           "on the supplement; LGA 1972 s.100B(4)(b))")
    number = len(meeting.supplements) + 1
    entry = {"number": number, "published": today().isoformat(), "items": items, "reason": reason.strip()}
    ch = Change(ws, f"Supplementary agenda {number} for the {meeting.board} meeting of {meeting.date} published: "
                    f"item{'s' if len(items) != 1 else ''} {', '.join(items)}",
                history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="supplement", number=str(number)))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    yamlio.list_in(doc, "supplements").append(yamlio.to_yaml(entry))
    ch.apply()
    return Supplement(**entry)


def supplement_commit(ws: Workspace, meeting: Meeting, number: int) -> str:
    return history.change_commit(ws.root, history.trailer("meeting", f"{meeting.board}/{meeting.date}",
                                                          action="supplement", number=str(number)))


def build_supplement(ws: Workspace, meeting: Meeting, out_dir: Path, reason: str = "", private: bool = False,
                     use_cache: bool = True, progress: Callable[[str], None] = lambda s: None):
    """Publish a new supplement when something was added since the last, else rebuild the latest as it was
    published; either way from the record at the commit that published it."""
    published = history.publication_commit(ws.root, meeting.board, meeting.date)
    fresh = published and added_since(ws, meeting, published)
    if fresh or not meeting.supplements:
        supp = publish_supplement(ws, meeting, reason)
        progress(f"Supplementary agenda {supp.number} published (items {', '.join(supp.items)})")
    else:
        supp = meeting.supplements[-1]
        progress(f"Supplementary agenda {supp.number} as published on {supp.published}")
    return supplement_pack(ws, meeting, supp, out_dir, private, use_cache, progress), supp


def supplement_pack(ws: Workspace, meeting: Meeting, supp: Supplement, out_dir: Path, private: bool = False,
                    use_cache: bool = True, progress: Callable[[str], None] = lambda s: None):
    """The supplement as it was published: its items, with their papers lettered as in the whole agenda."""
    from govdocs.pack.build import build_pack, record_at
    from govdocs.render.context import appendices
    from govdocs.reports import with_reports

    commit = supplement_commit(ws, meeting, supp.number)
    if not commit:
        raise UsageProblem(f"supplementary agenda {supp.number} of the {meeting.board} meeting of {meeting.date} "
                           "was not published through govdocs; its record cannot be found in the history")
    with tempfile.TemporaryDirectory(prefix="govdocs-supplement-") as tmp:
        then_ws = record_at(ws, commit, Path(tmp))
        whole, _ = with_reports(then_ws, then_ws.find_meeting(meeting.date, meeting.board), "cleared")
        letters = {(a.item.number, a.file): a.letter for a in appendices(whole, private)}

        def lettered(it):  # the supplement's papers keep the letters they have in the whole agenda
            return replace(it, papers=[replace(p, appendix=letters.get((it.number, p.file), p.appendix))
                                       for p in it.papers], sub_items=[lettered(s) for s in it.sub_items])
        only = replace(whole, items=[lettered(it) for it in in_supplement(whole.items, set(supp.items))])
        return build_pack(then_ws, only, out_dir, private, use_cache, progress=progress, cache_root=ws.root,
                          record_commit=commit, reports="none", supplement=supp)


def in_supplement(items, numbers: set[str]) -> list:
    """The agenda cut to the supplement: each item it names, and the heading of a part it names (an urgent item
    under "Urgent Items Authorised by the Chair") with that part alone."""
    out = []
    for it in items:
        parts = in_supplement(it.sub_items, numbers)
        if it.number in numbers or parts:
            out.append(replace(it, sub_items=parts if it.number not in numbers else it.sub_items,
                               papers=it.papers if it.number in numbers else []))
    return out
