"""YAML in and out: fast safe reads with the C loader, round-trip writes that keep a person's edits."""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any, Iterable

import yaml

from govdocs.errors import RecordError

try:  # the C loader is ten times faster; fall back only where libyaml is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class RecordLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader with YAML 1.2-style scalars.

    YAML 1.1 reads `19:00` as 1140, `0123` as 83, `yes` as true and dates as date objects;
    the record wants them as the text a person typed, so only true/false, plain decimal
    numbers and null are resolved. Tags that would build Python objects are refused by
    the safe constructor.
    """


RecordLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    RecordLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _problem_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def describe_yaml_error(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}: {problem}" if context else str(problem)
    if "could not determine a constructor" in text:
        text = "YAML tags that build objects are not allowed in the record"
    return text


MAX_ALIASES = 100  # far beyond any hand-written record; an "alias bomb" needs thousands


def _refuse_alias_bombs(data: bytes, path: Path, root: Path | None) -> None:
    """A few lines of anchors and aliases can expand to gigabytes, or hold themselves (`&a [*a]`) so that
    whatever walks them never ends: refuse more than a small number, and any that points into itself."""
    if b"&" not in data or b"*" not in data:
        return
    count = 0
    open_anchors: list[str | None] = []  # the anchor of each collection being read, innermost last
    for event in yaml.parse(data, Loader=_Base):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            open_anchors.append(event.anchor)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            open_anchors.pop()
        elif isinstance(event, yaml.AliasEvent):
            count += 1
            if count > MAX_ALIASES:
                raise RecordError(f"more than {MAX_ALIASES} YAML aliases (*name); the record does not need them",
                                  display(path, root), line)
            if event.anchor in open_anchors:
                raise RecordError(f"the YAML alias *{event.anchor} is inside what it names, so it never ends; "
                                  "write the value out", display(path, root), line)


def read(path: Path, root: Path | None = None) -> Any:
    """Load one YAML file safely; a broken file raises RecordError naming file and line."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        _refuse_alias_bombs(data, path, root)
        return yaml.load(data, Loader=RecordLoader)
    except yaml.YAMLError as exc:
        line = _problem_line(exc)
        raise RecordError(describe_yaml_error(exc), display(path, root), line or 1) from exc
    except UnicodeDecodeError as exc:
        raise RecordError(f"not UTF-8 text ({exc.reason})", display(path, root), 1) from exc
    except RecursionError:
        raise RecordError("nested too deeply to read", display(path, root), 1) from None
    except OSError as exc:
        raise RecordError(f"cannot read ({exc.strerror})", display(path, root)) from exc


def display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(Path(path).relative_to(root))
        except ValueError:
            pass
    return str(path)


def compose(path: Path) -> Any:
    """The file's YAML node tree, which knows the line of every key and entry (None if unreadable)."""
    try:
        return yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=RecordLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError, RecursionError):
        return None


def line_in(node: Any, keys: Iterable[Any]) -> int:
    """The 1-based line of the node at `keys` (mapping keys or list indexes) below `node`: the deepest one
    that exists, so a missing field is reported on the line of what should hold it."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) == str(key):
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def line_of(path: Path, keys: Iterable[Any]) -> int:
    """The line of `keys` in a file; only used when a problem is reported, so reads build no positions."""
    return line_in(compose(path), keys)


def line_of_entry(path: Path, keys: tuple, who: str) -> int:
    """The line of the list entry naming `who`, where `keys` holds a list of initials; else of `keys`."""
    root = compose(path)
    node = root
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if str(k.value) == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
    if isinstance(node, yaml.SequenceNode):
        for i, entry in enumerate(node.value):
            if isinstance(entry, yaml.ScalarNode) and who in str(entry.value).replace("/", ",").replace(" ", "").split(","):
                return line_in(root, keys + (i,))
    return line_in(root, keys)


# --- round-trip writing ---------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    return y


def load_for_edit(path: Path, root: Path | None = None) -> Any:
    """Load a file as a ruamel round-trip document: comments and key order survive a change."""
    from ruamel.yaml.error import YAMLError

    read(path, root)  # the same safety checks as every read (aliases, tags, encoding)
    try:
        return _yaml().load(Path(path).read_text(encoding="utf-8"))
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RecordError(str(getattr(exc, "problem", exc)), display(path, root), mark.line + 1 if mark else 1) \
            from exc


def dump(data: Any) -> str:
    out = StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _misread_by_yaml11(text: str) -> bool:
    """True when PyYAML's default loader, or ours, would not read `text` back as a string."""
    node_tag_11 = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    node_tag_12 = RecordLoader.resolve(RecordLoader.__new__(RecordLoader), yaml.ScalarNode, text, (True, False))
    dangerous = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                 "tag:yaml.org,2002:null"}
    # YAML 1.1 also reads y/Y/n/N as booleans (PyYAML does not, other readers do)
    return node_tag_11 in dangerous or node_tag_12 in dangerous or text in ("y", "Y", "n", "N")


def to_yaml(value: Any) -> Any:
    """Plain Python data -> ruamel nodes that read back exactly as given, by us and by YAML 1.1."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            if v is None or v == [] or v == {}:
                continue  # absent keys keep files short; readers treat them as empty
            m[k] = to_yaml(v)
        return m
    if isinstance(value, (list, tuple)):
        return CommentedSeq([to_yaml(v) for v in value])
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value if value.endswith("\n") else value + "\n")
        if _ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)  # written plain, read back as text by our loader
            except ValueError:
                pass
        if _misread_by_yaml11(value) or value != value.strip() or value[:1] in "!&*%@`'\"{[|>#":
            return SingleQuotedScalarString(value)
        return value
    return value


def list_in(doc: Any, key: Any) -> Any:
    """The round-trip list at `doc[key]`, made empty where the file has none yet."""
    if doc.get(key) is None:
        doc[key] = to_yaml([])
    return doc[key]


def map_in(doc: Any, key: Any) -> Any:
    """The round-trip mapping at `doc[key]`, made empty where the file has none (or something else) there."""
    if not isinstance(doc.get(key), dict):
        doc[key] = to_yaml({})
    return doc[key]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def key(text: str) -> Any:
    """A mapping key that reads back as the same text: `ON`, `No` and `Y` are booleans to YAML 1.1."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    return SingleQuotedScalarString(text) if _misread_by_yaml11(text) else text


def atomic_write(path: Path, text: str | bytes) -> None:
    """Replace a file in one step, so a crash never leaves half a file; the mode follows the umask."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)  # mkstemp makes 0600; the record is shared, as git would write it
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
