"""Importers: real football data in public formats, turned into validated match events.

Three results formats are read — openfootball's football.json and Football.TXT, and
football-data.co.uk's CSV results — and the event data of every provider of
:data:`~matchevents.importers.kloppy.PROVIDERS` through kloppy (the ``kloppy`` extra). Each
import returns an :class:`ImportResult`: the matches whose events a
:class:`~matchevents.timeline.Timeline` accepted, grouped per match, and an
:class:`ImportProblem` for every bad record (file, record, match, what is wrong). Writing the
events to a log is left to the codec and the stores.

Another format needs only a reader: turn its file into :class:`MatchRecord` values (and
:class:`ImportProblem` values for what cannot be read) and pass them to :func:`assemble`, which
pairs legs, builds events and runs every check.

>>> from matchevents.importers import FORMATS
>>> sorted(FORMATS)  # doctest: +NORMALIZE_WHITESPACE
['football-data-csv', 'football-txt', 'openfootball-json', 'opta', 'sportec', 'statsbomb',
 'statsperform', 'wyscout-v3']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from matchevents.competitions.rulesets import TieRules
from matchevents.importers.assemble import (
    assemble,
    default_tie_rules,
    match_id_of,
    tie_stage,
    unknown_teams,
)
from matchevents.importers.compare import Difference, SourceDifference, compare_imports
from matchevents.importers.football_data_csv import (
    import_football_data_csv,
    read_football_data_csv,
)
from matchevents.importers.football_txt import import_football_txt, read_football_txt
from matchevents.importers.kloppy import EVENT_DATA_FORMATS
from matchevents.importers.openfootball_json import (
    import_openfootball_json,
    read_openfootball_json,
)
from matchevents.importers.records import GoalRecord, MatchRecord
from matchevents.importers.report import (
    CardCounts,
    ImportedMatch,
    ImportProblem,
    ImportResult,
    OnError,
    Problem,
    UnknownTeam,
)
from matchevents.teams import ClubRegistry


class Importer(Protocol):
    """The signature every importer shares."""

    def __call__(
        self,
        path: str | Path,
        *,
        competition: str | None = ...,
        season: str | None = ...,
        ties: TieRules | None = ...,
        teams: ClubRegistry | None = ...,
        source_names: bool = ...,
        strict_teams: bool = ...,
        on_error: OnError = ...,
    ) -> ImportResult:
        """Import one file."""
        ...


def __getattr__(name: str) -> Any:
    # TeamAliases and PREMIER_LEAGUE_ALIASES: deprecated names of the club registry.
    from matchevents.importers.aliases import deprecated

    try:
        return deprecated(name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


FORMATS: Mapping[str, Importer] = MappingProxyType(
    {
        "openfootball-json": import_openfootball_json,
        "football-txt": import_football_txt,
        "football-data-csv": import_football_data_csv,
        **EVENT_DATA_FORMATS,
    }
)
"""Each importer by the format name the ``matchevents import`` command takes."""

__all__ = [
    "FORMATS",
    "CardCounts",
    "Difference",
    "GoalRecord",
    "ImportProblem",
    "ImportResult",
    "ImportedMatch",
    "Importer",
    "MatchRecord",
    "OnError",
    "Problem",
    "SourceDifference",
    "UnknownTeam",
    "assemble",
    "compare_imports",
    "default_tie_rules",
    "import_football_data_csv",
    "import_football_txt",
    "import_openfootball_json",
    "match_id_of",
    "read_football_data_csv",
    "read_football_txt",
    "read_openfootball_json",
    "tie_stage",
    "unknown_teams",
]
