"""Points deductions from the command line: ``matchevents import ... --sanctions FILE|NAME`` adds
a sanctions file's deductions for the seasons imported, so that a season replayed from results
files alone ends in the official table."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from matchevents.cli import main as matchevents
from matchevents.competitions import PointsDeduction
from matchevents.errors import ImportSourceError
from matchevents.importers import import_football_data_csv, import_openfootball_json
from matchevents.importers.command import EXIT_BAD_RECORDS, EXIT_NOTHING_WRITTEN, EXIT_OK, main
from matchevents.importers.sanctions import (
    BUILTIN_SANCTIONS,
    LeftOut,
    builtin_deductions_left_out,
    load_sanctions,
    read_sanctions,
)
from matchevents.log import read_log
from matchevents.teams import bundled_clubs

HEADER = "competition,season,team,points,date,reason\n"
CSV_2324 = ("football-data", "premier-league.season-2324.csv")


def official_table(shared_data: Path) -> list[tuple[str, int, int, int]]:
    """(team, goal difference, points, deducted) of each row of the official final table."""
    with (shared_data / "premier-league-2023-24-final-table.csv").open(encoding="utf-8") as f:
        return [
            (row["team"], int(row["gd"]), int(row["points"]), int(row["points_deducted"]))
            for row in csv.DictReader(f)
        ]


def replayed_table(log: Path) -> list[tuple[str, int, int, int]]:
    """The same columns from ``matchevents replay LOG --only table --format csv``."""
    out = io.StringIO()
    assert matchevents(["replay", str(log), "--only", "table", "--format", "csv"], out) == 0
    return [
        (
            bundled_clubs().canonical(row["team"]),
            int(row["goal_difference"]),
            int(row["points"]),
            int(row["deducted"] or 0),
        )
        for row in csv.DictReader(io.StringIO(out.getvalue()))
    ]


@pytest.mark.parametrize(
    ("source", "form"),
    [
        (CSV_2324, "football-data-csv"),
        (("openfootball", "premierleague.2023-24.txt"), "football-txt"),
        (("openfootball", "en.1.2023-24.json"), "openfootball-json"),
    ],
)
def test_the_imported_season_with_the_shipped_sanctions_is_the_official_table(
    shared_data: Path, tmp_path: Path, source: tuple[str, str], form: str
) -> None:
    log = tmp_path / "pl.jsonl"
    argv = [form, str(shared_data.joinpath(*source)), "-o", str(log)]
    argv += ["--competition", "Premier League", "--season", "2023-24"]

    assert main([*argv, "--sanctions", "premier-league"]) == 0

    assert replayed_table(log) == official_table(shared_data)


def test_without_the_sanctions_everton_and_forest_keep_their_points_and_a_note_says_so(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pl.jsonl"
    assert main(["football-data-csv", str(shared_data.joinpath(*CSV_2324)), "-o", str(log)]) == 0
    assert capsys.readouterr().err == (
        "note: Premier League 2023-24 is imported without its points deductions (Everton -8, "
        "Nottingham Forest -4), so its table is not the official one; add --sanctions "
        "premier-league to write them\n"
    )
    points = {team: pts for team, _, pts, _ in replayed_table(log)}
    assert (points["Everton"], points["Nottingham Forest"]) == (48, 36)


@pytest.mark.parametrize("season", ["2223", "2425"])
def test_a_season_without_shipped_deductions_is_imported_without_a_note(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], season: str
) -> None:
    source = shared_data / "football-data" / f"premier-league.season-{season}.csv"
    assert main(["football-data-csv", str(source), "-o", str(tmp_path / "pl.jsonl")]) == EXIT_OK
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("sanctions", ["premier-league", "empty"])
def test_an_import_given_sanctions_gets_no_note_of_the_shipped_ones(
    shared_data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sanctions: str,
) -> None:
    if sanctions == "empty":  # the user's own list, which holds nothing for the season
        (tmp_path / "none.csv").write_text(HEADER, encoding="utf-8")
        sanctions = str(tmp_path / "none.csv")
    argv = ["football-data-csv", str(shared_data.joinpath(*CSV_2324)), "-o"]
    assert main([*argv, str(tmp_path / "pl.jsonl"), "--sanctions", sanctions]) == EXIT_OK
    assert capsys.readouterr().err == ""


def test_appending_to_a_log_that_holds_the_deductions_needs_no_note(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pl.jsonl"
    argv = ["football-data-csv", str(shared_data.joinpath(*CSV_2324)), "-o", str(log)]
    assert main([*argv, "--sanctions", "premier-league"]) == EXIT_OK
    capsys.readouterr()

    assert main([*argv, "--append"]) == EXIT_OK

    assert not [line for line in capsys.readouterr().err.splitlines() if "note" in line]


def test_the_shipped_deductions_left_out_are_those_of_the_seasons_imported(
    shared_data: Path,
) -> None:
    source = shared_data.joinpath(*CSV_2324)
    seasons = [
        import_football_data_csv(shared_data / "football-data" / "premier-league.season-2223.csv"),
        import_football_data_csv(source),
    ]
    assert builtin_deductions_left_out(seasons) == (
        LeftOut(
            sanctions="premier-league",
            competition="Premier League",
            season="2023-24",
            points=(("Everton", 8), ("Nottingham Forest", 4)),
        ),
    )
    # Teams are spelt as the matches spell them, as --sanctions writes them.
    as_written = builtin_deductions_left_out([import_football_data_csv(source, source_names=True)])
    assert [season.points for season in as_written] == [(("Everton", 8), ("Nott'm Forest", 4))]


def test_the_shipped_deductions_are_matched_as_the_sanctions_option_matches_them(
    shared_data: Path,
) -> None:
    # Another name of the competition: --sanctions premier-league does not apply them either.
    english = import_openfootball_json(shared_data / "openfootball" / "en.1.2023-24.json")
    assert english.competition == "English Premier League"
    assert builtin_deductions_left_out([english]) == ()
    named = import_openfootball_json(
        shared_data / "openfootball" / "en.1.2023-24.json", competition="Premier League"
    )
    assert [s.season for s in builtin_deductions_left_out([named])] == ["2023-24"]


def test_deductions_a_log_holds_already_are_not_left_out(shared_data: Path) -> None:
    result = import_football_data_csv(shared_data.joinpath(*CSV_2324))
    shipped = [sanction.deduction for sanction in load_sanctions("premier-league")]
    everton = [deduction for deduction in shipped if deduction.team == "Everton"]

    assert builtin_deductions_left_out([result], held=shipped) == ()
    left_out = builtin_deductions_left_out([result], held=everton)
    assert [season.points for season in left_out] == [(("Nottingham Forest", 4),)]


def test_the_deductions_are_written_after_the_matches_as_the_matches_spell_the_teams(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pl.jsonl"
    source = str(shared_data.joinpath(*CSV_2324))
    # With the file's own names kept, the sanctions' canonical names are spelt as the file does.
    argv = ["football-data-csv", source, "-o", str(log), "--source-names"]

    assert main([*argv, "--sanctions", "premier-league"]) == EXIT_OK

    deductions = [e for e in read_log(log) if isinstance(e, PointsDeduction)]
    assert [(d.team, d.points, d.on) for d in deductions] == [
        ("Everton", 10, date(2023, 11, 17)),
        ("Everton", -4, date(2024, 2, 26)),
        ("Nott'm Forest", 4, date(2024, 3, 18)),
        ("Everton", 2, date(2024, 4, 8)),
    ]
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"1900 events of 380 matches and 4 points deductions written to {log}; 0 records rejected"
    )


def test_a_deduction_whose_team_is_not_found_is_rejected_with_the_closest_names(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pl.jsonl"
    sanctions = tmp_path / "sanctions.csv"
    sanctions.write_text(
        HEADER + "Premier League,2023-24,Nottingham Forrest,4,2024-03-18,\n"
        "Premier League,2023-24,Everton,10,2023-11-17,\n",
        encoding="utf-8",
    )
    argv = ["football-data-csv", str(shared_data.joinpath(*CSV_2324)), "-o", str(log)]

    assert main([*argv, "--sanctions", str(sanctions)]) == EXIT_BAD_RECORDS

    assert capsys.readouterr().err == (
        f"rejected: {sanctions}:2: 2024-03-18: unknown-team: points deduction "
        "of 4 from 'Nottingham Forrest' (Premier League 2023-24): no match of Premier League "
        "2023-24 has that team; did you mean 'Nottingham Forest'?\n"
    )
    assert sum(isinstance(e, PointsDeduction) for e in read_log(log)) == 1


def test_sanctions_for_another_name_of_the_competition_are_pointed_out(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(shared_data / "openfootball" / "en.1.2023-24.json")
    argv = ["openfootball-json", source, "-o", str(tmp_path / "pl.jsonl")]

    assert main([*argv, "--sanctions", "premier-league"]) == EXIT_OK

    assert capsys.readouterr().err == (
        "note: the sanctions premier-league are for Premier League 2023-24, not applied to "
        "English Premier League 2023-24; to apply them, import with --competition "
        "'Premier League'\n"
    )


def test_appending_the_same_sanctions_again_adds_no_deduction_twice(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pl.jsonl"
    argv = ["football-data-csv", str(shared_data.joinpath(*CSV_2324)), "-o", str(log)]
    argv += ["--sanctions", "premier-league"]
    assert main(argv) == EXIT_OK
    before = log.read_bytes()
    capsys.readouterr()

    assert main([*argv, "--append"]) == EXIT_OK  # nothing new, and nothing wrong

    assert log.read_bytes() == before
    duplicates = [
        line for line in capsys.readouterr().err.splitlines() if line.startswith("duplicate: ")
    ]
    assert duplicates[-1] == (
        "duplicate: premier-league-sanctions.csv:24: 2024-04-08: the points deduction of 2 from "
        f"'Everton' (Premier League 2023-24) is already in {log}:1904; the two agree"
    )


def test_sanctions_for_a_season_of_a_log_appended_to_find_its_teams_there(
    tmp_path: Path,
) -> None:
    log = tmp_path / "cup.jsonl"
    first = tmp_path / "first.json"
    match = {"date": "2024-05-01", "team1": "Alpha FC", "team2": "Beta", "score": {"ft": [2, 1]}}
    first.write_text(json.dumps({"name": "Cup 2024", "matches": [match]}), encoding="utf-8")
    assert main(["openfootball-json", str(first), "-o", str(log)]) == EXIT_OK
    later = {"date": "2024-05-08", "team1": "Beta", "team2": "Gamma", "score": {"ft": [0, 0]}}
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"name": "Cup 2024", "matches": [later]}), encoding="utf-8")
    sanctions = tmp_path / "sanctions.csv"
    sanctions.write_text(HEADER + "Cup,2024,Alpha FC,3,2024-05-09,\n", encoding="utf-8")

    argv = ["openfootball-json", str(second), "-o", str(log), "--append"]
    assert main([*argv, "--sanctions", str(sanctions)]) == EXIT_OK

    assert [e.team for e in read_log(log) if isinstance(e, PointsDeduction)] == ["Alpha FC"]


def test_appending_a_file_of_no_match_is_no_import_even_when_its_sanctions_are_in_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "cup.jsonl"
    first = tmp_path / "first.json"
    match = {"date": "2024-05-01", "team1": "Alpha FC", "team2": "Beta", "score": {"ft": [2, 1]}}
    first.write_text(json.dumps({"name": "Cup 2024", "matches": [match]}), encoding="utf-8")
    sanctions = tmp_path / "sanctions.csv"
    sanctions.write_text(HEADER + "Cup,2024,Alpha FC,3,2024-05-09,\n", encoding="utf-8")
    assert main(
        ["openfootball-json", str(first), "-o", str(log), "--sanctions", str(sanctions)]
    ) == (EXIT_OK)
    before = log.read_bytes()
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"name": "Cup 2024", "matches": []}), encoding="utf-8")
    capsys.readouterr()

    argv = ["openfootball-json", str(empty), "-o", str(log), "--append"]
    assert main([*argv, "--sanctions", str(sanctions)]) == EXIT_NOTHING_WRITTEN

    assert log.read_bytes() == before
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"matchevents import: nothing written: no match imported; {log} is left as it was"
    )


def test_the_shipped_sanctions_are_the_announced_decisions() -> None:
    assert sorted(BUILTIN_SANCTIONS) == ["premier-league"]
    rows = [(s.line, s.deduction) for s in load_sanctions("premier-league")]
    assert [(d.team, d.points, d.on) for _, d in rows] == [
        ("Everton", 10, date(2023, 11, 17)),
        ("Everton", -4, date(2024, 2, 26)),
        ("Nottingham Forest", 4, date(2024, 3, 18)),
        ("Everton", 2, date(2024, 4, 8)),
    ]
    assert {(d.competition, d.season) for _, d in rows} == {("Premier League", "2023-24")}


def test_the_shipped_sanctions_agree_with_the_deductions_of_the_official_table(
    shared_data: Path,
) -> None:
    total: dict[str, int] = {}
    for sanction in load_sanctions("premier-league"):
        team = sanction.deduction.team
        total[team] = total.get(team, 0) + sanction.deduction.points
    deducted = {team: ded for team, _, _, ded in official_table(shared_data) if ded}
    assert total == deducted == {"Everton": 8, "Nottingham Forest": 4}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "{file}: no header competition,season,team,points,date,reason: not a sanctions file"),
        (
            "team,points\n",
            "{file}:1: a sanctions file's header is competition,season,team,points,date,reason, "
            "not 'team,points'",
        ),
        (HEADER + "Cup,2024,Alpha,three,,\n", "{file}:2: points 'three' is not a whole number"),
        (
            HEADER + "Cup,2024,Alpha,3,9 May,\n",
            "{file}:2: date '9 May' is not a YYYY-MM-DD date",
        ),
        (
            HEADER + "Cup,2024,Alpha,3\n",
            "{file}:2: 4 cells, not the 6 of competition,season,team,points,date,reason",
        ),
        (
            HEADER + "# a comment\nCup,2024,Alpha,0,,\n",
            "{file}:3: a points deduction takes a non-zero int of points, got 0 (team 'Alpha')",
        ),
        (
            HEADER + "Cup,next year,Alpha,3,,\n",
            "{file}:2: not a season: 'next year' (expected e.g. '2023-24' or '2022')",
        ),
    ],
)
def test_a_bad_sanctions_file_is_refused_naming_the_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "sanctions.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportSourceError) as raised:
        read_sanctions(path)
    assert str(raised.value) == message.format(file=path)


def test_a_bad_sanctions_file_stops_the_import_before_the_log_is_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "keep.jsonl"
    log.write_bytes(b"previous\n")
    sanctions = tmp_path / "sanctions.csv"
    sanctions.write_text(HEADER + "Cup,2024,Alpha,three,,\n", encoding="utf-8")
    source = str(Path(__file__).parent / "fixtures" / "import" / "planted.txt")
    argv = ["football-txt", source, "-o", str(log), "--sanctions", str(sanctions)]
    assert main(argv) == EXIT_NOTHING_WRITTEN
    assert log.read_bytes() == b"previous\n"
    assert capsys.readouterr().err == (
        f"matchevents import: sanctions: {sanctions}:2: points 'three' is not a whole number\n"
    )
