"""The recorded output of the ``matchevents`` command (``tests/golden/cli.json``), and how to
record it again.

``python tests/golden_cli.py --update`` runs every command and writes what it printed;
``python tests/golden_cli.py --show 'replay examples/uel-2023-24-qf-liverpool-atalanta.jsonl'``
prints one command's output (an example command, or ``FILE COMMAND`` of the shared data) as the
test runs it. Commands run in a temporary folder holding ``examples/`` and the shared data as
``data/``, so the paths they print are the same on every machine.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from matchevents.cli import main

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden" / "cli.json"
EXAMPLES = TESTS.parent / "examples"
SHARED_DATA = TESTS.parent.parent / "shared" / "data"

Outcome = dict[str, Any]

UEL = "examples/uel-2023-24-qf-liverpool-atalanta.jsonl"
PL = "examples/premier-league-2023-24.jsonl"
EXAMPLE_COMMANDS: list[tuple[str, ...]] = [
    ("replay", UEL),
    ("replay", UEL, "--format", "json"),
    ("replay", UEL, "--format", "csv"),
    ("replay", UEL, "--format", "csv", "--only", "ties"),
    ("replay", UEL, "--only", "ties"),
    ("replay", UEL, "--only", "table"),
    ("replay", UEL, "--until", "2024-04-12"),
    ("replay", UEL, "--until", "2024-01-01"),
    ("replay", PL),
    ("replay", PL, "--format", "json"),
    ("replay", PL, "--format", "csv"),
    ("replay", PL, "--format", "csv", "--only", "table"),
    ("replay", PL, "--only", "table", "--until", "2023-12-31"),
    ("replay", PL, "--only", "table", "--rules", "serie-a"),
    ("replay", PL, "--workers", "2", "--only", "table"),
    ("validate", UEL),
    ("validate", UEL, "--format", "json"),
    ("validate", PL),
    ("show", UEL, "uel-2023-24-qf-liverpool-atalanta-2"),
    ("show", UEL, "atalanta-1", "--at", "45+1"),
    ("show", UEL, "atalanta-1", "--format", "json"),
    ("show", UEL, "atalanta-2", "--format", "csv"),
    ("show", UEL, "atalanta"),
    ("show", UEL, "no-such-match"),
    ("show", PL, "arsenal"),
    ("replay", "examples"),
    ("replay", "examples/missing.jsonl"),
    ("replay", PL, "--only", "table", "--teams", "bundled"),
    ("team", UEL, "Liverpool", "--against", "Atalanta"),
    ("team", UEL, "Atalanta", "--format", "json"),
    ("team", UEL, "Liverpool", "--format", "csv", "--only", "streaks"),
    ("team", UEL),
    ("team", UEL, "Atlanta"),
    ("team", PL, "Arsenal", "--venue", "home"),
    ("team", PL, "Arsenal", "--teams", "bundled", "--format", "csv"),
    ("clubs", "Arsenal", "Atalanta"),
    ("clubs", "Liverpool", "Atlanta", "--format", "json"),
    ("follow", UEL, "--once", "--show", "all"),
    ("follow", PL, "--once"),
]

FORMAT_OF_SUFFIX = {
    ".csv": "football-data-csv",
    ".txt": "football-txt",
    ".json": "openfootball-json",
}
SHARED_DATA_FILES: list[str] = (
    [
        *(
            f"openfootball/{name}"
            for name in sorted(
                p.name
                for p in (SHARED_DATA / "openfootball").glob("*")
                if p.suffix in (".txt", ".json")
            )
        ),
        *(f"football-data/{p.name}" for p in sorted((SHARED_DATA / "football-data").glob("*.csv"))),
    ]
    if SHARED_DATA.is_dir()
    else []
)


def _digest(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _run(argv: tuple[str, ...]) -> tuple[Outcome, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    outcome = {"status": status, "out": _digest(out.getvalue()), "err": _digest(err.getvalue())}
    return outcome, out.getvalue(), err.getvalue()


def run_example(argv: tuple[str, ...], folder: Path) -> Outcome:
    """What one command prints on the bundled examples, run in ``folder``."""
    shutil.copytree(EXAMPLES, folder / "examples", dirs_exist_ok=True)
    with _inside(folder):
        return _run(argv)[0]


def shared_commands(name: str, log: str) -> list[tuple[str, ...]]:
    """The commands run on one shared file once it is imported to ``log``."""
    return [
        ("replay", log),
        ("replay", log, "--format", "json"),
        ("replay", log, "--format", "csv", "--only", "table"),
        ("validate", log, "--format", "json"),
    ]


def run_shared(name: str, shared_data: Path, folder: Path) -> dict[str, Outcome]:
    """Import one shared file into a log, then replay, validate and show it; keyed by
    ``"FILE COMMAND"``."""
    (folder / "data").symlink_to(shared_data, target_is_directory=True)
    log = Path(name).stem + ".jsonl"
    path = f"data/{name}"
    outcomes: dict[str, Outcome] = {}
    with _inside(folder):
        argv = ("import", FORMAT_OF_SUFFIX[Path(name).suffix], path, "-o", log)
        outcome, _, _ = _run(argv)
        outcome["log"] = _digest(Path(log).read_bytes())
        outcomes[f"{name} import"] = outcome
        for command in shared_commands(name, log):
            outcomes[f"{name} {' '.join(command)}"] = _run(command)[0]
        last = json.loads(Path(log).read_text(encoding="utf-8").splitlines()[-1])["match_id"]
        outcomes[f"{name} show LAST"] = _run(("show", log, last))[0]
    return outcomes


def record() -> dict[str, Outcome]:
    """Every command's outcome, as the test compares it."""
    recorded: dict[str, Outcome] = {}
    for argv in EXAMPLE_COMMANDS:
        with tempfile.TemporaryDirectory() as folder:
            recorded[" ".join(argv)] = run_example(argv, Path(folder))
    for name in SHARED_DATA_FILES:
        with tempfile.TemporaryDirectory() as folder:
            recorded.update(run_shared(name, SHARED_DATA, Path(folder)))
    return recorded


def _show(key: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(EXAMPLES, Path(folder) / "examples")
        (Path(folder) / "data").symlink_to(SHARED_DATA, target_is_directory=True)
        with _inside(Path(folder)):
            name, _, rest = key.partition(" ")
            if name in SHARED_DATA_FILES:
                log = Path(name).stem + ".jsonl"
                _run(("import", FORMAT_OF_SUFFIX[Path(name).suffix], f"data/{name}", "-o", log))
                if rest == "show LAST":
                    lines = Path(log).read_text(encoding="utf-8").splitlines()
                    rest = f"show {log} {json.loads(lines[-1])['match_id']}"
                key = rest
            outcome, out, err = _run(tuple(key.split(" ")))
    sys.stdout.write(out)
    sys.stderr.write(err)
    print(f"[exit status {outcome['status']}]", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--update", action="store_true", help="record every command again")
    group.add_argument("--show", metavar="COMMAND", help="print one command's output")
    args = parser.parse_args()
    if args.update:
        if not SHARED_DATA.is_dir():
            sys.exit(f"the shared data ({SHARED_DATA}) is needed to record the outputs")
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(record(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {GOLDEN}")
    else:
        _show(args.show)
