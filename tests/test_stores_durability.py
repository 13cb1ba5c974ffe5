"""Stores under crashes and concurrent processes.

A writer process appends acknowledged events and is killed (SIGKILL) at random moments, many
times: every acknowledged event is still there when the store is reopened, and a torn last line
is reported, and repaired only on request. Two processes racing to append to one match in SQLite
with the same expected version: exactly one wins, and the stream has no gap.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from matches import ANFIELD_ID, anfield_first_leg, istanbul_final
from matchevents.codec import dumps
from matchevents.errors import StoreBusyError, StoreError, TornTailError
from matchevents.stores import JsonlStore, SqliteStore

WRITER = Path(__file__).parent / "fixtures" / "store_writer.py"
KILLS = {"jsonl": 8, "sqlite": 5}


def run_and_kill(kind: str, path: Path, rng: random.Random) -> int:
    """Start a writer, let it acknowledge some appends, kill it mid-stride; returns the highest
    version it acknowledged. The JSON Lines writer runs on a slow disk (short writes), so that
    kills land in the middle of lines."""
    slow = ["slow"] if kind == "jsonl" else []
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), "crash", kind, str(path), *slow],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acked = 0
    wanted = rng.randint(1, 25)
    for line in writer.stdout:
        acked = int(line.split()[1])
        wanted -= 1
        if wanted <= 0:
            break
    time.sleep(rng.random() * 0.01)  # somewhere in the middle of a following append
    writer.send_signal(signal.SIGKILL)
    for line in writer.stdout:  # acknowledgements printed before the kill landed
        acked = int(line.split()[1])
    writer.wait()
    return acked


@pytest.mark.parametrize("kind", ["jsonl", "sqlite"])
def test_a_killed_writer_never_loses_an_acknowledged_event(kind: str, tmp_path: Path) -> None:
    path = tmp_path / ("events.jsonl" if kind == "jsonl" else "events.db")
    rng = random.Random(20240411)
    torn_tails = 0
    for _ in range(KILLS[kind]):
        acked = run_and_kill(kind, path, rng)
        if kind == "jsonl":
            with JsonlStore(path) as looked_at:
                if looked_at.torn_tail is not None:
                    torn_tails += 1
                    with pytest.raises(TornTailError):
                        looked_at.append("crash-test", [])
            # Reported, not repaired: the next writer must be let in with repair=True.
            JsonlStore(path, repair=True).close()
        store = JsonlStore(path) if kind == "jsonl" else SqliteStore(path)
        with store:
            records = list(store.read("crash-test"))
            assert store.version("crash-test") >= acked
            assert [record.version for record in records] == list(range(1, len(records) + 1))
            assert all(
                record.event.scorer.startswith(f"player {record.version} ")
                for record in records[1:]
            )
    if kind == "jsonl":
        # Kills mostly land in a write (it takes most of a writer's time on the slow disk): a
        # run that never tore a line would not have tested the torn-tail path at all.
        assert torn_tails >= 1, f"{KILLS[kind]} kills and no torn tail"


def test_a_torn_tail_is_reported_and_repaired_only_on_request(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    events = anfield_first_leg()
    with JsonlStore(path) as store:
        store.append(ANFIELD_ID, events[:4], expected_version=0)
    intact = path.read_bytes()
    # What a crash in the middle of writing the next line leaves behind.
    torn = dumps(events[4])[:25].encode()
    with path.open("ab") as out:
        out.write(torn)
    with JsonlStore(path) as store:
        assert store.torn_tail is not None
        torn_tail = store.torn_tail
        assert (torn_tail.path, torn_tail.offset, torn_tail.length) == (
            str(path),
            len(intact),
            len(torn),
        )
        assert [record.event for record in store.read(ANFIELD_ID)] == events[:4]
        with pytest.raises(TornTailError, match="repair=True"):
            store.append(ANFIELD_ID, events[4:5], expected_version=4)
    assert path.read_bytes() == intact + torn  # nothing changed without the request
    with JsonlStore(path, repair=True) as store:
        assert store.torn_tail is None
        assert store.repaired is not None
        assert store.repaired.length == len(torn)
        assert store.append(ANFIELD_ID, events[4:], expected_version=4) == len(events)
    with JsonlStore(path) as store:
        assert [record.event for record in store.read(ANFIELD_ID)] == events


def test_a_damaged_line_inside_the_file_is_not_repaired_but_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    events = anfield_first_leg()
    with JsonlStore(path) as store:
        for version, event in enumerate(events):
            store.append(ANFIELD_ID, [event], expected_version=version)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace('"side":"away"', '"side":"nowhere"')
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(StoreError, match=r"events\.jsonl:3: damaged line"):
        JsonlStore(path, repair=True)
    assert path.read_text(encoding="utf-8") == "".join(lines)


def test_one_process_at_a_time_writes_a_jsonl_store(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with JsonlStore(path):
        code = (
            "import sys\n"
            "from matchevents.stores import JsonlStore\n"
            "from matchevents.errors import StoreError\n"
            "try:\n"
            f"    JsonlStore({str(path)!r})\n"
            "except StoreError as error:\n"
            "    print(error)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
    assert "in use by another process" in result.stdout


def test_a_jsonl_store_file_is_a_log_the_replay_reads(tmp_path: Path) -> None:
    from matchevents.log import read_log

    path = tmp_path / "events.jsonl"
    events = anfield_first_leg()
    with JsonlStore(path) as store:
        store.append(ANFIELD_ID, events[:3], expected_version=0)
        store.append(ANFIELD_ID, events[3:], expected_version=3)
    assert list(read_log(path)) == events


# -- SQLite across processes ----------------------------------------------------------------------
def race_once(path: Path, stream: str, expected: int) -> list[str]:
    racers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "race", str(path), stream, str(expected)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(0.3)  # both have opened the store and wait for the signal
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    return sorted(racer.communicate(timeout=30)[0].strip() for racer in racers)


def test_two_processes_with_the_same_expected_version_one_wins(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    events = anfield_first_leg()
    with SqliteStore(path) as store:
        store.append(ANFIELD_ID, events[:2], expected_version=0)
    for expected in (2, 3, 4):
        outcomes = race_once(path, ANFIELD_ID, expected)
        assert outcomes == [f"conflict {expected + 1}", f"ok {expected + 1}"]
    with SqliteStore(path) as store:
        versions = [record.version for record in store.read(ANFIELD_ID)]
    assert versions == [1, 2, 3, 4, 5]


def test_processes_see_each_others_appends(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SqliteStore(path) as reader:
        outcomes = race_once(path, "fresh-match", 0)
        assert outcomes == ["conflict 1", "ok 1"]
        assert reader.version("fresh-match") == 1
        assert os.path.exists(f"{path}-wal")


def test_a_writer_kept_waiting_past_the_timeout_is_told_the_store_is_busy(
    tmp_path: Path,
) -> None:
    """Another connection holds SQLite's write lock: the append gives up after its timeout
    with a StoreBusyError (as PostgreSQL's lock timeout does), stores nothing, and the same
    append succeeds once the lock is released."""
    import sqlite3

    path = tmp_path / "events.db"
    events = anfield_first_leg()
    with SqliteStore(path, timeout=0.2) as store:
        store.append(ANFIELD_ID, events[:2], expected_version=0)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match=r"events\.db: append to .* gave up waiting"):
            store.append(ANFIELD_ID, events[2:3], expected_version=2)
        assert time.monotonic() - started < 5
        other.execute("ROLLBACK")
        other.close()
        assert store.version(ANFIELD_ID) == 2
        assert store.append(ANFIELD_ID, events[2:3], expected_version=2) == 3


def test_a_batch_line_mixing_two_matches_is_a_damaged_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    mixed = [dumps(anfield_first_leg()[0]), dumps(istanbul_final()[0])]
    path.write_text("[" + ",".join(mixed) + "]\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"events\.jsonl:1: damaged line .* belongs to stream"):
        JsonlStore(path)


def test_an_unreadable_sqlite_row_is_named_by_its_position(tmp_path: Path) -> None:
    import sqlite3

    from matchevents.codec import CodecError

    path = tmp_path / "events.db"
    with SqliteStore(path) as store:
        store.append(ANFIELD_ID, anfield_first_leg()[:3], expected_version=0)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE events SET data = replace(data, ?, ?)", ('"side":"away"', '"side":1'))
    with SqliteStore(path) as store, pytest.raises(CodecError) as raised:
        list(store.read(ANFIELD_ID))
    assert raised.value.field == "side"
    assert f"(position 3, {ANFIELD_ID} version 3)" in str(raised.value)
