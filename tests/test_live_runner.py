"""The runner: read models resumed from their checkpoints, caught up and followed, on every store.

The rule every test comes back to: whatever happened (restarts, crashes, checkpoints, writers
appending meanwhile), a model's state equals a fresh fold of the store's events up to the position
the runner says it has folded.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matches import anfield_first_leg, bergamo_second_leg, istanbul_final
from matchevents.competitions.results import RESULTS, ResultsState
from matchevents.errors import CheckpointConflictError, CheckpointError
from matchevents.events import Event
from matchevents.live import RESULTS_MODEL, ReadModel, Runner, checkpoints_for
from matchevents.projections import SCORE, fold
from matchevents.projections.score import ScoreState
from matchevents.stores import EventStore, JsonlStore, MemoryStore, SqliteStore
from matchevents.stores.checkpoints import CheckpointStore, FileCheckpoints
from matchevents.testing import matches
from test_stores_postgres import AVAILABLE, POSTGRES_DSN, fresh_postgres_store

Made = tuple[EventStore, CheckpointStore]


def _memory(folder: Path) -> Made:
    return MemoryStore(), FileCheckpoints(folder / "checkpoints")


def _jsonl(folder: Path) -> Made:
    store = JsonlStore(folder / "events.jsonl")
    return store, checkpoints_for(store)


def _sqlite(folder: Path) -> Made:
    store = SqliteStore(folder / "events.db")
    return store, store


def _postgres(folder: Path) -> Made:
    store = fresh_postgres_store(folder)
    return store, store


STORES: dict[str, Callable[[Path], Made]] = {
    "memory": _memory,
    "jsonl": _jsonl,
    "sqlite": _sqlite,
}
if POSTGRES_DSN:  # without a server, test_stores_postgres.py says why it skips
    STORES["postgres"] = _postgres


@pytest.fixture(params=list(STORES))
def made(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Made]:
    store, checkpoints = STORES[request.param](tmp_path)
    yield store, checkpoints
    store.close()


def append_all(store: EventStore, events: Sequence[Any]) -> None:
    for event in events:
        store.append(event.match_id, [event])


def replay(store: EventStore, up_to: int | None = None) -> ResultsState:
    """A fresh fold of the store's events (up to a position)."""
    return fold(
        RESULTS,
        (s.event for s in store.read_all() if up_to is None or s.position <= up_to),
    )


THREE_MATCHES = [*anfield_first_leg(), *bergamo_second_leg(), *istanbul_final()]


# -- resuming -------------------------------------------------------------------------------------
def test_a_runner_resumed_from_its_checkpoint_folds_only_the_later_events(made: Made) -> None:
    store, checkpoints = made
    append_all(store, THREE_MATCHES[:30])
    first = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    assert [s.how for s in first.start()] == ["new"]
    assert first.catch_up() == 30
    assert first.checkpoint() == 1
    append_all(store, THREE_MATCHES[30:])
    second = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    assert [(s.how, s.position) for s in second.start()] == [("resumed", 30)]
    assert second.catch_up() == len(THREE_MATCHES) - 30
    assert second.state("results") == replay(store)
    assert second.position == len(THREE_MATCHES)


def test_a_checkpoint_is_saved_every_n_events(made: Made) -> None:
    store, checkpoints = made
    append_all(store, THREE_MATCHES[:25])
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, every=10, interval=None)
    runner.catch_up()
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert saved.position == 20  # at 10 and 20; the last 5 wait for the next checkpoint
    assert runner.position == 25


def test_a_checkpoint_is_saved_when_its_interval_has_passed(made: Made) -> None:
    store, checkpoints = made
    append_all(store, THREE_MATCHES[:12])
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, interval=0.0)
    runner.catch_up()
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert saved.position == 12


def test_nothing_is_saved_before_anything_is_folded(made: Made) -> None:
    store, checkpoints = made
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, interval=0.0)
    assert runner.catch_up() == 0
    assert runner.checkpoint() == 0
    assert checkpoints.load_checkpoint("results") is None


# -- rebuilding -----------------------------------------------------------------------------------
def saved_at(store: EventStore, checkpoints: CheckpointStore, count: int) -> None:
    """The results model checkpointed after the first ``count`` events of the three matches."""
    append_all(store, THREE_MATCHES[:count])
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    runner.catch_up()
    runner.checkpoint()


def test_a_checkpoint_of_another_version_of_the_fold_is_rebuilt_from_the_start(made: Made) -> None:
    store, checkpoints = made
    saved_at(store, checkpoints, 20)
    changed = attrs.evolve(RESULTS_MODEL, version=2)
    runner = Runner(store, [changed], checkpoints=checkpoints)
    [started] = runner.start()
    assert (started.how, started.position) == ("stale", 0)
    assert "version is 2, not 1" in started.detail
    assert runner.catch_up() == 20
    runner.checkpoint()
    assert Runner(store, [changed], checkpoints=checkpoints).start()[0].how == "resumed"


def test_a_required_checkpoint_that_is_missing_or_stale_is_an_error(made: Made) -> None:
    store, checkpoints = made
    with pytest.raises(CheckpointError, match="no checkpoint 'results'"):
        Runner(store, [RESULTS_MODEL], checkpoints=checkpoints).start(require_checkpoint=True)
    saved_at(store, checkpoints, 20)
    changed = attrs.evolve(RESULTS_MODEL, version=2)
    with pytest.raises(CheckpointError, match=r"stale .*rebuild"):
        Runner(store, [changed], checkpoints=checkpoints).start(require_checkpoint=True)


def test_a_rebuild_forgets_the_checkpoint_and_folds_everything_again(made: Made) -> None:
    store, checkpoints = made
    saved_at(store, checkpoints, 20)
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    assert [s.how for s in runner.start(rebuild=True)] == ["rebuilt"]
    assert checkpoints.load_checkpoint("results") is None
    assert runner.catch_up() == 20
    assert runner.state("results") == replay(store)


def test_a_checkpoint_of_another_store_is_refused(tmp_path: Path) -> None:
    checkpoints = FileCheckpoints(tmp_path)
    with MemoryStore() as store:
        saved_at(store, checkpoints, 20)
    with MemoryStore() as other:
        append_all(other, [*istanbul_final(), *anfield_first_leg()])
        runner = Runner(other, [RESULTS_MODEL], checkpoints=checkpoints)
        with pytest.raises(CheckpointError, match=r"another store.*rebuild it"):
            runner.start()
        assert [s.how for s in runner.start(rebuild=True)] == ["rebuilt"]


def test_two_runners_of_one_model_cannot_both_advance_it(made: Made) -> None:
    store, checkpoints = made
    saved_at(store, checkpoints, 10)
    append_all(store, THREE_MATCHES[10:20])
    first = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    second = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    first.catch_up()
    second.catch_up()
    first.checkpoint()
    with pytest.raises(CheckpointConflictError):
        second.checkpoint()


# -- several models -------------------------------------------------------------------------------
SCORE_MODEL: ReadModel[ScoreState] = ReadModel("score", SCORE, ScoreState)


def test_models_resumed_from_different_positions_fold_each_event_once(tmp_path: Path) -> None:
    """A score model (one match's events) checkpointed at 3 and the results model at 6: one
    read of the log from 3 folds events 4 to 6 into the score model alone."""
    store = MemoryStore()
    events = anfield_first_leg()
    append_all(store, events[:3])
    checkpoints = FileCheckpoints(tmp_path)
    early = Runner(store, [SCORE_MODEL], checkpoints=checkpoints)
    early.catch_up()
    early.checkpoint()
    append_all(store, events[3:6])
    saved_at(store, checkpoints, 0)  # the results model catches up to 6 alone
    append_all(store, events[6:])
    runner = Runner(store, [SCORE_MODEL, RESULTS_MODEL], checkpoints=checkpoints)
    assert [(s.model, s.position) for s in runner.start()] == [("score", 3), ("results", 6)]
    assert runner.position == 3
    runner.catch_up()
    assert runner.state("score") == fold(SCORE, events)
    assert runner.state("results") == fold(RESULTS, events)
    assert runner.position_of("score") == runner.position_of("results") == len(events)


# -- restarts and crashes, any order --------------------------------------------------------------
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("append"), st.integers(1, 8)),
        st.tuples(st.just("step"), st.integers(1, 12)),
        st.tuples(st.just("checkpoint"), st.just(0)),
        st.tuples(st.just("restart"), st.just(0)),  # checkpoint, then a new runner
        st.tuples(st.just("crash"), st.just(0)),  # a new runner, nothing saved
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=20)
@given(
    st.lists(matches(), min_size=1, max_size=3), OPERATIONS, st.sampled_from(["memory", "sqlite"])
)
def test_after_any_restarts_and_crashes_the_state_is_a_replay_up_to_the_position(
    played: list[tuple[Event, ...]], operations: list[tuple[str, int]], kind: str
) -> None:
    feed = [
        attrs.evolve(event, match_id=f"m{number}")
        for number, match in enumerate(played)
        for event in match
    ]
    with tempfile.TemporaryDirectory() as folder:
        store, checkpoints = STORES[kind](Path(folder))
        try:
            runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, interval=None)
            appended = 0
            for operation, count in operations:
                if operation == "append":
                    append_all(store, feed[appended : appended + count])
                    appended = min(len(feed), appended + count)
                elif operation == "step":
                    runner.step(count)
                elif operation == "checkpoint":
                    runner.checkpoint()
                else:
                    if operation == "restart":
                        runner.checkpoint()
                    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
                assert runner.state("results") == replay(store, runner.position)
            runner.catch_up()
            assert runner.state("results") == replay(store)
        finally:
            store.close()


# -- following ------------------------------------------------------------------------------------
def test_following_folds_appends_made_meanwhile_and_calls_back_once_they_are_in(
    made: Made,
) -> None:
    store, checkpoints = made
    append_all(store, THREE_MATCHES[:10])
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints)
    seen: list[int] = []
    writer = threading.Thread(target=lambda: append_all(store, THREE_MATCHES[10:]))

    def changed() -> None:
        seen.append(runner.position)
        if len(seen) == 1:
            writer.start()

    runner.follow(changed, idle_timeout=0.5, settle=0.05)
    writer.join()
    assert seen[0] == 10
    assert seen[-1] == len(THREE_MATCHES)
    assert runner.state("results") == replay(store)
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert saved.position == len(THREE_MATCHES)  # following ends with a checkpoint


def test_a_signal_stops_following_at_once_and_the_runner_checkpoints(made: Made) -> None:
    store, checkpoints = made
    append_all(store, THREE_MATCHES[:10])
    runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, interval=None)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    started = time.monotonic()
    with runner.stop_on_signals():
        timer.start()
        runner.follow(wake=60)
    assert time.monotonic() - started < 30  # not the minute it would wait for the store
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert saved.position == 10
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


WRITERS = 3


@settings(max_examples=4)
@given(
    st.lists(matches(), min_size=WRITERS, max_size=WRITERS),
    st.sampled_from([kind for kind in ("sqlite", "postgres") if kind in AVAILABLE]),
)
def test_with_writers_appending_the_followed_state_is_always_a_replay_up_to_its_position(
    played: list[tuple[Event, ...]], kind: str
) -> None:
    """Writer threads, each on a store connection of its own, append a match each, event by
    event, while the runner follows: after every event it folds, its state equals a fresh fold
    of the store up to its position, and at the end, of the whole store."""
    with tempfile.TemporaryDirectory() as folder:
        store, checkpoints = STORES[kind](Path(folder))
        reopen = _reopened_sqlite if kind == "sqlite" else _reopened_postgres
        writers = [reopen(Path(folder)) for _ in range(WRITERS)]
        try:
            runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, every=3)
            checked: list[int] = []

            def check() -> None:  # with settle=0, after every event folded
                assert runner.state("results") == replay(store, runner.position)
                checked.append(runner.position)

            threads = [
                threading.Thread(
                    target=append_all,
                    args=(writer, [attrs.evolve(e, match_id=f"m{n}") for e in match]),
                )
                for n, (writer, match) in enumerate(zip(writers, played, strict=True))
            ]
            for thread in threads:
                thread.start()
            runner.follow(check, idle_timeout=0.3, settle=0)
            for thread in threads:
                thread.join()
            runner.catch_up()
            assert runner.state("results") == replay(store)
            assert checked
        finally:
            for writer in writers:
                writer.close()
            store.close()


def _reopened_sqlite(folder: Path) -> EventStore:
    return SqliteStore(folder / "events.db")


def _reopened_postgres(folder: Path) -> EventStore:
    from test_stores_postgres import reopen_postgres_store

    store: EventStore = reopen_postgres_store(folder)
    return store
