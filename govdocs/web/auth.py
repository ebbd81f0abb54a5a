"""Signing in without passwords: e-mailed links that are signed, expire and work once; a trusted proxy's
header; the secret that signs links and session cookies.

A link is opened with GET (mail scanners open every link) and used only by the POST of its confirm page.
Used links are remembered in `.govdocs/web/used-links.json` until they would have expired anyway.
"""
from __future__ import annotations

import fcntl
import json
import os
import secrets
import subprocess
import threading
import time
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from govdocs.errors import WorkspaceError


def secret_for(root: Path) -> str:
    """GOVDOCS_SECRET, else `.govdocs/secret` (made once, mode 0600, git-ignored); never from the record."""
    env = os.environ.get("GOVDOCS_SECRET", "").strip()
    if env:
        return env
    refuse_shared_state(root)
    path = root / ".govdocs" / "secret"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        if path.is_symlink():
            raise WorkspaceError(f"{path} is a symbolic link; the service's secret must be a file of its own")
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()


def refuse_shared_state(root: Path) -> None:
    """`.govdocs/` holds the service's secret and its used links: it must be this machine's own. A commit that
    adds files there (git add -f) or makes it a link would hand an attacker the key to every session."""
    folder = Path(root) / ".govdocs"
    if folder.is_symlink():
        raise WorkspaceError(f"{folder} is a symbolic link; govdocs keeps its secret and state only in a real folder")
    p = subprocess.run(["git", "ls-files", "--", ".govdocs"], cwd=root, capture_output=True, text=True)
    if p.returncode == 0 and p.stdout.strip():
        raise WorkspaceError(f".govdocs/{p.stdout.split()[0].split('/', 1)[-1]} is committed to the record; "
                             "the service's secret and state must never be (git rm --cached -r .govdocs)")


class Sessions:
    """A generation number per person, kept outside the record: a session cookie names the generation it
    was made in, and signing out (or leaving a board) moves it on, so a copied cookie stops working."""

    def __init__(self, root: Path):
        self.path = Path(root) / ".govdocs" / "web" / "sessions.json"

    def current(self, initials: str) -> int:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        n = data.get(initials, 0) if isinstance(data, dict) else 0
        return n if isinstance(n, int) else 0

    def bump(self, initials: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            data = data if isinstance(data, dict) else {}
            data[initials] = (data.get(initials, 0) if isinstance(data.get(initials), int) else 0) + 1
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.path)


class Links:
    """Sign-in links for one workspace."""

    def __init__(self, root: Path, secret: str, lifetimes: dict[str, int]):
        self.serializer = URLSafeTimedSerializer(secret, salt="govdocs-sign-in")
        self.used_path = root / ".govdocs" / "web" / "used-links.json"
        self.lifetimes = lifetimes

    def make(self, email: str, kind: str = "link") -> str:
        return self.serializer.dumps({"e": email.lower(), "n": secrets.token_urlsafe(12), "k": kind})

    def read(self, token: str) -> dict | None:
        """The link's content while it is valid and unused; None for a forged, expired or used link."""
        try:
            data, signed_at = self.serializer.loads(token, max_age=max(self.lifetimes.values()),
                                                    return_timestamp=True)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict) or data.get("k") not in self.lifetimes:
            return None
        if time.time() - signed_at.timestamp() > self.lifetimes[data["k"]]:
            return None
        return None if self._is_used(data["n"]) else data

    def use(self, token: str) -> dict | None:
        """Read the link and mark it used, in one step no second request can slip between."""
        data = self.read(token)
        if data is None:
            return None
        with self._locked() as used:
            if data["n"] in used:
                return None
            used[data["n"]] = time.time() + self.lifetimes[data["k"]]
        return data

    def _is_used(self, nonce: str) -> bool:
        try:
            return nonce in json.loads(self.used_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False

    def _locked(self):
        links = self

        class Store:
            def __enter__(self):
                links.used_path.parent.mkdir(parents=True, exist_ok=True)
                self.fh = open(links.used_path.with_suffix(".lock"), "a")
                fcntl.flock(self.fh, fcntl.LOCK_EX)
                try:
                    data = json.loads(links.used_path.read_text(encoding="utf-8"))
                    self.used = data if isinstance(data, dict) else {}
                except (OSError, ValueError):
                    self.used = {}
                now = time.time()
                self.used = {k: v for k, v in self.used.items() if isinstance(v, (int, float)) and v > now}
                return self.used

            def __exit__(self, *exc):
                tmp = links.used_path.with_suffix(".tmp")
                tmp.write_text(json.dumps(self.used), encoding="utf-8")
                os.replace(tmp, links.used_path)
                fcntl.flock(self.fh, fcntl.LOCK_UN)
                self.fh.close()

        return Store()


class RateLimit:
    """At most `limit` sign-in requests per key (a client, an e-mail) in `window` seconds, and at most
    `overall` from everyone together, so that no address can be flooded with mail.

    Keys are forgotten once their window has passed, so the table stays as small as the recent traffic.
    """

    def __init__(self, limit: int = 5, window: int = 900, overall: int = 200):
        self.limit, self.window, self.overall = limit, window, overall
        self.seen: dict[str, list[float]] = {}
        self.all: list[float] = []
        self.lock = threading.Lock()
        self._swept = time.monotonic()

    def allow(self, *keys: str) -> bool:
        now = time.monotonic()
        with self.lock:
            if now - self._swept > 60:
                self._sweep(now)
            self.all = [t for t in self.all if now - t < self.window]
            recent = {k: [t for t in self.seen.get(k, []) if now - t < self.window] for k in keys}
            ok = len(self.all) < self.overall and all(len(v) < self.limit for v in recent.values())
            for k, v in recent.items():
                if ok:
                    v.append(now)
                if v:
                    self.seen[k] = v
                else:
                    self.seen.pop(k, None)
            if ok:
                self.all.append(now)
            return ok

    def _sweep(self, now: float) -> None:
        self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] < self.window}
        self._swept = now


def from_trusted_proxy(service, remote_addr: str | None) -> bool:
    return bool(service.trusted_proxy) and remote_addr == service.trusted_proxy


def proxy_person(service, remote_addr: str | None, headers) -> str:
    """The e-mail a trusted proxy vouches for, when the service's configuration names the proxy and its
    header; off by default, and never read from the record."""
    if not service.proxy_header or not from_trusted_proxy(service, remote_addr):
        return ""
    return (headers.get(service.proxy_header) or "").strip().lower()


def client_address(service, remote_addr: str | None, headers) -> str:
    """The real client: the address the trusted proxy names (its header, last hop), else the peer's."""
    if service.client_header and from_trusted_proxy(service, remote_addr):
        named = (headers.get(service.client_header) or "").split(",")[-1].strip()
        if named:
            return named[:64]
    return remote_addr or ""
