"""Kill a runner folding a large store with SIGKILL at random moments: after every kill, its
checkpoint is a state equal to a fresh replay of the store up to the checkpoint's position (no
event lost, none counted twice), and the run it resumes ends equal to a replay of the whole store.

Each trial starts a worker process (``--worker``) that resumes the results read model from its
checkpoint and catches up, checkpointing every ``--every`` events, and kills it at a random
moment of the time an uninterrupted run folds for (saves included: at the default sizes a good
part of the run is spent saving, so kills land inside saves too). The trials follow one another
on the same store and checkpoint, so each one resumes from what the kill before left; a worker
that finishes before its kill is asked to rebuild next time, so that kills land anywhere in the
store; trials go on until ``--kills`` workers were killed.
After each trial the parent loads the checkpoint and compares its state with a fold of the
store's events up to its position; at the end, one uninterrupted run must equal a replay of the
whole store::

    python scripts/kill_runner.py                          # 30 kills a store, 200k events
    python scripts/kill_runner.py --kinds sqlite --kills 5 --events 20000

Stores (``--kinds``): ``sqlite`` and ``postgres`` keep the checkpoint in their database (exactly
once: one transaction); ``jsonl`` and ``memory`` (a MemoryStore filled from a log by the worker)
keep it in a file replaced atomically (``docs/how-to/run-a-live-table.md`` says what that
guarantees). ``postgres`` needs ``MATCHEVENTS_POSTGRES_DSN`` and is left out without it. The
events come from ``benchmarks/generate.py`` (four leagues, 40 matches at a time). Exit status 1 if
any trial left a checkpoint that is not a replay up to its position, or the final state differs.
``tests/test_live_kill.py`` runs a few trials of the same functions in the suite.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from matchevents.codec import default_codec
from matchevents.competitions.results import RESULTS
from matchevents.errors import CheckpointError
from matchevents.live import (
    RESULTS_MODEL,
    Checkpoint,
    Runner,
    checkpoints_for,
    decode_checkpoint,
)
from matchevents.log import read_log, write_log
from matchevents.projections import fold
from matchevents.stores import EventStore, JsonlStore, MemoryStore, SqliteStore, stream_of
from matchevents.stores.checkpoints import CheckpointStore, FileCheckpoints

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("sqlite", "postgres", "jsonl", "memory")
EVENTS_PER_MATCH = 23  # about, in benchmarks/generate.py


@attrs.define
class Setup:
    """A store of generated events and where its checkpoint goes; the events in store order; how
    long an uninterrupted run takes."""

    kind: str
    folder: Path
    location: str
    events: list[Any]
    every: int
    run_seconds: float = 0.0


@attrs.frozen
class Trial:
    """What one trial left: ``killed`` or ``finished``; the checkpoint's position (0: none);
    ``outcome``: ``replay`` (the checkpoint equals a replay up to its position), ``none`` (no
    checkpoint yet), or what was wrong."""

    ended: str
    position: int
    outcome: str


# -- the store ------------------------------------------------------------------------------------
def generated(events: int, seed: int = 2024) -> list[Any]:
    """About ``events`` events of whole generated matches (a live feed's order)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # benchmarks.generate, run from anywhere
    from benchmarks.generate import events as generate

    return list(generate(max(1, events // EVENTS_PER_MATCH), seed))


def batches(events: Sequence[Any], window: int = 200) -> Iterator[tuple[str, list[Any]]]:
    """The events as appends: within each window of the feed, each stream's events in one batch
    (a feed delivering 40 matches at once, in far fewer appends than events)."""
    for start in range(0, len(events), window):
        part = events[start : start + window]
        streams: dict[str, list[Any]] = {}
        for event in part:
            streams.setdefault(stream_of(event), []).append(event)
        yield from streams.items()


def open_store(kind: str, location: str) -> tuple[EventStore, CheckpointStore]:
    """The store a worker (or the parent) opens, and where its checkpoints are."""
    if kind == "sqlite":
        sqlite = SqliteStore(location)
        return sqlite, sqlite
    if kind == "postgres":
        from matchevents.stores.postgres import PostgresStore

        dsn, schema = location.rsplit("#", 1)
        postgres = PostgresStore(dsn, schema=schema)
        return postgres, postgres
    if kind == "jsonl":
        jsonl = JsonlStore(location)
        return jsonl, checkpoints_for(jsonl)
    memory = MemoryStore()
    for event in read_log(location):
        memory.append(stream_of(event), [event])
    return memory, FileCheckpoints(f"{location}.checkpoints")


def prepare(
    folder: Path,
    kind: str,
    *,
    events: int,
    every: int,
    seed: int = 2024,
    window: int = 200,
    run_seconds: float | None = None,
) -> Setup:
    """A store of ``kind`` holding about ``events`` generated events, in ``folder`` (appended
    a stream's events of each ``window`` of the feed at a time); the time an uninterrupted run
    folds for measured, unless given."""
    folder.mkdir(parents=True, exist_ok=True)
    feed = generated(events, seed)
    if kind == "postgres":
        from matchevents.stores.postgres import PostgresStore

        dsn = os.environ.get("MATCHEVENTS_POSTGRES_DSN", "")
        schema = f"kill_runner_{os.getpid()}_{random.randrange(1 << 30)}"
        location = f"{dsn}#{schema}"
        PostgresStore(dsn, schema=schema, migrate=True).close()
    elif kind in ("jsonl", "memory"):
        location = str(folder / f"{kind}.jsonl")
        write_log(location, (event for _, batch in batches(feed, window) for event in batch))
    else:
        location = str(folder / "events.db")
    store, _ = open_store(kind, location)
    try:
        if kind in ("sqlite", "postgres"):
            for stream, batch in batches(feed, window):
                store.append(stream, batch)
        ordered = [stored.event for stored in store.read_all()]
    finally:
        store.close()
    setup = Setup(kind, folder, location, ordered, every)
    setup.run_seconds = run_seconds or _folding(worker(setup, rebuild=True))
    return setup


def _folding(process: subprocess.Popen[bytes]) -> float:
    """Wait for a worker to start folding, then for it to end; returns how long it folded."""
    assert process.stdout is not None
    process.stdout.readline()
    started = time.monotonic()
    process.stdout.readline()
    folded = time.monotonic() - started
    process.wait()
    process.stdout.close()
    return folded


def drop(setup: Setup) -> None:
    """Remove a PostgreSQL store's schema (files go with their folder)."""
    if setup.kind == "postgres":
        import psycopg
        from psycopg import sql

        dsn, schema = setup.location.rsplit("#", 1)
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
            )


# -- a trial ------------------------------------------------------------------------------------
def worker(setup: Setup, *, rebuild: bool = False) -> subprocess.Popen[bytes]:
    """Start a worker process on the setup's store."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        setup.kind,
        setup.location,
        "--every",
        str(setup.every),
    ]
    if rebuild:
        command.append("--rebuild")
    return subprocess.Popen(command, stdout=subprocess.PIPE)


def run_worker(kind: str, location: str, every: int, rebuild: bool) -> None:
    """The worker: resume (or rebuild), catch up with a checkpoint every ``every`` events."""
    store, checkpoints = open_store(kind, location)
    try:
        runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, every=every, interval=None)
        runner.start(rebuild=rebuild)
        print("folding", flush=True)  # the parent times its kill from here
        runner.catch_up()
        runner.checkpoint()
        print("done", flush=True)
    finally:
        store.close()


def checked(setup: Setup) -> tuple[int, str]:
    """The position of the store's checkpoint and whether its state is a replay up to it."""
    store, checkpoints = open_store(setup.kind, setup.location)
    try:
        saved = checkpoints.load_checkpoint(RESULTS_MODEL.name)
    finally:
        store.close()
    if saved is None:
        return 0, "none"
    try:
        found = decode_checkpoint(RESULTS_MODEL, saved, default_codec)
    except CheckpointError as error:
        return saved.position, f"unreadable: {error}"
    if not isinstance(found, Checkpoint):
        return saved.position, f"stale: {found.reason}"
    if found.state != fold(RESULTS, setup.events[: saved.position]):
        return saved.position, "differs from a replay up to its position"
    return saved.position, "replay"


def trial(setup: Setup, rng: random.Random, *, rebuild: bool) -> Trial:
    """Start a worker (resuming, or rebuilding), SIGKILL it at a random moment of the time a
    whole run folds for, and check the checkpoint it left."""
    process = worker(setup, rebuild=rebuild)
    assert process.stdout is not None
    process.stdout.readline()  # loading the checkpoint and resuming are not what is timed
    # Uniform over a whole run, wherever it resumed: kills land anywhere from the start to the
    # end of the store (a worker with less left finishes first more often: it rebuilds next).
    time.sleep(rng.uniform(0.0, setup.run_seconds))
    ended = "finished" if process.poll() is not None else "killed"
    if ended == "killed":
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    position, outcome = checked(setup)
    return Trial(ended, position, outcome)


def trials(setup: Setup, kills: int, rng: random.Random) -> list[Trial]:
    """Trials one after the other on one store and checkpoint, until ``kills`` workers were
    killed (or three times as many trials ran)."""
    done: list[Trial] = []
    position = len(setup.events)  # the timed run left a checkpoint at the end
    while sum(t.ended == "killed" for t in done) < kills and len(done) < 3 * kills:
        # A worker that got to the end leaves nothing to resume: rebuild next time.
        rebuild = position == len(setup.events)
        made = trial(setup, rng, rebuild=rebuild)
        done.append(made)
        position = made.position
    return done


def final(setup: Setup) -> bool:
    """One uninterrupted run from the last checkpoint: equal to a replay of the whole store?"""
    _folding(worker(setup))
    position, outcome = checked(setup)
    return position == len(setup.events) and outcome == "replay"


# -- the command ----------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "LOCATION"), help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--kills", type=int, default=30, help="kills per store (default 30)")
    parser.add_argument("--events", type=int, default=200_000, help="store size (default 200k)")
    parser.add_argument("--every", type=int, default=2_000, help="events between checkpoints")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--dir", type=Path, help="where the stores go (default: a temporary one)")
    options = parser.parse_args(argv)
    if options.worker:
        run_worker(*options.worker, options.every, options.rebuild)
        return 0
    kinds = [
        kind
        for kind in options.kinds
        if kind != "postgres" or os.environ.get("MATCHEVENTS_POSTGRES_DSN")
    ]
    if len(kinds) != len(options.kinds):
        print("postgres left out: MATCHEVENTS_POSTGRES_DSN is not set")
    import tempfile

    with tempfile.TemporaryDirectory(dir=options.dir) as folder:
        failed = False
        rng = random.Random(options.seed)
        for kind in kinds:
            started = time.monotonic()
            setup = prepare(Path(folder) / kind, kind, events=options.events, every=options.every)
            try:
                print(
                    f"{kind}: {len(setup.events):,} events; an uninterrupted run folds for "
                    f"{setup.run_seconds:.1f} s (a checkpoint every {setup.every:,} events)",
                    flush=True,
                )
                done = trials(setup, options.kills, rng)
                whole = final(setup)
            finally:
                drop(setup)
            ends = Counter(t.ended for t in done)
            outcomes = Counter(t.outcome for t in done)
            positions = sorted({t.position for t in done})
            print(
                f"{kind}: {len(done)} trials ({ends['killed']} killed, {ends['finished']} "
                f"finished first); checkpoints: {dict(outcomes)}; {len(positions)} distinct "
                f"positions from {positions[0]:,} to {positions[-1]:,}; final run equals a "
                f"replay: {whole} ({time.monotonic() - started:.0f} s)",
                flush=True,
            )
            bad = [t for t in done if t.outcome not in ("replay", "none")]
            failed |= bool(bad) or not whole
            for t in bad:
                print(f"  {t}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
