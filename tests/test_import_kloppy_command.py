"""``matchevents import`` of event data: one format per provider, its companion files as options,
the day of the match where the provider gives none; the log is a log like any other."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from matchevents.cli import main as matchevents
from matchevents.importers.command import (
    EXIT_NOTHING_WRITTEN,
    EXIT_OK,
    main,
)
from matchevents.log import replay

kloppy = pytest.importorskip("kloppy", reason="the kloppy extra is not installed")


def shipped(name: str) -> str:
    """A provider file of kloppy's wheel (``kloppy/tests/files``), read in place."""
    path = Path(str(resources.files("kloppy") / "tests" / "files" / name))
    if not path.is_file():
        pytest.skip(f"kloppy {kloppy.__version__} ships no tests/files/{name}")
    return str(path)


EURO = [
    "statsbomb",
    "statsbomb_3788741_event.json",
    "--lineup",
    "statsbomb_3788741_lineup.json",
    "--competition",
    "UEFA Euro",
    "--season",
    "2020",
    "--date",
    "2021-06-11",
]


def euro(*more: str) -> list[str]:
    return [shipped(arg) if arg.endswith(".json") else arg for arg in EURO] + list(more)


@pytest.fixture(scope="module")
def euro_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    log = tmp_path_factory.mktemp("euro") / "euro.jsonl"
    assert main(euro("-o", str(log))) == EXIT_OK
    return log


def test_a_statsbomb_match_imports_with_its_line_up_file_and_date(euro_log: Path) -> None:
    replayed = replay(euro_log)
    assert (replayed.matches, replayed.problems) == (1, ())


def test_show_of_the_imported_match_gives_the_own_goal_to_italy(
    euro_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert matchevents(["show", str(euro_log), "turkey"]) == 0
    out = capsys.readouterr().out
    assert " 53'  0-1    goal Italy: Merih Demiral (o.g.)" in out
    assert out.rstrip().endswith("Turkey 0-3 Italy (HT 0-0, FT 0-3)")


def test_a_rejected_match_is_reported_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "opta.jsonl"
    status = main(
        [
            "opta",
            shipped("opta_f24.xml"),
            "--f7",
            shipped("opta_f7.xml"),
            "--competition",
            "Superliga",
            "--season",
            "2018-19",
            "--date",
            "2018-09-23",
            "-o",
            str(log),
        ]
    )
    assert status == EXIT_NOTHING_WRITTEN
    err = capsys.readouterr().err
    assert "rejected: " in err
    assert "first half event 2509132178" in err
    assert not log.exists()


def test_a_missing_date_is_asked_for_by_its_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = euro("-o", str(tmp_path / "x.jsonl"))
    del arguments[-4:-2]  # --date 2021-06-11
    assert main(arguments) == EXIT_NOTHING_WRITTEN
    assert capsys.readouterr().err.rstrip().endswith("pass --date")


def test_a_missing_companion_file_is_asked_for_by_its_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = euro("-o", str(tmp_path / "x.jsonl"))
    del arguments[2:4]  # --lineup FILE
    assert main(arguments) == EXIT_NOTHING_WRITTEN
    assert "(--lineup FILE)" in capsys.readouterr().err


def test_a_companion_of_another_provider_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(euro("--f7", "f7.xml", "-o", str(tmp_path / "x.jsonl"))) == EXIT_NOTHING_WRITTEN
    assert "--f7 is not a StatsBomb file (StatsBomb takes --lineup)" in capsys.readouterr().err


def test_a_companion_file_goes_with_one_events_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = euro("-o", str(tmp_path / "x.jsonl"))
    command.insert(2, "more_events.json")
    assert main(command) == EXIT_NOTHING_WRITTEN
    assert "--lineup goes with one events file, and 2 are given" in capsys.readouterr().err


def test_event_data_options_are_refused_for_a_results_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["football-txt", "x.txt", "--date", "2021-06-11", "-o", str(tmp_path / "x.jsonl")]
    )
    assert status == EXIT_NOTHING_WRITTEN
    assert "--date: for event data (kloppy's formats), not football-txt" in capsys.readouterr().err
