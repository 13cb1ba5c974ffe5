"""What an import says when a file cannot be imported, word for word: the fault named where it is
(the format, a missing column, a missing name), and the command line's own options, never a
Python argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchevents.errors import ImportSourceError, UnnamedSourceError
from matchevents.importers import (
    FORMATS,
    import_football_data_csv,
    import_football_txt,
    import_openfootball_json,
)
from matchevents.importers.command import EXIT_NOTHING_WRITTEN, main
from matchevents.importers.kloppy import EVENT_DATA_FORMATS
from matchevents.importers.source import format_of, not_a_file

FIXTURES = Path(__file__).parent / "fixtures" / "import"
HEADER = "Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTAG,HTR\n"
ROWS = "2023-08-11,Burnley,Man City,0,3,A,2,A\n2023-08-12,Arsenal,Nott'm Forest,2,1,H,0,H\n"


def command_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What ``matchevents import ARGV`` prints on standard error; it must write nothing."""
    assert main(argv) == EXIT_NOTHING_WRITTEN
    return capsys.readouterr().err


def test_a_football_json_file_imported_as_football_txt_is_named_for_what_it_is(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = shared_data / "openfootball" / "en.1.2023-24.json"
    log = str(tmp_path / "keep.jsonl")
    assert command_error(["football-txt", str(source), "-o", log], capsys) == (
        f"matchevents import: {source}: not Football.TXT but football.json (a JSON object of "
        "matches); import it as openfootball-json\n"
    )


def test_a_football_data_csv_imported_as_football_txt_is_named_for_what_it_is(
    tmp_path: Path,
) -> None:
    source = tmp_path / "results.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    with pytest.raises(ImportSourceError) as raised:
        import_football_txt(source)
    assert str(raised.value) == (
        f"{source}: not Football.TXT but a football-data.co.uk CSV (a header "
        "Date,HomeTeam,AwayTeam,...); import it as football-data-csv"
    )


def test_a_football_txt_file_imported_as_football_json_is_named_for_what_it_is() -> None:
    source = FIXTURES / "planted.txt"
    with pytest.raises(ImportSourceError) as raised:
        import_openfootball_json(source)
    assert str(raised.value) == (
        f"{source}: not football.json but Football.TXT (plain text: a '= Title' line, then "
        "rounds, dates, matches); import it as football-txt"
    )


def test_a_football_json_file_imported_as_csv_is_named_for_what_it_is() -> None:
    source = FIXTURES / "planted.json"
    with pytest.raises(ImportSourceError) as raised:
        import_football_data_csv(source, competition="C", season="2023-24")
    assert str(raised.value) == (
        f"{source}: not a football-data.co.uk CSV but football.json (a JSON object of matches); "
        "import it as openfootball-json"
    )


def test_the_formats_are_told_apart_by_their_first_lines() -> None:
    assert format_of('\ufeff  {"name": "Cup 2024", "matches": []}') == "openfootball-json"
    assert format_of(HEADER) == "football-data-csv"
    assert format_of("= Cup 2024\n") == "football-txt"
    assert format_of("[Fri Aug/11]\n  Alpha v Beta  1-0\n") is None


def test_a_csv_without_the_hthg_column_is_one_error_not_one_per_row(tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    with pytest.raises(ImportSourceError) as raised:
        import_football_data_csv(source, competition="Premier League", season="2023-24")
    assert str(raised.value) == (
        f"{source}: no column HTHG, though there is HTAG: the two go together (a file has both "
        "or neither)"
    )


def test_a_csv_without_either_half_time_column_imports_without_half_time_scores(
    tmp_path: Path,
) -> None:
    source = tmp_path / "results.csv"
    source.write_text("Date,HomeTeam,AwayTeam,FTHG,FTAG\n2023-08-11,A,B,0,3\n", encoding="utf-8")
    imported = import_football_data_csv(source, competition="C", season="2023-24")
    assert (imported.imported, imported.rejected) == (1, 0)


def test_the_command_names_its_own_option_for_a_missing_competition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cup.txt"
    source.write_text("  Tue Sep/19 2023\n    Alpha FC v Beta FC  2-1\n", encoding="utf-8")
    log = str(tmp_path / "cup.jsonl")
    assert command_error(["football-txt", str(source), "-o", log], capsys) == (
        f"matchevents import: {source}: no competition given, and the file names none "
        "(Football.TXT names them in a first line such as '= UEFA Europa League 2023/24'); "
        "pass --competition\n"
    )
    argv = ["football-txt", str(source), "-o", log, "--competition", "Cup"]
    assert command_error(argv, capsys) == (
        f"matchevents import: {source}: no season given, and the file names none "
        "(Football.TXT names them in a first line such as '= UEFA Europa League 2023/24'); "
        "pass --season\n"
    )


def test_a_csv_name_without_a_season_names_where_a_season_would_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "results.csv"
    source.write_text("Date,HomeTeam,AwayTeam,FTHG,FTAG\n2023-08-11,A,B,0,3\n", encoding="utf-8")
    log = str(tmp_path / "out.jsonl")
    assert command_error(["football-data-csv", str(source), "-o", log], capsys) == (
        f"matchevents import: {source}: no competition given, and the file names none "
        "(football-data.co.uk CSVs name neither; a file name such as "
        "premier-league.season-2324.csv names both); pass --competition\n"
    )


def test_the_library_names_its_own_argument_for_a_missing_competition(tmp_path: Path) -> None:
    source = tmp_path / "cup.json"
    source.write_text('{"name": "Friendly Cup", "matches": []}', encoding="utf-8")
    with pytest.raises(UnnamedSourceError) as raised:
        import_openfootball_json(source)
    assert (raised.value.missing, str(raised.value)) == (
        "competition",
        f"{source}: no competition given, and the file names none (its title 'Friendly Cup' "
        "ends in no season, so neither is read from it); pass competition=...",
    )


# -- files that are not there, or are folders: named before anything is read --------------------


@pytest.mark.parametrize("form", sorted(FORMATS))
def test_a_missing_file_is_named_as_missing_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    log = tmp_path / "keep.jsonl"
    log.write_bytes(b"previous\n")
    missing = tmp_path / "missing.txt"

    assert command_error([form, str(missing), "-o", str(log)], capsys) == (
        f"matchevents import: {missing}: no such file\n"
    )
    assert log.read_bytes() == b"previous\n"


@pytest.mark.parametrize(
    ("form", "pattern"),
    [("football-txt", "*.txt"), ("openfootball-json", "*.json"), ("football-data-csv", "*.csv")],
)
def test_a_folder_is_refused_with_the_files_to_give_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, pattern: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    log = tmp_path / "new.jsonl"

    assert command_error([form, str(folder), "-o", str(log)], capsys) == (
        f"matchevents import: {folder}: a folder, not a file (give the files in it, e.g. "
        f"{folder / pattern})\n"
    )
    assert not log.exists()


@pytest.mark.parametrize("form", sorted(EVENT_DATA_FORMATS))
def test_a_folder_given_as_event_data_is_refused_asking_for_a_file_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    log = str(tmp_path / "new.jsonl")
    assert command_error([form, str(tmp_path), "-o", log], capsys) == (
        f"matchevents import: {tmp_path}: a folder, not a file (give a file in it)\n"
    )


@pytest.mark.parametrize(
    ("form", "option"),
    [("statsbomb", "--lineup"), ("opta", "--f7"), ("sportec", "--meta"), ("statsperform", "--ma1")],
)
def test_a_missing_companion_file_is_named_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, option: str
) -> None:
    companion = tmp_path / "companion.xml"
    events = str(FIXTURES / "planted.json")  # there: only the companion is missing
    argv = [form, events, option, str(companion), "-o", str(tmp_path / "match.jsonl")]
    assert command_error(argv, capsys) == f"matchevents import: {companion}: no such file\n"


def test_every_missing_file_is_named_before_any_file_is_read(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first file is in another format: read first, it would stop the import with that.
    wrong = shared_data / "openfootball" / "en.1.2023-24.json"
    missing = [tmp_path / "a.txt", tmp_path / "b.txt"]
    argv = ["football-txt", str(wrong), *map(str, missing), "-o", str(tmp_path / "cups.jsonl")]

    assert command_error(argv, capsys) == (
        f"matchevents import: {missing[0]}: no such file\n"
        f"matchevents import: {missing[1]}: no such file\n"
    )


def test_the_path_check_passes_what_reads_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "cup.txt").write_text("= Cup 2024\n", encoding="utf-8")
    assert not_a_file(tmp_path / "cup.txt", "football-txt") is None
    assert not_a_file("/dev/null", "football-txt") is None
    assert not_a_file(tmp_path / "gone.csv", "football-data-csv") == "no such file"
    assert not_a_file(tmp_path, None) == "a folder, not a file (give a file in it)"
