"""Exempt (Part 2) business never reaches a public output; unclear exemption refuses to publish."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import git
from pypdf import PdfReader

SECRET = "Zanzibar placement settlement"
SECRET_ACTION = "Negotiate the Zanzibar fee"


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def _outputs(out: Path) -> str:
    """Every public output's text: HTML, PDF text and outline, .docx text, as one string."""
    import docx

    chunks = []
    for f in sorted(out.rglob("*")):
        if f.suffix == ".html":
            chunks.append(f.read_text())
        elif f.suffix == ".pdf":
            r = PdfReader(str(f))
            chunks.append(_pdf_text(f))
            chunks.append(" ".join(o.title for o in r.outline if hasattr(o, "title")))
            chunks.append(str(r.metadata))
        elif f.suffix == ".docx":
            d = docx.Document(str(f))
            chunks.append("\n".join(p.text for p in d.paragraphs))
            chunks.extend(c.text for t in d.tables for row in t.rows for c in row.cells)
    return "\n".join(chunks)


@pytest.fixture
def exempt_meeting(meeting):
    """The 2030-01-10 meeting with a Part 2 item (paragraph 3), a sub-item under it, actions on both,
    and a declaration of interest on the exempt item."""
    root, gd, item = meeting
    ex = gd("item", "add", "2030-01-10", SECRET, "--presenter", "CD", "--exempt", "3", today="2030-01-02").stdout.strip()
    sub = gd("item", "add", "2030-01-10", "Zanzibar legal advice", "--under", ex, today="2030-01-02").stdout.strip()
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", "--declare", f"EF:{ex}:Zanzibar trustee")
    a1 = gd("action", "add", "2030-01-10", ex, SECRET_ACTION, "--owner", "CD").stdout.strip()
    a2 = gd("action", "add", "2030-01-10", sub, "Zanzibar counsel opinion", "--owner", "AB").stdout.strip()
    gd("action", "add", "2030-01-10", item, "Circulate the public budget", "--owner", "CD")
    return root, gd, item, ex, sub, a1, a2


def test_public_documents_hold_nothing_of_an_exempt_item_or_its_sub_items(exempt_meeting, tmp_path):
    root, gd, item, ex, sub, a1, a2 = exempt_meeting
    out = tmp_path / "public"
    for kind in ("agenda", "minutes", "actions"):
        gd("render", kind, "2030-01-10", "--format", "html,docx,pdf", "-o", out)
    text = _outputs(out)
    assert "High needs budget" in text  # the public business is there
    for word in ("Zanzibar", a1, a2):
        assert word not in text
    # the next meeting's action log carries the actions: the public one only in public
    gd("meeting", "new", "send-pb", "2030-03-05", today="2030-02-01")
    gd("render", "actions", "2030-03-05", "--format", "html,pdf,docx", "-o", tmp_path / "next", today="2030-03-01")
    text = _outputs(tmp_path / "next")
    assert "Circulate the public budget" in text and "Zanzibar" not in text and a1 not in text
    private = tmp_path / "private"
    gd("render", "actions", "2030-03-05", "--format", "html", "--private", "-o", private, today="2030-03-01")
    assert SECRET_ACTION in _outputs(private) and "Zanzibar counsel opinion" in _outputs(private)


def test_sub_item_of_an_exempt_item_is_exempt_and_its_title_stays_out_of_git(exempt_meeting):
    root, gd, item, ex, sub, a1, a2 = exempt_meeting
    log = git(root, "log", "--format=%B")
    assert "Zanzibar" not in log and "exempt item" in log


def test_declarations_on_exempt_items_are_not_in_public_minutes(exempt_meeting, tmp_path):
    root, gd, item, ex, *_ = exempt_meeting
    gd("render", "minutes", "2030-01-10", "--format", "html", "-o", tmp_path / "pub")
    gd("render", "minutes", "2030-01-10", "--format", "html", "--private", "-o", tmp_path / "priv")
    assert "Zanzibar trustee" not in _outputs(tmp_path / "pub")
    assert "Zanzibar trustee" in _outputs(tmp_path / "priv")


def test_escalating_an_exempt_action_keeps_it_off_the_receiving_boards_public_agenda(exempt_meeting, tmp_path):
    root, gd, item, ex, sub, a1, a2 = exempt_meeting
    gd("meeting", "new", "hwb", "2030-02-05", "--time", "14:00-16:00", today="2030-01-20")
    gd("action", "escalate", a1, "--to", "hwb", today="2030-01-20")
    out = tmp_path / "hwb"
    for kind in ("agenda", "actions"):
        gd("render", kind, "2030-02-05", "--board", "hwb", "--format", "html,pdf", "-o", out, today="2030-01-21")
    text = _outputs(out)
    assert a1 not in text and "Zanzibar" not in text
    priv = tmp_path / "hwb-private"
    gd("render", "agenda", "2030-02-05", "--board", "hwb", "--format", "html", "--private", "-o", priv)
    assert a1 in _outputs(priv)
    m = yaml.safe_load((root / "meetings/hwb/2030-02-05/meeting.yaml").read_text())
    esc = [i for i in m["items"] if i.get("kind") == "escalations"]
    assert esc and all(i.get("exempt") == 3 for i in esc)


def test_the_public_pack_holds_nothing_exempt(exempt_meeting, tmp_path):
    root, gd, item, ex, sub, a1, a2 = exempt_meeting
    gd("pack", "2030-01-10", "-o", tmp_path / "pack")
    text = _outputs(tmp_path / "pack")
    assert "Zanzibar" not in text and a1 not in text


@pytest.mark.parametrize("flag", ["yes", "'3a'", "para 3", "[3]", "0", "true", "8", "3.0"])
def test_an_unclear_exempt_flag_refuses_public_documents(exempt_meeting, tmp_path, flag):
    root, gd, *_ = exempt_meeting
    path = root / "meetings/send-pb/2030-01-10/meeting.yaml"
    text = path.read_text()
    assert "exempt: 3" in text
    path.write_text(text.replace("exempt: 3", f"exempt: {flag}", 1))
    git(root, "commit", "-qam", "hand edit")
    r = gd("render", "agenda", "2030-01-10", "--format", "html", "-o", tmp_path / "o", ok=False)
    assert r.exit_code == 1 and "meeting.yaml:" in r.output and "refusing" in r.output
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())
    r = gd("pack", "2030-01-10", "-o", tmp_path / "p", ok=False)
    assert r.exit_code == 1 and "refusing" in r.output
    r = gd("check", ok=False)
    assert r.exit_code == 1 and "not a paragraph of Schedule 12A" in r.output
    gd("render", "agenda", "2030-01-10", "--format", "html", "--private", "-o", tmp_path / "priv")


def test_an_exempt_forward_plan_entry_stays_private_and_becomes_a_part_2_item(ws, tmp_path):
    root, gd = ws
    gd("forward", "add", "send-pb", "2030-03-05", "Zanzibar contract award", "--exempt", "3")
    gd("forward", "add", "send-pb", "2030-03-05", "Inclusion strategy")
    gd("meeting", "new", "send-pb", "2030-01-10", today="2030-01-01")
    gd("render", "forward-plan", "2030-01-10", "--format", "html,pdf", "-o", tmp_path / "fp")
    assert "Zanzibar" not in _outputs(tmp_path / "fp") and "Inclusion strategy" in _outputs(tmp_path / "fp")
    gd("meeting", "new", "send-pb", "2030-03-05", today="2030-02-01")
    m = yaml.safe_load((root / "meetings/send-pb/2030-03-05/meeting.yaml").read_text())
    part2 = [i for i in m["items"] if "Zanzibar" in i["title"]]
    assert part2 and part2[0]["exempt"] == 3 and m["items"][-1] is part2[0]
    gd("render", "agenda", "2030-03-05", "--format", "html", "-o", tmp_path / "ag")
    assert "Zanzibar" not in _outputs(tmp_path / "ag")
    assert "Zanzibar" not in git(root, "log", "--format=%B")


def test_decisions_register_is_public_by_default(exempt_meeting):
    root, gd, item, ex, *_ = exempt_meeting
    gd("minute", "2030-01-10", ex, "--resolved", "That the Zanzibar settlement be approved.")
    assert "Zanzibar" not in gd("decisions", "--format", "json").stdout
    assert "Zanzibar" in gd("decisions", "--format", "json", "--private").stdout


def test_paper_paths_outside_the_meeting_folder_are_refused(meeting, tmp_path):
    root, gd, item = meeting
    secret = tmp_path / "secret.pdf"
    subprocess.run(["cp", str(Path(__file__).parent.parent / "meetings/send-pb/2020-01-23/papers/"
                         "wsoa-progress-update.pdf"), str(secret)], check=True)
    folder = root / "meetings/send-pb/2030-01-10"
    (folder / "papers").mkdir()
    (folder / "papers" / "link.pdf").symlink_to(secret)
    path = folder / "meeting.yaml"
    original = path.read_text()
    for bad in (str(secret), "../../../../secret.pdf", "papers/link.pdf"):
        data = yaml.safe_load(original)
        data["items"][-3]["papers"] = [{"file": bad}]
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        r = gd("check", ok=False)
        assert r.exit_code == 1 and "meeting.yaml:" in r.output, bad
        r = gd("pack", "2030-01-10", "-o", tmp_path / "pk", ok=False)
        assert r.exit_code == 1 and "Traceback" not in r.output, bad
        assert not list((tmp_path / "pk").glob("*.pdf")), bad


def test_action_ids_are_checked_before_any_path_is_built(meeting):
    root, gd, item = meeting
    before = (root / "people.yaml").read_text()
    n = git(root, "rev-list", "--count", "HEAD")
    for cmd in (("action", "update", "../../people", "--note", "x"), ("action", "done", "../people"),
                ("action", "escalate", "/etc/passwd", "--to", "hwb"), ("history", "/etc/passwd")):
        r = gd(*cmd, ok=False)
        assert r.exit_code in (1, 2) and "Traceback" not in r.output, cmd
    assert (root / "people.yaml").read_text() == before
    assert git(root, "rev-list", "--count", "HEAD") == n


def test_exempt_items_keep_titles_out_of_public_escalation_lines(exempt_meeting, tmp_path):
    """The Part 2 escalations item is numbered after the exclusion, so public numbering does not shift."""
    root, gd, item, ex, sub, a1, a2 = exempt_meeting
    gd("meeting", "new", "hwb", "2030-02-05", today="2030-01-20")
    gd("action", "escalate", a1, "--to", "hwb", today="2030-01-20")
    m = yaml.safe_load((root / "meetings/hwb/2030-02-05/meeting.yaml").read_text())
    kinds = [i.get("kind") for i in m["items"]]
    assert kinds.index("exclusion") < kinds.index("escalations")
