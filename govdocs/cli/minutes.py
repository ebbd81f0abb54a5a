"""Commands for what happens at a meeting: attendance, each item's minute, and the minutes as a whole
(approval at a later meeting, future dates)."""
from __future__ import annotations

import click

from govdocs.cli.common import initials_list, parse_substitutes, parse_vote, workspace
from govdocs.cli.group import cli
from govdocs.cli.meetings import BOARD_OPT
from govdocs.errors import UsageProblem


@cli.command()
@click.argument("date")
@click.option("--present", help="Initials of those present, comma-separated.")
@click.option("--apologies", help="Initials of those who sent apologies.")
@click.option("--substitute", "substitutes", multiple=True, help="SUB=MEMBER (or SUB=A+B for two members); repeatable.")
@click.option("--virtual", help="Initials of those present virtually.")
@click.option("--in-attendance", help="Initials of officers and guests also in attendance.")
@click.option("--other-members", help="Councillors attending who are not members of the board (Other Members present).")
@click.option("--officers", help="Officers present, where the board lists them apart from others in attendance.")
@click.option("--declare", "declarations", multiple=True, help="INITIALS:ITEM:interest; repeatable.")
@click.option("--undeclare", "undeclared", multiple=True, help="INITIALS:ITEM, a declaration recorded in error; "
              "repeatable.")
@click.option("--absent", help="Members absent without apologies.")
@click.option("--chair", help="Who chaired this meeting (the vice-chair, a co-chair), if not the board's chair.")
@click.option("--public", type=int, help="How many members of the public were present.")
@click.option("--arrived", multiple=True, help="INITIALS=HH:MM, a late arrival; repeatable.")
@click.option("--left", "departed", multiple=True, help="INITIALS=HH:MM, an early departure; repeatable.")
@click.option("--clear", "cleared", help="Take these people out of the attendance first (ticked in error); with "
              "--present, --apologies … it moves them. Their declarations stay.")
@BOARD_OPT
@click.pass_context
def attendance(ctx, date, present, apologies, substitutes, virtual, in_attendance, other_members, officers,
               declarations, undeclared, absent, chair, public, arrived, departed, cleared, board_slug):
    """Record who was present, virtual, apologised, substituted or attended, and declarations.

    \b
    Example:
      govdocs attendance 2019-11-14 --present IT,ID,CP --apologies DW,LK --substitute JS=PM
      govdocs attendance 2030-03-12 --absent GH --chair CD --public 12 --arrived EF=19:50
      govdocs attendance 2030-03-12 --clear GH --apologies GH   # GH sent apologies after all
    """
    from govdocs.edit.attendance import Taken, record_attendance

    decl = []
    for d in declarations:
        parts = d.split(":", 2)
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise UsageProblem(f"--declare {d!r} should be INITIALS:ITEM:interest")
        decl.append((parts[0].strip(), parts[1].strip(), parts[2].strip()))
    taken_back = []
    for d in undeclared:
        who, _, item = d.partition(":")
        if not who.strip() or not item.strip():
            raise UsageProblem(f"--undeclare {d!r} should be INITIALS:ITEM")
        taken_back.append((who.strip(), item.strip()))
    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    record_attendance(ws, m, Taken(undeclared=taken_back,
        present=initials_list(present), apologies=initials_list(apologies), substitutes=parse_substitutes(substitutes),
        virtual=initials_list(virtual), in_attendance=initials_list(in_attendance),
        other_members=initials_list(other_members), officers=initials_list(officers), declarations=decl,
        absent=initials_list(absent), chair=chair or "", public=public, arrived=_timed(arrived, "--arrived"),
        left=_timed(departed, "--left"), cleared=initials_list(cleared))).apply()


def _timed(values, option: str) -> list[tuple[str, str]]:
    out = []
    for v in values:
        who, sep, when = v.partition("=")
        if not sep or not who.strip() or not when.strip():
            raise UsageProblem(f"{option} {v!r} should be INITIALS=HH:MM, e.g. EF=19:50")
        out.append((who.strip(), when.strip()))
    return out


@cli.command()
@click.argument("date")
@click.argument("item_number", metavar="ITEM")
@click.option("--text", help="The minute: paragraphs, - bullets, 1. numbered lists, **bold**, *italic*.")
@click.option("--file", "file_", type=click.File("r", encoding="utf-8"), help="Read the minute from a file ('-' for stdin).")
@click.option("--resolved", multiple=True, help="A decision: the text after RESOLVED; repeatable.")
@click.option("--proposer", default="", help="Initials of the proposer of the decision.")
@click.option("--seconder", default="", help="Initials of the seconder.")
@click.option("--vote", help="A recorded vote: FOR,AGAINST,ABSTAINED, e.g. 7,1,0.")
@click.option("--append", is_flag=True, help="Add to the item's minute instead of replacing it.")
@click.option("--outcome", default="", help="The decision's own word: resolved, agreed, approved, noted, received, assured.")
@click.option("--for", "voted_for", help="A recorded vote: initials of those voting for, comma-separated.")
@click.option("--against", "voted_against", help="A recorded vote: initials of those voting against.")
@click.option("--abstained", "abstained", help="A recorded vote: initials of those abstaining.")
@click.option("--casting-vote", is_flag=True, help="The votes were equal and the chair's casting vote decided it.")
@click.option("--remove-decision", type=int, default=0, help="Take out decision N (1 for the first) of the item.")
@click.option("--taken-at", default="", help="When the item was taken (16:36), where the minutes print it.")
@BOARD_OPT
@click.pass_context
def minute(ctx, date, item_number, text, file_, resolved, proposer, seconder, vote, append, outcome, voted_for,
           voted_against, abstained, casting_vote, remove_decision, taken_at, board_slug):
    """Record the minute of an agenda item, and any RESOLVED decisions.

    \b
    Example:
      govdocs minute 2019-11-14 4 --file item4.md --resolved "That the dashboard be noted."
      govdocs minute 2025-09-16 "13(a)" --text "The Board noted the update."
      govdocs minute 2019-11-14 4 --text ""              # a stray minute taken out
      govdocs minute 2019-11-14 4 --remove-decision 2    # one decision among several
    """
    from govdocs.edit.minutes import MinuteTaken, record_minute

    if text and file_:
        raise UsageProblem("give the minute with --text or --file, not both")
    try:
        body = file_.read() if file_ else text
    except UnicodeDecodeError as exc:
        raise UsageProblem(f"{file_.name} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try "
                           "again") from None
    v = parse_vote(vote)
    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    from govdocs.minute_numbers import item_for

    named = {"for": initials_list(voted_for), "against": initials_list(voted_against),
             "abstained": initials_list(abstained)}
    record_minute(ws, m, MinuteTaken(item=item_for(ws, m, item_number), text=body, resolved=list(resolved),
                                     proposer=proposer, seconder=seconder, vote=v, append=append,
                                     outcome=outcome.lower(), named=named, casting=casting_vote,
                                     remove_decision=remove_decision, taken_at=taken_at)).apply()


@cli.group()
def minutes() -> None:
    """Minutes as a whole: approval, future meeting dates."""


@minutes.command("approve")
@click.argument("date")
@click.argument("more", nargs=-1, metavar="[DATE]...")
@click.option("--at", "at", required=True, help="The date of the meeting that approved them.")
@click.option("--proposer", default="", help="Initials of the member who moved the approval.")
@click.option("--seconder", default="", help="Initials of the member who seconded it.")
@click.option("--vote", help="A recorded vote: FOR,AGAINST,ABSTAINED, e.g. 7,0,1.")
@click.option("--text", help="The approval in this meeting's words, with {date}: 'The minutes of the {date} meeting "
              "were approved.' (default: the board's approval_text, else the RESOLVED form).")
@BOARD_OPT
@click.pass_context
def minutes_approve(ctx, date, more, at, proposer, seconder, vote, text, board_slug):
    """Approve a meeting's minutes as a correct record, minuted at the approving meeting (several meetings'
    minutes in one resolution, where the board approves them together).

    The approving meeting's minutes get the resolution (under its Minutes item), with proposer,
    seconder and vote; the approved meeting's record is locked from then on.

    \b
    Example:
      govdocs minutes approve 2019-11-14 --at 2020-01-23 --proposer IT --seconder CP
      govdocs minutes approve 2023-10-18 2023-11-13 --at 2023-12-11
    """
    from govdocs.edit.minutes import approve_minutes

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    also = [ws.find_meeting(d, board_slug or m.board) for d in more]
    approve_minutes(ws, m, at, proposer, seconder, parse_vote(vote), text, also).apply()


@minutes.command("future-date")
@click.argument("date")
@click.argument("next_date")
@click.option("--time", default="", help="e.g. 14:00-16:00, 2-4pm or 7pm")
@click.option("--venue", default="")
@click.option("--remove", is_flag=True, help="Take the date out of the minutes (minuted by mistake).")
@BOARD_OPT
@click.pass_context
def minutes_future(ctx, date, next_date, time, venue, remove, board_slug):
    """Minute a future meeting date, or take one out.

    \b
    Example:
      govdocs minutes future-date 2019-11-14 2020-01-23 --time 2-4pm --venue "Queen Anne Suite"
      govdocs minutes future-date 2019-11-14 2020-01-30 --remove
    """
    from govdocs.edit.minutes import add_future_date, remove_future_date

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    (remove_future_date(ws, m, next_date) if remove else add_future_date(ws, m, next_date, time, venue)).apply()


@cli.command()
@click.argument("date")
@click.option("--kind", type=click.Choice(["question", "deputation", "petition", "statement"]), default="question")
@click.option("--by", "by", help="Who brought it, as the minutes name them: 'Jane Smith (Surbiton resident)'.")
@click.option("--text", help="What was asked, presented or petitioned for.")
@click.option("--response", default="", help="The answer given.")
@click.option("--responder", default="", help="Initials of who answered.")
@click.option("--item", default="", help="The item it was taken under, where not the public participation item.")
@click.option("--signatures", type=int, help="A petition's number of signatures.")
@click.option("--remove", type=int, help="Take out the Nth question, deputation or petition (1 for the first).")
@BOARD_OPT
@click.pass_context
def participation(ctx, date, kind, by, text, response, responder, item, signatures, remove, board_slug):
    """Minute a public question, deputation or petition, with who brought it and the response.

    \b
    Example:
      govdocs participation 2025-09-16 --kind question --by "Jane Smith, Surbiton resident" \\
          --text "When will the new youth centre open?" --response "In spring 2026." --responder AS
      govdocs participation 2025-09-16 --kind petition --by "Save Canbury Library" --signatures 1240 \\
          --text "To keep the library open on Saturdays." --item 17
    """
    from govdocs.edit.participation import add_participation, remove_participation
    from govdocs.errors import UsageProblem

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    if remove:
        remove_participation(ws, m, remove).apply()
        return
    if not by or not text:
        raise UsageProblem("say who brought it (--by) and what it said (--text)")
    add_participation(ws, m, kind, by, text, response, responder, item, signatures).apply()
