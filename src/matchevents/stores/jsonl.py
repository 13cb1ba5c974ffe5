"""The JSON Lines file store: an append-only log file that is also a readable match log.

Each append is one line: the codec's JSON object for a single event, or a JSON array for a batch,
so that a batch is stored whole or not at all. The line is written, flushed and fsynced before
``append`` returns: an acknowledged event survives a crash of the process or the machine.

A line is committed when its newline is on disk. A crash mid-append can leave a **torn tail**: a
last line without its newline, never acknowledged. Opening the store detects it and reports it
(:attr:`JsonlStore.torn_tail`, and a warning on the ``matchevents.stores`` logger); the store then
refuses appends until the tail is repaired, which happens only on request
(``JsonlStore(path, repair=True)`` or :meth:`JsonlStore.repair`): the partial line is truncated.
A damaged line in the middle of the file is not a crash but a corruption; opening fails with a
:class:`~matchevents.errors.StoreError` naming the line, and nothing is changed.

The file is locked (``flock``) while a store has it open, so one process writes at a time; others
get a :class:`~matchevents.errors.StoreError`. For many writers, use the SQLite store. The store
keeps an index of the events in memory, so it suits logs that fit in memory (a season, a few
seasons); the file itself replays with :func:`matchevents.log.replay` or ``matchevents replay``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from matchevents._files import fsync_directory
from matchevents.codec import Codec, default_codec, parse_json
from matchevents.errors import CodecError, ConcurrencyError, StoreError, TornTailError
from matchevents.stores.base import StoredEvent, check_stream, stream_of
from matchevents.stores.memory import MemoryStore

__all__ = ["JsonlStore"]

_log = logging.getLogger("matchevents.stores")


class JsonlStore:
    """An append-only JSON Lines file of events (see the module's documentation).

    Args:
        path: the file; created if missing.
        codec: the codec to write and read events with; the default one.
        repair: truncate a torn last line left by a crash, instead of only reporting it.

    Raises:
        StoreError: another process has the file open, or a line before the last is damaged.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, codec: Codec | None = None, repair: bool = False
    ) -> None:
        self.path = Path(path)
        self._codec = codec or default_codec
        self._index = MemoryStore(codec=self._codec)
        self._lock = threading.Lock()
        self._failed: StoreError | None = None
        self.torn_tail: TornTailError | None = None
        """The torn last line found on opening and not yet repaired, or None."""
        self.repaired: TornTailError | None = None
        """The torn last line this store truncated, or None."""
        existed = self.path.exists()
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"{self.path}: in use by another process") from None
            if not existed:
                fsync_directory(self.path.parent)
            self._size = self._load()
            if self.torn_tail is not None:
                if repair:
                    self.repair()
                else:
                    _log.warning("%s", self.torn_tail)
        except BaseException:
            os.close(self._fd)
            raise

    def _load(self) -> int:
        """Index every committed line; note a torn tail. Returns the committed size in bytes."""
        offset = 0
        number = 0
        name = str(self.path)
        decode, decode_batch = self._codec.decode, self._codec.decode_batch
        with open(self._fd, "rb", closefd=False) as stream:
            stream.seek(0)
            for raw in stream:
                number += 1
                if not raw.endswith(b"\n"):
                    self.torn_tail = TornTailError(name, offset, len(raw))
                    break
                if not raw.isspace():
                    try:
                        obj = parse_json(raw)
                        if type(obj) is list:
                            batch = decode_batch(obj, line=number, source=name)
                        else:
                            batch = [decode(obj, line=number, source=name)]
                        stream_id = stream_of(batch[0])
                        check_stream(stream_id, batch)
                    except (CodecError, ValueError, StoreError) as error:
                        where = f"{name}:{number}"
                        what = str(error).removeprefix(f"{where}: ")  # said once is enough
                        raise StoreError(
                            f"{where}: damaged line (not a crash's torn tail): {what}"
                        ) from None
                    self._index.add(stream_id, batch)
                offset += len(raw)
        return offset

    def repair(self) -> TornTailError | None:
        """Truncate a torn last line, if there is one; returns what was removed."""
        with self._lock:
            torn = self.torn_tail
            if torn is None:
                return None
            os.ftruncate(self._fd, torn.offset)
            os.fsync(self._fd)
            _log.warning("%s: truncated the torn last line of %d bytes", self.path, torn.length)
            self.torn_tail, self.repaired = None, torn
            return torn

    # -- writing ----------------------------------------------------------------------------------
    def append(
        self, stream: str, events: Sequence[Any], *, expected_version: int | None = None
    ) -> int:
        """Append all of ``events`` or none, durably (see :meth:`EventStore.append`).

        Raises:
            TornTailError: the file ends in a torn line that has not been repaired.
        """
        batch = list(events)
        check_stream(stream, batch)
        dumps = self._codec.dumps
        lines = [dumps(event) for event in batch]
        with self._lock:
            self._check_writable()
            current = self._index.version(stream)
            if expected_version is not None and expected_version != current:
                raise ConcurrencyError(stream, expected_version, current)
            if not batch:
                return current
            text = lines[0] if len(lines) == 1 else "[" + ",".join(lines) + "]"
            self._write((text + "\n").encode())
            self._index.add(stream, batch)
            return current + len(batch)

    def _check_writable(self) -> None:
        if self._fd < 0:
            raise StoreError(f"{self.path}: the store is closed")
        if self.torn_tail is not None:
            raise self.torn_tail
        if self._failed is not None:
            raise self._failed

    def _write(self, data: bytes) -> None:
        """Write and fsync one line; on failure take it back, or refuse further writes."""
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError as error:
            try:
                os.ftruncate(self._fd, self._size)
                os.fsync(self._fd)
            except OSError:
                self._failed = StoreError(
                    f"{self.path}: a failed append could not be taken back ({error}); "
                    "reopen the store to check its tail"
                )
            raise StoreError(f"{self.path}: append failed, nothing stored: {error}") from error
        self._size += len(data)

    # -- reading ----------------------------------------------------------------------------------
    def version(self, stream: str) -> int:
        """The stream's current version (0 for a stream with no events)."""
        return self._index.version(stream)

    def read(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        """The stream's events from ``from_version`` on."""
        return self._index.read(stream, from_version)

    def read_competition(
        self, competition: str, season: str | None = None, *, from_position: int = 0
    ) -> Iterator[StoredEvent]:
        """The events of a competition's streams after ``from_position``, in global order."""
        return self._index.read_competition(competition, season, from_position=from_position)

    def read_all(self, from_position: int = 0) -> Iterator[StoredEvent]:
        """Every event after ``from_position``, in global order (the order of the file)."""
        return self._index.read_all(from_position)

    def streams(self) -> list[str]:
        """Every stream, in order of their first event."""
        return self._index.streams()

    def close(self) -> None:
        """Release the file and its lock."""
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1

    def __enter__(self) -> JsonlStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"JsonlStore({str(self.path)!r}, events={len(self._index)})"
