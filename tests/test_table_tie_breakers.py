"""League tables, tie-breaker by tie-breaker: each table here is level on every criterion before
the one it shows at work, so that the order comes from that criterion alone. Small made-up groups;
the general rules of each rule set are in test_competitions_table.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import groupby
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import Event, Score
from matchevents.competitions import (
    LA_LIGA,
    RESULTS,
    SERIE_A,
    UEFA_GROUP_STAGE,
    UEFA_GROUP_STAGE_UNTIL_2021,
    UEFA_LEAGUE_PHASE,
    CompetitionRules,
    LeagueTable,
    Table,
    played_match,
)
from matchevents.projections import MatchResult, fold
from matchevents.testing import Ending, GeneratedCompetition, round_robin_seasons

_DAY_ONE = datetime(2024, 9, 17, 20, 0, tzinfo=UTC)


def table_of(rules: CompetitionRules, *matches: tuple[str, int, int, str]) -> Table:
    """The table of ``(home, home goals, away goals, away)`` matches under ``rules``."""
    events: list[Event] = []
    for number, (home, home_goals, away_goals, away) in enumerate(matches):
        events += played_match(
            f"m{number}",
            home,
            away,
            Score(home_goals, away_goals),
            competition="League",
            season="2024-25",
            matchday=number + 1,
            kickoff=_DAY_ONE + timedelta(days=number),
        )
    projection = LeagueTable(rules, "League", "2024-25")
    return projection.standings(fold(projection, events))


# -- head-to-head, reapplied ----------------------------------------------------------------------


def test_two_teams_level_after_a_three_team_mini_table_are_ordered_by_their_own_match() -> None:
    # Ajax, Benfica and Celtic all beat Dynamo and beat one another in a circle: 6 points each,
    # and 0 goal difference each between them. Ajax scored 1 in those matches, Benfica and
    # Celtic 3 each: Ajax are third. Benfica and Celtic are still level, so the head-to-head
    # criteria start again on the one match between them, which Benfica won; Celtic's better
    # goal difference overall (+5 against +1) only counts after that.
    table = table_of(
        UEFA_GROUP_STAGE,
        ("Benfica", 3, 2, "Celtic"),
        ("Ajax", 1, 0, "Benfica"),
        ("Celtic", 1, 0, "Ajax"),
        ("Ajax", 1, 0, "Dynamo Kyiv"),
        ("Benfica", 1, 0, "Dynamo Kyiv"),
        ("Celtic", 5, 0, "Dynamo Kyiv"),
    )
    assert [(s.team, s.points) for s in table] == [
        ("Benfica", 6),
        ("Celtic", 6),
        ("Ajax", 6),
        ("Dynamo Kyiv", 0),
    ]
    assert not any(s.unresolved for s in table)


# -- head-to-head goal difference -----------------------------------------------------------------

_CIRCLE = (
    ("Juventus", 2, 0, "Lazio"),
    ("Lazio", 4, 3, "Milan"),
    ("Milan", 1, 0, "Juventus"),
)
"""Each team won once: 3 points each. Between them, Juventus 2-1 in goals (+1), Milan 4-4 (0),
Lazio 4-5 (-1): goal difference and the number of goals in their matches point opposite ways."""


@pytest.mark.parametrize(
    "rules",
    [SERIE_A, LA_LIGA, UEFA_GROUP_STAGE, UEFA_GROUP_STAGE_UNTIL_2021],
    ids=lambda rules: rules.name,
)
def test_head_to_head_goal_difference_orders_teams_level_on_head_to_head_points(
    rules: CompetitionRules,
) -> None:
    table = table_of(rules, *_CIRCLE)
    assert table.teams == ("Juventus", "Milan", "Lazio")
    assert [s.points for s in table] == [3, 3, 3]


@pytest.mark.parametrize(
    "rules",
    [SERIE_A, LA_LIGA, UEFA_GROUP_STAGE, UEFA_GROUP_STAGE_UNTIL_2021],
    ids=lambda rules: rules.name,
)
def test_head_to_head_goal_difference_counts_the_matches_of_every_team_level_on_points(
    rules: CompetitionRules,
) -> None:
    # Atalanta, Bologna and Cagliari end on 7 points. Between them Atalanta have 6 points,
    # Bologna and Cagliari 1 each (they drew 1-1). Among the three, Bologna lost 0-1 to Atalanta
    # (-1 in all), Cagliari 0-3 (-3): Bologna are second, although the match between the two
    # was level and Cagliari have the better goal difference overall (+7 against +1).
    table = table_of(
        rules,
        ("Atalanta", 1, 0, "Bologna"),
        ("Atalanta", 3, 0, "Cagliari"),
        ("Bologna", 1, 1, "Cagliari"),
        ("Bologna", 1, 0, "Dinamo"),
        ("Dinamo", 0, 1, "Bologna"),
        ("Cagliari", 5, 0, "Dinamo"),
        ("Dinamo", 0, 5, "Cagliari"),
        ("Atalanta", 0, 0, "Dinamo"),
        ("Dinamo", 1, 0, "Atalanta"),
    )
    assert [(s.team, s.points) for s in table] == [
        ("Atalanta", 7),
        ("Bologna", 7),
        ("Cagliari", 7),
        ("Dinamo", 4),
    ]


def test_serie_a_ranks_head_to_head_goal_difference_above_goal_difference_overall() -> None:
    # Atalanta and Bologna beat each other, 3-0 and 0-1: Atalanta +2 between them. Bologna's
    # 6-0 against Cagliari gives them the better goal difference overall, +4 against +3.
    table = table_of(
        SERIE_A,
        ("Atalanta", 3, 0, "Bologna"),
        ("Bologna", 1, 0, "Atalanta"),
        ("Bologna", 6, 0, "Cagliari"),
        ("Atalanta", 1, 0, "Dinamo"),
    )
    assert [(s.team, s.points, s.goal_difference) for s in table][:2] == [
        ("Atalanta", 6, 3),
        ("Bologna", 6, 4),
    ]


# -- the league phase from 2024-25: away wins and the opponents' records --------------------------


def test_the_league_phase_puts_more_away_goals_first_when_level_on_goals() -> None:
    # Lille drew 1-1 at PSV, Girona 1-1 at home to PSV: one point, one goal each.
    table = table_of(
        UEFA_LEAGUE_PHASE,
        ("PSV", 1, 1, "Lille"),
        ("Girona", 1, 1, "PSV"),
    )
    assert table.teams == ("PSV", "Lille", "Girona")
    assert not any(s.unresolved for s in table)


def test_the_league_phase_puts_more_wins_first_when_level_on_away_goals() -> None:
    # Villarreal won 2-0 and lost 0-2, Atalanta drew 1-1, 1-1 and 0-0, all at home: 3 points,
    # 2-2 in goals, no away goal each; their opponents' records add up to the same too.
    table = table_of(
        UEFA_LEAGUE_PHASE,
        ("Villarreal", 2, 0, "Bayern"),
        ("Villarreal", 0, 2, "Celtic"),
        ("Atalanta", 1, 1, "Dortmund"),
        ("Atalanta", 1, 1, "Feyenoord"),
        ("Atalanta", 0, 0, "Lille"),
    )
    assert table.teams[1:3] == ("Villarreal", "Atalanta")
    assert not table["Villarreal"].unresolved
    assert not table["Atalanta"].unresolved


def test_the_league_phase_puts_more_away_wins_first_when_level_on_wins() -> None:
    # Sporting won 1-0 away and lost 1-2 at home; Benfica won 1-0 at home and lost 1-2 away.
    # Points, goal difference, goals, away goals (1 each), wins and opponents are the same.
    table = table_of(
        UEFA_LEAGUE_PHASE,
        ("Porto", 0, 1, "Sporting"),
        ("Sporting", 1, 2, "Braga"),
        ("Benfica", 1, 0, "Porto"),
        ("Braga", 2, 1, "Benfica"),
    )
    assert [(s.team, s.points, s.goal_difference, s.goals_for) for s in table] == [
        ("Braga", 6, 2, 4),
        ("Sporting", 3, 0, 2),
        ("Benfica", 3, 0, 2),
        ("Porto", 0, -2, 0),
    ]
    assert not any(s.unresolved for s in table)


def test_the_league_phase_puts_the_better_goal_difference_of_the_opponents_first() -> None:
    # Arsenal and Brest both won 1-0 at home and played nobody else, against opponents with no
    # points and no goals; Arsenal's opponent (Zagreb) then lost 0-5, Brest's (Young Boys) 0-1.
    table = table_of(
        UEFA_LEAGUE_PHASE,
        ("Arsenal", 1, 0, "Zagreb"),
        ("Brest", 1, 0, "Young Boys"),
        ("Zagreb", 0, 5, "Celtic"),
        ("Young Boys", 0, 1, "Celtic"),
    )
    assert table.teams[1:3] == ("Brest", "Arsenal")
    assert not any(s.unresolved for s in table)


def test_the_league_phase_then_puts_the_opponents_with_more_goals_first() -> None:
    # As above, but both opponents end on -2: Zagreb lost 0-1 and 1-2, Young Boys 0-1 and 0-1.
    # Brest's opponents scored one goal, Arsenal's none.
    table = table_of(
        UEFA_LEAGUE_PHASE,
        ("Arsenal", 1, 0, "Young Boys"),
        ("Brest", 1, 0, "Zagreb"),
        ("Zagreb", 1, 2, "Celtic"),
        ("Young Boys", 0, 1, "Celtic"),
    )
    assert table.teams[1:3] == ("Brest", "Arsenal")
    assert not any(s.unresolved for s in table)


# -- any season: the head-to-head rule sets, as their regulations read -----------------------------


class Regulation(NamedTuple):
    """A rule set that looks first at the matches between the teams level on points: the
    criteria of that mini-table, whether they start again on the teams it leaves level (UEFA),
    then the criteria over all matches. :func:`expected_order` works the table out from these
    alone, not from the library's ranking."""

    rules: CompetitionRules
    head_to_head: tuple[str, ...]
    reapplied: bool
    overall: tuple[str, ...]


UEFA_OVERALL = ("goal_difference", "goals", "away_goals", "wins", "away_wins")
REGULATIONS = [
    Regulation(SERIE_A, ("points", "goal_difference"), False, ("goal_difference", "goals")),
    Regulation(
        LA_LIGA, ("points", "goal_difference", "goals"), False, ("goal_difference", "goals")
    ),
    Regulation(UEFA_GROUP_STAGE, ("points", "goal_difference", "goals"), True, UEFA_OVERALL),
    Regulation(
        UEFA_GROUP_STAGE_UNTIL_2021,
        ("points", "goal_difference", "goals", "away_goals"),
        True,
        UEFA_OVERALL,
    ),
]

Totals = dict[str, dict[str, int]]


def totals_between(results: Sequence[MatchResult], teams: Sequence[str]) -> Totals:
    """Each of ``teams``' points, goal difference, goals, away goals, wins and away wins in the
    matches between ``teams``."""
    keys = ("points", "goal_difference", "goals", "away_goals", "wins", "away_wins")
    totals = {team: dict.fromkeys(keys, 0) for team in teams}
    for result in results:
        if result.home not in totals or result.away not in totals:
            continue
        score = result.score.final
        for team, scored, conceded, away in (
            (result.home, score.home, score.away, False),
            (result.away, score.away, score.home, True),
        ):
            won = scored > conceded
            of_team = totals[team]
            of_team["points"] += 3 if won else 1 if scored == conceded else 0
            of_team["goal_difference"] += scored - conceded
            of_team["goals"] += scored
            of_team["away_goals"] += scored if away else 0
            of_team["wins"] += won
            of_team["away_wins"] += away and won
    return totals


def levels(totals: Totals, criteria: tuple[str, ...]) -> list[list[str]]:
    """The teams in order of ``criteria``, best first, in groups level on all of them (each
    group in name order)."""

    def key(team: str) -> tuple[int, ...]:
        return tuple(-totals[team][criterion] for criterion in criteria)

    ordered = sorted(totals, key=lambda team: (key(team), team))
    return [list(level) for _, level in groupby(ordered, key=key)]


def expected_order(
    regulation: Regulation, results: Sequence[MatchResult], teams: Sequence[str]
) -> list[str]:
    overall = totals_between(results, teams)

    def among(level: list[str]) -> list[str]:
        order = []
        for still_level in levels(totals_between(results, level), regulation.head_to_head):
            if regulation.reapplied and 1 < len(still_level) < len(level):
                order += among(still_level)
            else:
                by_overall = levels({t: overall[t] for t in still_level}, regulation.overall)
                order += [team for group in by_overall for team in group]
        return order

    return [team for level in levels(overall, ("points",)) for team in among(level)]


@given(
    round_robin_seasons(min_teams=3, endings=[Ending.PLAYED], sanctions=False),
    st.sampled_from(REGULATIONS),
)
def test_teams_level_on_points_are_ordered_by_the_matches_between_them_then_overall(
    season: GeneratedCompetition, regulation: Regulation
) -> None:
    table = LeagueTable(regulation.rules, season.competition, season.season)
    standings = table.standings(fold(table, season.events))
    results = fold(RESULTS, season.events).results
    assert list(standings.teams) == expected_order(regulation, results, season.teams)
