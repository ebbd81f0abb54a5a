"""The meeting page in Debian's Chromium: a board's clerk keeps a whole meeting on it, by keyboard where a
clerk in the room would, while a second clerk's browser on the same meeting takes in the entries as they land;
then the draft minutes hold it all and the history holds one commit per entry, in the clerk's name. axe-core
checks the page in each of its states."""
from __future__ import annotations

import subprocess

import pytest
import yaml
from conftest import git
from test_browser import axe_violations, chromium, serving, sign_in_as
from test_live import DAY, set_up_the_board

from govdocs.web.live_page import anchor


@pytest.fixture
def live_served(meeting, tmp_path):
    root, gd, item = meeting
    second = set_up_the_board(gd)
    with serving(root, tmp_path, DAY, GOVDOCS_CLERKS="JK", GOVDOCS_BOARD_CLERKS="send-pb=LM") as base:
        yield root, gd, item, second, base


@pytest.fixture
def two_browsers():
    first, other = chromium(), chromium()
    yield first, other
    first.quit()
    other.quit()


def until(browser, check, seconds: float = 15):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconds, poll_frequency=0.2, ignored_exceptions=(WebDriverException,)).until(
        lambda b: check(b))


def keys(*sequence):
    """Keys pressed wherever the focus is."""
    return lambda browser: _press(browser, sequence)


def _press(browser, sequence) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys(*sequence).perform()


def text_of(browser, css: str) -> str:
    return browser.find_element("css selector", css).text


def saved(browser, before: str) -> None:
    """Wait for the page to say the entry was saved (the status line changes with every answer)."""
    try:
        until(browser, lambda b: text_of(b, "#live-status") != before and text_of(b, "#live-status"))
    except Exception:
        raise AssertionError(f"status stayed {before!r}; {browser.page_source[:6000]}")
    said = text_of(browser, "#live-status")
    assert said.startswith("Saved"), said


def status(browser) -> str:
    return text_of(browser, "#live-status")


def test_a_whole_meeting_kept_on_the_page_in_a_browser(live_served, two_browsers, tmp_path):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    root, gd, item, second, base = live_served
    b, other = two_browsers
    first_item, second_item = anchor(item), anchor(second)
    page = f"{base}/boards/send-pb/{DAY}/live"
    start = int(git(root, "rev-list", "--count", "HEAD"))
    checked: dict[str, list[str]] = {}
    entries = {"Lee Marsh": 0, "Jo King": 0}

    sign_in_as(b, base, root, "lee@example.org")
    b.get(page)
    assert "Nobody is marked present yet." in b.page_source
    checked["empty"] = axe_violations(b)
    sign_in_as(other, base, root, "clerk@example.org")  # the clerk of every board keeps the minutes with LM
    other.get(page)

    def enter(who: str, do) -> None:
        before = status(b if who == "Lee Marsh" else other)
        do()
        saved(b if who == "Lee Marsh" else other, before)
        entries[who] += 1

    def radio(browser, element_id: str):
        """Tab to a person's radio group and choose with the arrow keys, as the keyboard does."""
        def do():
            el = browser.find_element("id", element_id)
            browser.execute_script("arguments[0].focus()", el)
            el.send_keys(Keys.SPACE)
        return do

    # attendance: the chair present on time, GH's apologies and her substitute, two late arrivals
    enter("Lee Marsh", radio(b, "st-AB-present"))
    enter("Lee Marsh", radio(b, "st-GH-apologies"))
    enter("Lee Marsh", lambda: Select(b.find_element("id", "sub-GH")).select_by_value("SU"))
    for who, at in (("CD", "1005AM"), ("EF", "1020AM")):
        def arrive(who=who, at=at):
            box = b.find_element("id", f"arr-{who}")
            box.send_keys(at, Keys.ENTER)
        enter("Lee Marsh", arrive)
    until(b, lambda b: "Quorate: 4 voting members here now" in text_of(b, "#quorum"))
    # the other clerk's page took all of it in without a reload
    until(other, lambda o: "Quorate: 4 voting members here now" in text_of(o, "#quorum"))
    assert "arrived 10.05am" in text_of(other, "#person-CD") and "arrived 10.20am" in text_of(other, "#person-EF")
    checked["quorate"] = axe_violations(b)

    # a declaration on the first item, by keyboard: open the form from its summary
    b.find_element("css selector", f"#{first_item} details summary").send_keys(Keys.ENTER)
    Select(b.find_element("id", f"{first_item}-decl-who")).select_by_value("CD")
    b.find_element("id", f"{first_item}-decl-details").send_keys("her partner supplies the service")
    enter("Lee Marsh", lambda: b.find_element("id", f"{first_item}-decl-details").send_keys(Keys.ENTER))
    until(other, lambda o: "her partner supplies the service" in text_of(o, f"#{first_item}"))

    # the other clerk minutes the discussion: notes with a list, saved as typed
    other.find_element("id", f"{first_item}-notes").send_keys(
        "The Board discussed the budget.\n\n- Pressures in placements\n- Transport costs")
    until(other, lambda o: text_of(o, f"#{first_item}-notes-saved").startswith("Saved"))
    entries["Jo King"] += 1
    until(b, lambda b: "Transport costs" in b.find_element("id", f"{first_item}-notes").get_attribute("value"))

    # a named vote
    b.find_element("xpath", f"//section[@id='{first_item}']//summary[starts-with(., 'Record a decision')]").click()
    b.find_element("id", f"{first_item}-dec-text").send_keys("That the budget be endorsed.")
    Select(b.find_element("id", f"{first_item}-dec-proposer")).select_by_value("AB")
    Select(b.find_element("id", f"{first_item}-dec-seconder")).select_by_value("SU")
    for choice in ("vote-named", "v-AB-for", "v-SU-for", "v-EF-against"):
        b.find_element("id", f"{first_item}-{choice}").send_keys(Keys.SPACE)
    checked["deciding"] = axe_violations(b)
    b.execute_script("arguments[0].scrollIntoView()", b.find_element("id", f"{first_item}-h"))
    b.save_screenshot(str(tmp_path / "meeting-page-item.png"))
    enter("Lee Marsh", lambda: b.find_element("xpath", f"//section[@id='{first_item}']//button[.='Record decision']").click())
    decided = text_of(b, f"[data-part='{first_item}-decisions']")
    assert "That the budget be endorsed." in decided and "for: Alice Brown, Sam Underwood; against: Éamon Fitzgerald" in decided

    # two actions on the first item, one on the second
    def add_action(item_anchor: str, text: str, owner: str):
        summary = b.find_element("xpath", f"//section[@id='{item_anchor}']//summary[starts-with(., 'Add an action')]")
        if not summary.find_element("xpath", "..").get_attribute("open"):
            summary.send_keys(Keys.ENTER)
        b.find_element("id", f"{item_anchor}-act-text").send_keys(text)
        Select(b.find_element("id", f"{item_anchor}-act-owner")).select_by_value(owner)
        enter("Lee Marsh", lambda: b.find_element("id", f"{item_anchor}-act-text").send_keys(Keys.ENTER))
        until(b, lambda b: text in text_of(b, f"#{item_anchor}"))
    add_action(first_item, "Report placement costs", "CD")
    add_action(first_item, "Review transport spend", "EF")

    # the next item one key away: n from outside any box moves the focus to its heading
    b.find_element("id", f"{first_item}-h").click()
    keys("n")(b)
    until(b, lambda b: b.switch_to.active_element.get_attribute("id") == f"{second_item}-h")

    # notes on the second item, and a reload before the typing pauses long enough to save: nothing is lost
    box = b.find_element("id", f"{second_item}-notes")
    box.send_keys("1. Option A\n2. Option B")
    b.refresh()
    until(b, lambda b: b.find_element("id", f"{second_item}-notes").get_attribute("value") == "1. Option A\n2. Option B")
    minutes = root / "meetings/send-pb" / DAY / "minutes.yaml"
    until(b, lambda b: "Option B" in minutes.read_text(encoding="utf-8"))
    entries["Lee Marsh"] += 1

    # a casting vote is refused while the votes are not equal, then taken when they are
    b.find_element("xpath", f"//section[@id='{second_item}']//summary[starts-with(., 'Record a decision')]").click()
    b.find_element("id", f"{second_item}-dec-text").send_keys("That option A be adopted.")
    Select(b.find_element("id", f"{second_item}-dec-proposer")).select_by_value("EF")
    Select(b.find_element("id", f"{second_item}-dec-seconder")).select_by_value("SU")
    b.find_element("id", f"{second_item}-vote-counts").send_keys(Keys.SPACE)
    for k, n in (("for", "3"), ("against", "1")):
        field = b.find_element("id", f"{second_item}-count-{k}")
        field.clear()
        field.send_keys(n)
    b.find_element("id", f"{second_item}-casting").send_keys(Keys.SPACE)
    record = git(root, "rev-parse", "HEAD")
    b.find_element("xpath", f"//section[@id='{second_item}']//button[.='Record decision']").click()
    error = f"#{second_item} form[data-part$='decision-form'] .form-error"
    until(b, lambda b: "only used when the votes are equal (3 for, 1 against)" in text_of(b, error))
    assert git(root, "rev-parse", "HEAD") == record  # nothing committed
    checked["refused"] = axe_violations(b)
    for k, n in (("for", "2"), ("against", "2")):
        field = b.find_element("id", f"{second_item}-count-{k}")
        field.clear()
        field.send_keys(n)
    enter("Lee Marsh", lambda: b.find_element("xpath", f"//section[@id='{second_item}']//button[.='Record decision']").click())
    add_action(second_item, "Write to schools", "AB")

    # an early departure loses the quorum: the page warns at once, on both clerks' screens
    def leave():
        box = b.find_element("id", "left-CD")
        box.send_keys("1140AM", Keys.ENTER)
    enter("Lee Marsh", leave)
    until(b, lambda b: "Not quorate" in text_of(b, "#quorum [role=alert]"))
    assert "The quorum was lost at 11.40am, when Chandra D'Souza left." in text_of(b, "#quorum")
    until(other, lambda o: "Not quorate" in text_of(o, "#quorum"))
    checked["inquorate"] = axe_violations(b)
    b.execute_script("window.scrollTo(0, 0)")
    b.save_screenshot(str(tmp_path / "meeting-page.png"))  # docs/meeting-page.png is one of these

    def close():
        box = b.find_element("id", "closed-at")
        box.send_keys("1155AM", Keys.ENTER)
    enter("Lee Marsh", close)
    b.get(page + "#after")
    checked["closed"] = axe_violations(b)
    assert {k: v for k, v in checked.items() if v} == {}

    # the draft minutes hold it all
    gd("render", "minutes", DAY, "--format", "pdf", "--output", tmp_path / "out")
    pdf = next((tmp_path / "out").glob("*.pdf"))
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("(arrived 10.05am)", "(arrived 10.20am)", "Sam Underwood (SU) for Grace Hughes",
                     "The meeting was not quorate from 11.40am, when Chandra D'Souza left.",
                     "declared a disclosable pecuniary interest (her partner supplies the service)",
                     "• Pressures in placements", "• Transport costs", "1. Option A", "2. Option B",
                     "RESOLVED that the budget be endorsed", "For: Alice Brown, Sam Underwood; Against: Éamon Fitzgerald",
                     "carried on the casting vote of the Chair, Alice Brown", "Report placement costs",
                     "Review transport spend", "Write to schools", "closed at 11.55am"):
        assert expected in text, f"{expected!r} not in {text}"
    actions = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in (root / "actions/send-pb").glob("*.yaml")]
    assert len(actions) == 3

    # one commit per entry, each in its clerk's name, marked as made on the web
    made = int(git(root, "rev-list", "--count", "HEAD")) - start
    log = git(root, "log", f"-{made}", "--format=%an|%(trailers:key=Govdocs-Via,valueonly)|%s").splitlines()
    log = [line for line in log if line.strip()]
    by = {who: sum(1 for line in log if line.startswith(who + "|web")) for who in entries}
    assert by == entries and made == sum(entries.values()), "\n".join(log)
