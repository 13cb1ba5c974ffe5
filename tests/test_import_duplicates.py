"""A match is written to a log once: a match the log appended to already holds, or that an earlier
file of the same import gave, is reported as a duplicate (where, the match it repeats and where,
whether the two agree) and left out, so that the written log always validates."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from matchevents.cli import main as matchevents
from matchevents.importers import import_football_txt, import_openfootball_json
from matchevents.importers.command import (
    EXIT_BAD_RECORDS,
    EXIT_NOTHING_WRITTEN,
    EXIT_OK,
    main,
)
from matchevents.importers.duplicates import Duplicate, difference, without_duplicates
from matchevents.log import read_log, write_log

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def validates(log: Path) -> str:
    """``matchevents validate LOG``'s summary, asserting its exit status is 0."""
    out, err = io.StringIO(), io.StringIO()
    assert matchevents(["validate", str(log)], out, err) == EXIT_OK, out.getvalue()
    return err.getvalue().splitlines()[-1]


def test_appending_the_same_import_again_writes_nothing_names_every_duplicate_and_succeeds(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A scheduled job importing a file that has not changed since its last run has done its job.
    log = tmp_path / "el.jsonl"
    source = str(shared_data / "openfootball" / "el.2023-24.txt")
    assert main(["football-txt", source, "-o", str(log)]) == EXIT_OK
    before = log.read_bytes()
    capsys.readouterr()

    assert main(["football-txt", source, "-o", str(log), "--append"]) == EXIT_OK

    assert log.read_bytes() == before
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    duplicates = [line for line in err if line.startswith("duplicate: ")]
    assert len(duplicates) == 141
    assert duplicates[-1] == (
        f"duplicate: {source}:245: 2024-05-22 Atalanta v Bayer Leverkusen [Final]: "
        "the match uefa-europa-league:2023-24:2024-05-22:atalanta-v-bayer-leverkusen "
        f"is already in {log}:721; the two agree"
    )
    assert captured.out.splitlines()[-1] == (
        f"nothing new: everything imported is in {log} already (141 duplicates), which is left "
        "as it was; 0 records rejected"
    )
    assert validates(log) == f"{log}: 725 events of 141 matches accepted; valid"


def test_two_files_of_the_same_matches_are_written_once(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "cl.jsonl"
    derived = str(shared_data / "openfootball" / "cl.2018-19.derived.json")
    original = str(shared_data / "openfootball" / "uefa.cl.2018-19.json")

    assert main(["openfootball-json", derived, original, "-o", str(log)]) == EXIT_OK

    captured = capsys.readouterr()
    duplicates = [line for line in captured.err.splitlines() if line.startswith("duplicate: ")]
    assert len(duplicates) == 125
    assert duplicates[0].startswith(f"duplicate: {original}#1: ")
    assert duplicates[0].endswith(f"is already in {derived}#1; the two agree")
    assert captured.out.splitlines()[-1] == (
        f"{len(list(read_log(log)))} events of 125 matches written to {log}; 0 records rejected; "
        "125 duplicates left out"
    )
    assert validates(log).endswith("of 125 matches accepted; valid")


def test_every_shared_file_imported_at_once_gives_a_log_that_validates(
    shared_data: Path, tmp_path: Path
) -> None:
    log = tmp_path / "all.jsonl"
    files = sorted(str(p) for p in (shared_data / "openfootball").glob("*.json"))
    assert main(["openfootball-json", *files, "-o", str(log)]) == EXIT_BAD_RECORDS
    assert validates(log).endswith("valid")


def test_a_duplicate_that_disagrees_says_how_and_the_exit_is_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    match = {"date": "2024-05-01", "team1": "Alpha", "team2": "Beta", "score": {"ft": [2, 1]}}
    other = {"date": "2024-05-02", "team1": "Gamma", "team2": "Delta", "score": {"ft": [0, 0]}}
    first.write_text(json.dumps({"name": "Cup 2024", "matches": [match]}), encoding="utf-8")
    wrong = {**match, "score": {"ft": [2, 2]}}
    second.write_text(json.dumps({"name": "Cup 2024", "matches": [other, wrong]}), "utf-8")
    log = tmp_path / "cup.jsonl"

    assert main(["openfootball-json", str(first), str(second), "-o", str(log)]) == 1

    err = capsys.readouterr().err
    # Alpha and Beta are no clubs of the registry: each is reported once a file (issue 17).
    assert sorted(line.split(": ", 1)[1] for line in err.splitlines() if "team" in line[:5]) == [
        f"{first}#1: unknown team 'Alpha'; imported as written",
        f"{first}#1: unknown team 'Beta'; imported as written",
        f"{second}#1: unknown team 'Delta'; imported as written",
        f"{second}#1: unknown team 'Gamma'; imported as written",
        f"{second}#2: unknown team 'Alpha'; imported as written",
        f"{second}#2: unknown team 'Beta'; imported as written",
    ]
    assert "".join(line + "\n" for line in err.splitlines() if not line.startswith("team: ")) == (
        f"duplicate: {second}#2: 2024-05-01 Alpha v Beta: the match "
        f"cup:2024:2024-05-01:alpha-v-beta is already in {first}#1; they differ: "
        "Alpha 2-2 Beta (FT 2-2) here, Alpha 2-1 Beta (FT 2-1) there\n"
    )
    assert validates(log).endswith("10 events of 2 matches accepted; valid")


def _imported_then_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path, bytes]:
    """A cup file of one match (Alpha 2-1 Beta) imported to a log, then the file changed to say
    1-1: (the file, the log, the log's bytes)."""
    source = tmp_path / "cup.json"
    match = {"date": "2024-05-01", "team1": "Alpha", "team2": "Beta", "score": {"ft": [2, 1]}}
    source.write_text(json.dumps({"name": "Cup 2024", "matches": [match]}), encoding="utf-8")
    log = tmp_path / "cup.jsonl"
    assert main(["openfootball-json", str(source), "-o", str(log)]) == EXIT_OK
    capsys.readouterr()
    match["score"] = {"ft": [1, 1]}
    source.write_text(json.dumps({"name": "Cup 2024", "matches": [match]}), encoding="utf-8")
    return source, log, log.read_bytes()


def test_stop_refuses_a_duplicate_that_disagrees_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, log, before = _imported_then_changed(tmp_path, capsys)

    status = main(["openfootball-json", str(source), "-o", str(log), "--append", "--stop"])

    assert status == EXIT_NOTHING_WRITTEN
    assert log.read_bytes() == before
    assert capsys.readouterr().err.startswith(
        f"matchevents import: stopped at a bad record: {source}#1: 2024-05-01 Alpha v Beta: "
    )


def test_appending_only_a_match_the_log_holds_otherwise_writes_nothing_and_the_exit_is_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, log, before = _imported_then_changed(tmp_path, capsys)

    status = main(["openfootball-json", str(source), "-o", str(log), "--append"])

    assert status == EXIT_BAD_RECORDS  # two sources contradict each other: the first one stays
    assert log.read_bytes() == before
    captured = capsys.readouterr()
    assert "they differ" in captured.err
    assert captured.out.splitlines()[-1] == (
        f"nothing new: everything imported is in {log} already (1 duplicate), which is left as "
        "it was; 0 records rejected"
    )


def test_new_matches_are_appended_and_repeated_ones_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "planted.jsonl"
    source = str(FIXTURES / "planted.txt")
    write_log(log, list(import_football_txt(source).matches[0].events))
    before = log.read_bytes()

    assert main(["football-txt", source, "-o", str(log), "--append"]) == EXIT_BAD_RECORDS

    assert log.read_bytes().startswith(before)
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith("of 2 matches written to " + f"{log}; 10 records rejected; 1 duplicate left out")
    )
    assert validates(log).endswith("of 3 matches accepted; valid")


def test_without_duplicates_keeps_the_first_of_each_match(shared_data: Path) -> None:
    derived = import_openfootball_json(shared_data / "openfootball" / "cl.2018-19.derived.json")
    original = import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2018-19.json")
    kept, duplicates = without_duplicates([derived, original])
    assert [result.imported for result in kept] == [125, 0]
    assert all(isinstance(d, Duplicate) and d.agrees for d in duplicates)
    assert len(duplicates) == 125


def test_the_same_result_with_another_schedule_names_the_fields_that_differ(
    shared_data: Path,
) -> None:
    cup = import_football_txt(shared_data / "openfootball" / "el.2023-24.txt")
    events = list(cup.matches[0].events)
    moved = [events[0].__class__(**{**_fields(events[0]), "venue": "elsewhere"}), *events[1:]]
    assert difference(moved, events) == (
        "the same result, but event 1 (MatchScheduled) differs in venue"
    )


def _fields(event: object) -> dict[str, object]:
    import attrs

    return attrs.asdict(event, recurse=False)
