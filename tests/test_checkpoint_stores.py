"""The checkpoint store contract, one suite for every implementation: the SQLite and PostgreSQL
stores (checkpoints in their own database) and FileCheckpoints (a file a checkpoint, beside any
other store).

Each kind is made by a factory in :data:`KINDS`, which gives the checkpoint store and the event
store its positions refer to (holding a few events, so that positions 1 to 5 exist).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from matches import ANFIELD_ID, anfield_first_leg
from matchevents.errors import CheckpointConflictError, CheckpointError, StoreError
from matchevents.stores import MemoryStore, SqliteStore
from matchevents.stores.checkpoints import CheckpointStore, FileCheckpoints, SavedCheckpoint
from test_stores_postgres import (
    POSTGRES_DSN,
    execute,
    fresh_postgres_store,
    reopen_postgres_store,
    require_postgres,
    schema_for,
)


@attrs.frozen
class Kind:
    """How to make a checkpoint store in a folder (and reopen it), with its event store."""

    make: Callable[[Path], tuple[CheckpointStore, Any]]
    reopen: Callable[[Path], tuple[CheckpointStore, Any]]
    checks_positions: bool
    """A database checks, in the save's transaction, that it holds the event at the position."""


def _sqlite(folder: Path) -> tuple[CheckpointStore, Any]:
    store = SqliteStore(folder / "events.db")
    return store, store


def _postgres_fresh(folder: Path) -> tuple[CheckpointStore, Any]:
    store = fresh_postgres_store(folder)
    return store, store


def _postgres_reopened(folder: Path) -> tuple[CheckpointStore, Any]:
    store = reopen_postgres_store(folder)
    return store, store


def _files(folder: Path) -> tuple[CheckpointStore, Any]:
    return FileCheckpoints(folder / "checkpoints"), MemoryStore()


KINDS: dict[str, Kind] = {
    "sqlite": Kind(_sqlite, _sqlite, checks_positions=True),
    "files": Kind(_files, _files, checks_positions=False),
}
if POSTGRES_DSN:  # without a server, test_stores_postgres.py says why it skips
    KINDS["postgres"] = Kind(_postgres_fresh, _postgres_reopened, checks_positions=True)


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> Kind:
    return KINDS[request.param]


@pytest.fixture
def checkpoints(kind: Kind, tmp_path: Path) -> Iterator[CheckpointStore]:
    checkpoint_store, events = kind.make(tmp_path)
    events.append(ANFIELD_ID, anfield_first_leg()[:5])
    yield checkpoint_store
    events.close()


def test_every_kind_keeps_the_contract(checkpoints: CheckpointStore) -> None:
    assert isinstance(checkpoints, CheckpointStore)


def test_a_checkpoint_never_saved_is_none(checkpoints: CheckpointStore) -> None:
    assert checkpoints.load_checkpoint("results") is None


def test_a_saved_checkpoint_comes_back_with_its_position(checkpoints: CheckpointStore) -> None:
    checkpoints.save_checkpoint("results", 3, '{"state": "é"}', expected_position=0)
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert (saved.name, saved.position, saved.data) == ("results", 3, '{"state": "é"}')


def test_a_save_replaces_the_checkpoint_it_expects(checkpoints: CheckpointStore) -> None:
    checkpoints.save_checkpoint("results", 2, "two", expected_position=0)
    checkpoints.save_checkpoint("results", 5, "five", expected_position=2)
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert (saved.position, saved.data) == (5, "five")


def test_a_save_expecting_another_position_is_a_conflict_and_saves_nothing(
    checkpoints: CheckpointStore,
) -> None:
    checkpoints.save_checkpoint("results", 2, "two", expected_position=0)
    with pytest.raises(CheckpointConflictError) as raised:
        checkpoints.save_checkpoint("results", 5, "five", expected_position=0)
    assert (raised.value.expected_position, raised.value.actual_position) == (0, 2)
    assert "two runners" in str(raised.value)
    with pytest.raises(CheckpointConflictError):
        checkpoints.save_checkpoint("results", 5, "five", expected_position=3)
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert (saved.position, saved.data) == (2, "two")


def test_a_first_save_expecting_a_checkpoint_is_a_conflict(checkpoints: CheckpointStore) -> None:
    with pytest.raises(CheckpointConflictError):
        checkpoints.save_checkpoint("results", 2, "two", expected_position=1)
    assert checkpoints.load_checkpoint("results") is None


def test_checkpoints_of_different_names_are_independent(checkpoints: CheckpointStore) -> None:
    checkpoints.save_checkpoint("results", 2, "results at 2", expected_position=0)
    checkpoints.save_checkpoint("tables: Premier League/2023-24", 4, "t", expected_position=0)
    checkpoints.delete_checkpoint("results")
    assert checkpoints.load_checkpoint("results") is None
    other = checkpoints.load_checkpoint("tables: Premier League/2023-24")
    assert other is not None
    assert (other.position, other.data) == (4, "t")


def test_deleting_forgets_the_checkpoint_and_is_harmless_twice(
    checkpoints: CheckpointStore,
) -> None:
    checkpoints.save_checkpoint("results", 2, "two", expected_position=0)
    checkpoints.delete_checkpoint("results")
    checkpoints.delete_checkpoint("results")
    assert checkpoints.load_checkpoint("results") is None
    checkpoints.save_checkpoint("results", 1, "one", expected_position=0)


def test_an_empty_name_is_refused(checkpoints: CheckpointStore) -> None:
    with pytest.raises(StoreError, match="checkpoint name"):
        checkpoints.save_checkpoint("", 1, "x", expected_position=0)


def test_of_savers_expecting_one_position_exactly_one_wins(checkpoints: CheckpointStore) -> None:
    checkpoints.save_checkpoint("results", 1, "one", expected_position=0)
    outcomes: list[str] = []

    def save(position: int) -> None:
        try:
            checkpoints.save_checkpoint("results", position, f"at {position}", expected_position=1)
            outcomes.append(f"at {position}")
        except CheckpointConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(position,)) for position in (2, 3, 4, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [outcome for outcome in outcomes if outcome != "conflict"]
    assert len(won) == 1
    assert outcomes.count("conflict") == 3
    saved = checkpoints.load_checkpoint("results")
    assert saved is not None
    assert saved.data == won[0]


def test_checkpoints_survive_a_reopen(kind: Kind, tmp_path: Path) -> None:
    checkpoint_store, events = kind.make(tmp_path)
    events.append(ANFIELD_ID, anfield_first_leg()[:5])
    checkpoint_store.save_checkpoint("results", 4, "four", expected_position=0)
    events.close()
    reopened, events = kind.reopen(tmp_path)
    try:
        saved = reopened.load_checkpoint("results")
        assert saved is not None
        assert (saved.position, saved.data) == (4, "four")
    finally:
        events.close()


@pytest.mark.parametrize(
    "database", [name for name, kind in KINDS.items() if kind.checks_positions]
)
def test_a_database_refuses_a_checkpoint_beyond_its_events(database: str, tmp_path: Path) -> None:
    """(A checkpoint file is checked against the store by the runner, when it loads it.)"""
    checkpoints, events = KINDS[database].make(tmp_path)
    events.append(ANFIELD_ID, anfield_first_leg()[:5])
    with pytest.raises(StoreError, match="position 6, which the store does not hold"):
        checkpoints.save_checkpoint("results", 6, "six", expected_position=0)
    assert checkpoints.load_checkpoint("results") is None
    events.close()


# -- what only one kind has -----------------------------------------------------------------------
def test_a_checkpoint_name_is_one_safe_file_name(tmp_path: Path) -> None:
    files = FileCheckpoints(tmp_path / "checkpoints")
    files.save_checkpoint("../../escape", 1, "x", expected_position=0)
    names = {path.name for path in (tmp_path / "checkpoints").iterdir()}
    assert "..%2F..%2Fescape.checkpoint" in names
    assert not (tmp_path.parent / "escape.checkpoint").exists()


def test_a_damaged_checkpoint_file_says_to_rebuild(tmp_path: Path) -> None:
    files = FileCheckpoints(tmp_path)
    (tmp_path / "results.checkpoint").write_text("not a checkpoint\n{}")
    with pytest.raises(CheckpointError, match=r"damaged or not a checkpoint.*rebuild"):
        files.load_checkpoint("results")


def test_a_store_of_an_earlier_release_gains_the_checkpoints_table(tmp_path: Path) -> None:
    import sqlite3

    with SqliteStore(tmp_path / "events.db") as store:
        store.append(ANFIELD_ID, anfield_first_leg()[:2])
    with sqlite3.connect(tmp_path / "events.db") as connection:
        connection.execute("DROP TABLE IF EXISTS checkpoints")
    with SqliteStore(tmp_path / "events.db") as store:
        assert store.load_checkpoint("results") is None
        store.save_checkpoint("results", 2, "two", expected_position=0)
        assert len(list(store.read_all())) == 2
        assert store.load_checkpoint("results") == SavedCheckpoint("results", 2, "two")


def test_a_read_only_store_of_an_earlier_release_opens_and_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    with SqliteStore(tmp_path / "events.db") as store:
        store.append(ANFIELD_ID, anfield_first_leg()[:2])
    with sqlite3.connect(tmp_path / "events.db") as connection:
        connection.execute("DROP TABLE IF EXISTS checkpoints")  # as a release before them made it
    connect = sqlite3.connect

    def read_only(path: Any, **options: Any) -> sqlite3.Connection:  # a file it may not write
        return connect(f"file:{path}?mode=ro", uri=True, **options)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with SqliteStore(tmp_path / "events.db") as store:
        assert len(list(store.read_all())) == 2
        assert store.load_checkpoint("results") is None
        store.delete_checkpoint("results")
        with pytest.raises(StoreError, match="nothing saved"):
            store.save_checkpoint("results", 2, "two", expected_position=0)


def test_postgres_tables_of_version_1_are_upgraded_to_keep_checkpoints(tmp_path: Path) -> None:
    require_postgres()
    from matchevents.stores.postgres import SCHEMA_VERSION, PostgresStore

    store = fresh_postgres_store(tmp_path)
    store.append(ANFIELD_ID, anfield_first_leg()[:2])
    store.close()
    schema = schema_for(tmp_path)
    execute(f'DROP TABLE "{schema}".checkpoints')
    execute(f'UPDATE "{schema}".schema_version SET version = 1')
    with pytest.raises(StoreError, match="schema version 1, this release needs 2"):
        PostgresStore(POSTGRES_DSN, schema=schema)
    with PostgresStore(POSTGRES_DSN, schema=schema, migrate=True) as upgraded:
        assert upgraded.schema_version() == SCHEMA_VERSION == 2
        upgraded.save_checkpoint("results", 2, "two", expected_position=0)
        assert len(list(upgraded.read_all())) == 2
