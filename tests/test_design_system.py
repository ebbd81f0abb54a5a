"""The web service's pages and the public site on govuk-frontend, in Debian's Chromium: every kind of page
passes axe-core with no violation of any impact (target-size included) at a phone's width and a desktop's,
the keyboard paths work (skip link, focus order, error summary to the field), the council's colour is the
header's, and without govuk-frontend the pages still work on the plain stylesheet and the command says so.

With GOVDOCS_SCREENSHOTS_TO set (scripts/screenshots), the screenshots taken here are kept there: the ones
under docs/screenshots are these pages as this test saw them."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from test_browser import axe_violations, chromium, press, serving, sign_in_as
from test_live import DAY, set_up_the_board

EVERY_IMPACT = ("minor", "moderate", "serious", "critical")
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
COLOUR = "#7a1f5c"  # a council's own purple: white on it is 9.3:1


def keep_screenshot(browser, name: str, tmp_path: Path) -> None:
    """The whole page as the browser drew it; kept under GOVDOCS_SCREENSHOTS_TO when that is set."""
    width = browser.get_window_size()["width"]
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(height + 120, 3000))
    shot = tmp_path / f"{name}.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 5000
    if os.environ.get("GOVDOCS_SCREENSHOTS_TO"):
        target = Path(os.environ["GOVDOCS_SCREENSHOTS_TO"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / shot.name)


def check_at_both_widths(browser, url: str, name: str, tmp_path: Path, shoot: bool = True) -> dict[str, list[str]]:
    found = {}
    for width, (w, h) in WIDTHS.items():
        browser.set_window_size(w, h)
        browser.get(url)
        found[f"{name} at {width} width"] = axe_violations(browser, EVERY_IMPACT)
        if shoot:
            keep_screenshot(browser, f"{name}-{width}", tmp_path)
    return found


@pytest.fixture
def council(meeting, tmp_path):
    """send-pb in a council's own colour, with a meeting to keep, an action for its clerk (LM) and a report
    with a draft to clear."""
    root, gd, item = meeting
    set_up_the_board(gd)
    config = root / "govdocs.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f'colour: "{COLOUR}"\n', encoding="utf-8")
    gd("person", "add", "RA", "--name", "Rowan Ashby", "--email", "rowan@example.org")
    gd("person", "add", "FT", "--name", "Farid Tahir", "--email", "farid@example.org")
    gd("board", "edit", "send-pb", "--clearance", "finance=FT")
    gd("report", "new", DAY, item, "--author", "RA", "--recommend", "endorses the budget", today="2029-12-10")
    import docx

    draft = tmp_path / "high-needs.docx"
    document = docx.Document()
    document.add_paragraph("First draft of the high needs report")
    document.save(draft)
    gd("report", "submit", DAY, item, draft, today="2029-12-20")  # a draft for the officer to clear
    action = gd("action", "add", DAY, item, "Publish the inclusion charter", "--owner", "LM", "--due", "2030-02-01",
                today=DAY).stdout.split()[-1]
    return root, gd, item, action


def test_every_kind_of_web_page_passes_axe_at_a_phone_and_a_desktop_width(council, tmp_path):
    root, gd, item, action = council
    browser = chromium()
    found: dict[str, list[str]] = {}
    try:
        with serving(root, tmp_path, DAY, GOVDOCS_CLERKS="JK", GOVDOCS_BOARD_CLERKS="send-pb=LM") as base:
            found |= check_at_both_widths(browser, base + "/sign-in", "web-sign-in", tmp_path)
            sign_in_as(browser, base, root, "lee@example.org")
            colour = browser.execute_script(
                "return getComputedStyle(document.querySelector('.govuk-header')).backgroundColor")
            assert colour == "rgb(122, 31, 92)", colour
            pages = {"my-actions": "/", "action": f"/actions/{action}", "board": "/boards/send-pb",
                     "meeting": f"/boards/send-pb/{DAY}", "live-meeting": f"/boards/send-pb/{DAY}/live",
                     "not-allowed": f"/reports/send-pb/{DAY}/{item}", "not-found": "/actions/ZZ-9"}
            for name, path in pages.items():
                found |= check_at_both_widths(browser, base + path, f"web-{name}", tmp_path)
            report = f"{base}/reports/send-pb/{DAY}/{item}"
            sign_in_as(browser, base, root, "rowan@example.org")  # the author: their reports, and the hand-in form
            found |= check_at_both_widths(browser, base + "/reports", "web-reports", tmp_path)
            found |= check_at_both_widths(browser, report, "web-report-author", tmp_path)
            assert "Hand in a draft" in browser.page_source
            sign_in_as(browser, base, root, "farid@example.org")  # the officer who clears it: the clearance form
            found |= check_at_both_widths(browser, report, "web-report-clearance", tmp_path)
            assert "Clear as finance" in browser.page_source and "govuk-radios__input" in browser.page_source
            sign_in_as(browser, base, root, "lee@example.org")
            browser.get(base + f"/actions/{action}")
            assert "Publish the inclusion charter" in browser.page_source
            # the error summary of a refused form
            browser.find_element("id", "status").send_keys("done")
            press(browser, "Save")
            assert "There is a problem" in browser.page_source
            found |= {f"web-action-error at {w}": axe_violations(browser, EVERY_IMPACT) for w in ("desktop",)}
            keep_screenshot(browser, "web-action-error-desktop", tmp_path)
    finally:
        browser.quit()
    assert {k: v for k, v in found.items() if v} == {}


def test_the_keyboard_reaches_main_content_and_an_error_takes_it_to_the_field(council, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    root, gd, item, action = council
    browser = chromium()

    def tab() -> object:
        ActionChains(browser).send_keys(Keys.TAB).perform()
        return browser.switch_to.active_element

    def inside_main(el) -> bool:
        return browser.execute_script("return arguments[0].closest('main') !== null", el)

    try:
        with serving(root, tmp_path, DAY, GOVDOCS_CLERKS="JK", GOVDOCS_BOARD_CLERKS="send-pb=LM") as base:
            sign_in_as(browser, base, root, "lee@example.org")
            browser.get(base + f"/actions/{action}")
            first = tab()
            assert first.text == "Skip to main content" and first.get_attribute("href").endswith("#main-content")
            ActionChains(browser).send_keys(Keys.ENTER).perform()
            after = tab()
            assert inside_main(after), after.get_attribute("outerHTML")[:200]
            # the form's controls come in the order they are read: status, RAG, note, then Save
            order = []
            el = browser.switch_to.active_element
            for _ in range(30):
                if el.get_attribute("id") in ("status", "rag", "note") or el.text == "Save":
                    order.append(el.get_attribute("id") or el.text)
                if el.text == "Save":
                    break
                el = tab()
            assert order == ["status", "rag", "note", "Save"], order
            # marking it done with no note: the error summary takes the focus, and its link takes it to the note
            browser.find_element("id", "status").send_keys("done")
            press(browser, "Save")
            focused = browser.switch_to.active_element
            assert "govuk-error-summary" in focused.get_attribute("class"), focused.get_attribute("outerHTML")[:200]
            assert browser.title.startswith("Error: ")
            link = tab()
            assert link.get_attribute("href").endswith("#note") and "note" in link.text.lower()
            ActionChains(browser).send_keys(Keys.ENTER).perform()
            assert browser.switch_to.active_element.get_attribute("id") == "note"
            ActionChains(browser).send_keys("Charter published on the Local Offer").perform()
            browser.find_element("id", "status").send_keys("done")
            press(browser, "Save")
            assert "Saved." in browser.page_source and "There is a problem" not in browser.page_source
    finally:
        browser.quit()


@contextlib.contextmanager
def http_served(folder: Path):
    """The built site over HTTP on 127.0.0.1, as a council's web server would give it (scripts run there)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_every_kind_of_public_page_passes_axe_at_both_widths_in_the_councils_colour(example_copy, tmp_path):
    from conftest import Gd

    copy = tmp_path / "example"
    shutil.copytree(example_copy, copy)
    config = copy / "govdocs.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f'colour: "{COLOUR}"\n', encoding="utf-8")
    gd = Gd(copy)
    gd("minute", "2019-11-14", "7", "--append", "--resolved", "That the four suggestions join the forward plan.")
    out = tmp_path / "site"
    done = gd("site", "-o", out, "--base-url", "https://democracy.example.gov.uk", "--no-pdfs", today="2020-01-01")
    assert "govuk-frontend is not installed" not in done.stderr
    css = (out / "govuk-frontend.css").read_text(encoding="utf-8")
    assert ".govuk-header" in css and "GDS Transport" not in css and "@font-face" not in css and "crest" not in css
    assert COLOUR in (out / "style.css").read_text(encoding="utf-8")
    kinds = {"home": "index.html", "board": "boards/send-pb/index.html", "meeting": "boards/send-pb/2019-11-14/index.html",
             "actions": "boards/send-pb/actions.html", "decisions": "decisions/index.html",
             "decision": "decisions/" + next((out / "decisions").glob("send-pb-*.html")).name,
             "people": "people/index.html", "person": "people/" + next((out / "people").glob("i*.html")).name,
             "search": "search.html", "calendar": "calendar.html"}
    browser = chromium()
    found: dict[str, list[str]] = {}
    try:
        with http_served(out) as base:
            for kind, page in kinds.items():
                found |= check_at_both_widths(browser, f"{base}/{page}", f"site-{kind}", tmp_path)
            browser.set_window_size(*WIDTHS["phone"])
            browser.get(f"{base}/index.html")  # on a phone, govuk-frontend folds the navigation behind a Menu button
            menu = browser.find_element("css selector", ".govuk-service-navigation__toggle")
            assert menu.is_displayed() and not browser.find_element("id", "navigation").is_displayed()
            menu.click()
            assert browser.find_element("id", "navigation").is_displayed()
            found["site-home with the menu open"] = axe_violations(browser, EVERY_IMPACT)
            browser.get(f"{base}/search.html")  # the search box and its results, in the same patterns
            browser.find_element("id", "q").send_keys("Transformation\n")
            links: list[str] = []
            for _ in range(100):
                links = [a.get_attribute("href") or "" for a in browser.find_elements("css selector", "#results a")]
                if links:
                    break
                time.sleep(0.1)
            # the words are only in meetings' pages, each board's in its own index: both merged into the council's
            assert any("/boards/send-pb/" in h for h in links) and any("/boards/hwb/" in h for h in links), links
            found["site-search with results"] = axe_violations(browser, EVERY_IMPACT)
    finally:
        browser.quit()
    assert {k: v for k, v in found.items() if v} == {}


def test_without_govuk_frontend_the_pages_work_on_the_plain_stylesheet_and_the_commands_say_so(meeting, tmp_path):
    root, gd, item = meeting
    nowhere = str(tmp_path / "no-frontend")
    out = tmp_path / "site"
    done = gd("site", "-o", out, "--base-url", "https://democracy.example.gov.uk", "--no-pdfs", "--no-search",
              env={"GOVDOCS_GOVUK_FRONTEND": nowhere})
    assert "govuk-frontend is not installed (run scripts/setup" in done.stderr
    assert not (out / "govuk-frontend.css").exists() and not (out / "init.js").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "govuk-frontend.css" not in home and "init.js" not in home and 'href="style.css"' in home
    assert ".govuk-table__cell" in (out / "style.css").read_text(encoding="utf-8")  # the plain rules
    browser = chromium()
    try:
        with serving(root, tmp_path, DAY, GOVDOCS_GOVUK_FRONTEND=nowhere) as base:
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(base + "/static/govuk-frontend.css")
            browser.get(base + "/sign-in")
            assert "govuk-frontend.css" not in browser.page_source
            browser.find_element("id", "email").send_keys("clerk@example.org")
            press(browser, "Send me a sign-in link")
            assert "a sign-in link is on its way" in browser.page_source
            assert axe_violations(browser, EVERY_IMPACT) == []
            browser.get((out / "index.html").as_uri())
            assert axe_violations(browser, EVERY_IMPACT) == []
        assert "govuk-frontend is not installed" in (tmp_path / "serve.log").read_text()
    finally:
        browser.quit()


def test_a_councils_colour_too_light_for_white_text_is_refused_with_its_line(meeting):
    root, gd, item = meeting
    config = root / "govdocs.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(lines + ['colour: "#ffcc00"']) + "\n", encoding="utf-8")
    r = gd("check", ok=False)
    assert r.exit_code != 0
    said = r.output + r.stderr
    assert f"govdocs.yaml:{len(lines) + 1}" in said and "too light for white text" in said and "1.5:1" in said
    config.write_text("\n".join(lines + ['colour: "navy"']) + "\n", encoding="utf-8")
    said = gd("check", ok=False).output
    assert "#rrggbb" in said
