"""``matchevents follow STORE``: a store's tables kept current from its checkpoint, printed as
they change; the same report ``matchevents replay`` prints of the same events."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from matchevents.cli import main
from matchevents.log import read_log
from matchevents.stores import EventStore, JsonlStore, SqliteStore, stream_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PREMIER_LEAGUE = EXAMPLES / "premier-league-2023-24.jsonl"
UEL = EXAMPLES / "uel-2023-24-qf-liverpool-atalanta.jsonl"


def run(*argv: str | Path, err: io.StringIO | None = None) -> tuple[int, str, str]:
    """Run the command as a pipe would: output captured, no terminal."""
    out, err = io.StringIO(), err or io.StringIO()
    status = main([str(arg) for arg in argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def append(store: EventStore, events: list[Any]) -> None:
    """Append each run of events of one stream as one batch (an fsync a batch, not an event)."""
    for stream, run_ in itertools.groupby(events, key=stream_of):
        store.append(stream, list(run_))


def fill(store: EventStore, log: Path) -> None:
    with store:
        append(store, list(read_log(log)))


@pytest.fixture(scope="module")
def seasons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Stores holding the 2023-24 Premier League season and the Europa League tie, by kind."""
    folder = tmp_path_factory.mktemp("seasons")
    with SqliteStore(folder / "season.db") as store:
        append(store, [*read_log(PREMIER_LEAGUE), *read_log(UEL)])
    # A JSON Lines store's file is a log: the logs one after the other.
    (folder / "season.jsonl").write_bytes(PREMIER_LEAGUE.read_bytes() + UEL.read_bytes())
    return {"sqlite": folder / "season.db", "jsonl": folder / "season.jsonl"}


@pytest.fixture(params=["sqlite", "jsonl"])
def season(request: pytest.FixtureRequest, seasons: dict[str, Path], tmp_path: Path) -> Path:
    """A copy of one of :func:`seasons`, for the test alone."""
    template = seasons[request.param]
    copy = tmp_path / template.name
    shutil.copyfile(template, copy)
    return copy


def test_follow_once_prints_what_replay_prints_of_the_same_events(
    season: Path, tmp_path: Path
) -> None:
    log = tmp_path / "both.jsonl"
    log.write_bytes(PREMIER_LEAGUE.read_bytes() + UEL.read_bytes())
    for show, only in (("table", ["--only", "table"]), ("all", []), ("ties", ["--only", "ties"])):
        status, out, err = run("follow", season, "--once", "--show", show)
        assert status == 0, err
        assert out == run("replay", log, *only)[1]


def test_a_second_run_resumes_from_the_checkpoint(season: Path) -> None:
    first = run("follow", season, "--once")
    assert "no checkpoint yet: folding the whole store" in first[2]
    assert "stopped at position 1,918, checkpoint saved" in first[2]
    status, out, err = run("follow", season, "--once")
    assert status == 0
    assert "resuming from the checkpoint at position 1,918" in err
    assert out == first[1]


def test_from_checkpoint_refuses_to_start_without_one(season: Path) -> None:
    status, out, err = run("follow", season, "--once", "--from-checkpoint")
    assert (status, out) == (2, "")
    assert "no checkpoint 'results' to start from" in err


def test_rebuild_forgets_the_checkpoint(season: Path) -> None:
    run("follow", season, "--once")
    status, out, err = run("follow", season, "--once", "--rebuild")
    assert status == 0
    assert "checkpoint forgotten: folding the whole store" in err
    assert out == run("follow", season, "--once", "-q")[1]


def test_a_damaged_checkpoint_says_to_rebuild(tmp_path: Path) -> None:
    fill(JsonlStore(tmp_path / "season.jsonl"), UEL)
    run("follow", tmp_path / "season.jsonl", "--once")
    checkpoint = tmp_path / "season.jsonl.checkpoints" / "results.checkpoint"
    header, _, _ = checkpoint.read_text().partition("\n")
    checkpoint.write_text(header + "\n{}")
    status, out, err = run("follow", tmp_path / "season.jsonl", "--once")
    assert (status, out) == (2, "")
    assert "not a checkpoint document; rebuild it from the store" in err
    assert "--rebuild" in err
    assert run("follow", tmp_path / "season.jsonl", "--once", "--rebuild")[0] == 0


def test_a_store_that_is_not_there_is_a_usage_error(tmp_path: Path) -> None:
    status, out, err = run("follow", tmp_path / "nothing.db")
    assert (status, out) == (2, "")
    assert "nothing.db: no such store" in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_line_is_written_to_a_terminal_only(season: Path) -> None:
    terminal = Terminal()
    run("follow", season, "--once", err=terminal)
    assert "\rcatching up: 1,918 events folded, at position 1,918" in terminal.getvalue()
    assert "catching up" not in run("follow", season, "--once", "--rebuild")[2]


def test_following_prints_the_tables_again_as_events_change_them_until_sigterm(
    tmp_path: Path,
) -> None:
    events = list(read_log(PREMIER_LEAGUE))
    with SqliteStore(tmp_path / "season.db") as store:
        append(store, events[:1000])
    follower = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "matchevents.cli",
            "follow",
            str(tmp_path / "season.db"),
            "--interval",
            "0.3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert follower.stdout is not None
        first = follower.stdout.readline()
        assert first.startswith("English Premier League 2023-24")
        with SqliteStore(tmp_path / "season.db") as store:
            append(store, events[1000:])
        printed = [first]
        while not printed[-1].startswith("-- at position"):
            printed.append(follower.stdout.readline())
            assert printed[-1], "follow ended before printing the new tables"
        # The tables of the whole season come once every event is in (a burst's last print).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with SqliteStore(tmp_path / "season.db") as store:
                saved = store.load_checkpoint("results")
            if saved is not None and saved.position == len(events):
                break
            time.sleep(0.2)
        os.kill(follower.pid, signal.SIGTERM)
        # Read on from the same files: communicate() would miss what readline() has buffered.
        out = follower.stdout.read()
        assert follower.stderr is not None
        err = follower.stderr.read()
        follower.wait(timeout=60)
    finally:
        follower.kill()
    assert follower.returncode == 0, err
    assert f"stopped at position {len(events):,}, checkpoint saved" in err
    last = ("".join(printed) + out).rsplit("-- at position", 1)[1].split("\n", 1)[1]
    assert last == run("replay", PREMIER_LEAGUE, "--only", "table")[1]
