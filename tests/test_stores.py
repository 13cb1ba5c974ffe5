"""The store contract, one suite for every store.

Each store is made by a factory in :data:`STORES`; a store that keeps events on disk also says how
to reopen it, and the suite then checks that everything survives a reopen. A new store (PostgreSQL,
...) joins by adding its factory.
"""

from __future__ import annotations

import random
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matches import (
    ANFIELD_ID,
    BERGAMO_ID,
    ISTANBUL_ID,
    anfield_first_leg,
    bergamo_second_leg,
    istanbul_final,
)
from matchevents import ConcurrencyError, Event, Goal, MatchClock, Side, Timeline
from matchevents.codec import CodecError
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import StoreError
from matchevents.stores import (
    EventStore,
    JsonlStore,
    MemoryStore,
    SqliteStore,
    StoredEvent,
    load_timeline,
    stream_of,
)
from matchevents.testing import matches
from test_stores_postgres import POSTGRES_DSN, fresh_postgres_store, reopen_postgres_store


@attrs.frozen
class StoreKind:
    """How to make a store in a folder, and how to reopen it (None: it keeps nothing)."""

    make: Callable[[Path], EventStore]
    reopen: Callable[[Path], EventStore] | None


STORES: dict[str, StoreKind] = {
    "memory": StoreKind(lambda folder: MemoryStore(), None),
    "jsonl": StoreKind(
        lambda folder: JsonlStore(folder / "events.jsonl"),
        lambda folder: JsonlStore(folder / "events.jsonl"),
    ),
    "sqlite": StoreKind(
        lambda folder: SqliteStore(folder / "events.db"),
        lambda folder: SqliteStore(folder / "events.db"),
    ),
}
"""Every store held to the contract."""
if POSTGRES_DSN:  # set by .ci/run; without it, test_stores_postgres.py says why it skips
    STORES["postgres"] = StoreKind(fresh_postgres_store, reopen_postgres_store)


@pytest.fixture(params=list(STORES))
def kind(request: pytest.FixtureRequest) -> StoreKind:
    return STORES[request.param]


@pytest.fixture
def store(kind: StoreKind, tmp_path: Path) -> Iterator[EventStore]:
    made = kind.make(tmp_path)
    yield made
    made.close()


def events_of(records: Iterator[StoredEvent]) -> list[Any]:
    return [record.event for record in records]


EVERTON = PointsDeduction(
    competition="Premier League", season="2023-24", team="Everton", points=10, on=date(2023, 11, 17)
)


# -- appending and reading a stream ---------------------------------------------------------------
def test_a_new_store_is_empty(store: EventStore) -> None:
    assert store.version(ANFIELD_ID) == 0
    assert list(store.read(ANFIELD_ID)) == []
    assert list(store.read_all()) == []
    assert store.streams() == []


def test_append_returns_the_new_version_and_read_gives_the_stream_back(store: EventStore) -> None:
    events = anfield_first_leg()
    assert store.append(ANFIELD_ID, events[:3], expected_version=0) == 3
    assert store.append(ANFIELD_ID, events[3:], expected_version=3) == len(events)
    records = list(store.read(ANFIELD_ID))
    assert [record.event for record in records] == events
    assert [record.version for record in records] == list(range(1, len(events) + 1))
    assert {record.stream for record in records} == {ANFIELD_ID}
    assert store.version(ANFIELD_ID) == len(events)
    assert events_of(store.read(ANFIELD_ID, from_version=4)) == events[3:]


def test_append_without_an_expected_version_appends_at_the_end(store: EventStore) -> None:
    events = anfield_first_leg()
    store.append(ANFIELD_ID, events[:2])
    assert store.append(ANFIELD_ID, events[2:]) == len(events)


def test_an_empty_append_changes_nothing(store: EventStore) -> None:
    store.append(ANFIELD_ID, anfield_first_leg()[:2])
    assert store.append(ANFIELD_ID, [], expected_version=2) == 2
    assert len(list(store.read_all())) == 2


def test_a_stale_expected_version_is_a_concurrency_error_and_stores_nothing(
    store: EventStore,
) -> None:
    events = anfield_first_leg()
    store.append(ANFIELD_ID, events[:2], expected_version=0)
    with pytest.raises(ConcurrencyError) as raised:
        store.append(ANFIELD_ID, events[2:4], expected_version=1)
    assert (raised.value.match_id, raised.value.expected_version) == (ANFIELD_ID, 1)
    assert raised.value.actual_version == 2
    with pytest.raises(ConcurrencyError):
        store.append(ANFIELD_ID, events[2:4], expected_version=0)
    assert events_of(store.read(ANFIELD_ID)) == events[:2]


def test_an_event_of_another_stream_is_refused_with_its_batch(store: EventStore) -> None:
    stray = bergamo_second_leg()[0]
    with pytest.raises(StoreError, match=f"belongs to stream '{BERGAMO_ID}'"):
        store.append(ANFIELD_ID, [*anfield_first_leg()[:2], stray])
    assert list(store.read_all()) == []


def test_an_event_the_codec_does_not_know_is_refused_with_its_batch(store: EventStore) -> None:
    @attrs.frozen
    class Unknown:
        match_id: str

    with pytest.raises(CodecError):
        store.append(ANFIELD_ID, [anfield_first_leg()[0], Unknown(match_id=ANFIELD_ID)])
    assert list(store.read_all()) == []


def test_events_are_stored_exactly(store: EventStore) -> None:
    """Nothing is lost on the way: time zones' offsets, accents, the format, the clock."""
    for events in (anfield_first_leg(), bergamo_second_leg(), istanbul_final()):
        store.append(events[0].match_id, events, expected_version=0)
        assert events_of(store.read(events[0].match_id)) == events


# -- the global order -----------------------------------------------------------------------------
def interleave(store: EventStore, seed: int) -> list[Event]:
    """Append the three real matches interleaved, in batches of one to three; returns the order."""
    rng = random.Random(seed)
    queues = [anfield_first_leg(), bergamo_second_leg(), istanbul_final()]
    order: list[Event] = []
    while queues:
        queue = rng.choice(queues)
        batch = [queue.pop(0) for _ in range(min(rng.randint(1, 3), len(queue)))]
        stream = batch[0].match_id
        store.append(stream, batch, expected_version=store.version(stream))
        order += batch
        if not queue:
            queues.remove(queue)
    return order


def test_read_all_gives_every_event_in_the_order_appended(store: EventStore) -> None:
    order = interleave(store, seed=5)
    records = list(store.read_all())
    assert [record.event for record in records] == order
    positions = [record.position for record in records]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)
    assert store.streams() == list(dict.fromkeys(stream_of(event) for event in order))


def test_a_catch_up_reader_continues_from_the_last_position_it_saw(store: EventStore) -> None:
    order = interleave(store, seed=7)
    seen = list(store.read_all())[:10]
    rest = list(store.read_all(from_position=seen[-1].position))
    assert [record.event for record in seen + rest] == order
    more = istanbul_final()
    late_stream = "ucl-replay"
    renamed = [attrs.evolve(event, match_id=late_stream) for event in more]
    store.append(late_stream, renamed)
    after = list(store.read_all(from_position=(seen + rest)[-1].position))
    assert [record.event for record in after] == renamed


def test_reading_by_competition_and_season(store: EventStore) -> None:
    order = interleave(store, seed=11)
    store.append(stream_of(EVERTON), [EVERTON])
    europa = events_of(store.read_competition("UEFA Europa League"))
    assert europa == [event for event in order if event.match_id in (ANFIELD_ID, BERGAMO_ID)]
    assert events_of(store.read_competition("UEFA Europa League", "2004-05")) == []
    final = events_of(store.read_competition("UEFA Champions League", "2004-05"))
    assert final == istanbul_final()
    assert events_of(store.read_competition("Premier League", "2023-24")) == [EVERTON]
    first_five = list(store.read_competition("UEFA Europa League"))[:5]
    later = events_of(
        store.read_competition("UEFA Europa League", from_position=first_five[-1].position)
    )
    assert [record.event for record in first_five] + later == europa


def test_a_competition_level_event_has_its_own_stream(store: EventStore) -> None:
    stream = stream_of(EVERTON)
    assert stream == "competition:Premier League:2023-24"
    assert store.append(stream, [EVERTON], expected_version=0) == 1
    assert events_of(store.read(stream)) == [EVERTON]


# -- the intended flow ----------------------------------------------------------------------------
def test_load_validate_then_append_with_the_expected_version(store: EventStore) -> None:
    events = anfield_first_leg()
    store.append(ANFIELD_ID, events[:-1], expected_version=0)
    timeline = load_timeline(store, ANFIELD_ID)
    version = timeline.append(events[-1])
    assert store.append(ANFIELD_ID, [events[-1]], expected_version=version - 1) == version
    # A second writer that loaded before that append is refused.
    stale = Timeline(ANFIELD_ID)
    stale.extend(events[:-1])
    late_goal = Goal(match_id=ANFIELD_ID, side=Side.HOME, scorer="Salah", at=MatchClock(88))
    stale_version = stale.append(late_goal)
    with pytest.raises(ConcurrencyError):
        store.append(ANFIELD_ID, [late_goal], expected_version=stale_version - 1)


def test_writers_in_threads_never_leave_a_gap(store: EventStore) -> None:
    events = istanbul_final()
    store.append(ISTANBUL_ID, events[:1], expected_version=0)
    wins: list[int] = []
    losses: list[int] = []

    def writer() -> None:
        for _ in range(30):
            current = store.version(ISTANBUL_ID)
            if current >= len(events):
                return
            try:
                store.append(ISTANBUL_ID, [events[current]], expected_version=current)
                wins.append(current + 1)
            except ConcurrencyError:
                losses.append(current)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == list(range(2, len(events) + 1))
    assert events_of(store.read(ISTANBUL_ID)) == events


# -- durability -----------------------------------------------------------------------------------
def test_everything_survives_a_reopen(kind: StoreKind, tmp_path: Path) -> None:
    if kind.reopen is None:
        pytest.skip("this store keeps nothing between runs")
    first = kind.make(tmp_path)
    order = interleave(first, seed=3)
    first.append(stream_of(EVERTON), [EVERTON])
    before = list(first.read_all())
    first.close()
    reopened = kind.reopen(tmp_path)
    try:
        assert list(reopened.read_all()) == before
        assert [record.event for record in before] == [*order, EVERTON]
        assert reopened.version(ISTANBUL_ID) == len(istanbul_final())
        assert events_of(reopened.read_competition("Premier League")) == [EVERTON]
        assert reopened.append(ANFIELD_ID, [], expected_version=len(anfield_first_leg()))
    finally:
        reopened.close()


@settings(max_examples=15)
@given(
    st.lists(matches(), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
    st.sampled_from(list(STORES)),
)
def test_generated_matches_come_back_whole_and_in_order(
    played: list[tuple[Event, ...]], rng: random.Random, kind_name: str
) -> None:
    streams = {f"m{number}": list(events) for number, events in enumerate(played)}
    renamed = {
        stream: [attrs.evolve(event, match_id=stream) for event in events]
        for stream, events in streams.items()
    }
    with tempfile.TemporaryDirectory() as folder:
        store = STORES[kind_name].make(Path(folder))
        try:
            queues = {stream: list(events) for stream, events in renamed.items() if events}
            order: list[Event] = []
            while queues:
                stream = rng.choice(sorted(queues))
                queue = queues[stream]
                batch = [queue.pop(0) for _ in range(min(rng.randint(1, 4), len(queue)))]
                store.append(stream, batch, expected_version=store.version(stream))
                order += batch
                if not queue:
                    del queues[stream]
            assert events_of(store.read_all()) == order
            for stream, events in renamed.items():
                assert events_of(store.read(stream)) == events
                assert list(load_timeline(store, stream).events) == events
        finally:
            store.close()
