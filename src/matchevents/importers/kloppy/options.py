"""The event-data options of ``matchevents import``: each provider's companion files and the
fallback date, added to the command's parser and bound to the importer the format names.

``matchevents import statsbomb EVENTS.json --lineup LINEUP.json --date 2021-06-11 ...`` reads one
match: a companion file belongs to one events file, so a command with a companion imports one
file. An option of another provider, or of event data for a results format, is refused rather
than ignored.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import attrs

from matchevents.errors import ImportSourceError
from matchevents.importers.kloppy.providers import PROVIDERS, EventDataImporter

_Importer = TypeVar("_Importer")


def _companions() -> dict[str, list[str]]:
    """Each companion option with the titles of the providers that take it."""
    found: dict[str, list[str]] = {}
    for spec in PROVIDERS.values():
        for companion in spec.companions:
            found.setdefault(companion.option, []).append(f"{spec.title}'s {companion.what}")
    return found


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--date`` and every provider's companion option (``--lineup``, ``--f7``, ...)."""
    group = parser.add_argument_group(
        "event data (kloppy)", "the files a provider's events come with, and the day of the match"
    )
    for option, what in sorted(_companions().items()):
        group.add_argument(
            f"--{option}", type=Path, metavar="FILE", help=" or ".join(what) + " beside FILE"
        )
    group.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the day of the match, where the provider's files give none (StatsBomb's)",
    )


def bind_options(fmt: str, importer: _Importer, args: argparse.Namespace) -> _Importer:
    """``importer`` with the companion files and date of ``args`` bound, for an event-data
    format; ``importer`` itself for a results format.

    Raises:
        ImportSourceError: an option of another provider or of event data for a results format,
            or a companion file given for several events files.
    """
    given: dict[str, Any] = {
        option: getattr(args, option)
        for option in _companions()
        if getattr(args, option, None) is not None
    }
    day = getattr(args, "date", None)
    spec = PROVIDERS.get(fmt)
    if spec is None or not isinstance(importer, EventDataImporter):
        if given or day is not None:
            used = ", ".join(f"--{option}" for option in [*given, *(["date"] if day else [])])
            raise ImportSourceError(f"{used}: for event data (kloppy's formats), not {fmt}")
        return importer
    taken = {companion.option for companion in spec.companions}
    foreign = sorted(set(given) - taken)
    if foreign:
        takes = ", ".join(f"--{option}" for option in sorted(taken)) or "no companion file"
        raise ImportSourceError(
            f"--{foreign[0]} is not a {spec.title} file ({spec.title} takes {takes})"
        )
    if given and len(args.files) > 1:
        raise ImportSourceError(
            f"--{next(iter(given))} goes with one events file, and {len(args.files)} are given: "
            "import them one at a time (with --append)"
        )
    bound: _Importer = attrs.evolve(importer, companions=given, date=day)
    return bound


def companion_files(args: argparse.Namespace) -> list[Path]:
    """The companion files given (``--lineup FILE``, ``--f7 FILE``, ...), in option order."""
    return [
        value
        for option in sorted(_companions())
        if isinstance(value := getattr(args, option, None), Path)
    ]
