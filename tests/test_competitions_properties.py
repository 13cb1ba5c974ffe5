"""Invariants of the cross-match read models, over generated seasons and ties.

A season is a list of league matches, each given by its events (schedule to full-time, as a
results-only source knows it); the properties hold for any such season.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from random import Random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import (
    Event,
    Goal,
    MatchClock,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    Side,
    Timeline,
    end_of_extra_time,
)
from matchevents.competitions import (
    BUNDESLIGA,
    LA_LIGA,
    PREMIER_LEAGUE,
    RESULTS,
    SERIE_A,
    TWO_POINTS_FOR_A_WIN,
    UEFA_GROUP_STAGE,
    UEFA_GROUP_STAGE_UNTIL_2021,
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_UNTIL_2021,
    UEFA_LEAGUE_PHASE,
    CompetitionRules,
    LeagueTable,
    PointsDeduction,
    PointsScheme,
    RecordBook,
    StreakKind,
    Table,
    Tie,
    TieRules,
    Venue,
    played_match,
    record_of,
    second_leg_needs,
)
from matchevents.competitions.results import apply_plainly
from matchevents.errors import CompetitionDataError
from matchevents.projections import MatchStatus, fold, match_result
from matchevents.testing import ALL_ENDINGS, GeneratedCompetition, round_robin_seasons
from matchevents.testing import matches as whole_matches

COMPETITION = "Test League"
SEASON = "2024-25"
TEAM_NAMES = ("Arsenal", "Burnley", "Chelsea", "Derby", "Everton", "Fulham")
_START = datetime(2024, 8, 10, 15, 0, tzinfo=UTC)


@st.composite
def league_seasons(
    draw: st.DrawFn, *, max_matches: int = 30, max_goals: int = 4
) -> list[list[Event]]:
    """A season's matches, each as its list of events (schedule to full-time), on distinct
    dates in order; teams drawn from :data:`TEAM_NAMES`."""
    teams = draw(st.lists(st.sampled_from(TEAM_NAMES), min_size=2, max_size=6, unique=True))
    pairs = [(home, away) for home in teams for away in teams if home != away]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=max_matches))
    matches = []
    for number, (home, away) in enumerate(chosen):
        score = Score(
            draw(st.integers(0, max_goals), label="home goals"),
            draw(st.integers(0, max_goals), label="away goals"),
        )
        matches.append(
            played_match(
                f"m{number}",
                home,
                away,
                score,
                competition=COMPETITION,
                season=SEASON,
                matchday=number // 3 + 1,
                kickoff=_START + timedelta(days=number),
            )
        )
    return matches


def deductions_for(teams: list[str]) -> st.SearchStrategy[list[PointsDeduction]]:
    """A few points deductions against some of ``teams``."""
    return st.lists(
        st.builds(
            PointsDeduction,
            competition=st.just(COMPETITION),
            season=st.just(SEASON),
            team=st.sampled_from(teams),
            points=st.integers(1, 10),
            on=st.just(date(2024, 11, 1)),
        ),
        max_size=3,
    )


def flat(matches: list[list[Event]]) -> list[Event]:
    """All the events, match after match."""
    return [event for match in matches for event in match]


# -- league tables -------------------------------------------------------------------------------

TABLE = LeagueTable(PREMIER_LEAGUE, COMPETITION, SEASON)


@given(league_seasons())
def test_goals_for_and_against_balance_over_a_table(matches: list[list[Event]]) -> None:
    table = TABLE.standings(fold(TABLE, flat(matches)))
    assert sum(s.goals_for for s in table) == sum(s.goals_against for s in table)
    assert sum(s.goal_difference for s in table) == 0


def teams_of(matches: list[list[Event]]) -> list[str]:
    """The teams that play in ``matches``."""
    return sorted(
        {
            team
            for match in matches
            if isinstance(s := match[0], MatchScheduled)
            for team in (s.home, s.away)
        }
    )


@given(league_seasons(), st.data())
def test_points_are_three_per_win_one_per_draw_minus_deductions(
    matches: list[list[Event]], data: st.DataObject
) -> None:
    playing = teams_of(matches)
    deductions = data.draw(deductions_for(playing)) if playing else []
    table = TABLE.standings(fold(TABLE, [*deductions, *flat(matches)]))
    for s in table:
        deducted = sum(d.points for d in deductions if d.team == s.team)
        assert s.deducted == deducted
        assert s.points == 3 * s.won + s.drawn - deducted
        assert s.won + s.drawn + s.lost == s.played


@given(league_seasons(), st.data())
def test_a_deduction_of_a_team_that_does_not_play_is_an_error_not_a_row(
    matches: list[list[Event]], data: st.DataObject
) -> None:
    absent = [team for team in TEAM_NAMES if team not in teams_of(matches)]
    deduction = data.draw(deductions_for(absent), label="deduction") if absent else []
    state = fold(TABLE, [*deduction, *flat(matches)])
    if not deduction:
        assert len(TABLE.standings(state)) == len(teams_of(matches))
        return
    with pytest.raises(CompetitionDataError, match=f"from {deduction[0].team!r}"):
        TABLE.standings(state)


@given(league_seasons(), st.sampled_from([TWO_POINTS_FOR_A_WIN, PointsScheme(4, 2, 1)]))
def test_points_follow_the_rule_sets_scheme(
    matches: list[list[Event]], scheme: PointsScheme
) -> None:
    rules = attrs.evolve(BUNDESLIGA, points=scheme)
    table = LeagueTable(rules, COMPETITION, SEASON)
    for s in table.standings(fold(table, flat(matches))):
        assert s.points == scheme.win * s.won + scheme.draw * s.drawn + scheme.loss * s.lost


@given(
    league_seasons(),
    st.sampled_from(
        [
            PREMIER_LEAGUE,
            SERIE_A,
            LA_LIGA,
            BUNDESLIGA,
            UEFA_GROUP_STAGE,
            UEFA_GROUP_STAGE_UNTIL_2021,
            UEFA_LEAGUE_PHASE,
        ]
    ),
    st.randoms(use_true_random=False),
)
def test_a_table_does_not_depend_on_the_order_matches_are_replayed(
    matches: list[list[Event]], rules: CompetitionRules, random: Random
) -> None:
    table = LeagueTable(rules, COMPETITION, SEASON)
    shuffled = list(matches)
    random.shuffle(shuffled)
    assert table.standings(fold(table, flat(shuffled))) == table.standings(
        fold(table, flat(matches))
    )


# -- whole generated seasons: every match played out event by event, every ending ---------------
WHOLE_SEASONS = round_robin_seasons(max_teams=4, endings=ALL_ENDINGS, sanctions=True)
"""Seasons from the shipped strategy: goals, cards and substitutions, abandoned, awarded,
postponed and overturned matches, and points deductions (some reduced on appeal)."""


def season_table(
    season: GeneratedCompetition, rules: CompetitionRules = PREMIER_LEAGUE
) -> tuple[LeagueTable, Table]:
    table = LeagueTable(rules, season.competition, season.season)
    events: list[Event | PointsDeduction] = [*season.events, *season.sanctions]
    return table, table.standings(fold(table, events))


@given(WHOLE_SEASONS)
def test_a_whole_seasons_table_balances_goals_and_counts_points(
    season: GeneratedCompetition,
) -> None:
    _, standings = season_table(season)
    assert sorted(standings.teams) == sorted(season.teams)
    assert sum(s.goals_for for s in standings) == sum(s.goals_against for s in standings)
    assert sum(s.won for s in standings) == sum(s.lost for s in standings)
    for s in standings:
        assert s.won + s.drawn + s.lost == s.played <= 2 * (len(season.teams) - 1)
        assert s.points == 3 * s.won + s.drawn - s.deducted


@given(
    WHOLE_SEASONS,
    st.sampled_from([PREMIER_LEAGUE, SERIE_A, LA_LIGA, BUNDESLIGA, UEFA_GROUP_STAGE]),
    st.randoms(use_true_random=False),
)
def test_a_whole_seasons_table_does_not_depend_on_the_order_of_its_matches(
    season: GeneratedCompetition, rules: CompetitionRules, random: Random
) -> None:
    table, standings = season_table(season, rules)
    shuffled = list(season.matches)
    random.shuffle(shuffled)
    events: list[Event | PointsDeduction] = [*season.sanctions]
    events += [event for match in shuffled for event in match]
    assert table.standings(fold(table, events)) == standings


@given(league_seasons(), st.randoms(use_true_random=False))
def test_interleaving_the_events_of_matches_changes_nothing(
    matches: list[list[Event]], random: Random
) -> None:
    # Matches played at the same time: their events interleave, each match's stay in order.
    queues = [list(m) for m in matches]
    interleaved: list[Event] = []
    while any(queues):
        queue = random.choice([q for q in queues if q])
        interleaved.append(queue.pop(0))
    assert TABLE.standings(fold(TABLE, interleaved)) == TABLE.standings(fold(TABLE, flat(matches)))


@given(league_seasons())
def test_a_table_lists_teams_in_the_order_of_their_points(matches: list[list[Event]]) -> None:
    table = TABLE.standings(fold(TABLE, flat(matches)))
    points = [s.points for s in table]
    assert points == sorted(points, reverse=True)
    assert [s.position for s in table] == sorted(s.position for s in table)


# -- folding, merging ----------------------------------------------------------------------------


@given(league_seasons(), st.integers(0, 30))
def test_merged_partial_states_equal_one_pass(matches: list[list[Event]], cut: int) -> None:
    left, right = flat(matches[:cut]), flat(matches[cut:])
    merged = RESULTS.merge(fold(RESULTS, left), fold(RESULTS, right))
    assert merged == fold(RESULTS, flat(matches))


@given(league_seasons(), st.integers(0, 30))
def test_merged_partial_records_equal_records_folded_in_one_pass(
    matches: list[list[Event]], cut: int
) -> None:
    left, right = flat(matches[:cut]), flat(matches[cut:])
    merged = RecordBook.of(RESULTS.merge(fold(RESULTS, left), fold(RESULTS, right)))
    whole = RecordBook.of(fold(RESULTS, flat(matches)))
    halves = (RecordBook.of(fold(RESULTS, left)), RecordBook.of(fold(RESULTS, right)))
    for team in TEAM_NAMES:
        for venue in Venue:
            assert merged.record(team, venue=venue) == whole.record(team, venue=venue)
            assert halves[0].record(team, venue=venue) + halves[1].record(
                team, venue=venue
            ) == whole.record(team, venue=venue)
        for kind in StreakKind:
            assert merged.streaks(team, kind) == whole.streaks(team, kind)
        assert merged.form(team, 5) == whole.form(team, 5)


@given(league_seasons())
def test_apply_all_equals_repeated_apply(matches: list[list[Event]]) -> None:
    events = flat(matches)
    state = plain = RESULTS.initial()
    for event in events:
        state = RESULTS.apply(state, event)
        plain = apply_plainly(RESULTS, plain, event)
    assert state == plain
    assert RESULTS.apply_all(RESULTS.initial(), events) == plain


@given(league_seasons(), st.integers(0, 200))
def test_states_stay_as_they_were_when_a_fold_branches_from_them(
    matches: list[list[Event]], cut: int
) -> None:
    events = flat(matches)
    prefix = fold(RESULTS, events[:cut])
    snapshot = list(prefix.results)
    fold(RESULTS, events[cut:], prefix)  # one continuation ...
    other = fold(RESULTS, reversed(events[cut:]), prefix)  # ... and another from the same state
    assert list(prefix.results) == snapshot
    assert list(other.results)[: len(snapshot)] == snapshot


@given(league_seasons(), st.integers(0, 30))
def test_records_of_disjoint_results_add_up(matches: list[list[Event]], cut: int) -> None:
    results = fold(RESULTS, flat(matches)).results
    for team in TEAM_NAMES:
        assert record_of(results[:cut], team) + record_of(results[cut:], team) == record_of(
            results, team
        )


# -- ties ----------------------------------------------------------------------------------------

small_scores = st.builds(Score, st.integers(0, 5), st.integers(0, 5))


@given(
    small_scores,
    small_scores,
    st.sampled_from([UEFA_KNOCKOUT_FROM_2021, UEFA_KNOCKOUT_UNTIL_2021]),
)
def test_a_ties_aggregate_is_the_sum_of_its_legs_from_each_sides_view(
    first: Score, second: Score, rules: TieRules
) -> None:
    tie = Tie(rules, ["leg1", "leg2"])
    first_leg = played_match(
        "leg1",
        "Home",
        "Away",
        first,
        competition="Cup",
        season="1",
        format=rules.first_leg_format(),
    )
    after_first = fold(tie, first_leg)
    assert after_first.aggregate("Home") == (first.home, first.away)
    assert after_first.aggregate("Away") == (first.away, first.home)

    second_leg = played_match(
        "leg2",
        "Away",
        "Home",
        second,
        competition="Cup",
        season="1",
        format=rules.second_leg_format(first),
    )
    timeline = Timeline.from_events(second_leg)
    if not timeline.is_over:  # level after 90 minutes: "Away" (at home now) score in extra time
        second = second.plus(Side.HOME)
        second_leg += [
            PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
            Goal(match_id="leg2", side=Side.HOME, scorer=None, at=MatchClock(95)),
            PeriodEnded(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time("leg2"),
        ]
        timeline.extend(second_leg[len(timeline) :])
    state = fold(tie, second_leg, after_first)
    assert state.aggregate("Home") == (first.home + second.away, first.away + second.home)
    assert state.aggregate("Away") == (first.away + second.home, first.home + second.away)
    assert state.away_goals("Home") == second.away
    assert state.away_goals("Away") == first.away
    outcome = state.outcome
    assert outcome is not None
    assert outcome.aggregate == Score(*state.aggregate(outcome.winner))


@given(small_scores, st.sampled_from([UEFA_KNOCKOUT_FROM_2021, UEFA_KNOCKOUT_UNTIL_2021]))
def test_what_a_side_needs_is_what_wins_the_second_leg(first: Score, rules: TieRules) -> None:
    for team in ("Home", "Away"):
        for conceding in range(3):
            needs = second_leg_needs(rules, "Home", "Away", first, team=team, conceding=conceding)
            fmt = rules.second_leg_format(first)
            side = Side.HOME if team == "Away" else Side.AWAY

            def score(goals: int, side: Side = side, conceding: int = conceding) -> Score:
                return Score(goals, conceding) if side is Side.HOME else Score(conceding, goals)

            assert fmt.decided_by(score(needs.to_win), after_extra_time=False) is side
            if needs.to_win > 0:
                assert fmt.decided_by(score(needs.to_win - 1), after_extra_time=False) is not side
            if needs.to_force_extra_time is not None:
                level = score(needs.to_force_extra_time)
                assert fmt.decided_by(level, after_extra_time=False) is None


# -- whole matches of every shape (matchevents.testing) --------------------------------------------


@st.composite
def many_matches(draw: st.DrawFn) -> list[tuple[Event, ...]]:
    """A few whole valid matches of any format and ending (cards, substitutions, annulled goals,
    postponements, abandonments and awards included), with distinct match ids."""
    count = draw(st.integers(0, 4))
    return [
        draw(whole_matches(match_id=f"m{number}", extreme=draw(st.booleans())))
        for number in range(count)
    ]


def _interleave(whole: list[tuple[Event, ...]], random: Random) -> list[Event]:
    queues = [list(match) for match in whole]
    out: list[Event] = []
    while any(queues):
        queue = random.choice([q for q in queues if q])
        out.append(queue.pop(0))
    return out


@given(many_matches(), st.randoms(use_true_random=False))
def test_every_match_over_has_the_result_its_own_fold_gives(
    whole: list[tuple[Event, ...]], random: Random
) -> None:
    state = fold(RESULTS, _interleave(whole, random))
    by_id = {r.match_id: r for r in state.results}
    for events in whole:
        own = match_result(events)
        if own.status.is_over and own.status is not MatchStatus.ABANDONED:
            result = by_id[own.match_id]
            # The same result, save the kick-off, which follows a postponement's new date.
            assert attrs.evolve(result, kickoff=own.kickoff) == own
        else:
            assert own.match_id not in by_id
            assert own.match_id in state.running


@given(many_matches(), st.randoms(use_true_random=False))
def test_apply_all_equals_repeated_apply_for_matches_of_every_shape(
    whole: list[tuple[Event, ...]], random: Random
) -> None:
    events = _interleave(whole, random)
    state = plain = RESULTS.initial()
    for event in events:
        state = RESULTS.apply(state, event)
        plain = apply_plainly(RESULTS, plain, event)
    assert state == plain
    assert RESULTS.apply_all(RESULTS.initial(), events) == plain


@given(many_matches(), st.randoms(use_true_random=False), st.lists(st.integers(0, 60)))
def test_apply_all_in_batches_equals_repeated_apply_at_every_batch_end(
    whole: list[tuple[Event, ...]], random: Random, cuts: list[int]
) -> None:
    # Each batch ends with matches in play, which the next batch takes up where it left them.
    events = _interleave(whole, random)
    bounds = sorted({0, len(events), *(min(cut, len(events)) for cut in cuts)})
    state = batched = RESULTS.initial()
    for start, end in pairwise(bounds):
        for event in events[start:end]:
            state = apply_plainly(RESULTS, state, event)
        batched = RESULTS.apply_all(batched, events[start:end])
        assert batched == state
        assert list(batched.results) == list(state.results)
