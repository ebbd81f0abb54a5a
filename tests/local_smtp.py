"""A local SMTP server (aiosmtpd on 127.0.0.1) for the tests of reminders, and a free port for servers."""
from __future__ import annotations

import socket
import threading


def free_port() -> int:
    with socket.socket() as s:  # a free port on this machine only
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def remind_by_smtp(gd, base_url: str, today: str) -> list[tuple[list[str], bytes]]:
    """Run `govdocs remind --send` against a local SMTP server; the (recipients, message) it received."""
    from aiosmtpd.controller import Controller

    got = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            got.append((envelope.rcpt_tos, envelope.content))
            return "250 OK"

    port = free_port()
    ctl = Controller(Handler(), hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        gd("remind", "--days", "30", "--send", "--base-url", base_url, today=today,
           env={"GOVDOCS_SMTP_HOST": "127.0.0.1", "GOVDOCS_SMTP_PORT": str(port), "GOVDOCS_SMTP_STARTTLS": "0"})
    finally:
        ctl.stop()
    return got


class Catcher:
    """An SMTP server on 127.0.0.1 (aiosmtpd) that records what reaches it."""

    def __init__(self, hold: threading.Event | None = None):
        from aiosmtpd.controller import Controller

        self.got, self.hold = [], hold
        catcher = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if catcher.hold is not None:
                    import asyncio

                    while not catcher.hold.is_set():
                        await asyncio.sleep(0.02)
                catcher.got.append((envelope.rcpt_tos, envelope.content))
                return "250 OK"

        self.port = free_port()
        self.ctl = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.ctl.start()
        return self

    def __exit__(self, *exc):
        self.ctl.stop()
