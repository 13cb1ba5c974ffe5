"""The club registry: one canonical name for each club and national team, however sources spell it.

Sources name one club many ways: ``"Liverpool FC"`` (openfootball), ``"Liverpool"``
(football-data.co.uk), ``"Liverpool FC (ENG)"`` (openfootball's UEFA files). A
:class:`ClubRegistry` knows each :class:`Club` by its canonical name, its country and every
spelling, so that events from several sources name it once and records across competitions see
one team. UEFA's ``Name (ENG)`` is understood: the code is the club's country, not part of its
name. Two clubs of different countries may share a spelling (``"Liverpool FC"`` of England and
of Uruguay); such a spelling is ambiguous, reported with its candidates and never resolved by
chance (``"Liverpool FC (ENG)"`` is not ambiguous).

A registry is data. One ships with matchevents (:func:`bundled_clubs`, the file
``matchevents/data/clubs.csv``): every club and national team of the project's shared real data.
Your own file, in the same format, extends or overrides it (:func:`load_clubs`):

.. code-block:: text

    # canonical name (COUNTRY),spelling,spelling,...
    Liverpool (ENG),Liverpool FC,LFC
    Liverpool Montevideo (URU),Liverpool FC

>>> clubs = bundled_clubs()
>>> clubs.canonical("Liverpool FC (ENG)"), clubs.canonical("Man United")
('Liverpool', 'Manchester United')
>>> print(clubs.lookup("Liverpool FC (ENG)"))
'Liverpool FC (ENG)' is Liverpool (ENG)
"""

from __future__ import annotations

import csv
import difflib
import enum
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Final, TypeVar, cast

import attrs

from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import InvalidValueError, TeamNameError
from matchevents.events import MatchScheduled

__all__ = [
    "Club",
    "ClubRegistry",
    "Lookup",
    "Resolution",
    "bundled_clubs",
    "load_clubs",
    "split_country",
]

_COUNTRY: Final = re.compile(r"^(?P<name>.*?\S)\s*\((?P<code>[A-Z]{3})\)\s*$")
_BUNDLED: Final = "clubs.csv"


def split_country(spelling: str) -> tuple[str, str | None]:
    """A UEFA-style spelling as (name, country code): the code is data, not part of the name.

    >>> split_country("Liverpool FC (ENG)"), split_country("Liverpool FC")
    (('Liverpool FC', 'ENG'), ('Liverpool FC', None))
    """
    found = _COUNTRY.match(spelling)
    if found is None:
        return spelling.strip(), None
    return found["name"], found["code"]


def _key(spelling: str) -> str:
    """How spellings are compared: Unicode-normalized, blanks collapsed, case ignored."""
    return " ".join(unicodedata.normalize("NFC", spelling).split()).casefold()


_SHARED_WORDS: Final = frozenset({"fc", "afc", "cf", "sc", "ac", "fk", "sk", "bc", "sv", "cd"})


def _bare(key: str) -> str:
    """A compared spelling without the words most club names share, for closest names."""
    bare = " ".join(word for word in key.split() if word not in _SHARED_WORDS)
    return bare or key


def _spellings(value: Iterable[str]) -> frozenset[str]:
    # A string is iterable too, but it is one spelling, not a set of its letters.
    if isinstance(value, str):
        raise InvalidValueError(f"a club's spellings are a collection of names, got {value!r}")
    return frozenset(" ".join(name.split()) for name in value if name.strip())


@attrs.frozen(slots=True)
class Club:
    """One club (or national team): its canonical name, its country and its spellings.

    Attributes:
        name: the canonical name, the one events carry (``"Liverpool"``).
        country: the country's three-letter code as UEFA writes it (``"ENG"``), where known.
        spellings: every spelling sources use, without a country code (``"Liverpool FC"``); the
            canonical name is always one. A spelling may carry a code of its own where a source
            writes a club under another country's (``"AS Monaco FC (MCO)"``).
    """

    name: str
    country: str | None = None
    spellings: frozenset[str] = attrs.field(default=frozenset(), converter=_spellings)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidValueError(f"a club needs a name, got {self.name!r}")
        if self.country is not None and re.fullmatch(r"[A-Z]{3}", self.country) is None:
            raise InvalidValueError(
                f"club {self.name!r}: a country is a three-letter code such as 'ENG', "
                f"got {self.country!r}"
            )
        object.__setattr__(self, "spellings", self.spellings | {self.name})

    def __str__(self) -> str:
        return self.name if self.country is None else f"{self.name} ({self.country})"

    @property
    def other_spellings(self) -> tuple[str, ...]:
        """Every spelling but the canonical name, in alphabetical order (case ignored).

        >>> Club("Manchester United", "ENG", ["Man United", "Manchester United FC"]).other_spellings
        ('Man United', 'Manchester United FC')
        """
        return tuple(sorted(self.spellings - {self.name}, key=lambda name: (_key(name), name)))


class Resolution(enum.Enum):
    """What a registry makes of a spelling."""

    KNOWN = "known"
    """Exactly one club is spelt so."""
    UNKNOWN = "unknown"
    """No club is spelt so."""
    AMBIGUOUS = "ambiguous"
    """Clubs of several countries are spelt so, and the spelling names no country."""


@attrs.frozen(slots=True)
class Lookup:
    """What a spelling maps to.

    Attributes:
        spelling: the spelling asked about, as given.
        club: the club, when exactly one is spelt so.
        candidates: every club an ambiguous spelling may be.
        closest: for an unknown spelling, the closest known names (canonical ones).
    """

    spelling: str
    club: Club | None = None
    candidates: tuple[Club, ...] = ()
    closest: tuple[str, ...] = ()

    @property
    def resolution(self) -> Resolution:
        """Known, unknown or ambiguous."""
        if self.club is not None:
            return Resolution.KNOWN
        return Resolution.AMBIGUOUS if self.candidates else Resolution.UNKNOWN

    @property
    def name(self) -> str:
        """The club's canonical name; the spelling as given when it names no single club."""
        return self.spelling if self.club is None else self.club.name

    def error(self) -> TeamNameError:
        """The error that says why the spelling names no single club."""
        return TeamNameError(
            self.spelling, tuple(str(club) for club in self.candidates), self.closest
        )

    def __str__(self) -> str:
        if self.club is not None:
            return f"{self.spelling!r} is {self.club}"
        if self.candidates:
            return f"{self.spelling!r} is ambiguous: " + " or ".join(map(str, self.candidates))
        hint = f"; closest: {', '.join(self.closest)}" if self.closest else ""
        return f"{self.spelling!r} is no known club{hint}"


_Event = TypeVar("_Event")


def _tuple(clubs: Iterable[Club]) -> tuple[Club, ...]:
    return tuple(clubs)


@attrs.frozen(slots=True)
class ClubRegistry:
    """Clubs and their spellings: what each spelling maps to.

    A spelling shared by clubs of different countries is ambiguous (:meth:`lookup` names the
    candidates); one shared by two clubs of one country, or by a club without a country, could
    never be told apart and is refused when the registry is made. Canonical names are unique.
    Build one from a file (:meth:`from_csv`), from rows or from ``{name: [spellings]}``
    (:meth:`from_groups`); :func:`bundled_clubs` is the one that ships.

    Raises:
        InvalidValueError: two clubs share a canonical name, or a spelling they cannot share.
    """

    clubs: tuple[Club, ...] = attrs.field(default=(), converter=_tuple)
    _index: Mapping[str, tuple[Club, ...]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, tuple[Club, ...]] = {}
        names: dict[str, Club] = {}
        for club in self.clubs:
            same = names.get(_key(club.name))
            if same is not None:
                raise InvalidValueError(
                    f"two clubs are named {club.name!r} ({same} and {club}): canonical names "
                    "must differ (add the town or the country to one)"
                )
            names[_key(club.name)] = club
            for spelling in club.spellings:
                key = _key(spelling)
                sharing = index.get(key, ())
                if any(other is club for other in sharing):
                    continue  # two spellings of one club alike but for blanks or case
                for other in sharing:
                    if (
                        other.country is None
                        or club.country is None
                        or (other.country == club.country)
                    ):
                        raise InvalidValueError(
                            f"the spelling {spelling!r} is given for both {other} and {club}, "
                            "which nothing could tell apart"
                        )
                index[key] = (*sharing, club)
        object.__setattr__(self, "_index", MappingProxyType(index))

    def __reduce__(self) -> tuple[type[ClubRegistry], tuple[tuple[Club, ...]]]:
        # A mapping proxy does not pickle: send the clubs and build the index again (the
        # bundled registry pickles to about 9 kB and unpickles in under a millisecond).
        return type(self), (self.clubs,)

    # -- making one --------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]], *, source: str = "rows") -> ClubRegistry:
        """Build from rows ``name[ (COUNTRY)], spelling, spelling, ...``.

        Blank cells are ignored; a row whose first cell starts with ``#`` is a comment. Rows of
        one club (same name) add up.

        Raises:
            InvalidValueError: a row has a bad country, or clubs clash (naming ``source`` and
                the row).
        """
        clubs: dict[str, Club] = {}
        for number, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row if cell and cell.strip()]
            if not cells or cells[0].startswith("#"):
                continue
            name, country = split_country(cells[0])
            try:
                club = Club(name, country, cells[1:])
                known = clubs.get(_key(name))
                if known is not None:
                    club = _joined(known, club)
                clubs[_key(name)] = club
            except InvalidValueError as error:
                raise InvalidValueError(f"{source}, row {number}: {error}") from None
        try:
            return cls(tuple(clubs.values()))
        except InvalidValueError as error:
            raise InvalidValueError(f"{source}: {error}") from None

    @classmethod
    def from_csv(cls, path: str | Path) -> ClubRegistry:
        """Read a CSV file of rows ``name[ (COUNTRY)],spelling,...`` (see :meth:`from_rows`; the
        old ``canonical,alias,...`` files of ``TeamAliases`` are such files).

        Raises:
            InvalidValueError: a row is bad or two clubs clash (naming the file and the row).
            OSError: the file cannot be read.
        """
        with Path(path).open(encoding="utf-8", newline="") as handle:
            return cls.from_rows(csv.reader(handle), source=str(path))

    @classmethod
    def from_groups(
        cls, groups: Mapping[str, Iterable[str]], *, source: str = "groups"
    ) -> ClubRegistry:
        """Build from ``{name[ (COUNTRY)]: [spellings, ...]}``.

        >>> clubs = ClubRegistry.from_groups({"Manchester United (ENG)": ["Man United"]})
        >>> clubs.canonical("Man United"), clubs.canonical("Arsenal FC")
        ('Manchester United', 'Arsenal FC')

        Raises:
            InvalidValueError: one spelling is given for two clubs that nothing tells apart.
        """
        return cls.from_rows(
            ([name, *_spellings(spellings)] for name, spellings in groups.items()), source=source
        )

    def extended(self, other: ClubRegistry) -> ClubRegistry:
        """This registry with ``other``'s clubs added, ``other`` winning where they disagree.

        A club of ``other`` named like one of this registry adds its spellings to it (and sets
        its country, where ``other`` gives one). A spelling ``other`` gives a club is taken from
        any other club of this registry in the same country (or without one): yours wins. A
        club of another country keeps it, and the spelling becomes ambiguous.

        Raises:
            InvalidValueError: ``other`` gives a club a country that makes a clash.
        """
        ours = {_key(club.name): club for club in self.clubs}
        for theirs in other.clubs:
            known = ours.get(_key(theirs.name))
            ours[_key(theirs.name)] = theirs if known is None else _joined(known, theirs)
        taken: dict[str, list[Club]] = {}
        for theirs in other.clubs:
            for spelling in theirs.spellings:
                taken.setdefault(_key(spelling), []).append(ours[_key(theirs.name)])
        clubs = []
        for key, club in ours.items():
            kept = {
                spelling
                for spelling in club.spellings
                if not any(
                    winner.name != club.name
                    and (winner.country is None or club.country in (None, winner.country))
                    for winner in taken.get(_key(spelling), ())
                )
                or _key(spelling) == key
            }
            clubs.append(Club(club.name, club.country, kept))
        return ClubRegistry(tuple(clubs))

    def merged(self, other: ClubRegistry) -> ClubRegistry:
        """The same as :meth:`extended` (the name ``TeamAliases`` had)."""
        return self.extended(other)

    # -- asking it ---------------------------------------------------------------------------
    def lookup(self, spelling: str) -> Lookup:
        """What ``spelling`` maps to: one club, none (with the closest names) or several.

        A spelling ending in a country code (``"Liverpool FC (ENG)"``) names a club of that
        country spelt ``"Liverpool FC"``, unless a club is spelt so, code and all.
        """
        found = self._index.get(_key(spelling))
        if found is None:
            name, country = split_country(spelling)
            if country is not None:
                found = tuple(
                    club
                    for club in self._index.get(_key(name), ())
                    if club.country in (None, country)
                )
        if found and len(found) == 1:
            return Lookup(spelling, found[0])
        if found:
            return Lookup(spelling, candidates=found)
        return Lookup(spelling, closest=self.closest(spelling))

    def resolve(self, spelling: str) -> Club:
        """The one club ``spelling`` names.

        Raises:
            TeamNameError: no club is spelt so (with the closest names), or several are (with
                the candidates).
        """
        found = self.lookup(spelling)
        if found.club is None:
            raise found.error()
        return found.club

    def canonical(self, spelling: str) -> str:
        """The canonical name of the club ``spelling`` names; ``spelling`` itself where it names
        no single club (unknown or ambiguous: never a guess)."""
        return self.lookup(spelling).name

    def closest(self, spelling: str, n: int = 3) -> tuple[str, ...]:
        """The canonical names of the clubs spelt most like ``spelling`` (best first), compared
        without the words most club names share (``FC``, ``AFC``, ``SC``, ...)."""
        name = _bare(_key(split_country(spelling)[0]))
        bare: dict[str, list[str]] = {}
        for key in self._index:
            bare.setdefault(_bare(key), []).append(key)
        close = difflib.get_close_matches(name, list(bare), n=n * 2, cutoff=0.7)
        if not close and len(name) > 2:
            close = [b for b in bare if name in b or (len(b) > 2 and b in name)][: n * 2]
        names: list[str] = []
        for found in close:
            for key in bare[found]:
                for club in self._index[key]:
                    if club.name not in names:
                        names.append(club.name)
        return tuple(names[:n])

    def __contains__(self, spelling: object) -> bool:
        return isinstance(spelling, str) and self.lookup(spelling).club is not None

    def __iter__(self) -> Iterator[Club]:
        return iter(self.clubs)

    def __len__(self) -> int:
        return len(self.clubs)

    @property
    def names(self) -> Mapping[str, str]:
        """Every spelling that names one club, mapped to its canonical name."""
        return MappingProxyType(
            {
                spelling: club.name
                for club in self.clubs
                for spelling in sorted(club.spellings)
                if len(self._index[_key(spelling)]) == 1
            }
        )

    # -- naming events -----------------------------------------------------------------------
    def renamed(self, event: _Event) -> _Event:
        """``event`` with its teams under their canonical names (a schedule's two teams, a points
        deduction's team); any other event, and a team the registry cannot name, as it is."""
        if isinstance(event, MatchScheduled):
            home, away = self.canonical(event.home), self.canonical(event.away)
            if (home, away) != (event.home, event.away) and home != away:
                return cast(_Event, attrs.evolve(event, home=home, away=away))
        elif isinstance(event, PointsDeduction):
            team = self.canonical(event.team)
            if team != event.team:
                return cast(_Event, attrs.evolve(event, team=team))
        return event


def _joined(known: Club, more: Club) -> Club:
    """Two rows of one club as one: the spellings of both, the later row's country if it has
    one."""
    country = more.country if more.country is not None else known.country
    return Club(known.name, country, known.spellings | more.spellings)


@functools.cache
def bundled_clubs() -> ClubRegistry:
    """The registry that ships with matchevents: every club and national team of the project's
    shared data (the Premier League 2022-23 to 2024-25 in its three sources, the UEFA club
    competitions' files, World Cups and Euros), read once from ``matchevents/data/clubs.csv``."""
    text = files("matchevents").joinpath("data", _BUNDLED).read_text(encoding="utf-8")
    return ClubRegistry.from_rows(csv.reader(io.StringIO(text)), source=_BUNDLED)


def load_clubs(path: str | Path | None = None, *, bundled: bool = True) -> ClubRegistry:
    """The bundled registry extended (and overridden) by the CSV file at ``path``; the file's
    clubs alone when ``bundled`` is False; the bundled registry when there is no file.

    Raises:
        InvalidValueError: the file has a bad row or clubs that clash.
        OSError: the file cannot be read.
    """
    base = bundled_clubs() if bundled else ClubRegistry()
    if path is None:
        return base
    return base.extended(ClubRegistry.from_csv(path))
