"""govdocs serve and remind, through Flask's test client over a real workspace and real git commits."""
from __future__ import annotations

import email
import re
import threading
from email import policy

import pytest
import yaml
from conftest import commits, git


@pytest.fixture
def site(meeting, monkeypatch):
    """The workspace with two owners who have e-mail, an action each, a clerk, and the web app over it."""
    root, gd, item = meeting
    gd("person", "add", "OW", "--name", "Olu Williams", "--email", "olu@example.org")
    gd("person", "add", "PQ", "--name", "Priya Quinn", "--email", "priya@example.org")
    gd("person", "add", "NE", "--name", "No Email")
    gd("member", "add", "send-pb", "OW")
    mine = gd("action", "add", "2030-01-10", item, "Publish the inclusion charter", "--owner", "OW",
              "--due", "2030-01-20", today="2030-01-10").stdout.split()[-1]
    theirs = gd("action", "add", "2030-01-10", item, "Commission the review", "--owner", "PQ",
                "--due", "2030-01-25", today="2030-01-10").stdout.split()[-1]
    gd("action", "add", "2030-01-10", item, "Nobody can mail me", "--owner", "NE", "--due", "2030-01-12",
       today="2030-01-10")
    monkeypatch.setenv("GOVDOCS_TODAY", "2030-01-15")
    from govdocs.web import create_app
    from govdocs.web.service import Service

    app = create_app(root, Service(base_url="http://localhost", clerks=["JK"]))
    app.config["TESTING"] = False
    return root, gd, app, mine, theirs


def link_for(app, address: str, kind: str = "link") -> str:
    return "/sign-in/" + app.extensions["govdocs"]["links"].make(address, kind)


def press_sign_in(c, token: str):
    """Open the link and press its button, as a person does."""
    page = c.get(token)
    if page.status_code != 200:
        return page
    assert b"<form method=\"post\"" in page.data
    return c.post(token, data={"csrf": csrf_of(page)})


def signed_in(app, address: str):
    c = app.test_client()
    r = press_sign_in(c, link_for(app, address))
    assert r.status_code == 303
    return c


def csrf_of(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_a_link_signs_in_once_after_a_button_and_lists_only_my_actions(site):
    root, gd, app, mine, theirs = site
    c = app.test_client()
    token = link_for(app, "olu@example.org")
    for _ in range(3):  # a mail scanner opening the link does not use it up
        assert c.get(token).status_code == 200
    r = c.post(token, data={"csrf": csrf_of(c.get(token))}, follow_redirects=True)
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and mine in body and theirs not in body and "Publish the inclusion charter" in body
    other = app.test_client()
    other.get("/sign-in")
    assert press_sign_in(other, token).status_code == 410  # a link works once
    assert app.test_client().get(token).status_code == 410
    assert app.test_client().get("/sign-in/not-a-real-token").status_code == 410


def test_an_expired_or_forged_link_or_cookie_signs_nobody_in(site, monkeypatch):
    root, gd, app, mine, theirs = site
    import itsdangerous.timed

    links = app.extensions["govdocs"]["links"]
    real = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() - 31 * 60)
    old = links.make("olu@example.org", "link")
    old_reminder = links.make("olu@example.org", "reminder")
    monkeypatch.setattr(itsdangerous.timed.time, "time", real)
    assert press_sign_in(app.test_client(), "/sign-in/" + old).status_code == 410  # 30 minutes for a requested link
    assert press_sign_in(app.test_client(), "/sign-in/" + old_reminder).status_code == 303  # 7 days in a reminder
    forged = app.test_client()
    forged.set_cookie("govdocs", "eyJ3aG8iOiJPVyJ9.forged.signature")
    r = forged.get("/")
    assert r.status_code == 303 and "/sign-in" in r.headers["Location"]
    assert forged.get(f"/actions/{mine}").status_code == 303


def test_the_owner_marks_an_action_done_in_one_commit_in_their_name(site):
    root, gd, app, mine, theirs = site
    c = signed_in(app, "olu@example.org")
    page = c.get(f"/actions/{mine}")
    assert page.status_code == 200
    for h in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert h in page.headers
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    before = commits(root)
    r = c.post(f"/actions/{mine}", data={"csrf": csrf_of(page), "status": "done", "note": ""})
    assert r.status_code == 422 and commits(root) == before  # a note is needed to mark it done
    r = c.post(f"/actions/{mine}", data={"csrf": csrf_of(page), "status": "done", "rag": "",
                                         "note": "Charter published on the Local Offer"}, follow_redirects=True)
    assert r.status_code == 200 and "Saved." in r.get_data(as_text=True)
    assert commits(root) == before + 1
    assert git(root, "log", "-1", "--format=%an <%ae>").strip() == "Olu Williams <olu@example.org>"
    body = git(root, "log", "-1", "--format=%B")
    assert "Govdocs-Via: web" in body and f"Action {mine}" in body
    data = yaml.safe_load(next((root / "actions/send-pb").glob(f"{mine}*.yaml")).read_text())
    assert data["status"] == "done" and data["updates"][-1]["by"] == "OW"
    assert data["updates"][-1]["text"] == "Charter published on the Local Offer"
    assert git(root, "status", "--porcelain").strip() == ""


def test_refusals_change_nothing(site):
    root, gd, app, mine, theirs = site
    c = signed_in(app, "olu@example.org")
    token = csrf_of(c.get(f"/actions/{mine}"))
    before = commits(root)
    assert c.post(f"/actions/{mine}", data={"status": "done", "note": "no token"}).status_code == 400
    assert c.post(f"/actions/{mine}", data={"csrf": "wrong", "status": "done", "note": "x"}).status_code == 400
    assert c.post(f"/actions/{theirs}", data={"csrf": token, "status": "done", "note": "x"}).status_code == 403
    assert c.get(f"/actions/{theirs}").status_code == 403
    assert c.get("/actions/NOPE-1").status_code == 404
    assert app.test_client().post(f"/actions/{mine}", data={"status": "done", "note": "x"}).status_code == 401
    assert c.post(f"/actions/{mine}", data={"csrf": token, "note": "x" * 100_000}).status_code == 413
    assert commits(root) == before


def test_board_pages_are_for_members_and_clerks_and_papers_stay_in_their_folder(site, tmp_path):
    root, gd, app, mine, theirs = site
    member = signed_in(app, "olu@example.org")
    page = member.get("/boards/send-pb")
    assert page.status_code == 200 and "2030-01-10" in page.get_data(as_text=True)
    assert member.get("/boards/send-pb/2030-01-10").status_code == 200
    assert member.get("/boards/hwb").status_code == 403  # not a member of that board
    outsider = signed_in(app, "priya@example.org")
    assert outsider.get("/boards/send-pb").status_code == 403
    for path in ("/boards/send-pb/2030-01-10/papers/..%2f..%2f..%2fgovdocs.yaml",
                 "/boards/send-pb/2030-01-10/papers/../../../govdocs.yaml", "/static/..%2fgovdocs.yaml",
                 "/boards/send-pb/2030-01-10/papers/.%2e%2fmeeting.yaml"):
        r = member.get(path)
        assert r.status_code in (400, 404) and b"council:" not in r.data, path


def test_the_sign_in_page_answers_the_same_for_anyone_and_limits_requests(site):
    root, gd, app, mine, theirs = site
    c = app.test_client()
    known = c.post("/sign-in", data={"email": "olu@example.org"}).get_data(as_text=True)
    unknown = c.post("/sign-in", data={"email": "nobody@example.org"}).get_data(as_text=True)
    assert known == unknown
    assert app.extensions["govdocs"]["worker"].wait_idle()  # the mail goes after the answer
    sent = list((root / ".govdocs/outbox").glob("*.eml"))
    assert len(sent) == 1 and "olu@example.org" in sent[0].read_text()
    codes = [c.post("/sign-in", data={"email": "olu@example.org"}).status_code for _ in range(6)]
    assert 429 in codes


def test_twenty_owners_at_once_and_a_clerk_on_the_command_line_all_land(site):
    root, gd, app, mine, theirs = site
    ids = []
    for n in range(20):
        gd("person", "add", f"Q{chr(65 + n)}", "--name", f"Owner {n}", "--email", f"o{n}@example.org")
        ids.append(gd("action", "add", "2030-01-10", "1", f"Action {n}", "--owner", f"Q{chr(65 + n)}",
                      today="2030-01-10").stdout.split()[-1])
    clients = [signed_in(app, f"o{n}@example.org") for n in range(20)]
    tokens = [csrf_of(c.get(f"/actions/{a}")) for c, a in zip(clients, ids)]
    before = commits(root)
    results = []

    def submit(n):
        r = clients[n].post(f"/actions/{ids[n]}", data={"csrf": tokens[n], "status": "in-progress", "rag": "amber",
                                                         "note": f"Update {n}"})
        results.append(r.status_code)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    gd("action", "update", mine, "--note", "The clerk's own update", today="2030-01-15")
    for t in threads:
        t.join()
    assert results == [303] * 20
    assert commits(root) == before + 21
    authors = git(root, "log", f"-{21}", "--format=%ae").split()
    assert sorted(a for a in authors if a.startswith("o")) == sorted(f"o{n}@example.org" for n in range(20))
    for n, a in enumerate(ids):
        data = yaml.safe_load(next((root / "actions/send-pb").glob(f"{a}*.yaml")).read_text())
        assert data["updates"][-1]["text"] == f"Update {n}"


def test_remind_writes_one_message_per_owner_once_a_day(site, tmp_path):
    root, gd, app, mine, theirs = site
    out = tmp_path / "outbox"
    r = gd("remind", "--days", "30", "--outbox", out, "--base-url", "https://govdocs.example.gov.uk",
           today="2030-01-15")
    assert "NE" in r.output and "no e-mail" in r.output  # listed, not skipped silently
    msgs = {str(m["To"]): m for m in (email.message_from_bytes(f.read_bytes(), policy=policy.default)
                                      for f in out.glob("*.eml"))}
    olu = next(m for to, m in msgs.items() if "olu@example.org" in to)
    text = olu.get_body(("plain",)).get_content()
    html = olu.get_body(("html",)).get_content()
    assert mine in text and theirs not in text and mine in html
    link = re.search(r"https://govdocs\.example\.gov\.uk(/sign-in/\S+)", text).group(1)
    c = app.test_client()
    assert press_sign_in(c, link).status_code == 303 and mine in c.get("/").get_data(as_text=True)
    again = gd("remind", "--days", "30", "--outbox", tmp_path / "again", "--base-url", "https://x.example",
               today="2030-01-15")
    assert not list((tmp_path / "again").glob("*.eml")) and "already sent today" in again.output


def test_remind_sends_over_smtp(site):
    from local_smtp import remind_by_smtp

    root, gd, app, mine, theirs = site
    got = remind_by_smtp(gd, "http://127.0.0.1:8000", "2030-01-15")
    assert sorted(r[0][0] for r in got) == ["olu@example.org", "priya@example.org"]
    assert all(b"/sign-in/" in content for _, content in got)


def test_a_clerk_changes_any_action_and_a_trusted_proxy_signs_people_in(site):
    root, gd, app, mine, theirs = site
    gd("person", "edit", "JK", "--email", "jo@example.org")
    clerk = signed_in(app, "jo@example.org")
    page = clerk.get(f"/actions/{theirs}")
    assert page.status_code == 200
    r = clerk.post(f"/actions/{theirs}", data={"csrf": csrf_of(page), "status": "in-progress", "note": "Chased"})
    assert r.status_code == 303 and git(root, "log", "-1", "--format=%ae").strip() == "jo@example.org"
    # the header counts only from the proxy the service's configuration names, and only when it is named
    c = app.test_client()
    assert c.get("/", headers={"X-Forwarded-Email": "olu@example.org"}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
                 ).status_code == 303
    from govdocs.web import create_app
    from govdocs.web.service import Service

    proxied = create_app(root, Service(base_url="http://localhost", trusted_proxy="127.0.0.1",
                                       proxy_header="X-Forwarded-Email"))
    page = proxied.test_client().get("/", headers={"X-Forwarded-Email": "olu@example.org"},
                                     environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert page.status_code == 200 and mine in page.get_data(as_text=True)
    other = proxied.test_client().get("/", headers={"X-Forwarded-Email": "olu@example.org"},
                                      environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 303


def test_a_change_on_the_web_is_pushed_where_the_record_has_a_remote(site, tmp_path):
    root, gd, app, mine, theirs = site
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "-u", "origin", "HEAD")
    c = signed_in(app, "olu@example.org")
    page = c.get(f"/actions/{mine}")
    r = c.post(f"/actions/{mine}", data={"csrf": csrf_of(page), "rag": "amber", "note": "Draft with the chair"},
               follow_redirects=True)
    assert "Not yet shared" in r.get_data(as_text=True)  # the page does not wait for the remote
    assert app.extensions["govdocs"]["worker"].wait_idle()
    assert git(remote, "log", "-1", "--format=%an").strip() == "Olu Williams"
    assert "not yet shared" not in c.get(f"/actions/{mine}").get_data(as_text=True)
