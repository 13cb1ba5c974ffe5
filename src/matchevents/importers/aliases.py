"""Team aliases: one canonical name for each club, however a source spells it.

Sources name the same club differently ("Man United", "Manchester United FC", "Manchester U").
Imports keep the names as each source writes them; a :class:`TeamAliases` map gives each spelling
a canonical name, so that matches from two sources can be paired and their results compared.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

import attrs

from matchevents.errors import InvalidValueError


def _freeze(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@attrs.frozen(slots=True)
class TeamAliases:
    """A map from each known spelling of a team to its canonical name.

    Names not in the map are their own canonical name. Build one with :meth:`from_groups` or
    :meth:`from_csv`.

    >>> aliases = TeamAliases.from_groups({"Manchester United": ["Man United", "Manchester U"]})
    >>> aliases.canonical("Man United")
    'Manchester United'
    >>> aliases.canonical("Arsenal FC")
    'Arsenal FC'
    """

    names: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze)
    """Each alias (and each canonical name) mapped to the canonical name."""

    @classmethod
    def from_groups(cls, groups: Mapping[str, Iterable[str]]) -> TeamAliases:
        """Build from ``{canonical name: [aliases, ...]}``.

        Raises:
            InvalidValueError: one spelling is given for two different canonical names.
        """
        names: dict[str, str] = {}
        for canonical, aliases in groups.items():
            for name in (canonical, *aliases):
                known = names.get(name)
                if known is not None and known != canonical:
                    raise InvalidValueError(
                        f"team alias {name!r} is given for both {known!r} and {canonical!r}"
                    )
                names[name] = canonical
        return cls(names)

    @classmethod
    def from_csv(cls, path: str | Path) -> TeamAliases:
        """Read a CSV file of rows ``canonical,alias[,alias...]`` (blank cells and lines, and
        lines starting with ``#``, are ignored).

        Raises:
            InvalidValueError: a spelling is given for two different canonical names.
            OSError: the file cannot be read.
        """
        groups: dict[str, list[str]] = {}
        with Path(path).open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                cells = [cell.strip() for cell in row if cell.strip()]
                if not cells or cells[0].startswith("#"):
                    continue
                groups.setdefault(cells[0], []).extend(cells[1:])
        return cls.from_groups(groups)

    def canonical(self, name: str) -> str:
        """The canonical name of ``name`` (``name`` itself when it is not in the map)."""
        return self.names.get(name, name)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def merged(self, other: TeamAliases) -> TeamAliases:
        """Both maps in one.

        Raises:
            InvalidValueError: a spelling has different canonical names in the two maps.
        """
        names = dict(self.names)
        for name, canonical in other.names.items():
            known = names.get(name)
            if known is not None and known != canonical:
                raise InvalidValueError(
                    f"team alias {name!r} is {known!r} in one map and {canonical!r} in the other"
                )
            names[name] = canonical
        return TeamAliases(names)


PREMIER_LEAGUE_ALIASES = TeamAliases.from_groups(
    {
        "AFC Bournemouth": ["AFC Bournemouth", "Bournemouth"],
        "Arsenal": ["Arsenal FC"],
        "Aston Villa": ["Aston Villa FC"],
        "Brentford": ["Brentford FC"],
        "Brighton & Hove Albion": ["Brighton & Hove Albion FC", "Brighton"],
        "Burnley": ["Burnley FC"],
        "Chelsea": ["Chelsea FC"],
        "Crystal Palace": ["Crystal Palace FC", "Crystal P"],
        "Everton": ["Everton FC"],
        "Fulham": ["Fulham FC"],
        "Ipswich Town": ["Ipswich Town FC", "Ipswich"],
        "Leeds United": ["Leeds United FC", "Leeds"],
        "Leicester City": ["Leicester City FC", "Leicester"],
        "Liverpool": ["Liverpool FC"],
        "Luton Town": ["Luton Town FC", "Luton"],
        "Manchester City": ["Manchester City FC", "Man City", "Manchester C"],
        "Manchester United": ["Manchester United FC", "Man United", "Manchester U"],
        "Newcastle United": ["Newcastle United FC", "Newcastle"],
        "Nottingham Forest": ["Nottingham Forest FC", "Nott'm Forest", "Nottingham"],
        "Sheffield United": ["Sheffield United FC", "Sheffield U"],
        "Southampton": ["Southampton FC"],
        "Tottenham Hotspur": ["Tottenham Hotspur FC", "Tottenham"],
        "West Ham United": ["West Ham United FC", "West Ham"],
        "Wolverhampton Wanderers": ["Wolverhampton Wanderers FC", "Wolves", "Wolverhampton"],
    }
)
"""Premier League clubs of 2022-23 to 2024-25 as openfootball (``"Manchester United FC"``),
football-data.co.uk (``"Man United"``) and RSSSF (``"Manchester U"``) write them, mapped to the
names of the official table (``"Manchester United"``)."""
