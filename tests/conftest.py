"""Fixtures: real workspaces in temporary folders, real git, the real command line."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# CI runs the same examples every time (a red run must be reproducible); a developer's run explores anew
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from govdocs.cli import load_commands

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PARTS = ["govdocs.yaml", "people.yaml", "boards", "meetings", "actions", "programmes"]


def pytest_collection_modifyitems(items):
    """The long sweeps first, so that on several cores the short tests fill in around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    """A HOME of its own and a git identity, so no test reads or writes the developer's settings."""
    mp.setenv("HOME", str(home))
    for k, v in {"GIT_AUTHOR_NAME": "Test Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org",
                 "GIT_COMMITTER_NAME": "Test Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.org"}.items():
        mp.setenv(k, v)
    mp.delenv("GOVDOCS_TODAY", raising=False)
    mp.delenv("GOVDOCS_WORKSPACE", raising=False)
    for cache in ("XDG_CACHE_HOME", "GOVDOCS_CACHE_DIR"):  # check's cache: under this HOME, never the user's
        mp.delenv(cache, raising=False)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    isolate(monkeypatch, home)
    yield


class Gd:
    """Runs govdocs as a user would, in a workspace folder."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.runner = CliRunner()
        self.cli = load_commands()

    def __call__(self, *args, ok: bool = True, today: str | None = None, env: dict | None = None):
        e = dict(env or {})
        if today is None and args and args[0] == "minute":
            today = str(args[1])  # minutes are written once the meeting has happened: on its day, unless said
        if today:
            e["GOVDOCS_TODAY"] = today
        old = os.getcwd()
        os.chdir(self.cwd)
        try:
            result = self.runner.invoke(self.cli, [str(a) for a in args], env=e, catch_exceptions=False)
        finally:
            os.chdir(old)
        if ok and result.exit_code != 0:
            raise AssertionError(f"govdocs {' '.join(map(str, args))} failed ({result.exit_code}): {result.output}")
        return result


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def commits(cwd: Path) -> int:
    return int(git(cwd, "rev-list", "--count", "HEAD").strip())


WS_COMMANDS = [
    ("board", "add", "hwb", "--name", "Testshire Health and Wellbeing Board"),
    ("board", "add", "send-pb", "--name", "Testshire SEND Partnership Board", "--reports-to", "hwb"),
    ("person", "add", "AB", "--name", "Alice Brown", "--role", "Chief Executive", "--org", "Testshire CC",
     "--email", "alice@example.org"),
    ("person", "add", "CD", "--name", "Chandra D'Souza", "--role", "Director of Children's Services"),
    ("person", "add", "EF", "--name", "Éamon Fitzgerald", "--role", "Designated Clinical Officer"),
    ("person", "add", "GH", "--name", "Grace Hughes", "--role", "Parent Carer Forum Chair"),
    ("person", "add", "JK", "--name", "Jo King", "--role", "Head of SEND", "--email", "clerk@example.org"),
    ("member", "add", "send-pb", "AB", "--chair"),
    ("member", "add", "send-pb", "CD"),
    ("member", "add", "send-pb", "EF"),
    ("member", "add", "hwb", "AB", "--chair"),
]


@pytest.fixture(scope="session")
def ws_template(tmp_path_factory) -> Path:
    """The fresh workspace, made through the command line once per test process; tests get copies."""
    base = tmp_path_factory.mktemp("template")
    root = base / "ws"
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, base)
        gd = Gd(base)
        gd("init", root, "--council", "Testshire County Council")
        gd.cwd = root
        for args in WS_COMMANDS:
            gd(*args)
    return root


@pytest.fixture
def ws(tmp_path, ws_template) -> tuple[Path, Gd]:
    """A fresh workspace made through the command line: two boards, five people, memberships (a copy of
    the session's, git history and all; `init` writes no path of its own into it)."""
    root = tmp_path / "ws"
    shutil.copytree(ws_template, root, symlinks=True)
    return root, Gd(root)


@pytest.fixture
def meeting(ws):
    """The fresh workspace with a SEND PB meeting on 2030-01-10 and one business item (number returned)."""
    root, gd = ws
    gd("meeting", "new", "send-pb", "2030-01-10", "--time", "10:00-12:00", "--venue", "Room 1", today="2030-01-02")
    item = gd("item", "add", "2030-01-10", "High needs budget", "--presenter", "CD", "--purpose", "To note",
              today="2030-01-02").stdout.strip()
    return root, gd, item


@pytest.fixture
def own_example(example_copy, tmp_path) -> Path:
    """A copy of the example workspace for one test to change as it likes."""
    dest = tmp_path / "kingston"
    shutil.copytree(example_copy, dest, symlinks=True)
    return dest


@pytest.fixture(scope="session")
def example_copy(tmp_path_factory) -> Path:
    """The example Kingston workspace copied into its own git repository (never touch the real one)."""
    dest = tmp_path_factory.mktemp("example") / "kingston"
    dest.mkdir()
    for part in EXAMPLE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copyfile(src, dest / part)
    env = dict(os.environ, GIT_AUTHOR_NAME="Test Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
               GIT_COMMITTER_NAME="Test Clerk", GIT_COMMITTER_EMAIL="clerk@example.org")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "example"]):
        subprocess.run(cmd, cwd=dest, check=True, env=env)
    return dest


@pytest.fixture
def record(meeting, monkeypatch):
    """A workspace with a member who owns an action, another owner, a clerk with e-mail, and a paper."""
    from web_server import WEB_TODAY

    root, gd, item = meeting
    gd("person", "add", "OW", "--name", "Olu Williams", "--email", "olu@example.org")
    gd("person", "add", "PQ", "--name", "Priya Quinn", "--email", "priya@example.org")
    gd("person", "edit", "JK", "--email", "jo@example.org")
    gd("member", "add", "send-pb", "OW")
    mine = gd("action", "add", "2030-01-10", item, "Publish the inclusion charter", "--owner", "OW",
              "--due", "2030-01-20", today="2030-01-10").stdout.split()[-1]
    monkeypatch.setenv("GOVDOCS_TODAY", WEB_TODAY)
    monkeypatch.setenv("GOVDOCS_CLERKS", "JK")
    return root, gd, item, mine
