"""What every importer shares: naming the competition and season, and finishing an import.

The competition, season and away goals rule are named by the user or inferred from the source
where that is unambiguous (a title such as ``"UEFA Europa League 2023/24"``, a file name such as
``premier-league.season-2324.csv``); an import that can do neither fails with
:class:`~matchevents.errors.ImportSourceError` before reading any record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from matchevents.competitions.rulesets import TieRules
from matchevents.errors import ImportSourceError
from matchevents.importers.aliases import TeamAliases
from matchevents.importers.assemble import assemble
from matchevents.importers.records import MatchRecord
from matchevents.importers.report import ImportProblem, ImportResult, OnError

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
    competition: str | None,
    season: str | None,
    ties: TieRules | None,
    aliases: TeamAliases | None,
    on_error: OnError,
) -> ImportResult:
    """Name the competition and season (given, or inferred from ``title``) and assemble."""
    inferred = split_title(title) if title else None
    if competition is None:
        if inferred is None:
            raise ImportSourceError(
                f"{path}: the competition is neither given nor named by the source; "
                "pass competition=..."
            )
        competition = inferred[0]
    if season is None:
        if inferred is None:
            raise ImportSourceError(
                f"{path}: the season is neither given nor named by the source; pass season=..."
            )
        season = inferred[1]
    else:
        season = normalize_season(season)
    matches, problems = assemble(
        items,
        competition=competition,
        season=season,
        ties=ties,
        aliases=aliases,
        on_error=on_error,
    )
    return ImportResult(
        competition=competition,
        season=season,
        file=str(path),
        matches=tuple(matches),
        problems=tuple(problems),
    )
