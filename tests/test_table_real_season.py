"""The 2023-24 Premier League, replayed from real data, equals the official final table.

The results come from openfootball's en.1.2023-24.json (CC0), imported through
:mod:`matchevents.importers`; the official standings (points deductions included: Everton 8, in
three decisions, Nottingham Forest 4) from premier-league-2023-24-final-table.csv (CC0, from
RSSSF), both read in place from the shared data folder.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import attrs
import pytest

from matchevents import Event, MatchScheduled
from matchevents.competitions import (
    PREMIER_LEAGUE,
    LeagueTable,
    PointsDeduction,
    RecordBook,
    StreakKind,
    Table,
    Venue,
    head_to_head,
)
from matchevents.importers import (
    import_football_data_csv,
    import_football_txt,
    import_openfootball_json,
)
from matchevents.projections import fold
from matchevents.teams import bundled_clubs

COMPETITION = "Premier League"
SEASON = "2023-24"
TABLE = LeagueTable(PREMIER_LEAGUE, COMPETITION, SEASON)
CLUBS = bundled_clubs()


def _deduction(team: str, points: int, on: date, reason: str) -> PointsDeduction:
    return PointsDeduction(
        competition=COMPETITION, season=SEASON, team=team, points=points, on=on, reason=reason
    )


# The decisions as announced (team names as the imports write them: canonical).
DEDUCTIONS = (
    _deduction("Everton", 10, date(2023, 11, 17), "breach of profitability and sustainability"),
    _deduction("Everton", -4, date(2024, 2, 26), "reduced on appeal"),
    _deduction("Nottingham Forest", 4, date(2024, 3, 18), "breach of profitability rules"),
    _deduction("Everton", 2, date(2024, 4, 8), "second breach, 2022-23 accounts"),
)


@pytest.fixture(scope="module")
def season_events(shared_data: Path) -> list[Event]:
    imported = import_openfootball_json(
        shared_data / "openfootball" / "en.1.2023-24.json",
        competition=COMPETITION,
        season=SEASON,
    )
    assert imported.problems == (), imported.summary()
    assert imported.imported == 380
    return list(imported.events())


@pytest.fixture(scope="module")
def official(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / "premier-league-2023-24-final-table.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _canonical(table: Table) -> list[tuple[int, str, int, int, int, int, int, int, int, int]]:
    return [
        (
            s.position,
            CLUBS.canonical(s.team),
            s.played,
            s.won,
            s.drawn,
            s.lost,
            s.goals_for,
            s.goals_against,
            s.goal_difference,
            s.points,
        )
        for s in table
    ]


def test_the_replayed_season_equals_the_official_final_table(
    season_events: list[Event], official: list[dict[str, str]]
) -> None:
    table = TABLE.standings(fold(TABLE, [*season_events, *DEDUCTIONS]))

    expected = [
        (
            int(row["pos"]),
            row["team"],
            *(int(row[k]) for k in ("played", "won", "drawn", "lost", "gf", "ga", "gd", "points")),
        )
        for row in official
    ]
    assert _canonical(table) == expected
    deducted = {CLUBS.canonical(s.team): s.deducted for s in table}
    assert deducted == {row["team"]: int(row["points_deducted"]) for row in official}
    assert not any(s.shared or s.unresolved for s in table)


@pytest.mark.parametrize(
    ("path", "importer"),
    [
        ("football-data/premier-league.season-2324.csv", import_football_data_csv),
        ("openfootball/premierleague.2023-24.txt", import_football_txt),
        # RSSSF lists Bournemouth v Luton of 16 December 2023 too, abandoned at 1-1 (Tom
        # Lockyer's cardiac arrest) and replayed in March: an abandoned match counts for nothing.
        ("openfootball/rsssf-eng2024-premierleague.txt", import_football_txt),
    ],
)
def test_every_source_of_the_season_gives_the_official_table(
    shared_data: Path,
    official: list[dict[str, str]],
    path: str,
    importer: object,
) -> None:
    assert callable(importer)
    imported = importer(shared_data / path, competition=COMPETITION, season=SEASON)
    assert imported.problems == ()
    # The deductions name the clubs as this source spells them.
    spelling = {
        CLUBS.canonical(m.events[0].home): m.events[0].home
        for m in imported.matches
        if isinstance(m.events[0], MatchScheduled)
    }
    canonical = CLUBS.canonical
    deductions = [attrs.evolve(d, team=spelling[canonical(d.team)]) for d in DEDUCTIONS]
    state = fold(TABLE, [*imported.events(), *deductions])
    table = TABLE.standings(state)

    assert [(s.position, CLUBS.canonical(s.team), s.goal_difference, s.points) for s in table] == [
        (int(row["pos"]), row["team"], int(row["gd"]), int(row["points"])) for row in official
    ]
    assert len(state.results) == 380


def test_without_the_deductions_everton_and_forest_finish_higher(
    season_events: list[Event],
) -> None:
    table = TABLE.standings(fold(TABLE, season_events))
    assert table["Everton"].points == 48
    assert table["Nottingham Forest"].points == 36
    assert table["Everton"].position < 15


def test_the_table_after_a_date_counts_the_deductions_in_force_then(
    season_events: list[Event],
) -> None:
    state = fold(TABLE, [*season_events, *DEDUCTIONS])
    before = TABLE.standings(state, until=date(2023, 11, 16))
    after_first_decision = TABLE.standings(state, until=date(2023, 11, 30))
    after_appeal = TABLE.standings(state, until=date(2024, 2, 29))

    assert before["Everton"].deducted == 0
    assert after_first_decision["Everton"].deducted == 10
    assert after_appeal["Everton"].deducted == 6
    assert all(s.played <= 13 for s in before)


def test_the_table_after_each_matchday_has_every_team_and_one_more_match(
    season_events: list[Event],
) -> None:
    state = fold(TABLE, season_events)
    for matchday in (1, 10, 38):
        table = TABLE.standings(state, matchday=matchday)
        assert len(table) == 20
        # Postponed matches were played later, so a club may have played fewer.
        assert max(s.played for s in table) <= matchday
    first = TABLE.standings(state, matchday=1)
    assert first.teams[:2] == ("Newcastle United", "Brighton & Hove Albion")  # 5-1, 4-1


def test_records_streaks_and_head_to_head_of_the_real_season(
    season_events: list[Event],
) -> None:
    book = RecordBook.of(fold(TABLE, season_events))

    city = book.record("Manchester City")
    assert (city.won, city.drawn, city.lost) == (28, 7, 3)
    home, away = (book.record("Manchester City", venue=v) for v in (Venue.HOME, Venue.AWAY))
    assert home + away == city
    # City finished the season unbeaten in 23 league matches (from December to May).
    unbeaten = book.current_streak("Manchester City", StreakKind.UNBEATEN)
    assert unbeaten is not None
    assert unbeaten.length == 23
    assert unbeaten.until == date(2024, 5, 19)
    # Sheffield United's longest run without a win.
    winless = book.longest_streak("Sheffield United", StreakKind.WINLESS)
    assert winless is not None
    assert winless.length >= 10
    assert book.form("Arsenal", 5) == "WWWWW"

    meetings = head_to_head(book.results, "Liverpool", "Manchester City")
    assert meetings.overall.played == 2
    assert meetings.overall.drawn == 2
