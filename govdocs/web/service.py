"""The service's own configuration: who may sign in and how, where links point, where mail goes.

None of it comes from the record. The record arrives with every pull and any clerk can change it, so
a setting there could point sign-in e-mails at an attacker's mail server or make a header sign anyone
in. These settings are read once, at start, from the environment (GOVDOCS_*) and from an optional TOML
file outside the workspace (GOVDOCS_SERVICE_CONFIG or `--config`), and the start-up log says what they
are. Settings in govdocs.yaml that once did these jobs are ignored, with a line in the log.
"""
from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from govdocs.errors import UsageProblem

LINK_MINUTES = 30  # a link asked for on the sign-in page
REMINDER_DAYS = 7  # a link in a reminder e-mail
RECORD_SETTINGS_IGNORED = ("web", "smtp", "clerks")  # what govdocs.yaml may not decide for the service
TLS_MODES = ("starttls", "ssl", "none")
CLEARED_BY_WAITRESS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
                       "x-forwarded-by")  # waitress drops these from untrusted peers


@dataclass
class Smtp:
    host: str = ""
    port: int = 0
    tls: str = "starttls"  # starttls, ssl (implicit TLS), or none: only to a relay on this machine
    sender: str = "govdocs@localhost"
    user: str = ""
    password: str = ""
    ca_file: str = ""  # the council's own certificate authority, where its relay uses one
    timeout: float = 20.0

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


@dataclass
class Service:
    base_url: str = ""
    clerks: list[str] = field(default_factory=list)  # clerks of every board
    board_clerks: dict[str, list[str]] = field(default_factory=dict)  # board -> clerks of that board only
    trusted_proxy: str = ""  # the address of the reverse proxy whose headers count
    proxy_header: str = ""  # the header in which that proxy names the signed-in person's e-mail
    client_header: str = ""  # the header in which that proxy names the real client's address
    link_minutes: int = LINK_MINUTES
    reminder_days: int = REMINDER_DAYS
    smtp: Smtp = field(default_factory=Smtp)
    sync_timeout: float = 20.0  # seconds a fetch or push may take before the share is given up for now
    source: str = "the environment"

    @property
    def host(self) -> str:
        """host[:port] of the base URL: the only Host the service answers to."""
        return urlsplit(self.base_url).netloc

    def lifetimes(self) -> dict[str, int]:
        return {"link": self.link_minutes * 60, "reminder": self.reminder_days * 86400}

    def summary(self) -> list[str]:
        """What the log says at start: every setting that decides who signs in and where mail goes."""
        s = self.smtp
        mail = (f"SMTP {s.host}:{s.port} ({s.tls}{', authenticated as ' + s.user if s.user else ''})"
                if s.host else "no SMTP server: sign-in links are written to .govdocs/outbox/")
        proxy = (f"sign-in by the {self.proxy_header} header from {self.trusted_proxy} only"
                 if self.trusted_proxy and self.proxy_header else "no proxy sign-in")
        return [f"settings from {self.source}",
                f"links and the only accepted Host: {self.base_url}",
                f"clerks: {', '.join(self.clerks) or 'none'}"
                + "".join(f"; {', '.join(who)} for {slug}" for slug, who in sorted(self.board_clerks.items())),
                proxy + (f"; client address from {self.client_header}" if self.client_header and self.trusted_proxy
                         else ""),
                f"links live {self.link_minutes} minutes (sign-in page) and {self.reminder_days} days (reminders)",
                mail]


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(url: str, what: str = "--base-url") -> str:
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s@]", parts.netloc) \
            or parts.query or parts.fragment:
        raise UsageProblem(f"{what} should be the address people use to reach govdocs, "
                           "e.g. https://govdocs.example.gov.uk")
    return url


def load(workspace_root: Path, config_file: str | None = None, base_url: str | None = None) -> Service:
    """The service's settings: a TOML file outside the workspace, then GOVDOCS_* variables over it."""
    data: dict = {}
    path = config_file or os.environ.get("GOVDOCS_SERVICE_CONFIG", "")
    svc = Service()
    if path:
        data = _read_file(Path(path), workspace_root)
        svc.source = f"{path} and the environment"
    env = os.environ
    web = data.get("web") if isinstance(data.get("web"), dict) else {}
    mail = data.get("smtp") if isinstance(data.get("smtp"), dict) else {}

    svc.base_url = str(base_url or pick(env, "GOVDOCS_BASE_URL", web, "base_url", ""))
    clerks = pick(env, "GOVDOCS_CLERKS", web, "clerks", [])
    svc.clerks = [c.strip() for c in (clerks.split(",") if isinstance(clerks, str) else clerks) if str(c).strip()]
    svc.board_clerks = _board_clerks(pick(env, "GOVDOCS_BOARD_CLERKS", web, "board_clerks", {}))
    svc.trusted_proxy = str(pick(env, "GOVDOCS_TRUSTED_PROXY", web, "trusted_proxy", ""))
    svc.proxy_header = str(pick(env, "GOVDOCS_PROXY_HEADER", web, "proxy_header", ""))
    svc.client_header = str(pick(env, "GOVDOCS_CLIENT_HEADER", web, "client_header", ""))
    svc.link_minutes = _number(pick(env, "GOVDOCS_LINK_MINUTES", web, "link_minutes", LINK_MINUTES), "link_minutes")
    svc.reminder_days = _number(pick(env, "GOVDOCS_REMINDER_DAYS", web, "reminder_days", REMINDER_DAYS),
                                "reminder_days")
    if svc.trusted_proxy:
        try:
            ipaddress.ip_address(svc.trusted_proxy)
        except ValueError:
            raise UsageProblem(f"trusted_proxy {svc.trusted_proxy!r} should be the proxy's IP address") from None
    if svc.client_header.lower() in CLEARED_BY_WAITRESS:
        raise UsageProblem(f"client_header {svc.client_header} is removed by the server before govdocs sees it; "
                           "have the proxy name the client in X-Real-IP (nginx: proxy_set_header X-Real-IP "
                           "$remote_addr) and set client_header to that")
    svc.sync_timeout = _number(pick(env, "GOVDOCS_SYNC_TIMEOUT", web, "sync_timeout", 20), "sync_timeout")
    svc.smtp = _smtp(env, mail)
    return svc


def _board_clerks(value) -> dict[str, list[str]]:
    """[web.board_clerks] send-pb = ["LM"], or GOVDOCS_BOARD_CLERKS="send-pb=LM+NP;hwb=QR"."""
    if isinstance(value, str):
        pairs = [part.partition("=") for part in value.split(";") if part.strip()]
        if any(not sep or not slug.strip() for slug, sep, _ in pairs):
            raise UsageProblem("GOVDOCS_BOARD_CLERKS should be BOARD=INITIALS+INITIALS;BOARD=INITIALS")
        value = {slug.strip(): who.split("+") for slug, _, who in pairs}
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise UsageProblem("board_clerks should map each board to a list of initials: send-pb = [\"LM\"]")
    return {str(k): [str(i).strip() for i in v if str(i).strip()] for k, v in value.items()}


def pick(env, env_name: str, table: dict, key: str, default=""):
    """A setting: the environment variable when it is set, else the file's key, else the default."""
    return env[env_name] if env.get(env_name, "") != "" else table.get(key, default)


def _read_file(path: Path, workspace_root: Path) -> dict:
    try:
        full = path.resolve()
    except OSError:
        full = path.absolute()
    if full.is_relative_to(Path(workspace_root).resolve()):
        raise UsageProblem(f"{path} is inside the workspace; the service's settings must live outside the record "
                           "(anything in it can arrive with a pull), e.g. /etc/govdocs/service.toml")
    try:
        with open(full, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageProblem(f"{path}: {exc}") from None
    return data


def _number(value, name: str, top: int = 9999) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise UsageProblem(f"{name} should be a whole number, not {value!r}") from None
    if not 0 < n <= top:
        raise UsageProblem(f"{name} should be between 1 and {top}, not {n}")
    return n


def _smtp(env, mail: dict) -> Smtp:
    tls = str(pick(env, "GOVDOCS_SMTP_TLS", mail, "tls", "")).lower()
    if not tls and env.get("GOVDOCS_SMTP_STARTTLS", "") != "":  # the older variable: 0 meant no TLS
        tls = "none" if env["GOVDOCS_SMTP_STARTTLS"].lower() in ("0", "false", "no") else "starttls"
    tls = tls or "starttls"
    if tls not in TLS_MODES:
        raise UsageProblem(f"GOVDOCS_SMTP_TLS should be one of {', '.join(TLS_MODES)}, not {tls!r}")
    s = Smtp(host=str(pick(env, "GOVDOCS_SMTP_HOST", mail, "host", "")), tls=tls,
             sender=str(pick(env, "GOVDOCS_SMTP_FROM", mail, "from", "govdocs@localhost")),
             user=str(pick(env, "GOVDOCS_SMTP_USER", mail, "user", "")),
             password=env.get("GOVDOCS_SMTP_PASSWORD", ""),
             ca_file=str(pick(env, "GOVDOCS_SMTP_CA_FILE", mail, "ca_file", "")))
    s.port = _number(pick(env, "GOVDOCS_SMTP_PORT", mail, "port", 465 if tls == "ssl" else 25), "SMTP port", 65535)
    if not s.password and mail.get("password_file"):
        try:
            s.password = Path(str(mail["password_file"])).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UsageProblem(f"smtp password_file: cannot be read ({exc.strerror})") from None
    if s.host and tls == "none" and not s.loopback:
        raise UsageProblem(f"SMTP to {s.host} without TLS would send sign-in links in plain text across the network; "
                           "use tls = starttls or ssl (plain SMTP only to a relay on this machine)")
    if s.host and tls == "none" and s.user:
        raise UsageProblem("SMTP credentials are never sent without TLS; use tls = starttls or ssl")
    if re.search(r"[\r\n]", s.sender):
        raise UsageProblem("GOVDOCS_SMTP_FROM should be one address on one line")
    return s


def ignored_record_settings(config: dict) -> list[str]:
    """The lines the log prints for govdocs.yaml settings the service does not take from the record."""
    return [f"govdocs.yaml sets {k}:, which is ignored: the service's settings come from its own configuration "
            "(docs/security.md)" for k in RECORD_SETTINGS_IGNORED if k in config]
