"""One club across the shared data's sources (issue 17): every file names only clubs the bundled
registry knows, and Liverpool's home run that Atalanta ended on 11 April 2024 (and the run Crystal
Palace's 1-0 at Anfield three days later started) come out alike through a canonical import and
through the sources' names read canonically at replay time, and as a plain reading of the raw
files gives them."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from matchevents.cli import main as matchevents
from matchevents.competitions import RESULTS, RecordBook, Streak, StreakKind, Venue
from matchevents.importers import (
    FORMATS,
    read_football_data_csv,
    read_football_txt,
    read_openfootball_json,
    unknown_teams,
)
from matchevents.importers.command import main as import_main
from matchevents.log import replay
from matchevents.projections import fold
from matchevents.teams import bundled_clubs

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SEASONS = [
    ("openfootball-json", "openfootball/en.1.2022-23.json"),
    ("openfootball-json", "openfootball/en.1.2023-24.json"),
    ("football-txt", "openfootball/el.2023-24.txt"),
    ("football-data-csv", "football-data/premier-league.season-2425.csv"),
]
"""Liverpool's and Palace's seasons from three sources, three spellings of each club."""


@pytest.mark.parametrize(
    "name",
    sorted(
        str(path.relative_to(SHARED))
        for path in SHARED.glob("*/*")
        if (path.suffix in (".json", ".txt") and "schema" not in path.name)
        or path.name.startswith("premier-league.season")
    ),
)
def test_every_shared_file_names_only_clubs_the_bundled_registry_knows(
    shared_data: Path, name: str
) -> None:
    path = shared_data / name
    if path.suffix == ".json":
        records = read_openfootball_json(path)[1]
    elif path.suffix == ".txt":
        records = read_football_txt(path)[1]
    else:
        records = read_football_data_csv(path)
    assert len(records) > 0
    assert unknown_teams(records) == ()


@pytest.fixture(scope="module")
def book(shared_data: Path) -> RecordBook:
    """The four files imported through the API: canonical names by default."""
    events = [
        event for form, name in SEASONS for event in FORMATS[form](shared_data / name).events()
    ]
    return RecordBook.of(fold(RESULTS, events))


@pytest.fixture(scope="module")
def logs(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same four files imported by the command into two logs: canonical names, and the
    sources' names (--source-names)."""
    folder = tmp_path_factory.mktemp("logs")
    canonical, as_written = folder / "canonical.jsonl", folder / "as-written.jsonl"
    for log, extra in ((canonical, []), (as_written, ["--source-names"])):
        for form, name in SEASONS:
            argv = [form, str(shared_data / name), "-o", str(log), "--append", *extra]
            assert import_main(argv) == 0
    return canonical, as_written


# -- a plain reading of the raw files -------------------------------------------------------------
Played = tuple[date, str, str, int, int]  # day, home, away, home goals, away goals

_MONTHS = {
    month: number
    for number, month in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def raw_matches(shared_data: Path) -> list[Played]:
    """Every match of the four files as written, read with nothing of matchevents."""
    played: list[Played] = []
    for name in ("en.1.2022-23.json", "en.1.2023-24.json"):
        document = json.loads((shared_data / "openfootball" / name).read_text(encoding="utf-8"))
        for m in document["matches"]:
            ft = m["score"]["ft"]
            played.append((date.fromisoformat(m["date"]), m["team1"], m["team2"], ft[0], ft[1]))
    year, day = 0, date.min
    for line in (shared_data / "openfootball" / "el.2023-24.txt").read_text("utf-8").splitlines():
        dated = re.fullmatch(r"\s+\w{3} (\w{3})/(\d+)(?: (\d{4}))?", line)
        if dated:
            year = int(dated[3] or year)
            day = date(year, _MONTHS[dated[1]], int(dated[2]))
            continue
        found = re.match(r"\s+(?:\d\d\.\d\d)?\s+(.+?)\s+v\s+(.+?)\s+(\d+)-(\d+)", line)
        if found:
            played.append((day, found[1], found[2], int(found[3]), int(found[4])))
    season = shared_data / "football-data" / "premier-league.season-2425.csv"
    with season.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            played.append(
                (
                    date.fromisoformat(row["Date"]),
                    row["HomeTeam"],
                    row["AwayTeam"],
                    int(row["FTHG"]),
                    int(row["FTAG"]),
                )
            )
    return sorted(played, key=lambda match: match[0])


def plain_runs(played: list[Played], spellings: set[str], *, home_only: bool) -> list[list[Played]]:
    """The club's runs without defeat (each with the match that ended it last, if any)."""
    runs: list[list[Played]] = [[]]
    for match in played:
        _, home, away, home_goals, away_goals = match
        if home in spellings:
            lost = home_goals < away_goals
        elif away in spellings and not home_only:
            lost = away_goals < home_goals
        else:
            continue
        runs[-1].append(match)
        if lost:
            # A defeat ends the run before it; after another defeat there is no run to end.
            if len(runs[-1]) == 1:
                runs[-1].clear()
            else:
                runs.append([])
    return [run for run in runs if run]


def as_plain(streak: Streak) -> list[tuple[date | None, int, int]]:
    matches = [*streak.matches, *([streak.ended_by] if streak.ended_by else [])]
    return [(r.day, r.score.final.home, r.score.final.away) for r in matches]


LIVERPOOL = {"Liverpool FC", "Liverpool FC (ENG)", "Liverpool"}
PALACE = {"Crystal Palace FC", "Crystal Palace"}


# -- the runs -----------------------------------------------------------------------------------
def the_run_atalanta_ended(book: RecordBook) -> tuple[Streak, Streak]:
    runs = book.streaks("Liverpool", StreakKind.UNBEATEN, venue=Venue.HOME)
    at = next(i for i, run in enumerate(runs) if run.ended_by and run.ended_by.away == "Atalanta")
    return runs[at], runs[at - 1]


def test_liverpools_home_run_that_atalanta_ended_spans_the_league_and_the_europa_league(
    book: RecordBook,
) -> None:
    run, before = the_run_atalanta_ended(book)
    assert run.ended_by is not None
    assert before.ended_by is not None
    assert run.length == 32
    assert {r.competition for r in run.matches} == {"English Premier League", "UEFA Europa League"}
    assert (run.first.day, run.first.away, str(run.first.score.final)) == (
        date(2022, 11, 12),
        "Southampton",
        "3-1",
    )
    assert (run.last.day, run.last.away, str(run.last.score.final)) == (
        date(2024, 4, 4),
        "Sheffield United",
        "3-1",
    )
    assert (run.ended_by.day, run.ended_by.competition, str(run.ended_by.score.final)) == (
        date(2024, 4, 11),
        "UEFA Europa League",
        "0-3",
    )
    # The home defeat before the run: Leeds United at Anfield.
    assert (before.ended_by.day, before.ended_by.away, str(before.ended_by.score.final)) == (
        date(2022, 10, 29),
        "Leeds United",
        "1-2",
    )


def test_the_run_agrees_with_a_plain_reading_of_the_raw_files(
    shared_data: Path, book: RecordBook
) -> None:
    plain = plain_runs(raw_matches(shared_data), LIVERPOOL, home_only=True)
    ours = book.streaks("Liverpool", StreakKind.UNBEATEN, venue=Venue.HOME)
    assert [[(m[0], m[3], m[4]) for m in run] for run in plain] == [as_plain(r) for r in ours]


def test_the_run_palaces_win_at_anfield_started_agrees_with_the_raw_files(
    shared_data: Path, book: RecordBook
) -> None:
    run = next(
        run
        for run in book.streaks("Crystal Palace", StreakKind.UNBEATEN)
        if run.first.home == "Liverpool" and run.first.day == date(2024, 4, 14)
    )
    assert run.ended_by is not None
    assert (run.length, run.last.day, run.last.away, str(run.last.score.final)) == (
        7,
        date(2024, 5, 19),
        "Aston Villa",
        "5-0",
    )
    assert (run.ended_by.day, run.ended_by.home, str(run.ended_by.score.final)) == (
        date(2024, 8, 18),
        "Brentford",
        "2-1",
    )
    winning = next(
        r for r in book.streaks("Crystal Palace", StreakKind.WINNING) if r.first == run.first
    )
    assert (winning.length, winning.last.day) == (3, date(2024, 4, 24))
    plain = plain_runs(raw_matches(shared_data), PALACE, home_only=False)
    [started] = [r for r in plain if r[0][0] == date(2024, 4, 14)]
    assert [(m[0], m[3], m[4]) for m in started] == as_plain(run)


def test_a_canonical_import_and_the_sources_names_read_canonically_give_the_same_records(
    logs: tuple[Path, Path], book: RecordBook
) -> None:
    canonical, as_written = logs
    imported = RecordBook.of(replay(canonical, [RESULTS]).states[0])
    mapped = RecordBook.of(replay(as_written, [RESULTS], teams=bundled_clubs()).states[0])
    unmapped = RecordBook.of(replay(as_written, [RESULTS]).states[0])
    assert imported.results == mapped.results == book.results
    assert the_run_atalanta_ended(mapped) == the_run_atalanta_ended(book)
    # Without the registry, the league's Liverpool FC and Europe's Liverpool FC (ENG) are two.
    assert unmapped.record("Liverpool FC", venue=Venue.HOME).played == 19 + 19 + 0
    assert unmapped.record("Liverpool FC (ENG)", venue=Venue.HOME).played == 5


# -- through the command line ---------------------------------------------------------------------
def team(log: Path, *argv: str) -> dict[str, Any]:
    out = io.StringIO()
    assert matchevents(["team", str(log), *argv, "--format", "json"], out, io.StringIO()) == 0
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


def run_of(report: dict[str, Any], kind: str, which: str) -> dict[str, Any]:
    [row] = [r for r in report["streaks"] if (r["kind"], r["run"]) == (kind, which)]
    return row


def test_the_command_gives_the_home_run_atalanta_ended_through_both_routes(
    logs: tuple[Path, Path],
) -> None:
    canonical, as_written = logs
    ours = team(canonical, "Liverpool", "--venue", "home")
    theirs = team(as_written, "Liverpool FC (ENG)", "--venue", "home", "--teams", "bundled")
    assert ours == theirs
    longest = run_of(ours, "unbeaten", "longest")
    assert {k: v for k, v in longest.items() if k.endswith(("match", "length"))} == {
        "length": 32,
        "first_match": "2022-11-12 Liverpool 3-1 Southampton",
        "last_match": "2024-04-04 Liverpool 3-1 Sheffield United",
        "after_match": "2022-10-29 Liverpool 1-2 Leeds United",
        "ended_by_match": "2024-04-11 Liverpool 0-3 Atalanta",
    }


def test_the_command_gives_the_run_palaces_win_at_anfield_started(
    logs: tuple[Path, Path],
) -> None:
    canonical, as_written = logs
    ours = team(canonical, "Crystal Palace", "--until", "2024-08-17")
    assert ours == team(
        as_written, "Crystal Palace FC", "--until", "2024-08-17", "--teams", "bundled"
    )
    current = run_of(ours, "unbeaten", "current")
    assert (current["length"], current["first_match"], current["last_match"]) == (
        7,
        "2024-04-14 Liverpool 0-1 Crystal Palace",
        "2024-05-19 Crystal Palace 5-0 Aston Villa",
    )
