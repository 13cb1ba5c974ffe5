"""Incremental projections: states kept current as a timeline accepts events.

A :class:`LiveProjection` subscribes to a :class:`~matchevents.timeline.Timeline` and applies each
accepted event as it arrives: O(1) work per event, and its state is always the fold of the whole
stream from scratch (the projection is pure, and the timeline hands over every event in order).

>>> from matchevents import MatchScheduled, Goal, Side, Timeline, clock, kick_off
>>> from matchevents.projections import OUTCOME
>>> timeline = Timeline("m")
>>> live = LiveProjection.follow(timeline, OUTCOME)
>>> _ = timeline.append(
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"))
>>> _ = timeline.append(kick_off("m"))
>>> _ = timeline.append(Goal(match_id="m", side=Side.AWAY, scorer=None, at=clock(3)))
>>> live.state.status.short, str(live.state.score), live.version
('1H', '0-1', 3)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from matchevents.errors import ProjectionError
from matchevents.events import Event
from matchevents.projections.base import Projection
from matchevents.timeline import Timeline

S = TypeVar("S")


class LiveProjection(Generic[S]):
    """A projection's state, kept current event by event.

    Call it with ``(event, version)`` (the signature of a timeline listener), or let
    :meth:`follow` subscribe it to a timeline. It checks that versions arrive one after the
    other, so that a missed event is an error rather than a silently wrong state.

    Args:
        projection: the projection to keep current.
        state: the state to start from (the projection's initial state by default).
        version: the version ``state`` was folded up to (0 by default).
    """

    __slots__ = ("_apply", "_state", "_unsubscribe", "_version", "projection")

    def __init__(self, projection: Projection[S], state: S | None = None, version: int = 0) -> None:
        self.projection = projection
        self._apply = projection.apply
        self._state: S = projection.initial() if state is None else state
        self._version = version
        self._unsubscribe: Callable[[], None] | None = None

    @classmethod
    def follow(cls, timeline: Timeline, projection: Projection[S]) -> LiveProjection[S]:
        """Fold what ``timeline`` holds so far, then keep up with every event it accepts."""
        live = cls(projection)
        for event in timeline:
            live(event, live._version + 1)
        live._unsubscribe = timeline.subscribe(live)
        return live

    @property
    def state(self) -> S:
        """The state after the last event received."""
        return self._state

    @property
    def version(self) -> int:
        """The version of the last event received (0 before any)."""
        return self._version

    def __call__(self, event: Event, version: int) -> None:
        """Apply ``event``, which must be the next version.

        Raises:
            ProjectionError: ``version`` is not the one after the last received (an event was
                missed or delivered twice); the state is unchanged.
        """
        if version != self._version + 1:
            raise ProjectionError(
                f"match {event.match_id!r}: live projection at version {self._version} "
                f"received version {version}; events must arrive in order, none missed"
            )
        self._state = self._apply(self._state, event)
        self._version = version

    def close(self) -> None:
        """Stop following the timeline (the state stays as it is)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
