"""`govdocs sync`: bring in the other clerks' commits (pull with rebase), then share ours (push).

Never forces anything: a conflict is undone and described, a rejected push is retried after
pulling again, and every failure is one clear line naming what to do.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from govdocs import history
from govdocs.change import recover
from govdocs.errors import WorkspaceError
from govdocs.lock import workspace_lock
from govdocs.merge import install as install_merge_driver
from govdocs.workspace import Workspace

TRIES = 3


def _git(root: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=timeout,
                              env=_no_prompt())
    except subprocess.TimeoutExpired:
        raise WorkspaceError(f"git {args[0]} took longer than {timeout} s; is the remote reachable?") from None


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


def sync(ws: Workspace, say=lambda s: None) -> str:
    root = ws.root
    with workspace_lock(root):
        recover(ws)
        history.refuse_mid_merge(root)
        dirty = _git(root, "status", "--porcelain", "--untracked-files=no").stdout.splitlines()
        if dirty:
            raise WorkspaceError(f"{dirty[0][3:]} has changes that are not committed; commit or discard them "
                                 "before sync")
        remote, branch = upstream(root)
        install_merge_driver(root)
        for attempt in range(1, TRIES + 1):
            _pull(root, remote, branch, say)
            say(f"pushing to {remote}/{branch}")
            p = _git(root, "push", remote, f"HEAD:refs/heads/{branch}")
            if p.returncode == 0:
                return f"in step with {remote}/{branch}"
            rejected = "rejected" in p.stderr or "fetch first" in p.stderr or "non-fast-forward" in p.stderr
            if not rejected:
                raise WorkspaceError(f"push to {remote} failed: {_last_line(p)}")
            say(f"{remote} moved on while we synced; trying again ({attempt}/{TRIES})")
        raise WorkspaceError(f"{remote} kept changing; nothing was forced: run 'govdocs sync' again")


def _pull(root: Path, remote: str, branch: str, say) -> None:
    say(f"fetching from {remote}")
    f = _git(root, "fetch", remote)
    if f.returncode != 0:
        raise WorkspaceError(f"cannot fetch from {remote}: {_last_line(f)}")
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
