"""The YAML store: safe fast reads, round-trip writes that keep a person's edits."""
import pytest
import yaml

from govdocs.errors import RecordError
from govdocs.store import yamlio


def test_loader_keeps_times_codes_and_words_as_text(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("start: 19:00\ncode: 0123\nanswer: yes\ndate: 2019-11-14\nn: 5\nflag: true\n")
    data = yamlio.read(f)
    assert data == {"start": "19:00", "code": "0123", "answer": "yes", "date": "2019-11-14", "n": 5, "flag": True}


def test_python_tags_are_refused_with_file_and_line(tmp_path):
    f = tmp_path / "evil.yaml"
    f.write_text("ok: 1\nbad: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(RecordError) as e:
        yamlio.read(f, tmp_path)
    assert "evil.yaml:2:" in e.value.format_message()


def test_broken_yaml_names_file_and_line(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text("a: 1\nb: [unclosed\nc: 2\n")
    with pytest.raises(RecordError) as e:
        yamlio.read(f, tmp_path)
    msg = e.value.format_message()
    assert msg.startswith("broken.yaml:") and msg.split(":")[1].isdigit()


def test_round_trip_keeps_comments_and_changes_one_line(tmp_path):
    f = tmp_path / "action.yaml"
    original = "# written by hand\nid: X-1  # keep me\nstatus: open\nowners:\n  - ID\n  - NG\ntext: 'quoted'\n"
    f.write_text(original)
    doc = yamlio.load_for_edit(f)
    doc["status"] = "done"
    out = yamlio.dump(doc)
    changed = [(a, b) for a, b in zip(original.splitlines(), out.splitlines()) if a != b]
    assert changed == [("status: open", "status: done")]
    assert "# keep me" in out and "# written by hand" in out


@pytest.mark.parametrize("value", ["19:00", "0123", "yes", "No", "null", "1.5", "~", "on"])
def test_values_yaml11_would_misread_are_quoted(value):
    text = yamlio.dump(yamlio.to_yaml({"v": value}))
    assert yaml.safe_load(text)["v"] == value  # YAML 1.1 (PyYAML's default) reads it back as text
    assert yaml.load(text, Loader=yamlio.RecordLoader)["v"] == value


def test_line_of_finds_nested_keys(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("items:\n  - number: 1\n    title: A\n  - number: 2\n    presenters: [ZZ]\n")
    assert yamlio.line_of(f, ("items", 1, "presenters")) == 5
