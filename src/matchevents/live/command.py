"""The ``matchevents follow STORE`` command: keep a store's league tables (or ties, or results)
current and print them each time they change.

``STORE`` is an SQLite database (``.db``, ``.sqlite``, ``.sqlite3``, or any file that is one), a
JSON Lines store (any other file) or a PostgreSQL connection URI (``postgresql://...``, with
``--schema``). The command resumes the results read model from its checkpoint (in the database,
or in ``STORE.checkpoints/`` beside a JSON Lines store), catches up (a progress line on a
terminal), prints the report, then follows the store and prints it again whenever it changes,
until SIGINT or SIGTERM, when it checkpoints and exits 0. ``--once`` stops after catching up.
``--rebuild`` folds the store from the start; ``--from-checkpoint`` refuses to start without a
usable checkpoint. Exit status 2 when the store cannot be opened or a checkpoint cannot be used
(the message says to ``--rebuild``).

:func:`register` adds the subcommand to the ``matchevents`` parser; :func:`run` is what it does:
it parses, calls the runner (:mod:`matchevents.live`) and the reports
(:func:`~matchevents.reports.report_of`, :func:`~matchevents.reports.text.report_lines`), and
prints.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TextIO

from matchevents.commands.common import EXIT_OK, EXIT_USAGE
from matchevents.competitions.rulesets import PRESETS
from matchevents.live import RESULTS_MODEL, Progress, Runner, checkpoints_for
from matchevents.reports import report_of
from matchevents.reports.text import report_lines
from matchevents.stores import EventStore, JsonlStore, SqliteStore

__all__ = ["open_store", "register", "run"]

_SQLITE_HEADER: Final = b"SQLite format 3\x00"
_SQLITE_SUFFIXES: Final = (".db", ".sqlite", ".sqlite3")


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``follow`` subcommand to a parser's subparsers; its ``handler`` is :func:`run`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "follow",
        help="keep a store's league tables current and print them as they change",
        description="Resume from the store's checkpoint, catch up, print the league tables (or "
        "ties, or results), then print them again each time events change them, until "
        "interrupted (Ctrl-C or SIGTERM checkpoints and stops).",
    )
    parser.add_argument(
        "store",
        metavar="STORE",
        help="an SQLite database, a JSON Lines store, or a postgresql:// URI",
    )
    parser.add_argument(
        "--show",
        choices=("table", "ties", "results", "all"),
        default="table",
        help="what to print (default: the league tables)",
    )
    start = parser.add_mutually_exclusive_group()
    start.add_argument(
        "--from-checkpoint",
        action="store_true",
        help="refuse to start without a usable checkpoint",
    )
    start.add_argument(
        "--rebuild", action="store_true", help="forget the checkpoint and fold the whole store"
    )
    parser.add_argument(
        "--once", action="store_true", help="stop once caught up (print, checkpoint, exit)"
    )
    parser.add_argument(
        "--every",
        type=_positive_int,
        metavar="N",
        help="checkpoint every N events (default: by time only)",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="checkpoint when this long has passed since the last one (default: 5)",
    )
    parser.add_argument(
        "--checkpoints",
        type=Path,
        metavar="DIR",
        help="where checkpoint files go for a JSON Lines store (default: STORE.checkpoints)",
    )
    parser.add_argument("--schema", default="matchevents", help="the PostgreSQL schema")
    parser.add_argument(
        "--rules", choices=sorted(PRESETS), help="the league table rules (default: by name)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or status lines")
    parser.set_defaults(handler=run)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return value


def open_store(location: str, *, schema: str = "matchevents") -> EventStore:
    """The store at ``location``: a ``postgresql://`` (or ``postgres://``) URI, an SQLite
    database (by its suffix or its first bytes), or a JSON Lines file.

    Raises:
        FileNotFoundError: no such file.
        StoreError: the store cannot be opened.
    """
    if location.startswith(("postgresql://", "postgres://")):
        from matchevents.stores.postgres import PostgresStore

        return PostgresStore(location, schema=schema)
    path = Path(location)
    if not path.is_file():
        raise FileNotFoundError(f"{location}: no such store (a file, or a postgresql:// URI)")
    with open(path, "rb") as file:
        header = file.read(len(_SQLITE_HEADER))
    if header == _SQLITE_HEADER or path.suffix.lower() in _SQLITE_SUFFIXES:
        return SqliteStore(path)
    return JsonlStore(path)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Follow the store (see the module's documentation); returns the exit status."""
    try:
        store = open_store(args.store, schema=args.schema)
    except FileNotFoundError as error:
        err.write(f"matchevents: {error}\n")
        return EXIT_USAGE
    with contextlib.closing(store):
        runner = Runner(
            store,
            [RESULTS_MODEL],
            checkpoints=checkpoints_for(store, args.checkpoints),
            every=args.every,
            interval=args.interval,
            progress=_progress(err, args.quiet),
        )
        [started] = runner.start(rebuild=args.rebuild, require_checkpoint=args.from_checkpoint)
        if not args.quiet:
            err.write(_started_line(started.how, started.position, started.detail))
        printer = _Printer(runner, args, out, err)
        with runner.stop_on_signals():
            if args.once:
                runner.catch_up()
                printer.clear_progress()
                if not runner.stopping:  # stopped halfway: the tables are not the store's
                    printer()
                runner.checkpoint()
            else:
                runner.follow(printer)
        if not args.quiet:
            err.write(f"matchevents: stopped at position {runner.position:,}, checkpoint saved\n")
    return EXIT_OK


def _started_line(how: str, position: int, detail: str) -> str:
    if how == "resumed":
        return f"matchevents: resuming from the checkpoint at position {position:,}\n"
    if how == "stale":
        return f"matchevents: the checkpoint is stale ({detail}): folding the whole store\n"
    if how == "rebuilt":
        return "matchevents: checkpoint forgotten: folding the whole store\n"
    return "matchevents: no checkpoint yet: folding the whole store\n"


class _Printer:
    """Prints the report when it differs from the one printed last."""

    def __init__(self, runner: Runner, args: argparse.Namespace, out: TextIO, err: TextIO):
        self.runner = runner
        self.only = None if args.show == "all" else args.show
        self.rules = PRESETS[args.rules] if args.rules else None
        self.out = out
        self.err = err
        self.progress = not args.quiet and err.isatty()
        self.last: list[str] | None = None

    def clear_progress(self) -> None:
        if self.progress:
            self.err.write("\r\033[K")
            self.progress = False

    def __call__(self) -> None:
        self.clear_progress()
        state = self.runner.state(RESULTS_MODEL.name)
        report = report_of(state, rules=self.rules, events=self.runner.position)
        lines = report_lines(report, self.only)
        if lines == self.last:
            return
        if self.last is not None:
            self.out.write(f"\n-- at position {self.runner.position:,}\n")
        self.out.write("".join(line + "\n" for line in lines))
        self.out.flush()
        self.last = lines


def _progress(err: TextIO, quiet: bool) -> Callable[[Progress], None] | None:
    if quiet or not err.isatty():
        return None

    def report(progress: Progress) -> None:
        err.write(
            f"\rcatching up: {progress.events:,} events folded, at position {progress.position:,}"
        )
        err.flush()

    return report
