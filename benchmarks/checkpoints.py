"""Resuming a live read model from its checkpoint against replaying the whole store (issue 20).

An SQLite store of 1M generated events (``generate.py``: four leagues, 40 matches at a time,
each event appended as the feed delivers it), the results read model checkpointed in it 10,000
events before its end (at 991,431 of the default 1,001,431); then, each in a fresh process,
timed alternately:

- **full**: a runner rebuilding the model from position 0 to the end (no checkpoint saved);
- **resume**: a runner loading that checkpoint (its last event checked against the store), and
  catching up the last 10,000 events (no checkpoint saved).

The ratio of their CPU-time medians is the figure (target: resume ≤ 2% of full). Both must end in
the same state (compared by a digest of the state's JSON). The cost of one checkpoint save at the
end (encoding the state, one transaction) is timed apart, as is loading the checkpoint alone::

    python -m benchmarks.checkpoints                    # builds /tmp/checkpoints-1m.db first
    python -m benchmarks.checkpoints --store /dev/shm/1m.db --repeats 5

Building the store appends a million events one at a time (about 80 s on tmpfs; on a disk each
append waits for its fsync, so put ``--store`` on tmpfs or be patient); it is kept and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

LAST = 10_000
"""Events after the checkpoint: it is saved at the store's head less these."""
MATCHES = 43_290  # about 1,001,000 events


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _digest(state: Any) -> str:
    from matchevents.codec.states import unstructure_state
    from matchevents.competitions.results import ResultsState

    text = json.dumps(unstructure_state(state, ResultsState), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# -- workers: each in its own process -------------------------------------------------------------
def _build(path: str, matches: int) -> dict[str, Any]:
    from benchmarks.generate import events
    from matchevents.stores import SqliteStore

    wall = time.perf_counter()
    count = 0
    with SqliteStore(path) as store:
        for event in events(matches):
            store.append(event.match_id, [event])
            count += 1
    return {"events": count, "wall": time.perf_counter() - wall}


def _checkpoint_at(path: str, last: int) -> dict[str, Any]:
    from matchevents.live import RESULTS_MODEL, Runner
    from matchevents.stores import SqliteStore

    with SqliteStore(path) as store:
        head = sum(1 for _ in store.read_all())
        position = head - last
        runner = Runner(store, [RESULTS_MODEL], every=None, interval=None)
        runner.start(rebuild=True)
        runner.step(position)
        cpu, wall = _cpu(), time.perf_counter()
        runner.checkpoint()
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        saved = store.load_checkpoint(RESULTS_MODEL.name)
        assert saved is not None
    return {
        "position": runner.position,
        "save_cpu": cpu,
        "save_wall": wall,
        "bytes": len(saved.data.encode()),
        "after": head - runner.position,
        "results": len(runner.state(RESULTS_MODEL.name).log),
    }


def _run(path: str, how: str) -> dict[str, Any]:
    import tempfile

    from matchevents.live import RESULTS_MODEL, Runner
    from matchevents.stores import SqliteStore
    from matchevents.stores.checkpoints import FileCheckpoints

    with SqliteStore(path) as store, tempfile.TemporaryDirectory() as nowhere:
        # The full replay starts from nothing: checkpoints kept elsewhere (an empty folder), so
        # that the store's checkpoint stays for the next resume.
        checkpoints = FileCheckpoints(nowhere) if how == "full" else store
        runner = Runner(store, [RESULTS_MODEL], checkpoints=checkpoints, every=None, interval=None)
        cpu, wall = _cpu(), time.perf_counter()
        started = runner.start()
        loaded_cpu = _cpu() - cpu
        folded = runner.catch_up()
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        assert started[0].how == ("new" if how == "full" else "resumed"), started
        state = runner.state(RESULTS_MODEL.name)
    return {
        "cpu": cpu,
        "wall": wall,
        "load_cpu": loaded_cpu,
        "folded": folded,
        "digest": _digest(state),
    }


def _worker(argv: list[str]) -> None:
    kind, path = argv[0], argv[1]
    if kind == "build":
        result = _build(path, int(argv[2]))
    elif kind == "checkpoint":
        result = _checkpoint_at(path, int(argv[2]))
    else:
        result = _run(path, kind)
    print(json.dumps(result))


def _spawn(*args: str) -> dict[str, Any]:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get(
        "PYTHONPATH")]))}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.checkpoints", "--worker", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _say(text: str = "") -> None:
    print(text, flush=True)


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(run[key] for run in runs))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; exit status 1 if the two paths' states differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--store", default="/tmp/checkpoints-1m.db", help="the SQLite store")
    parser.add_argument("--matches", type=int, default=MATCHES, help="matches when building")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each (default 3)")
    options = parser.parse_args(argv)
    if options.worker:
        _worker(options.worker)
        return 0
    if not os.path.exists(options.store):
        _say(f"building {options.store} ({options.matches:,} matches, one append an event)")
        built = _spawn("build", options.store, str(options.matches))
        _say(f"  {built['events']:,} events in {built['wall']:.0f} s")
    made = _spawn("checkpoint", options.store, str(LAST))
    _say(
        f"checkpoint at {made['position']:,}: {made['results']:,} results, "
        f"{made['bytes'] / 1e6:.1f} MB, saved in {made['save_cpu']:.2f} s CPU "
        f"({made['save_wall']:.2f} s wall); {made['after']:,} events after it"
    )
    full: list[dict[str, Any]] = []
    resumed: list[dict[str, Any]] = []
    for repeat in range(options.repeats):
        full.append(_spawn("full", options.store))
        resumed.append(_spawn("resume", options.store))
        _say(
            f"  run {repeat + 1}: full {full[-1]['cpu']:.2f} s CPU ({full[-1]['wall']:.2f} s "
            f"wall), resume {resumed[-1]['cpu']:.3f} s CPU ({resumed[-1]['wall']:.3f} s wall, "
            f"of which loading the checkpoint {resumed[-1]['load_cpu']:.3f} s CPU)"
        )
    same = {run["digest"] for run in full + resumed}
    full_cpu, resume_cpu = _median(full, "cpu"), _median(resumed, "cpu")
    _say(
        f"full replay of {full[0]['folded']:,} events: {full_cpu:.2f} s CPU "
        f"({_median(full, 'wall'):.2f} s wall), median of {options.repeats}"
    )
    _say(
        f"resume at {made['position']:,} and catch up {resumed[0]['folded']:,} events: "
        f"{resume_cpu:.3f} s CPU ({_median(resumed, 'wall'):.3f} s wall; loading the "
        f"checkpoint {_median(resumed, 'load_cpu'):.3f} s CPU)"
    )
    _say(
        f"resume / full: {100 * resume_cpu / full_cpu:.2f}% of the CPU time "
        f"({100 * _median(resumed, 'wall') / _median(full, 'wall'):.2f}% of the wall time); "
        f"target <= 2%; same final state: {len(same) == 1}"
    )
    return 0 if len(same) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
