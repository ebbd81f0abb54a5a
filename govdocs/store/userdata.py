"""The user's cache folder, where the caches that skip work live (never the workspace: a clone cannot bring
one), and reading and writing their JSON so that a damaged or foreign file is only a cache miss."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def cache_file(kind: str, key: str) -> Path:
    """Where the cache of `kind` for `key` (a workspace or a site folder) lives: the user's cache folder."""
    base = os.environ.get("GOVDOCS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govdocs")
    return Path(base) / kind / (hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json")


def read_json(path: Path, version: int) -> dict:
    """The cache's data, or {} for anything that is not a mapping of this version."""
    from govdocs.store.bulk import without_collection

    try:
        with without_collection():
            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == version else {}


def write_json(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # no cache folder to write: the next run is as slow as this one, and as right
