"""Parallel replay (issue 10): the speed-up of 2 processes over 1, and the overhead of Dask.

The archive is the replay benchmark's seeded 4-league log (``benchmarks.generate``), about
1,000,000 events, laid out two ways:

- **cut**: the feed cut into ``--files`` files of equal line counts, so that matches straddle
  files; replayed partitioned by match (every worker reads every file, keeps its matches' lines);
- **leagues**: one file per league (whole matches in each file); replayed partitioned by file.

Each run is a fresh subprocess (imports done before the clock starts); the contenders take turns,
run after run, and the medians are reported. Time is wall time (what a user waits) and the CPU
time of the run's process and its children (what it costs); on a machine shared with other work
only the CPU figures are steady. Every run's league tables must equal the sequential replay's.

    python -m benchmarks.parallel                    # 1M events, 3 runs each; a few minutes
    python -m benchmarks.parallel --events 200000 --repeats 1 --no-dask

Figures measured on 2 cores are in docs/how-to/replay-large-archive.md ("How much faster"):
by file 1.82x in wall time (1.98x on the critical path; 1.70x in the session before), by match
1.50x, Dask about 1.7 s more than the process pool.
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
import tempfile
import time
from pathlib import Path
from typing import Any

_EVENTS_PER_MATCH = 23
"""About how many events a generated match has (see benchmarks/README.md)."""

CONTENDERS = ("sequential", "parallel-1", "match-2", "file-2", "dask-2")


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _digest(state: Any) -> str:
    from benchmarks.library import tables_of

    tables = tables_of(state)
    text = json.dumps(sorted((list(key), rows) for key, rows in tables.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _layout(directory: Path, kind: str) -> list[str]:
    return sorted(str(p) for p in (directory / kind).glob("*.jsonl"))


# -- one timed run, in its own process ---------------------------------------------------------
def _run(contender: str, directory: Path) -> dict[str, Any]:
    from matchevents.competitions import RESULTS
    from matchevents.log import replay
    from matchevents.parallel import PartitionBy, replay_parallel

    cut, leagues = _layout(directory, "cut"), _layout(directory, "leagues")
    extra: dict[str, float] = {}
    cpu, own, wall = _cpu(), _own_cpu(), time.perf_counter()
    archive = None
    if contender == "sequential":
        result = replay(directory / "whole.jsonl", [RESULTS])
        events, state = result.events, result.states[0]
    elif contender == "parallel-1":
        archive = replay_parallel(cut, [RESULTS], workers=1, partitions=1)
        events, state = archive.events, archive.states[0]
    elif contender == "match-2":
        archive = replay_parallel(cut, [RESULTS], workers=2)
        events, state = archive.events, archive.states[0]
    elif contender == "file-2":
        archive = replay_parallel(leagues, [RESULTS], workers=2, partition_by=PartitionBy.FILE)
        events, state = archive.events, archive.states[0]
    elif contender == "dask-2":
        import distributed

        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            extra["startup"] = time.perf_counter() - wall
            start = time.perf_counter()
            archive = replay_parallel(cut, [RESULTS], executor=client.get_executor(), partitions=2)
            extra["replay"] = time.perf_counter() - start
        events, state = archive.events, archive.states[0]
    else:
        raise SystemExit(f"unknown contender {contender!r}")
    wall = time.perf_counter() - wall
    cpu, own = _cpu() - cpu, _own_cpu() - own
    return {
        "events": events,
        "wall": wall,
        "cpu": cpu,
        "critical": _critical(contender, own, archive.cpu_seconds if archive else ()),
        "digest": _digest(state),
        **extra,
    }


def _critical(contender: str, own: float, partitions: tuple[float, ...]) -> float:
    """The least the run could last on 2 idle cores, from CPU times (which other work on a
    shared machine does not inflate): the busier of the two processes, plus what this process
    does after the partitions are done (reading the partial states back and merging them).

    With ``workers=2`` this process replays the even partitions itself and a pool process the
    odd ones; on Dask both workers are other processes.
    """
    if contender in ("sequential", "parallel-1"):
        return own
    if contender == "dask-2":
        return own + max(max(partitions), sum(partitions) / 2)
    here = sum(partitions[0::2])
    return max(here, sum(partitions[1::2])) + (own - here)


def _spawn(contender: str, directory: Path) -> dict[str, Any]:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.parallel", "--worker", contender, str(directory)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{contender} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the archive --------------------------------------------------------------------------------
def write_archive(directory: Path, events: int, files: int, seed: int) -> int:
    """The seeded log, whole, cut into ``files`` files, and split by league; returns its lines."""
    from benchmarks.generate import write

    whole = directory / "whole.jsonl"
    count = write(str(whole), max(1, events // _EVENTS_PER_MATCH), seed)
    (directory / "cut").mkdir()
    (directory / "leagues").mkdir()
    per_file = -(-count // files)
    leagues: dict[bytes, Any] = {}
    outputs = [open(directory / "cut" / f"part-{n:03}.jsonl", "wb") for n in range(files)]  # noqa: SIM115
    try:
        with open(whole, "rb") as lines:
            for number, line in enumerate(lines):
                outputs[number // per_file].write(line)
                start = line.index(b'"match_id":"') + len(b'"match_id":"')
                league = line[start : line.index(b"-", start)]
                out = leagues.get(league)
                if out is None:
                    out = leagues[league] = open(  # noqa: SIM115
                        directory / "leagues" / f"{league.decode()}.jsonl", "wb"
                    )
                out.write(line)
    finally:
        for out in [*outputs, *leagues.values()]:
            out.close()
    return count


# -- the report ----------------------------------------------------------------------------------
def _say(text: str = "") -> None:
    print(text, flush=True)


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(run[key] for run in runs))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report; exit status 1 when a result differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true", help="leave Dask out")
    parser.add_argument("--dir", help="where the archive goes (a temporary folder by default)")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.worker:
        print(json.dumps(_run(options.worker[0], Path(options.worker[1]))))
        return 0
    contenders = [c for c in CONTENDERS if not (options.no_dask and c.startswith("dask"))]
    if "dask-2" in contenders:
        try:
            import distributed  # noqa: F401
        except ImportError:
            _say('Dask is not installed (pip install "matchevents[dask]"): left out')
            contenders.remove("dask-2")
    if options.dir is not None:
        os.makedirs(options.dir, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=options.dir) as folder:
        directory = Path(folder)
        start = time.perf_counter()
        lines = write_archive(directory, options.events, options.files, options.seed)
        load = os.getloadavg()[0]
        _say(
            f"archive: {lines:,} events, {options.files} cut files and 4 league files "
            f"(written in {time.perf_counter() - start:.0f}s); {os.cpu_count()} CPUs, "
            f"load average {load:.1f}"
        )
        runs: dict[str, list[dict[str, Any]]] = {c: [] for c in contenders}
        for repeat in range(options.repeats):
            for contender in contenders:
                result = _spawn(contender, directory)
                runs[contender].append(result)
                _say(
                    f"  run {repeat + 1} {contender:<11} wall {result['wall']:6.2f}s "
                    f"cpu {result['cpu']:6.2f}s critical path {result['critical']:6.2f}s"
                )
        return _report(runs, lines)


def _report(runs: dict[str, list[dict[str, Any]]], lines: int) -> int:
    digests = {run["digest"] for results in runs.values() for run in results}
    events = {run["events"] for results in runs.values() for run in results}
    _say()
    _say("| contender | wall | CPU, all processes | critical path (CPU) | events/s (crit. path) |")
    _say("|---|---|---|---|---|")
    label: dict[str, str] = {
        "sequential": "log.replay, 1 process, the whole log",
        "parallel-1": "replay_parallel, 1 partition, this process",
        "match-2": "workers=2, partitioned by match (cut files)",
        "file-2": "workers=2, partitioned by file (league files)",
        "dask-2": "Dask LocalCluster, 2 worker processes, by match",
    }
    for contender, results in runs.items():
        wall, cpu = _median(results, "wall"), _median(results, "cpu")
        critical = _median(results, "critical")
        _say(
            f"| {label[contender]} | {wall:.2f} s | {cpu:.2f} s | {critical:.2f} s | "
            f"{lines / critical:,.0f} |"
        )
    _say()
    for key, what in (("wall", "wall time"), ("critical", "critical path, CPU")):
        one = _median(runs["parallel-1"], key)
        for contender, text in (("match-2", "by match"), ("file-2", "by file")):
            _say(
                f"speed-up of 2 processes over 1, {text}: "
                f"{one / _median(runs[contender], key):.2f}x ({what})"
            )
    ratio = _median(runs["parallel-1"], "cpu") / _median(runs["sequential"], "cpu")
    _say(f"replay_parallel in 1 partition against log.replay: {ratio:.2f}x the CPU time")
    if "dask-2" in runs:
        dask = runs["dask-2"]
        overhead = _median(dask, "replay") - _median(runs["match-2"], "wall")
        _say(
            f"Dask: cluster start-up {_median(dask, 'startup'):.2f} s; replay "
            f"{_median(dask, 'replay'):.2f} s, {overhead:+.2f} s against the process pool"
        )
    same = len(digests) == 1 and len(events) == 1
    _say(f"tables equal in every run: {'yes' if same else 'NO'} ({len(digests)} digests)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
