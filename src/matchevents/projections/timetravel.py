"""Time travel: the state of any projection at an event version or at a moment of the match.

A stream's versions are its positions (1 for the first event), so the state at version ``n`` is
the fold of the first ``n`` events. A moment is a :class:`~matchevents.clock.MatchClock` (or text
such as ``"45+2"``), and the state at a moment is the fold of the events up to the last one whose
clock is not later than it. Clocks: a goal, card, substitution or abandonment has its own; a
period starts at its first minute (the second half at 46) and ends no earlier than its last
regular minute (45, 90, 105, 120); any other event (an annulment, an award) takes the clock of
the event before it, and no event's clock is earlier than the one before it. Events before the
first clock (the schedule, the line-ups) belong to every moment; the penalty shoot-out comes
after every minute of play (step through it by version).

>>> from matchevents import MatchScheduled, Goal, Side, clock, kick_off
>>> from matchevents.projections import SCORE
>>> events = [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     kick_off("m"),
...     Goal(match_id="m", side=Side.HOME, scorer="Jones", at=clock(45, 3)),
... ]
>>> str(state_at_minute(SCORE, events, "45+2").line), str(state_at_minute(SCORE, events, "46").line)
('0-0', '1-0')
>>> str(state_at_version(SCORE, events, 3).line)
'1-0'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Final, TypeVar

from matchevents.clock import MatchClock, Period
from matchevents.errors import ProjectionError
from matchevents.events import (
    Card,
    Event,
    Goal,
    MatchAbandoned,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.projections.base import Projection, fold

S = TypeVar("S")


def clock_of(event: Event) -> MatchClock | None:
    """The event's own clock: when a goal, card, substitution or abandonment happened, or the
    first minute of a period that starts (46 for the second half); None for events that carry no
    minute, and for the shoot-out."""
    match event:
        case Goal(at=at) | Card(at=at) | Substitution(at=at):
            return at
        case MatchAbandoned(at=at):
            return at
        case PeriodStarted(period=period) if period is not Period.PENALTY_SHOOTOUT:
            return _PERIOD_START[period]
        case _:
            return None


_PERIOD_START: Final[dict[Period, MatchClock]] = {
    period: MatchClock(period.first_minute)
    for period in Period
    if period is not Period.PENALTY_SHOOTOUT
}
_PERIOD_END: Final[dict[Period, MatchClock]] = {
    period: MatchClock(period.last_minute)
    for period in Period
    if period is not Period.PENALTY_SHOOTOUT
}


def with_clocks(events: Iterable[Event]) -> Iterator[tuple[MatchClock | None, Event]]:
    """Each event with its clock: its own (see :func:`clock_of`; for the end of a period, the
    period's last regular minute), but never earlier than the clock of the event before it; an
    event without one takes the clock of the event before it (None until the first clock).

    The clocks never go back, even where a source dates an event earlier than the one before
    it (an abandonment during half-time dated to the first minute, say).
    """
    current: MatchClock | None = None
    for event in events:
        own = clock_of(event)
        if own is None and type(event) is PeriodEnded:
            own = _PERIOD_END.get(event.period)
        if own is not None and (current is None or current < own):
            current = own
        yield current, event


def events_until(events: Iterable[Event], moment: MatchClock | str) -> Iterator[Event]:
    """The events up to the last one whose clock (own or carried) is not later than ``moment``.

    Raises:
        InvalidValueError: ``moment`` is text that is not a match minute.
    """
    limit = MatchClock.parse(moment) if isinstance(moment, str) else moment
    for at, event in with_clocks(events):
        if (at is not None and at > limit) or _starts_shootout(event):
            return
        yield event


def _starts_shootout(event: Event) -> bool:
    match event:
        case PeriodStarted(period=Period.PENALTY_SHOOTOUT) | ShootoutKick():
            return True
        case _:
            return False


def state_at_minute(
    projection: Projection[S], events: Iterable[Event], moment: MatchClock | str
) -> S:
    """The state of ``projection`` at a moment of the match, e.g. ``"45+2"`` or ``clock(70)``:
    'the score at 45+2', 'who was on the pitch in the 70th minute'.

    Raises:
        InvalidValueError: ``moment`` is text that is not a match minute.
    """
    return fold(projection, events_until(events, moment))


def state_at_version(projection: Projection[S], events: Iterable[Event], version: int) -> S:
    """The state of ``projection`` after the first ``version`` events (0 gives the initial state).

    Raises:
        ProjectionError: ``version`` is negative or beyond the last event.
    """
    if type(version) is not int or version < 0:
        raise ProjectionError(f"a version is a non-negative int, got {version!r}")
    counted = _Counted(islice(events, version))
    state = fold(projection, counted)
    if counted.count < version:
        raise ProjectionError(f"no version {version}: the stream ends at version {counted.count}")
    return state


class _Counted(Iterator[Event]):
    """Counts the events that pass through it."""

    __slots__ = ("_events", "count")

    def __init__(self, events: Iterator[Event]) -> None:
        self._events = events
        self.count = 0

    def __next__(self) -> Event:
        event = next(self._events)
        self.count += 1
        return event
