"""Helpers shared by the command modules: the workspace, committing a change, printing tables."""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any, Iterable

import click

from govdocs.errors import UsageProblem
from govdocs.store.workspace import Workspace


def workspace(ctx: click.Context) -> Workspace:
    return Workspace.find(override=(ctx.obj or {}).get("workspace"))


def initials_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split(",") if v.strip()]


def say(message: str) -> None:
    click.echo(message, err=True)


def table(rows: list[dict], columns: list[tuple[str, str]], widths: dict[str, int] | None = None) -> str:
    """A plain text table for the terminal; long cells are cut to keep one row a line."""
    widths = widths or {}
    cells = [[_cell(r.get(key), widths.get(key, 60)) for key, _ in columns] for r in rows]
    heads = [title for _, title in columns]
    w = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(heads)]
    line = lambda vals: "  ".join(v.ljust(w[i]) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    out = [line(heads), line(["-" * x for x in w])]
    out += [line(c) for c in cells]
    return "\n".join(out)


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(rows: list[dict], fmt: str, columns: list[tuple[str, str]], widths: dict[str, int] | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        keys = list(rows[0].keys()) if rows else [k for k, _ in columns]
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (", ".join(map(str, v)) if isinstance(v, list) else
                            json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v) for k, v in r.items()})
        sys.stdout.write(buf.getvalue())
    elif fmt == "table":
        if rows:
            click.echo(table(rows, columns, widths))
        else:
            say("nothing to show")
    else:
        raise UsageProblem(f"--format {fmt!r} should be table, json or csv")


FORMAT = click.Choice(["table", "json", "csv"])


def parse_substitutes(values: Iterable[str]) -> list[tuple[str, list[str]]]:
    """--substitute XY=AB or XY=AB+CD (one substitute may stand in for two members)."""
    out = []
    for v in values:
        if "=" not in v:
            raise UsageProblem(f"--substitute {v!r} should be SUBSTITUTE=MEMBER, e.g. JS=IT (or JS=IT+CP)")
        who, _, for_ = v.partition("=")
        fors = [x.strip() for x in for_.replace("+", ",").split(",") if x.strip()]
        if not who.strip() or not fors:
            raise UsageProblem(f"--substitute {v!r} should be SUBSTITUTE=MEMBER")
        out.append((who.strip(), fors))
    return out


def parse_vote(vote: str | None) -> tuple[int, int, int] | str | None:
    """--vote FOR,AGAINST,ABSTAINED -> three counts; --vote unanimous (or "all in favour") -> "unanimous"."""
    if not vote:
        return None
    if vote.strip().lower() in ("unanimous", "unanimously", "all in favour", "all in favor"):
        return "unanimous"
    try:
        parts = [int(x) for x in vote.split(",")]
        if len(parts) != 3 or min(parts) < 0:
            raise ValueError
    except ValueError:
        raise UsageProblem(f"--vote {vote!r} should be FOR,AGAINST,ABSTAINED, e.g. 7,1,0, or unanimous") from None
    return parts[0], parts[1], parts[2]
