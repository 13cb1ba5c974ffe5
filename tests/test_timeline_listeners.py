"""Timeline listeners: when several fail on the same event or batch, the error says which failed
first, as its ``__cause__``, so that a traceback starts where the trouble did."""

from __future__ import annotations

import pytest

from matchevents import (
    Event,
    Goal,
    MatchClock,
    MatchScheduled,
    Side,
    Timeline,
    kick_off,
)
from matchevents.errors import ListenerError

M = "derby"


def kicked_off() -> Timeline:
    return Timeline.from_events(
        [
            MatchScheduled(
                match_id=M, home="Everton", away="Liverpool", competition="League", season="2024-25"
            ),
            kick_off(M),
        ]
    )


def goal(side: Side, minute: int) -> Goal:
    return Goal(match_id=M, side=side, scorer=None, at=MatchClock(minute))


def test_the_cause_of_a_listener_error_is_the_error_of_the_first_listener_that_failed() -> None:
    timeline = kicked_off()
    first, second = RuntimeError("read model is down"), ValueError("cache is full")

    def fails_first(event: Event, version: int) -> None:
        raise first

    def fails_second(event: Event, version: int) -> None:
        raise second

    timeline.subscribe(fails_first)
    timeline.subscribe(fails_second)
    with pytest.raises(ListenerError) as raised:
        timeline.append(goal(Side.HOME, 10))
    assert raised.value.__cause__ is first
    assert raised.value.failures == ((3, first), (3, second))


def test_the_cause_of_a_listener_error_in_a_batch_is_the_first_failure_of_the_batch() -> None:
    timeline = kicked_off()
    failures: list[Exception] = []

    def fails_on_every_event(event: Event, version: int) -> None:
        failures.append(RuntimeError(f"version {version} not stored"))
        raise failures[-1]

    timeline.subscribe(fails_on_every_event)
    with pytest.raises(ListenerError) as raised:
        timeline.extend([goal(Side.HOME, 10), goal(Side.AWAY, 20)])
    assert raised.value.__cause__ is failures[0]
    assert [version for version, _ in raised.value.failures] == [3, 4]
