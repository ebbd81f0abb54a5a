"""`govdocs sync`: bring in the other clerks' commits (pull with rebase), then share ours (push).

Never forces anything: a conflict is undone and described, a rejected push is retried after
pulling again, and every failure is one clear line naming what to do.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from govdocs.errors import WorkspaceError
from govdocs.store import history
from govdocs.store.change import recover
from govdocs.store.lock import workspace_lock
from govdocs.store.merge import install as install_merge_driver
from govdocs.store.workspace import Workspace

TRIES = 3


def _git(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run git; on a time-out its whole process group goes (ssh and remote helpers included)."""
    import os
    import signal

    proc = subprocess.Popen(["git", *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_no_prompt(), start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.communicate()
        raise WorkspaceError(f"git {args[0]} took longer than {timeout:g} s; is the remote reachable?") from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _no_prompt() -> dict:
    import os

    return dict(os.environ, GIT_TERMINAL_PROMPT="0")  # a password prompt would hang a scheduled sync


def _last_line(p: subprocess.CompletedProcess) -> str:
    lines = [ln.strip() for ln in (p.stderr or p.stdout).splitlines() if ln.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else f"exit {p.returncode}"


def upstream(root: Path) -> tuple[str, str]:
    """(remote, branch) to sync with: the branch's upstream, else origin and the same branch name."""
    branch = _git(root, "symbolic-ref", "--short", "-q", "HEAD").stdout.strip()
    if not branch:
        raise WorkspaceError("the workspace is not on a branch (detached HEAD); check out a branch before sync")
    remote = _git(root, "config", f"branch.{branch}.remote").stdout.strip()
    merge = _git(root, "config", f"branch.{branch}.merge").stdout.strip().removeprefix("refs/heads/")
    remotes = _git(root, "remote").stdout.split()
    if not remote:
        if not remotes:
            raise WorkspaceError("the workspace has no remote to sync with; add one with "
                                 "'git remote add origin URL'")
        remote = "origin" if "origin" in remotes else remotes[0]
    return remote, merge or branch


def sync(ws: Workspace, say=lambda s: None, timeout: float = 120) -> str:
    """Pull with rebase, then push. Only the rebase holds the workspace lock: a slow or hanging remote
    never keeps another person's change waiting."""
    root = ws.root
    remote, branch = upstream(root)
    install_merge_driver(root)
    for attempt in range(1, TRIES + 1):
        say(f"fetching from {remote}")
        f = _git(root, "fetch", remote, timeout=timeout)
        if f.returncode != 0:
            raise WorkspaceError(f"cannot fetch from {remote}: {_last_line(f)}")
        with workspace_lock(root):
            recover(ws)
            history.refuse_mid_merge(root)
            dirty = _git(root, "status", "--porcelain", "--untracked-files=no").stdout.splitlines()
            if dirty:
                raise WorkspaceError(f"{dirty[0][3:]} has changes that are not committed; commit or discard them "
                                     "before sync")
            _rebase(root, remote, branch)
        say(f"pushing to {remote}/{branch}")
        p = _git(root, "push", "--porcelain", remote, f"HEAD:refs/heads/{branch}", timeout=timeout)
        if p.returncode == 0:
            return f"in step with {remote}/{branch}"
        refused = _refused_by_remote(p)
        if refused:
            raise WorkspaceError(f"{remote} refused the push: {refused}; nothing was forced")
        behind = any(w in p.stdout + p.stderr for w in ("(fetch first)", "(non-fast-forward)"))
        if not behind:
            raise WorkspaceError(f"push to {remote} failed: {_last_line(p)}")
        say(f"{remote} moved on while we synced; trying again ({attempt}/{TRIES})")
    raise WorkspaceError(f"{remote} kept changing; nothing was forced: run 'govdocs sync' again")


def unshared(root: Path) -> int:
    """How many commits the remote does not have yet (0 where there is no remote to share with)."""
    try:
        remote, branch = upstream(root)
    except WorkspaceError:
        return 0
    p = _git(root, "rev-list", "--count", f"refs/remotes/{remote}/{branch}..HEAD")
    if p.returncode != 0:
        p = _git(root, "rev-list", "--count", "HEAD")  # never pushed: everything is unshared
    return int(p.stdout.strip() or 0) if p.returncode == 0 else 0


def _refused_by_remote(p: subprocess.CompletedProcess) -> str:
    """The remote's own reason when its hooks or rules refused the push (not because it moved on)."""
    text = p.stdout + "\n" + p.stderr
    if "[remote rejected]" not in text and "(pre-receive hook declined)" not in text:
        return ""
    said = [ln.split(":", 1)[1].strip() for ln in p.stderr.splitlines() if ln.startswith("remote:")]
    said = [s for s in said if s]
    why = next((ln.split("(", 1)[1].rstrip(")") for ln in text.splitlines() if "[remote rejected]" in ln and "(" in ln),
               "refused")
    return "; ".join(said[-3:] + [why]) if said else why


def _rebase(root: Path, remote: str, branch: str) -> None:
    has_branch = _git(root, "rev-parse", "-q", "--verify", f"refs/remotes/{remote}/{branch}").returncode == 0
    if not has_branch:
        return  # the first push creates it
    r = _git(root, "rebase", f"{remote}/{branch}")
    if r.returncode != 0:
        conflicted = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
        _git(root, "rebase", "--abort")
        where = f" in {', '.join(conflicted)}" if conflicted else ""
        raise WorkspaceError(f"your commits and {remote}'s conflict{where}; nothing was changed. Resolve it with "
                             f"'git pull --rebase {remote} {branch}', then run 'govdocs sync' again")
