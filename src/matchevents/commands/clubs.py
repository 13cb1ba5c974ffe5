"""The ``matchevents clubs NAME...`` command: what each name means in the club registry.

For each ``NAME``, one line: the club it names (canonical name and country) and the club's other
spellings; for a name no club is spelt so, that it is unknown and the closest known names; for a
spelling clubs of several countries share, the candidates. The registry is the bundled one,
extended by ``--teams FILE`` (as ``replay``, ``team`` and ``import`` read it). ``--format json``
prints the same as a list, one object a name.

:func:`register` adds the subcommand to the ``matchevents`` parser; :func:`run` is what it does:
it asks :meth:`matchevents.teams.ClubRegistry.lookup` and prints. Exit status: 0 when every name
names one club, 1 when one does not (the others are still answered), 2 when the command cannot
run (an empty name, or a ``--teams`` file that cannot be read or has clubs that clash).
"""

from __future__ import annotations

import argparse
from typing import Any, Final, TextIO

from matchevents.commands import common
from matchevents.teams import Lookup

__all__ = ["EXIT_UNKNOWN_NAMES", "register", "run"]

EXIT_UNKNOWN_NAMES: Final = common.EXIT_BAD_LINES
"""``clubs``: a name names no single club (said on its line); the others were answered. The
status of bad lines: part of the input is bad and reported, the rest is done."""


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``clubs`` subcommand to a parser's subparsers, with :func:`run` as its ``handler``.

    Returns its parser.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "clubs",
        help="say which club each name means in the club registry, with its other spellings",
        description="For each NAME, the club the club registry maps it to (canonical name and "
        "country) and the club's other spellings; for a name it does not know, the closest "
        "names it does. Exit status 1 if a name names no single club.",
    )
    parser.add_argument(
        "names", metavar="NAME", nargs="+", help="a club's name, in any spelling (quote blanks)"
    )
    parser.add_argument(
        "--teams",
        metavar="FILE|bundled",
        default="bundled",
        help="the registry to ask: the one that ships (bundled, the default), or it extended "
        "by FILE, a CSV of 'name (COUNTRY),spelling,...' rows",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print what ``args`` (of :func:`register`'s parser) asks; return the exit status."""
    if any(not name.strip() for name in args.names):
        err.write("matchevents: a club's name cannot be empty\n")
        return common.EXIT_USAGE
    clubs = common.club_registry(args.teams)
    lookups = [clubs.lookup(name) for name in args.names]
    if args.format == "json":
        common.write_json([_json(lookup) for lookup in lookups], out)
    else:
        common.write_lines(map(_line, lookups), out)
    known = all(lookup.club is not None for lookup in lookups)
    return common.EXIT_OK if known else EXIT_UNKNOWN_NAMES


def _line(lookup: Lookup) -> str:
    """The lookup as the registry says it, with the club's spellings but the one asked about
    where it names one."""
    if lookup.club is None:
        return str(lookup)
    others = [name for name in lookup.club.other_spellings if name != lookup.spelling]
    return f"{lookup}; also spelt {', '.join(others)}" if others else str(lookup)


def _json(lookup: Lookup) -> dict[str, Any]:
    found = lookup.club
    return {
        "spelling": lookup.spelling,
        "resolution": lookup.resolution.value,
        "club": None if found is None else found.name,
        "country": None if found is None else found.country,
        "other_spellings": [] if found is None else list(found.other_spellings),
        "candidates": [{"club": club.name, "country": club.country} for club in lookup.candidates],
        "closest": list(lookup.closest),
    }
