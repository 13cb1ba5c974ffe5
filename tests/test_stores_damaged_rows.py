"""A damaged row of a database store is read as the codec reads it, or is a named CodecError.

The SQLite and PostgreSQL stores keep each event as the codec's JSON text in a row. Here two real
matches are appended, then one row's ``data`` is overwritten in the database with a drawn
corruption: text that is not JSON, a JSON value that is not an object, a field of the wrong type,
missing or added, an unknown type tag or another schema version, odd unicode (lone surrogates,
escaped or as raw bytes), an enormous number, deep nesting, or one of the codec fuzz's own
mutations (``tests/fuzz_codec.py``).

What the codec makes of the stored text decides the outcome, for every read path (``read``, from a
version, ``read_all``, from a position, ``read_competition``, ``subscribe``):

- an event (a harmless damage, such as an old layout upcast, or a valid event with other content):
  every read gives it in the row's place and every other event as appended;
- a ``CodecError``: every read that reaches the row raises the codec's error, naming the store, the
  row's position (also the error's ``line``) and its stream and version, after giving only events
  before the row; a read that does not reach it gives its events.

No read raises anything else. The damaged stream still takes appends (a store checks versions, not
rows), the other match still reads, and a strict parallel replay of the store stops at the row and
names its stream and position, or replays exactly what the reads give. A lenient one reports the
row as a lenient replay of a log reports an unreadable line, naming its stream and position, and
replays the rest of the store, the rest of the damaged stream too.

PostgreSQL cases use the store of ``tests/test_stores_postgres.py`` and skip without a server, as
its tests do. A PostgreSQL ``text`` column of a UTF-8 database holds no NUL and no invalid UTF-8:
there, such bytes are stored as U+FFFD.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_codec import broken_line, mutate
from matches import ANFIELD_ID, ISTANBUL_ID, anfield_first_leg, istanbul_final
from matchevents.codec import CodecError, dumps, loads
from matchevents.competitions import RESULTS
from matchevents.errors import ParallelReplayError
from matchevents.log import LogProblem, Replayer, ReplayResult
from matchevents.parallel import replay_store_parallel
from matchevents.projections import SCORE
from matchevents.stores import SqliteStore, StoredEvent
from matchevents.stores.base import competition_of
from test_stores_postgres import POSTGRES_DSN, fresh_postgres_store, reopen_postgres_store

MATCHES = {ANFIELD_ID: anfield_first_leg(), ISTANBUL_ID: istanbul_final()}
"""The streams appended, in this order, before a row is damaged."""


# -- the stores and their rows --------------------------------------------------------------------
@attrs.define
class Database:
    """A store, and a connection of the test's own to its database for damaging rows."""

    kind: str
    folder: Path
    store: Any
    raw: Any

    @classmethod
    def make(cls, kind: str, folder: Path) -> Database:
        if kind == "sqlite":
            path = folder / "events.db"
            store = SqliteStore(path)
            return cls(kind, folder, store, sqlite3.connect(path, isolation_level=None))
        store = fresh_postgres_store(folder)  # skips without a server
        import psycopg

        return cls(kind, folder, store, psycopg.connect(POSTGRES_DSN, autocommit=True))

    def _table(self, name: str) -> Any:
        if self.kind == "sqlite":
            return name
        from psycopg import sql

        return sql.SQL("{}.{}").format(sql.Identifier(self.store.schema), sql.Identifier(name))

    def _execute(self, statement: str, parameters: tuple[Any, ...] = (), **tables: str) -> None:
        if self.kind == "sqlite":
            self.raw.execute(statement.format(**tables), parameters)
            return
        from psycopg import sql

        names = {key: self._table(table) for key, table in tables.items()}
        self.raw.execute(sql.SQL(statement.replace("?", "%s")).format(**names), parameters)

    def clear(self) -> None:
        """Empty the store (each example starts from nothing)."""
        self._execute("DELETE FROM {events}", events="events")
        self._execute("DELETE FROM {streams}", streams="streams")

    def damage(self, position: int, data: bytes, *, as_text: bool) -> str | bytes:
        """Overwrite the row at ``position`` with ``data``; returns what the store then reads
        from it. SQLite: the bytes (if they are not UTF-8, stored as text when ``as_text``, else
        as a blob). PostgreSQL: the text its column holds."""
        if self.kind == "sqlite":
            try:
                value: str | bytes = data.decode()
                cast = "?"
            except UnicodeDecodeError:
                value, cast = data, "CAST(? AS TEXT)" if as_text else "?"
            statement = f"UPDATE {{events}} SET data = {cast} WHERE position = ?"
            self._execute(statement, (value, position), events="events")
            return data
        text = data.decode("utf-8", "replace").replace("\0", "\ufffd")
        self._execute(
            "UPDATE {events} SET data = ? WHERE position = ?", (text, position), events="events"
        )
        return text

    def opener(self) -> Callable[[], Any]:
        """Opens the store again (as each worker of a parallel replay does)."""
        if self.kind == "sqlite":
            path = self.folder / "events.db"
            return lambda: SqliteStore(path)
        folder = self.folder
        return lambda: reopen_postgres_store(folder)

    def close(self) -> None:
        self.raw.close()
        self.store.close()


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    made = Database.make(request.param, tmp_path)
    yield made
    made.close()


# -- corruptions ----------------------------------------------------------------------------------
def with_field(obj: dict[str, Any], key: str, fragment: bytes | None) -> bytes:
    """``obj`` as a row with ``key`` holding the JSON text ``fragment`` (None: without ``key``)."""
    rest = json.dumps({name: value for name, value in obj.items() if name != key}).encode()
    if fragment is None:
        return rest
    field = json.dumps(key).encode() + b":" + fragment
    return rest[:-1] + (b"," if rest != b"{}" else b"") + field + b"}"


_WRONG_TYPES = (b"1", b"-1", b"1.5", b"null", b"true", b"[]", b'["a"]', b"{}", b'"x"', b'""')
_ENORMOUS = (
    b"1" + b"0" * 400,
    b"18446744073709551616",
    b"-9223372036854775809",
    b"1e400",
    b"-1e400",
    b"1e-400",
    b"NaN",
    b"Infinity",
)
_ODD_UNICODE = (
    b'"\\ud800"',
    b'"x\\udfffy"',
    b'"\\udc00\\ud800"',
    b'"\xed\xa0\x80"',  # a surrogate as raw bytes, which no UTF-8 text holds
    b'"\xff\xfe"',
    b'"\\u0000"',
    b'"\xe2\x80\xae"',  # right-to-left override
    b'"\xef\xbb\xbf"',  # a byte-order mark
    b'"\\ud83d\\ude00"',  # a surrogate pair: a valid character
)
_TYPE_TAGS = ('"card"', '"match_scheduled"', '"points_deduction"', '"Goal"', '""', "null")


def nested(depth: int, core: bytes = b"1") -> bytes:
    return b"[" * depth + core + b"]" * depth


def corruptions(line: bytes) -> st.SearchStrategy[bytes]:
    """Damaged versions of the valid row ``line`` (now and then a valid row)."""
    obj = json.loads(line)
    keys = st.sampled_from(sorted(obj))
    texts = sorted(key for key, value in obj.items() if type(value) is str)
    strings = st.sampled_from(texts or ["match_id"])
    surrogates = st.characters(categories=["Cs"]).map(
        lambda char: json.dumps(char, ensure_ascii=False).encode("utf-8", "surrogatepass")
    )
    fuzz = st.randoms(use_true_random=False)
    return st.one_of(
        # not JSON
        st.builds(
            lambda cut, tail: line[:cut] + tail,
            st.integers(0, len(line) - 1),
            st.sampled_from([b"", b"}", b"{", b"\\", b'"', b",", b"nul"]),
        ),
        st.text().map(str.encode),
        # JSON that is not an object
        st.sampled_from([b"null", b"5", b'"goal"', b"true", b"[]", b"[" + line + b"]"]),
        st.just(json.dumps(list(obj.values())).encode()),
        # a field of the wrong type, missing, or added
        st.builds(
            lambda key, value: with_field(obj, key, value), keys, st.sampled_from(_WRONG_TYPES)
        ),
        keys.map(lambda key: with_field(obj, key, None)),
        st.builds(
            lambda key, value: with_field(obj, key, value),
            st.text(min_size=1).filter(lambda key: key not in obj),
            st.sampled_from([b"1", b'"x"', b"null", b"[]"]),
        ),
        # an unknown type tag, another schema version
        st.text().map(lambda tag: with_field(obj, "type", json.dumps(tag).encode())),
        st.sampled_from(_TYPE_TAGS).map(lambda tag: with_field(obj, "type", tag.encode())),
        st.one_of(
            st.integers(-2, 6).map(lambda v: str(v).encode()),
            st.sampled_from([b'"1"', b"1.0", b"true", b"null"]),
        ).map(lambda version: with_field(obj, "v", version)),
        # odd unicode in a name
        st.builds(
            lambda key, value: with_field(obj, key, value),
            strings,
            st.sampled_from(_ODD_UNICODE) | surrogates,
        ),
        # an enormous number
        st.builds(lambda key, value: with_field(obj, key, value), keys, st.sampled_from(_ENORMOUS)),
        # deep nesting, in a field or as the whole row
        st.builds(
            lambda key, depth: with_field(obj, key, nested(depth)),
            keys,
            st.sampled_from([100, 999, 1000, 1001, 5000, 100_000]),
        ),
        st.sampled_from([1000, 100_000]).map(lambda depth: nested(depth, line)),
        # the codec fuzz's mutations and broken lines
        fuzz.map(lambda rng: mutate(rng, line)),
        fuzz.map(lambda rng: broken_line(rng, [line])),
    )


# -- what the reads must give ---------------------------------------------------------------------
def verdict(stored: str | bytes) -> Any:
    """What the codec reads in the stored text: an event, or the CodecError it raises (any
    other exception is the codec's finding, and fails the test here)."""
    try:
        return loads(stored)
    except CodecError as error:
        return error


def assert_reads(read: Callable[[], Iterable[StoredEvent]], expected: list[StoredEvent]) -> None:
    """``read()`` gives ``expected``; where a row of it holds a CodecError, the read raises that
    error named by the row, after giving only events before the row."""
    bad = next((at for at, row in enumerate(expected) if isinstance(row.event, CodecError)), None)
    if bad is None:
        assert list(read()) == expected
        return
    given: list[StoredEvent] = []
    with pytest.raises(CodecError) as raised:
        given.extend(read())  # keeps what the read gave before it raised
    assert given == expected[: len(given)]
    assert len(given) <= bad
    row, error, codec_error = expected[bad], raised.value, expected[bad].event
    assert f"(position {row.position}, {row.stream} version {row.version})" in str(error)
    assert error.line == row.position
    said = (error.message, error.type_tag, error.field, error.expected, error.match_id)
    assert said == (
        codec_error.message,
        codec_error.type_tag,
        codec_error.field,
        codec_error.expected,
        codec_error.match_id,
    )


@attrs.frozen
class Rows:
    """The rows a replay of the store should see, as a store the parallel replay reads."""

    records: list[StoredEvent]

    def streams(self) -> list[str]:
        return list(dict.fromkeys(record.stream for record in self.records))

    def read(self, stream: str, from_version: int = 1) -> Iterator[StoredEvent]:
        return iter([r for r in self.records if r.stream == stream and r.version >= from_version])

    def close(self) -> None:
        pass


def replayed(open_store: Callable[[], Any]) -> object:
    """A strict parallel replay (in this process) of a store: its figures, or what stopped it."""
    try:
        result = replay_store_parallel(open_store, [RESULTS], workers=1, partitions=1)
    except ParallelReplayError as error:
        return type(error.error), error.source, error.line, error.message
    return result.states, result.per_match, result.events, result.matches


# -- the properties -------------------------------------------------------------------------------
def each_damage(test: Callable[[Database, st.DataObject], None]) -> Any:
    """A property of the stores over drawn damages (``data``: the row, the damage, and what the
    property draws itself); one store (the fixture) serves every example, cleared each time."""
    return settings(
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
    )(given(data=st.data())(test))


@attrs.frozen
class Damaged:
    """Two matches appended, then one row damaged."""

    records: list[StoredEvent]
    """The rows as appended."""
    row: StoredEvent
    """The row damaged, as appended."""
    found: Any
    """What the codec reads in the damaged row: an event or a CodecError."""
    expected: list[StoredEvent]
    """The rows as a read should give them: the damaged one holding ``found``."""


def damage_a_row(database: Database, data: st.DataObject) -> Damaged:
    database.clear()
    for stream, events in MATCHES.items():
        database.store.append(stream, events, expected_version=0)
    records = list(database.store.read_all())
    row = data.draw(st.sampled_from(records), label="row")
    damage = data.draw(corruptions(dumps(row.event).encode()), label="damage")
    as_text = data.draw(st.booleans(), label="bytes not UTF-8 stored as text")
    found = verdict(database.damage(row.position, damage, as_text=as_text))
    expected = [
        attrs.evolve(record, event=found) if record.position == row.position else record
        for record in records
    ]
    return Damaged(records, row, found, expected)


@each_damage
def test_a_damaged_row_reads_as_the_codec_reads_it_or_raises_a_codec_error_naming_it(
    database: Database, data: st.DataObject
) -> None:
    damaged = damage_a_row(database, data)
    store, records, expected = database.store, damaged.records, damaged.expected
    stream = damaged.row.stream
    other = next(name for name in MATCHES if name != stream)

    def of(name: str) -> list[StoredEvent]:
        return [record for record in expected if record.stream == name]

    from_version = data.draw(st.integers(1, len(MATCHES[stream]) + 1), label="from_version")
    from_position = data.draw(st.integers(0, len(records)), label="from_position")
    assert store.version(stream) == len(MATCHES[stream])
    assert_reads(lambda: store.read(stream), of(stream))
    assert_reads(
        lambda: store.read(stream, from_version=from_version),
        [record for record in of(stream) if record.version >= from_version],
    )
    assert_reads(lambda: store.read(other), of(other))
    assert_reads(store.read_all, expected)
    assert_reads(
        lambda: store.read_all(from_position),
        [record for record in expected if record.position > from_position],
    )
    for name, events in MATCHES.items():
        competition, season = next(filter(None, map(competition_of, events)))
        assert_reads(partial(store.read_competition, competition, season), of(name))
    assert_reads(lambda: store.subscribe(idle_timeout=0), expected)

    # The damage stays in its row: the stream takes the next version, and it reads back.
    events = MATCHES[stream]
    assert store.append(stream, events[-1:], expected_version=len(events)) == len(events) + 1
    appended = StoredEvent(len(records) + 1, stream, len(events) + 1, events[-1])
    assert list(store.read(stream, from_version=len(events) + 1)) == [appended]
    assert_reads(lambda: store.read(stream), [*of(stream), appended])
    assert_reads(lambda: store.read(other), of(other))


@each_damage
def test_a_strict_replay_of_the_store_stops_at_the_damaged_row_and_names_it(
    database: Database, data: st.DataObject
) -> None:
    damaged = damage_a_row(database, data)
    outcome = replayed(database.opener())
    if isinstance(damaged.found, CodecError):
        assert outcome[:3] == (CodecError, damaged.row.stream, damaged.row.position)
    else:
        assert outcome == replayed(lambda: Rows(damaged.expected))


def one_process(expected: list[StoredEvent]) -> ReplayResult:
    """A lenient replay in one process of the rows in the store's order, each numbered by its
    position: an unreadable row is reported as :func:`~matchevents.log.replay` reports an
    unreadable line of a file, and the replay goes on with the next row."""
    replayer = Replayer([RESULTS], per_match=[SCORE], strict=False)
    for row in expected:
        if isinstance(row.event, CodecError):
            error = row.event
            replayer.report(LogProblem(row.position, error.match_id, None, str(error)), error)
        else:
            replayer.feed(row.event, row.position)
    return replayer.result()


@each_damage
def test_a_lenient_replay_of_the_store_reports_the_damaged_row_and_replays_the_rest(
    database: Database, data: st.DataObject
) -> None:
    damaged = damage_a_row(database, data)
    row, unreadable = damaged.row, isinstance(damaged.found, CodecError)
    partitions = data.draw(st.integers(1, 3), label="partitions")
    replay = replay_store_parallel(
        database.opener(),
        [RESULTS],
        per_match=[SCORE],
        workers=1,
        partitions=partitions,
        strict=False,
    )
    # PostgreSQL gives no event of a stream while one of its rows cannot be read (it decodes
    # the stream first): the rows before the damaged one are left out, and the problem says so.
    left_out = [
        record
        for record in damaged.expected
        if unreadable
        and database.kind == "postgres"
        and record.stream == row.stream
        and record.version < row.version
    ]
    expected = one_process([record for record in damaged.expected if record not in left_out])
    got = replay.as_replay_result()
    assert (got.states, got.per_match, got.events, got.matches) == (
        expected.states,
        expected.per_match,
        expected.events,
        expected.matches,
    )
    assert [(p.line, p.match_id, p.rule, p.kind) for p in got.problems] == [
        (p.line, p.match_id, p.rule, p.kind) for p in expected.problems
    ]
    streams = {record.position: record.stream for record in damaged.records}
    assert [sourced.source for sourced in replay.problems] == [
        streams[p.line] for p in expected.problems if p.line is not None
    ]
    for said, meant in zip(got.problems, expected.problems, strict=True):
        if said.line == row.position and unreadable:
            # The codec's words, with the row named by the store, and what was left out.
            assert f"(position {row.position}, {row.stream} version {row.version})" in said.message
            assert meant.message.split(": ", 1)[-1] in said.message
            assert ("left out" in said.message) == bool(left_out)
        else:
            assert said.message == meant.message
