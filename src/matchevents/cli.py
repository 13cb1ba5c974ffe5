"""The ``matchevents`` command: replay, validate and inspect JSON Lines logs.

- ``matchevents replay LOG``: every match's score line (HT/FT/AET/pens where they apply), every
  tie's aggregate and outcome, and each league's table (one per group of a group stage; groups
  the stages do not name are inferred from the fixtures); ``--until DATE`` stops the log at a
  date; ``--format json`` or ``csv`` for scripts.
- ``matchevents validate LOG``: every bad line (line number, match, rule); exit status 1 if any.
- ``matchevents show LOG MATCH``: one match's timeline with the running score; ``--at MINUTE``
  stops it at a minute.
- ``matchevents team LOG NAME``: one club's record (overall, home, away, by competition), its
  current and longest streaks, recent form and, with ``--against OTHER``, its head-to-head;
  ``matchevents team LOG`` lists the log's teams. ``--teams FILE|bundled`` (here and for
  ``replay``) reads the log's teams by the club registry, canonically (see
  :mod:`matchevents.commands.team`).
- ``matchevents clubs NAME...``: the club each name means in the club registry, its country and
  other spellings, or the closest known names; ``--teams FILE`` extends the registry (see
  :mod:`matchevents.commands.clubs`).
- ``matchevents import FORMAT FILE... -o LOG``: real data into a log (see
  :mod:`matchevents.importers.command`).
- ``matchevents follow STORE``: a store's league tables kept current from its checkpoint, printed
  as they change (see :mod:`matchevents.live.command`).

Exit status: 0 on success, 1 when the log has bad lines (the rest is still replayed and printed)
or, for ``clubs``, a name names no single club (the others are still answered), 2 when the
command cannot run (no such file, no such match, bad arguments), 3 when matchevents itself failed
(a bug: ``--debug`` or ``MATCHEVENTS_DEBUG=1`` shows its traceback). Tables are aligned for
people; with ``--format csv`` or ``json`` they are for programs. A progress line is written to a
terminal's standard error on long replays, never into a pipe.

This module parses arguments, prints and chooses the exit status; what it prints is computed by
:mod:`matchevents.reports`, whose names (:func:`build_report`, :func:`to_dataframe`, the rows)
are importable from here too.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Final, TextIO

from matchevents._wording import counted
from matchevents.clock import MatchClock
from matchevents.commands.common import (
    EXIT_BAD_LINES,
    EXIT_INTERNAL_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    heading,
    iso_date,
    open_log,
    optional_registry,
    write_csv,
    write_json,
    write_lines,
    write_skipped,
)
from matchevents.competitions.rulesets import PRESETS
from matchevents.errors import CodecError, InvalidValueError, MatchEventsError
from matchevents.reports import (
    PROGRESS_EVERY,
    Report,
    TableReport,
    TieReport,
    build_report,
    find_match,
    match_report,
    nothing_read,
    problem_rows,
    result_rows,
    table_rows,
    tie_rows,
    timeline_rows,
    to_dataframe,
    validate_log,
)
from matchevents.reports.text import (
    match_lines,
    problem_lines,
    report_lines,
    validation_summary,
)

__all__ = [
    "EXIT_BAD_LINES",
    "EXIT_INTERNAL_ERROR",
    "EXIT_OK",
    "EXIT_USAGE",
    "Report",
    "TableReport",
    "TieReport",
    "build_parser",
    "build_report",
    "main",
    "result_rows",
    "table_rows",
    "tie_rows",
    "timeline_rows",
    "to_dataframe",
]

_PROGRESS_EVERY: Final = PROGRESS_EVERY


# -- printing -------------------------------------------------------------------------------------
def _progress(err: TextIO, quiet: bool) -> Callable[[int], None] | None:
    if quiet or not err.isatty():
        return None

    def report(lines: int) -> None:
        err.write(f"\rreplaying: {lines:,} lines read")
        err.flush()

    return report


# -- commands -------------------------------------------------------------------------------------
def _run_replay(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    log = open_log(args.log, err)
    if log is None:
        return EXIT_USAGE
    if args.workers < 1:
        err.write(f"matchevents: --workers needs a number of 1 or more, not {args.workers}\n")
        return EXIT_USAGE
    if args.workers > 1 and args.until is not None:
        # build_report cuts a log at a date in one process only: say so, not ignore --workers.
        err.write("matchevents: --until replays in one process: leave out --workers\n")
        return EXIT_USAGE
    progress = _progress(err, args.quiet or args.workers > 1)
    report = build_report(
        log,
        until=args.until,
        rules=PRESETS[args.rules] if args.rules else None,
        progress=progress,
        progress_every=_PROGRESS_EVERY,
        workers=args.workers,
        teams=optional_registry(args.teams),
    )
    if progress is not None:
        err.write("\r\033[K")
    if args.format == "json":
        whole = {
            "events": report.events,
            "results": result_rows(report.results),
            "ties": tie_rows(report.ties),
            "tables": table_rows(report.tables),
            "problems": problem_rows(report.problems, log),
        }
        # --only keeps the object with its one key ("tables" for --only table): read alike.
        key = "tables" if args.only == "table" else args.only
        write_json(whole if key is None else {key: whole[key]}, out)
    elif args.format == "csv":
        only = args.only or "results"
        if only == "results":
            write_csv(result_rows(report.results), out)
        elif only == "ties":
            write_csv(tie_rows(report.ties), out)
        else:
            write_csv(table_rows(report.tables), out)
    else:
        write_lines(report_lines(report, args.only, heading(out)), out)
    # Matches a cut at a date cannot place are not bad lines of the log: say each one here.
    undated = [problem for problem in report.problems if problem.code == "undated"]
    bad_lines = len(report.problems) - len(undated)
    for problem in undated:
        err.write(f"matchevents: {args.log}:{problem.line}: match {problem.match_id}: ")
        err.write(f"[{problem.kind}] {problem.message}\n")
    if not report.events:
        hint = nothing_read(0, report.problems, log)
        if args.until is not None and not hint:
            err.write(f"matchevents: {args.log}: nothing happened by {args.until}\n")
        else:
            err.write(f"matchevents: {args.log}: no event accepted{hint}\n")
    if bad_lines:
        err.write(
            f"matchevents: {counted(bad_lines, 'bad line')} in {args.log} "
            f"{'was' if bad_lines == 1 else 'were'} skipped; "
            f"run 'matchevents validate {args.log}' to list them\n"
        )
    return EXIT_BAD_LINES if report.problems else EXIT_OK


def _run_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    log = open_log(args.log, err)
    if log is None:
        return EXIT_USAGE
    progress = _progress(err, args.quiet)
    report = validate_log(log, progress=progress, progress_every=_PROGRESS_EVERY)
    if progress is not None:
        err.write("\r\033[K")
    if args.format == "json":
        write_json(
            {
                "log": str(log),
                "events": report.events,
                "matches": report.matches,
                "problems": problem_rows(report.problems, log),
            },
            out,
        )
    else:
        write_lines(problem_lines(report), out)
        err.write(validation_summary(report) + "\n")
    return EXIT_OK if report.valid else EXIT_BAD_LINES


def _run_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    log = open_log(args.log, err)
    if log is None:
        return EXIT_USAGE
    lookup = find_match(log, args.match)
    if lookup.match_id is None:
        seen = lookup.seen
        listed = f"'matchevents replay {log} --only results --format csv' lists"
        if lookup.suggestions and lookup.more:
            hint = (
                f"; did you mean: {', '.join(lookup.suggestions)}, and {lookup.more} more "
                f"containing {args.match!r} ({listed} every match's id)"
            )
        elif lookup.suggestions:
            hint = f"; did you mean: {', '.join(lookup.suggestions)}"
        elif seen:
            hint = (
                f"; it holds {counted(len(seen), 'match', 'matches')}, e.g. {', '.join(seen[:3])} "
                f"({listed} their ids)"
            )
        else:
            hint = "; it holds no match"
        err.write(f"matchevents: no single match {args.match!r} in {log}{hint}\n")
        return EXIT_USAGE
    report = match_report(log, lookup.match_id, at=args.at)
    if not report.events and report.skipped:
        err.write(
            f"matchevents: no event of match {report.match_id!r} was accepted (a match's first "
            f"event is its schedule); 'matchevents validate {log}' lists what is wrong\n"
        )
    if args.format == "json":
        write_json({"match_id": report.match_id, "events": report.rows}, out)
    elif args.format == "csv":
        write_csv(report.rows, out)
    else:
        write_lines(match_lines(report, heading(out)), out)
    write_skipped(report.skipped, log, err)
    return EXIT_BAD_LINES if report.skipped else EXIT_OK


# -- the parser -----------------------------------------------------------------------------------
def _minute(text: str) -> str:
    try:
        MatchClock.parse(text)
    except InvalidValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def build_parser() -> argparse.ArgumentParser:
    """The ``matchevents`` argument parser, with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="matchevents",
        description="Replay, validate and inspect football match event logs (JSON Lines).",
    )
    parser.add_argument("--version", action="version", version=f"matchevents {_version()}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an internal error (also MATCHEVENTS_DEBUG=1)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    replay_parser = commands.add_parser(
        "replay",
        help="print every match's score, every tie's outcome and the league tables of a log",
        description="Replay a log: score lines (HT/FT/AET/pens), ties (aggregate and outcome) "
        "and league tables. Bad lines are skipped and counted (exit status 1).",
    )
    replay_parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    replay_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    replay_parser.add_argument(
        "--only",
        choices=("results", "ties", "table"),
        help="print one section (--format csv: which one, default results; --format json: "
        'the object with that key only, e.g. {"ties": [...]}, "tables" for table)',
    )
    replay_parser.add_argument(
        "--until", type=iso_date, metavar="DATE", help="stop the log at a date (YYYY-MM-DD)"
    )
    replay_parser.add_argument(
        "--rules", choices=sorted(PRESETS), help="the league table rules (default: by name)"
    )
    replay_parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="replay in N processes (1 or more), the log split by match (same output); --until "
        "replays in one process, so not with it",
    )
    replay_parser.add_argument(
        "--teams",
        metavar="FILE|bundled",
        help="read the log's teams by their canonical names in the club registry (bundled: the "
        "one that ships; FILE: a CSV extending it); the log is left as it is",
    )
    replay_parser.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    replay_parser.set_defaults(handler=_run_replay)

    validate_parser = commands.add_parser(
        "validate",
        help="check a log and report every bad line (exit status 1 if there is one)",
        description="Check every line of a log: readable, accepted by its match's timeline, "
        "and every points deduction naming a team that plays in its season. Each bad line is "
        "reported with its line number, match and rule.",
    )
    validate_parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    validate_parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    validate_parser.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    validate_parser.set_defaults(handler=_run_validate)

    show_parser = commands.add_parser(
        "show",
        help="print one match's timeline with the running score",
        description="Print one match's events with the score after each. MATCH is a match id, "
        "or a part of one that names a single match.",
    )
    show_parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    show_parser.add_argument("match", metavar="MATCH", help="the match id, or a unique part")
    show_parser.add_argument(
        "--at", type=_minute, metavar="MINUTE", help="stop at a minute, e.g. 60 or 45+2"
    )
    show_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    show_parser.set_defaults(handler=_run_show)

    from matchevents.commands.clubs import register as register_clubs
    from matchevents.commands.team import register as register_team
    from matchevents.importers.command import register as register_import
    from matchevents.live.command import register as register_follow

    register_team(commands)
    register_clubs(commands)
    register_import(commands)
    register_follow(commands)
    return parser


def _version() -> str:
    try:
        return metadata.version("matchevents")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the ``matchevents`` command; returns its exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        # A path that is not UTF-8 (Linux allows any bytes) is printed escaped, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    debug = args.debug or os.environ.get("MATCHEVENTS_DEBUG", "") not in ("", "0")
    try:
        handler: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.handler
        status = handler(args, out, err)
    except BrokenPipeError:
        # The reader (``| head``) has gone: stop quietly, and keep Python from complaining
        # when it flushes standard output on exit.
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except CodecError as error:
        err.write(f"matchevents: {error}\n")
        return EXIT_BAD_LINES
    except (OSError, MatchEventsError) as error:
        err.write(f"matchevents: {error}\n")
        return EXIT_USAGE
    except Exception as error:
        if debug:
            raise
        # Not a property of the input: say so, and how to see where it failed.
        err.write(
            f"matchevents: internal error ({type(error).__name__}: {error}): this is a bug in "
            f"matchevents {_version()}, not in your data; run again with --debug (or "
            "MATCHEVENTS_DEBUG=1) to see the traceback, and please report it\n"
        )
        return EXIT_INTERNAL_ERROR
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
