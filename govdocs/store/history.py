"""Git: one commit per change, in the name of the person who made it; the log as audit trail."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.errors import WorkspaceError

if TYPE_CHECKING:
    pass

TRAILER = "Govdocs-Change"
NO_IDENTITY = ("git does not know who you are: run git config --global user.name 'Your Name' and "
               "git config --global user.email you@example.org")


def repo(root: Path):
    import git  # GitPython: imported only by commands that touch history

    try:
        # a workspace may sit in a folder of a larger repository (examples/east-farleigh in this one)
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise WorkspaceError(f"{root} is not a git repository; govdocs keeps the record's history in git "
                             "(run 'git init' there, or make the workspace with 'govdocs init')") from None


def _git_dir(root: Path) -> Path | None:
    d = root / ".git"
    if d.is_dir():
        return d
    if d.is_file():  # a worktree or submodule: "gitdir: PATH"
        text = d.read_text().strip()
        if text.startswith("gitdir:"):
            p = Path(text.split(":", 1)[1].strip())
            return p if p.is_absolute() else (root / p).resolve()
    return None


def _git_dir_above(root: Path) -> Path | None:
    """The git directory of the repository holding the workspace, which may sit below its top level."""
    for folder in (Path(root), *Path(root).parents):
        gd = _git_dir(folder)
        if gd:
            return gd
    return None


def refuse_mid_merge(root: Path) -> None:
    """A commit in the middle of a merge or rebase would bury the conflict; say so instead."""
    gd = _git_dir_above(root)
    if gd is None:
        return
    for marker, what in [("MERGE_HEAD", "a merge"), ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase"),
                         ("CHERRY_PICK_HEAD", "a cherry-pick"), ("REVERT_HEAD", "a revert")]:
        if (gd / marker).exists():
            raise WorkspaceError(f"the workspace is in the middle of {what}; finish or abort it in git before "
                                 "changing the record")


def identity(root: Path) -> tuple[str, str]:
    """(name, email) of the person committing, as git will record them."""
    import git

    try:
        ident = repo(root).git.var("GIT_AUTHOR_IDENT")
    except git.GitCommandError:
        raise WorkspaceError(NO_IDENTITY) from None
    return _name_and_email(ident)


def _name_and_email(ident: str) -> tuple[str, str]:
    """'Jo King <jo@example.org> 1700000000 +0000' (git var's form) -> ('Jo King', 'jo@example.org')."""
    m = re.match(r"^(.*?) <(.*?)>", ident.strip())
    return (m.group(1), m.group(2)) if m else (ident.strip(), "")


def dirty(root: Path, paths: list[Path]) -> list[str]:
    """Those of `paths` that differ from the last commit (a person's uncommitted edits)."""
    if not paths:
        return []
    r = repo(root)
    rels = [str(Path(p).resolve().relative_to(Path(r.working_tree_dir).resolve())) for p in paths]
    out = r.git.status("--porcelain", "--untracked-files=no", "--", *rels)
    return [line[3:] for line in out.splitlines() if line.strip()]


def check_identity(where: Path) -> None:
    """Refuse early, before anything is created, when git cannot name the author of a commit."""
    import subprocess

    where = Path(where)
    while not where.exists():
        where = where.parent
    p = subprocess.run(["git", "var", "GIT_AUTHOR_IDENT"], cwd=where, capture_output=True, text=True)
    q = subprocess.run(["git", "var", "GIT_COMMITTER_IDENT"], cwd=where, capture_output=True, text=True)
    if p.returncode != 0 or q.returncode != 0:
        raise WorkspaceError(NO_IDENTITY)


def index_lock(root: Path) -> Path | None:
    gd = _git_dir_above(Path(root))
    return gd / "index.lock" if gd is not None else None


def clear_stale_index_lock(root: Path) -> bool:
    """Remove `.git/index.lock` when a killed git left it: no git process is running in this repository and
    the file is not brand new (a git that has just started). Says so; True when it removed one.

    Called only while govdocs holds the workspace lock, so no govdocs git command is part-way."""
    import sys
    import time

    lock = index_lock(Path(root))
    if lock is None or not lock.exists():
        return False
    try:
        if time.time() - lock.stat().st_mtime < 2:
            return False
    except OSError:
        return False
    if _git_running_in(lock.parent.parent.resolve(), lock):
        return False
    lock.unlink(missing_ok=True)
    print(f"govdocs: removed {lock}, left behind by a git command that was stopped part-way "
          "(no git command is running here)", file=sys.stderr)
    return True


def _git_running_in(top: Path, lock: Path) -> bool:
    """Whether any git process works in this repository or has its index lock open (read from /proc)."""
    import os

    proc = Path("/proc")
    if not proc.is_dir():
        return True  # cannot tell: assume it is held
    for pid in os.listdir(proc):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            comm = (proc / pid / "comm").read_text().strip()
            # GitPython keeps `git cat-file` readers running; they never take the index lock
            if comm.startswith("git") and b"cat-file" not in (proc / pid / "cmdline").read_bytes().split(b"\0")[1:3]:
                cwd = Path(os.readlink(proc / pid / "cwd"))
                if cwd == top or top in cwd.parents:
                    return True
            for fd in os.listdir(proc / pid / "fd"):
                if os.readlink(proc / pid / "fd" / fd) == str(lock):
                    return True
        except OSError:
            continue
    return False


def commit(root: Path, paths: list[Path], message: str, author: tuple[str, str] | None = None) -> str:
    """Commit exactly `paths`, whatever else is staged or changed; returns the new commit's hash.

    On failure the paths are taken out of git's index again, so that a later plain `git commit`
    cannot commit what govdocs said it did not.
    """
    import git

    r = repo(root)
    top = Path(r.working_tree_dir).resolve()
    rels = [str(Path(p).resolve().relative_to(top)) for p in paths]
    lock = index_lock(top)
    clear_stale_index_lock(top)
    if lock is not None and lock.exists():
        raise WorkspaceError(f"git's lock file {lock} exists: another git command is running, or one was "
                             "stopped part-way; if no git command is running, delete that file and try again")
    try:
        present = [p for p in rels if (top / p).exists()]
        if present:
            r.git.add("--", *present)
        if author:  # the person in whose name the change is made; the service's own identity commits it
            env = {"GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1]}
            committer = _committer(top)
            env.update({"GIT_COMMITTER_NAME": committer[0] or author[0],
                        "GIT_COMMITTER_EMAIL": committer[1] or author[1]})
            r.git.commit("-q", "--no-verify", "-m", message, "--only", "--", *rels, env=env)
        else:
            r.git.commit("-q", "--no-verify", "-m", message, "--only", "--", *rels)
    except git.GitCommandError as exc:
        unstage(top, rels)
        detail = (exc.stderr or str(exc)).strip().splitlines()
        why = next((ln for ln in detail if "tell me who you are" in ln.lower() or "identity" in ln.lower()), None)
        if why or "user.email" in (exc.stderr or ""):
            raise WorkspaceError(NO_IDENTITY) from None
        if any("index.lock" in ln for ln in detail) and lock is not None:
            raise WorkspaceError(f"git's lock file {lock} exists: another git command is running, or one was "
                                 "stopped part-way; if none is running, delete that file and try again") from None
        last = detail[-1] if detail else "unknown error"
        raise WorkspaceError(f"git commit failed: {last.strip().removeprefix('stderr:').strip()}") from None
    return r.head.commit.hexsha


def _committer(root: Path) -> tuple[str, str]:
    """The identity git would commit as here, or empty strings when it has none."""
    import subprocess

    p = subprocess.run(["git", "var", "GIT_COMMITTER_IDENT"], cwd=root, capture_output=True, text=True)
    return _name_and_email(p.stdout) if p.returncode == 0 and "<" in p.stdout else ("", "")


def unstage(root: Path, rels: list[str]) -> None:
    """Put git's index back to the last commit for these paths (best effort: the index may be locked)."""
    import subprocess

    if rels:
        subprocess.run(["git", "reset", "-q", "--", *rels], cwd=root, capture_output=True)


def head(root: Path) -> str:
    import subprocess

    p = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=root, capture_output=True, text=True)
    return p.stdout.strip()


@dataclass
class Entry:
    sha: str
    date: str
    author: str
    email: str
    subject: str
    body: str
    files: list[str] = field(default_factory=list)

    @property
    def trailers(self) -> list[str]:
        return [ln.split(":", 1)[1].strip() for ln in self.body.splitlines() if ln.startswith(TRAILER + ":")]


_SEP = "\x1e"


def log(root: Path, paths: list[str], follow: bool = False, limit: int | None = None) -> list[Entry]:
    """Commits touching `paths` (relative to the workspace), newest first, with their files."""
    import git

    r = repo(root)
    args = [f"--format={_SEP}%H%x1f%aI%x1f%an%x1f%ae%x1f%s%x1f%b%x1f", "--name-only"]
    if follow and len(paths) == 1:
        args.append("--follow")
    if limit:
        args.append(f"-n{limit}")
    try:
        out = r.git.log(*args, "--", *paths) if paths else r.git.log(*args)
    except git.GitCommandError:
        return []  # no commits yet
    entries = []
    for chunk in out.split(_SEP)[1:]:
        parts = chunk.split("\x1f")
        sha, date, author, email, subject, body = parts[:6]
        files = [f for f in parts[6].split("\n") if f.strip()] if len(parts) > 6 else []
        entries.append(Entry(sha, date, author, email, subject, body.strip(), files))
    return entries


def show_file(root: Path, sha: str, path: str) -> str | None:
    import git

    try:
        return repo(root).git.show(f"{sha}:{path}")
    except git.GitCommandError:
        return None


def trailer(kind: str, ident: str, **fields: str) -> str:
    """A machine-readable line naming what changed: 'Govdocs-Change: action SEND-PB-... status=done'."""
    extra = " ".join(f"{k}={v}" for k, v in fields.items() if v not in (None, ""))
    return f"{TRAILER}: {kind} {ident}" + (f" {extra}" if extra else "")


def head_commit(root: Path) -> str:
    """The commit the record is at ('' outside git)."""
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        return head.stdout.strip() if head.returncode == 0 else ""
    except (OSError, subprocess.TimeoutExpired):
        return ""


def publication_commit(root: Path, board: str, date: str) -> str:
    """The commit that published a meeting's agenda ('' if it has not been published through govdocs)."""
    return change_commit(root, trailer("meeting", f"{board}/{date}", action="publish"))


def change_commit(root: Path, marker: str) -> str:
    """The latest commit with a line that is `marker` (a Govdocs-Change trailer) and nothing more, or ''."""
    import re
    import subprocess

    line = "^" + re.sub(r"([.\[\]()*+?{}|^$\\])", r"\\\1", marker) + "$"  # number=1 is not number=10
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%H", "-E", f"--grep={line}"], cwd=root,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def archive_at(root: Path, commit: str, into: Path) -> Path:
    """The record as it was at `commit`, written from git into the folder `into`; where the workspace is
    in it (the workspace may be a folder of a larger repository)."""
    import io
    import subprocess
    import tarfile

    found = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True)
    top = Path(found.stdout.strip()).resolve() if found.returncode == 0 else Path(root)
    rel = Path(root).resolve().relative_to(top)
    # paths given to git archive are taken from the folder it runs in: run it at the top
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "--", str(rel) if str(rel) != "." else "."],
                             cwd=top, capture_output=True, timeout=120)
    if archive.returncode != 0:
        raise WorkspaceError(f"cannot read the record as published (commit {commit[:8]}) from git")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")  # the data filter refuses links and paths outside `into`
    return into / rel
