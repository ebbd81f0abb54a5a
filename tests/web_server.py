"""The real service for the trust tests: `govdocs serve` (waitress) as its own process on 127.0.0.1, and a
browser-like client that keeps cookies, sends any Host or header it is told to, and never follows redirects."""
from __future__ import annotations

import http.client
import http.cookies
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from local_smtp import free_port

GOVDOCS = [sys.executable, "-c", "from govdocs.cli import main; main()"]


class Server:
    def __init__(self, root: Path, env: dict | None = None, args: tuple = (), limit_file_size: int | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.root = root
        full_env = dict(os.environ, **(env or {}))
        self.log_path = root.parent / f"serve-{self.port}.log"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([*GOVDOCS, "serve", "--host", "127.0.0.1", "--port", str(self.port), *args],
                                         cwd=root, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                                         preexec_fn=_file_size_limit(limit_file_size) if limit_file_size else None)
        for _ in range(200):
            if self.proc.poll() is not None:
                return  # refused to start: the test reads why from the log
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("govdocs serve did not start")

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.log

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _file_size_limit(n: int):
    def limit():
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with an error instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
    return limit


class Client:
    """Keeps the session cookie; `host` overrides the Host header (an attacker's request)."""

    def __init__(self, server: Server, host: str | None = None, headers: dict | None = None):
        self.server, self.host, self.headers = server, host, dict(headers or {})
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        h = {"Host": self.host or f"127.0.0.1:{self.server.port}", **self.headers, **(headers or {})}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        text = r.read().decode("utf-8", "replace")
        for value in r.headers.get_all("Set-Cookie") or []:
            c = http.cookies.SimpleCookie(value)
            for k, morsel in c.items():
                if morsel.value and morsel["max-age"] != "0" and "1970" not in morsel["expires"]:
                    self.cookies[k] = morsel.value
                else:
                    self.cookies.pop(k, None)
        conn.close()
        return r.status, text, r.headers

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, data: dict | None = None, **kw):
        return self.request("POST", path, data or {}, **kw)

    def csrf(self, path: str) -> str:
        status, body, _ = self.get(path)
        m = re.search(r'name="csrf" value="([^"]+)"', body)
        assert m, f"no form on {path} ({status})"
        return m.group(1)

    def sign_in(self, link_path: str) -> int:
        """Open the link and press its button, as a person does; the status of the press."""
        status, _, _ = self.post(link_path, {"csrf": self.csrf(link_path)})
        return status


def outbox_links(root: Path, base: str) -> list[str]:
    """The sign-in links written to the workspace's outbox (no SMTP server set), oldest first."""
    import email
    from email import policy

    out = []
    for f in sorted((root / ".govdocs" / "outbox").glob("*.eml")):
        text = email.message_from_bytes(f.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
        out += re.findall(r"https?://\S+/sign-in/\S+", text)
    return out


def wait_for(predicate, seconds: float = 20.0) -> bool:
    """Poll until `predicate()` holds; a bound, not a timing assertion."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


WEB_TODAY = "2030-01-15"  # the day the web tests run on: the record fixture's action is due on the 20th


def link_for(server: Server, root: Path, email: str) -> str:
    """Ask for a sign-in link on the sign-in page, as a person does; the path of the link mailed."""
    before = len(outbox_links(root, server.base))
    status, _, _ = Client(server).post("/sign-in", {"email": email})
    assert status == 200
    assert wait_for(lambda: len(outbox_links(root, server.base)) > before), server.stop()
    link = outbox_links(root, server.base)[-1]
    assert link.startswith(server.base + "/sign-in/")
    return link.removeprefix(server.base)


def signed_in(server: Server, root: Path, email: str) -> Client:
    c = Client(server)
    assert c.sign_in(link_for(server, root, email)) == 303
    return c
