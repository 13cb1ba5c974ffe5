"""The in-memory store: the contract with nothing on disk, for tests, notebooks and caches."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

from matchevents.codec import Codec, default_codec
from matchevents.errors import ConcurrencyError
from matchevents.stores.base import StoredEvent, check_stream, competition_of

__all__ = ["MemoryStore"]


class MemoryStore:
    """Keeps every event in memory; safe to share between threads. Positions have no gaps.

    Like the stores that write events down, it accepts only event types its codec knows (so code
    tested against it behaves the same on SQLite). It is also the index the JSON Lines store keeps
    of its file.

    Args:
        codec: the codec whose registered types are accepted; the default one.
    """

    def __init__(self, *, codec: Codec | None = None) -> None:
        self._codec = codec or default_codec
        self._events: list[StoredEvent] = []
        self._streams: dict[str, list[StoredEvent]] = {}
        self._competition_of: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()

    def append(
        self, stream: str, events: Sequence[Any], *, expected_version: int | None = None
    ) -> int:
        """Append all of ``events`` or none (see :meth:`EventStore.append`)."""
        batch = list(events)
        check_stream(stream, batch)
        tag_of = self._codec.tag_of
        for event in batch:
            tag_of(type(event))
        with self._lock:
            return self._append_checked(stream, batch, expected_version)

    def _append_checked(self, stream: str, batch: list[Any], expected_version: int | None) -> int:
        current = self.version(stream)
        if expected_version is not None and expected_version != current:
            raise ConcurrencyError(stream, expected_version, current)
        self.add(stream, batch)
        return current + len(batch)

    def add(self, stream: str, batch: Sequence[Any]) -> None:
        """Add events already checked and made durable elsewhere (used by the file store)."""
        stored = self._streams.setdefault(stream, [])
        position = len(self._events)
        version = len(stored)
        for offset, event in enumerate(batch, 1):
            record = StoredEvent(position + offset, stream, version + offset, event)
            self._events.append(record)
            stored.append(record)
            if stream not in self._competition_of:
                named = competition_of(event)
                if named is not None:
                    self._competition_of[stream] = named

    def version(self, stream: str) -> int:
        """The stream's current version (0 for a stream with no events)."""
        return len(self._streams.get(stream, ()))

    def read(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        """The stream's events from ``from_version`` on."""
        stored = self._streams.get(stream, [])
        return iter(stored[max(from_version, 1) - 1 :])

    def read_competition(
        self, competition: str, season: str | None = None, *, from_position: int = 0
    ) -> Iterator[StoredEvent]:
        """The events of a competition's streams after ``from_position``, in global order."""
        streams = {
            stream
            for stream, (named, named_season) in self._competition_of.items()
            if named == competition and (season is None or named_season == season)
        }
        return (record for record in self.read_all(from_position) if record.stream in streams)

    def read_all(self, from_position: int = 0) -> Iterator[StoredEvent]:
        """Every event after ``from_position``, in global order."""
        return iter(self._events[max(from_position, 0) :])

    def streams(self) -> list[str]:
        """Every stream, in order of their first event."""
        return list(self._streams)

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._events)
