"""Using the machine's other core: one job run in a forked child while the parent carries on.

The child only writes a file and exits; it never returns into the parent's code. If forking is not
possible, or the child fails, the caller does the work itself (and so reports any error as usual).
"""
from __future__ import annotations

import os
import sys
from typing import Callable


class Job:
    def __init__(self, pid: int | None):
        self.pid = pid

    def wait(self) -> bool:
        """True when the child finished its work."""
        if self.pid is None:
            return False
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return False
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def start(work: Callable[[], object]) -> Job:
    """Run `work` in a child process; `Job.wait()` says whether it succeeded."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or os.environ.get("GOVDOCS_SERIAL"):
        return Job(None)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        return Job(None)
    if pid == 0:  # the child: do the work, then leave without running the parent's clean-up
        code = 1
        try:
            work()
            code = 0
        except BaseException:  # noqa: BLE001 - the parent repeats the work and reports the error itself
            pass
        finally:
            os._exit(code)
    return Job(pid)
