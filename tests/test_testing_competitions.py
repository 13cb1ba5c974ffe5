"""matchevents.testing, many matches: seasons, two-legged rounds and interleaved feeds are made of
valid matches, in the shape their competition gives them."""

from __future__ import annotations

from collections import Counter
from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import (
    Event,
    FormatKind,
    InvalidValueError,
    MatchPhase,
    MatchScheduled,
    Score,
    Timeline,
)
from matchevents.competitions import PREMIER_LEAGUE, LeagueTable
from matchevents.projections import fold
from matchevents.testing import (
    Ending,
    GeneratedCompetition,
    interleaved_feeds,
    interleavings,
    round_robin_pairings,
    round_robin_seasons,
    two_legged_rounds,
)


def schedule_of(events: tuple[Event, ...]) -> MatchScheduled:
    first = events[0]
    assert isinstance(first, MatchScheduled)
    return first


@pytest.mark.parametrize("teams", [2, 3, 4, 5, 6])
def test_round_robin_pairings_meet_every_pair_once_per_round(teams: int) -> None:
    names = [f"T{n}" for n in range(teams)]
    days = round_robin_pairings(names)
    fixtures = [pair for day in days for pair in day]
    assert Counter(fixtures) == Counter(permutations(names, 2))
    for day in days:
        playing = [team for pair in day for team in pair]
        assert len(playing) == len(set(playing)), "nobody plays twice on a matchday"


@given(round_robin_seasons())
def test_a_season_is_every_team_against_every_other_home_and_away(
    season: GeneratedCompetition,
) -> None:
    schedules = [schedule_of(match) for match in season.matches]
    assert Counter((s.home, s.away) for s in schedules) == Counter(permutations(season.teams, 2))
    assert len({s.match_id for s in schedules}) == len(schedules)
    for match in season.matches:
        Timeline.from_events(match)
        schedule = schedule_of(match)
        assert schedule.format.kind is FormatKind.LEAGUE
        assert (schedule.competition, schedule.season) == (season.competition, season.season)
    for deduction in season.sanctions:
        assert deduction.team in season.teams
        assert (deduction.competition, deduction.season) == (season.competition, season.season)


@given(round_robin_seasons(endings=[Ending.PLAYED], sanctions=True))
def test_a_played_season_folds_into_a_full_table(season: GeneratedCompetition) -> None:
    table_projection = LeagueTable(PREMIER_LEAGUE, season.competition, season.season)
    state = fold(table_projection, [*season.events, *season.sanctions])
    table = table_projection.standings(state)
    games = 2 * (len(season.teams) - 1)
    assert sorted(table.teams) == sorted(season.teams)
    for standing in table:
        assert standing.played == games
        deducted = sum(d.points for d in season.sanctions if d.team == standing.team)
        assert standing.deducted == deducted


@given(two_legged_rounds())
def test_a_two_legged_round_pairs_legs_with_the_first_legs_score(
    round_: GeneratedCompetition,
) -> None:
    assert len(round_.matches) % 2 == 0
    for first, second in zip(round_.matches[::2], round_.matches[1::2], strict=True):
        leg1, leg2 = schedule_of(first), schedule_of(second)
        assert leg1.format.kind is FormatKind.FIRST_LEG
        assert leg2.format.kind is FormatKind.SECOND_LEG
        assert (leg2.home, leg2.away) == (leg1.away, leg1.home)
        played = Timeline.from_events(first)
        assert played.phase is MatchPhase.FINISHED
        assert leg2.format.first_leg == played.score
        decided = Timeline.from_events(second)
        assert decided.phase is MatchPhase.FINISHED


@given(interleaved_feeds())
def test_an_interleaved_feed_keeps_each_matchs_order(log: list[Event]) -> None:
    by_match: dict[str, list[Event]] = {}
    for event in log:
        by_match.setdefault(event.match_id, []).append(event)
    assert 2 <= len(by_match) <= 4
    for events in by_match.values():
        Timeline.from_events(events)


@given(st.lists(st.lists(st.integers(), max_size=5), max_size=4), st.data())
def test_interleavings_keep_every_stream_in_order(
    streams: list[list[int]], data: st.DataObject
) -> None:
    tagged = [[(i, x) for x in stream] for i, stream in enumerate(streams)]
    merged = data.draw(interleavings(tagged))
    assert sorted(merged) == sorted(item for stream in tagged for item in stream)
    for i, stream in enumerate(tagged):
        assert [item for item in merged if item[0] == i] == stream


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="2 or more teams"):
        round_robin_seasons(min_teams=1)
    with pytest.raises(InvalidValueError, match="1 or more ties"):
        two_legged_rounds(min_ties=0)
    with pytest.raises(InvalidValueError, match="drop match_id"):
        interleaved_feeds(match_id="m1")


def test_a_competitions_events_run_match_after_match() -> None:
    first = (MatchScheduled(match_id="a", home="A", away="B", competition="C", season="S"),)
    second = (MatchScheduled(match_id="b", home="B", away="A", competition="C", season="S"),)
    competition = GeneratedCompetition(
        competition="C", season="S", teams=("A", "B"), matches=(first, second)
    )
    assert competition.events == (*first, *second)
    assert Score(0, 0) == Timeline.from_events(first).score
