"""The ``matchevents team LOG [NAME]`` command: one club's record (overall, home, away, by
competition), its current and longest streaks, recent form and, with ``--against OTHER``, its
head-to-head; without ``NAME``, the log's teams.

:func:`register` adds the subcommand to the ``matchevents`` parser; :func:`run` is what it does:
it parses, asks :mod:`matchevents.reports` (:func:`~matchevents.reports.team_results`,
:func:`~matchevents.reports.find_team`, :func:`~matchevents.reports.find_competition`,
:func:`~matchevents.reports.team_report`) and prints. Exit status: 0 when all went well, 1 when
the log has bad lines (skipped and reported), 2 when the command cannot run (no such file, no
such team, ``--competition`` naming no competition of the log).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from matchevents.commands import common
from matchevents.competitions.records import Venue
from matchevents.reports import (
    closest_names,
    find_competition,
    find_team,
    record_rows,
    streak_rows,
    team_json,
    team_report,
    team_results,
)
from matchevents.reports.text import team_lines, team_list_lines
from matchevents.teams import ClubRegistry

__all__ = ["register", "run"]


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``team`` subcommand to a parser's subparsers; its ``handler`` is :func:`run`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "team",
        help="print one club's record, streaks, form and head-to-head across competitions",
        description="One club's record (overall, home, away, by competition), its current and "
        "longest streaks (unbeaten, winning, losing, without a win, scoring, clean sheets) "
        "with their first and last matches, its recent form, and with --against its "
        "head-to-head. Without NAME, the log's teams. Bad lines are skipped (exit status 1).",
    )
    parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    parser.add_argument(
        "name", metavar="NAME", nargs="?", help="the team (any spelling the registry knows)"
    )
    parser.add_argument("--against", metavar="OTHER", help="its head-to-head against OTHER")
    parser.add_argument(
        "--venue",
        choices=[venue.value for venue in Venue],
        default="any",
        help="the matches the streaks and the form count (default: any)",
    )
    parser.add_argument(
        "--competition",
        metavar="NAME",
        help="count one competition of the log only (its name as the log gives it, in any case)",
    )
    parser.add_argument(
        "--until", type=common.iso_date, metavar="DATE", help="count the matches played by a date"
    )
    parser.add_argument(
        "--last", type=_last, default=5, metavar="N", help="form of the last N matches (5)"
    )
    parser.add_argument(
        "--teams",
        metavar="FILE|bundled",
        help="read the log's teams by the club registry, as replay --teams does",
    )
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    parser.add_argument(
        "--only",
        choices=("records", "streaks"),
        help="with --format csv: the records (default) or the streaks",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print what ``args`` (of :func:`register`'s parser) asks; return the exit status."""
    log = common.open_log(args.log, err)
    if log is None:
        return common.EXIT_USAGE
    clubs = common.optional_registry(args.teams)
    results = team_results(log, teams=clubs, until=args.until)
    common.write_skipped(results.problems, log, err)
    status = common.EXIT_BAD_LINES if results.problems else common.EXIT_OK
    if args.name is None:
        common.write_lines(team_list_lines(results, common.heading(out)), out)
        return status
    team = _team(results.teams, args.name, clubs, log, err)
    against = None if args.against is None else _team(results.teams, args.against, clubs, log, err)
    if team is None or (args.against is not None and against is None):
        return common.EXIT_USAGE
    competition = None
    if args.competition is not None:
        competition = _competition(results.competitions, args.competition, log, err)
        if competition is None:
            return common.EXIT_USAGE
    report = team_report(
        results,
        team,
        against=against,
        venue=Venue(args.venue),
        competition=competition,
        last=args.last,
    )
    if args.format == "json":
        common.write_json(team_json(report), out)
    elif args.format == "csv":
        common.write_csv(
            streak_rows(report) if args.only == "streaks" else record_rows(report), out
        )
    else:
        common.write_lines(team_lines(report, common.heading(out)), out)
    return status


def _team(
    names: Sequence[str], wanted: str, clubs: ClubRegistry | None, log: Path, err: TextIO
) -> str | None:
    """The team of the log that ``wanted`` names; else None, having said so with the closest
    names. Notes the log's other names of the same club."""
    lookup = find_team(names, wanted, clubs)
    if lookup.team is None:
        hint = f"; did you mean: {', '.join(lookup.closest)}" if lookup.closest else ""
        err.write(
            f"matchevents: no team {wanted!r} in {log}{hint} "
            f"('matchevents team {log}' lists its teams)\n"
        )
        return None
    if lookup.also_named:
        others = ", ".join(map(repr, lookup.also_named))
        err.write(
            f"matchevents: note: {log} also names {lookup.team!r} as {others}; "
            "--teams bundled counts them as one\n"
        )
    return lookup.team


def _competition(names: Sequence[str], wanted: str, log: Path, err: TextIO) -> str | None:
    """The competition of the log that ``wanted`` names; else None, having said so with the
    closest names. Asked of the whole log, not of the team: a competition the team did not play
    in is still counted (0 matches), and the head-to-head (``--against``) is counted in it."""
    competition = find_competition(names, wanted)
    if competition is None:
        closest = closest_names(names, wanted)
        if closest:
            hint = f"did you mean: {', '.join(closest)}"
        else:  # the team was found, so the log has a competition
            more = f" and {len(names) - 5} more" if len(names) > 5 else ""
            hint = f"its competitions: {', '.join(names[:5])}{more}"
        err.write(f"matchevents: no competition {wanted!r} in {log}; {hint}\n")
    return competition


def _last(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of matches: {text!r}")
    return int(text)
