"""Properties of the projections on generated valid matches (matchevents.testing strategies):
the score's arithmetic, phase scores that only grow, scan and fold, incremental and fold, time
travel and fold, merge laws, and agreement between projections and with the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, pairwise
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matches import shootout_by_its_score
from matchevents import (
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    MatchAwarded,
    PeriodEnded,
    Score,
    Side,
    Timeline,
)
from matchevents.competitions import PREMIER_LEAGUE, RESULTS, LeagueTable, ResultsState
from matchevents.projections import (
    DISCIPLINE,
    LINEUPS,
    OUTCOME,
    SCORE,
    SCORERS,
    STORY,
    Decision,
    LiveProjection,
    MatchStatus,
    base,
    combine,
    events_until,
    fold,
    match_result,
    scan,
    state_at_minute,
    state_at_version,
    with_clocks,
)
from matchevents.testing import ALL_ENDINGS, Ending, live_matches, matches, round_robin_seasons

ALL = combine(SCORE, OUTCOME, SCORERS, DISCIPLINE, LINEUPS, STORY)
"""Every per-match projection, in one pass."""

any_match = matches(endings=ALL_ENDINGS)
LEAGUE = LeagueTable(PREMIER_LEAGUE, "Test League", "2024-25")
played = matches(endings=[Ending.PLAYED])


def goals_that_stand(events: Sequence[Event]) -> Score:
    """The oracle: goals per side, an own goal to the side opposite its scorer's, annulled goals
    taken back, and a score recorded at a period end taken as it is (coarse sources)."""
    home = away = 0
    goal_sides: dict[int, Side] = {}
    for version, event in enumerate(events, start=1):
        match event:
            case Goal(kind=kind):
                player_side = event.player_side
                side = player_side.opponent if kind is GoalKind.OWN_GOAL else player_side
                goal_sides[version] = side
                home, away = (home + 1, away) if side is Side.HOME else (home, away + 1)
            case GoalAnnulled(goal_version=target):
                side = goal_sides.pop(target)
                home, away = (home - 1, away) if side is Side.HOME else (home, away - 1)
            case PeriodEnded(score=Score(home=home, away=away)):
                pass
            case _:
                pass
    return Score(home, away)


@given(any_match)
def test_the_score_is_the_goals_that_stand_and_agrees_with_the_timeline(
    events: tuple[Event, ...],
) -> None:
    line = fold(SCORE, events).line
    assert line.live == goals_that_stand(events)
    assert line.final == Timeline.from_events(events).score


@given(any_match)
def test_phase_scores_only_grow(events: tuple[Event, ...]) -> None:
    line = fold(SCORE, events).line
    phases = [s for s in (line.half_time, line.full_time, line.after_extra_time) if s is not None]
    for earlier, later in pairwise(phases):
        assert later.covers(earlier)
    if line.half_time is not None and line.full_time is not None:
        assert line.half_time.home <= line.full_time.home
        assert line.half_time.away <= line.full_time.away


@given(live_matches(min_size=0, endings=ALL_ENDINGS))
def test_the_last_state_of_scan_is_the_fold(events: tuple[Event, ...]) -> None:
    states = list(scan(ALL, events))
    assert len(states) == len(events)
    assert (states[-1] if states else ALL.initial()) == fold(ALL, events)


@given(any_match)
def test_a_live_projection_equals_the_fold_from_scratch(events: tuple[Event, ...]) -> None:
    timeline = Timeline(events[0].match_id)
    live = LiveProjection.follow(timeline, ALL)
    for event in events:
        timeline.append(event)
    assert live.state == fold(ALL, events)
    assert live.version == len(events)


@given(any_match, st.data())
def test_the_state_at_version_n_is_the_fold_of_the_first_n_events(
    events: tuple[Event, ...], data: st.DataObject
) -> None:
    version = data.draw(st.integers(0, len(events)), label="version")
    assert state_at_version(ALL, events, version) == fold(ALL, events[:version])


@given(any_match, st.data())
def test_the_state_at_a_minute_is_the_fold_of_a_prefix_up_to_that_minute(
    events: tuple[Event, ...], data: st.DataObject
) -> None:
    clocks = [at for at, _ in with_clocks(events) if at is not None]
    assert clocks == sorted(clocks)  # in a valid match the clock never goes back
    if not clocks:
        return
    moment = data.draw(st.sampled_from(clocks), label="moment")
    prefix = list(events_until(events, moment))
    assert prefix == list(events[: len(prefix)])
    assert state_at_minute(SCORE, events, moment) == fold(SCORE, prefix)
    assert all(at is None or at <= moment for at, _ in with_clocks(prefix))


@given(st.lists(matches(endings=ALL_ENDINGS, lineups=False), max_size=3), st.data())
def test_merge_is_associative_with_the_initial_state_as_identity(
    many: list[tuple[Event, ...]], data: st.DataObject
) -> None:
    log = [event for events in many for event in events]
    first = data.draw(st.integers(0, len(log)), label="first cut")
    second = data.draw(st.integers(first, len(log)), label="second cut")
    a, b, c = (fold(DISCIPLINE, part) for part in (log[:first], log[first:second], log[second:]))
    merge, empty = DISCIPLINE.merge, DISCIPLINE.initial()
    assert merge(merge(a, b), c) == merge(a, merge(b, c)) == fold(DISCIPLINE, log)
    assert merge(empty, a) == a == merge(a, empty)


def late_awards_split_off(match: Sequence[Event]) -> tuple[list[Event], list[Event]]:
    """A match's events up to its end (or abandonment, or postponement) and the awards after it,
    which a log may carry any time later."""
    body = list(match)
    late: list[Event] = []
    while body and isinstance(body[-1], MatchAwarded):
        late.insert(0, body.pop())
    return body, late


@st.composite
def logs_cut_between_matches(draw: st.DrawFn) -> tuple[list[Event], list[int]]:
    """Two league seasons (the league table's and another) of matches of every ending, one match
    after another, with deductions anywhere and the awards that end or overturn a match moved to
    any later place; and the indices where the log may be cut: anywhere but inside a match, so a
    match can be cut off from its late awards."""
    seasons = [
        draw(round_robin_seasons(max_teams=3, endings=ALL_ENDINGS, max_goals=2, season=season))
        for season in ("2024-25", "2023-24")
    ]
    units: list[list[Event]] = []
    awarded: list[tuple[list[Event], list[Event]]] = []  # (a match's events, its late awards)
    for played in (match for season in seasons for match in season.matches):
        body, late = late_awards_split_off(played)
        units.append(body)
        if late:
            awarded.append((body, late))
    for after, late in awarded:
        for award in late:  # each after its match and the awards before it
            earliest = next(i for i, unit in enumerate(units) if unit is after) + 1
            after = [award]
            units.insert(draw(st.integers(earliest, len(units))), after)
    for deduction in (d for season in seasons for d in season.sanctions):
        units.insert(draw(st.integers(0, len(units))), [deduction])
    bounds = list(accumulate(len(unit) for unit in units))
    cuts = sorted(draw(st.lists(st.sampled_from([0, *bounds]), min_size=2, max_size=2)))
    return [event for unit in units for event in unit], cuts


def in_order(state: ResultsState) -> tuple[Any, ...]:
    """A results state with the order of each of its parts (dict equality ignores it)."""
    return (state, list(state.running), list(state.log), list(state.overturned))


@pytest.mark.parametrize("projection", [RESULTS, LEAGUE], ids=["results", "league-table"])
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(logs_cut_between_matches())
def test_results_merge_associatively_with_the_initial_state_as_identity(
    projection: Any, cut: tuple[list[Event], list[int]]
) -> None:
    log, (first, second) = cut
    a, b, c = (fold(projection, part) for part in (log[:first], log[first:second], log[second:]))
    merge, empty = projection.merge, projection.initial()
    whole = in_order(fold(projection, log))
    assert in_order(merge(merge(a, b), c)) == whole
    assert in_order(merge(a, merge(b, c))) == whole
    assert in_order(merge(empty, a)) == in_order(a) == in_order(merge(a, empty))


@given(any_match)
def test_the_outcome_agrees_with_the_timeline_and_the_score(events: tuple[Event, ...]) -> None:
    outcome = fold(OUTCOME, events)
    timeline = Timeline.from_events(events)
    assert outcome.status.is_over == timeline.is_over
    assert outcome.status.is_live == (timeline.phase.value == "in_play")
    line = outcome.score
    if outcome.status.is_finished:
        assert line.full_time is not None
        if outcome.status is MatchStatus.FINISHED:
            assert line.after_extra_time is None
        if outcome.status is MatchStatus.FINISHED_AFTER_EXTRA_TIME:
            assert line.after_extra_time is not None
        if outcome.winner is None:
            assert outcome.is_draw
            assert line.final.is_level
        elif outcome.decided_by is Decision.PENALTIES:
            # Level after extra time on aggregate (a second leg's own score need not be): the
            # shoot-out's winner goes through, and wins the match where its score is level.
            assert outcome.schedule is not None
            assert outcome.schedule.format.aggregate(line.live).is_level
            assert line.penalties is not None
            assert line.penalties.leader is outcome.tie_winner
            expected = line.live.leader if line.live.leader is not None else line.penalties.leader
            assert outcome.winner is expected
        else:
            assert line.live.leader is outcome.winner
    if outcome.status is MatchStatus.AWARDED:
        assert outcome.decided_by is Decision.AWARDED
        assert outcome.winner is line.final.leader
    if not outcome.status.is_over:
        assert (outcome.winner, outcome.decided_by) == (None, None)


@given(matches(shootout=True, endings=[Ending.PLAYED, Ending.OVERTURNED]))
def test_a_shootout_known_only_by_its_score_projects_like_its_kicks(
    events: tuple[Event, ...],
) -> None:
    """Whether a source gives the kicks or only the shoot-out's score, the score, the outcome
    (winner, decision, who goes through), the result and the story are the same."""
    coarse = shootout_by_its_score(events)
    Timeline.from_events(coarse)
    assert match_result(coarse) == match_result(events)
    kicked, known_by_score = fold(OUTCOME, events), fold(OUTCOME, coarse)
    assert known_by_score.score == kicked.score
    assert (known_by_score.winner, known_by_score.decided_by, known_by_score.tie_winner) == (
        kicked.winner,
        kicked.decided_by,
        kicked.tie_winner,
    )
    # The kicks come after every goal, so the goals keep their versions: only the count differs.
    assert attrs.evolve(fold(STORY, coarse), version=0) == attrs.evolve(
        fold(STORY, events), version=0
    )


@given(played)
def test_a_tie_has_a_winner_unless_its_format_lets_it_end_level(events: tuple[Event, ...]) -> None:
    outcome = fold(OUTCOME, events)
    assert outcome.schedule is not None
    fmt = outcome.schedule.format
    if not fmt.must_have_winner:
        assert outcome.tie_winner is None
    elif outcome.tie_winner is None:
        # a knockout format without a shoot-out can end level (a replay decides it elsewhere)
        assert not fmt.shootout
        after_extra_time = outcome.score.after_extra_time is not None
        assert fmt.decided_by(outcome.score.live, after_extra_time=after_extra_time) is None


@given(any_match)
def test_the_story_and_the_scorers_agree_with_the_score(events: tuple[Event, ...]) -> None:
    score_line, _, scorers, _, _, story = fold(ALL, events)
    live = score_line.line.live
    assert story.score == live
    for side in Side:
        told = story.of(side)
        assert 0 <= told.largest_comeback <= told.largest_deficit
        came_back_from = told.comeback_from
        if came_back_from is None:
            assert told.largest_comeback == 0
        else:
            trailed_by = came_back_from.of(side.opponent) - came_back_from.of(side)
            assert trailed_by == told.largest_comeback > 0
        run = told.longest_run
        assert run is None or (run.side is side and 1 <= run.goals <= live.of(side))
        # goals known are at most the score: a coarse period records its score without goals
        assert len(scorers.goals_of(side)) <= live.of(side)
    assert story.lead_changes < max(len(story.steps), 1)


@given(
    matches(endings=[Ending.PLAYED, Ending.ABANDONED, Ending.OVERTURNED], lineups=True),
)
def test_with_line_ups_the_pitch_loses_only_the_players_sent_off(
    events: tuple[Event, ...],
) -> None:
    lineups, discipline = fold(combine(LINEUPS, DISCIPLINE), events)
    for side in Side:
        sheet = lineups.of(side)
        assert sheet.starting is not None
        assert sheet.on_pitch is not None
        assert len(sheet.on_pitch) == len(sheet.starting) - len(discipline.players_sent_off(side))
        assert sheet.sent_off == discipline.players_sent_off(side)


@given(any_match, st.data())
def test_folding_on_from_a_saved_state_equals_folding_at_once(
    events: tuple[Event, ...], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(events)), label="cut")
    saved = fold(ALL, events[:cut])
    assert fold(ALL, events[cut:], saved) == fold(ALL, events)


@given(any_match, st.integers(1, 7))
def test_a_combined_fold_read_in_small_chunks_equals_one_pass(
    events: tuple[Event, ...], chunk: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(base, "CHUNK", chunk)
        chunked = fold(ALL, events)
    assert chunked == tuple(fold(projection, events) for projection in ALL.projections)
