"""The web service and the mail against a hostile record and a hostile client, on the real server
(`govdocs serve`, waitress on 127.0.0.1) and the real commands. Each test names the flaw it guards
(issue 19); docs/security.md says how each protection works."""
from __future__ import annotations

import os
import re
import subprocess
import threading
from pathlib import Path

import yaml
from conftest import commits, git
from local_smtp import Catcher
from web_server import GOVDOCS, Client, Server, link_for, outbox_links, signed_in, wait_for

# --- 1. a symlinked papers/ folder -------------------------------------------------------------------

def test_a_linked_papers_folder_or_meeting_folder_serves_nothing(record):
    root, gd, item, mine = record
    (root / ".govdocs").mkdir(exist_ok=True)
    folder = root / "meetings/send-pb/2030-01-10"
    raw = yaml.safe_load((folder / "meeting.yaml").read_text())
    raw["items"][-1]["papers"] = [{"file": "papers/secret", "title": "Secret"}, {"file": "papers/config"}]
    (folder / "meeting.yaml").write_text(yaml.safe_dump(raw))
    (folder / "papers").mkdir(exist_ok=True)
    os.rmdir(folder / "papers")
    os.symlink(root / ".govdocs", folder / "papers")  # arrives with a pull
    with Server(root) as server:
        member = signed_in(server, root, "olu@example.org")
        secret = (root / ".govdocs" / "secret").read_text().strip()
        assert member.get("/boards/send-pb/2030-01-10")[0] == 200
        for name in ("secret", "config", "used-links.json"):
            status, body, _ = member.get(f"/boards/send-pb/2030-01-10/papers/{name}")
            assert status == 404 and secret not in body, name
        # a link higher up (the meeting's own folder) is refused the same way
        os.remove(folder / "papers")
        real = root.parent / "elsewhere"
        real.mkdir()
        (real / "papers").mkdir()
        (real / "papers" / "config").write_text("[core]\n")
        (real / "meeting.yaml").write_text((folder / "meeting.yaml").read_text())
        os.rename(folder, root.parent / "moved")
        os.symlink(real, folder)
        status, body, _ = member.get("/boards/send-pb/2030-01-10/papers/config")
        assert status == 404 and "[core]" not in body


# --- 2. host-header injection -----------------------------------------------------------------------

def test_links_are_built_from_the_base_url_and_other_hosts_are_refused(record):
    root, gd, item, mine = record
    with Server(root, args=("--base-url", "https://govdocs.example.gov.uk")) as server:
        evil = Client(server, host="evil.example")
        status, _, _ = evil.post("/sign-in", {"email": "jo@example.org"})
        assert status == 400
        assert Client(server, host="evil.example").get("/sign-in")[0] == 400
        good = Client(server, host="govdocs.example.gov.uk")
        assert good.post("/sign-in", {"email": "jo@example.org"})[0] == 200
        assert wait_for(lambda: outbox_links(root, ""))
        links = outbox_links(root, "")
        assert len(links) == 1 and links[0].startswith("https://govdocs.example.gov.uk/sign-in/")
        assert "evil" not in " ".join(links)


# --- 4 and 12. membership on the day; signing out revokes ------------------------------------------

def test_a_former_member_loses_the_board_and_a_copied_cookie_dies_at_sign_out(record):
    root, gd, item, mine = record
    gd("item", "add", "2030-01-10", "Placement contract", "--exempt", "3", today="2030-01-02")
    with Server(root) as server:
        member = signed_in(server, root, "olu@example.org")
        assert member.get("/boards/send-pb")[0] == 200
        copied = Client(server)
        copied.cookies = dict(member.cookies)
        assert copied.get("/")[0] == 200
        status, _, _ = member.post("/sign-out", {"csrf": member.csrf("/")})
        assert status == 303
        status, _, headers = copied.get("/")
        assert status == 303 and "/sign-in" in headers["Location"]  # the copy stopped working too
        again = signed_in(server, root, "olu@example.org")
        gd("member", "remove", "send-pb", "OW", "--from", "2030-01-12", today="2030-01-12")
        assert again.get("/")[0] == 303  # leaving the board signs them out everywhere
        fresh = signed_in(server, root, "olu@example.org")
        for path in ("/boards/send-pb", "/boards/send-pb/2030-01-10"):
            status, body, _ = fresh.get(path)
            assert status == 403 and "Placement contract" not in body, path
        assert fresh.get(f"/actions/{mine}")[0] == 200  # still the owner of their action


# --- 5 and 6. the record chooses no mail server and no way of signing in ----------------------------

def test_smtp_and_proxy_settings_in_the_record_are_ignored_and_logged(record):
    root, gd, item, mine = record
    theirs = gd("action", "add", "2030-01-10", item, "Commission the review", "--owner", "PQ",
                today="2030-01-10").stdout.split()[-1]
    with Catcher() as attacker:
        cfg = yaml.safe_load((root / "govdocs.yaml").read_text())
        cfg["smtp"] = {"host": "127.0.0.1", "port": attacker.port, "starttls": False}
        cfg["web"] = {"trusted_proxy": "127.0.0.1", "proxy_header": "X-Forwarded-Email"}
        cfg["clerks"] = ["OW"]
        (root / "govdocs.yaml").write_text(yaml.safe_dump(cfg))
        git(root, "commit", "-qam", "a hostile pull")
        with Server(root, env={"GOVDOCS_SMTP_PASSWORD": "council-password"}) as server:
            c = Client(server, headers={"X-Forwarded-Email": "jo@example.org"})
            status, _, headers = c.get("/")
            assert status == 303 and "/sign-in" in headers["Location"]  # the header signs nobody in
            assert c.post("/sign-in", {"email": "jo@example.org"})[0] == 200
            assert wait_for(lambda: outbox_links(root, server.base))  # into the outbox: no SMTP is configured
            owner = signed_in(server, root, "olu@example.org")  # named a clerk by the record: no clerk
            assert owner.get(f"/actions/{theirs}")[0] == 403
            log = server.stop()
        assert attacker.got == []
        for key in ("smtp", "web", "clerks"):
            assert f"govdocs.yaml sets {key}:, which is ignored" in log
        assert "clerks: JK" in log and "no proxy sign-in" in log
        r = subprocess.run([*GOVDOCS, "remind", "--send", "--days", "30", "--base-url", "https://g.example"],
                           cwd=root, capture_output=True, text=True)
        assert r.returncode != 0 and "no SMTP server" in r.stderr and attacker.got == []


def test_mail_is_never_sent_in_plain_text_beyond_this_machine_nor_credentials_without_tls(record):
    root, gd, item, mine = record
    remind = [*GOVDOCS, "remind", "--send", "--days", "30", "--base-url", "https://g.example"]
    r = subprocess.run(remind, cwd=root, capture_output=True, text=True,
                       env=dict(os.environ, GOVDOCS_SMTP_HOST="mail.example.gov.uk", GOVDOCS_SMTP_TLS="none"))
    assert r.returncode == 2 and "plain text" in r.stderr and "Traceback" not in r.stderr
    with Catcher() as relay:  # a relay that offers no STARTTLS: nothing is sent, no password given
        env = dict(os.environ, GOVDOCS_SMTP_HOST="127.0.0.1", GOVDOCS_SMTP_PORT=str(relay.port),
                   GOVDOCS_SMTP_USER="govdocs", GOVDOCS_SMTP_PASSWORD="council-password")
        r = subprocess.run(remind, cwd=root, capture_output=True, text=True, env=env)
        assert r.returncode == 1 and "STARTTLS" in r.stderr and relay.got == []
        r = subprocess.run(remind, cwd=root, capture_output=True, text=True, env=dict(env, GOVDOCS_SMTP_TLS="none"))
        assert r.returncode == 2 and "never sent without TLS" in r.stderr and relay.got == []


def test_a_proxy_named_by_the_service_signs_in_and_names_the_real_client_for_the_rate_limit(record):
    root, gd, item, mine = record
    env = {"GOVDOCS_TRUSTED_PROXY": "127.0.0.1", "GOVDOCS_PROXY_HEADER": "X-Forwarded-Email",
           "GOVDOCS_CLIENT_HEADER": "X-Real-IP"}
    with Server(root, env=env) as server:
        status, body, _ = Client(server, headers={"X-Forwarded-Email": "olu@example.org"}).get("/")
        assert status == 200 and mine in body
        junk = Client(server, headers={"X-Real-IP": "203.0.113.9"})
        codes = [junk.post("/sign-in", {"email": f"junk{n}@example.org"})[0] for n in range(6)]
        assert codes[:5] == [200] * 5 and codes[5] == 429
        clerk = Client(server, headers={"X-Real-IP": "198.51.100.7"})
        assert clerk.post("/sign-in", {"email": "jo@example.org"})[0] == 200  # not locked out by the junk


def test_the_rate_limit_forgets_old_keys_and_has_a_ceiling():
    from govdocs.web.auth import RateLimit

    limits = RateLimit(limit=2, window=900, overall=5)
    assert all(limits.allow(f"client:{n}") for n in range(5))
    assert not limits.allow("client:new")  # everyone together: no more than the ceiling
    limits.window = 0  # the window has passed for every key
    limits._sweep(limits._swept + 61)
    assert limits.seen == {}
    assert limits.allow("client:new")


# --- 9. the same answer, at once, for any address ---------------------------------------------------

def test_the_sign_in_page_answers_before_the_mail_is_sent(record):
    root, gd, item, mine = record
    hold = threading.Event()
    with Catcher(hold) as relay:
        env = {"GOVDOCS_SMTP_HOST": "127.0.0.1", "GOVDOCS_SMTP_PORT": str(relay.port), "GOVDOCS_SMTP_TLS": "none"}
        with Server(root, env=env) as server:
            known = Client(server).post("/sign-in", {"email": "olu@example.org"})
            unknown = Client(server).post("/sign-in", {"email": "nobody@example.org"})
            assert known[0] == unknown[0] == 200 and known[1] == unknown[1]
            assert relay.got == []  # answered while the mail server still holds the message
            hold.set()
            assert wait_for(lambda: len(relay.got) == 1)
            assert relay.got[0][0] == ["olu@example.org"] and b"/sign-in/" in relay.got[0][1]


# --- 10 and 18. a hanging or refusing remote --------------------------------------------------------

def _remote(root: Path, tmp_path: Path) -> Path:
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "-u", "origin", "HEAD")
    return remote


def test_a_hanging_remote_blocks_nobody_and_the_change_shows_as_not_yet_shared(record, tmp_path):
    root, gd, item, mine = record
    _remote(root, tmp_path)
    hang = tmp_path / "hang.sh"
    hang.write_text("#!/bin/sh\nsleep 30\n")
    hang.chmod(0o755)
    git(root, "config", "remote.origin.uploadpack", str(hang))  # every fetch hangs
    with Server(root, env={"GOVDOCS_SYNC_TIMEOUT": "3"}) as server:
        owner = signed_in(server, root, "olu@example.org")
        token = owner.csrf(f"/actions/{mine}")
        status, _, _ = owner.post(f"/actions/{mine}", {"csrf": token, "status": "in-progress", "note": "Drafted"})
        assert status == 303
        assert wait_for(lambda: "fetch" in subprocess.run(["ps", "-eo", "args"], capture_output=True,
                                                          text=True).stdout)
        r = subprocess.run([*GOVDOCS, "person", "add", "ZZ", "--name", "Zed Zee"], cwd=root, capture_output=True,
                           text=True, timeout=60, env=dict(os.environ, GOVDOCS_LOCK_WAIT="1"))
        assert r.returncode == 0, r.stderr  # the clerk's change did not wait for the remote
        page = owner.get(f"/actions/{mine}")[1]
        assert "not yet shared" in page
        assert wait_for(lambda: "push after a web change failed" in server.log, 40)
    assert "longer than 3 s" in server.log


def test_a_push_refused_by_the_remote_says_why_and_a_write_that_fails_keeps_the_note(record, tmp_path):
    root, gd, item, mine = record
    remote = _remote(root, tmp_path)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'Changes to the record need review by the monitoring officer' >&2\nexit 1\n")
    hook.chmod(0o755)
    r = subprocess.run([*GOVDOCS, "sync"], cwd=root, capture_output=True, text=True)
    gd("person", "add", "ZZ", "--name", "Zed Zee")
    r = subprocess.run([*GOVDOCS, "sync"], cwd=root, capture_output=True, text=True)
    assert r.returncode == 1 and "monitoring officer" in r.stderr and "kept changing" not in r.stderr
    # a server that cannot write the action file: the form comes back with what was typed, and no 500
    with Server(root, limit_file_size=4096) as server:
        owner = signed_in(server, root, "olu@example.org")
        note = "A long note. " * 400
        status, body, _ = owner.post(f"/actions/{mine}", {"csrf": owner.csrf(f"/actions/{mine}"), "note": note})
        assert status == 422 and "could not be written" in body and note.strip()[:200] in body
    assert git(root, "status", "--porcelain", "--untracked-files=no") == ""


# --- 11. a line break in a name ---------------------------------------------------------------------

def test_a_name_with_a_line_break_is_refused_and_stops_no_one_elses_reminders(record, tmp_path):
    root, gd, item, mine = record
    r = gd("person", "edit", "PQ", "--name", "Priya\nBcc: everyone@example.org", ok=False)
    assert r.exit_code == 2 and "one line" in r.output
    gd("action", "add", "2030-01-10", item, "Commission the review", "--owner", "PQ", "--due", "2030-01-20",
       today="2030-01-10")
    people = (root / "people.yaml").read_text().replace("name: Priya Quinn", 'name: "Priya\\nBcc: all@example.org"')
    (root / "people.yaml").write_text(people)  # a hand edit, or a pull
    git(root, "commit", "-qam", "hand edit")
    checked = gd("check", ok=False)
    assert checked.exit_code != 0 and re.search(r"people\.yaml:\d+: .*PQ's name has a line break", checked.output)
    out = tmp_path / "outbox"
    r = subprocess.run([*GOVDOCS, "remind", "--days", "30", "--outbox", str(out), "--base-url", "https://g.example"],
                       cwd=root, capture_output=True, text=True)
    assert r.returncode == 1 and "PQ" in r.stderr and "line break" in r.stderr and "Traceback" not in r.stderr
    sent = [f.name for f in out.glob("*.eml")]
    assert any("-OW" in n for n in sent) and not any("-PQ" in n for n in sent)
    with Server(root) as server:
        assert Client(server).post("/sign-in", {"email": "priya@example.org"})[0] == 200
        assert wait_for(lambda: "line break" in server.log)
    assert "Traceback" not in server.log


# --- 13 and 14. a change cut off part-way; a stale git lock -----------------------------------------

def test_a_change_killed_before_its_commit_is_never_shown_as_saved(record):
    root, gd, item, mine = record
    with Server(root) as server:
        owner = signed_in(server, root, "olu@example.org")
        r = subprocess.run([*GOVDOCS, "action", "update", mine, "--note", "Half-made note"], cwd=root,
                           env=dict(os.environ, GOVDOCS_FAULT="before-commit"), capture_output=True, text=True)
        assert r.returncode == 137 and "Half-made note" in next((root / "actions/send-pb").glob(f"{mine}*")).read_text()
        assert "Half-made note" not in owner.get(f"/actions/{mine}")[1]  # rolled back before the page read it
        status, _, _ = owner.post(f"/actions/{mine}", {"csrf": owner.csrf(f"/actions/{mine}"), "note": "Real note"})
        assert status == 303
    data = yaml.safe_load(next((root / "actions/send-pb").glob(f"{mine}*.yaml")).read_text())
    assert [u["text"] for u in data["updates"]] == ["Real note"]
    assert git(root, "status", "--porcelain", "--untracked-files=no") == ""


def test_a_stale_index_lock_is_cleared_when_no_git_holds_it(record):
    root, gd, item, mine = record
    lock = root / ".git" / "index.lock"
    lock.write_text("")
    os.utime(lock, (1_000_000_000, 1_000_000_000))  # left by a git killed long ago
    holder = subprocess.Popen(["git", "hash-object", "--stdin"], cwd=root, stdin=subprocess.PIPE)
    try:  # a git still running here: the lock is left alone and the change refused
        r = subprocess.run([*GOVDOCS, "person", "add", "QQ", "--name", "Quinn Q"], cwd=root, capture_output=True,
                           text=True)
        assert r.returncode == 1 and "delete that file" in r.stderr and lock.exists()
    finally:
        holder.communicate(b"x")
    before = commits(root)
    r = subprocess.run([*GOVDOCS, "person", "add", "QQ", "--name", "Quinn Q"], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0 and "removed" in r.stderr and "index.lock" in r.stderr
    assert commits(root) == before + 1 and not lock.exists()


# --- 16. an action file that is a link ---------------------------------------------------------------

def test_an_action_file_that_is_a_link_is_read_nowhere(record, tmp_path):
    root, gd, item, mine = record
    outside = tmp_path / "outside.yaml"
    src = next((root / "actions/send-pb").glob(f"{mine}*.yaml"))
    outside.write_text(src.read_text().replace("Publish the inclusion charter", "Text from outside the workspace")
                       .replace(mine, "SEND-PB-2030-01-10-9z"))
    os.symlink(outside, root / "actions/send-pb/SEND-PB-2030-01-10-9z.yaml")
    listed = gd("actions", "--status", "all", "--format", "json").stdout
    assert "outside the workspace" not in listed and mine in listed
    checked = gd("check", ok=False)
    assert checked.exit_code == 1 and "actions/send-pb/SEND-PB-2030-01-10-9z.yaml:1: is a symbolic link" in checked.output
    with Server(root) as server:
        owner = signed_in(server, root, "olu@example.org")
        assert "outside the workspace" not in owner.get("/")[1]
        assert owner.get("/actions/SEND-PB-2030-01-10-9z")[0] == 404


# --- 17. login CSRF ---------------------------------------------------------------------------------

def test_a_sign_in_link_cannot_be_pressed_from_another_site(record):
    root, gd, item, mine = record
    with Server(root) as server:
        link = link_for(server, root, "jo@example.org")  # the attacker's own link
        victim = Client(server)
        assert victim.post(link)[0] == 400  # a cross-site form: no token of the victim's session
        token = victim.csrf(link)
        assert victim.post(link, {"csrf": token}, headers={"Origin": "https://evil.example"})[0] == 400
        assert Client(server).sign_in(link) == 303  # the link was not used up by the refused posts


# --- also found: reminders mark Part 2; the actions list is public by default -----------------------

def test_part_2_actions_are_marked_in_reminders_and_left_out_of_the_public_list(record, tmp_path):
    root, gd, item, mine = record
    secret = gd("item", "add", "2030-01-10", "Placement contract", "--exempt", "3", today="2030-01-02").stdout.strip()
    aid = gd("action", "add", "2030-01-10", secret, "Renegotiate the placement fee", "--owner", "OW",
             "--due", "2030-01-18", today="2030-01-10").stdout.split()[-1]
    import json

    public = json.loads(gd("actions", "--status", "all", "--format", "json").stdout)
    assert mine in [r["id"] for r in public] and aid not in [r["id"] for r in public]
    assert "Renegotiate" not in gd("actions", "--format", "csv").stdout
    private = {r["id"]: r for r in json.loads(gd("actions", "--private", "--format", "json").stdout)}
    assert private[aid]["exempt"] is True and private[mine]["exempt"] is False
    assert "NOT FOR PUBLICATION" in gd("actions", "--private").stdout
    out = tmp_path / "outbox"
    gd("remind", "--days", "30", "--outbox", out, "--base-url", "https://g.example")
    import email
    from email import policy

    msg = email.message_from_bytes(next(out.glob("*-OW.eml")).read_bytes(), policy=policy.default)
    assert msg["Subject"].startswith("NOT FOR PUBLICATION")
    text = msg.get_body(("plain",)).get_content()
    assert re.search(r"NOT FOR PUBLICATION \(Part 2\): " + aid, text)
    assert not re.search(r"NOT FOR PUBLICATION \(Part 2\): " + mine, text)
    assert "Not for publication (Part 2)" in msg.get_body(("html",)).get_content()


# --- the service refuses to start on state a pull could have brought ---------------------------------

def test_a_committed_secret_or_a_linked_state_folder_stops_the_service(record, tmp_path):
    root, gd, item, mine = record
    (root / ".govdocs").mkdir(exist_ok=True)
    (root / ".govdocs" / "secret").write_text("known-to-the-attacker")
    git(root, "add", "-f", ".govdocs/secret")
    git(root, "commit", "-qm", "plant a secret")
    server = Server(root)
    log = server.stop()
    assert not server.running and "committed to the record" in log and "Traceback" not in log
    git(root, "rm", "-q", "--cached", ".govdocs/secret")
    git(root, "commit", "-qm", "unplant")
    settings = root / "service.toml"
    settings.write_text('[web]\nclerks = ["OW"]\n')
    server = Server(root, args=("--config", str(settings)))
    log = server.stop()
    assert "inside the workspace" in log and "Traceback" not in log
