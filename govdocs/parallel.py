"""Using the machine's other core: a forked helper that gets ready at once and works as the parent hands it jobs.

The helper is forked before the parent has anything for it, so its slow start (importing WeasyPrint) overlaps
the parent's own work; the parent then sends it small JSON messages down a pipe, and the helper writes files.
It never returns into the parent's code. If forking is not possible, or the helper fails, the caller does
the work itself (and so reports any error as usual): the helper only ever saves time.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from typing import Callable

Receive = Callable[[], "dict | None"]


class Job:
    def __init__(self, pid: int | None, pipe: int | None = None):
        self.pid = pid
        self._pipe = pipe
        self._sent = 0

    @property
    def running(self) -> bool:
        return self.pid is not None

    def send(self, message: dict) -> None:
        """Hand the helper its next job; a helper that has died is simply not there to do it."""
        if self._pipe is None:
            return
        try:
            os.write(self._pipe, json.dumps(message).encode("utf-8") + b"\n")
            self._sent += 1
        except OSError:
            self._close()

    def wait(self) -> bool:
        """True when the helper finished every job it was sent (False when it was sent none: it is stopped
        rather than waited for)."""
        if not self._sent:
            self.cancel()
            return False
        self._close()  # no more jobs: the helper sees the end of its messages and stops
        if self.pid is None:
            return False
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return False
        finally:
            self.pid = None
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    def cancel(self) -> None:
        """Stop the helper without waiting for it to finish getting ready (nothing was left for it to do)."""
        self._close()
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = None

    def _close(self) -> None:
        if self._pipe is not None:
            try:
                os.close(self._pipe)
            except OSError:
                pass
            self._pipe = None


def start(work: Callable[[Receive], object]) -> Job:
    """Run `work(receive)` in a helper process; `receive()` gives each message the parent sends, and None
    once the parent has no more. `Job.wait()` says whether the helper succeeded."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or os.environ.get("GOVDOCS_SERIAL"):
        return Job(None)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return Job(None)
    if pid == 0:  # the helper: do the work, then leave without running the parent's clean-up
        code = 1
        try:
            os.close(write_end)
            messages = os.fdopen(read_end, "rb")

            def receive() -> dict | None:
                line = messages.readline()
                return json.loads(line) if line else None

            work(receive)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent repeats the work and reports the error itself
            pass
        finally:
            os._exit(code)
    os.close(read_end)
    return Job(pid, write_end)
