"""After the final whistle of a match decided in 90 minutes, no period starts: the refusal is a
RuleViolation naming the rule, whichever period is asked for."""

from __future__ import annotations

import pytest

from matchevents import (
    Event,
    MatchFormat,
    MatchScheduled,
    Period,
    PeriodStarted,
    Rule,
    RuleViolation,
    Score,
    Timeline,
    full_time,
    half_time,
    kick_off,
    second_half,
)

M = "match"


def over_at_90(fmt: MatchFormat, score: Score) -> Timeline:
    events: list[Event] = [
        MatchScheduled(
            match_id=M,
            home="Arsenal",
            away="Chelsea",
            competition="Cup",
            season="2024-25",
            format=fmt,
        ),
        kick_off(M),
        half_time(M),
        second_half(M),
        full_time(M, score),
    ]
    timeline = Timeline.from_events(events)
    assert timeline.is_over
    return timeline


@pytest.mark.parametrize(
    "period",
    [Period.FIRST_HALF, Period.SECOND_HALF, Period.EXTRA_TIME_SECOND_HALF],
    ids=lambda period: period.name.lower(),
)
def test_a_league_match_over_at_full_time_starts_no_period_again_or_of_extra_time(
    period: Period,
) -> None:
    timeline = over_at_90(MatchFormat.league(), Score(1, 1))
    with pytest.raises(RuleViolation) as raised:
        timeline.append(PeriodStarted(match_id=M, period=period))
    assert (raised.value.rule, raised.value.detail) == (Rule.MATCH_OVER, "the match is over")
    assert timeline.version == 5


def test_a_knockout_match_won_in_90_minutes_starts_no_second_half_of_extra_time() -> None:
    timeline = over_at_90(MatchFormat.knockout(), Score(2, 1))
    violation = timeline.check(PeriodStarted(match_id=M, period=Period.EXTRA_TIME_SECOND_HALF))
    assert violation is not None
    assert violation.rule is Rule.MATCH_OVER
