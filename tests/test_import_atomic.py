"""``matchevents import -o LOG`` never loses the log it was given: the new log is written beside it
and renamed into place only when there is something to write; ``--append`` adds all or nothing.
Exit status 2 means the log was not touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from matchevents._files import Replacement
from matchevents.importers.command import EXIT_BAD_RECORDS, EXIT_NOTHING_WRITTEN, main
from matchevents.log import read_log
from matchevents.stores import JsonlStore

FIXTURES = Path(__file__).parent / "fixtures" / "import"
PREVIOUS = b'{"not": "checked"}\nthe previous log, byte for byte\n'


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """A log that already holds something."""
    path = tmp_path / "keep.jsonl"
    path.write_bytes(PREVIOUS)
    return path


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_an_import_of_nothing_leaves_the_log_as_it_was_and_exits_2(
    log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "all-bad.csv"
    source.write_text("Date,HomeTeam,AwayTeam,FTHG,FTAG\nnot a date,A,B,1,0\n", encoding="utf-8")
    args = ["--competition", "C", "--season", "2023-24", "-o", str(log)]

    assert main(["football-data-csv", str(source), *args]) == EXIT_NOTHING_WRITTEN

    assert log.read_bytes() == PREVIOUS
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"matchevents import: nothing written: no match imported; {log} is left as it was"
    )
    assert hidden_files(tmp_path) == []


def test_a_file_in_the_wrong_format_leaves_the_log_as_it_was(log: Path) -> None:
    json_file = str(FIXTURES / "planted.json")
    assert main(["football-txt", json_file, "-o", str(log)]) == EXIT_NOTHING_WRITTEN
    assert log.read_bytes() == PREVIOUS


def test_a_successful_import_replaces_the_log_whole(log: Path, tmp_path: Path) -> None:
    status = main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log)])
    assert status == EXIT_BAD_RECORDS
    assert not log.read_bytes().startswith(PREVIOUS)
    assert len(list(read_log(log))) > 0
    assert hidden_files(tmp_path) == []


def test_append_adds_after_the_previous_content_byte_for_byte(tmp_path: Path) -> None:
    log = tmp_path / "planted.jsonl"
    assert main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log)]) == 1
    previous = log.read_bytes()
    args = ["--competition", "Planted", "--season", "2023-24", "-o", str(log), "--append"]

    assert main(["football-data-csv", str(FIXTURES / "planted.csv"), *args]) == 1

    assert log.read_bytes().startswith(previous)
    assert len(log.read_bytes()) > len(previous)


def test_the_new_log_keeps_the_permissions_of_the_one_it_replaces(log: Path) -> None:
    log.chmod(0o640)
    main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log)])
    assert log.stat().st_mode & 0o777 == 0o640


def test_a_symbolic_link_to_the_log_stays_a_link_to_the_new_log(log: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.jsonl"
    link.symlink_to(log)
    main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(link)])
    assert link.is_symlink()
    assert log.read_bytes() != PREVIOUS


def test_a_log_a_store_holds_open_is_refused_and_the_store_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "live.jsonl"
    with JsonlStore(log):
        before = log.read_bytes()
        status = main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log), "--append"])
        assert status == EXIT_NOTHING_WRITTEN
        assert log.read_bytes() == before
    assert capsys.readouterr().err == (
        f"matchevents import: cannot write {log}: {log} is in use by another process; "
        "nothing written\n"
    )


def test_a_log_in_a_missing_folder_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "no-such-folder" / "out.jsonl"
    status = main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log)])
    assert status == EXIT_NOTHING_WRITTEN
    assert capsys.readouterr().err == (
        f"matchevents import: cannot write {log}: No such file or directory; nothing written\n"
    )


def test_a_folder_given_as_the_log_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(tmp_path)])
    assert status == EXIT_NOTHING_WRITTEN
    assert capsys.readouterr().err == (
        f"matchevents import: cannot write {tmp_path}: {tmp_path} is a folder; nothing written\n"
    )


def test_appending_to_a_file_that_is_no_log_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_log = tmp_path / "results.csv"
    not_a_log.write_bytes(b"Date,HomeTeam\n2024-01-01,A\n")
    args = ["-o", str(not_a_log), "--append"]
    assert main(["football-txt", str(FIXTURES / "planted.txt"), *args]) == EXIT_NOTHING_WRITTEN
    assert not_a_log.read_bytes() == b"Date,HomeTeam\n2024-01-01,A\n"
    assert capsys.readouterr().err.endswith(
        f"matchevents import: {not_a_log} is not a matchevents log (none of its 2 lines is an "
        "event); nothing written\n"
    )


def test_a_replacement_left_without_commit_leaves_the_file_and_no_trace(log: Path) -> None:
    with Replacement(log, keep=True) as replacement:
        replacement.path.write_bytes(b"half of something")
    assert log.read_bytes() == PREVIOUS
    assert not replacement.path.exists()


def test_a_replacement_that_fails_midway_leaves_the_file(log: Path) -> None:
    def write_half_and_fail(replacement: Replacement) -> None:
        with replacement.path.open("ab") as new:
            new.write(b"more")
        raise OSError("No space left on device")

    replacement = Replacement(log, keep=True)
    with pytest.raises(OSError, match="No space left"), replacement:
        write_half_and_fail(replacement)
    assert log.read_bytes() == PREVIOUS
    assert not replacement.path.exists()


def test_a_committed_replacement_is_the_file(log: Path) -> None:
    with Replacement(log, keep=True) as replacement:
        with replacement.path.open("ab") as new:
            new.write(b"more\n")
        replacement.commit()
    assert log.read_bytes() == PREVIOUS + b"more\n"
    assert os.listdir(log.parent) == [log.name]


def test_the_next_replacement_removes_what_a_killed_one_left(log: Path) -> None:
    # A killed import leaves its hidden temporary file, locked by nobody.
    left = log.with_name(f".{log.name}.0badf00d.tmp")
    left.write_bytes(b"half of an import")
    with Replacement(log, keep=True) as replacement:
        assert not left.exists()
        replacement.commit()
    assert log.read_bytes() == PREVIOUS
    assert os.listdir(log.parent) == [log.name]


def test_a_replacement_in_progress_keeps_its_temporary_file(tmp_path: Path) -> None:
    new_log = tmp_path / "new.jsonl"  # no file yet: nothing to lock but the temporary files
    with Replacement(new_log) as first, Replacement(new_log) as second:
        assert first.path.exists()
        assert second.path.exists()
        first.path.write_bytes(b"first\n")
        first.commit()
    assert new_log.read_bytes() == b"first\n"
    assert os.listdir(tmp_path) == ["new.jsonl"]


def test_only_the_files_temporary_files_are_removed(log: Path) -> None:
    others = [
        log.with_name(".other.jsonl.0badf00d.tmp"),  # another log's
        log.with_name(f".{log.name}.notours.tmp"),  # not a name this module makes
        log.with_name(f"{log.name}.0badf00d.tmp"),  # not hidden
    ]
    for other in others:
        other.write_bytes(b"")
    with Replacement(log, keep=True):
        pass
    assert all(other.exists() for other in others)
