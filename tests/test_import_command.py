"""The ``matchevents import FORMAT FILE... -o LOG`` command: the log it writes, what it reports,
and its exit status."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from matchevents.importers import import_openfootball_json
from matchevents.importers.command import (
    EXIT_BAD_RECORDS,
    EXIT_NOTHING_WRITTEN,
    EXIT_OK,
    main,
)
from matchevents.log import read_log, replay

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def test_a_clean_import_writes_every_event_and_exits_0(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pl.jsonl"
    source = shared_data / "football-data" / "premier-league.season-2324.csv"
    status = main(["football-data-csv", str(source), "-o", str(log)])
    assert status == EXIT_OK
    out = capsys.readouterr().out
    assert "380 matches imported, 0 records rejected" in out
    replayed = replay(log)
    assert (replayed.matches, replayed.problems) == (380, ())


def test_bad_records_are_reported_the_good_matches_written_and_the_exit_is_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "planted.jsonl"
    status = main(["openfootball-json", str(FIXTURES / "planted.json"), "-o", str(log)])
    assert status == EXIT_BAD_RECORDS
    captured = capsys.readouterr()
    rejected = [line for line in captured.err.splitlines() if line.startswith("rejected: ")]
    assert len(rejected) == 14
    assert "planted.json#11" in rejected[8]
    assert "shootout-level" in rejected[8]
    expected = import_openfootball_json(FIXTURES / "planted.json")
    assert list(read_log(log)) == list(expected.events())


def test_stop_writes_nothing_and_names_the_first_bad_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "planted.jsonl"
    status = main(["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log), "--stop"])
    assert status == EXIT_NOTHING_WRITTEN
    assert not log.exists()
    assert "planted.txt:9" in capsys.readouterr().err


def test_several_files_go_to_one_log_and_append_adds_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "both.jsonl"
    csv = str(FIXTURES / "planted.csv")
    args = ["--competition", "Planted", "--season", "2023-24", "-o", str(log)]
    assert main(["football-data-csv", csv, *args]) == EXIT_BAD_RECORDS
    once = len(list(read_log(log)))
    assert main(["football-txt", str(FIXTURES / "planted.txt"), *args, "--append"]) == 1
    assert len(list(read_log(log))) > once
    assert "records rejected" in capsys.readouterr().out


def test_a_file_that_cannot_be_imported_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "results.csv"
    source.write_text("Date,HomeTeam,AwayTeam,FTHG,FTAG\n2023-08-11,A,B,1,0\n", encoding="utf-8")
    log = tmp_path / "out.jsonl"
    assert main(["football-data-csv", str(source), "-o", str(log)]) == EXIT_NOTHING_WRITTEN
    assert not log.exists()
    assert "competition" in capsys.readouterr().err


def test_a_teams_file_that_cannot_be_read_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "out.jsonl"
    status = main(
        ["football-txt", str(FIXTURES / "planted.txt"), "-o", str(log), "--teams", "nope.csv"]
    )
    assert status == EXIT_NOTHING_WRITTEN
    assert "nope.csv" in capsys.readouterr().err


def test_the_matchevents_command_runs_the_import(tmp_path: Path) -> None:
    from matchevents.cli import main as matchevents

    log = tmp_path / "planted.jsonl"
    out, err = io.StringIO(), io.StringIO()
    status = matchevents(
        ["import", "football-txt", str(FIXTURES / "planted.txt"), "-o", str(log)], out, err
    )
    assert status == EXIT_BAD_RECORDS
    assert "3 matches imported, 10 records rejected" in out.getvalue()
    assert sum(line.startswith("rejected: ") for line in err.getvalue().splitlines()) == 10
    validated = io.StringIO()
    assert matchevents(["validate", str(log)], validated, io.StringIO()) == EXIT_OK
