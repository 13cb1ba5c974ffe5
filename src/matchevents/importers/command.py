"""The ``matchevents import FORMAT FILE... -o LOG`` command: import files, write their events to a
log, each match once, with the points deductions of ``--sanctions``; report every bad record and
every duplicate.

:func:`register` adds the subcommand to the ``matchevents`` parser; :func:`run` is what it does.
``LOG`` is replaced whole or not at all (the new log is written beside it and renamed over it;
``--append`` extends it the same way). Teams are named by the club registry
(:mod:`matchevents.teams`, the bundled one extended by ``--teams CSV``): each spelling it names
no single club by is reported and imported as written, or refused with ``--strict-teams``;
``--source-names`` keeps the files' names in the events. Without ``--sanctions``, each competition
season imported whose points deductions matchevents ships (:data:`BUILTIN_SANCTIONS`) gets a note
on standard error, naming the option that adds them. A file that is not there, or a folder, is
named before any file is read. Exit status: 0 when every record was imported (duplicates that
agree with what they repeat are fine, and an ``--append`` of matches ``LOG`` holds already is done:
nothing new to write), 1 when bad records were reported or a duplicate disagrees (the rest is
written), 2 when nothing was written and ``LOG`` is as it was (a file is missing or could not be
imported, ``--stop`` met a bad record, no match was imported, or ``LOG`` could not be written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, TextIO

from matchevents._files import Replacement
from matchevents._wording import counted
from matchevents.commands.common import EXIT_BAD_LINES, EXIT_OK, EXIT_USAGE
from matchevents.competitions.rulesets import (
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_UNTIL_2021,
    TieRules,
)
from matchevents.errors import BadRecordError, ImportSourceError, UnnamedSourceError
from matchevents.importers import FORMATS
from matchevents.importers.duplicates import read_known
from matchevents.importers.kloppy.options import add_options, bind_options, companion_files
from matchevents.importers.plan import ImportPlan, plan_import
from matchevents.importers.report import ImportResult, OnError
from matchevents.importers.sanctions import (
    BUILTIN_SANCTIONS,
    LeftOut,
    Sanction,
    builtin_deductions_left_out,
    load_sanctions,
)
from matchevents.importers.source import not_a_file
from matchevents.teams import ClubRegistry, load_clubs

__all__ = [
    "BUILTIN_ALIASES",
    "EXIT_BAD_RECORDS",
    "EXIT_NOTHING_WRITTEN",
    "EXIT_OK",
    "TIE_RULES",
    "main",
    "register",
    "run",
]

TIE_RULES: Final[dict[str, TieRules]] = {
    "uefa-until-2021": UEFA_KNOCKOUT_UNTIL_2021,
    "uefa-from-2021": UEFA_KNOCKOUT_FROM_2021,
}
"""The ``--ties`` choices: UEFA's knockout rules with and without away goals."""

BUILTIN_ALIASES: Final = ("premier-league",)
"""Names ``--aliases`` (deprecated: ``--teams``) accepts instead of a CSV file, for the bundled
registry."""

# The statuses every command shares (matchevents.commands.common), by what they mean here.
EXIT_BAD_RECORDS: Final = EXIT_BAD_LINES
"""Bad records were reported, or a duplicate disagrees with what it repeats; the rest was written.
The status of bad lines: part of the input is bad and reported, the rest is done."""
EXIT_NOTHING_WRITTEN: Final = EXIT_USAGE
"""Nothing was written and ``LOG`` is as it was: a file could not be imported, ``--stop`` met a
bad record, no match was imported, or ``LOG`` could not be written. (An ``--append`` whose
matches are all in ``LOG`` already writes nothing too, but has done its job: 0, or 1 with bad
records or disagreeing duplicates.)"""


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``import`` subcommand to a parser's subparsers (``parser.add_subparsers()``).

    The subcommand's parser has ``handler`` set to :func:`run`.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import real data (football.json, Football.TXT, football-data CSV, event data) "
        "into a log",
        description=(
            "Import match data files as validated events and write them to a JSON Lines log. "
            "Bad records are reported (file, line or record, match, what is wrong) and left out."
        ),
    )
    parser.add_argument("format", choices=sorted(FORMATS), help="the files' format")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="LOG",
        help="the log to write (replaced unless --append)",
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="add to the end of LOG (matches it already holds are left out as duplicates)",
    )
    parser.add_argument("--competition", help="the competition (default: from the file)")
    parser.add_argument("--season", help="the season, e.g. 2023-24 (default: from the file)")
    parser.add_argument(
        "--ties", choices=sorted(TIE_RULES), help="knockout rules (default: UEFA's of the season)"
    )
    parser.add_argument(
        "--teams",
        metavar="CSV",
        help="clubs to add to the bundled club registry, or to override it: a CSV of "
        "'name (COUNTRY),spelling,...' rows",
    )
    parser.add_argument(
        "--source-names",
        action="store_true",
        help="keep the files' team names in the events (match ids still use canonical names)",
    )
    parser.add_argument(
        "--strict-teams",
        action="store_true",
        help="refuse a match naming a team the club registry does not know (or finds ambiguous)",
    )
    parser.add_argument(
        "--aliases",
        metavar="CSV|NAME",
        help="deprecated: the same as --teams (premier-league: the bundled registry)",
    )
    parser.add_argument(
        "--sanctions",
        metavar="CSV|NAME",
        help="points deductions to add for the seasons imported: a CSV of "
        "competition,season,team,points,date,reason rows, or "
        + ", ".join(sorted(BUILTIN_SANCTIONS)),
    )
    parser.add_argument(
        "--stop", action="store_true", help="stop at the first bad record and write nothing"
    )
    add_options(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import ``args.files`` and write their events to ``args.output``; returns the exit status.

    The log is replaced whole or not at all (with ``--append``, extended whole or not at all): a
    failed, refused or killed import leaves it as it was.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    try:
        importer = bind_options(args.format, FORMATS[args.format], args)
    except ImportSourceError as error:
        print(f"matchevents import: {error}", file=err)
        return EXIT_NOTHING_WRITTEN
    missing = [
        (path, reason)
        for path, fmt in _paths(args)
        if (reason := not_a_file(path, fmt)) is not None
    ]
    if missing:
        for path, reason in missing:
            print(f"matchevents import: {path}: {reason}", file=err)
        return EXIT_NOTHING_WRITTEN
    try:
        teams = _teams(args.teams, args.aliases)
    except (OSError, ValueError) as error:
        print(f"matchevents import: teams: {error}", file=err)
        return EXIT_NOTHING_WRITTEN
    try:
        sanctions = () if args.sanctions is None else load_sanctions(args.sanctions)
    except ImportSourceError as error:
        print(f"matchevents import: sanctions: {error}", file=err)
        return EXIT_NOTHING_WRITTEN
    results: list[ImportResult] = []
    for path in args.files:
        try:
            results.append(
                importer(
                    path,
                    competition=args.competition,
                    season=args.season,
                    ties=None if args.ties is None else TIE_RULES[args.ties],
                    teams=teams,
                    source_names=args.source_names,
                    strict_teams=args.strict_teams,
                    on_error=OnError.STOP if args.stop else OnError.SKIP,
                )
            )
        except UnnamedSourceError as error:
            print(f"matchevents import: {error.reason}; pass --{error.missing}", file=err)
            return EXIT_NOTHING_WRITTEN
        except ImportSourceError as error:
            print(f"matchevents import: {error}", file=err)
            return EXIT_NOTHING_WRITTEN
        except BadRecordError as error:
            print(f"matchevents import: stopped at a bad record: {error}", file=err)
            return EXIT_NOTHING_WRITTEN
    try:
        return _write(args, results, sanctions, teams, out, err)
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            f"matchevents import: cannot write {args.output}: {reason}; nothing written", file=err
        )
        return EXIT_NOTHING_WRITTEN


def _write(
    args: argparse.Namespace,
    results: list[ImportResult],
    sanctions: Sequence[Sanction],
    teams: ClubRegistry,
    out: TextIO,
    err: TextIO,
) -> int:
    from matchevents.log import write_log  # the codec is needed only when writing

    log = args.output
    with Replacement(log, keep=args.append) as replacement:
        known = None
        if args.append and replacement.existed:
            match_ids = {match.match_id for result in results for match in result.matches}
            known = read_known(log, match_ids)
            if known.unreadable and not known.events:
                print(
                    f"matchevents import: {log} is not a matchevents log (none of its "
                    f"{counted(known.unreadable, 'line')} is an event); nothing written",
                    file=err,
                )
                return EXIT_NOTHING_WRITTEN
        plan = plan_import(results, known, sanctions, teams=teams)
        # Under --stop a file's bad record stopped the import already: these are the sanctions'.
        bad = [*plan.problems, *plan.disagreeing]
        if args.stop and bad:
            print(f"matchevents import: stopped at a bad record: {bad[0]}", file=err)
            return EXIT_NOTHING_WRITTEN
        # Without --sanctions, a season whose deductions matchevents ships gets a note.
        unsanctioned = (
            ()
            if args.sanctions is not None
            else builtin_deductions_left_out(
                results,
                registry=teams,
                teams=known.teams if known else None,
                held=(deduction for _, deduction in known.deductions) if known else (),
            )
        )
        _report(plan, args.sanctions, unsanctioned, out, err)
        if not plan.matches and not plan.deductions:
            if any(result.imported for result in plan.results):
                # Every match imported is in LOG already: the same import run again (a scheduled
                # job whose file has not changed) is done, not failed. (A deduction alone, with
                # no match read, is not an import done: no match imported, below.)
                rejected = counted(len(plan.problems), "record")
                print(
                    f"nothing new: everything imported is in {log} already "
                    f"({counted(len(plan.duplicates), 'duplicate')}), which is left as it was; "
                    f"{rejected} rejected",
                    file=out,
                )
                return EXIT_BAD_RECORDS if plan.problems or plan.disagreeing else EXIT_OK
            kept = f"; {log} is left as it was" if replacement.existed else ""
            print(f"matchevents import: nothing written: no match imported{kept}", file=err)
            return EXIT_NOTHING_WRITTEN
        written = write_log(
            replacement.path, plan.events(), append=True, durable=True, atomic=False
        )
        replacement.commit()
    deductions = len(plan.deductions)
    what = f"{counted(written - deductions, 'event')} of {counted(plan.matches, 'match')}"
    if deductions:
        what += f" and {counted(deductions, 'points deduction')}"
    left_out = ""
    if plan.duplicates:
        left_out = f"; {counted(len(plan.duplicates), 'duplicate')} left out"
        if plan.disagreeing:
            left_out += f" ({len(plan.disagreeing)} disagreeing)"
    print(
        f"{what} written to {log}; {counted(len(plan.problems), 'record')} rejected{left_out}",
        file=out,
    )
    return EXIT_BAD_RECORDS if plan.problems or plan.disagreeing else EXIT_OK


def _report(
    plan: ImportPlan,
    sanctions: str | None,
    unsanctioned: Sequence[LeftOut],
    out: TextIO,
    err: TextIO,
) -> None:
    """Print each file's summary, every rejected record, every duplicate, the seasons written
    without the deductions matchevents ships for them, and every team name the club registry
    names no single club by."""
    for result in plan.results:
        print(result.summary(), file=out)
    for problem in plan.problems:
        print(f"rejected: {problem}", file=err)
    for duplicate in plan.duplicates:
        print(f"duplicate: {duplicate}", file=err)
    for competition, season in plan.elsewhere:
        imported = sorted({r.competition for r in plan.results if r.season == season})
        print(
            f"note: the sanctions {sanctions} are for {competition} {season}, not applied to "
            f"{' or '.join(imported)} {season}; to apply them, import with --competition "
            f"{competition!r}",
            file=err,
        )
    for missed in unsanctioned:
        points = ", ".join(f"{team} {-deducted:+d}" for team, deducted in missed.points)
        print(
            f"note: {missed.competition} {missed.season} is imported without its points "
            f"deductions ({points}), so its table is not the official one; add --sanctions "
            f"{missed.sanctions} to write them",
            file=err,
        )
    for result in plan.results:
        for unknown in result.unknown_teams:
            print(f"team: {unknown}", file=err)


def _paths(args: argparse.Namespace) -> list[tuple[Path, str | None]]:
    """Every file the command reads, with its format: the files, then the companion files of
    event data (``--lineup``, ...; no format of their own)."""
    return [
        *((path, args.format) for path in args.files),
        *((path, None) for path in companion_files(args)),
    ]


def _teams(path: str | None, aliases: str | None) -> ClubRegistry:
    """The bundled club registry, extended by ``--teams`` (or the deprecated ``--aliases``)."""
    if path is None and aliases is not None and aliases not in BUILTIN_ALIASES:
        path = aliases
    return load_clubs(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the import command alone (``python -m matchevents.importers.command FORMAT FILE...``)."""
    parser = argparse.ArgumentParser(prog="matchevents")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import", *(sys.argv[1:] if argv is None else argv)])
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
