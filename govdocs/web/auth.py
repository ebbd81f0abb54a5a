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
import time
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

LINK_MINUTES = 30  # a link asked for on the sign-in page
REMINDER_DAYS = 7  # a link in a reminder e-mail


def secret_for(root: Path) -> str:
    """GOVDOCS_SECRET, else `.govdocs/secret` (made once, mode 0600, git-ignored); never from the record."""
    env = os.environ.get("GOVDOCS_SECRET", "").strip()
    if env:
        return env
    path = root / ".govdocs" / "secret"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()


def lifetimes(config: dict) -> dict[str, int]:
    """Seconds each kind of link lives: `web: {link_minutes: 30, reminder_days: 7}` in govdocs.yaml."""
    web = config.get("web") if isinstance(config.get("web"), dict) else {}

    def number(key: str, default: int) -> int:
        v = web.get(key, default)
        return v if isinstance(v, int) and not isinstance(v, bool) and 0 < v < 10_000 else default

    return {"link": number("link_minutes", LINK_MINUTES) * 60, "reminder": number("reminder_days", REMINDER_DAYS) * 86400}


class Links:
    """Sign-in links for one workspace."""

    def __init__(self, root: Path, secret: str, config: dict):
        self.serializer = URLSafeTimedSerializer(secret, salt="govdocs-sign-in")
        self.used_path = root / ".govdocs" / "web" / "used-links.json"
        self.lifetimes = lifetimes(config)

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
    """At most `limit` sign-in requests per key (an address, an e-mail) in `window` seconds."""

    def __init__(self, limit: int = 5, window: int = 900):
        self.limit, self.window, self.seen = limit, window, {}

    def allow(self, *keys: str) -> bool:
        now = time.time()
        ok = True
        for k in keys:
            recent = [t for t in self.seen.get(k, []) if now - t < self.window]
            ok = ok and len(recent) < self.limit
            self.seen[k] = recent
        if ok:
            for k in keys:
                self.seen[k].append(now)
        return ok


def proxy_person(config: dict, remote_addr: str | None, headers) -> str:
    """The e-mail a trusted proxy vouches for, when govdocs.yaml names the proxy and its header
    (`web: {trusted_proxy: 127.0.0.1, proxy_header: X-Forwarded-Email}`); off by default."""
    web = config.get("web") if isinstance(config.get("web"), dict) else {}
    proxy, header = str(web.get("trusted_proxy") or ""), str(web.get("proxy_header") or "")
    if not proxy or not header or remote_addr != proxy:
        return ""
    return (headers.get(header) or "").strip().lower()
