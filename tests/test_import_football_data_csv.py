"""Importing football-data.co.uk CSV results, and checking them against openfootball's Premier
League match by match through the club registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matchevents import FormatKind, MatchScheduled, PeriodEnded, Rule, Score
from matchevents.competitions import PREMIER_LEAGUE, LeagueTable
from matchevents.errors import BadRecordError, ImportSourceError
from matchevents.importers import (
    CardCounts,
    ImportedMatch,
    OnError,
    Problem,
    import_football_data_csv,
    import_openfootball_json,
)
from matchevents.projections import fold
from matchevents.teams import ClubRegistry, bundled_clubs

PLANTED = Path(__file__).parent / "fixtures" / "import" / "planted.csv"
SEASONS = [("2022-23", "2223"), ("2023-24", "2324"), ("2024-25", "2425")]


def half_time_of(match: ImportedMatch) -> Score | None:
    ends = [e for e in match.events if isinstance(e, PeriodEnded)]
    return ends[0].score


@pytest.mark.parametrize(("season", "code"), SEASONS)
def test_a_premier_league_csv_names_its_competition_and_season_by_its_file_name(
    shared_data: Path, season: str, code: str
) -> None:
    result = import_football_data_csv(
        shared_data / "football-data" / f"premier-league.season-{code}.csv"
    )
    assert (result.competition, result.season) == ("Premier League", season)
    assert (result.imported, result.rejected) == (380, 0)
    schedule = result.matches[0].events[0]
    assert isinstance(schedule, MatchScheduled)
    assert schedule.format.kind is FormatKind.LEAGUE
    # The files give the date only: the schedule keeps the day, and invents no kick-off time.
    assert schedule.kickoff is None
    assert schedule.date == schedule.day == result.matches[0].date


def test_a_season_without_kick_off_times_is_cut_by_date_and_ordered_by_day(
    shared_data: Path,
) -> None:
    """The table on New Year's Eve 2023 from a file with dates but no times: 20 matches each
    at most, and the results in the order played."""
    result = import_football_data_csv(
        shared_data / "football-data" / "premier-league.season-2324.csv"
    )
    table = LeagueTable(PREMIER_LEAGUE, "Premier League", "2023-24")
    state = fold(table, result.events())
    at_new_year = table.standings(state, until=date(2023, 12, 31))
    assert max(s.played for s in at_new_year) == 20
    assert sum(s.played for s in at_new_year) == 2 * 196  # the 196 matches of 2023
    assert at_new_year.teams[0] == "Liverpool"
    days = [r.day for r in state.chronological()]
    assert days == sorted(days)
    assert days[0] == date(2023, 8, 11)
    assert days[-1] == date(2024, 5, 19)


def test_card_counts_are_kept_beside_the_match_not_invented_as_events(shared_data: Path) -> None:
    result = import_football_data_csv(
        shared_data / "football-data" / "premier-league.season-2324.csv"
    )
    opener = result.matches[0]
    # The events name the clubs canonically; the match keeps the file's spelling (issue 17).
    assert (opener.home, opener.away) == ("Burnley", "Manchester City")
    assert opener.source_teams == ("Burnley", "Man City")
    assert opener.cards == CardCounts(home_yellow=0, away_yellow=0, home_red=1, away_red=0)
    assert {type(e).__name__ for e in opener.events} == {
        "MatchScheduled",
        "PeriodStarted",
        "PeriodEnded",
    }


@pytest.mark.parametrize(("season", "code"), SEASONS)
def test_both_premier_league_sources_give_identical_results(
    shared_data: Path, season: str, code: str
) -> None:
    """Same 380 matches, same dates, same full-time scores and the same match ids; half-time
    scores agree wherever both sources give one. The one difference found: openfootball leaves
    out the half-time score of goalless draws (football-data writes 0-0), reported here."""
    openfootball = import_openfootball_json(
        shared_data / "openfootball" / f"en.1.{season}.json", competition="Premier League"
    )
    football_data = import_football_data_csv(
        shared_data / "football-data" / f"premier-league.season-{code}.csv"
    )
    left = {m.match_id: m for m in openfootball.matches}
    right = {m.match_id: m for m in football_data.matches}
    assert len(left) == len(right) == 380
    assert left.keys() == right.keys()
    for match_id, ours in left.items():
        theirs = right[match_id]
        assert ours.home == theirs.home
        assert (ours.date, ours.ft) == (theirs.date, theirs.ft), match_id
    half_time_gaps = [
        match_id
        for match_id, ours in left.items()
        if half_time_of(ours) != half_time_of(right[match_id])
    ]
    assert half_time_gaps, "openfootball omits some half-time scores"
    for match_id in half_time_gaps:
        assert half_time_of(left[match_id]) is None
        assert left[match_id].ft == half_time_of(right[match_id]) == Score(0, 0)


def test_the_club_registry_covers_every_club_of_both_sources(shared_data: Path) -> None:
    for season, code in SEASONS:
        for result in (
            import_openfootball_json(shared_data / "openfootball" / f"en.1.{season}.json"),
            import_football_data_csv(
                shared_data / "football-data" / f"premier-league.season-{code}.csv"
            ),
        ):
            assert result.unknown_teams == ()
            teams = {m.source_teams[0] for m in result.matches}
            assert all(team in bundled_clubs() for team in teams), teams


def test_planted_bad_rows_are_each_reported_with_their_line() -> None:
    result = import_football_data_csv(PLANTED, competition="Planted League", season="2023-24")
    assert [(p.line, p.problem, p.rule) for p in result.problems] == [
        (3, Problem.RESULT_CONTRADICTS_SCORE, None),
        (4, Problem.MISSING_SCORE, None),
        (5, Problem.UNPARSABLE, None),
        (6, Problem.INVALID_DATE, None),
        (7, Problem.RULE_BROKEN, Rule.RECORDED_SCORE_MISMATCH),
        (9, Problem.DUPLICATE_MATCH, None),
    ]
    gamma = result.problems[0]
    assert (gamma.date, gamma.home, gamma.away) == (date(2023, 8, 12), "Gamma", "Delta")
    assert "FTR" in gamma.detail
    assert "1-1" in gamma.detail
    assert [m.line for m in result.matches] == [2, 8]
    assert result.matches[1].cards is None  # red card counts left empty: no counts at all


def test_stop_mode_reports_the_first_bad_row() -> None:
    with pytest.raises(BadRecordError) as raised:
        import_football_data_csv(
            PLANTED, competition="Planted League", season="2023-24", on_error=OnError.STOP
        )
    assert raised.value.problem.line == 3


def test_a_csv_without_the_result_columns_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "premier-league.season-2324.csv"
    path.write_text("Date,HomeTeam,AwayTeam\n2023-08-11,A,B\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="FTHG, FTAG"):
        import_football_data_csv(path)


def test_a_csv_with_an_unknown_name_needs_the_competition(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("Date,HomeTeam,AwayTeam,FTHG,FTAG\n11/08/2023,A,B,1,0\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="competition"):
        import_football_data_csv(path)
    result = import_football_data_csv(path, competition="Friendlies", season="2023-24")
    assert result.matches[0].date == date(2023, 8, 11)


def test_a_registry_refuses_one_spelling_for_two_clubs_of_one_country() -> None:
    with pytest.raises(ValueError, match="Man U"):
        ClubRegistry.from_groups({"Manchester United": ["Man U"], "Manchester City": ["Man U"]})


@pytest.mark.parametrize(("season", "code"), SEASONS)
def test_both_sources_give_the_same_league_table(shared_data: Path, season: str, code: str) -> None:
    table = LeagueTable(PREMIER_LEAGUE, "Premier League", season)
    standings = []
    for imported in (
        import_openfootball_json(
            shared_data / "openfootball" / f"en.1.{season}.json", competition="Premier League"
        ),
        import_football_data_csv(
            shared_data / "football-data" / f"premier-league.season-{code}.csv"
        ),
    ):
        standings.append(
            [
                (s.position, s.team, s.record, s.points)
                for s in table.standings(fold(table, imported.events()))
            ]
        )
    openfootball, football_data = standings
    assert len(openfootball) == 20
    assert openfootball == football_data
