"""The site's HTML pages, its style sheet and search script, and the search index."""
from __future__ import annotations

import subprocess
import sys
from itertools import groupby

from govdocs.dates import british_time_range, is_date, long_date, short_date, today
from govdocs.render import context as C
from govdocs.render.documents import DEFAULT_TEMPLATES


def write_council_pages(site) -> None:
    """The pages that are not one board's: home, decisions, people, search and calendar, and the styles."""
    ws = site.ws
    now = today().isoformat()
    upcoming = [m for m in site.meetings if m.date >= now and not m.cancelled]
    approved = sorted((m for m in site.meetings if m.minutes_approved_at), key=lambda m: m.date, reverse=True)
    site.page("index.html", "index.html", title="Meetings, decisions and actions",
              upcoming=[_meeting_link(site, m) for m in sorted(upcoming, key=lambda m: m.date)[:10]],
              approved=[_meeting_link(site, m) for m in approved[:5]], decisions=site.decisions[:10])
    site.page("decisions/index.html", "decisions.html", title="Decisions", decisions=site.decisions,
              years=sorted({d["year"] for d in site.decisions}, reverse=True))
    for d in site.decisions:
        site.page(f"decisions/{d['id']}.html", "decision.html", title=f"Decision of {d['date']}", d=d)
    people = []
    published = site.published_people()
    for initials, p in sorted(ws.people.items(), key=lambda kv: kv[1].display_name):
        if initials not in published:
            continue  # people who only appear in private business, or not at all, get no page
        record = attendance_record(site, initials)
        memberships = memberships_of(site, initials)
        people.append({"name": p.display_name, "path": site.person_path(initials), "role": p.role, "org": p.org})
        site.page(site.person_path(initials), "person.html", title=p.display_name, p=p, record=record,
                  memberships=memberships, counts=_counts(record))
    site.page("people/index.html", "people.html", title="People", people=people)
    site.page("search.html", "search.html", title="Search",
              bundles=[search_bundle(slug_) for slug_ in sorted(ws.boards)] if site.search else [])
    months = [{"month": month, "meetings": [_meeting_link(site, m) | {"time": british_time_range(m.start, m.end),
                                                                      "venue": m.venue} for m in ms]}
              for month, ms in groupby(sorted((m for m in site.meetings if m.date >= now), key=lambda m: m.date),
                                       key=lambda m: long_date(m.date).split(" ", 2)[2])]
    site.page("calendar.html", "calendar.html", title="Meetings calendar", months=months)
    write_styles(site)
    site.writer.put("search.js", (DEFAULT_TEMPLATES / "site" / "search.js").read_text(encoding="utf-8"))


def write_board_pages(site, slug_: str) -> None:
    """Everything under boards/<slug>/: the board's page, its action page and its meetings' pages."""
    ws = site.ws
    board = ws.boards[slug_]
    now = today().isoformat()
    meetings = [m for m in site.meetings if m.board == slug_]
    years = [{"year": y, "meetings": [_meeting_link(site, m) for m in ms]}
             for y, ms in groupby(sorted(meetings, key=lambda m: m.date, reverse=True), key=lambda m: m.date[:4])]
    members = [{"name": site.name(mb.initials), "path": site.person_path(mb.initials),
                "role": mb.role or ("Chair" if mb.chair else ""), "voting": mb.voting,
                "substitutes": [{"name": site.name(s), "path": site.person_path(s)} for s in mb.substitutes],
                "left": short_date(mb.left) if mb.left else ""} for mb in board.members]
    plan = [{"title": f.title, "meeting": short_date(f.meeting) if f.meeting else "Not yet scheduled",
             "lead": site.name(f.lead) if f.lead else "", "purpose": f.purpose, "key": f.key_decision}
            for f in C.forward_entries(ws, slug_, private=False) if not is_date(f.meeting) or f.meeting >= now]
    site.page(f"boards/{slug_}/index.html", "board.html", title=board.name, board=board, years=years,
              members=members, plan=plan, reports_to=site.ws.boards[board.reports_to].name
              if board.reports_to in ws.boards else "")
    rows = [site.action_row(a) for a in site.public_actions if slug_ in a.boards()]
    site.page(f"boards/{slug_}/actions.html", "actions.html", title=f"{board.name}: actions", board=board,
              open=[r for r in rows if r["status"] in ("open", "in progress")],
              done=[r for r in rows if r["status"] not in ("open", "in progress")])
    from govdocs.site.documents import write_documents

    for m in meetings:
        v = site.meeting_values(m)
        # the meeting's PDFs belong to its board's part alone: the council's OParl needs only its items
        documents = write_documents(site, m) if site.documents else []
        site.page(site.meeting_path(m), "meeting.html", title=f"{v['board_name']}, {v['long']}", documents=documents,
                  **v)


def search_bundle(part: str) -> str:
    """Where a part's search index is, inside the site: the council's at pagefind/, each board's in its folder."""
    from govdocs.site.inputs import COUNCIL

    return "pagefind/" if part == COUNCIL else f"boards/{part}/pagefind/"


def write_styles(site) -> None:
    """The stylesheets and scripts the pages link to: govuk-frontend's where it is installed, and govdocs' own."""
    from govdocs.frontend import DEFAULT_COLOUR, own_stylesheet, script, stylesheet

    site.writer.put("style.css", own_stylesheet(site.ws.colour or DEFAULT_COLOUR, site.frontend is not None))
    if site.frontend is not None:
        site.writer.put("govuk-frontend.css", stylesheet(site.frontend))
        site.writer.put("govuk-frontend.js", script(site.frontend))
        site.writer.put("init.js", (DEFAULT_TEMPLATES / "web" / "init.js").read_text(encoding="utf-8"))


def memberships_of(site, initials: str) -> list[dict]:
    return [{"board": b.name, "slug": b.slug, "role": mb.role or ("Chair" if mb.chair else "Member"),
             "left": short_date(mb.left) if mb.left else ""}
            for b in site.ws.boards.values() for mb in b.members if mb.initials == initials]


def _meeting_link(site, m) -> dict:
    return {"path": site.meeting_path(m), "board": site.board_name(m.board), "date": long_date(m.date),
            "cancelled": bool(m.cancelled), "status": m.status.replace("-", " ")}


def attendance_record(site, initials: str) -> list[dict]:
    """Each meeting the person was expected at or attended: present, virtual, apologies, substituted for."""
    out = []
    for m in site.meetings:
        att = m.attendance
        if not att.recorded:
            continue
        how = ("present" if initials in att.present else "attended virtually" if initials in att.virtual
               else "sent apologies" if initials in att.apologies else "absent" if initials in att.absent else "")
        subs = [f for s in att.substitutes if s.initials == initials for f in s.for_]
        if subs:
            how = "substitute for " + ", ".join(site.name(f) for f in subs)
        if how:
            out.append({"date": long_date(m.date), "path": site.meeting_path(m),
                        "board": site.board_name(m.board), "how": how})
    return out


def _counts(record: list[dict]) -> dict:
    return {"attended": sum(1 for r in record if r["how"] == "present"),
            "virtual": sum(1 for r in record if r["how"] == "attended virtually"),
            "apologies": sum(1 for r in record if r["how"] == "sent apologies"),
            "substitute": sum(1 for r in record if r["how"].startswith("substitute"))}


def index_search(site, part: str) -> None:
    """A static search index of one part's pages (Pagefind), read by search.js in the browser, which merges
    the council's index with every board's: no server needed, and a change to one board's actions indexes
    that board's pages again, not the council's twelve thousand.

    Each index is built aside and swapped in whole, so nothing of an earlier index (which may hold words of
    an item made exempt since) survives a rebuild, and a failed build leaves the last good index in place.
    """
    import shutil

    from govdocs.errors import RenderError
    from govdocs.site.inputs import COUNCIL

    final = site.out / search_bundle(part)
    building, old = final.with_name(".pagefind-building"), final.with_name(".pagefind-old")
    for leftover in (building, old):
        if leftover.is_symlink() or leftover.is_file():
            leftover.unlink()
        elif leftover.exists():
            shutil.rmtree(leftover)
    pages = _council_pages(site) if part == COUNCIL else f"boards/{part}/**/*.html"
    p = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site.out), "--glob", pages,
                        "--output-path", str(building), "--silent"], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise RenderError(f"the search index could not be built: {(p.stderr or p.stdout).strip()[-300:]}")
    if final.is_symlink() or final.is_file():
        final.unlink()
    elif final.exists():
        final.rename(old)
    building.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    for f in sorted(final.rglob("*")):
        if f.is_file():
            site.writer.adopt(f.relative_to(site.out).as_posix(), f.read_bytes())


def _council_pages(site) -> str:
    """A glob of the council part's pages, from what this build wrote: its top-level pages and folders."""
    from govdocs.site.inputs import COUNCIL, part_of

    tops = sorted({rel if "/" not in rel else rel.split("/", 1)[0] + "/**/*.html" for rel in site.writer.written
                   if rel.endswith(".html") and part_of(rel, site.ws.boards) == COUNCIL})
    return "{" + ",".join(tops) + "}"
