"""The README's examples, run as written, in order, in a fresh clone of the example workspace."""
from __future__ import annotations

import os
import re
import shlex
import subprocess

from conftest import ROOT, Gd

SECTIONS = ("## A clerk's week", "## A parish clerk's month", "## An action owner's week", "## An auditor's questions")


def readme_commands(readme: str) -> list[tuple[str, str]]:
    """(section, command) for each command of the README's ```sh blocks in the sections above, in order."""
    out = []
    for part in re.split(r"(?m)^(?=## )", readme):
        title = part.splitlines()[0] if part else ""
        if not title.startswith(SECTIONS):
            continue
        for block in re.findall(r"```sh\n(.*?)```", part, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    out.append((title, line.strip()))
    return out


def test_the_readme_runs_as_written(tmp_path):
    clone = tmp_path / "clone"
    env = dict(os.environ, GIT_AUTHOR_NAME="Test Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
               GIT_COMMITTER_NAME="Test Clerk", GIT_COMMITTER_EMAIL="clerk@example.org")
    # a fresh clone of what is committed, as a clerk would get it
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, env=env)
    commands = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) > 30 and {s for s, _ in commands} == set(SECTIONS)
    folder = clone
    gd = Gd(folder)
    for section, line in commands:
        words = shlex.split(line, comments=True)
        if words[0] == "cd":
            folder = (folder / words[1]).resolve()
            assert folder.is_relative_to(clone)
            gd = Gd(folder)
            continue
        if words[0] == "govdocs":
            r = gd(*words[1:], ok=False)
            assert r.exit_code == 0, f"{section}: {line}\n{r.output}"
        else:
            p = subprocess.run(line, shell=True, cwd=folder, env=env, capture_output=True, text=True)
            assert p.returncode == 0, f"{section}: {line}\n{p.stdout}{p.stderr}"
