"""Commands for meetings: scheduling, agenda items, attendance, minutes."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import emit, initials_list, say, workspace
from govdocs.cli.group import cli
from govdocs.errors import UsageProblem

BOARD_OPT = click.option("--board", "board_slug", help="The board, where two meet on one day.")


@cli.group()
def meeting() -> None:
    """Meetings: schedule one, list them, mark the agenda published."""


@meeting.command("new")
@click.argument("board_slug", metavar="BOARD")
@click.argument("date")
@click.option("--time", help="Start, or start and end: 19:00 or 14:00-16:00.")
@click.option("--venue", help="Where the board meets.")
@click.option("--type", "kind", type=click.Choice(["ordinary", "extraordinary", "annual"]), default="ordinary",
              help="The kind of meeting (default ordinary).")
@click.pass_context
def meeting_new(ctx, board_slug, date, time, venue, kind):
    """Schedule a meeting; its agenda is pre-filled with the standing items, forward-plan items
    due that day, escalations from other boards and the action log.

    \b
    Example:
      govdocs meeting new send-pb 2020-01-23 --time 14:00-16:00 --venue "Queen Anne Suite, Guildhall"
    """
    from govdocs.edit.meetings import new_meeting

    new_meeting(workspace(ctx), board_slug, date, time, venue, kind).apply()
    warn_unusual_day(date)


def warn_unusual_day(date: str) -> None:
    from govdocs.calendar import unusual_meeting_day
    from govdocs.dates import parse_date

    day = parse_date(date, "meeting date")
    why = unusual_meeting_day(day)
    if why:
        say(f"govdocs: warning: {day:%A} {day.day} {day:%B %Y} is {why}; is that the day you meant?")


@meeting.command("edit")
@click.argument("date")
@click.option("--time", help="Start, or start and end: 19:00 or 14:00-16:00.")
@click.option("--venue", help="Where the meeting is held.")
@click.option("--type", "kind", type=click.Choice(["ordinary", "extraordinary", "annual"]), help="The kind of meeting.")
@click.option("--closed", help="When the meeting closed, e.g. 20:47.")
@click.option("--first-minute", type=int, help="The number of this meeting's first minute (numbering on through the year).")
@BOARD_OPT
@click.pass_context
def meeting_edit(ctx, date, time, venue, kind, closed, first_minute, board_slug):
    """Correct a meeting's time, venue or type, or record when it closed.

    \b
    Example:
      govdocs meeting edit 2020-01-23 --venue "Council Chamber" --closed 16:05
    """
    from govdocs.edit.meetings import edit_meeting

    ws = workspace(ctx)
    edit_meeting(ws, ws.find_meeting(date, board_slug), time, venue, kind, closed, first_minute).apply()


@meeting.command("move")
@click.argument("date")
@click.option("--to", "to", required=True, help="The new date, YYYY-MM-DD.")
@BOARD_OPT
@click.pass_context
def meeting_move(ctx, date, to, board_slug):
    """Move a meeting not yet held to another date, with its agenda and papers.

    The original stays in the record marked "Moved to …"; the new date needs its agenda
    published again.

    \b
    Example:
      govdocs meeting move 2020-03-19 --to 2020-03-26
    """
    from govdocs.edit.meetings import move_meeting

    ws = workspace(ctx)
    move_meeting(ws, ws.find_meeting(date, board_slug), to).apply()
    warn_unusual_day(to)


@meeting.command("cancel")
@click.argument("date")
@click.option("--reason", required=True, help="Why the meeting will not take place.")
@BOARD_OPT
@click.pass_context
def meeting_cancel(ctx, date, reason, board_slug):
    """Cancel a meeting that has not been held; its agenda then says so.

    \b
    Example:
      govdocs meeting cancel 2020-03-19 --reason "Business moved to the April meeting"
    """
    from govdocs.edit.meetings import cancel_meeting

    ws = workspace(ctx)
    cancel_meeting(ws, ws.find_meeting(date, board_slug), reason).apply()


@meeting.command("list")
@click.option("--board", "board_slug", help="Only this board's meetings.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def meeting_list(ctx, board_slug, fmt):
    """List meetings with their status.

    \b
    Example:
      govdocs meeting list --board send-pb
    """
    from govdocs.dates import british_time_range

    ws = workspace(ctx)
    if board_slug:
        ws.board(board_slug)
    rows = [{"date": m.date, "board": m.board, "time": british_time_range(m.start, m.end), "venue": m.venue,
             "status": m.status, "items": len(m.items)} for m in ws.meetings(board_slug)]
    emit(rows, fmt, [("date", "Date"), ("board", "Board"), ("time", "Time"), ("status", "Status"),
                     ("items", "Items"), ("venue", "Venue")], {"venue": 40})


@meeting.command("publish")
@click.argument("date")
@BOARD_OPT
@click.pass_context
def meeting_publish(ctx, date, board_slug):
    """Record that the agenda has been published.

    \b
    Example:
      govdocs meeting publish 2020-01-23
    """
    from govdocs.edit.meetings import publish_agenda

    ws = workspace(ctx)
    publish_agenda(ws, ws.find_meeting(date, board_slug)).apply()


@cli.group()
def item() -> None:
    """Agenda items."""


@item.command("add")
@click.argument("date")
@click.argument("title")
@click.option("--presenter", help="Presenter initials; several as IT,CP.")
@click.option("--purpose", default="", help='What the board is asked to do: "To note", "To endorse", "To consider".')
@click.option("--paper", "papers", multiple=True, type=click.Path(dir_okay=False),
              help="A report (PDF or .docx), copied into the meeting's papers; repeatable.")
@click.option("--exempt", help="Part 2: the Schedule 12A paragraph (1-7), or for a parish, NHS or partnership board "
              "the reason the business is confidential.")
@click.option("--under", help="Add as a sub-item (a, b …) of this item number.")
@click.option("--urgent", "urgent_reason", default="", help="Urgent business after publication: the chair's reason.")
@click.option("--time", default="", help="When the item is taken, as NHS agendas time them: 14:20 or 14:20-14:40.")
@BOARD_OPT
@click.pass_context
def item_add(ctx, date, title, presenter, purpose, papers, exempt, under, urgent_reason, time, board_slug):
    """Add an item to a meeting's agenda; prints the new item's number alone.

    \b
    Example:
      govdocs item add 2020-01-23 "Post 16 Provision" --presenter PMS --purpose "To consider" --paper post16.pdf
    """
    from govdocs.edit.agenda import add_item
    from govdocs.minute_numbers import agenda_number, item_for

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    ch, number = add_item(ws, m, title, initials_list(presenter), purpose, [Path(p) for p in papers], exempt,
                          item_for(ws, m, under) if under else None, urgent_reason, time)
    ch.apply()
    board = ws.board(m.board)
    if board.agenda_numbering == "minutes" or board.part_numbering != "a":
        from govdocs.store.workspace import Workspace

        # the number as the agenda prints it (minute 20, or 13(a)), which every other command takes
        fresh = Workspace(ws.root)
        number = agenda_number(fresh, fresh.find_meeting(date, board_slug), number)
    click.echo(number)


@item.command("edit")
@click.argument("date")
@click.argument("item_number", metavar="ITEM")
@click.option("--title", help="The corrected title.")
@click.option("--presenter", help="Presenter initials, comma-separated.")
@click.option("--purpose", help='e.g. "To note".')
@click.option("--exempt", help="Make it Part 2: the Schedule 12A paragraph (1-7), or for a parish, NHS or "
              "partnership board the reason the business is confidential.")
@click.option("--public", is_flag=True, help="Make an exempt item public.")
@click.option("--paper", "papers", multiple=True, type=click.Path(dir_okay=False), help="Add a paper; repeatable.")
@click.option("--time", help="When the item is taken: 14:20 or 14:20-14:40 (empty to remove).")
@click.option("--remove-paper", "drop", multiple=True, help="Take a paper off the item (by file name); repeatable.")
@click.option("--exempt-paper", "exempt_papers", multiple=True,
              help="FILE=PARAGRAPH (or FILE=reason): one paper of a public item is a confidential appendix, left out "
                   "of every public output; FILE= makes it public again. Repeatable.")
@BOARD_OPT
@click.pass_context
def item_edit(ctx, date, item_number, title, presenter, purpose, exempt, public, papers, time, drop, exempt_papers,
              board_slug):
    """Correct an agenda item: title, presenter, purpose, exemption, papers.

    \b
    Example:
      govdocs item edit 2020-01-23 6 --title "Transitions to Adult Services" --presenter ST
      govdocs item edit 2025-09-18 18 --exempt-paper bcf-provider-costs.pdf=3
    """
    from govdocs.edit.agenda import edit_item
    from govdocs.minute_numbers import item_for

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    edit_item(ws, m, item_for(ws, m, item_number), title, initials_list(presenter) if presenter is not None else None, purpose,
              exempt, public, [Path(p) for p in papers], time, list(drop), _paper_bases(exempt_papers)).apply()


def _paper_bases(values) -> dict[str, str]:
    out = {}
    for v in values:
        name, sep, basis = v.partition("=")
        if not sep or not name.strip():
            raise UsageProblem(f"--exempt-paper {v!r} should be FILE=PARAGRAPH, e.g. costs.pdf=3 (FILE= to make it public)")
        out[name.strip()] = basis.strip()
    return out


@item.command("remove")
@click.argument("date")
@click.argument("item_number", metavar="ITEM")
@BOARD_OPT
@click.pass_context
def item_remove(ctx, date, item_number, board_slug):
    """Take an item off an agenda not yet published; later items are renumbered.

    \b
    Example:
      govdocs item remove 2020-03-19 4
    """
    from govdocs.edit.agenda import remove_item
    from govdocs.minute_numbers import item_for

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    remove_item(ws, m, item_for(ws, m, item_number)).apply()


@item.command("withdraw")
@click.argument("date")
@click.argument("item_number", metavar="ITEM")
@click.option("--reason", required=True, help="Why it is withdrawn.")
@BOARD_OPT
@click.pass_context
def item_withdraw(ctx, date, item_number, reason, board_slug):
    """Withdraw an item from a published agenda: it keeps its number and shows as withdrawn.

    \b
    Example:
      govdocs item withdraw 2020-03-19 6 --reason "Report not ready"
    """
    from govdocs.edit.agenda import withdraw_item
    from govdocs.minute_numbers import item_for

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    withdraw_item(ws, m, item_for(ws, m, item_number), reason).apply()


@item.command("move")
@click.argument("date")
@click.argument("item_number", metavar="ITEM")
@click.option("--to", "to", required=True, help="The number it should take.")
@BOARD_OPT
@click.pass_context
def item_move(ctx, date, item_number, to, board_slug):
    """Take items in another order, before the agenda is published; items are renumbered.

    \b
    Example:
      govdocs item move 2020-03-19 7 --to 5
    """
    from govdocs.edit.agenda import move_item
    from govdocs.minute_numbers import item_for

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    move_item(ws, m, item_for(ws, m, item_number), item_for(ws, m, to)).apply()


@meeting.command("show")
@click.argument("date")
@BOARD_OPT
@click.pass_context
def meeting_show(ctx, date, board_slug):
    """Show one meeting: status, agenda with presenters and papers, attendance, minutes and actions.

    \b
    Example:
      govdocs meeting show 2019-11-14
    """
    from govdocs.dates import british_time_range, long_date

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    board = ws.board(m.board)
    click.echo(f"{board.name}: {long_date(m.date)} {british_time_range(m.start, m.end)}".rstrip())
    if m.venue:
        click.echo(f"  {m.venue}")
    status = m.status + (f" (approved at the meeting of {m.minutes_approved_at})" if m.minutes_approved_at else "")
    click.echo(f"  status: {status}" + (f": {m.cancelled}" if m.cancelled else ""))
    actions: dict[str, list] = {}
    for a in ws.actions_raised_at(m):
        actions.setdefault(a.item, []).append(a)
    for it in m.all_items():
        marks = []
        if it.presenters:
            marks.append("/".join(it.presenters))
        if it.papers:
            marks.append(f"{len(it.papers)} paper(s)")
        if it.is_exempt:
            marks.append(f"EXEMPT para {it.exempt}" if it.exempt is not None else
                         f"EXEMPT: {it.exempt_reason}" if it.exempt_reason else f"EXEMPT? {it.exempt_problem}")
        if it.withdrawn:
            marks.append(f"WITHDRAWN: {it.withdrawn}")
        if it.number in m.minutes:
            marks.append("minuted")
        indent = "    " if it.number[-1:].isalpha() else "  "
        click.echo(f"{indent}{it.number}. {it.title}" + (f"  [{'; '.join(marks)}]" if marks else ""))
        for a in actions.get(it.number, []):
            click.echo(f"{indent}     action {a.id} ({', '.join(a.owners)}, {a.status})")
    att = m.attendance
    if att.recorded:
        click.echo(f"  present {len(att.present)}, virtual {len(att.virtual)}, apologies {len(att.apologies)}, "
                   f"substitutes {len(att.substitutes)}, in attendance {len(att.in_attendance)}")
