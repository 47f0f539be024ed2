"""``import-carpentries`` reads only inside SRC, writes only inside DEST, and
answers bad input with one clear error (exit status 2), never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sphinx_refinery import cli
from sphinx_refinery.sources.importer import LessonImportError, import_lesson

LESSON = Path(__file__).parent / "workbench-lesson"


@pytest.fixture
def lesson(tmp_path) -> Path:
    """A copy of the Workbench lesson, to spoil."""
    return Path(shutil.copytree(LESSON, tmp_path / "src"))


def set_episodes(lesson: Path, *entries: str) -> None:
    """List ``entries`` as the episodes in config.yaml."""
    config = lesson / "config.yaml"
    lines = config.read_text(encoding="utf-8").split("\n")
    start = lines.index("episodes:") + 1
    end = start
    while end < len(lines) and lines[end].startswith("- "):
        end += 1
    lines[start:end] = [f"- {entry}" for entry in entries]
    config.write_text("\n".join(lines), encoding="utf-8")


def run(capsys, src: Path, dest: Path) -> tuple[int, str]:
    status = cli.main(["import-carpentries", str(src), str(dest)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


@pytest.mark.parametrize("entry", ["../../secret.md", "../secret.md", "sub/../../secret.md"])
def test_entries_outside_src_are_refused(lesson, tmp_path, capsys, entry):
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    dest = tmp_path / "a" / "b" / "dest"
    status, err = run(capsys, lesson, dest)  # the lesson imports as it is
    assert status == 0
    set_episodes(lesson, "introduction.md", entry)
    status, err = run(capsys, lesson, tmp_path / "a" / "b" / "other")
    assert status == 2
    assert "is not a file of episodes/" in err and entry in err
    assert not (tmp_path / "a" / "secret.md").exists()
    assert not (tmp_path / "a" / "b" / "other").exists()


def test_an_absolute_entry_is_refused(lesson, tmp_path, capsys):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n", encoding="utf-8")
    set_episodes(lesson, str(secret))
    status, err = run(capsys, lesson, tmp_path / "dest")
    assert status == 2 and str(secret) in err


def test_links_out_of_src_are_not_followed(lesson, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret page\n\nSECRET TEXT\n", encoding="utf-8")
    (outside / "secret.png").write_bytes(b"SECRET IMAGE")
    episodes = lesson / "episodes"
    first = episodes / "introduction.md"
    first.unlink()
    first.symlink_to(outside / "secret.md")
    (episodes / "fig" / "secret.png").symlink_to(outside / "secret.png")
    (episodes / "fig" / "secrets").symlink_to(outside, target_is_directory=True)
    dest = tmp_path / "dest"
    status, _err = run(capsys, lesson, dest)
    assert status == 0
    out = capsys.readouterr().out
    copied = [p for p in dest.rglob("*") if p.is_file()]
    assert copied
    for path in copied:
        data = path.read_bytes()
        assert b"SECRET" not in data, path
    report = import_lesson(lesson, tmp_path / "dest2")
    links = [item for item in report.items if "outside the lesson" in item.message]
    assert {item.file for item in links} >= {f"episodes/{first.name}", "episodes/fig/secret.png"}
    assert out == "" or "Traceback" not in out


def test_pages_that_are_not_utf8_are_imported_and_reported(lesson, tmp_path):
    page = lesson / "episodes" / "introduction.md"
    page.write_bytes(b"# Caf\xe9\n\nSecond line.\n")
    report = import_lesson(lesson, tmp_path / "dest")
    [item] = [item for item in report.items if "UTF-8" in item.message]
    assert item.file == f"episodes/{page.name}" and item.line == 1
    text = (tmp_path / "dest" / "episodes" / page.name).read_text(encoding="utf-8")
    assert "Caf\ufffd" in text and "Second line." in text


def test_config_that_is_not_utf8(lesson, tmp_path, capsys):
    (lesson / "config.yaml").write_bytes(b"title: Caf\xe9\n")
    status, err = run(capsys, lesson, tmp_path / "dest")
    assert status == 2 and "not valid UTF-8" in err


def test_dest_that_is_a_file(lesson, tmp_path, capsys):
    dest = tmp_path / "dest"
    dest.write_text("a file", encoding="utf-8")
    status, err = run(capsys, lesson, dest)
    assert status == 2 and "is a file, not a folder" in err
    assert dest.read_text(encoding="utf-8") == "a file"


def test_dest_that_cannot_be_made(lesson, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    status, err = run(capsys, lesson, blocker / "dest")
    assert status == 2 and "error:" in err


BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["title: *i"]
)


def test_yaml_bomb_is_refused(lesson, tmp_path, capsys):
    (lesson / "config.yaml").write_text(BOMB + "\n", encoding="utf-8")
    status, err = run(capsys, lesson, tmp_path / "dest")
    assert status == 2 and "aliases" in err
    with pytest.raises(LessonImportError):
        import_lesson(lesson, tmp_path / "dest2")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_new_into_an_unwritable_folder(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert cli.main(["new", str(locked / "lesson"), "--title", "T"]) == 2
    finally:
        locked.chmod(0o700)
    err = capsys.readouterr().err
    assert "sphinx-refinery new: error:" in err and "Traceback" not in err


def test_new_into_a_file(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    assert cli.main(["new", str(target / "lesson"), "--title", "T"]) == 2
    assert cli.main(["new", str(target), "--title", "T"]) == 2
    err = capsys.readouterr().err
    assert err.count("sphinx-refinery new: error:") == 2 and "Traceback" not in err
