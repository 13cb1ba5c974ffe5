"""The outcome projection and MatchResult: status through a match, winner or draw, and how the
result was decided. Hand-built streams are first accepted by a Timeline."""

from __future__ import annotations

from datetime import datetime

import attrs
import pytest

from matches import ANFIELD_ID, anfield_first_leg, bergamo_second_leg, istanbul_final
from matchevents import (
    AwayGoals,
    Event,
    Goal,
    KickOutcome,
    MatchAbandoned,
    MatchAwarded,
    MatchFormat,
    MatchPostponed,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    Timeline,
    clock,
    end_of_extra_time,
    end_of_shootout,
    full_time,
    half_time,
    kick_off,
)
from matchevents.errors import ProjectionError
from matchevents.projections import (
    OUTCOME,
    Decision,
    MatchResult,
    MatchStatus,
    fold,
    match_result,
    scan,
)

M = "outcome-test"


def schedule(fmt: MatchFormat | None = None) -> MatchScheduled:
    return MatchScheduled(
        match_id=M,
        home="Home FC",
        away="Away FC",
        competition="Test Cup",
        season="2024",
        stage="Round 1",
        kickoff=datetime(2024, 8, 1, 19, 45),
        format=fmt or MatchFormat.league(),
    )


def goal(side: Side, minute: int) -> Goal:
    return Goal(match_id=M, side=side, scorer=None, at=clock(minute))


def start(period: Period) -> PeriodStarted:
    return PeriodStarted(match_id=M, period=period)


def end(period: Period, score: Score | None = None) -> PeriodEnded:
    return PeriodEnded(match_id=M, period=period, score=score)


def kick(side: Side) -> ShootoutKick:
    """A shoot-out kick: home scores, away misses."""
    outcome = KickOutcome.SCORED if side is Side.HOME else KickOutcome.SAVED
    return ShootoutKick(match_id=M, side=side, taker=None, outcome=outcome)


def accepted(events: list[Event]) -> list[Event]:
    Timeline.from_events(events)
    return events


def ninety_minutes(fmt: MatchFormat, *goals: Goal) -> list[Event]:
    """A match to the end of the second half, with ``goals`` in the second half."""
    return [
        schedule(fmt),
        kick_off(M),
        half_time(M),
        start(Period.SECOND_HALF),
        *goals,
        full_time(M),
    ]


def extra_time(*goals: Goal) -> list[Event]:
    return [
        start(Period.EXTRA_TIME_FIRST_HALF),
        end(Period.EXTRA_TIME_FIRST_HALF),
        start(Period.EXTRA_TIME_SECOND_HALF),
        *goals,
        end_of_extra_time(M),
    ]


def test_status_follows_the_match_through_every_period_and_break() -> None:
    events = accepted(
        [
            *ninety_minutes(MatchFormat.knockout()),
            *extra_time(),
            start(Period.PENALTY_SHOOTOUT),
            # home score three, away miss three: decided after three rounds
            *(kick(side) for _ in range(3) for side in (Side.HOME, Side.AWAY)),
            end(Period.PENALTY_SHOOTOUT),
        ]
    )
    statuses = [state.status for state in scan(OUTCOME, events)]
    assert [s.short for s in dict.fromkeys(statuses)] == [
        "NS", "1H", "HT", "2H", "BT", "ET", "BT", "ET", "BT", "P", "PEN"
    ]  # fmt: skip
    assert list(dict.fromkeys(statuses))[4:9] == [
        MatchStatus.BREAK_BEFORE_EXTRA_TIME,
        MatchStatus.EXTRA_TIME_FIRST_HALF,
        MatchStatus.EXTRA_TIME_HALF_TIME,
        MatchStatus.EXTRA_TIME_SECOND_HALF,
        MatchStatus.BREAK_BEFORE_SHOOTOUT,
    ]
    assert [s.period for s in dict.fromkeys(statuses) if s.is_live] == list(Period)
    assert not any(s.is_live or s.period for s in statuses if s.is_break)
    outcome = fold(OUTCOME, events)
    assert outcome.status is MatchStatus.FINISHED_ON_PENALTIES
    assert outcome.status.period is None
    assert outcome.score.penalties == Score(3, 0)
    assert (outcome.winner, outcome.decided_by, outcome.tie_winner) == (
        Side.HOME,
        Decision.PENALTIES,
        Side.HOME,
    )


def test_a_match_in_play_has_no_winner_yet() -> None:
    events = accepted([schedule(), kick_off(M), goal(Side.HOME, 5)])
    outcome = fold(OUTCOME, events)
    assert outcome.status.is_live
    assert not outcome.status.is_over
    assert (outcome.winner, outcome.decided_by, outcome.is_draw) == (None, None, False)


def test_a_league_match_level_after_90_minutes_is_a_draw() -> None:
    result = match_result(accepted(ninety_minutes(MatchFormat.league(), goal(Side.AWAY, 60))))
    result_level = match_result(
        accepted(ninety_minutes(MatchFormat.league(), goal(Side.AWAY, 60), goal(Side.HOME, 61)))
    )
    assert result.winner is Side.AWAY
    assert result_level.is_draw
    assert (result_level.status, result_level.decided_by) == (
        MatchStatus.FINISHED,
        Decision.REGULAR_TIME,
    )
    assert result_level.tie_winner is None


def test_a_knockout_match_won_in_extra_time() -> None:
    events = accepted(
        [
            *ninety_minutes(MatchFormat.knockout(), goal(Side.HOME, 50), goal(Side.AWAY, 70)),
            *extra_time(goal(Side.AWAY, 118)),
        ]
    )
    result = match_result(events)
    assert result.status is MatchStatus.FINISHED_AFTER_EXTRA_TIME
    assert (result.winner, result.decided_by, result.tie_winner) == (
        Side.AWAY,
        Decision.EXTRA_TIME,
        Side.AWAY,
    )
    assert str(result) == "Home FC 1-2 Away FC (HT 0-0, FT 1-1, AET 1-2)"


def test_a_second_leg_won_on_the_day_but_lost_on_aggregate() -> None:
    fmt = MatchFormat.second_leg_of_tie(Score(3, 0))  # the away side won the first leg 3-0
    result = match_result(accepted(ninety_minutes(fmt, goal(Side.HOME, 60))))
    assert result.winner is Side.HOME
    assert result.tie_winner is Side.AWAY
    assert result.aggregate == Score(1, 3)


def test_a_second_leg_won_on_the_night_but_lost_on_penalties_was_decided_on_penalties() -> None:
    # Marseille v Benfica, Europa League 2023-24: 1-2 away, 1-0 at home, 2-2 on aggregate, no
    # goal in extra time, then the shoot-out. Here the home side wins the night and loses the
    # shoot-out: the contest was settled on penalties, not in extra time.
    fmt = MatchFormat.second_leg_of_tie(Score(2, 1))
    away_kick = ShootoutKick(match_id=M, side=Side.AWAY, taker=None, outcome=KickOutcome.SCORED)
    home_miss = ShootoutKick(match_id=M, side=Side.HOME, taker=None, outcome=KickOutcome.SAVED)
    kicks = [k for _ in range(3) for k in (away_kick, home_miss)]  # 3-0 after three rounds
    events = accepted(
        [
            *ninety_minutes(fmt, goal(Side.HOME, 60)),
            *extra_time(),
            start(Period.PENALTY_SHOOTOUT),
            *kicks,
            end(Period.PENALTY_SHOOTOUT),
        ]
    )
    result = match_result(events)
    assert result.status is MatchStatus.FINISHED_ON_PENALTIES
    assert result.aggregate == Score(2, 2)
    assert (result.winner, result.decided_by, result.tie_winner) == (
        Side.HOME,
        Decision.PENALTIES,
        Side.AWAY,
    )


@pytest.mark.parametrize(
    ("penalties", "winner"), [(Score(4, 2), Side.HOME), (Score(5, 6), Side.AWAY)]
)
def test_a_shootout_known_only_by_its_score_decides_the_match(
    penalties: Score, winner: Side
) -> None:
    events = accepted(
        [
            *ninety_minutes(MatchFormat.knockout()),
            *extra_time(),
            start(Period.PENALTY_SHOOTOUT),
            end_of_shootout(M, penalties),
        ]
    )
    result = match_result(events)
    assert result.status is MatchStatus.FINISHED_ON_PENALTIES
    assert result.score.penalties == penalties
    assert (result.winner, result.decided_by, result.tie_winner) == (
        winner,
        Decision.PENALTIES,
        winner,
    )
    assert not result.is_draw


def test_a_second_leg_lost_on_a_recorded_shootout_score_goes_to_the_shootouts_winner() -> None:
    fmt = MatchFormat.second_leg_of_tie(Score(2, 1))  # 1-0 on the night: 2-2 on aggregate
    events = accepted(
        [
            *ninety_minutes(fmt, goal(Side.HOME, 60)),
            *extra_time(),
            start(Period.PENALTY_SHOOTOUT),
            end_of_shootout(M, Score(2, 4)),
        ]
    )
    result = match_result(events)
    assert (result.winner, result.decided_by, result.tie_winner) == (
        Side.HOME,
        Decision.PENALTIES,
        Side.AWAY,
    )


def test_a_second_leg_decided_by_away_goals_at_full_time() -> None:
    fmt = MatchFormat.second_leg_of_tie(Score(2, 1), away_goals=AwayGoals.INCLUDING_EXTRA_TIME)
    events = accepted(ninety_minutes(fmt, goal(Side.HOME, 50)))  # 1-0: 2-2 on aggregate
    result = match_result(events)
    assert result.status is MatchStatus.FINISHED
    assert result.aggregate == Score(2, 2)
    assert result.tie_winner is Side.HOME  # one goal away (in the first leg) to none


def test_an_abandoned_match_has_no_result_until_it_is_awarded() -> None:
    events = accepted(
        [schedule(), kick_off(M), goal(Side.HOME, 10), MatchAbandoned(match_id=M, at=clock(30))]
    )
    abandoned = match_result(events)
    assert abandoned.status is MatchStatus.ABANDONED
    assert abandoned.status.is_over
    assert not abandoned.status.is_finished
    assert (abandoned.winner, abandoned.decided_by) == (None, None)

    awarded = match_result([*events, MatchAwarded(match_id=M, score=Score(0, 3))])
    assert awarded.status is MatchStatus.AWARDED
    assert (awarded.winner, awarded.decided_by) == (Side.AWAY, Decision.AWARDED)
    assert awarded.score.final == Score(0, 3)


def test_a_knockout_walkover_names_the_side_that_goes_through() -> None:
    events = accepted(
        [schedule(MatchFormat.knockout()), MatchAwarded(match_id=M, score=Score(3, 0))]
    )
    result = match_result(events)
    assert (result.winner, result.tie_winner, result.status.short) == (Side.HOME, Side.HOME, "AWD")


def test_a_postponed_match_goes_live_when_it_kicks_off_later() -> None:
    events = accepted([schedule(), MatchPostponed(match_id=M, reason="frozen pitch"), kick_off(M)])
    statuses = [state.status for state in scan(OUTCOME, events)]
    assert statuses == [MatchStatus.SCHEDULED, MatchStatus.POSTPONED, MatchStatus.FIRST_HALF]


def test_a_result_carries_the_facts_of_the_schedule() -> None:
    result = match_result(accepted(ninety_minutes(MatchFormat.league())))
    assert (result.match_id, result.home, result.away) == (M, "Home FC", "Away FC")
    assert (result.competition, result.season, result.stage) == ("Test Cup", "2024", "Round 1")
    assert result.kickoff == datetime(2024, 8, 1, 19, 45)
    assert result.format == MatchFormat.league()
    assert result.team(Side.AWAY) == "Away FC"
    assert result.aggregate is None


def test_the_events_of_two_matches_are_a_clear_error() -> None:
    other = attrs.evolve(schedule(), match_id="another-match")
    with pytest.raises(ProjectionError, match="second schedule at version 3"):
        match_result([schedule(), kick_off(M), other])


def test_a_result_needs_the_schedule() -> None:
    with pytest.raises(ProjectionError, match="schedule"):
        match_result([])


# -- the real matches ------------------------------------------------------------------------


def test_liverpool_0_3_atalanta_is_won_by_atalanta_in_regular_time() -> None:
    result = match_result(anfield_first_leg())
    assert result.match_id == ANFIELD_ID
    assert result.score.half_time == Score(0, 1)
    assert result.score.full_time == Score(0, 3)
    assert result.winner_team == "Atalanta"
    assert result.decided_by is Decision.REGULAR_TIME
    assert result.status is MatchStatus.FINISHED
    assert result.tie_winner is None  # a first leg decides nothing on its own
    assert str(result) == "Liverpool 0-3 Atalanta (HT 0-1, FT 0-3)"


def test_atalanta_0_1_liverpool_loses_the_match_but_wins_the_tie() -> None:
    result = match_result(bergamo_second_leg())
    assert result.winner_team == "Liverpool"
    assert result.tie_winner is Side.HOME
    assert result.team(result.tie_winner) == "Atalanta"
    assert result.aggregate == Score(3, 1)


def test_istanbul_is_won_by_liverpool_on_penalties() -> None:
    result = match_result(istanbul_final())
    assert result.status is MatchStatus.FINISHED_ON_PENALTIES
    assert result.winner_team == "Liverpool"
    assert result.decided_by is Decision.PENALTIES
    assert result.tie_winner is Side.AWAY
    assert (
        result.score.half_time,
        result.score.full_time,
        result.score.after_extra_time,
        result.score.penalties,
    ) == (Score(3, 0), Score(3, 3), Score(3, 3), Score(2, 3))
    assert str(result) == "AC Milan 3-3 Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)"


def test_match_result_is_the_result_of_the_folded_outcome() -> None:
    events = istanbul_final()
    assert match_result(events) == MatchResult.of(fold(OUTCOME, events))


def test_results_with_equal_scores_share_one_score_line() -> None:
    """A results archive keeps one line object per distinct score, not one per match."""
    first = match_result(accepted(ninety_minutes(MatchFormat.league(), goal(Side.AWAY, 60))))
    second = match_result(accepted(ninety_minutes(MatchFormat.league(), goal(Side.AWAY, 75))))
    assert first.score == second.score
    assert first.score is second.score
