"""Commands that set up the record: init, check, board, person, member."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import emit, initials_list, say, workspace
from govdocs.cli.group import cli
from govdocs.errors import UsageProblem
from govdocs.rules import RULES


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=False))
@click.option("--council", required=True, help="The council or body whose boards the workspace records.")
def init(path: str, council: str) -> None:
    """Create a workspace: govdocs.yaml, a git repository and the first commit.

    \b
    Example:
      govdocs init kingston --council "Royal Borough of Kingston upon Thames"
    """
    from govdocs.edit.boards import init_workspace

    ws = init_workspace(Path(path), council)
    say(f"govdocs: workspace for {council} created in {ws.root}")


@cli.command()
@click.argument("date", required=False)
@click.option("--board", "board_slug", help="Check only this board's files: its board file, forward plan, "
              "meetings, actions and programmes.")
@click.option("--no-cache", is_flag=True, help="Read every file again, not only those changed since the last check.")
@click.pass_context
def check(ctx: click.Context, date: str | None, board_slug: str | None, no_cache: bool) -> None:
    """Validate the record; print FILE:LINE: message for every problem; exit 1 on errors.

    With DATE, only the meetings of that day (and the actions they raised); with --board, only that board.
    A board whose files (and the files every board shares) have not changed since the last check is not read
    again; the findings are the same either way.

    \b
    Example:
      govdocs check
      govdocs check 2020-01-23 --board send-pb
    """
    from govdocs.dates import parse_date
    from govdocs.validate import Scope
    from govdocs.validate import check as check_record

    ws = workspace(ctx)
    from govdocs.store.kept import KeptReads

    if not no_cache:
        ws.memo = KeptReads(ws.root)
    if board_slug and board_slug not in ws.boards:
        raise UsageProblem(f"no board {board_slug!r}; the boards are {', '.join(sorted(ws.boards)) or 'none yet'}")
    scope = Scope(board_slug or "", parse_date(date).isoformat() if date else "")
    boards = [b for b in ws.boards
              if scope.holds_board(b) and (not date or any(map(scope.holds_meeting, ws.meeting_dates(b))))]
    if date and not boards:
        raise UsageProblem(f"no meeting on {scope.date}" + (f" of {board_slug}" if board_slug else ""))
    n_actions = sum(1 for f in ws.action_files() if scope.holds_action(f))
    n_meetings = sum(1 for b in boards for d in ws.meeting_dates(b) if scope.holds_meeting(d))
    problems = check_record(ws, scope.board, scope.date, cache=not no_cache)
    if isinstance(ws.memo, KeptReads):
        ws.memo.save()
    for p in problems:
        click.echo(str(p))
    errors = [p for p in problems if p.level == "error"]
    warnings = len(problems) - len(errors)
    summary = (f"{len(errors)} error(s), {warnings} warning(s) in {len(boards)} board(s), "
               f"{n_meetings} meeting(s), {n_actions} action(s)")
    say(("govdocs: " if errors else "govdocs: record is valid: ") + summary)
    if errors:
        raise SystemExit(1)


@cli.group()
def board() -> None:
    """Boards: add one, list them."""


@board.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="The board's full name.")
@click.option("--reports-to", help="The slug of the board this one is accountable to.")
@click.option("--questions", is_flag=True, help="Open each agenda with a public question time.")
@click.option("--rules", type=click.Choice(list(RULES)), default="principal",
              help="The kind of body: its notice, exclusion, decision word and standing items (default principal).")
@click.option("--executive", is_flag=True, help="An executive, taking key decisions (28 days' notice).")
@click.pass_context
def board_add(ctx, slug, name, reports_to, questions, rules, executive):
    """Add a board with the standing agenda items of its kind of body.

    \b
    Example:
      govdocs board add send-pb --name "Kingston SEND Partnership Board" --reports-to hwb
      govdocs board add pc --name "Testshire Parish Council" --rules parish
    """
    from govdocs.edit.boards import add_board

    add_board(workspace(ctx), slug, name, reports_to, questions, rules, executive).apply()


@board.command("edit")
@click.argument("slug")
@click.option("--name", help="The board's full name.")
@click.option("--rules", type=click.Choice(list(RULES)),
              help="The kind of body, whose notice, exclusion and decision rules apply.")
@click.option("--executive/--not-executive", default=None, help="Whether the board takes key decisions.")
@click.option("--clear-days", type=int, help="Clear days' notice, where the constitution differs from the kind's.")
@click.option("--quorum", type=int, help="How many members make a quorum.")
@click.option("--minute-numbering", type=click.Choice(["meeting", "year", "running"]),
              help="Number minutes per meeting, on through the year, or on for ever.")
@click.option("--year-starts", help="MM-DD the minute year starts (default the municipal year, 05-01).")
@click.option("--minute-format", help="How minute numbers print: {yy}/{n} (23/140), ICBP/{fy}/{n:03} (ICBP/2223/086), "
              "Minute {n}; fields {n} {n:03} {yy} {yyyy} {fy} {fy/}.")
@click.option("--rag-scale", type=click.Choice(["five", "brag"]),
              help="five: red, amber, light green, dark green, completed; brag: blue (complete), red, amber, green.")
@click.option("--quorum-needs", help="Who the quorum must include, comma-separated: chair, and member groups "
              "(member add --group), e.g. chair,executive,non-executive.")
@click.option("--clerk", help="Initials of the clerk, who signs a parish council's summons.")
@click.option("--clearance", help="Who clears its reports, in order: role=INITIALS, comma-separated "
              "(legal=JB,finance=KS); '' for the council's (govdocs.yaml).")
@click.pass_context
def board_edit(ctx, slug, name, rules, executive, clear_days, quorum, minute_numbering, year_starts, minute_format,
               rag_scale, quorum_needs, clerk, clearance):
    """Change a board's name or rules: kind of body, notice, quorum, minute numbering.

    \b
    Example:
      govdocs board edit pc --rules parish
      govdocs board edit send-pb --minute-numbering year --year-starts 01-01
      govdocs board edit icb --minute-numbering year --year-starts 04-01 --minute-format "ICBP/{fy}/{n:03}"
      govdocs board edit icb --quorum 6 --quorum-needs chair,executive,non-executive
      govdocs board edit hwb --clearance legal=JB,finance=KS
    """
    from govdocs.edit.boards import edit_board

    needs = initials_list(quorum_needs) if quorum_needs is not None else None
    clearers = None
    if clearance is not None:
        pairs = [c.partition("=") for c in initials_list(clearance)]
        if any(not sep or not who.strip() for _, sep, who in pairs):
            raise UsageProblem("--clearance should be role=INITIALS, comma-separated: legal=JB,finance=KS")
        clearers = [(role.strip(), who.strip()) for role, _, who in pairs]
    edit_board(workspace(ctx), slug, name, rules, executive, clear_days, quorum, minute_numbering,
               year_starts, minute_format, rag_scale, needs, clerk, clearers).apply()


@board.command("style")
@click.argument("slug")
@click.option("--agenda-numbering", type=click.Choice(["own", "minutes"]),
              help="own: the agenda numbers 1, 2, 3; minutes: it prints the minute numbers (Item 20 is minute 20).")
@click.option("--parts", type=click.Choice(["a", "(a)", ".1"]), help="How parts of an item print: 13a, 13(a) or 13.1.")
@click.option("--no-minute-text", help="What an item nobody minuted says under its heading, e.g. 'None.' "
              "('' for nothing).")
@click.option("--approval-text", help="The approval of the last minutes in the board's words, with {date}: "
              "'The minutes of the {date} meeting were approved.' ('' for the default resolution).")
@click.option("--decision-word", help="RESOLVED, AGREED … ('' for the kind of body's).")
@click.option("--resolution-style", type=click.Choice(["that", "dash", "colon", "heading"]),
              help="that: RESOLVED that …; dash: RESOLVED – that …; colon: RESOLVED: That …; heading: RESOLVED on "
                   "its own line, the decision beneath.")
@click.option("--attendance-groups", help="The attendance block's groups in order, each optionally =heading: "
              "present,other_members=Other Members present,in_attendance,officers,apologies "
              "(groups: present virtual substitutes other_members in_attendance officers apologies absent).")
@click.option("--pack-parts", help="What the pack holds besides the agenda and papers: minutes,actions,"
              "forward-plan,highlight ('' for everything the board has).")
@click.pass_context
def board_style(ctx, slug, agenda_numbering, parts, no_minute_text, approval_text, decision_word, resolution_style,
                attendance_groups, pack_parts):
    """Set how a board writes its papers: numbering, wording, attendance groups, the pack's parts.

    \b
    Example:
      govdocs board style hwb --agenda-numbering minutes --parts "(a)" --no-minute-text "None."
      govdocs board style hwb --approval-text "The minutes of the {date} meeting were approved."
      govdocs board style hwb --resolution-style dash --attendance-groups \\
          "present,other_members=Other Members present,in_attendance,apologies"
      govdocs board style pc --pack-parts minutes
    """
    from govdocs.edit.house import attendance_groups_option, set_house_style

    groups = attendance_groups_option(attendance_groups) if attendance_groups is not None else None
    packs = initials_list(pack_parts) if pack_parts is not None else None
    set_house_style(workspace(ctx), slug, {
        "agenda_numbering": agenda_numbering, "part_numbering": parts, "no_minute_text": no_minute_text,
        "approval_text": approval_text, "decision_word": decision_word, "resolution_style": resolution_style,
        "attendance_groups": groups, "pack_parts": packs}).apply()


@board.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def board_list(ctx, fmt):
    """List the boards, who chairs them and whom they report to.

    \b
    Example:
      govdocs board list
    """
    ws = workspace(ctx)
    rows = [{"slug": b.slug, "name": b.name, "reports_to": b.reports_to, "chair": b.chair(),
             "members": len(b.members), "meetings": len(ws.meeting_dates(b.slug))} for b in ws.boards.values()]
    emit(rows, fmt, [("slug", "Board"), ("name", "Name"), ("reports_to", "Reports to"), ("chair", "Chair"),
                     ("members", "Members"), ("meetings", "Meetings")])


@cli.group()
def person() -> None:
    """People: add one, list them."""


@person.command("add")
@click.argument("initials")
@click.option("--name", required=True, help="Full name, as the minutes print it.")
@click.option("--role", default="", help="Job title.")
@click.option("--org", default="", help="Organisation.")
@click.option("--email", default="", help="Email; matched with your git identity for --mine.")
@click.pass_context
def person_add(ctx, initials, name, role, org, email):
    """Add a person; their initials are how minutes and actions name them.

    \b
    Example:
      govdocs person add IT --name "Ian Thomas" --role "Chief Executive" --org "Royal Borough of Kingston upon Thames"
    """
    from govdocs.edit.boards import add_person

    add_person(workspace(ctx), initials, name, role, org, email).apply()


@person.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def person_list(ctx, fmt):
    """List everyone in the workspace.

    \b
    Example:
      govdocs person list --format csv
    """
    ws = workspace(ctx)
    rows = [{"initials": p.initials, "name": p.display_name, "role": p.role, "org": p.org, "email": p.email}
            for p in ws.people.values()]
    emit(rows, fmt, [("initials", "Initials"), ("name", "Name"), ("role", "Role"), ("org", "Organisation")],
         {"role": 40, "org": 40})


@cli.group()
def member() -> None:
    """Board membership."""


@member.command("add")
@click.argument("board_slug", metavar="BOARD")
@click.argument("initials")
@click.option("--chair", is_flag=True, help="This member chairs the board.")
@click.option("--substitute", "substitutes", multiple=True, help="A named substitute (initials); repeatable.")
@click.option("--role", default="", help="Board role where it differs from the job, e.g. Co-Chair.")
@click.option("--non-voting", is_flag=True, help="A member who takes part but does not vote (or count to the quorum).")
@click.option("--group", default="", help="What kind of member, where the quorum needs one of each: executive, "
              "non-executive, partner …")
@click.option("--from", "joined", default="", help="The date they join, where it is between meetings (default: "
              "a member of every meeting).")
@click.pass_context
def member_add(ctx, board_slug, initials, chair, substitutes, role, non_voting, group, joined):
    """Make a person a member of a board, optionally its chair, with named substitutes.

    \b
    Example:
      govdocs member add send-pb IT --chair
      govdocs member add hwb PM --substitute ID
      govdocs member add hwb KB --from 2025-10-01
    """
    from govdocs.edit.boards import add_member

    subs = [s for v in substitutes for s in initials_list(v)]
    add_member(workspace(ctx), board_slug, initials, chair, subs, role, False if non_voting else None,
               group, joined).apply()


@person.command("edit")
@click.argument("initials")
@click.option("--name", help="Full name.")
@click.option("--role", help="Job title.")
@click.option("--org", help="Organisation.")
@click.option("--email", help="Email.")
@click.pass_context
def person_edit(ctx, initials, name, role, org, email):
    """Correct a person's details; minutes of meetings already held keep the role they had then.

    \b
    Example:
      govdocs person edit JK --role "Assistant Director, SEND"
    """
    from govdocs.edit.boards import edit_person

    edit_person(workspace(ctx), initials, name=name, role=role, org=org, email=email).apply()


@member.command("remove")
@click.argument("board_slug", metavar="BOARD")
@click.argument("initials")
@click.option("--from", "day", help="The date they leave (default today); earlier meetings still show them.")
@click.pass_context
def member_remove(ctx, board_slug, initials, day):
    """A member leaves a board.

    \b
    Example:
      govdocs member remove send-pb NG --from 2020-04-01
    """
    from govdocs.edit.boards import remove_member
    from govdocs.web.auth import Sessions

    ws = workspace(ctx)
    remove_member(ws, board_slug, initials, day).apply()
    Sessions(ws.root).bump(initials)  # signed in on the web, they sign in again: access is looked at anew
