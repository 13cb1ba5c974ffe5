"""The SQLite store: the embedded default, with the standard library's ``sqlite3`` in WAL mode.

Events live in one table with a unique ``(stream, version)`` key and an integer primary key that
is their global position. Each append is one ``BEGIN IMMEDIATE`` transaction that checks the
expected version and inserts the batch, so optimistic concurrency holds across threads and
processes sharing the file: of two writers expecting the same version, one commits and the other
gets a :class:`~matchevents.errors.ConcurrencyError`, and the stream has no gap. With
``synchronous=FULL``, a committed (acknowledged) append survives a crash.

Events are stored as the codec's JSON, so old rows are upcast when read, like old log lines.

Projection checkpoints live in the same file (a ``checkpoints`` table, made by the first checkpoint
saved, so that a database of an earlier release opens read-only too): each save is one transaction
that compares the position saved with the one expected and checks that the event at the new
position is in the store (see :mod:`matchevents.stores.checkpoints`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from matchevents.codec import Codec, default_codec
from matchevents.errors import (
    CheckpointConflictError,
    CodecError,
    ConcurrencyError,
    StoreBusyError,
    StoreError,
)
from matchevents.stores.base import (
    StoredEvent,
    catch_up,
    check_stream,
    competition_of,
    unreadable_row,
)
from matchevents.stores.checkpoints import SavedCheckpoint, check_checkpoint_name

__all__ = ["SqliteStore"]

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    stream   TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    data     TEXT    NOT NULL,
    UNIQUE (stream, version)
);
CREATE TABLE IF NOT EXISTS streams (
    stream      TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    competition TEXT,
    season      TEXT,
    first       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS streams_by_competition ON streams (competition, season);
"""
# Made by the first checkpoint saved, not on open: a store of a release before checkpoints has
# none, and opening it read-only must not need to write.
_CHECKPOINTS: Final = """
CREATE TABLE IF NOT EXISTS checkpoints (
    name     TEXT    PRIMARY KEY,
    position INTEGER NOT NULL,
    data     TEXT    NOT NULL
)
"""
_BATCH: Final = 500


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` is SQLite's "database is locked": another connection holds the write
    lock (or did not let it go within the timeout)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return bool(code & 0xFF == sqlite3.SQLITE_BUSY)
    return "database is locked" in str(error)


class SqliteStore:
    """Events in an SQLite database file (see the module's documentation).

    Args:
        path: the database file, created if missing; ``":memory:"`` for a private in-memory one.
        codec: the codec to write and read events with; the default one.
        timeout: seconds to wait for another writer's transaction before failing with a
            :class:`~matchevents.errors.StoreBusyError` (nothing of that append is stored).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        codec: Codec | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.path = path if path == ":memory:" else Path(path)
        self._codec = codec or default_codec
        self._timeout = timeout
        self._lock = threading.RLock()
        try:
            connection = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise StoreError(f"{path}: cannot open the SQLite store: {error}") from error
        self._connection: sqlite3.Connection | None = connection

    def _db(self) -> sqlite3.Connection:
        connection = self._connection
        if connection is None:
            raise StoreError(f"{self.path}: the store is closed")
        return connection

    # -- writing ----------------------------------------------------------------------------------
    def append(
        self, stream: str, events: Sequence[Any], *, expected_version: int | None = None
    ) -> int:
        """Append all of ``events`` or none, in one transaction (see :meth:`EventStore.append`)."""
        batch = list(events)
        check_stream(stream, batch)
        dumps = self._codec.dumps
        rows = [dumps(event) for event in batch]
        named = next((found for found in map(competition_of, batch) if found), None)
        with self._lock:
            db = self._begin(f"append to {stream!r}")
            try:
                current = self._version(db, stream)
                if expected_version is not None and expected_version != current:
                    raise ConcurrencyError(stream, expected_version, current)
                if rows:
                    self._insert(db, stream, current, rows, named)
                db.execute("COMMIT")
            except BaseException as error:
                db.execute("ROLLBACK")
                if isinstance(error, sqlite3.IntegrityError):
                    # Only reachable if another writer bypassed the transaction's check.
                    raise ConcurrencyError(stream, current, self._version(db, stream)) from error
                if isinstance(error, sqlite3.Error):
                    raise StoreError(
                        f"{self.path}: append failed, nothing stored: {error}"
                    ) from error
                raise
            return current + len(rows)

    def _begin(self, what: str) -> sqlite3.Connection:
        """Start a write transaction (``BEGIN IMMEDIATE``: the write lock, or a busy error)."""
        db = self._db()
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            if _is_busy(error):
                raise StoreBusyError(
                    f"{self.path}: {what} gave up waiting {self._timeout:g} s for another "
                    f"writer's lock, nothing stored; retry: {error}"
                ) from error
            raise StoreError(f"{self.path}: cannot start a write: {error}") from error
        return db

    @staticmethod
    def _version(db: sqlite3.Connection, stream: str) -> int:
        row = db.execute("SELECT version FROM streams WHERE stream = ?", (stream,)).fetchone()
        return 0 if row is None else int(row[0])

    @staticmethod
    def _insert(
        db: sqlite3.Connection,
        stream: str,
        current: int,
        rows: list[str],
        named: tuple[str, str] | None,
    ) -> None:
        cursor = db.executemany(
            "INSERT INTO events (stream, version, data) VALUES (?, ?, ?)",
            [(stream, current + offset, data) for offset, data in enumerate(rows, 1)],
        )
        del cursor
        version = current + len(rows)
        competition, season = named if named is not None else (None, None)
        if current == 0:
            first = db.execute(
                "SELECT position FROM events WHERE stream = ? AND version = 1", (stream,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO streams (stream, version, competition, season, first) "
                "VALUES (?, ?, ?, ?, ?)",
                (stream, version, competition, season, first),
            )
        else:
            db.execute(
                "UPDATE streams SET version = ?, "
                "competition = COALESCE(competition, ?), season = COALESCE(season, ?) "
                "WHERE stream = ?",
                (version, competition, season, stream),
            )

    # -- reading ----------------------------------------------------------------------------------
    def version(self, stream: str) -> int:
        """The stream's current version (0 for a stream with no events)."""
        with self._lock:
            return self._version(self._db(), stream)

    def _query(self, sql: str, parameters: tuple[Any, ...]) -> Iterator[StoredEvent]:
        """Stream the rows of a query in batches, decoding each event once (a row that cannot be
        read is named by its position in the error). The query reads ``data`` as a blob: the codec
        decodes its UTF-8, so a row whose text is not UTF-8 is a named ``CodecError`` rather than
        an ``sqlite3`` error while fetching."""
        loads = self._codec.loads
        path = self.path
        with self._lock:
            rows = self._db().execute(sql, parameters).fetchall()
        for position, stream, version, data in rows:
            try:
                event = loads(data)
            except CodecError as error:
                raise unreadable_row(error, str(path), position, stream, version) from None
            yield StoredEvent(position, stream, version, event)

    def read(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        """The stream's events from ``from_version`` on."""
        return self._query(
            "SELECT position, stream, version, CAST(data AS BLOB) FROM events "
            "WHERE stream = ? AND version >= ? ORDER BY version",
            (stream, from_version),
        )

    def read_competition(
        self, competition: str, season: str | None = None, *, from_position: int = 0
    ) -> Iterator[StoredEvent]:
        """The events of a competition's streams after ``from_position``, in global order."""
        if season is None:
            return self._paged(
                "e.stream IN (SELECT stream FROM streams WHERE competition = ?)",
                (competition,),
                from_position,
            )
        return self._paged(
            "e.stream IN (SELECT stream FROM streams WHERE competition = ? AND season = ?)",
            (competition, season),
            from_position,
        )

    def read_all(self, from_position: int = 0) -> Iterator[StoredEvent]:
        """Every event after ``from_position``, in global order."""
        return self._paged("1", (), from_position)

    def subscribe(
        self,
        from_position: int = 0,
        *,
        idle_timeout: float | None = None,
        poll_interval: float = 0.05,
    ) -> Iterator[StoredEvent]:
        """Follow the log from ``from_position``, looking for new events every ``poll_interval``
        seconds once caught up (see :meth:`~matchevents.stores.base.CatchUpStore.subscribe`).

        No late commit can fill a gap behind a reader: SQLite commits one writer at a time, and
        positions are assigned inside the write transaction.
        """
        return catch_up(
            self.read_all,
            from_position,
            time.sleep,
            idle_timeout=idle_timeout,
            poll_interval=poll_interval,
        )

    def _paged(
        self, where: str, parameters: tuple[Any, ...], from_position: int
    ) -> Iterator[StoredEvent]:
        """Rows after ``from_position`` in global order, fetched a page at a time so that a long
        log streams in flat memory."""
        position = from_position
        while True:
            page = list(
                self._query(
                    "SELECT e.position, e.stream, e.version, CAST(e.data AS BLOB) FROM events e "
                    f"WHERE {where} AND e.position > ? ORDER BY e.position LIMIT ?",
                    (*parameters, position, _BATCH),
                )
            )
            yield from page
            if len(page) < _BATCH:
                return
            position = page[-1].position

    def streams(self) -> list[str]:
        """Every stream, in order of their first event."""
        with self._lock:
            rows = self._db().execute("SELECT stream FROM streams ORDER BY first").fetchall()
        return [stream for (stream,) in rows]

    # -- checkpoints ------------------------------------------------------------------------------
    def load_checkpoint(self, name: str) -> SavedCheckpoint | None:
        """The checkpoint saved under ``name``, or None (see
        :class:`~matchevents.stores.checkpoints.CheckpointStore`)."""
        with self._lock:
            db = self._db()
            if not self._has_checkpoints(db):
                return None
            row = db.execute(
                "SELECT position, data FROM checkpoints WHERE name = ?", (name,)
            ).fetchone()
        return None if row is None else SavedCheckpoint(name, int(row[0]), row[1])

    @staticmethod
    def _has_checkpoints(db: sqlite3.Connection) -> bool:
        """Whether a checkpoint was ever saved in this database (see ``_CHECKPOINTS``)."""
        found = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'"
        ).fetchone()
        return found is not None

    def save_checkpoint(
        self, name: str, position: int, data: str, *, expected_position: int
    ) -> None:
        """Save a checkpoint in one transaction with the check that the event at ``position`` is
        stored (see :class:`~matchevents.stores.checkpoints.CheckpointStore`)."""
        check_checkpoint_name(name)
        with self._lock:
            db = self._begin(f"checkpoint {name!r}")
            try:
                db.execute(_CHECKPOINTS)
                row = db.execute(
                    "SELECT position FROM checkpoints WHERE name = ?", (name,)
                ).fetchone()
                actual = 0 if row is None else int(row[0])
                if actual != expected_position:
                    raise CheckpointConflictError(name, expected_position, actual)
                if not db.execute(
                    "SELECT 1 FROM events WHERE position = ?", (position,)
                ).fetchone():
                    raise StoreError(
                        f"{self.path}: checkpoint {name!r} at position {position}, which the store "
                        "does not hold; nothing saved"
                    )
                db.execute(
                    "INSERT OR REPLACE INTO checkpoints (name, position, data) VALUES (?, ?, ?)",
                    (name, position, data),
                )
                db.execute("COMMIT")
            except BaseException as error:
                db.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise StoreError(
                        f"{self.path}: checkpoint {name!r} failed, nothing saved: {error}"
                    ) from error
                raise

    def delete_checkpoint(self, name: str) -> None:
        """Forget the checkpoint ``name``."""
        with self._lock:
            db = self._db()
            if self._has_checkpoints(db):
                db.execute("DELETE FROM checkpoints WHERE name = ?", (name,))

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"
