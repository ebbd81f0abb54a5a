"""Work the service does after it has answered: sending mail and sharing commits with the remote.

A request never waits on a mail server or a remote. Waiting would tell an attacker, by the time an
answer takes, which addresses have accounts; and a remote that hangs would hold every other person's
change behind it. One worker thread takes the jobs in turn; a failure is logged and never stops the
next job.
"""
from __future__ import annotations

import logging
import queue
import threading
from typing import Callable

from govdocs.errors import message_of

log = logging.getLogger("govdocs.web")


class Worker:
    def __init__(self):
        self.jobs: queue.Queue = queue.Queue()
        self.share_wanted = threading.Event()
        self.thread = threading.Thread(target=self._run, name="govdocs-background", daemon=True)
        self.thread.start()

    def submit(self, what: str, job: Callable[[], None]) -> None:
        self.jobs.put((what, job))

    def share_soon(self, share: Callable[[], None]) -> None:
        """Ask for the commits to be pushed; many changes in a row make one push, not one each."""
        if not self.share_wanted.is_set():
            self.share_wanted.set()
            self.submit("share", lambda: (self.share_wanted.clear(), share()))

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """For tests and shutdown: True once every job submitted so far has finished."""
        done = threading.Event()
        self.jobs.put(("idle", done.set))
        return done.wait(timeout)

    def _run(self) -> None:
        while True:
            what, job = self.jobs.get()
            try:
                job()
            except Exception as exc:  # one failed job (a mail server down) never stops the others
                log.error("%s failed: %s", what, message_of(exc))
