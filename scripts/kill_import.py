"""Kill ``matchevents import -o LOG`` (and ``--append``) with SIGKILL at random moments: the log
is, every time, either what it was before, byte for byte, or what the import would have written.

Each trial copies a previous log in place, starts ``python -m matchevents.importers.command`` on
a generated football.json, and kills it: at a random moment of its whole run, or (every other
trial) at a random moment while its new log is being written (from the moment the hidden
temporary file appears, over as long as writing took in an uninterrupted run). The log is then
compared with the previous content and with the content of an uninterrupted run::

    python scripts/kill_import.py                       # 60 trials of each mode (a few minutes)
    python scripts/kill_import.py --trials 5 --matches 2000 --seed-matches 4000

Nothing is needed but matchevents itself (the data is generated). Exit status 1 if any trial
left the log neither intact nor complete. ``tests/test_import_kill.py`` runs a few trials of the
same function in the suite.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import attrs

MODES = ("replace", "append")


def football_json(name: str, matches: int, seed: int) -> dict[str, object]:
    """A football.json document of ``matches`` valid league matches (every pairing of enough
    teams, ten a day), the same for the same arguments."""
    rng = random.Random(seed)
    teams = 2
    while teams * (teams - 1) < matches:
        teams += 1
    start = date(2024, 8, 1)
    rows = []
    for number, (home, away) in enumerate(_pairings(teams)):
        if number == matches:
            break
        ht = (rng.randint(0, 2), rng.randint(0, 2))
        ft = (ht[0] + rng.randint(0, 2), ht[1] + rng.randint(0, 2))
        rows.append(
            {
                "round": f"Matchday {number // 10 + 1}",
                "date": (start + timedelta(days=number // 10)).isoformat(),
                "team1": f"{name} Team {home}",
                "team2": f"{name} Team {away}",
                "score": {"ht": list(ht), "ft": list(ft)},
            }
        )
    return {"name": f"{name} League 2024/25", "matches": rows}


def _pairings(teams: int) -> Iterator[tuple[int, int]]:
    for home in range(teams):
        for away in range(teams):
            if home != away:
                yield home, away


@attrs.define
class Setup:
    """A folder with the import's source, the previous log, and the logs an uninterrupted run of
    each mode writes; plus how long a run and its writing take."""

    folder: Path
    source: Path
    previous: bytes
    expected: dict[str, bytes]
    run_seconds: dict[str, float]
    write_seconds: dict[str, float]


def prepare(folder: Path, *, matches: int, seed_matches: int) -> Setup:
    """Generate the source and the previous log in ``folder``; run each mode once, whole."""
    from matchevents.importers import import_openfootball_json
    from matchevents.log import write_log

    source = folder / "source.json"
    source.write_text(json.dumps(football_json("Kill", matches, seed=1)), encoding="utf-8")
    seed_source = folder / "seed.json"
    seed_source.write_text(
        json.dumps(football_json("Seed", seed_matches, seed=2)), encoding="utf-8"
    )
    previous_log = folder / "previous.jsonl"
    write_log(previous_log, import_openfootball_json(seed_source).events())
    previous = previous_log.read_bytes()
    expected, run_seconds, write_seconds = {}, {}, {}
    for mode in MODES:
        log = folder / f"whole-{mode}.jsonl"
        log.write_bytes(previous)
        started = time.monotonic()
        process = _start(source, log, mode)
        appeared = vanished = None
        while process.poll() is None:
            now = time.monotonic()
            if _temporaries(log):
                appeared = appeared or now
            elif appeared is not None and vanished is None:
                vanished = now
            time.sleep(0.0005)
        if process.returncode != 0:
            raise SystemExit(f"the uninterrupted {mode} import failed ({process.returncode})")
        ended = time.monotonic()
        expected[mode] = log.read_bytes()
        run_seconds[mode] = ended - started
        write_seconds[mode] = ((vanished or ended) - appeared) if appeared else 0.01
    return Setup(folder, source, previous, expected, run_seconds, write_seconds)


def _start(source: Path, log: Path, mode: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "matchevents.importers.command", "openfootball-json"]
    append = ["--append"] if mode == "append" else []
    return subprocess.Popen(
        [*command, str(source), "-o", str(log), *append],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _temporaries(log: Path) -> list[Path]:
    return list(log.parent.glob(f".{log.name}.*.tmp"))


@attrs.frozen
class Trial:
    """What one killed import left: ``intact`` (the previous log), ``complete`` (the new one, the
    kill came after the rename) or ``corrupt``; whether the kill fell while the new log was
    being written; whether a temporary file was left behind."""

    mode: str
    aimed: str
    outcome: str
    while_writing: bool
    leftover: bool


def trial(setup: Setup, mode: str, aimed: str, rng: random.Random) -> Trial:
    """Kill one import of ``mode`` at a random moment, ``aimed`` at the whole run (``"run"``)
    or at its writing (``"write"``); then judge the log and clean up."""
    log = setup.folder / f"killed-{mode}.jsonl"
    log.write_bytes(setup.previous)
    process = _start(setup.source, log, mode)
    if aimed == "write":
        deadline = time.monotonic() + setup.run_seconds[mode] * 3
        while not _temporaries(log) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0002)
        time.sleep(rng.uniform(0, setup.write_seconds[mode] * 1.2))
    else:
        time.sleep(rng.uniform(0, setup.run_seconds[mode] * 1.1))
    while_writing = bool(_temporaries(log)) and process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = log.read_bytes()
    outcome = (
        "intact"
        if after == setup.previous
        else "complete"
        if after == setup.expected[mode]
        else "corrupt"
    )
    leftovers = _temporaries(log)
    for leftover in leftovers:
        leftover.unlink()
    return Trial(mode, aimed, outcome, while_writing, bool(leftovers))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60, help="trials of each mode (60)")
    parser.add_argument("--matches", type=int, default=4000, help="matches imported (4000)")
    parser.add_argument(
        "--seed-matches", type=int, default=20000, help="matches of the previous log (20000)"
    )
    parser.add_argument("--seed", type=int, default=20240411, help="the kill times' seed")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        setup = prepare(Path(folder), matches=args.matches, seed_matches=args.seed_matches)
        print(
            f"previous log {len(setup.previous):,} bytes; "
            + "; ".join(
                f"{mode}: a run {setup.run_seconds[mode]:.2f} s, writing "
                f"{setup.write_seconds[mode] * 1000:.0f} ms, new log "
                f"{len(setup.expected[mode]):,} bytes"
                for mode in MODES
            )
        )
        trials = [
            trial(setup, mode, "write" if number % 2 else "run", rng)
            for number in range(args.trials)
            for mode in MODES
        ]
    counts = Counter((t.mode, t.outcome, t.while_writing) for t in trials)
    for (mode, outcome, while_writing), count in sorted(counts.items()):
        when = "while writing" if while_writing else "before or after writing"
        print(f"{mode:8} killed {when:24} {outcome:9} {count:4}")
    corrupt = sum(t.outcome == "corrupt" for t in trials)
    print(
        f"{len(trials)} trials: {corrupt} corrupt, "
        f"{sum(t.outcome == 'intact' for t in trials)} intact, "
        f"{sum(t.outcome == 'complete' for t in trials)} complete; "
        f"{sum(t.while_writing for t in trials)} killed while writing, "
        f"{sum(t.leftover for t in trials)} left a temporary file"
    )
    return 1 if corrupt else 0


if __name__ == "__main__":
    raise SystemExit(main())
