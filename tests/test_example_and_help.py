"""The example Kingston workspace, and the command line's own documentation."""
import json

from conftest import Gd

from govdocs.cli import load_commands


def test_example_workspace_is_valid(example_copy):
    r = Gd(example_copy)("check")
    assert r.exit_code == 0 and "warning: NG has no name" in r.stdout


def test_example_meetings_and_actions(example_copy):
    gd = Gd(example_copy)
    out = gd("meeting", "list").stdout
    for d in ["2019-03-28", "2019-11-14", "2020-01-23", "2020-01-28"]:
        assert d in out
    rows = json.loads(gd("actions", "--board", "send-pb", "--status", "all", "--format", "json").stdout)
    owners = {o for r in rows for o in r["owner"]}
    assert {"ID", "NG", "AW", "PMS", "ST", "GO"} <= owners
    cycles = json.loads(gd("cycles", "--format", "json").stdout)
    nov = next(c for c in cycles if c["meeting"] == "2019-11-14")
    jan = next(c for c in cycles if c["meeting"] == "2020-01-23")
    assert nov["raised"] == 7 and jan["completed"] == 1 and jan["carried_forward"] == 6


def test_every_command_has_help_with_an_example():
    cli = load_commands()

    def walk(group, prefix=""):
        for name, cmd in group.commands.items():
            if hasattr(cmd, "commands"):
                yield from walk(cmd, prefix + name + " ")
            else:
                yield prefix + name, cmd
    commands = list(walk(cli))
    assert len(commands) >= 30
    for name, cmd in commands:
        assert cmd.help and "Example" in cmd.help, name


def test_version_and_readme_mention_every_top_level_command():
    cli = load_commands()
    readme = open(__file__.replace("tests/test_example_and_help.py", "README.md")).read()
    for name in cli.commands:
        assert f"`{name}" in readme or f" {name}" in readme, name


def test_meeting_show_summarises_one_meeting(example_copy):
    out = Gd(example_copy)("meeting", "show", "2019-11-14").stdout
    assert "3a. Written Statement of Action  [CP; minuted]" in out
    assert "action SEND-PB-2019-11-14-5b (NG, open)" in out and "apologies 7" in out


def test_check_finds_an_action_in_the_wrong_board_folder(example_copy, tmp_path):
    import shutil
    ws = tmp_path / "copy"
    shutil.copytree(example_copy, ws)
    src = ws / "actions/send-pb/SEND-PB-2019-11-14-7a.yaml"
    (ws / "actions/hwb").mkdir()
    src.rename(ws / "actions/hwb/SEND-PB-2019-11-14-7a.yaml")
    r = Gd(ws)("check", ok=False)
    assert r.exit_code == 1 and "does not match its folder actions/hwb/" in r.stdout


def test_the_example_minutes_of_14_november_hold_every_point_of_the_published_minutes(example_copy, tmp_path):
    """The seed's minutes (shared/seeds/000_…): each point is in the example's minutes, in brief words."""
    from readback import pdf_text, render

    files = render(Gd(example_copy), "minutes", "2019-11-14", tmp_path / "m", "pdf")
    text = " ".join(pdf_text(files["pdf"]).split())
    spotlight = text[text.index("The main points raised were"):text.index("Updates")]
    assert spotlight.count(";") == 24  # the 25 points the groups raised, each but the last ending in ';'
    for point in ["School Funding Specialist", "whole-school approach", "childhood trauma and attachment",
                  "Market management".lower(), "12 weeks rather than 16", "capacity issue in schools",
                  "Social Care Ombudsman", "Jessica Thom", "umbrella charity", "First 1,000", "an increase of 120",
                  "from 57 to 53", "from 25 to 20", "fixed-term exclusions", "five working days",
                  "Task and Finish Group", "induction to specialist practitioner", "positive energy",
                  "Early years seen as a significant strength".lower(), "young person to attend",
                  "Joint Director of Children's Services", "third in England"]:
        assert point.lower() in text.lower(), point
    assert "RESOLVED" not in text  # the published minutes record no formal resolution
