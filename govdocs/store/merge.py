"""A git merge driver for the record's YAML: two clerks' changes to different parts of one file merge.

Line-based merging conflicts whenever two clerks add at the same place - two people who both sort
last in people.yaml, two forward-plan entries appended, minutes of two items side by side. This
driver merges by structure instead: keys added or changed on one side only are taken, lists that
both sides only appended to keep both sides' additions, and anything both sides changed
differently is left to git's ordinary line merge, which marks the conflict for a person to settle.
Comments and layout of our side are kept (ruamel.yaml round trip).
"""
from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from govdocs.store import yamlio

DRIVER = "govdocs"


class Conflict(Exception):
    """Raised when both sides changed the same value differently."""


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    return _plain(a) == _plain(b)


def merge_values(base: Any, ours: Any, theirs: Any) -> Any:
    """The merged value, reusing `ours` (with its comments) wherever possible."""
    if _same(ours, theirs) or _same(base, theirs):
        return ours
    if _same(base, ours):
        return theirs
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_maps(base if isinstance(base, dict) else {}, ours, theirs)
    if isinstance(ours, list) and isinstance(theirs, list) and isinstance(base, (list, type(None))):
        base = base or []  # a list both sides started: all of it is additions
        n = len(base)
        if _same(ours[:n], base) and _same(theirs[:n], base):
            added = [v for v in theirs[n:] if not any(_same(v, o) for o in ours[n:])]
            ours.extend(added)  # both sides appended: keep both, ours first
            return ours
    raise Conflict()


def _merge_maps(base: dict, ours: dict, theirs: dict) -> dict:
    for key in list(theirs.keys()):
        if key in ours:
            merged = merge_values(base.get(key), ours[key], theirs[key])
            if merged is not ours[key]:
                ours[key] = merged
        elif key in base:
            if not _same(base[key], theirs[key]):
                raise Conflict()  # we deleted what they changed
        else:
            _insert_like(ours, theirs, key)
    for key in list(ours.keys()):
        if key in base and key not in theirs:
            if not _same(base[key], ours[key]):
                raise Conflict()  # they deleted what we changed
            del ours[key]
    return ours


def _insert_like(ours: dict, theirs: dict, key: Any) -> None:
    """Insert `key` where theirs has it: after the nearest earlier key both sides share."""
    order = list(theirs.keys())
    before = [k for k in order[: order.index(key)] if k in ours]
    pos = list(ours.keys()).index(before[-1]) + 1 if before else 0
    if hasattr(ours, "insert"):
        ours.insert(pos, key, theirs[key])
    else:
        ours[key] = theirs[key]


def merge_files(base: Path, ours: Path, theirs: Path) -> bool:
    """Merge into `ours` as git asks of a driver; False (and a line merge with markers) on a real conflict."""
    try:
        b, o, t = (yamlio.load_for_edit(p) if p.stat().st_size else None for p in (base, ours, theirs))
        merged = merge_values(b, o, t)
        text = yamlio.dump(merged)
        import yaml

        yaml.load(text, Loader=yamlio.RecordLoader)  # what we write must read back
    except Exception:  # anything we cannot merge by structure goes to git's line merge
        p = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base),
                            str(theirs)], capture_output=True)
        return p.returncode == 0
    yamlio.atomic_write(ours, text)
    return True


def install(root: Path) -> None:
    """Register the driver for this clone (git does not copy .git/config or .git/info with a clone)."""
    git_dir = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True, text=True).stdout.strip()
    if not git_dir:
        return
    info = (Path(root) / git_dir / "info")
    info.mkdir(parents=True, exist_ok=True)
    attrs = info / "attributes"
    line = f"*.yaml merge={DRIVER}"
    current = attrs.read_text() if attrs.exists() else ""
    if line not in current.splitlines():
        attrs.write_text(current + ("" if current.endswith("\n") or not current else "\n") + line + "\n")
    command = f"{shlex.quote(sys.executable)} -m govdocs merge-driver %O %A %B"
    subprocess.run(["git", "config", f"merge.{DRIVER}.name", "govdocs YAML merge"], cwd=root, capture_output=True)
    subprocess.run(["git", "config", f"merge.{DRIVER}.driver", command], cwd=root, capture_output=True)
