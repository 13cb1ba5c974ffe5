"""What every importer shares: naming the competition and season, and finishing an import.

The competition, season and away goals rule are named by the user or inferred from the source
where that is unambiguous (a title such as ``"UEFA Europa League 2023/24"``, a file name such as
``premier-league.season-2324.csv``); an import that can do neither fails with
:class:`~matchevents.errors.ImportSourceError` before reading any record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from matchevents.competitions.rulesets import TieRules
from matchevents.errors import ImportSourceError, UnnamedSourceError
from matchevents.importers.assemble import assemble, registry_of, unknown_teams
from matchevents.importers.records import MatchRecord
from matchevents.importers.report import ImportProblem, ImportResult, OnError
from matchevents.teams import ClubRegistry

_TITLE: Final = re.compile(r"^\s*(?P<name>.*?\S)\s+(?P<season>\d{4}(?:\s*[/-]\s*\d{2,4})?)\s*$")
_SEASON: Final = re.compile(r"^\s*(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?\s*$")


def normalize_season(text: str) -> str:
    """A season as matchevents writes it: ``"2023/24"`` and ``"2023-2024"`` are ``"2023-24"``;
    a single year stays as it is.

    Raises:
        ImportSourceError: the text is not a season.

    >>> normalize_season("2023/24"), normalize_season("2022")
    ('2023-24', '2022')
    """
    found = _SEASON.match(text)
    if found is None:
        raise ImportSourceError(f"not a season: {text!r} (expected e.g. '2023-24' or '2022')")
    start, end = found[1], found[2]
    if end is None:
        return start
    return f"{start}-{end[-2:]}"


def split_title(title: str) -> tuple[str, str] | None:
    """A source's title as (competition, season): ``"English Premier League 2023/24"`` gives
    ``("English Premier League", "2023-24")``; None when the title does not end in a season."""
    found = _TITLE.match(title)
    if found is None:
        return None
    return found["name"], normalize_season(found["season"])


def finish_import(
    path: str | Path,
    items: Iterable[MatchRecord | ImportProblem],
    *,
    title: str | None,
    named_by: str,
    competition: str | None,
    season: str | None,
    ties: TieRules | None,
    on_error: OnError,
    teams: ClubRegistry | None = None,
    source_names: bool = False,
    strict_teams: bool = False,
    aliases: ClubRegistry | None = None,
) -> ImportResult:
    """Name the competition and season (given, or inferred from ``title``) and assemble, the
    teams named by ``teams`` (see :func:`~matchevents.importers.assemble.assemble`); list the
    spellings it names no single club by (:attr:`ImportResult.unknown_teams`).

    ``named_by`` says where a file of the format names them (``"Football.TXT names them in a
    first line such as '= UEFA Europa League 2023/24'"``), for the error when it does not.

    Raises:
        UnnamedSourceError: neither given nor inferred.
    """
    inferred = split_title(title) if title else None
    if competition is None:
        if inferred is None:
            raise UnnamedSourceError(_unnamed(path, "competition", title, named_by), "competition")
        competition = inferred[0]
    if season is None:
        if inferred is None:
            raise UnnamedSourceError(_unnamed(path, "season", title, named_by), "season")
        season = inferred[1]
    else:
        season = normalize_season(season)
    registry = registry_of(teams, aliases)
    records = list(items)
    matches, problems = assemble(
        records,
        competition=competition,
        season=season,
        ties=ties,
        teams=registry,
        source_names=source_names,
        strict_teams=strict_teams,
        on_error=on_error,
    )
    return ImportResult(
        competition=competition,
        season=season,
        file=str(path),
        matches=tuple(matches),
        problems=tuple(problems),
        # Strict, they are refused records, among the problems.
        unknown_teams=() if strict_teams else unknown_teams(records, registry),
    )


def _unnamed(path: str | Path, missing: str, title: str | None, named_by: str) -> str:
    why = (
        f"its title {title!r} ends in no season, so neither is read from it" if title else named_by
    )
    return f"{path}: no {missing} given, and the file names none ({why})"


# What each format looks like, for a message about a file imported as another format.
_LOOKS: Final = {
    "openfootball-json": ("football.json", "a JSON object of matches"),
    "football-txt": ("Football.TXT", "plain text: a '= Title' line, then rounds, dates, matches"),
    "football-data-csv": ("a football-data.co.uk CSV", "a header Date,HomeTeam,AwayTeam,..."),
}


def format_of(text: str) -> str | None:
    """The format (a name of :data:`~matchevents.importers.FORMATS`) a file's text looks like,
    from its first lines; None when it looks like none of them.

    >>> format_of('{"name": "Cup 2024", "matches": []}')
    'openfootball-json'
    >>> format_of("Date,HomeTeam,AwayTeam,FTHG,FTAG")
    'football-data-csv'
    >>> format_of("# Teams 40")
    >>> format_of("= UEFA Europa League 2023/24")
    'football-txt'
    """
    start = text.lstrip("\ufeff \t\r\n")
    if start[:1] in ("{", "["):
        try:
            json.loads(start)
        except ValueError:
            pass
        else:
            return "openfootball-json"
    header = [cell.strip() for cell in start.partition("\n")[0].split(",")]
    if "HomeTeam" in header and "AwayTeam" in header:
        return "football-data-csv"
    # Football.TXT opens with its title or a round, after comments (# lines) if any.
    lines = (line.strip() for line in start.splitlines())
    first = next((line for line in lines if line and not line.startswith("#")), "")
    if first[:1] in ("=", "»", "▪"):
        return "football-txt"
    return None


def check_format(path: str | Path, text: str, expected: str) -> None:
    """Raise when ``text`` looks like a format other than ``expected``: an import of the wrong
    format would reject every record, and the fault is the format, not the records.

    Raises:
        ImportSourceError: naming what the file looks like and the format that reads it.
    """
    found = format_of(text)
    if found is not None and found != expected:
        name, looks = _LOOKS[found]
        raise ImportSourceError(
            f"{path}: not {_LOOKS[expected][0]} but {name} ({looks}); import it as {found}"
        )


# The name ending of each results format's files, for the hint given for a folder.
_SUFFIXES: Final = {
    "openfootball-json": ".json",
    "football-txt": ".txt",
    "football-data-csv": ".csv",
}


def not_a_file(path: str | Path, fmt: str | None = None) -> str | None:
    """Why ``path`` cannot be imported, found before it is read: ``"no such file"``, or for a
    folder ``"a folder, not a file (give the files in it, e.g. FOLDER/*.txt)"`` (the ending of
    format ``fmt``'s files; a file in it for event data); None for a file, or anything else read
    as one (``/dev/stdin``, a pipe).

    >>> not_a_file("no/such.txt")
    'no such file'
    >>> not_a_file(".", "football-txt")
    'a folder, not a file (give the files in it, e.g. *.txt)'
    """
    given = Path(path)
    if given.is_dir():
        suffix = _SUFFIXES.get(fmt or "")
        if suffix is None:
            return "a folder, not a file (give a file in it)"
        return f"a folder, not a file (give the files in it, e.g. {given / ('*' + suffix)})"
    if not given.exists():
        return "no such file"
    return None
