"""The score projection's two paths on the same examples: ``apply`` one event at a time (scan, live
projections, time travel) and ``apply_all`` over many (fold, replay). Each example is checked after
every event, on both paths, so that neither can drift where the random property tests seldom
look: a score recorded at the end of the first half of extra time, and a shoot-out's count."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from matches import istanbul_final
from matchevents import (
    Event,
    Goal,
    GoalAnnulled,
    KickOutcome,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchFormat,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    Timeline,
    end_of_extra_time,
    end_of_shootout,
    full_time,
    half_time,
    kick_off,
    second_half,
)
from matchevents.projections import SCORE, ScoreLine

M = "final"

Lines = Callable[[Sequence[Event]], list[ScoreLine]]


def one_event_at_a_time(events: Sequence[Event]) -> list[ScoreLine]:
    """The line after each event, by ``apply``."""
    state, lines = SCORE.initial(), []
    for event in events:
        state = SCORE.apply(state, event)
        lines.append(state.line)
    return lines


def all_at_once(events: Sequence[Event]) -> list[ScoreLine]:
    """The line after each event, by ``apply_all`` over each prefix."""
    return [SCORE.apply_all(SCORE.initial(), events[:n]).line for n in range(1, len(events) + 1)]


BOTH_PATHS = pytest.mark.parametrize("lines_of", [one_event_at_a_time, all_at_once])


def accepted(events: list[Event]) -> list[Event]:
    """The events, after checking that a timeline accepts them all."""
    Timeline.from_events(events)
    return events


def knockout_level_at_90(at_90: Score) -> list[Event]:
    """A knockout match known by its recorded scores, level after 90 minutes."""
    return [
        MatchScheduled(
            match_id=M,
            home="Real Madrid",
            away="Atlético Madrid",
            competition="UEFA Champions League",
            season="2013-14",
            format=MatchFormat.knockout(),
        ),
        kick_off(M),
        half_time(M, Score(0, 1)),
        second_half(M),
        full_time(M, at_90),
        PeriodStarted(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
    ]


def kick(side: Side, outcome: KickOutcome) -> ShootoutKick:
    return ShootoutKick(match_id=M, side=side, taker=None, outcome=outcome)


@BOTH_PATHS
def test_a_score_recorded_at_the_end_of_the_first_half_of_extra_time_is_the_live_score(
    lines_of: Lines,
) -> None:
    # A source that gives the score at each period end and no goals: 1-1, then 2-1 after 105.
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1)),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF, score=Score(2, 1)),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time(M),
        ]
    )
    lines = lines_of(events)
    after_105 = lines[-3]
    assert (after_105.live, after_105.final) == (Score(2, 1), Score(2, 1))
    assert (after_105.full_time, after_105.after_extra_time) == (Score(1, 1), None)
    assert lines[-2].live == Score(2, 1)  # the second half of extra time starts from it
    assert lines[-1].after_extra_time == Score(2, 1)
    assert str(lines[-1]) == "2-1 (HT 0-1, FT 1-1, AET 2-1)"


@BOTH_PATHS
def test_a_goal_after_a_score_recorded_in_extra_time_adds_to_it(lines_of: Lines) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1)),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF, score=Score(2, 1)),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
            Goal(match_id=M, side=Side.HOME, scorer="Marcelo", at=MatchClock(118)),
            end_of_extra_time(M),
        ]
    )
    assert lines_of(events)[-1].after_extra_time == Score(3, 1)


@BOTH_PATHS
def test_each_scored_kick_adds_one_to_the_shootout_score_and_a_miss_adds_nothing(
    lines_of: Lines,
) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1)),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time(M),
            PeriodStarted(match_id=M, period=Period.PENALTY_SHOOTOUT),
            kick(Side.HOME, KickOutcome.SCORED),
            kick(Side.AWAY, KickOutcome.SCORED),
            kick(Side.HOME, KickOutcome.SCORED),
            kick(Side.AWAY, KickOutcome.SAVED),
            kick(Side.HOME, KickOutcome.SCORED),
            kick(Side.AWAY, KickOutcome.MISSED),
            kick(Side.HOME, KickOutcome.SCORED),
            end_of_shootout(M),
        ]
    )
    shootout = [line.penalties for line in lines_of(events)[-9:]]
    assert shootout == [
        Score(0, 0),
        Score(1, 0),
        Score(1, 1),
        Score(2, 1),
        Score(2, 1),
        Score(3, 1),
        Score(3, 1),
        Score(4, 1),
        Score(4, 1),
    ]


@BOTH_PATHS
def test_istanbul_reads_the_same_on_either_path(lines_of: Lines) -> None:
    line = lines_of(istanbul_final())[-1]
    assert str(line) == "3-3 (HT 3-0, FT 3-3, AET 3-3, pens 2-3)"


@BOTH_PATHS
def test_a_shootout_known_only_by_its_score_takes_the_score_its_end_records(
    lines_of: Lines,
) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1)),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time(M),
            PeriodStarted(match_id=M, period=Period.PENALTY_SHOOTOUT),
            end_of_shootout(M, Score(4, 2)),
        ]
    )
    lines = lines_of(events)
    assert (lines[-2].penalties, lines[-1].penalties) == (Score(0, 0), Score(4, 2))
    assert lines[-1].live == Score(1, 1)


@BOTH_PATHS
def test_an_annulled_goal_is_taken_back_on_either_path(lines_of: Lines) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1))[:2],
            Goal(match_id=M, side=Side.AWAY, scorer="Diego Godín", at=MatchClock(36)),
            Goal(match_id=M, side=Side.HOME, scorer="Sergio Ramos", at=MatchClock(40)),
            GoalAnnulled(match_id=M, goal_version=3),
        ]
    )
    assert [line.live for line in lines_of(events)[-3:]] == [
        Score(0, 1),
        Score(1, 1),
        Score(1, 0),
    ]


@BOTH_PATHS
def test_an_awarded_score_is_the_final_score_on_either_path(lines_of: Lines) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1))[:2],
            Goal(match_id=M, side=Side.AWAY, scorer="Diego Godín", at=MatchClock(36)),
            MatchAbandoned(match_id=M, at=MatchClock(40), reason="crowd trouble"),
            MatchAwarded(match_id=M, score=Score(3, 0), reason="crowd trouble"),
        ]
    )
    line = lines_of(events)[-1]
    assert (line.live, line.awarded, line.final) == (Score(0, 1), Score(3, 0), Score(3, 0))


@BOTH_PATHS
def test_a_recorded_score_equal_to_the_goals_counted_keeps_the_counted_half_time(
    lines_of: Lines,
) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1))[:2],
            Goal(match_id=M, side=Side.AWAY, scorer="Diego Godín", at=MatchClock(36)),
            half_time(M),
            second_half(M),
            full_time(M, Score(0, 1)),
        ]
    )
    line = lines_of(events)[-1]
    assert (line.half_time, line.full_time) == (Score(0, 1), Score(0, 1))


@BOTH_PATHS
def test_a_recorded_score_above_the_goals_counted_makes_the_counted_half_time_unknown(
    lines_of: Lines,
) -> None:
    events = accepted(
        [
            *knockout_level_at_90(Score(1, 1))[:2],
            Goal(match_id=M, side=Side.AWAY, scorer="Diego Godín", at=MatchClock(36)),
            half_time(M),
            second_half(M),
            full_time(M, Score(1, 2)),
        ]
    )
    line = lines_of(events)[-1]
    assert (line.half_time, line.full_time) == (None, Score(1, 2))
