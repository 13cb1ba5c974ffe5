"""The event store contract: append-only streams with optimistic concurrency, read by match, by
competition, and as one log in global order.

A store keeps one **stream** per match, named by the match id; a competition-level event (a points
deduction) has no match, and goes to the stream of its competition's season (see
:func:`stream_of`). Every appended event gets the next **version** of its stream (1, 2, ...) and a
**position** in the store's global order, which only grows: a catch-up subscriber remembers the
last position it handled and asks for what came after (:meth:`EventStore.read_all`).

A store does not validate the rules of a match; the :class:`~matchevents.timeline.Timeline` does.
The intended flow, for one writer deciding what happens next::

    timeline = load_timeline(store, match_id)           # read the stream, rebuild the timeline
    version = timeline.append(event)                    # validate (raises RuleViolation)
    store.append(match_id, [event], expected_version=version - 1)  # ConcurrencyError if beaten

If another writer appended in between, the store raises
:class:`~matchevents.errors.ConcurrencyError` and nothing is stored: load again, decide again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from matchevents.errors import CodecError, StoreError
from matchevents.timeline import Timeline

__all__ = [
    "CatchUpStore",
    "EventStore",
    "StoredEvent",
    "catch_up",
    "competition_of",
    "load_timeline",
    "stream_of",
]


@attrs.frozen(slots=True)
class StoredEvent:
    """An event as a store holds it.

    Attributes:
        position: its place in the store's global order (increasing, starting at 1).
        stream: the stream it belongs to: its match id, or its competition's stream.
        version: its version within the stream (1 for the first event).
        event: the event.
    """

    position: int
    stream: str
    version: int
    event: Any


def stream_of(event: object) -> str:
    """The stream an event belongs to: its ``match_id``; for a competition-level event,
    ``"competition:<competition>:<season>"``.

    Raises:
        StoreError: the event names neither a match nor a competition and season.
    """
    match_id = getattr(event, "match_id", None)
    if type(match_id) is str:
        return match_id
    competition, season = getattr(event, "competition", None), getattr(event, "season", None)
    if type(competition) is str and type(season) is str:
        return f"competition:{competition}:{season}"
    raise StoreError(f"{type(event).__name__} names neither a match nor a competition and season")


def competition_of(event: object) -> tuple[str, str] | None:
    """The (competition, season) an event names, if it names one (a schedule, a deduction)."""
    competition, season = getattr(event, "competition", None), getattr(event, "season", None)
    if type(competition) is str and type(season) is str:
        return competition, season
    return None


def check_stream(stream: str, events: Sequence[object]) -> None:
    """Refuse a batch with an event of another stream (before anything is written).

    Raises:
        StoreError: naming the event and both streams.
    """
    for index, event in enumerate(events):
        own = stream_of(event)
        if own != stream:
            raise StoreError(
                f"event {index + 1} of the batch ({type(event).__name__}) belongs to stream "
                f"{own!r}, not {stream!r}"
            )


def unreadable_row(
    error: CodecError, where: str, position: int, stream: str, version: int
) -> CodecError:
    """The codec's ``error`` about a stored row, naming the row: the store (``where``), its
    position (also the error's ``line``, which a replay of the store reports) and its stream and
    version."""
    return CodecError(
        error.message,
        source=f"{where} (position {position}, {stream} version {version})",
        line=position,
        type_tag=error.type_tag,
        field=error.field,
        expected=error.expected,
        match_id=error.match_id,
    )


@runtime_checkable
class EventStore(Protocol):
    """What every store offers. The shared test suite (``tests/test_stores.py``) holds each store
    to it."""

    def append(
        self, stream: str, events: Sequence[Any], *, expected_version: int | None = None
    ) -> int:
        """Append ``events`` to ``stream``, all or none, durably before returning.

        Args:
            stream: the match id (or a competition's stream, see :func:`stream_of`).
            events: events of that stream, in order.
            expected_version: the version the caller last saw; None appends unconditionally.

        Returns:
            The stream's new version (the version of the last event appended).

        Raises:
            ConcurrencyError: the stream is not at ``expected_version``; nothing was stored.
            StoreError: an event belongs to another stream, or the storage failed.
            CodecError: an event cannot be encoded; nothing was stored.
        """
        ...

    def version(self, stream: str) -> int:
        """The stream's current version (0 for a stream with no events)."""
        ...

    def read(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        """The stream's events from ``from_version`` on, in version order."""
        ...

    def read_competition(
        self, competition: str, season: str | None = None, *, from_position: int = 0
    ) -> Iterator[StoredEvent]:
        """Every event of the matches (and competition-level events) of a competition, optionally
        one season, after ``from_position``, in global order.

        A match belongs to the competition its ``MatchScheduled`` names.
        """
        ...

    def read_all(self, from_position: int = 0) -> Iterator[StoredEvent]:
        """Every event after ``from_position``, in global order: the whole log for ``0``."""
        ...

    def streams(self) -> list[str]:
        """Every stream with at least one event, in order of their first event."""
        ...

    def close(self) -> None:
        """Release the storage. Closing twice is harmless."""
        ...


def load_timeline(store: EventStore, match_id: str) -> Timeline:
    """A match's timeline rebuilt from its stream, ready for the next append.

    Raises:
        RuleViolation: the stored stream breaks a rule (it was written without a timeline).
    """
    timeline = Timeline(match_id)
    timeline.extend(stored.event for stored in store.read(match_id))
    return timeline


@runtime_checkable
class CatchUpStore(EventStore, Protocol):
    """A store that also follows its log as it grows: a catch-up subscription (SQLite,
    PostgreSQL). The shared suite (``tests/test_stores_postgres.py``) holds each to it."""

    def subscribe(
        self, from_position: int = 0, *, idle_timeout: float | None = None
    ) -> Iterator[StoredEvent]:
        """Every event after ``from_position`` in global order, then each one appended later, as
        it commits; each exactly once, never skipping one that commits late.

        Resumable: remember the position of the last event handled and subscribe from it again.
        Waits for new events until ``idle_timeout`` seconds pass without one (None: forever); close
        the iterator (or leave the loop) to stop earlier.
        """
        ...


def catch_up(
    read_after: Callable[[int], Iterator[StoredEvent]],
    from_position: int,
    wait: Callable[[float], object],
    *,
    idle_timeout: float | None,
    poll_interval: float,
) -> Iterator[StoredEvent]:
    """The catch-up loop the stores' ``subscribe`` share: read everything after the last position
    handed out, and when nothing is there, ``wait(seconds)`` (a sleep, or until the database
    announces an append) and read again; stop after ``idle_timeout`` seconds with nothing new.

    ``read_after(position)`` must never hand out a position before an earlier one is visible (the
    store's global order has no gap a later commit fills), so the last position is all the state.
    """
    position = from_position
    idle_since = time.monotonic()
    while True:
        before = position
        for stored in read_after(position):
            yield stored
            position = stored.position
        if position != before:
            idle_since = time.monotonic()
            continue
        pause = poll_interval
        if idle_timeout is not None:
            left = idle_timeout - (time.monotonic() - idle_since)
            if left <= 0:
                return
            pause = min(pause, left)
        wait(pause)
