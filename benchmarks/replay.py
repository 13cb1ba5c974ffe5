"""The replay benchmark: matchevents against a hand-written loop and the eventsourcing library,
on the same seeded log, in one run.

    python -m benchmarks.replay                    # 1M-event log, 2M-event streaming replay
    python -m benchmarks.replay --stream-events 10000000   # the full-size streaming figure

Every measured run is a fresh subprocess (so that peak memory is its own and runs do not warm
each other up); the contenders take turns, run after run, so that the load of a shared machine
falls on all of them alike. Reported figures are medians. Time is CPU time of the process
(user + system, what the replay itself costs even when other work shares the cores) and wall
time; peak memory is the process's peak resident set (``ru_maxrss``), interpreter and imports
included. The three tables must be equal, or the benchmark fails (exit status 1).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

_T = TypeVar("_T")

CONTENDERS = ("baseline", "peer", "peer-lean", "matchevents", "typed-floor", "naive")
DESCRIPTIONS = {
    "baseline": "hand-written loop: orjson dicts, plain-dict table",
    "peer": "eventsourcing: aggregates rebuilt from its in-memory store (repository.get)",
    "peer-lean": "eventsourcing aggregates fed by orjson straight into event.mutate",
    "matchevents": "decode + validate every event (Timeline) + fold the table",
    "typed-floor": "reference: decode into attrs events, plain-dict table, no validation",
    "naive": "reference: orjson + cattrs structure, then validate + fold as matchevents",
}
REFERENCES = ("typed-floor", "naive")
"""Not contenders: where the time goes (typed events alone; the straightforward cattrs path)."""
STAGES = ("stage-decode", "stage-validate", "stage-fold")
"""The matchevents path stage by stage (no tables): decode only; decode and validate (a replay
with no projection); the results fold alone over events decoded before the clock starts."""
STAGE_DESCRIPTIONS = {
    "stage-decode": "decode only: read_log into attrs events",
    "stage-validate": "decode + validate: replay(path) with no projection",
    "stage-fold": "the RESULTS fold alone (apply_all in the replayer's chunks), decoded untimed",
}
EVENTS_PER_MATCH = 23.1  # what the generator gives on average, to turn events into matches
COUNTED = ("baseline", "peer-lean", "matchevents", "typed-floor", "stage-decode", "stage-validate")
"""What the instruction counts cover: every contender and stage whose setup does not grow with
the log (the peer loads its store and stage-fold decodes the log before the clock starts, and an
instruction count cannot leave that out)."""


# -- workers: each runs in its own process --------------------------------------------------------
def _peak_rss_mb() -> float:
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _replay_worker(contender: str, log: str, tables_out: str | None) -> dict[str, Any]:
    from benchmarks.baseline import Tables

    if contender == "baseline":
        from benchmarks.baseline import run
    elif contender == "peer":
        from benchmarks.peer_eventsourcing import load, replay_store

        app, ids = load(log)  # untimed: the peer's replay reads its own store

        def run(path: str) -> tuple[int, Tables]:
            return replay_store(app, ids)
    elif contender == "peer-lean":
        from benchmarks.peer_eventsourcing import run_lean as run
    elif contender in ("matchevents-validate", "stage-validate"):
        from benchmarks.library import run_validate_only as run
    elif contender == "stage-decode":
        from benchmarks.library import run_decode_only as run
    elif contender == "stage-fold":
        from benchmarks.library import fold_only

        folding = fold_only(log)  # decoding is not timed

        def run(path: str) -> tuple[int, Tables]:
            return folding()
    elif contender == "typed-floor":
        from benchmarks.library import run_typed_floor as run
    elif contender == "naive":
        from benchmarks.library import run_naive as run
    else:
        from benchmarks.library import run
    before_mb = _peak_rss_mb()
    cpu, wall = _cpu(), time.perf_counter()
    events, tables = run(log)
    cpu, wall = _cpu() - cpu, time.perf_counter() - wall
    if tables_out is not None:
        with open(tables_out, "w") as out:
            json.dump(sorted([*key, rows] for key, rows in tables.items()), out)
    return {"events": events, "cpu": cpu, "wall": wall, "rss_mb": _peak_rss_mb(),
            "rss_before_mb": before_mb}  # fmt: skip


def _append_worker(events: int, block: int) -> dict[str, Any]:
    """Append plus incremental projection update, at the start of a stream and after
    ``events`` events, on two streams (see the README)."""
    from benchmarks.appends import long_match, per_projection, stream

    return {
        "stream": stream(events, block),
        "long_match": long_match(events, block),
        "per_projection": per_projection(events, block),
    }


def _encode_worker(log: str, events: int) -> dict[str, Any]:
    from itertools import islice

    from matchevents.log import read_log, write_log

    sample = list(islice(read_log(log), events))
    with tempfile.TemporaryDirectory() as directory:
        target = os.path.join(directory, "encoded.jsonl")
        cpu, wall = _cpu(), time.perf_counter()
        written = write_log(target, sample)
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        size = os.path.getsize(target)
    return {"events": written, "cpu": cpu, "wall": wall, "bytes": size}


def _worker(argv: list[str]) -> None:
    kind = argv[0]
    if kind == "replay":
        result = _replay_worker(argv[1], argv[2], argv[3] if len(argv) > 3 else None)
    elif kind == "append":
        result = _append_worker(int(argv[1]), int(argv[2]))
    elif kind == "encode":
        result = _encode_worker(argv[1], int(argv[2]))
    elif kind == "generate":
        from benchmarks.generate import write

        cpu, wall = _cpu(), time.perf_counter()
        count = write(argv[1], int(argv[2]), int(argv[3]))
        result = {"events": count, "cpu": _cpu() - cpu, "wall": time.perf_counter() - wall}
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    print(json.dumps(result))


def _run_worker(
    args: tuple[str, ...], under: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get(
        "PYTHONPATH")]))}  # fmt: skip
    if under:
        env["PYTHONHASHSEED"] = "0"  # the same dict and set probes in every counted run
    done = subprocess.run(
        [*under, sys.executable, "-m", "benchmarks.replay", "--worker", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args} failed:\n{done.stderr}")
    return done


def _spawn(*args: str) -> dict[str, Any]:
    done = _run_worker(args)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _instructions(*args: str) -> int:
    """The instructions a worker executes, counted by valgrind's callgrind (imports included:
    the caller takes differences)."""
    under = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")
    done = _run_worker(args, under)
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count for {args}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


# -- the report -----------------------------------------------------------------------------------
def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(run[key] for run in runs))


def _spread(runs: list[dict[str, Any]], key: str) -> str:
    values = [run[key] for run in runs]
    low, high, middle = min(values), max(values), statistics.median(values)
    return f"±{100 * (high - low) / 2 / middle:.0f}%" if len(values) > 1 else ""


def _say(text: str = "") -> None:
    print(text, flush=True)


def _machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info
                          if line.startswith("model name")), "")  # fmt: skip
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({model or 'unknown model'}), "
        f"load average {load:.1f} at start"
    )


def _timed(label: str, action: Callable[[], _T]) -> _T:
    start = time.perf_counter()
    result = action()
    _say(f"  {label} ({time.perf_counter() - start:.0f}s)")
    return result


PARTS = ("replay", "append", "stream", "encode", "instructions")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; returns the exit status."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--worker":
        _worker(args[1:])
        return 0
    parser = argparse.ArgumentParser(description="matchevents replay benchmark")
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the main log")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeats", type=int, default=5, help="runs of baseline and matchevents")
    parser.add_argument("--peer-repeats", type=int, default=3, help="runs of the peer")
    parser.add_argument(
        "--stream-events",
        type=int,
        default=2_000_000,
        help="events of the streaming replay (10,000,000 for the full figure)",
    )
    parser.add_argument("--append-events", type=int, default=100_000)
    parser.add_argument("--append-repeats", type=int, default=3)
    parser.add_argument("--encode-events", type=int, default=200_000)
    parser.add_argument(
        "--instruction-events",
        type=int,
        default=20_000,
        help="events of the instruction counts (the log's first N and 2N lines)",
    )
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="run only these parts (repeatable)")  # fmt: skip
    parser.add_argument("--dir", help="where to write the logs (a temporary directory otherwise)")
    options = parser.parse_args(args)
    parts = set(options.only or PARTS)
    failed = False
    if options.dir is not None:
        os.makedirs(options.dir, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=options.dir) as directory:
        _say(f"machine: {_machine()}")
        log = os.path.join(directory, "log.jsonl")
        matches = round(options.events / EVENTS_PER_MATCH)
        generated = _timed(
            "generated the log",
            lambda: _spawn("generate", log, str(matches), str(options.seed)),
        )
        size = os.path.getsize(log)
        _say(f"log: {generated['events']:,} events of {matches:,} matches, "
             f"{size / 1e6:.0f} MB ({size / generated['events']:.0f} bytes/event), "
             f"seed {options.seed}")  # fmt: skip
        if "replay" in parts:
            failed |= _replay_part(options, directory, log)
        if "append" in parts:
            _append_part(options)
        if "encode" in parts:
            _encode_part(options, log)
        if "instructions" in parts:
            _instructions_part(options, directory, log)
        if "stream" in parts:
            os.remove(log)
            _stream_part(options, directory)
    return 1 if failed else 0


def _replay_part(options: argparse.Namespace, directory: str, log: str) -> bool:
    _say("\n1. Full replay of the log into league tables")
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in (*CONTENDERS, *STAGES)}
    tables: dict[str, str] = {}
    for index in range(max(options.repeats, options.peer_repeats)):
        for name in (*CONTENDERS, *STAGES):
            wanted = options.peer_repeats if name.startswith("peer") else options.repeats
            if index >= wanted:
                continue
            first = index == 0 and name in CONTENDERS
            out = os.path.join(directory, f"{name}.tables.json") if first else None
            worker = ("replay", name, log, *([out] if out else []))
            result = _timed(f"run {index + 1} {name}", partial(_spawn, *worker))
            runs[name].append(result)
            if out is not None:
                with open(out) as written:
                    tables[name] = written.read()
    base_cpu, base_wall = _median(runs["baseline"], "cpu"), _median(runs["baseline"], "wall")
    _say(f"\n  {'':12} {'CPU s':>7} {'wall s':>7} {'events/s':>10} {'peak RSS':>9} "
         f"{'x baseline':>10} {'(wall)':>7}  spread  what")  # fmt: skip
    for name in CONTENDERS:
        cpu, wall = _median(runs[name], "cpu"), _median(runs[name], "wall")
        events = runs[name][0]["events"]
        _say(
            f"  {name:12} {cpu:7.2f} {wall:7.2f} {events / cpu:10,.0f} "
            f"{_median(runs[name], 'rss_mb'):6.0f} MB {cpu / base_cpu:9.2f}x "
            f"{wall / base_wall:6.2f}x  {_spread(runs[name], 'cpu'):>6}  {DESCRIPTIONS[name]}"
        )
    me_cpu, peer_cpu = _median(runs["matchevents"], "cpu"), _median(runs["peer"], "cpu")
    _say(f"\n  matchevents / baseline: {me_cpu / base_cpu:.2f}x (target <= 3.0x)")
    _say(f"  matchevents is {peer_cpu / me_cpu:.1f}x as fast as the peer (target >= 8x)")
    lean_cpu = _median(runs["peer-lean"], "cpu")
    _say(f"  matchevents is {lean_cpu / me_cpu:.2f}x as fast as peer-lean (target > 1x)")
    _stages_report(runs, me_cpu)
    floor_cpu, naive_cpu = _median(runs["typed-floor"], "cpu"), _median(runs["naive"], "cpu")
    _say(f"  typed events alone (decode, no validation, no projection): "
         f"{floor_cpu / base_cpu:.2f}x the baseline")  # fmt: skip
    _say(f"  the naive cattrs path: {naive_cpu / base_cpu:.2f}x the baseline, "
         f"{naive_cpu / me_cpu:.2f}x matchevents")  # fmt: skip
    at_start = (f"{name} {_median(runs[name], 'rss_before_mb'):.0f} MB" for name in CONTENDERS)
    _say(
        "  peak RSS before the timed part (interpreter, imports, the peer's store): "
        + ", ".join(at_start)
    )
    equal = all(tables[name] == tables["baseline"] for name in CONTENDERS)
    count = len(json.loads(tables["baseline"]))
    verdict = f"equal in all {len(CONTENDERS)}" if equal else "DIFFERENT: the benchmark fails"
    _say(f"  tables: {count} (competition, season) tables, {verdict}")
    return not equal


def _stages_report(runs: dict[str, list[dict[str, Any]]], me_cpu: float) -> None:
    """Each stage's cost in microseconds an event (CPU medians of the same run)."""
    events = runs["matchevents"][0]["events"]
    decode, validate, fold = (_median(runs[name], "cpu") for name in STAGES)
    us = 1e6 / events
    _say("  stage by stage, CPU us an event (medians; spread of the stage runs):")
    rows = (
        ("decode (stage-decode)", decode, "stage-decode", ""),
        ("validation (stage-validate - stage-decode)", validate - decode, "stage-validate",
         "target <= 1 us"),
        ("the RESULTS fold alone (stage-fold)", fold, "stage-fold", "target <= 0.5 us"),
        ("fold + tables in the replay (matchevents - stage-validate)", me_cpu - validate,
         "matchevents", ""),
        ("the whole replay (matchevents)", me_cpu, "matchevents", ""),
    )  # fmt: skip
    for label, cpu, name, target in rows:
        spread = _spread(runs[name], "cpu")
        _say(f"    {label:58} {cpu * us:6.2f} us  {spread:>5}  {target}")


def _append_part(options: argparse.Namespace) -> None:
    _say(f"\n2. Append + incremental projection update, early vs after {options.append_events:,}")
    worker = ("append", str(options.append_events), "100")
    results = [
        _timed(f"run {index + 1}", lambda: _spawn(*worker))
        for index in range(options.append_repeats)
    ]
    for key, label in (
        ("stream", "multi-match live feed (Timeline.append + RESULTS.apply per event)"),
        ("long_match", "one timeline of goals (Timeline.append + subscribed table + score)"),
    ):
        early = statistics.median(r[key]["early_us"] for r in results)
        late = statistics.median(r[key]["late_us"] for r in results)
        plain_early = statistics.median(r[key]["append_only_early_us"] for r in results)
        plain_late = statistics.median(r[key]["append_only_late_us"] for r in results)
        _say(f"  {label}:")
        first = results[0][key]
        plain_at = first.get("append_only_late_at", first["late_at"])
        _say(
            f"    with projections: {early:.2f} us/event at {first['early_at']:,}, "
            f"{late:.2f} us at {first['late_at']:,}: {late / early:.2f}x (target <= 1.2x)"
        )
        _say(
            f"    append alone:     {plain_early:.2f} us/event at {first['early_at']:,}, "
            f"{plain_late:.2f} us at {plain_at:,}: {plain_late / plain_early:.2f}x"
        )
    _say("  one timeline, each projection alone (LiveProjection), made long with what it collects:")
    for name, first in results[0]["per_projection"].items():
        early = statistics.median(r["per_projection"][name]["early_us"] for r in results)
        late = statistics.median(r["per_projection"][name]["late_us"] for r in results)
        _say(
            f"    {name + ' (' + first['block'].split(' ', 1)[1] + ')':<28} {early:6.2f} us/event "
            f"at {first['early_at']:,}, {late:6.2f} us at {first['late_at']:,}: "
            f"{late / early:.2f}x"
        )


def _encode_part(options: argparse.Namespace, log: str) -> None:
    _say(f"\n3. Encode (events -> JSON Lines file), {options.encode_events:,} events")
    runs = [_spawn("encode", log, str(options.encode_events)) for _ in range(options.repeats)]
    cpu = _median(runs, "cpu")
    _say(f"  {runs[0]['events'] / cpu:,.0f} events/s ({cpu:.2f} s CPU, "
         f"{runs[0]['bytes'] / cpu / 1e6:.0f} MB/s, {_spread(runs, 'cpu')})")  # fmt: skip


def _instructions_part(options: argparse.Namespace, directory: str, log: str) -> None:
    """Instructions an event, counted by callgrind: the same on every run and under any load, so
    that a change of a few percent shows, where CPU times on a shared machine spread by +-30%.
    Each worker is counted on the log's first N and first 2N lines; the difference over N is
    what one more event costs, with the interpreter's start, the imports and each run's fixed
    costs left out."""
    count = options.instruction_events
    _say(f"\n4. Instructions an event (callgrind), the log's lines {count:,} to {2 * count:,}")
    if shutil.which("valgrind") is None:
        _say("  skipped: valgrind is not installed (apt install valgrind)")
        return
    prefixes = []
    for lines in (count, 2 * count):
        prefix = os.path.join(directory, f"first-{lines}.jsonl")
        with open(log, "rb") as source, open(prefix, "wb") as target:
            target.writelines(itertools.islice(source, lines))
        prefixes.append(prefix)
    with open(prefixes[-1], "rb") as longer:
        if sum(1 for _ in longer) < 2 * count:
            _say(f"  skipped: the log has fewer than {2 * count:,} lines (lower "
                 "--instruction-events, or raise --events)")  # fmt: skip
            return
    per_event: dict[str, float] = {}
    for name in COUNTED:
        small, large = (
            _timed(
                f"{name}, {os.path.basename(prefix)}",
                partial(_instructions, "replay", name, prefix),
            )
            for prefix in prefixes
        )
        per_event[name] = (large - small) / count
    base = per_event["baseline"]
    _say(f"\n  {'':15} {'instructions':>12} {'x baseline':>10}")
    for name in COUNTED:
        _say(f"  {name:15} {per_event[name]:12,.0f} {per_event[name] / base:9.2f}x")
    decode, validate = per_event["stage-decode"], per_event["stage-validate"]
    _say("  stage by stage, instructions an event:")
    for label, value in (
        ("decode (stage-decode)", decode),
        ("validation (stage-validate - stage-decode)", validate - decode),
        ("fold + tables (matchevents - stage-validate)", per_event["matchevents"] - validate),
    ):
        _say(f"    {label:46} {value:8,.0f}")


def _stream_part(options: argparse.Namespace, directory: str) -> None:
    events = options.stream_events
    _say(f"\n5. Streaming replay of a {events:,}-event log")
    log = os.path.join(directory, "stream.jsonl")
    matches = round(events / EVENTS_PER_MATCH)
    generated = _timed("generated", lambda: _spawn("generate", log, str(matches),
                                                   str(options.seed + 1)))  # fmt: skip
    size = os.path.getsize(log)
    try:
        full = _timed("replayed into the tables", lambda: _spawn("replay", "matchevents", log))
        bare = _timed("replayed, validation only",
                      lambda: _spawn("replay", "matchevents-validate", log))  # fmt: skip
    finally:
        os.remove(log)
    _say(f"  {generated['events']:,} events of {matches:,} matches, {size / 1e9:.2f} GB "
         f"(target: peak RSS <= 100 MB):")  # fmt: skip
    for label, result in (("decode + validate + table", full), ("decode + validate", bare)):
        _say(f"    {label:26} peak RSS {result['rss_mb']:5.0f} MB, "
             f"{result['events'] / result['cpu']:,.0f} events/s")  # fmt: skip
    per_match = (full["rss_mb"] - bare["rss_mb"]) * 2**20 / matches
    _say(f"    the table's results state: ~{per_match:.0f} bytes a match")


if __name__ == "__main__":
    sys.exit(main())
