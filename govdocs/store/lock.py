"""One govdocs change at a time per workspace: commands queue on a lock file instead of failing."""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
import time
from pathlib import Path

from govdocs.errors import WorkspaceError

WAIT_SECONDS = float(os.environ.get("GOVDOCS_LOCK_WAIT", "120"))


@contextlib.contextmanager
def workspace_lock(root: Path, wait: float | None = None):
    """Hold .govdocs/lock exclusively; the kernel releases it if the process dies, so it never goes stale."""
    folder = Path(root) / ".govdocs"
    try:
        folder.mkdir(exist_ok=True)
        fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WorkspaceError(f"cannot take the workspace lock in {folder} ({exc.strerror}); "
                             "is the workspace read-only?") from None
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    told = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise WorkspaceError("another govdocs command has been changing this workspace for too long; "
                                         "nothing was written: try again") from None
                if not told:
                    print("govdocs: waiting for another govdocs command to finish", file=sys.stderr)
                    told = True
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
