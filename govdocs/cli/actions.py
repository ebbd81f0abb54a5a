"""Commands for actions: raise, update, complete, escalate; list them; completion per cycle."""
from __future__ import annotations

import click

from govdocs.cli.common import FORMAT, emit, initials_list, say, workspace
from govdocs.cli.group import cli
from govdocs.errors import UsageProblem


@cli.group()
def action() -> None:
    """One action: add, update, done, escalate."""


@action.command("add")
@click.argument("date")
@click.argument("item_number", metavar="ITEM")
@click.argument("text")
@click.option("--owner", required=True, help="Owner initials; several as ID,NG.")
@click.option("--due", help='A date (YYYY-MM-DD) or "next meeting" (the default).')
@click.option("--board", "board_slug", help="The board, where two meet on one day.")
@click.pass_context
def action_add(ctx, date, item_number, text, owner, due, board_slug):
    """Raise an action at a meeting's item; prints the new action's id alone.

    \b
    Example:
      govdocs action add 2019-11-14 5 "Resend the data capsule tool" --owner ID --due 2020-01-23
    """
    from govdocs.edit.actions import add_action

    ws = workspace(ctx)
    from govdocs.minute_numbers import item_for

    m = ws.find_meeting(date, board_slug)
    ch, aid = add_action(ws, m, item_for(ws, m, item_number), text, initials_list(owner), due)
    ch.apply()
    click.echo(aid)


@action.command("edit")
@click.argument("action_id", metavar="ID")
@click.option("--text", help="The corrected wording.")
@click.option("--owner", help="New owner initials; several as ID,NG.")
@click.option("--due", help='A new due date (YYYY-MM-DD) or "next meeting"; the original is kept beside it.')
@click.pass_context
def action_edit(ctx, action_id, text, owner, due):
    """Correct an action: its wording, owner or due date.

    \b
    Example:
      govdocs action edit SEND-PB-2019-11-14-5a --owner CP --due 2020-03-19
    """
    from govdocs.edit.actions import edit_action

    edit_action(workspace(ctx), action_id, text, initials_list(owner) if owner else None, due).apply()


@action.command("update")
@click.argument("action_id", metavar="ID")
@click.option("--status", help="open, in-progress, done or dropped.")
@click.option("--rag", help="red, amber, light-green, dark-green (or green), completed.")
@click.option("--due", help="A new due date.")
@click.option("--note", help="A progress update, dated today and signed with your name.")
@click.pass_context
def action_update(ctx, action_id, status, rag, due, note):
    """Add progress to an action: status, RAG, due date, a note.

    \b
    Example:
      govdocs action update SEND-PB-2019-11-14-5a --rag amber --note "Half the returns are in"
    """
    from govdocs.edit.actions import update_action

    update_action(workspace(ctx), action_id, status, rag, note, due).apply()


@action.command("done")
@click.argument("action_id", metavar="ID")
@click.option("--note", help="How it was done.")
@click.pass_context
def action_done(ctx, action_id, note):
    """Mark an action done (recorded as done by you, acting for the owner if that is not you).

    \b
    Example:
      govdocs action done SEND-PB-2019-11-14-5a --note "Tool resent to all partners"
    """
    from govdocs.edit.actions import finish_action

    finish_action(workspace(ctx), action_id, note).apply()


@action.command("escalate")
@click.argument("action_id", metavar="ID")
@click.option("--to", "to", required=True, help="The board to escalate to (its slug).")
@click.option("--note", help="Why it is escalated.")
@click.pass_context
def action_escalate(ctx, action_id, to, note):
    """Escalate an action to another board: it joins that board's action log and next agenda.

    \b
    Example:
      govdocs action escalate SEND-PB-2019-11-14-5b --to hwb --note "Returns still missing"
    """
    from govdocs.edit.actions import escalate_action

    ch, at = escalate_action(workspace(ctx), action_id, to, note)
    ch.apply()
    if at:
        say(f"govdocs: on the agenda of the {to} meeting of {at}")
    else:
        say(f"govdocs: {to} has no meeting scheduled yet; the escalation joins the agenda of its next one")


@cli.command("actions")
@click.option("--board", "board_slug", help="Only this board's action log (escalations to it included).")
@click.option("--owner", help="Only actions owned by these initials.")
@click.option("--mine", is_flag=True, help="Only actions owned by you (your git email matched to a person).")
@click.option("--status", default="open", help="open (open and in progress), done, dropped, in-progress or all.")
@click.option("--overdue", is_flag=True, help="Only open actions past their due date.")
@click.option("--format", "fmt", type=FORMAT, default="table")
@click.option("--private", is_flag=True, help="Include actions raised in exempt (Part 2) business, marked as such.")
@click.pass_context
def actions_cmd(ctx, board_slug, owner, mine, status, overdue, fmt, private):
    """List actions across boards and meetings. Public by default: actions raised in exempt (Part 2)
    business only with --private, and marked.

    \b
    Example:
      govdocs actions --owner ID
      govdocs actions --board send-pb --status all --format csv
    """
    from govdocs.actionlog import query

    ws = workspace(ctx)
    if board_slug:
        ws.board(board_slug)
    owners = set(initials_list(owner))
    for o in owners:
        ws.person(o)
    if mine:
        from govdocs.edit.actions import who

        me, name = who(ws)
        if me not in ws.people:
            raise UsageProblem(f"your git email is not the email of anyone in people.yaml ({name}); "
                               "use --owner INITIALS")
        owners.add(me)
    rows, held_back = query(ws, board_slug, owners, status, overdue, private)
    if fmt == "table":
        for row in rows:
            row["text"] = ("[NOT FOR PUBLICATION] " if row["exempt"] else "") + row["text"]
    if held_back:
        say(f"govdocs: {held_back} action(s) raised in exempt (Part 2) business left out; --private includes them")
    emit(rows, fmt, [("id", "Id"), ("owner", "Owner"), ("due", "Due"), ("status", "Status"), ("rag", "RAG"),
                     ("overdue", "Late"), ("text", "Action")], {"text": 70})


@cli.command()
@click.option("--board", "board_slug", help="Only this board's meetings.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
def cycles(ctx, board_slug, fmt):
    """Action completion per meeting cycle: raised, completed, carried forward, overdue.

    \b
    Example:
      govdocs cycles --board send-pb
    """
    from govdocs.actionlog import cycles as compute

    ws = workspace(ctx)
    if board_slug:
        ws.board(board_slug)
    rows = compute(ws, board_slug)
    emit(rows, fmt, [("meeting", "Meeting"), ("board", "Board"), ("raised", "Raised"), ("completed", "Completed"),
                     ("carried_forward", "Carried forward"), ("overdue", "Overdue"), ("as_of", "As of")])
