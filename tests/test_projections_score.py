"""The score projection: live score, scores by phase, annulments, own goals, coarse and awarded
matches. Every hand-built stream is first accepted by a Timeline, so it is a valid match."""

from __future__ import annotations

import pytest

from matches import anfield_first_leg, bergamo_second_leg, istanbul_final, shootout_by_its_score
from matchevents import (
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    MatchAbandoned,
    MatchAwarded,
    MatchFormat,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    Side,
    Timeline,
    clock,
    full_time,
    half_time,
    kick_off,
)
from matchevents.errors import ProjectionError
from matchevents.projections import SCORE, ScoreLine, fold, scan, score_line

M = "score-test"


def schedule(fmt: MatchFormat | None = None) -> MatchScheduled:
    return MatchScheduled(
        match_id=M,
        home="Home FC",
        away="Away FC",
        competition="Test Cup",
        season="2024",
        format=fmt or MatchFormat.league(),
    )


def goal(side: Side, minute: int, kind: GoalKind = GoalKind.OPEN_PLAY) -> Goal:
    return Goal(match_id=M, side=side, scorer=None, at=clock(minute), kind=kind)


def second_half() -> PeriodStarted:
    return PeriodStarted(match_id=M, period=Period.SECOND_HALF)


def accepted(events: list[Event]) -> list[Event]:
    """The events, after checking that a timeline accepts them all."""
    Timeline.from_events(events)
    return events


def test_an_empty_stream_is_nil_nil_with_no_phase_reached() -> None:
    line = score_line([])
    assert line == ScoreLine()
    assert line.final == Score(0, 0)
    assert (line.half_time, line.full_time, line.after_extra_time, line.penalties) == (None,) * 4
    assert str(line) == "0-0"


def test_goals_count_for_their_side_and_an_own_goal_for_the_side_it_benefits() -> None:
    events = accepted(
        [
            schedule(),
            kick_off(M),
            goal(Side.HOME, 10),
            goal(Side.AWAY, 20, GoalKind.OWN_GOAL),  # a home player's own goal: counts for away
            goal(Side.AWAY, 30, GoalKind.PENALTY),
        ]
    )
    assert score_line(events).live == Score(1, 2)


def test_an_annulled_goal_is_taken_back_from_the_side_it_counted_for() -> None:
    events = accepted(
        [
            schedule(),
            kick_off(M),
            goal(Side.HOME, 10),  # version 3
            goal(Side.AWAY, 12, GoalKind.OWN_GOAL),  # version 4
            GoalAnnulled(match_id=M, goal_version=4),
            goal(Side.HOME, 40),
        ]
    )
    state = fold(SCORE, events)
    assert state.line.live == Score(2, 0)
    assert [version for version, _ in state.goals] == [3, 6]


def test_half_time_and_full_time_are_the_scores_when_those_periods_ended() -> None:
    events = accepted(
        [
            schedule(),
            kick_off(M),
            goal(Side.HOME, 10),
            half_time(M),
            second_half(),
            goal(Side.AWAY, 50),
            goal(Side.AWAY, 89),
            full_time(M),
        ]
    )
    states = [state.line for state in scan(SCORE, events)]
    assert states[2].half_time is None
    assert states[3].half_time == Score(1, 0)
    assert states[-2].full_time is None
    assert states[-1] == ScoreLine(live=Score(1, 2), half_time=Score(1, 0), full_time=Score(1, 2))
    assert str(states[-1]) == "1-2 (HT 1-0, FT 1-2)"


def test_a_coarse_match_takes_its_score_from_the_recorded_period_ends() -> None:
    """Within a period goals are known completely or not at all: here not at all."""
    events = accepted(
        [
            schedule(),
            kick_off(M),
            half_time(M, Score(0, 1)),
            second_half(),
            full_time(M, Score(2, 1)),
        ]
    )
    line = score_line(events)
    assert (line.half_time, line.full_time, line.live) == (Score(0, 1), Score(2, 1), Score(2, 1))


def test_a_half_time_score_nobody_recorded_is_unknown_not_nil_nil() -> None:
    """A source with the full-time score alone (no goals, no half-time score): the first half
    ended with no goal in the events, but the full-time record shows goals were missing, so the
    half-time score is not known. Nothing is invented."""
    events = accepted(
        [schedule(), kick_off(M), half_time(M), second_half(), full_time(M, Score(2, 1))]
    )
    line = score_line(events)
    assert (line.half_time, line.full_time, line.live) == (None, Score(2, 1), Score(2, 1))
    assert str(line) == "2-1 (FT 2-1)"
    one_by_one = list(scan(SCORE, events))[-1]  # scan applies event by event
    assert one_by_one == SCORE.apply_all(SCORE.initial(), events)


def test_a_full_time_record_that_adds_no_goal_confirms_the_counted_half_time() -> None:
    """0-0 at full time with no half-time score: the half-time score can only have been 0-0."""
    events = accepted(
        [schedule(), kick_off(M), half_time(M), second_half(), full_time(M, Score(0, 0))]
    )
    assert score_line(events).half_time == Score(0, 0)


def test_a_recorded_half_time_stays_known_when_the_full_time_record_adds_goals() -> None:
    events = accepted(
        [
            schedule(),
            kick_off(M),
            half_time(M, Score(1, 0)),
            second_half(),
            full_time(M, Score(3, 1)),
        ]
    )
    assert score_line(events).half_time == Score(1, 0)


def test_a_full_time_score_nobody_recorded_is_unknown_once_extra_time_adds_goals() -> None:
    knockout = MatchFormat.knockout()
    events = accepted(
        [
            schedule(knockout),
            kick_off(M),
            half_time(M, Score(1, 1)),
            second_half(),
            full_time(M),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF, score=Score(2, 1)),
        ]
    )
    states = list(scan(SCORE, events))
    assert states[4].line.full_time == Score(1, 1)  # live, it is the score as far as known
    line = states[-1].line
    assert (line.half_time, line.full_time, line.after_extra_time) == (
        Score(1, 1),
        None,
        Score(2, 1),
    )
    assert line.extra_time_goals is None


def test_an_awarded_score_replaces_the_result_and_keeps_the_score_on_the_pitch() -> None:
    events = accepted(
        [
            schedule(),
            kick_off(M),
            goal(Side.HOME, 10),
            MatchAbandoned(match_id=M, at=clock(30), reason="floodlight failure"),
            MatchAwarded(match_id=M, score=Score(0, 3), reason="home side responsible"),
        ]
    )
    line = score_line(events)
    assert line.live == Score(1, 0)
    assert line.awarded == Score(0, 3)
    assert line.final == Score(0, 3)
    assert str(line) == "0-3 (awarded, 1-0 on the pitch)"


def test_a_walkover_is_awarded_without_a_score_on_a_pitch_it_never_saw() -> None:
    events = accepted(
        [schedule(), MatchAwarded(match_id=M, score=Score(3, 0), reason="Away FC did not travel")]
    )
    line = score_line(events)
    assert (line.awarded, line.half_time) == (Score(3, 0), None)
    assert str(line) == "3-0 (awarded)"


def test_the_final_score_agrees_with_the_timeline() -> None:
    for events in (anfield_first_leg(), bergamo_second_leg(), istanbul_final()):
        assert score_line(events).final == Timeline.from_events(events).score


def test_an_annulment_naming_no_standing_goal_is_a_clear_error() -> None:
    events: list[Event] = [schedule(), kick_off(M), GoalAnnulled(match_id=M, goal_version=2)]
    with pytest.raises(ProjectionError, match="version 3 names version 2"):
        score_line(events)


def test_extra_time_goals_are_the_difference_between_120_and_90_minutes() -> None:
    events = accepted(
        [
            schedule(MatchFormat.knockout()),
            kick_off(M),
            half_time(M),
            second_half(),
            goal(Side.HOME, 70),
            goal(Side.AWAY, 80),
            full_time(M),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
            goal(Side.AWAY, 95),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
            PeriodEnded(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
        ]
    )
    line = score_line(events)
    assert line.full_time == Score(1, 1)
    assert line.after_extra_time == Score(1, 2)
    assert line.extra_time_goals == Score(0, 1)
    assert line.penalties is None


# -- the real matches ------------------------------------------------------------------------


def test_liverpool_0_3_atalanta_has_half_time_and_full_time_scores() -> None:
    line = score_line(anfield_first_leg())
    assert line == ScoreLine(live=Score(0, 3), half_time=Score(0, 1), full_time=Score(0, 3))


def test_istanbul_has_every_phase_of_a_final_decided_on_penalties() -> None:
    line = score_line(istanbul_final())
    assert line.half_time == Score(3, 0)
    assert line.full_time == Score(3, 3)
    assert line.after_extra_time == Score(3, 3)
    assert line.penalties == Score(2, 3)
    assert line.extra_time_goals == Score(0, 0)
    assert str(line) == "3-3 (HT 3-0, FT 3-3, AET 3-3, pens 2-3)"


def test_the_score_during_the_shootout_counts_kicks_scored_so_far() -> None:
    events = istanbul_final()
    kicks_start = next(
        i for i, e in enumerate(events) if e == PeriodStarted(match_id=e.match_id, period=Period(5))
    )
    lines = [state.line for state in scan(SCORE, events)]
    assert lines[kicks_start].penalties == Score(0, 0)
    assert lines[kicks_start + 2].penalties == Score(0, 1)  # Serginho missed, Hamann scored
    assert lines[kicks_start - 1].penalties is None


def test_a_shootout_known_only_by_its_score_reads_like_one_counted_from_kicks() -> None:
    coarse = accepted(shootout_by_its_score(istanbul_final()))
    assert score_line(coarse) == score_line(istanbul_final())
    assert str(score_line(coarse)) == "3-3 (HT 3-0, FT 3-3, AET 3-3, pens 2-3)"
    # Event by event too, and 0-0 until the end of the shoot-out records its score.
    lines = [state.line for state in scan(SCORE, coarse)]
    assert lines[-1] == score_line(coarse)
    assert (lines[-3].penalties, lines[-2].penalties) == (None, Score(0, 0))
