"""Importing openfootball's football.json: leagues, cups with two-legged ties, tournaments with
goal lists; every bad record reported with its file, record and rule, none repaired."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from matchevents import (
    AwayGoals,
    FormatKind,
    Goal,
    GoalKind,
    MatchClock,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Rule,
    Score,
    ShootoutKick,
    Side,
    Timeline,
)
from matchevents.competitions import UEFA_KNOCKOUT_FROM_2021
from matchevents.errors import BadRecordError, ImportSourceError
from matchevents.importers import (
    ImportedMatch,
    ImportResult,
    OnError,
    Problem,
    import_openfootball_json,
)
from matchevents.projections.outcome import Decision, match_result

PLANTED = Path(__file__).parent / "fixtures" / "import" / "planted.json"


def the_match(
    result: ImportResult, home: str, away: str, round_: str | None = None
) -> ImportedMatch:
    found = [
        m
        for m in result.matches
        if m.home == home and m.away == away and (round_ is None or m.round == round_)
    ]
    assert len(found) == 1, f"{home} v {away}: {len(found)} matches"
    return found[0]


# -- the World Cup 2022 final: goals, extra time, shoot-out ----------------------------------


@pytest.fixture(scope="module")
def world_cup_2022(shared_data: Path) -> ImportResult:
    return import_openfootball_json(shared_data / "openfootball" / "worldcup.2022.json")


def test_world_cup_2022_final_has_its_goals_in_order_with_kinds_and_minutes(
    world_cup_2022: ImportResult,
) -> None:
    final = the_match(world_cup_2022, "Argentina", "France", "Final")
    goals = [(e.scorer, e.side, e.at, e.kind) for e in final.events if isinstance(e, Goal)]
    assert goals == [
        ("Lionel Messi", Side.HOME, MatchClock(23), GoalKind.PENALTY),
        ("Ángel Di María", Side.HOME, MatchClock(36), GoalKind.OPEN_PLAY),
        ("Kylian Mbappé", Side.AWAY, MatchClock(80), GoalKind.PENALTY),
        ("Kylian Mbappé", Side.AWAY, MatchClock(81), GoalKind.OPEN_PLAY),
        ("Lionel Messi", Side.HOME, MatchClock(108), GoalKind.OPEN_PLAY),
        ("Kylian Mbappé", Side.AWAY, MatchClock(118), GoalKind.PENALTY),
    ]


def test_world_cup_2022_final_is_3_3_after_extra_time_and_won_4_2_on_penalties(
    world_cup_2022: ImportResult,
) -> None:
    final = the_match(world_cup_2022, "Argentina", "France", "Final")
    result = match_result(final.events)
    assert result.format.kind is FormatKind.KNOCKOUT
    assert (result.score.half_time, result.score.full_time) == (Score(2, 0), Score(2, 2))
    assert result.score.after_extra_time == Score(3, 3)
    assert result.score.penalties == Score(4, 2)
    assert result.winner_team == "Argentina"
    assert result.decided_by is Decision.PENALTIES
    assert Timeline.from_events(final.events).is_over


def test_a_shootout_known_only_by_its_score_ends_with_that_score_and_no_invented_kick(
    world_cup_2022: ImportResult,
) -> None:
    """openfootball gives the final's shoot-out as ``"p": [4, 2]``. France kicked first and
    missed their second and third kicks; the file does not say so, so nothing is made up."""
    final = the_match(world_cup_2022, "Argentina", "France", "Final")
    assert not any(isinstance(e, ShootoutKick) for e in final.events)
    assert final.events[-2:] == (
        PeriodStarted(match_id=final.match_id, period=Period.PENALTY_SHOOTOUT),
        PeriodEnded(match_id=final.match_id, period=Period.PENALTY_SHOOTOUT, penalties=Score(4, 2)),
    )
    assert final.shootout == Score(4, 2)


def test_an_own_goal_listed_under_the_benefiting_team_counts_for_that_team(
    world_cup_2022: ImportResult,
) -> None:
    match = the_match(world_cup_2022, "Argentina", "Australia")
    own_goals = [e for e in match.events if isinstance(e, Goal) and e.kind is GoalKind.OWN_GOAL]
    assert [(g.scorer, g.side, g.player_side, g.at) for g in own_goals] == [
        ("Enzo Fernández", Side.AWAY, Side.HOME, MatchClock(77))
    ]
    assert match_result(match.events).score.final == Score(2, 1)


def test_stoppage_time_offsets_become_clock_stoppage(world_cup_2022: ImportResult) -> None:
    clocks = {e.at for m in world_cup_2022.matches for e in m.events if isinstance(e, Goal)}
    stoppage = {c for c in clocks if c.stoppage}
    assert stoppage, "the 2022 World Cup had goals in stoppage time"
    assert all(c.minute in (45, 90, 105, 120) for c in stoppage)


def test_matches_without_goal_lists_are_coarse_and_carry_only_recorded_scores(
    world_cup_2022: ImportResult,
) -> None:
    match = the_match(world_cup_2022, "England", "USA")
    assert not any(isinstance(e, Goal) for e in match.events)
    ends = [e for e in match.events if isinstance(e, PeriodEnded)]
    assert [e.score for e in ends] == [None, Score(0, 0)]  # no half-time score in the source


# -- leagues ----------------------------------------------------------------------------------


@pytest.mark.parametrize("season", ["2022-23", "2023-24", "2024-25"])
def test_a_premier_league_season_imports_as_380_league_matches(
    shared_data: Path, season: str
) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / f"en.1.{season}.json")
    assert (result.competition, result.season) == ("English Premier League", season)
    assert (result.imported, result.rejected) == (380, 0)
    schedules = [m.events[0] for m in result.matches]
    assert all(
        isinstance(s, MatchScheduled) and s.format.kind is FormatKind.LEAGUE for s in schedules
    )
    assert {s.matchday for s in schedules if isinstance(s, MatchScheduled)} == set(range(1, 39))
    assert all(match_result(m.events).score.final == m.ft for m in result.matches)


def test_competition_and_season_can_be_named_by_the_user(shared_data: Path) -> None:
    result = import_openfootball_json(
        shared_data / "openfootball" / "en.1.2023-24.json",
        competition="Premier League",
        season="2023/24",
    )
    first = result.matches[0].events[0]
    assert isinstance(first, MatchScheduled)
    assert (first.competition, first.season) == ("Premier League", "2023-24")
    assert first.match_id == "premier-league:2023-24:2023-08-11:burnley-v-manchester-city"


# -- two-legged ties and the away goals rule ---------------------------------------------------


@pytest.fixture(scope="module")
def champions_league_2018_19(shared_data: Path) -> ImportResult:
    return import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2018-19.json")


@pytest.mark.parametrize(
    ("home", "away", "round_", "through"),
    [
        (
            "Paris Saint-Germain",
            "Manchester United",
            "Round of 16",
            "Manchester United",
        ),
        (
            "Manchester City",
            "Tottenham Hotspur",
            "Quarterfinals",
            "Tottenham Hotspur",
        ),
        ("AFC Ajax", "Tottenham Hotspur", "Semifinals", "Tottenham Hotspur"),
    ],
)
def test_champions_league_2018_19_ties_level_on_aggregate_go_through_on_away_goals(
    champions_league_2018_19: ImportResult, home: str, away: str, round_: str, through: str
) -> None:
    second_leg = the_match(champions_league_2018_19, home, away, round_)
    result = match_result(second_leg.events)
    assert result.format.kind is FormatKind.SECOND_LEG
    assert result.format.away_goals is AwayGoals.INCLUDING_EXTRA_TIME
    assert result.aggregate is not None
    assert result.aggregate.is_level
    assert result.decided_by is Decision.REGULAR_TIME
    assert result.tie_winner is not None
    assert result.team(result.tie_winner) == through


def test_a_tie_level_on_away_goals_too_goes_to_extra_time(
    champions_league_2018_19: ImportResult,
) -> None:
    second_leg = the_match(champions_league_2018_19, "FC Porto", "AS Roma")
    result = match_result(second_leg.events)
    assert result.format.first_leg == Score(2, 1)
    assert result.score.after_extra_time == Score(3, 1)
    assert result.tie_winner is Side.HOME


def test_without_the_away_goals_rule_those_ties_are_reported_undecided(shared_data: Path) -> None:
    result = import_openfootball_json(
        shared_data / "openfootball" / "uefa.cl.2018-19.json", ties=UEFA_KNOCKOUT_FROM_2021
    )
    undecided = {
        (p.home, p.round) for p in result.problems if p.problem is Problem.RESULT_UNDECIDED
    }
    # A rejected record is named as the source writes it.
    assert undecided == {
        ("Paris Saint-Germain (FRA)", "Round of 16"),
        ("Manchester City (ENG)", "Quarterfinals"),
        ("AFC Ajax (NED)", "Semifinals"),
    }


def test_legs_are_paired_by_stage_and_teams_across_round_names(shared_data: Path) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2024-25.json")
    kinds = {m.round: set() for m in result.matches}
    for m in result.matches:
        schedule = m.events[0]
        assert isinstance(schedule, MatchScheduled)
        kinds[m.round].add(schedule.format.kind)
    assert kinds["Playoffs, Matchday 1"] == {FormatKind.FIRST_LEG}
    assert kinds["Playoffs, Matchday 2"] == {FormatKind.SECOND_LEG}
    assert kinds["League, Matchday 1"] == {FormatKind.LEAGUE}


# -- bad records in the shared files ----------------------------------------------------------

SHARED_BAD_RECORDS = {
    ("euro.2020.json", 48, Problem.GOALS_UNDER_WRONG_TEAM, None),
    ("euro.2024.json", 39, Problem.GOALS_CONTRADICT_SCORE, None),
    ("euro.2024.json", 45, Problem.GOALS_CONTRADICT_SCORE, None),
    ("uefa.cl.2024-25.json", 170, Problem.SHOOTOUT_LEVEL, None),
    ("uefa.cl.2024-25.json", 175, Problem.SHOOTOUT_LEVEL, None),
    ("uefa.cl.2024-25.json", 189, Problem.MISSING_SCORE, None),
    ("worldcup.2018.json", 47, Problem.HALF_TIME_CONTRADICTS_GOALS, None),
    ("worldcup.2018.json", 48, Problem.HALF_TIME_CONTRADICTS_GOALS, None),
    ("worldcup.2022.json", 29, Problem.HALF_TIME_CONTRADICTS_GOALS, None),
    ("worldcup.2022.json", 41, Problem.HALF_TIME_CONTRADICTS_GOALS, None),
    ("worldcup.2022.json", 58, Problem.HALF_TIME_CONTRADICTS_GOALS, None),
}


def test_every_bad_record_of_the_shared_json_files_is_reported(shared_data: Path) -> None:
    found = set()
    for path in sorted((shared_data / "openfootball").glob("*.json")):
        result = import_openfootball_json(path)
        total = len(json.loads(path.read_text(encoding="utf-8")).get("matches") or []) or sum(
            len(r["matches"]) for r in json.loads(path.read_text(encoding="utf-8"))["rounds"]
        )
        assert result.imported + result.rejected == total, path.name
        found |= {(path.name, p.record, p.problem, p.rule) for p in result.problems}
    assert found == SHARED_BAD_RECORDS


def test_a_bad_record_names_the_match_and_what_is_wrong(shared_data: Path) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2024-25.json")
    level = result.problems[0]
    assert (level.date, level.home, level.away, level.round) == (
        date(2025, 3, 11),
        "Liverpool FC (ENG)",
        "Paris Saint-Germain FC (FRA)",
        "Finals, Round of 16",
    )
    assert "4-4" in level.detail
    assert str(level).startswith(f"{result.file}#170: 2025-03-11 Liverpool FC (ENG) v ")


# -- planted bad records: one of each kind ----------------------------------------------------


@pytest.fixture(scope="module")
def planted() -> ImportResult:
    return import_openfootball_json(PLANTED)


def test_planted_bad_records_are_each_reported_with_their_kind(planted: ImportResult) -> None:
    assert [(p.record, p.problem, p.rule) for p in planted.problems] == [
        (2, Problem.MISSING_SCORE, None),
        (3, Problem.GOALS_UNDER_WRONG_TEAM, None),
        (4, Problem.HALF_TIME_CONTRADICTS_GOALS, None),
        (5, Problem.GOALS_CONTRADICT_SCORE, None),
        (6, Problem.INVALID_GOAL, None),
        (8, Problem.DUPLICATE_MATCH, None),
        (9, Problem.UNPARSABLE, None),
        (10, Problem.INVALID_DATE, None),
        (11, Problem.SHOOTOUT_LEVEL, None),
        (12, Problem.SHOOTOUT_IMPOSSIBLE, None),
        (13, Problem.RESULT_UNDECIDED, None),
        (14, Problem.RULE_BROKEN, Rule.EXTRA_TIME_NEEDS_LEVEL),
        (15, Problem.RULE_BROKEN, Rule.RECORDED_SCORE_MISMATCH),
        (16, Problem.FIRST_LEG_REJECTED, None),
    ]


def test_good_records_beside_bad_ones_are_imported_whole(planted: ImportResult) -> None:
    assert [m.record for m in planted.matches] == [1, 7, 17, 18, 19]
    tie = match_result(planted.matches[3].events)
    assert tie.format.first_leg == Score(0, 1)
    assert tie.team(tie.tie_winner or Side.HOME) == "Gamma FC"
    final = match_result(planted.matches[4].events)
    assert final.score.after_extra_time == Score(2, 1)
    assert final.decided_by is Decision.EXTRA_TIME


def test_planted_problems_carry_the_details_a_reader_needs(planted: ImportResult) -> None:
    by_record = {p.record: p for p in planted.problems}
    assert "0-1" in by_record[3].detail
    assert "1-0" in by_record[3].detail
    assert "30" in by_record[6].detail
    assert "5-2" in by_record[12].detail
    assert "#15" in by_record[16].detail
    assert by_record[9].home == "Alpha FC"
    assert by_record[9].away is None


def test_stop_mode_raises_at_the_first_bad_record_and_imports_nothing() -> None:
    with pytest.raises(BadRecordError) as raised:
        import_openfootball_json(PLANTED, on_error=OnError.STOP)
    assert raised.value.problem.record == 2
    assert raised.value.problem.problem is Problem.MISSING_SCORE
    assert "planted.json#2" in str(raised.value)


# -- files that cannot be imported at all -----------------------------------------------------


def test_a_file_that_is_not_json_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportSourceError, match=r"broken\.json"):
        import_openfootball_json(path)


def test_a_file_without_a_name_needs_the_competition_and_season(tmp_path: Path) -> None:
    path = tmp_path / "unnamed.json"
    path.write_text(json.dumps({"matches": []}), encoding="utf-8")
    with pytest.raises(ImportSourceError, match="competition"):
        import_openfootball_json(path)
    result = import_openfootball_json(path, competition="Friendlies", season="2024")
    assert (result.competition, result.season, result.imported) == ("Friendlies", "2024", 0)


def test_a_kickoff_written_with_its_utc_offset_is_timezone_aware(shared_data: Path) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / "worldcup.2018.json")
    opener = result.matches[0].events[0]
    assert isinstance(opener, MatchScheduled)
    assert opener.kickoff == datetime(2018, 6, 14, 18, 0, tzinfo=timezone(timedelta(hours=3)))
