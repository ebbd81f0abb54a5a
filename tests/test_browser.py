"""The web service in a real browser: Debian's Chromium driven by selenium through the system chromedriver,
a reminder received by a local SMTP server, the owner's action marked done with the keyboard only, and
axe-core run on every kind of page."""
from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, git
from local_smtp import free_port, remind_by_smtp

AXE = ROOT / ".venv/axe/node_modules/axe-core/axe.min.js"
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def chromium():
    """Debian's Chromium, headless, through the system chromedriver."""
    missing = [str(p) for p in (CHROMIUM, DRIVER, AXE) if not p.exists()]
    assert not missing, f"run scripts/setup: {missing} missing"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    # this machine's network is closed: Chromium's own background fetches would only be refused, many at a time
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=opts)
    driver.set_page_load_timeout(30)
    return driver


@contextlib.contextmanager
def serving(root: Path, tmp_path: Path, today: str, **settings: str):
    """`govdocs serve` as its own process on 127.0.0.1, as if it were `today` (with any other GOVDOCS_*
    settings); its base URL. It must never print a traceback."""
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "govdocs"), "serve", "--port", str(port)], cwd=root,
                              env=dict(os.environ, GOVDOCS_TODAY=today, **settings), stdout=log, stderr=subprocess.STDOUT)
    for _ in range(60):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.25)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


@pytest.fixture
def served(meeting, tmp_path):
    root, gd, item = meeting
    gd("person", "add", "OW", "--name", "Olu Williams", "--email", "olu@example.org")
    gd("member", "add", "send-pb", "OW")
    mine = gd("action", "add", "2030-01-10", item, "Publish the inclusion charter", "--owner", "OW",
              "--due", "2030-01-20", today="2030-01-10").stdout.split()[-1]
    with serving(root, tmp_path, "2030-01-15") as base:
        yield root, gd, mine, base


def reminder_link(gd, base: str) -> str:
    got = [content.decode("utf-8", "replace") for _, content in remind_by_smtp(gd, base, "2030-01-15")]
    assert len(got) == 1
    return re.search(re.escape(base) + r"/sign-in/[A-Za-z0-9_.\-]+", got[0].replace("=\r\n", "").replace("=\n", "")).group(0)


def press_tab_until(driver, matches, limit: int = 40):
    """Move the focus with Tab alone until it reaches the element `matches` accepts."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        el = driver.switch_to.active_element
        if matches(el):
            return el
    raise AssertionError("the keyboard never reached the control")


def axe_violations(driver, impacts=("serious", "critical")) -> list[str]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                         "axe.run(document, {rules: {'target-size': {enabled: true}}})"  # WCAG 2.2 2.5.8, off by default
                                         ".then(r => done(r.violations)).catch(e => done([{id: String(e), impact: 'critical', nodes: []}]));")
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s)" for v in result
            if v.get("impact") in impacts]


def test_an_owner_follows_the_reminder_and_marks_the_action_done_by_keyboard(browser, served):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    root, gd, mine, base = served
    link = reminder_link(gd, base)
    checked = {}
    browser.get(link)
    assert "Sign in as Olu Williams" in browser.page_source
    checked["confirm"] = axe_violations(browser)
    press_tab_until(browser, lambda el: el.tag_name == "button" and el.text == "Sign in")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    time.sleep(0.5)
    assert "My actions" in browser.title and mine in browser.page_source
    checked["my actions"] = axe_violations(browser)
    press_tab_until(browser, lambda el: el.tag_name == "a" and el.text == mine)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    time.sleep(0.5)
    assert browser.current_url.endswith(f"/actions/{mine}")
    checked["action"] = axe_violations(browser)
    press_tab_until(browser, lambda el: el.get_attribute("id") == "status")
    ActionChains(browser).send_keys("done").perform()  # a select takes the typed option
    press_tab_until(browser, lambda el: el.get_attribute("id") == "note")
    ActionChains(browser).send_keys("Charter published on the Local Offer").perform()
    press_tab_until(browser, lambda el: el.tag_name == "button" and el.text == "Save")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    time.sleep(1)
    assert "Saved." in browser.page_source and ">done<" in browser.page_source.replace("<dd>done</dd>", ">done<")
    data = yaml.safe_load(next((root / "actions/send-pb").glob(f"{mine}*.yaml")).read_text())
    assert data["status"] == "done" and data["updates"][-1]["text"] == "Charter published on the Local Offer"
    assert git(root, "log", "-1", "--format=%an <%ae>").strip() == "Olu Williams <olu@example.org>"
    browser.get(base + "/boards/send-pb")
    checked["board"] = axe_violations(browser)
    browser.get(base + "/boards/send-pb/2030-01-10")
    checked["meeting"] = axe_violations(browser)
    browser.get(base + "/boards/hwb")
    assert "Not allowed" in browser.page_source
    checked["refusal"] = axe_violations(browser)
    browser.get(link)  # the used link: an error page
    checked["used link"] = axe_violations(browser)
    browser.delete_all_cookies()
    browser.get(base + "/sign-in")
    checked["sign in"] = axe_violations(browser)
    browser.save_screenshot(str(root.parent / "sign-in.png"))
    assert {k: v for k, v in checked.items() if v} == {}


def test_every_kind_of_public_page_passes_axe(browser, example_copy, tmp_path):
    import shutil

    from conftest import Gd

    copy = tmp_path / "example"
    shutil.copytree(example_copy, copy)
    gd = Gd(copy)
    # the example's minutes record no formal decision (the real ones have none): give one a page to check
    gd("minute", "2019-11-14", "7", "--append", "--resolved", "That the four suggestions join the forward plan.")
    out = tmp_path / "site"
    gd("site", "-o", out, "--base-url", "https://democracy.example.gov.uk", "--no-search", "--no-pdfs", today="2020-02-01")
    kinds = {"home": out / "index.html", "board": out / "boards/send-pb/index.html",
             "meeting": out / "boards/send-pb/2019-11-14/index.html", "actions": out / "boards/send-pb/actions.html",
             "decisions": out / "decisions/index.html", "decision": next((out / "decisions").glob("send-pb-*.html")),
             "people": out / "people/index.html", "person": next((out / "people").glob("i*.html")),
             "search": out / "search.html", "calendar": out / "calendar.html"}
    found = {}
    for kind, page in kinds.items():
        browser.get(page.as_uri())
        found[kind] = axe_violations(browser, ("minor", "moderate", "serious", "critical"))  # none at all
        if kind == "meeting":
            browser.save_screenshot(str(tmp_path / "site-meeting.png"))
    assert {k: v for k, v in found.items() if v} == {}


def press(browser, button_text: str) -> None:
    """Press a form's button and wait for the page it leads to (marked on the old page, since chromedriver
    can answer an old element with an error rather than "stale")."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("window.govdocsOldPage = true;")
    browser.find_element("xpath", f"//button[text()='{button_text}']").click()
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(lambda b: b.execute_script(
        "return window.govdocsOldPage === undefined && document.readyState === 'complete';"))


def sign_in_as(browser, base: str, root: Path, email: str) -> None:
    """Ask for a link on the sign-in page, open it from the outbox (no SMTP is set) and press Sign in."""
    from web_server import outbox_links, wait_for

    browser.delete_all_cookies()
    browser.get(base + "/sign-in")
    before = len(outbox_links(root, base))
    browser.find_element("id", "email").send_keys(email)
    browser.find_element("css selector", "form button[type=submit]").click()
    assert wait_for(lambda: len(outbox_links(root, base)) > before)
    browser.get(outbox_links(root, base)[-1])
    press(browser, "Sign in")


@pytest.fixture
def reports_served(meeting, tmp_path):
    root, gd, item = meeting
    for i, n, e in (("RA", "Rowan Ashby", "rowan@example.org"), ("LO", "Lena Okafor", "lena@example.org"),
                    ("FT", "Farid Tahir", "farid@example.org")):
        gd("person", "add", i, "--name", n, "--email", e)
    gd("board", "edit", "send-pb", "--clearance", "legal=LO,finance=FT")
    gd("report", "new", "2030-01-10", item, "--author", "RA", "--recommend", "endorses the budget", today="2029-12-10")
    with serving(root, tmp_path, "2029-12-18") as base:
        yield root, gd, item, base


def test_an_author_hands_in_and_an_officer_returns_then_clears_a_report_in_the_browser(browser, reports_served, tmp_path):
    import docx

    root, gd, item, base = reports_served
    page = f"{base}/reports/send-pb/2030-01-10/{item}"
    checked = {}

    def draft(text: str) -> str:
        d = docx.Document()
        d.add_paragraph(text)
        path = tmp_path / f"draft-{len(text)}.docx"
        d.save(path)
        return str(path)

    sign_in_as(browser, base, root, "rowan@example.org")
    browser.get(base + "/reports")
    assert "High needs budget" in browser.page_source and "awaited" in browser.page_source
    checked["my reports"] = axe_violations(browser)
    browser.find_element("link text", "High needs budget").click()
    assert "Download the cover sheet" in browser.page_source
    checked["report"] = axe_violations(browser)
    browser.find_element("id", "draft").send_keys(draft("The high needs budget, first draft"))
    press(browser, "Hand in")
    assert "waiting for LO (legal), FT (finance)" in browser.page_source

    sign_in_as(browser, base, root, "lena@example.org")
    browser.get(page)
    assert "Clear as legal" in browser.page_source and "Hand in a draft" not in browser.page_source
    checked["clearer's report"] = axe_violations(browser)
    browser.find_element("id", "returned-legal").click()
    press(browser, "Send as legal")
    assert "say what the author should change" in browser.page_source  # a return needs its comment
    checked["clearer's error"] = axe_violations(browser)
    browser.find_element("id", "returned-legal").click()
    browser.find_element("id", "note-legal").send_keys("Name the statutory duty")
    press(browser, "Send as legal")
    assert "Returned to the author" in browser.page_source and "Name the statutory duty" in browser.page_source

    sign_in_as(browser, base, root, "rowan@example.org")
    browser.get(page)
    browser.find_element("id", "draft").send_keys(draft("The high needs budget, second draft, with the duty"))
    press(browser, "Hand in")
    for email, role in (("lena@example.org", "legal"), ("farid@example.org", "finance")):
        sign_in_as(browser, base, root, email)
        browser.get(page)
        press(browser, f"Send as {role}")
        assert f"Cleared as {role}." in browser.page_source
    assert 'State</dt><dd class="govuk-summary-list__value">cleared' in browser.page_source.replace("\n", "")
    assert "Hand in a draft" not in browser.page_source  # finance clears; only the author hands in
    assert {k: v for k, v in checked.items() if v} == {}

    rel = f"meetings/send-pb/2030-01-10/reports/{item}"
    log = git(root, "log", "--format=%an|%s|%b", "--", rel).split("\n")
    authors = [ln.split("|")[0] for ln in log if "|" in ln]
    assert authors == ["Farid Tahir", "Lena Okafor", "Rowan Ashby", "Lena Okafor", "Rowan Ashby", "Test Clerk"]
    assert git(root, "log", "-5", "--format=%b", "--", rel).count("Govdocs-Via: web") == 5
    out = tmp_path / "pack"
    gd("pack", "2030-01-10", "-o", out, today="2029-12-18")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(out / "send-pb-2030-01-10-pack.pdf").pages)
    assert "second draft, with the duty" in text and "first draft" not in text
