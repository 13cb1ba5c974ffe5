"""The PostgreSQL store: many writers on many hosts, with psycopg 3 (``matchevents[postgres]``).

Events live in one table of a PostgreSQL schema (``matchevents`` unless told otherwise), keyed by
their global **position** and unique by ``(stream, version)``; a second table keeps each stream's
version and competition. The tables are created, or upgraded, only on request
(:meth:`PostgresStore.migrate`, or ``migrate=True``): opening a database without them is an error
that says so, never a silent ``CREATE`` on a production server.

**Optimistic concurrency.** An append is one transaction: it locks its stream's row
(``SELECT ... FOR UPDATE``), compares the stream's version with the expected one, and writes. Of
two writers expecting the same version, the second waits for the first to commit, then sees the new
version and gets a :class:`~matchevents.errors.ConcurrencyError`. Two writers creating the same new
stream race on the unique stream key instead, with the same outcome. Nothing of a refused batch is
stored.

**A global order without gaps a later commit fills.** A sequence (``bigserial``, identity) hands out
numbers when rows are *inserted*, but transactions *commit* in any order: a catch-up reader can see
position 7 while 6 is still uncommitted, remember 7, and never see 6. This store instead assigns
positions under a transaction-scoped advisory lock (``pg_advisory_xact_lock``), taken after the
stream check and held until commit: the writer holding it reads the highest committed position and
numbers its batch from there, and PostgreSQL makes a transaction visible before it releases its
locks, so the next writer starts after the previous one is visible. A snapshot therefore always sees
a prefix of the positions; a rolled-back append leaves no hole (the next writer reuses its numbers).
The price is that appends commit one at a time (per store schema), with only the insert and the
commit inside the lock; appends to different matches still check their streams in parallel. The
other proven technique, reading only below the oldest in-flight transaction
(``pg_snapshot_xmin``), lets writers commit in parallel but makes every reader lag behind the
slowest open transaction and needs a transaction id per row; for match feeds (tens of events per
match, thousands of matches) one short critical section is the simpler guarantee.

The store's transactions are ``READ COMMITTED`` whatever the server's
``default_transaction_isolation``: each statement then sees what committed before it started, which
numbering after the lock depends on (a repeatable-read snapshot would be taken before the wait).

**Catch-up subscriptions.** :meth:`PostgresStore.subscribe` reads everything after a position and
then waits on ``LISTEN``: each append sends a ``NOTIFY`` that is delivered when it commits, so a
subscriber wakes up as soon as there is something to read (and polls now and then regardless).

Events are stored as the codec's JSON text, exactly as in the JSON Lines and SQLite stores, so old
rows are upcast when read.

**Projection checkpoints** (schema version 2) live in the same schema: a save is one transaction
that locks the checkpoint's row, compares its position with the one expected and checks that the
event at the new position is committed (see :mod:`matchevents.stores.checkpoints`). Tables of
version 1 are upgraded by :meth:`PostgresStore.migrate`.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Final, LiteralString

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

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict
except ModuleNotFoundError as missing:  # pragma: no cover - depends on the installation
    raise ModuleNotFoundError(
        "matchevents.stores.postgres needs psycopg 3: pip install 'matchevents[postgres]'",
        name=missing.name,
    ) from missing

__all__ = ["SCHEMA_VERSION", "PostgresStore"]

_MIGRATIONS: Final[tuple[LiteralString, ...]] = (
    # 1: events keyed by position, unique by (stream, version); streams with their competition.
    """
    CREATE TABLE {schema}.events (
        position bigint  PRIMARY KEY,
        stream   text    NOT NULL,
        version  integer NOT NULL CHECK (version > 0),
        data     text    NOT NULL,
        UNIQUE (stream, version)
    );
    CREATE TABLE {schema}.streams (
        stream      text    PRIMARY KEY,
        version     integer NOT NULL CHECK (version > 0),
        competition text,
        season      text
    );
    CREATE INDEX streams_by_competition ON {schema}.streams (competition, season);
    """,
    # 2: projection checkpoints, saved in one transaction with the check of their position.
    """
    CREATE TABLE {schema}.checkpoints (
        name     text   PRIMARY KEY,
        position bigint NOT NULL CHECK (position > 0),
        data     text   NOT NULL
    );
    """,
)
SCHEMA_VERSION: Final = len(_MIGRATIONS)
"""The version of the tables this release reads and writes (:meth:`PostgresStore.migrate`)."""

_PAGE: Final = 500
"""Rows fetched per query when reading in global order, so a long log streams in flat memory."""
_MAX_NAME: Final = 63
"""The longest identifier PostgreSQL keeps whole (NAMEDATALEN - 1 bytes)."""


def _lock_key(purpose: str, schema: str) -> int:
    """A stable signed 64-bit key for one purpose in one schema (an advisory lock's, the
    notification channel's name)."""
    digest = hashlib.blake2b(f"matchevents:{purpose}:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresStore:
    """Events in a PostgreSQL database, for many writing processes on many hosts (see the
    module's documentation for how concurrency and the global order are kept).

    Args:
        conninfo: a libpq connection string or URI (``"host=db dbname=feeds user=feeder"``);
            empty for libpq's defaults and ``PG*`` environment variables.
        schema: the PostgreSQL schema holding the store's tables; several stores can share a
            database under different schemas.
        codec: the codec to write and read events with; the default one.
        migrate: create the tables, or upgrade them to :data:`SCHEMA_VERSION`, before use.
        timeout: seconds to wait to connect, and for another writer's lock, before failing
            (a :class:`~matchevents.errors.StoreBusyError` for the lock).

    Raises:
        StoreError: the server cannot be reached, or the schema is missing or of another version
            (the message says which, and how to create or upgrade it).

    A store holds one connection, shared by its threads one call at a time; a subscription opens
    its own.
    """

    def __init__(
        self,
        conninfo: str = "",
        *,
        schema: str = "matchevents",
        codec: Codec | None = None,
        migrate: bool = False,
        timeout: float = 30.0,
    ) -> None:
        if not 0 < len(schema.encode()) <= _MAX_NAME:
            raise StoreError(
                f"a PostgreSQL schema name has 1 to {_MAX_NAME} bytes (longer ones are cut "
                f"short by the server, and could name another store's schema): {schema!r}"
            )
        self.conninfo = conninfo
        self.schema = schema
        self._codec = codec or default_codec
        self._timeout = timeout
        self._lock = threading.RLock()
        self._channel = f"matchevents_{_lock_key('channel', schema) & 0xFFFFFFFFFFFF:012x}"
        self._append_key = _lock_key("append", schema)
        self._queries = _Queries(schema)
        self._where = f"PostgreSQL {_describe(conninfo)} schema {schema!r}"
        self._connection: psycopg.Connection[tuple[Any, ...]] | None = None
        self._closed = False
        connection = self._connection = self._connect()
        try:
            if migrate:
                self.migrate()
            else:
                self._check_schema(connection)
        except BaseException:
            self.close()
            raise

    # -- connections and schema -------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        try:
            given = conninfo_to_dict(self.conninfo)
            connection = psycopg.connect(
                self.conninfo,
                autocommit=True,
                connect_timeout=given.get("connect_timeout") or max(1, round(self._timeout)),
                application_name=given.get("application_name") or "matchevents",
            )
        except psycopg.Error as error:
            raise StoreError(f"{self._where}: cannot connect: {error}".rstrip()) from error
        self._where = f"PostgreSQL {_describe_connection(connection)} schema {self.schema!r}"
        # Every transaction of the store is READ COMMITTED, whatever the server, the database or
        # the role default to: a statement after a lock wait must see what the lock's previous
        # holder committed. Under REPEATABLE READ or SERIALIZABLE the snapshot is taken by the
        # transaction's first statement, before the wait, and the positions would be stale.
        connection.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
        connection.execute(
            sql.SQL("SET lock_timeout = {}").format(sql.Literal(f"{round(self._timeout * 1000)}ms"))
        )
        return connection

    def _db(self) -> psycopg.Connection[tuple[Any, ...]]:
        """The store's connection, reconnecting once after the server dropped it."""
        if self._closed:
            raise StoreError(f"{self._where}: the store is closed")
        connection = self._connection
        if connection is None or connection.closed or connection.broken:
            connection = self._connection = self._connect()
        return connection

    def schema_version(self) -> int:
        """The version of the store's tables in the database (0 when they do not exist)."""
        with self._lock:
            return self._schema_version(self._db())

    def _schema_version(self, db: psycopg.Connection[tuple[Any, ...]]) -> int:
        try:
            row = db.execute(self._queries.schema_version).fetchone()
        except pg_errors.UndefinedTable:
            return 0
        except psycopg.Error as error:
            raise StoreError(f"{self._where}: cannot read the schema version: {error}") from error
        return 0 if row is None else int(row[0])

    def _check_schema(self, db: psycopg.Connection[tuple[Any, ...]]) -> None:
        found = self._schema_version(db)
        if found == SCHEMA_VERSION:
            return
        if found == 0:
            raise StoreError(
                f"{self._where}: no matchevents tables here; create them with "
                "PostgresStore(..., migrate=True) or store.migrate()"
            )
        if found < SCHEMA_VERSION:
            raise StoreError(
                f"{self._where}: the tables are at schema version {found}, this release needs "
                f"{SCHEMA_VERSION}; upgrade them with PostgresStore(..., migrate=True)"
            )
        raise StoreError(
            f"{self._where}: the tables are at schema version {found}, written by a newer "
            f"matchevents (this release knows up to {SCHEMA_VERSION}); upgrade matchevents"
        )

    def migrate(self) -> int:
        """Create the schema and its tables, or upgrade them to :data:`SCHEMA_VERSION`; harmless
        when they are up to date, and safe when several processes do it at once.

        Returns:
            The schema version before the migration (0 for a new store).

        Raises:
            StoreError: the tables are of a newer release, or the server refused (permissions).
        """
        with self._lock:
            db = self._db()
            queries = self._queries
            try:
                with db.transaction():
                    # Serialise migrators: CREATE ... IF NOT EXISTS races with itself.
                    db.execute(
                        "SELECT pg_advisory_xact_lock(%s)", (_lock_key("migrate", self.schema),)
                    )
                    db.execute(queries.create_schema)
                    db.execute(queries.create_version_table)
                    row = db.execute(queries.schema_version).fetchone()
                    found = 0 if row is None else int(row[0])
                    if row is None:
                        db.execute(queries.insert_version)
                    if found > SCHEMA_VERSION:
                        self._check_schema(db)
                    for step in range(found, SCHEMA_VERSION):
                        db.execute(sql.SQL(_MIGRATIONS[step]).format(schema=queries.schema))
                    db.execute(queries.set_version, (SCHEMA_VERSION,))
            except psycopg.Error as error:
                raise StoreError(f"{self._where}: migration failed: {error}") from error
            return found

    # -- writing ----------------------------------------------------------------------------------
    def append(
        self, stream: str, events: Sequence[Any], *, expected_version: int | None = None
    ) -> int:
        """Append all of ``events`` or none, in one transaction (see :meth:`EventStore.append`).

        Raises:
            ConcurrencyError: the stream is not at ``expected_version``; nothing was stored.
            StoreBusyError: another writer held a lock longer than ``timeout``; nothing was
                stored (retry).
            StoreError: an event belongs to another stream, or the server failed. If the
                connection broke while committing, the append may or may not have been stored:
                read the stream's version before retrying.
            CodecError: an event cannot be encoded; nothing was stored.
        """
        batch = list(events)
        check_stream(stream, batch)
        dumps = self._codec.dumps
        rows = [dumps(event) for event in batch]
        competition, season = next(
            (found for found in map(competition_of, batch) if found), (None, None)
        )
        with self._lock:
            if not rows:
                current = self._version(self._db(), stream)
                if expected_version is not None and expected_version != current:
                    raise ConcurrencyError(stream, expected_version, current)
                return current
            while True:
                try:
                    return self._append_once(stream, rows, competition, season, expected_version)
                except _NewStreamTaken as taken:
                    if expected_version is None:
                        continue  # "at the end" is now after the other writer's events
                    actual = self._version(self._db(), stream)
                    raise ConcurrencyError(stream, expected_version, actual) from taken.error

    def _append_once(
        self,
        stream: str,
        rows: list[str],
        competition: str | None,
        season: str | None,
        expected_version: int | None,
    ) -> int:
        db = self._db()
        queries = self._queries
        try:
            with db.transaction():
                found = db.execute(queries.lock_stream, (stream,)).fetchone()
                current = 0 if found is None else int(found[0])
                if expected_version is not None and expected_version != current:
                    raise ConcurrencyError(stream, expected_version, current)
                version = current + len(rows)
                if found is None:
                    db.execute(queries.insert_stream, (stream, version, competition, season))
                else:
                    db.execute(queries.update_stream, (version, competition, season, stream))
                # Positions are numbered under the lock, in their own statement so that its
                # snapshot sees the previous holder's commit; the lock goes with the commit.
                db.execute("SELECT pg_advisory_xact_lock(%s)", (self._append_key,))
                db.execute(queries.insert_events, (stream, current, rows, self._channel))
        except pg_errors.UniqueViolation as error:
            if error.diag.constraint_name == "streams_pkey":
                raise _NewStreamTaken(error) from error
            raise StoreError(f"{self._where}: append to {stream!r} refused: {error}") from error
        except pg_errors.LockNotAvailable as error:
            # lock_timeout cancels the waiting statement, before the commit: rolled back.
            raise StoreBusyError(
                f"{self._where}: append to {stream!r} gave up waiting {self._timeout:g} s for "
                f"another writer's lock, nothing stored; retry: {error}"
            ) from error
        except psycopg.OperationalError as error:
            raise StoreError(
                f"{self._where}: append to {stream!r} failed as the connection broke; if it "
                f"broke while committing, the append may be stored: read the version: {error}"
            ) from error
        except psycopg.Error as error:
            raise StoreError(
                f"{self._where}: append to {stream!r} failed, nothing stored: {error}"
            ) from error
        return version

    # -- reading ----------------------------------------------------------------------------------
    def version(self, stream: str) -> int:
        """The stream's current version (0 for a stream with no events)."""
        with self._lock:
            return self._version(self._db(), stream)

    def _version(self, db: psycopg.Connection[tuple[Any, ...]], stream: str) -> int:
        try:
            row = db.execute(self._queries.version, (stream,)).fetchone()
        except psycopg.Error as error:
            raise StoreError(f"{self._where}: cannot read {stream!r}: {error}") from error
        return 0 if row is None else int(row[0])

    def _rows(
        self,
        db: psycopg.Connection[tuple[Any, ...]],
        query: sql.Composed,
        parameters: tuple[Any, ...],
    ) -> list[StoredEvent]:
        """The events of one query, decoded (old rows upcast) with the row's position named."""
        try:
            rows = db.execute(query, parameters).fetchall()
        except psycopg.Error as error:
            raise StoreError(f"{self._where}: read failed: {error}") from error
        loads = self._codec.loads
        events = []
        for position, stream, version, data in rows:
            try:
                event = loads(data)
            except CodecError as error:
                raise unreadable_row(error, self._where, position, stream, version) from None
            events.append(StoredEvent(position, stream, version, event))
        return events

    def read(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        """The stream's events from ``from_version`` on."""
        with self._lock:
            rows = self._rows(self._db(), self._queries.read_stream, (stream, from_version))
        return iter(rows)

    def _paged(
        self,
        db: psycopg.Connection[tuple[Any, ...]] | None,
        query: sql.Composed,
        parameters: tuple[Any, ...],
        from_position: int,
    ) -> Iterator[StoredEvent]:
        """Events after ``from_position`` in global order, a page (and a snapshot) at a time.
        Each snapshot sees a prefix of the positions, so the pages join without a gap."""
        position = from_position
        while True:
            if db is None:
                with self._lock:
                    page = self._rows(self._db(), query, (*parameters, position, _PAGE))
            else:
                page = self._rows(db, query, (*parameters, position, _PAGE))
            yield from page
            if len(page) < _PAGE:
                return
            position = page[-1].position

    def read_competition(
        self, competition: str, season: str | None = None, *, from_position: int = 0
    ) -> Iterator[StoredEvent]:
        """The events of a competition's streams after ``from_position``, in global order."""
        if season is None:
            return self._paged(None, self._queries.read_competition, (competition,), from_position)
        return self._paged(None, self._queries.read_season, (competition, season), from_position)

    def read_all(self, from_position: int = 0) -> Iterator[StoredEvent]:
        """Every event after ``from_position``, in global order."""
        return self._paged(None, self._queries.read_all, (), from_position)

    def subscribe(
        self,
        from_position: int = 0,
        *,
        idle_timeout: float | None = None,
        poll_interval: float = 1.0,
    ) -> Iterator[StoredEvent]:
        """Follow the log from ``from_position`` on a connection of its own (see
        :meth:`~matchevents.stores.base.CatchUpStore.subscribe`): it wakes up on each commit's
        notification, and looks anyway every ``poll_interval`` seconds.

        The connection is opened at the first ``next()`` and closed when the iterator ends or is
        closed (``contextlib.closing``, or leaving a ``for`` loop over a generator).

        Raises:
            StoreError: the server cannot be reached or the store is closed.
        """
        if self._closed:
            raise StoreError(f"{self._where}: the store is closed")
        return self._follow(from_position, idle_timeout, poll_interval)

    def _follow(
        self, from_position: int, idle_timeout: float | None, poll_interval: float
    ) -> Iterator[StoredEvent]:
        connection = self._connect()
        try:
            # Listen before the first read: an append committed after that read is announced.
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))

            def read_after(position: int) -> Iterator[StoredEvent]:
                return self._paged(connection, self._queries.read_all, (), position)

            def wait(seconds: float) -> None:
                try:
                    for _ in connection.notifies(timeout=seconds, stop_after=1):
                        pass
                except psycopg.Error as error:
                    raise StoreError(f"{self._where}: subscription lost: {error}") from error

            yield from catch_up(
                read_after,
                from_position,
                wait,
                idle_timeout=idle_timeout,
                poll_interval=poll_interval,
            )
        finally:
            connection.close()

    def streams(self) -> list[str]:
        """Every stream, in order of their first event."""
        with self._lock:
            try:
                rows = self._db().execute(self._queries.streams).fetchall()
            except psycopg.Error as error:
                raise StoreError(f"{self._where}: cannot list the streams: {error}") from error
        return [stream for (stream,) in rows]

    # -- checkpoints ------------------------------------------------------------------------------
    def load_checkpoint(self, name: str) -> SavedCheckpoint | None:
        """The checkpoint saved under ``name``, or None (see
        :class:`~matchevents.stores.checkpoints.CheckpointStore`)."""
        with self._lock:
            try:
                row = self._db().execute(self._queries.load_checkpoint, (name,)).fetchone()
            except psycopg.Error as error:
                raise StoreError(
                    f"{self._where}: cannot read checkpoint {name!r}: {error}"
                ) from error
        return None if row is None else SavedCheckpoint(name, int(row[0]), row[1])

    def save_checkpoint(
        self, name: str, position: int, data: str, *, expected_position: int
    ) -> None:
        """Save a checkpoint in one transaction with the check that the event at ``position`` is
        committed (see :class:`~matchevents.stores.checkpoints.CheckpointStore`). Of two runners
        expecting the same position, the second waits for the first to commit, then sees the new
        position and gets a :class:`~matchevents.errors.CheckpointConflictError`."""
        check_checkpoint_name(name)
        queries = self._queries
        with self._lock:
            db = self._db()
            try:
                with db.transaction():
                    row = db.execute(queries.lock_checkpoint, (name,)).fetchone()
                    actual = 0 if row is None else int(row[0])
                    if actual != expected_position:
                        raise CheckpointConflictError(name, expected_position, actual)
                    if db.execute(queries.has_position, (position,)).fetchone() is None:
                        raise StoreError(
                            f"{self._where}: checkpoint {name!r} at position {position}, which the "
                            "store does not hold; nothing saved"
                        )
                    if row is None:
                        db.execute(queries.insert_checkpoint, (name, position, data))
                    else:
                        db.execute(queries.update_checkpoint, (position, data, name))
            except pg_errors.UniqueViolation as error:
                # Another runner saved the first checkpoint of that name meanwhile.
                saved = self.load_checkpoint(name)
                actual = 0 if saved is None else saved.position
                raise CheckpointConflictError(name, expected_position, actual) from error
            except pg_errors.LockNotAvailable as error:
                raise StoreBusyError(
                    f"{self._where}: checkpoint {name!r} gave up waiting {self._timeout:g} s for "
                    f"another runner's lock, nothing saved; retry: {error}"
                ) from error
            except psycopg.Error as error:
                raise StoreError(
                    f"{self._where}: checkpoint {name!r} failed, nothing saved: {error}"
                ) from error

    def delete_checkpoint(self, name: str) -> None:
        """Forget the checkpoint ``name``."""
        with self._lock:
            try:
                self._db().execute(self._queries.delete_checkpoint, (name,))
            except psycopg.Error as error:
                raise StoreError(
                    f"{self._where}: cannot delete checkpoint {name!r}: {error}"
                ) from error

    def close(self) -> None:
        """Close the connection. Closing twice is harmless."""
        with self._lock:
            self._closed = True
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgresStore({_describe(self.conninfo)!r}, schema={self.schema!r})"


class _NewStreamTaken(Exception):
    """Another writer created the stream first (the unique stream key said so)."""

    def __init__(self, error: psycopg.Error) -> None:
        super().__init__(str(error))
        self.error = error


class _Queries:
    """The store's statements with its schema name quoted in, composed once per store."""

    def __init__(self, schema_name: str) -> None:
        schema = self.schema = sql.Identifier(schema_name)

        def q(text: LiteralString) -> sql.Composed:
            return sql.SQL(text).format(schema=schema)

        self.create_schema = q("CREATE SCHEMA IF NOT EXISTS {schema}")
        self.create_version_table = q(
            "CREATE TABLE IF NOT EXISTS {schema}.schema_version (version integer NOT NULL)"
        )
        self.schema_version = q("SELECT version FROM {schema}.schema_version")
        self.insert_version = q("INSERT INTO {schema}.schema_version (version) VALUES (0)")
        self.set_version = q("UPDATE {schema}.schema_version SET version = %s")
        self.version = q("SELECT version FROM {schema}.streams WHERE stream = %s")
        self.lock_stream = q("SELECT version FROM {schema}.streams WHERE stream = %s FOR UPDATE")
        self.insert_stream = q(
            "INSERT INTO {schema}.streams (stream, version, competition, season) "
            "VALUES (%s, %s, %s, %s)"
        )
        self.update_stream = q(
            "UPDATE {schema}.streams SET version = %s, "
            "competition = COALESCE(competition, %s), season = COALESCE(season, %s) "
            "WHERE stream = %s"
        )
        # One statement: number the batch after the highest committed position, insert it, and
        # announce it to subscribers (delivered at commit).
        self.insert_events = q(
            "WITH head AS (SELECT COALESCE(max(position), 0) AS position FROM {schema}.events), "
            "inserted AS ("
            "  INSERT INTO {schema}.events (position, stream, version, data) "
            "  SELECT head.position + batch.n, %s, %s + batch.n, batch.data "
            "  FROM head, unnest(%b::text[]) WITH ORDINALITY AS batch (data, n) "
            "  RETURNING position"
            ") "
            "SELECT pg_notify(%s, max(position)::text) FROM inserted"
        )
        columns = "e.position, e.stream, e.version, e.data"
        self.read_stream = q(
            f"SELECT {columns} FROM {{schema}}.events e "
            "WHERE e.stream = %s AND e.version >= %s ORDER BY e.version"
        )
        self.read_all = q(
            f"SELECT {columns} FROM {{schema}}.events e "
            "WHERE e.position > %s ORDER BY e.position LIMIT %s"
        )
        self.read_competition = q(
            f"SELECT {columns} FROM {{schema}}.events e "
            "WHERE e.stream IN (SELECT stream FROM {schema}.streams WHERE competition = %s) "
            "AND e.position > %s ORDER BY e.position LIMIT %s"
        )
        self.read_season = q(
            f"SELECT {columns} FROM {{schema}}.events e "
            "WHERE e.stream IN "
            "(SELECT stream FROM {schema}.streams WHERE competition = %s AND season = %s) "
            "AND e.position > %s ORDER BY e.position LIMIT %s"
        )
        self.load_checkpoint = q("SELECT position, data FROM {schema}.checkpoints WHERE name = %s")
        self.lock_checkpoint = q(
            "SELECT position FROM {schema}.checkpoints WHERE name = %s FOR UPDATE"
        )
        self.has_position = q("SELECT 1 FROM {schema}.events WHERE position = %s")
        self.insert_checkpoint = q(
            "INSERT INTO {schema}.checkpoints (name, position, data) VALUES (%s, %s, %s)"
        )
        self.update_checkpoint = q(
            "UPDATE {schema}.checkpoints SET position = %s, data = %s WHERE name = %s"
        )
        self.delete_checkpoint = q("DELETE FROM {schema}.checkpoints WHERE name = %s")
        self.streams = q(
            "SELECT s.stream FROM {schema}.streams s "
            "JOIN {schema}.events e ON e.stream = s.stream AND e.version = 1 "
            "ORDER BY e.position"
        )


def _describe(conninfo: str) -> str:
    """Where a connection string points, without its password (for messages)."""
    try:
        parts = conninfo_to_dict(conninfo)
    except psycopg.Error:
        return "(unreadable connection string)"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or 5432
    dbname = parts.get("dbname") or parts.get("user")
    return f"{host}:{port}/{dbname}" if dbname else f"{host}:{port}"


def _describe_connection(connection: psycopg.Connection[tuple[Any, ...]]) -> str:
    """Where an open connection points, as the server reports it (no password)."""
    info = connection.info
    return f"{info.host}:{info.port}/{info.dbname}"
