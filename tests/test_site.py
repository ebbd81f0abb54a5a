"""govdocs site: the example's public website, checked as a reader, a link checker, an HTML parser, an
OParl client and a calendar would; and nothing exempt in any byte of it, for any record."""
from __future__ import annotations

import json
import os
import re
import shutil
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from conftest import Gd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from site_bytes import all_bytes, site_files

BASE = "https://democracy.example.gov.uk"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory, request):
    example = request.getfixturevalue("example_copy")
    out = tmp_path_factory.mktemp("site") / "site"
    Gd(example)("site", "-o", out, "--base-url", BASE, today="2020-02-01")
    return example, out


def test_the_example_site_holds_the_record_and_every_link_resolves(example_site):
    example, out = example_site
    pages = {f: f.read_text() for f in site_files(out) if f.suffix == ".html"}
    assert len(pages) > 30
    text = "\n".join(pages.values())
    assert "Kingston SEND Partnership Board" in text and "Queen Anne Suite" in text
    broken, errors = [], []
    for f, html in pages.items():
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(html)
        errors += [f"{f.relative_to(out)}: {e}" for e in parser.errors[:1]]
        for ref in re.findall(r"""(?:href|src)=["']([^"']+)["']""", html):
            if ref.startswith(("#", "mailto:")) or re.match(r"^[a-z]+://", ref):
                continue
            target = (f.parent / unquote(urlsplit(ref).path)).resolve()
            if not target.exists():
                broken.append(f"{f.relative_to(out)} -> {ref}")
    assert not errors and not broken, (errors[:3], broken[:3])
    for name in ("calendar.ics", "feed.xml", "oparl/system.json", "search.html", "pagefind/pagefind.js"):
        assert (out / name).is_file(), name


def test_each_meeting_page_offers_its_agenda_minutes_and_pack_as_pdfs(example_site):
    from readback import pdf_text

    example, out = example_site
    page = (out / "boards/send-pb/2019-11-14/index.html").read_text()
    links = re.findall(r'href="[./]*(boards/send-pb/2019-11-14/[^"]+\.pdf)" download>([^<]+)</a>', page)
    named = {title: path for path, title in links}
    assert {"Agenda", "Minutes", "Agenda pack (agenda, reports and appendices)"} <= set(named)
    minutes = " ".join(pdf_text(out / named["Minutes"]).split())
    assert "MINUTES OF KINGSTON SEND PARTNERSHIP BOARD" in minutes and "Ian Thomas" in minutes
    pack = " ".join(pdf_text(out / named["Agenda pack (agenda, reports and appendices)"]).split())
    assert "Contents" in pack and "Appendix" in pack
    assert "Agenda" in " ".join(pdf_text(out / named["Agenda"]).split())
    # a meeting with no minutes yet offers none
    later = (out / "boards/send-pb/2020-01-23/index.html").read_text()
    assert "-agenda.pdf" in later and "-minutes.pdf" not in later


def test_an_oparl_client_can_walk_from_the_system_to_every_meeting(example_site):
    example, out = example_site

    def get(url: str) -> dict:
        assert url.startswith(BASE + "/oparl/"), url
        return json.loads((out / url[len(BASE) + 1:]).read_text())

    system = json.loads((out / "oparl/system.json").read_text())
    assert system["type"] == "https://schema.oparl.org/1.1/System" and system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    body = get(system["body"])["data"][0]
    for key in ("id", "type", "name", "organization", "person", "meeting", "paper", "legislativeTerm"):
        assert key in body, key  # the Body's required fields
    meetings = get(body["meeting"])["data"]
    assert {m["start"][:10] for m in meetings} >= {"2019-11-14", "2020-01-23"}
    for m in meetings:
        assert get(m["id"])["id"] == m["id"] and m["type"].endswith("/Meeting")
        for a in m["agendaItem"]:
            assert get(a["id"])["meeting"] == m["id"]
            for f in a["auxiliaryFile"]:
                assert (out / f["accessUrl"][len(BASE) + 1:]).is_file()
    people = get(body["person"])["data"]
    assert any(p["name"].startswith("Ian Dodds") for p in people)
    for p in people:
        for ms in p["membership"]:
            assert get(ms["organization"])["type"].endswith("/Organization")


def test_calendars_have_a_stable_uid_per_meeting(example_site):
    from icalendar import Calendar

    example, out = example_site
    cal = Calendar.from_ical((out / "calendar.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)) == len(list(example.glob("meetings/*/*/meeting.yaml")))
    assert all(e.get("LOCATION") and str(e.get("URL", "")).startswith(BASE) for e in events)


def test_a_rebuild_after_one_change_rewrites_only_what_changes_and_removes_what_became_private(example_site, tmp_path):
    example, out = example_site
    copy = tmp_path / "example"
    shutil.copytree(example, copy, ignore=shutil.ignore_patterns(".govdocs"))
    site = tmp_path / "site"
    gd = Gd(copy)
    gd("site", "-o", site, "--base-url", BASE, "--no-search", "--no-pdfs", today="2020-02-01")
    again = gd("site", "-o", site, "--base-url", BASE, "--no-search", "--no-pdfs", today="2020-02-01")
    assert "is up to date" in again.output
    gd("action", "update", "SEND-PB-2019-11-14-5a", "--note", "Two returns still missing", today="2020-01-20")
    changed = gd("site", "-o", site, "--base-url", BASE, "--no-search", "--no-pdfs", today="2020-02-01").output
    n = int(re.search(r"(\d+) changed", changed).group(1))
    assert 0 < n < 10, changed
    # an item made exempt later disappears: its paper and text are removed from the site
    paper = next(site.glob("boards/send-pb/2020-01-23/papers/*"))
    from govdocs.store.workspace import Workspace

    m = Workspace(copy).meeting("send-pb", "2020-01-23")
    number = next(s.number for it in m.items for s in [it, *it.sub_items]
                  if any(p.file.endswith(paper.name) for p in s.papers))
    gd("item", "edit", "2020-01-23", number, "--exempt", "3", today="2020-01-10")
    gd("site", "-o", site, "--base-url", BASE, "--no-search", "--no-pdfs", today="2020-02-01")
    assert not paper.exists()


WORD = st.text(alphabet=st.characters(min_codepoint=97, max_codepoint=122), min_size=6, max_size=10)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(secret=WORD, n_public=st.integers(1, 3), sub=st.booleans(), decided=st.booleans(), raise_action=st.booleans())
def test_nothing_exempt_reaches_any_byte_of_the_site(tmp_path_factory, secret, n_public, sub, decided, raise_action):
    secret = "zq" + secret  # never a word the site prints anyway
    root = tmp_path_factory.mktemp("ws") / "ws"
    gd = Gd(root.parent)
    gd("init", root, "--council", "Testshire County Council")
    gd.cwd = root
    gd("board", "add", "send-pb", "--name", "Testshire SEND Partnership Board")
    gd("person", "add", "AB", "--name", "Alice Brown")
    gd("member", "add", "send-pb", "AB", "--chair")
    gd("meeting", "new", "send-pb", "2030-01-10", "--venue", "Room 1", today="2030-01-02")
    for i in range(n_public):
        gd("item", "add", "2030-01-10", f"Public item {i}", today="2030-01-02")
    paper = root.parent / f"{secret}-contract.pdf"
    from weasyprint import HTML

    HTML(string=f"<p>{secret} terms</p>").write_pdf(str(paper))
    item = gd("item", "add", "2030-01-10", f"{secret} placement", "--exempt", "3", "--paper", paper,
              today="2030-01-02").stdout.strip()
    target = item
    if sub:
        target = gd("item", "add", "2030-01-10", f"{secret} appendix", "--under", item, today="2030-01-02").stdout.strip()
    gd("attendance", "2030-01-10", "--present", "AB", "--declare", f"AB:{target}:{secret} shareholding",
       today="2030-01-10")
    gd("minute", "2030-01-10", target, "--text", f"The {secret} terms were noted.",
       *(["--resolved", f"That the {secret} contract be let."] if decided else []))
    if raise_action:
        gd("action", "add", "2030-01-10", target, f"Renegotiate the {secret} clause", "--owner", "AB",
           today="2030-01-10")
    gd("forward", "add", "send-pb", "2030-03-12", f"{secret} review", "--exempt", "3", today="2030-01-10")
    out = root.parent / "site"
    gd("site", "-o", out, "--base-url", BASE, today="2030-01-20")
    everything = all_bytes(out)
    assert secret.encode() not in everything
    assert b"public item 0" in everything


def test_a_meeting_page_names_who_attended_and_owns_actions_and_the_plan_shows_only_what_is_to_come(meeting, tmp_path):
    root, gd, item = meeting
    gd("person", "add", "PO", "--name", "Pat Officer", "--role", "Commissioning Manager")
    gd("attendance", "2030-01-10", "--present", "AB,CD", "--in-attendance", "PO", "--public", "3", today="2030-01-10")
    gd("action", "add", "2030-01-10", item, "Report the budget gap", "--owner", "PO", today="2030-01-10")
    gd("forward", "add", "send-pb", "2030-01-10", "Budget monitoring", today="2030-01-02")
    gd("forward", "add", "send-pb", "2030-06-12", "Sufficiency strategy", today="2030-01-02")
    out = tmp_path / "site"
    gd("site", "-o", out, "--base-url", BASE, "--no-search", "--no-pdfs", today="2030-02-01")
    page = (out / "boards/send-pb/2030-01-10/index.html").read_text()
    assert "Also in attendance: Pat Officer (Commissioning Manager)." in page
    assert "3 members of the public were present." in page
    assert "Report the budget gap — Pat Officer (Commissioning Manager)" in page
    board = (out / "boards/send-pb/index.html").read_text()
    plan = board[board.index("Forward plan"):]
    assert "Sufficiency strategy" in plan and "Budget monitoring" not in plan
    assert (out / "people/po.html").exists()  # an owner named on a page has a page, and is in the OParl list
    assert "Pat Officer" in (out / "oparl/body/people.json").read_text()


def test_search_results_are_titled_by_meeting_and_minute_and_read_as_text(example_site):
    import gzip

    example, out = example_site
    fragments = []
    for f in out.glob("**/pagefind/fragment/*.pf_fragment"):  # the council's index and each board's
        raw = gzip.decompress(f.read_bytes())
        fragments.append(json.loads(raw[raw.index(b"{"):]))
    meetings = [d for d in fragments if re.search(r"/boards/[^/]+/\d{4}-\d\d-\d\d/$", d["url"])]
    assert len(meetings) == len(list(example.glob("meetings/*/*/meeting.yaml")))
    for d in meetings:
        assert re.fullmatch(r".+ Board: \w+day \d{1,2} \w+ \d{4}", d["meta"]["title"]), d["meta"]
        assert not re.search(r"Minute\d|No\.Item|[a-z](Papers|Minute)\b", d["content"]), d["url"]
    held = next(d for d in meetings if d["url"].endswith("send-pb/2019-11-14/"))
    minutes = [a for a in held["anchors"] if a["element"] == "h4"]
    assert minutes and minutes[0]["id"] == "minute-1" and minutes[0]["text"].startswith("Minute 1. ")


def test_the_decisions_register_lists_each_decision_once(meeting, tmp_path):
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", today="2030-01-10")
    gd("minute", "2030-01-10", item, "--text", "Noted.", "--resolved", "That the budget be noted.",
       "--resolved", "That a recovery plan be brought to the next meeting.")
    gd("meeting", "new", "hwb", "2031-01-09", today="2030-12-01")
    hwb_item = gd("item", "add", "2031-01-09", "Pharmacy needs assessment", today="2030-12-01").stdout.strip()
    gd("attendance", "2031-01-09", "--present", "AB", today="2031-01-09")
    gd("minute", "2031-01-09", hwb_item, "--resolved", "That the assessment be published.", today="2031-01-09")
    out = tmp_path / "site"
    gd("site", "-o", out, "--base-url", BASE, "--no-search", "--no-pdfs", today="2031-02-01")
    page = (out / "decisions" / "index.html").read_text()
    links = [x for x in re.findall(r'href="\.\./decisions/([^"]+)\.html"', page) if x != "index"]
    assert len(links) == len(set(links)) == len(list((out / "decisions").glob("*.html"))) - 1 == 3
    assert page.index('id="year-2031"') < page.index("That the assessment be published.") < \
        page.index('id="year-2030"') < page.index("That the budget be noted.")


def test_the_calendar_lists_every_meeting_from_today_by_month(meeting, tmp_path):
    root, gd, item = meeting
    gd("meeting", "new", "hwb", "2030-03-05", "--time", "18:30", "--venue", "Council Chamber", today="2030-01-02")
    gd("meeting", "new", "send-pb", "2030-03-19", today="2030-01-02")
    out = tmp_path / "site"
    gd("site", "-o", out, "--base-url", BASE, "--no-search", "--no-pdfs", today="2030-02-01")
    page = (out / "calendar.html").read_text()
    assert "January 2030" not in page and "10 January" not in page  # held already
    march = page[page.index('id="month-1">March 2030</h2>'):]
    assert march.index("Tuesday 5 March 2030") < march.index("Tuesday 19 March 2030")
    assert "6.30pm" in march and "Council Chamber" in march
    assert 'href="calendar.html"' in (out / "index.html").read_text()


def test_the_site_is_the_same_bytes_whatever_order_python_hashes_in(example_copy, tmp_path):
    """A rebuild that changes nothing changes no byte: the OParl people were once listed in set order."""
    import os
    import subprocess
    import sys

    built = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        subprocess.run([sys.executable, "-m", "govdocs", "site", "-o", str(out), "--base-url",
                        "https://democracy.example.gov.uk"], cwd=example_copy, check=True, capture_output=True,
                       env=dict(os.environ, PYTHONHASHSEED=seed, GOVDOCS_TODAY="2020-01-20"))
        built.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert built[0].keys() == built[1].keys() and len(built[0]) > 100
    assert [k for k in built[0] if built[0][k] != built[1][k]] == []


def tree_bytes(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_unchanged_record_is_not_built_again_and_the_site_is_the_same_as_a_fresh_build(example_site, tmp_path,
                                                                                          monkeypatch):
    example, _ = example_site
    copy = tmp_path / "example"
    shutil.copytree(example, copy, ignore=shutil.ignore_patterns(".govdocs"))
    gd = Gd(copy)
    site = copy / "public" / "site"  # inside the workspace: what it writes is not among what it is made from
    args = ("site", "-o", site, "--base-url", BASE, "--no-pdfs")
    first = gd(*args, today="2020-02-01")
    assert "files," in first.output
    assert "is up to date" in gd(*args, today="2020-02-01").output
    os.utime(copy / "people.yaml", ns=(1, 1))  # as a checkout leaves it: the same bytes
    assert "is up to date" in gd(*args, today="2020-02-01").output
    page = site / "calendar.html"
    page.unlink()  # a file of the site lost or changed by hand: built again
    assert "1 changed" in gd(*args, today="2020-02-01").output and page.is_file()
    assert "is up to date" not in gd(*args, today="2020-02-02").output  # a new day: upcoming meetings move on
    people = copy / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Ian Thomas", "Ian Thomas-Smith"), encoding="utf-8")
    changed = gd(*args, today="2020-02-02").output
    assert "is up to date" not in changed and "Ian Thomas-Smith" in (site / "boards/send-pb/index.html").read_text()
    # byte for byte what a build with no cache at all writes
    monkeypatch.setenv("GOVDOCS_CACHE_DIR", str(tmp_path / "no-cache-yet"))
    fresh = tmp_path / "fresh"
    gd("site", "-o", fresh, "--base-url", BASE, "--no-pdfs", today="2020-02-02")
    assert tree_bytes(fresh) == tree_bytes(site)


def stamps(folder) -> dict:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file() and p.name != ".govdocs-site.json"}


def own_site(example_site, tmp_path):
    """A copy of the example to change, and the arguments that build its site (no PDFs) into tmp_path/site."""
    example, _ = example_site
    copy = tmp_path / "example"
    shutil.copytree(example, copy, ignore=shutil.ignore_patterns(".govdocs"))
    site = tmp_path / "site"
    return Gd(copy), site, ("site", "-o", site, "--base-url", BASE, "--no-pdfs")


def assert_as_a_fresh_build(gd, site, tmp_path, monkeypatch) -> None:
    """The site, made in parts over several builds, is byte for byte what one build with no memory writes."""
    monkeypatch.setenv("GOVDOCS_CACHE_DIR", str(tmp_path / "no-cache-yet"))
    fresh = tmp_path / "fresh"
    gd("site", "-o", fresh, "--base-url", BASE, "--no-pdfs", today="2020-02-01")
    assert tree_bytes(fresh) == tree_bytes(site)


def test_one_boards_change_makes_only_that_boards_part_again_and_the_same_bytes_as_a_fresh_build(
        example_site, tmp_path, monkeypatch):
    gd, site, args = own_site(example_site, tmp_path)
    assert "made again: everything" in gd(*args, today="2020-02-01").output
    before = stamps(site)
    gd("action", "update", "SEND-PB-2019-11-14-5a", "--note", "Zqreturns still missing", today="2020-01-20")
    out = gd(*args, today="2020-02-01").output
    # send-pb's, and hwb's, whose log holds send-pb actions escalated to it; not the council-wide pages
    assert "made again: hwb, send-pb" in out, out
    after = stamps(site)
    untouched = [rel for rel in before if not rel.startswith("boards/")]
    assert len(untouched) > 50 and all(after[rel] == before[rel] for rel in untouched)  # people, OParl, decisions
    assert "Zqreturns" in (site / "boards/send-pb/actions.html").read_text()
    index = b"".join(__import__("gzip").decompress(f.read_bytes()) for f in site.rglob("*.pf_fragment"))
    assert b"Zqreturns" in index  # the board's own search index was made again
    # a meeting's change reaches the council-wide pages (decisions, attendance on people's pages), and hwb's,
    # which reads send-pb's meetings for whether the actions escalated to it are exempt
    gd("attendance", "2020-01-23", "--apologies", "AW", today="2020-01-23")
    assert "made again: everything" in gd(*args, today="2020-02-01").output
    assert_as_a_fresh_build(gd, site, tmp_path, monkeypatch)


def test_an_item_made_exempt_at_one_board_takes_its_escalated_action_out_of_the_other_boards_part(
        example_site, tmp_path, monkeypatch):
    """hwb's files do not change, but its log holds a send-pb action: the part of hwb is made again."""
    gd, site, args = own_site(example_site, tmp_path)
    gd(*args, today="2020-02-01")
    words = b"workforce skills, knowledge and competency survey"
    hwb = lambda: b"".join(f.read_bytes() for f in (site / "boards/hwb").rglob("*.html"))  # noqa: E731
    assert words in hwb()
    gd("item", "edit", "2019-11-14", "5", "--exempt", "3", "--board", "send-pb", today="2020-02-01")
    gd(*args, today="2020-02-01")
    assert words not in hwb() and words not in all_bytes(site)
    assert_as_a_fresh_build(gd, site, tmp_path, monkeypatch)
