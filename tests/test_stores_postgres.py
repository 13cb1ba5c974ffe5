"""The PostgreSQL store, and the catch-up subscription it shares with SQLite.

The shared contract (``tests/test_stores.py``) runs on PostgreSQL through the factories below
whenever a server is configured. This file adds what only a server store has: schema creation and
migration on request, connections that fail or break, and many writer processes on many hosts
(here, processes) appending to one match and to many, with a subscriber reading as they write.

A server is configured by ``MATCHEVENTS_POSTGRES_DSN`` (a libpq connection string; ``.ci/run``
starts a throwaway server and sets it). Without it these tests skip, saying so, except under
``CI=true``, where they fail. Every test works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import itertools
import os
import random
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matches import ANFIELD_ID, ISTANBUL_ID, anfield_first_leg, istanbul_final
from matchevents import Event, Goal, MatchClock, Side
from matchevents.errors import ConcurrencyError, StoreBusyError, StoreError
from matchevents.stores import CatchUpStore, EventStore, SqliteStore, StoredEvent
from matchevents.testing import matches

POSTGRES_DSN = os.environ.get("MATCHEVENTS_POSTGRES_DSN", "")
"""The test server's connection string; empty when none is configured."""
_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_CREATED: set[str] = set()


def _unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    if not POSTGRES_DSN:
        return (
            "no PostgreSQL server configured: set MATCHEVENTS_POSTGRES_DSN to a libpq connection "
            "string (MATCHEVENTS_POSTGRES=start .ci/run starts one)"
        )
    return None


def require_postgres() -> str:
    """The server's connection string; skips the test without one, but fails it under CI."""
    reason = _unavailable()
    if reason is not None:
        if _IN_CI:
            pytest.fail(f"PostgreSQL tests must run on CI: {reason}")
        pytest.skip(reason)
    return POSTGRES_DSN


def schema_for(folder: Path) -> str:
    """A schema name of the test's own, derived from its temporary folder."""
    return "test_" + hashlib.blake2b(str(folder).encode(), digest_size=8).hexdigest()


def drop_schema(schema: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(POSTGRES_DSN, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
        )


@atexit.register
def _drop_created_schemas() -> None:
    for schema in sorted(_CREATED):
        with contextlib.suppress(Exception):
            drop_schema(schema)


def fresh_postgres_store(folder: Path) -> Any:
    """A new, empty store in a schema of the folder's own (the contract suite's factory)."""
    from matchevents.stores.postgres import PostgresStore

    dsn = require_postgres()
    schema = schema_for(folder)
    drop_schema(schema)
    _CREATED.add(schema)
    return PostgresStore(dsn, schema=schema, migrate=True)


def reopen_postgres_store(folder: Path) -> Any:
    """The folder's store opened again, without migrating."""
    from matchevents.stores.postgres import PostgresStore

    return PostgresStore(require_postgres(), schema=schema_for(folder))


# -- the catch-up subscription, one suite for SQLite and PostgreSQL -------------------------------
CATCH_UP_STORES = {
    "sqlite": lambda folder: SqliteStore(folder / "events.db"),
    "postgres": fresh_postgres_store,
}
AVAILABLE = [kind for kind in CATCH_UP_STORES if kind != "postgres" or _unavailable() is None]
"""The stores a property test draws from (a skip drawn inside one would skip it whole)."""


@pytest.fixture(params=list(CATCH_UP_STORES))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    made = CATCH_UP_STORES[request.param](tmp_path)
    yield made
    made.close()


def goal(stream: str, tag: str) -> Goal:
    """A goal whose scorer is a unique tag, so that every stored event can be traced."""
    return Goal(match_id=stream, side=Side.HOME, scorer=tag, at=MatchClock(1))


def test_the_database_stores_keep_the_catch_up_contract(store: Any) -> None:
    assert isinstance(store, CatchUpStore)
    assert isinstance(store, EventStore)


def test_a_subscription_catches_up_then_stops_when_idle(store: Any) -> None:
    events = istanbul_final()
    store.append(ISTANBUL_ID, events, expected_version=0)
    started = time.monotonic()
    records = list(store.subscribe(idle_timeout=0.3))
    assert [record.event for record in records] == events
    assert [record.position for record in records] == list(range(1, len(events) + 1))
    assert 0.3 <= time.monotonic() - started < 5


def test_a_subscription_resumes_after_the_last_position_handled(store: Any) -> None:
    events = istanbul_final()
    store.append(ISTANBUL_ID, events, expected_version=0)
    handled: list[StoredEvent] = []
    with contextlib.closing(store.subscribe()) as subscription:
        for record in subscription:
            handled.append(record)
            if len(handled) == 5:
                break
    rest = list(store.subscribe(from_position=handled[-1].position, idle_timeout=0.2))
    assert [record.event for record in handled + rest] == events
    assert list(store.subscribe(from_position=len(events), idle_timeout=0.1)) == []


def test_a_subscription_sees_appends_made_while_it_waits(store: Any) -> None:
    events = anfield_first_leg()
    store.append(ANFIELD_ID, events[:2], expected_version=0)
    seen: list[StoredEvent] = []

    def follow() -> None:
        for record in store.subscribe(idle_timeout=5):
            seen.append(record)
            if len(seen) == len(events):
                return

    follower = threading.Thread(target=follow)
    follower.start()
    for version in range(2, len(events)):
        time.sleep(0.02)
        store.append(ANFIELD_ID, [events[version]], expected_version=version)
    follower.join(timeout=10)
    assert not follower.is_alive()
    assert [record.event for record in seen] == events


@settings(max_examples=15)
@given(
    matches(),
    st.lists(st.tuples(st.integers(1, 5), st.integers(0, 6)), min_size=1, max_size=12),
    st.sampled_from(AVAILABLE),
)
def test_a_subscriber_that_stops_anywhere_and_resumes_sees_each_event_once_in_order(
    played: tuple[Event, ...], steps: list[tuple[int, int]], kind: str
) -> None:
    """Appends (batches of ``size``) and a subscriber reading ``taken`` events at a time, leaving,
    and subscribing again from the last position it handled, interleaved in any order."""
    events = list(played)
    stream = events[0].match_id
    with tempfile.TemporaryDirectory() as folder:
        store = CATCH_UP_STORES[kind](Path(folder))
        try:
            seen: list[StoredEvent] = []
            appended = 0
            for size, taken in steps:
                batch = events[appended : appended + size]
                store.append(stream, batch, expected_version=appended)
                appended += len(batch)
                checkpoint = seen[-1].position if seen else 0
                with contextlib.closing(store.subscribe(checkpoint, idle_timeout=0)) as following:
                    seen += itertools.islice(following, taken)
            checkpoint = seen[-1].position if seen else 0
            seen += store.subscribe(checkpoint, idle_timeout=0)
            assert seen == list(store.read_all())
            assert [record.event for record in seen] == events[:appended]
        finally:
            store.close()


# -- many writer processes, one subscriber --------------------------------------------------------
HOT = "hot-match"
COLD = [f"match-{number}" for number in range(6)]


@attrs.frozen
class Outcome:
    """What one append attempt of a writer process was told."""

    stream: str
    tags: tuple[str, ...]
    version: int | None  # the stream's version after an acknowledged append
    conflict: tuple[str, int, int] | None  # (stream, expected, actual) a refusal named


def write_concurrently(
    kind: str, where: str, writer: int, attempts: int, start: float
) -> list[Any]:
    """One writer process: ``attempts`` appends of 1-3 tagged goals, mostly to the hot match,
    expecting the version it just read (one in ten without an expected version)."""
    store: Any
    if kind == "postgres":
        from matchevents.stores.postgres import PostgresStore

        store = PostgresStore(POSTGRES_DSN, schema=where)
    else:
        store = SqliteStore(where)
    rng = random.Random(writer)
    outcomes: list[Outcome] = []
    time.sleep(max(0.0, start - time.time()))
    try:
        for attempt in range(attempts):
            stream = HOT if rng.random() < 0.5 else rng.choice(COLD)
            tags = tuple(f"w{writer}-a{attempt}-e{k}" for k in range(rng.randint(1, 3)))
            batch = [goal(stream, tag) for tag in tags]
            if rng.random() < 0.1:
                version = store.append(stream, batch)
                outcomes.append(Outcome(stream, tags, version, None))
                continue
            expected = store.version(stream)
            time.sleep(rng.random() * 0.003)  # deciding takes a moment (the timeline judges)
            try:
                version = store.append(stream, batch, expected_version=expected)
                outcomes.append(Outcome(stream, tags, version, None))
            except ConcurrencyError as refused:
                conflict = (refused.match_id, refused.expected_version, refused.actual_version)
                outcomes.append(Outcome(stream, tags, None, conflict))
    finally:
        store.close()
    return outcomes


WRITERS = 4
ATTEMPTS = 60


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_writer_processes_lose_nothing_and_a_subscriber_sees_each_event_once_in_order(
    kind: str, tmp_path: Path
) -> None:
    store = CATCH_UP_STORES[kind](tmp_path)
    where = str(tmp_path / "events.db") if kind == "sqlite" else store.schema
    seen: list[StoredEvent] = []
    failures: list[BaseException] = []
    writers_done = threading.Event()

    def subscriber() -> None:
        # Resubscribes from the last position it handled whenever the log goes quiet, until a
        # subscription that started after the writers finished has gone quiet.
        try:
            while True:
                finished = writers_done.is_set()
                position = seen[-1].position if seen else 0
                seen.extend(store.subscribe(from_position=position, idle_timeout=0.3))
                if finished:
                    return
        except BaseException as error:
            failures.append(error)

    follower = threading.Thread(target=subscriber)
    follower.start()
    start = time.time() + 1.5  # every process has imported and connected by then
    try:
        with ProcessPoolExecutor(WRITERS, mp_context=get_context("spawn")) as pool:
            runs = [
                pool.submit(write_concurrently, kind, where, writer, ATTEMPTS, start)
                for writer in range(WRITERS)
            ]
            outcomes = [outcome for run in runs for outcome in run.result(timeout=120)]
    finally:
        writers_done.set()
        follower.join(timeout=60)
    try:
        stored = list(store.read_all())
        acknowledged = [outcome for outcome in outcomes if outcome.version is not None]
        refused = [outcome for outcome in outcomes if outcome.conflict is not None]
        # Nothing lost, nothing duplicated, nothing refused stored.
        stored_tags = Counter(record.event.scorer for record in stored)
        assert set(stored_tags.values()) == {1}
        assert set(stored_tags) == {tag for outcome in acknowledged for tag in outcome.tags}
        # Every acknowledged batch is where its version says, whole and in order.
        for outcome in acknowledged:
            assert outcome.version is not None
            first = outcome.version - len(outcome.tags) + 1
            batch = list(store.read(outcome.stream, first))[: len(outcome.tags)]
            assert [record.version for record in batch] == list(range(first, outcome.version + 1))
            assert tuple(record.event.scorer for record in batch) == outcome.tags
        # Every refusal was a concurrency error naming the stream, which had moved on.
        assert refused, "the writers never collided: the test proves nothing"
        for outcome in refused:
            assert outcome.conflict is not None
            stream, expected, actual = outcome.conflict
            assert stream == outcome.stream
            assert actual > expected
        # Streams without gaps; the global order dense; the subscriber saw it all, once, in order.
        for stream in [HOT, *COLD]:
            versions = [record.version for record in store.read(stream)]
            assert versions == list(range(1, len(versions) + 1))
        assert [record.position for record in stored] == list(range(1, len(stored) + 1))
        assert not follower.is_alive()
        assert failures == []
        assert [record.position for record in seen] == [record.position for record in stored]
        assert seen == stored
        print(
            f"{kind}: {WRITERS} writers, {len(acknowledged)} appends acknowledged, "
            f"{len(refused)} refused, {len(stored)} events seen once, in order"
        )
    finally:
        store.close()


# -- PostgreSQL only: schema, connections, notifications ------------------------------------------
@pytest.fixture
def schema(tmp_path: Path) -> Iterator[str]:
    """A schema name of the test's own, with nothing in it yet; dropped afterwards."""
    require_postgres()
    name = schema_for(tmp_path)
    drop_schema(name)
    yield name
    drop_schema(name)


def execute(statement: str) -> None:
    """Run one statement on a connection of its own, as another program would."""
    import psycopg

    with psycopg.connect(POSTGRES_DSN, autocommit=True) as connection:
        connection.execute(statement.encode())


def test_the_tables_are_created_only_on_request(schema: str) -> None:
    from matchevents.stores.postgres import SCHEMA_VERSION, PostgresStore

    with pytest.raises(
        StoreError, match=rf"schema '{schema}': no matchevents tables.*migrate=True"
    ):
        PostgresStore(POSTGRES_DSN, schema=schema)
    with PostgresStore(POSTGRES_DSN, schema=schema, migrate=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.migrate() == SCHEMA_VERSION  # up to date: nothing to do
        store.append(ANFIELD_ID, anfield_first_leg(), expected_version=0)
    with PostgresStore(POSTGRES_DSN, schema=schema) as reopened:
        assert [record.event for record in reopened.read(ANFIELD_ID)] == anfield_first_leg()


def test_tables_of_a_newer_release_are_refused_and_left_alone(schema: str) -> None:
    from matchevents.stores.postgres import SCHEMA_VERSION, PostgresStore

    with PostgresStore(POSTGRES_DSN, schema=schema, migrate=True) as store:
        store.append(ANFIELD_ID, anfield_first_leg()[:3], expected_version=0)
    execute(f'UPDATE "{schema}".schema_version SET version = {SCHEMA_VERSION + 1}')
    newer = rf"schema version {SCHEMA_VERSION + 1}, written by a newer matchevents"
    with pytest.raises(StoreError, match=newer):
        PostgresStore(POSTGRES_DSN, schema=schema)
    with pytest.raises(StoreError, match=newer):
        PostgresStore(POSTGRES_DSN, schema=schema, migrate=True)
    execute(f'UPDATE "{schema}".schema_version SET version = {SCHEMA_VERSION}')
    with PostgresStore(POSTGRES_DSN, schema=schema) as store:
        assert store.version(ANFIELD_ID) == 3


def test_writers_migrating_at_once_all_succeed(schema: str) -> None:
    from matchevents.stores.postgres import SCHEMA_VERSION, PostgresStore

    opened: list[int] = []

    def open_and_migrate() -> None:
        with PostgresStore(POSTGRES_DSN, schema=schema, migrate=True) as store:
            opened.append(store.schema_version())

    threads = [threading.Thread(target=open_and_migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened == [SCHEMA_VERSION] * 4


def test_a_schema_name_the_server_would_cut_short_is_refused() -> None:
    from matchevents.stores.postgres import PostgresStore

    require_postgres()
    with pytest.raises(StoreError, match="1 to 63 bytes"):
        PostgresStore(POSTGRES_DSN, schema="feeds_" + "x" * 58)
    with pytest.raises(StoreError, match="1 to 63 bytes"):
        PostgresStore(POSTGRES_DSN, schema="")


def test_stores_in_different_schemas_of_one_database_are_independent(tmp_path: Path) -> None:
    first = fresh_postgres_store(tmp_path / "first")
    second = fresh_postgres_store(tmp_path / "second")
    try:
        first.append(ANFIELD_ID, anfield_first_leg(), expected_version=0)
        second.append(ISTANBUL_ID, istanbul_final()[:2], expected_version=0)
        assert first.streams() == [ANFIELD_ID]
        assert second.streams() == [ISTANBUL_ID]
        assert [record.position for record in second.read_all()] == [1, 2]
    finally:
        first.close()
        second.close()


def test_a_server_out_of_reach_is_a_store_error_that_keeps_the_password_to_itself() -> None:
    from matchevents.stores.postgres import PostgresStore

    require_postgres()
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:1/feeds.*cannot connect") as raised:
        PostgresStore("host=127.0.0.1 port=1 dbname=feeds password=hunter2", timeout=1)
    assert "hunter2" not in str(raised.value)


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = fresh_postgres_store(tmp_path)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="the store is closed"):
        store.append(ANFIELD_ID, anfield_first_leg()[:1])
    with pytest.raises(StoreError, match="the store is closed"):
        store.subscribe()


def test_after_the_server_drops_the_connection_the_store_reconnects(schema: str) -> None:
    from psycopg.conninfo import make_conninfo

    from matchevents.stores.postgres import PostgresStore

    name = f"dropped-{schema}"
    store = PostgresStore(
        make_conninfo(POSTGRES_DSN, application_name=name), schema=schema, migrate=True
    )
    events = anfield_first_leg()
    try:
        store.append(ANFIELD_ID, events[:2], expected_version=0)
        execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE application_name = '{name}'"
        )
        with pytest.raises(StoreError, match="connection"):
            store.append(ANFIELD_ID, events[2:4], expected_version=2)
        assert store.version(ANFIELD_ID) == 2  # the refused batch was not stored
        assert store.append(ANFIELD_ID, events[2:], expected_version=2) == len(events)
        assert [record.event for record in store.read(ANFIELD_ID)] == events
    finally:
        store.close()


def test_a_writer_blocked_by_another_transaction_gives_up_after_its_timeout(schema: str) -> None:
    import psycopg

    from matchevents.stores.postgres import PostgresStore

    with PostgresStore(POSTGRES_DSN, schema=schema, migrate=True, timeout=0.5) as store:
        store.append(ANFIELD_ID, anfield_first_leg()[:2], expected_version=0)
        with psycopg.connect(POSTGRES_DSN) as other, other.transaction():
            other.execute(
                f'SELECT * FROM "{schema}".streams WHERE stream = %s FOR UPDATE'.encode(),
                (ANFIELD_ID,),
            )
            started = time.monotonic()
            with pytest.raises(StoreBusyError, match="lock timeout"):
                store.append(ANFIELD_ID, anfield_first_leg()[2:3], expected_version=2)
            assert time.monotonic() - started < 5
        assert store.append(ANFIELD_ID, anfield_first_leg()[2:3], expected_version=2) == 3


def test_a_subscriber_is_woken_by_a_commit_not_by_its_polling(tmp_path: Path) -> None:
    store = fresh_postgres_store(tmp_path)
    events = anfield_first_leg()
    try:
        store.append(ANFIELD_ID, events[:1], expected_version=0)
        subscription = store.subscribe(poll_interval=60, idle_timeout=30)
        assert next(subscription).event == events[0]
        threading.Timer(0.2, store.append, (ANFIELD_ID, events[1:2])).start()
        started = time.monotonic()
        assert next(subscription).event == events[1]
        assert time.monotonic() - started < 5
        subscription.close()
    finally:
        store.close()


# -- the global order while transactions overlap ------------------------------------------------
# A writer that has numbered its events and not yet committed holds the store's append lock: every
# other writer numbers its batch only after that one is visible (or rolled back). The tests below
# hold such a writer open on a connection of their own, running the store's statements one by one
# (as another host running this release would), so that the overlap is certain, not a race.
def dsn_for(name: str, *, isolation: str | None = None) -> str:
    """The test server's connection string for a client named ``name``; ``isolation`` becomes
    the session's default transaction isolation, as a server, a role or a DSN may set it."""
    from psycopg.conninfo import make_conninfo

    if isolation is None:
        return make_conninfo(POSTGRES_DSN, application_name=name)
    options = "-c default_transaction_isolation=" + isolation.replace(" ", "\\ ")
    return make_conninfo(POSTGRES_DSN, application_name=name, options=options)


ISOLATION_DEFAULTS = ["read committed", "repeatable read", "serializable"]


@contextlib.contextmanager
def append_held_open(schema: str, stream: str, tag: str, *, commit: bool = True) -> Iterator[None]:
    """An append of one goal to a new ``stream``, made with the store's own statements in their
    order (lock the stream's row, create it, take the append lock, number the event after the
    highest committed position), its transaction held open while the block runs, then committed
    (or rolled back)."""
    import psycopg
    from psycopg import sql

    from matchevents.codec import dumps
    from matchevents.stores.postgres import _lock_key

    tables = {"schema": sql.Identifier(schema)}
    with psycopg.connect(dsn_for(f"held-{schema}")) as raw:  # one transaction until commit
        raw.execute(
            sql.SQL("SELECT version FROM {schema}.streams WHERE stream = %s FOR UPDATE").format(
                **tables
            ),
            (stream,),
        )
        raw.execute(
            sql.SQL("INSERT INTO {schema}.streams (stream, version) VALUES (%s, 1)").format(
                **tables
            ),
            (stream,),
        )
        raw.execute("SELECT pg_advisory_xact_lock(%s)", (_lock_key("append", schema),))
        raw.execute(
            sql.SQL(
                "INSERT INTO {schema}.events (position, stream, version, data) "
                "SELECT COALESCE(max(position), 0) + 1, %s, 1, %s FROM {schema}.events"
            ).format(**tables),
            (stream, dumps(goal(stream, tag))),
        )
        yield
        if commit:
            raw.commit()
        else:
            raw.rollback()


def wait_until_waiting_for_the_append_lock(client: str) -> None:
    """Block until the client named ``client`` waits for an advisory lock (the append lock),
    failing after a generous bound rather than hanging."""
    import psycopg

    deadline = time.monotonic() + 30
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
                "AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
                (client,),
            ).fetchone()
            if waiting and waiting[0]:
                return
            time.sleep(0.01)
    pytest.fail(f"{client} never waited for the append lock")


class Appender(threading.Thread):
    """A store's append to one stream on a thread of its own, keeping what it was told."""

    def __init__(self, store: Any, stream: str, events: list[Event]) -> None:
        super().__init__()
        self.store, self.stream, self.events = store, stream, events
        self.version: int | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.version = self.store.append(self.stream, self.events)
        except BaseException as error:
            self.error = error


def positions(store: Any) -> list[tuple[int, str, int]]:
    return [(record.position, record.stream, record.version) for record in store.read_all()]


@pytest.mark.parametrize("isolation", ISOLATION_DEFAULTS)
def test_a_writer_numbers_its_events_after_a_commit_it_waited_for_whatever_the_default_isolation(
    schema: str, isolation: str
) -> None:
    """A server or role may default to repeatable read or serializable: the store's appends are
    read committed regardless, so a writer that waited for the append lock sees the events
    committed meanwhile and numbers its own after them."""
    from matchevents.stores.postgres import PostgresStore

    client = f"writer-{schema}"
    with PostgresStore(dsn_for(client, isolation=isolation), schema=schema, migrate=True) as store:
        store.append(ANFIELD_ID, anfield_first_leg()[:1], expected_version=0)
        with append_held_open(schema, "held", "a"):
            writer = Appender(store, ISTANBUL_ID, istanbul_final()[:2])
            writer.start()
            wait_until_waiting_for_the_append_lock(client)
        writer.join()
        assert writer.error is None
        assert writer.version == 2
        assert positions(store) == [
            (1, ANFIELD_ID, 1),
            (2, "held", 1),
            (3, ISTANBUL_ID, 1),
            (4, ISTANBUL_ID, 2),
        ]


@pytest.mark.parametrize("isolation", ["repeatable read", "serializable"])
def test_concurrent_appends_to_different_matches_succeed_whatever_the_default_isolation(
    schema: str, isolation: str
) -> None:
    from matchevents.stores.postgres import PostgresStore

    dsn = dsn_for(f"writer-{schema}", isolation=isolation)
    PostgresStore(dsn, schema=schema, migrate=True).close()
    streams = [f"match-{number}" for number in range(3)]
    failures: list[BaseException] = []

    def write(stream: str) -> None:
        try:
            with PostgresStore(dsn, schema=schema) as store:
                for tag in range(25):
                    store.append(stream, [goal(stream, str(tag))])
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=write, args=(stream,)) for stream in streams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with PostgresStore(dsn, schema=schema) as store:
        stored = list(store.read_all())
        assert [record.position for record in stored] == list(range(1, 3 * 25 + 1))
        for stream in streams:
            mine = [record for record in stored if record.stream == stream]
            assert [record.event.scorer for record in mine] == [str(tag) for tag in range(25)]
            assert [record.version for record in mine] == list(range(1, 26))


@pytest.mark.parametrize("isolation", ["repeatable read", "serializable"])
def test_writers_migrating_at_once_succeed_whatever_the_default_isolation(
    schema: str, isolation: str
) -> None:
    from matchevents.stores.postgres import SCHEMA_VERSION, PostgresStore

    dsn = dsn_for(f"migrator-{schema}", isolation=isolation)
    opened: list[int] = []
    failures: list[BaseException] = []

    def open_and_migrate() -> None:
        try:
            with PostgresStore(dsn, schema=schema, migrate=True) as store:
                opened.append(store.schema_version())
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=open_and_migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert opened == [SCHEMA_VERSION] * 4


@pytest.mark.parametrize("commit", [True, False], ids=["committed", "rolled-back"])
def test_a_later_append_never_becomes_visible_before_an_earlier_one_still_open(
    schema: str, commit: bool
) -> None:
    """Writer A has numbered its event and holds its transaction open; writer B appends to
    another match meanwhile. B waits for A (it numbers its events under the append lock A
    holds), so readers see nothing new until A ends, then A's event before B's, each position
    once: a catch-up subscriber skips nothing, and a rolled-back A leaves no hole (B takes its
    number). The guarantee holds between writers that number under the lock, as every store
    does; it is the store's statements, not a sequence, that give it."""
    from matchevents.stores.postgres import PostgresStore

    client = f"writer-{schema}"
    with (
        PostgresStore(dsn_for(client), schema=schema, migrate=True) as writer_b,
        PostgresStore(POSTGRES_DSN, schema=schema) as reader,
    ):
        writer_b.append(ANFIELD_ID, anfield_first_leg()[:1], expected_version=0)
        expected = [(2, "held", 1), (3, ISTANBUL_ID, 1)] if commit else [(2, ISTANBUL_ID, 1)]
        caught_up: list[StoredEvent] = []
        subscription = reader.subscribe(from_position=1, poll_interval=0.05)
        subscriber = threading.Thread(
            target=lambda: caught_up.extend(itertools.islice(subscription, len(expected)))
        )
        b = Appender(writer_b, ISTANBUL_ID, istanbul_final()[:1])
        with append_held_open(schema, "held", "a", commit=commit):
            b.start()
            wait_until_waiting_for_the_append_lock(client)
            # B has checked its stream and waits to number its event: nothing new is visible.
            subscriber.start()
            assert positions(reader) == [(1, ANFIELD_ID, 1)]
        b.join()
        subscriber.join(timeout=30)
        assert not subscriber.is_alive(), "the subscriber never caught up"
        subscription.close()
        assert b.error is None
        assert b.version == 1
        assert [(r.position, r.stream, r.version) for r in caught_up] == expected
        assert positions(reader) == [(1, ANFIELD_ID, 1), *expected]


@pytest.mark.parametrize("blocked_on", ["its stream", "the append lock"])
def test_a_lock_timeout_is_a_busy_store_that_stored_nothing(schema: str, blocked_on: str) -> None:
    """A writer that gives up waiting for another's lock was rolled back: it is told the store
    was busy and nothing was stored (safe to retry as it is), not that the connection broke and
    the append may be stored."""
    from matchevents.stores.postgres import PostgresStore

    stream = "held" if blocked_on == "its stream" else ANFIELD_ID
    with PostgresStore(POSTGRES_DSN, schema=schema, migrate=True, timeout=0.2) as store:
        with (
            append_held_open(schema, "held", "a", commit=False),
            pytest.raises(StoreBusyError, match="nothing stored") as raised,
        ):
            store.append(stream, [goal(stream, "b")])
        assert isinstance(raised.value, StoreError)
        assert "may be stored" not in str(raised.value)
        assert positions(store) == []
        assert store.append(stream, [goal(stream, "b")]) == 1
