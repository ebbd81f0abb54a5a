"""Property-based: random records never leak exempt words, text comes out as typed, check never crashes."""
from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import Gd, git
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

# each example builds and renders a workspace: few examples, and a bounded shrink
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target])
PEOPLE = ["AB", "CD", "EF"]


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for s in d.sections:
        parts += [p.text for p in s.footer.paragraphs] + [p.text for p in s.header.paragraphs]
    return "\n".join(parts)


def _everything(folder: Path) -> str:
    out = []
    for f in sorted(folder.rglob("*")):
        if f.suffix in (".html", ".json", ".xml", ".ics"):
            out.append(html.unescape(f.read_text()))
        elif f.suffix == ".docx":
            out.append(_docx_text(f))
        elif f.suffix == ".pdf":
            r = PdfReader(str(f))
            out.append("\n".join(p.extract_text() or "" for p in r.pages))
            out.append(" ".join(getattr(o, "title", "") for o in r.outline if not isinstance(o, list)))
            out.append(str(r.metadata))
    return "\n".join(out)


def _workspace() -> tuple[Path, Gd]:
    tmp = Path(tempfile.mkdtemp(prefix="gd-prop-"))
    root = tmp / "ws"
    gd = Gd(tmp)
    gd("init", root, "--council", "Propshire Council")
    gd.cwd = root
    gd("board", "add", "hwb", "--name", "Propshire Health and Wellbeing Board")
    gd("board", "add", "send-pb", "--name", "Propshire SEND Partnership Board", "--reports-to", "hwb")
    for i in PEOPLE:
        gd("person", "add", i, "--name", f"Person {i}")
        gd("member", "add", "send-pb", i)
    return root, gd


# one agenda item: (exempt paragraph or None, sub-items as exempt flags, has an action, action escalated, declared)
ITEM = st.tuples(st.one_of(st.none(), st.integers(1, 7)), st.lists(st.booleans(), max_size=2),
                 st.booleans(), st.booleans(), st.booleans())


@pytest.mark.slow
@SETTINGS
@given(items=st.lists(ITEM, min_size=1, max_size=4), forward=st.lists(st.booleans(), max_size=3))
def test_no_exempt_word_reaches_any_public_output(items, forward):
    root, gd = _workspace()
    try:
        secrets, publics = [], []

        def word(exempt: bool) -> str:
            w = ("Secretword" if exempt else "Openword") + chr(97 + len(secrets) + len(publics))
            (secrets if exempt else publics).append(w)
            return w

        for n, ex in enumerate(forward):
            gd("forward", "add", "send-pb", "2030-01-10", f"Plan {word(ex)}", *(["--exempt", "2"] if ex else []))
        gd("meeting", "new", "send-pb", "2030-01-10", today="2030-01-01")
        gd("meeting", "new", "hwb", "2030-02-20", today="2030-01-01")
        declarations, to_escalate, exempt_ids, added = [], [], [], []
        for para, subs, has_action, escalate, declare in items:
            title = f"Item {word(para is not None)}"
            top = gd("item", "add", "2030-01-10", title, *(["--exempt", str(para)] if para else []),
                     today="2030-01-01").stdout.strip()
            added.append((title, para is not None, has_action, escalate, declare))
            for sub_exempt in subs:
                exempt = para is not None or sub_exempt
                sub_title = f"Sub {word(exempt)}"
                gd("item", "add", "2030-01-10", sub_title, "--under", top, *(["--exempt", "1"] if sub_exempt else []),
                   today="2030-01-01")
                added.append((sub_title, exempt, has_action, escalate, declare))
        # numbers move while items are added (Part 2 stays last): look them up once the agenda is complete
        from govdocs.store.workspace import Workspace

        number_of = {it.title: it.number for it in Workspace(root).meeting("send-pb", "2030-01-10").all_items()}
        for title, exempt, has_action, escalate, declare in added:
            number = number_of[title]
            if has_action:
                aid = gd("action", "add", "2030-01-10", number, f"Do {word(exempt)}", "--owner", "AB").stdout.strip()
                if exempt:
                    exempt_ids.append(aid)
                if escalate:
                    to_escalate.append(aid)
            if declare:
                declarations += ["--declare", f"CD:{number}:Interest {word(exempt)}"]
        gd("attendance", "2030-01-10", "--present", ",".join(PEOPLE), *declarations)
        for aid in to_escalate:
            gd("action", "escalate", aid, "--to", "hwb", today="2030-01-15")
        out = root / "build" / "public"
        for kind in ("agenda", "minutes", "actions", "forward-plan"):
            gd("render", kind, "2030-01-10", "--format", "html,docx", "-o", out, today="2030-01-20")
        for kind in ("agenda", "actions"):
            gd("render", kind, "2030-02-20", "--board", "hwb", "--format", "html,docx,pdf", "-o", out,
               today="2030-02-19")
        gd("render", "agenda", "2030-01-10", "--format", "pdf", "-o", out, today="2030-01-20")
        (out / "decisions.json").write_text(gd("decisions", "--format", "json").stdout)
        outputs = _everything(out)
        history = git(root, "log", "--format=%B")  # an exempt action's id may be named there, never its words
        leaked = [w for w in secrets if w in outputs or w in history] + [a for a in exempt_ids if a in outputs]
        assert not leaked, leaked
        shown = [w for w in publics if w in outputs]
        assert shown or not publics  # the public business is there: the filter is not simply "show nothing"
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                                      exclude_characters="\u2028\u2029\x85"),
               min_size=1, max_size=40).map(str.strip).filter(bool)
TEMPLATE_SYNTAX = st.sampled_from(["{{ 7*7 }}", "{% if x %}", "<b>bold</b>", "& £", "{#", "]]>", "\\n", "*star*"])


@SETTINGS
@given(title=st.tuples(TEXT, TEMPLATE_SYNTAX, TEXT).map(" ".join), name=TEXT)
def test_text_comes_out_exactly_as_typed(title, name):
    root, gd = _workspace()
    try:
        gd("person", "add", "ZZ", "--name", name)
        gd("meeting", "new", "send-pb", "2030-01-10", today="2030-01-01")
        # "--" as a shell user would type it: a title may itself begin with "-"
        gd("item", "add", "--presenter", "ZZ", "--", "2030-01-10", title, today="2030-01-01")
        out = root / "build"
        gd("render", "agenda", "2030-01-10", "--format", "html,docx", "-o", out)
        page = html.unescape((out / "send-pb-2030-01-10-agenda.html").read_text())
        words = _docx_text(out / "send-pb-2030-01-10-agenda.docx")
        squash = lambda s: " ".join(s.split())  # noqa: E731 - layout may wrap; characters may not change
        for shown in (page, words):
            assert squash(title) in squash(shown)
            assert squash(name) in squash(shown)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


MARKDOWN_PIECES = st.sampled_from(["- ", "  - ", "1. ", "* * *", "**", "*", "_", "\n", "\n\n", "# ", "> ",
                                   "`", "[a](b)", "<i>", "    "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_PIECES, st.text(alphabet="abcdefghij0123456789 ", min_size=1, max_size=8)),
                max_size=25).map("".join))
def test_minutes_never_drop_a_word(text):
    import re
    from collections import Counter

    from govdocs.render.markup import _MARKER, parse, to_html

    rich = parse(text)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", to_html(rich)))
    typed = Counter(re.findall(r"\w+", _MARKER.sub("", text)))
    assert not typed - Counter(re.findall(r"\w+", shown)), (text, shown)
    assert all(item for b in rich.blocks for item in b.items)  # no empty bullets


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=False), TEXT,
              st.sampled_from(["2030-01-10", "9999-12-31", "13-45", "yes", "3a", "../x", "/etc/passwd"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["items", "number", "title", "papers", "exempt", "members",
                                                             "present", "resolved", "updates", "due", "id", "board",
                                                             "meeting", "item", "text", "owners", "status", "rag",
                                                             "publication", "clear_days", "file", "declarations"]),
                                            inner, max_size=6)),
    max_leaves=20)

RECORD_FILES = ["people.yaml", "boards/send-pb/board.yaml", "boards/send-pb/forward-plan.yaml",
                "meetings/send-pb/2019-11-14/meeting.yaml", "meetings/send-pb/2019-11-14/attendance.yaml",
                "meetings/send-pb/2019-11-14/minutes.yaml", "actions/send-pb/SEND-PB-2019-11-14-5a.yaml",
                "programmes/send-transformation/programme.yaml", "govdocs.yaml"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(file=st.sampled_from(RECORD_FILES), value=YAML_VALUES, cut=st.floats(0, 1), truncate=st.booleans())
def test_check_never_crashes_on_arbitrary_or_truncated_yaml(own_example, file, value, cut, truncate):
    from govdocs.store.workspace import Workspace
    from govdocs.validate import check

    path = own_example / file
    original = path.read_bytes()
    try:
        if truncate:
            path.write_bytes(original[: int(len(original) * cut)])
        else:
            path.write_text(yaml.safe_dump(value, allow_unicode=True))
        problems = check(Workspace(own_example))  # must return, never raise
        assert all(p.line >= 1 for p in problems)
        r = Gd(own_example)("check", ok=False)  # an exception here fails the test (the runner re-raises it)
        assert r.exit_code in (0, 1), r.output
    finally:
        path.write_bytes(original)


FUZZ_VALUES = st.sampled_from([None, 5, "x", [1, 2], {"a": 1}, True, "2030-13-45", "9999-12-31", -1, 1e9,
                               [{"x": None}], "yes", {"items": 5}, "", [{"date": 5}]])


def _mutate(data, path: list[int], value):
    """Replace the value found by following `path` (indexes into keys or list positions) with `value`."""
    node = data
    for step in path:
        if isinstance(node, dict) and node:
            key = list(node)[step % len(node)]
            if not isinstance(node[key], (dict, list)) or not node[key]:
                node[key] = value
                return data
            parent, node = (node, key), node[key]
        elif isinstance(node, list) and node:
            i = step % len(node)
            if not isinstance(node[i], (dict, list)) or not node[i]:
                node[i] = value
                return data
            parent, node = (node, i), node[i]
    if "parent" in locals():
        parent[0][parent[1]] = value
    return data


CONTRACT_FILES = RECORD_FILES[:-1] + ["meetings/send-pb/2020-01-23/meeting.yaml", "boards/hwb/board.yaml"]
READING_COMMANDS = (("cycles",), ("actions", "--status", "all"), ("decisions",), ("meeting", "show", "2019-11-14"),
                    ("meeting", "show", "2020-01-23"), ("deadlines", "2020-01-23"))
DOCUMENTS = ("agenda", "minutes", "actions", "forward-plan", "highlight")


def _every_document(root: Path, html: bool, dates=("2019-11-14", "2020-01-23"), sides=(False, True)) -> list[str]:
    """Build every document of both meetings, public and private, and render it as HTML where `html`
    (the templates only ever see what a valid record gives them); the refusals."""
    from govdocs.errors import GovdocsError
    from govdocs.render.context import build
    from govdocs.render.documents import render_html
    from govdocs.store.workspace import Workspace

    refused = []
    ws = Workspace(root)
    for date in dates:
        for kind in DOCUMENTS:
            for private in sides:
                try:
                    meeting = ws.find_meeting(date)
                    ctx = build(ws, kind, meeting, private)
                    if html:
                        render_html(ws, kind, ctx)
                except GovdocsError as exc:
                    refused.append(f"{kind} {date}{' private' if private else ''}: {exc.format_message()}")
    return refused


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(file=st.sampled_from(CONTRACT_FILES),
       edits=st.lists(st.tuples(st.lists(st.integers(0, 30), min_size=1, max_size=4), FUZZ_VALUES),
                      min_size=1, max_size=3))
def test_the_contract_of_check(own_example, file, edits):
    """Whatever a hand edit leaves: when `check` finds no error, every reading command and every public and
    private document succeeds; and nothing ever fails other than with one clear line."""
    from govdocs.store.workspace import Workspace
    from govdocs.validate import check

    target = own_example / file
    original = target.read_bytes()
    gd = Gd(own_example)
    try:
        data = yaml.safe_load(original)
        for path, value in edits:
            data = _mutate(data, path, value)
        target.write_text(yaml.safe_dump(data, sort_keys=False))
        errors = [str(p) for p in check(Workspace(own_example)) if p.level == "error"]
        assert all(":" in e for e in errors)
        refused = _every_document(own_example, html=not errors)
        failed = []
        for cmd in READING_COMMANDS:
            r = gd(*cmd, ok=False, today="2020-01-20")
            assert r.exit_code in (0, 1, 2) and "Traceback" not in r.output, (cmd, r.output)
            if r.exit_code:
                failed.append(f"{' '.join(cmd)}: {r.output.strip()}")
        if not errors:
            assert refused == [] and failed == [], (data, refused + failed)
    finally:
        target.write_bytes(original)


def _run_reading_commands(gd, root: Path) -> None:
    for cmd in (("check",), ("cycles",), ("actions", "--status", "all"), ("decisions",)):
        r = gd(*cmd, ok=False, today="2020-01-20")
        assert r.exit_code in (0, 1, 2), (cmd, r.output)
    _every_document(root, html=True, dates=("2020-01-23",), sides=(False,))


@pytest.mark.slow
def test_every_field_of_every_record_file_set_to_a_wrong_shape_crashes_nothing(own_example):
    """The systematic half of the fuzz above: each top-level field, in turn, as a number, a flag and text."""
    gd = Gd(own_example)
    for file in RECORD_FILES[:-1] + ["meetings/send-pb/2020-01-23/meeting.yaml"]:
        target = own_example / file
        original = target.read_bytes()
        data = yaml.safe_load(original)
        keys = list(data) if isinstance(data, dict) else []
        try:
            for key in keys[:12]:
                for value in (5, True, "x", [{"x": None}]):
                    target.write_text(yaml.safe_dump({**data, key: value}, sort_keys=False))
                    try:
                        _run_reading_commands(gd, own_example)
                    except AssertionError as exc:
                        raise AssertionError(f"{file}: {key}={value!r}: {exc}") from None
        finally:
            target.write_bytes(original)
