"""Two sources of the same competition, compared match by match.

Matches are paired by their teams' canonical names (see
:class:`~matchevents.teams.ClubRegistry`): in a league each pair of teams meets once
at each ground, so home and away identify the match; where either source has the same pairing
twice (a cup rematch, an abandoned match and its replay), the date is added. Every disagreement
is reported, none resolved: which source is right is for the user to decide.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

import attrs

from matchevents.events import PeriodEnded
from matchevents.importers.report import ImportedMatch, ImportResult
from matchevents.score import Score
from matchevents.teams import ClubRegistry, bundled_clubs


class Difference(enum.Enum):
    """What two sources disagree on about a match."""

    ONLY_LEFT = "only-left"
    """The match is in the left source only."""
    ONLY_RIGHT = "only-right"
    """The match is in the right source only."""
    DATE = "date"
    """The sources date the match differently."""
    HALF_TIME = "half-time"
    """The half-time scores differ (or one source has none)."""
    FULL_TIME = "full-time"
    """The scores after 90 minutes differ."""
    FINAL = "final"
    """The final scores (after extra time) differ."""
    SHOOTOUT = "shootout"
    """The shoot-out scores differ (or only one source has one)."""


@attrs.frozen(slots=True, kw_only=True)
class SourceDifference:
    """One disagreement between two sources about one match.

    Attributes:
        home: the home team's canonical name.
        away: the away team's canonical name.
        difference: what differs.
        left: the left source's value (a date or a score; None where it has none).
        right: the right source's value.
        left_where: where the match is in the left source, if it is there.
        right_where: where the match is in the right source, if it is there.
    """

    home: str
    away: str
    difference: Difference
    left: date | Score | None = None
    right: date | Score | None = None
    left_where: str | None = None
    right_where: str | None = None

    def __str__(self) -> str:
        return f"{self.home} v {self.away}: {self.difference.value}: {self.left} / {self.right}"


_Key = tuple[str, str] | tuple[str, str, date]


def compare_imports(
    left: ImportResult, right: ImportResult, teams: ClubRegistry | None = None
) -> tuple[SourceDifference, ...]:
    """Every difference between two imports of the same matches, in the left source's order
    (matches only in the right source last).

    >>> from matchevents.importers import ImportResult
    >>> empty = ImportResult(competition="C", season="2024", file="a", matches=(), problems=())
    >>> compare_imports(empty, empty)
    ()
    """
    canonical = (bundled_clubs() if teams is None else teams).canonical
    repeated = _repeated(left.matches, canonical) | _repeated(right.matches, canonical)
    left_matches = _keyed(left.matches, canonical, repeated)
    right_matches = _keyed(right.matches, canonical, repeated)
    found: list[SourceDifference] = []
    for key, ours in left_matches.items():
        theirs = right_matches.get(key)
        home, away = key[0], key[1]
        if theirs is None:
            found.append(
                SourceDifference(
                    home=home, away=away, difference=Difference.ONLY_LEFT, left_where=ours.where
                )
            )
            continue
        for difference, mine, other in (
            (Difference.DATE, ours.date, theirs.date),
            (Difference.HALF_TIME, _half_time(ours), _half_time(theirs)),
            (Difference.FULL_TIME, ours.ft, theirs.ft),
            (Difference.FINAL, ours.final, theirs.final),
            (Difference.SHOOTOUT, ours.shootout, theirs.shootout),
        ):
            if mine != other:
                found.append(
                    SourceDifference(
                        home=home,
                        away=away,
                        difference=difference,
                        left=mine,
                        right=other,
                        left_where=ours.where,
                        right_where=theirs.where,
                    )
                )
    for key, theirs in right_matches.items():
        if key not in left_matches:
            found.append(
                SourceDifference(
                    home=key[0],
                    away=key[1],
                    difference=Difference.ONLY_RIGHT,
                    right_where=theirs.where,
                )
            )
    return tuple(found)


def _repeated(
    matches: Iterable[ImportedMatch], canonical: Callable[[str], str]
) -> set[tuple[str, str]]:
    pairs = Counter((canonical(m.home), canonical(m.away)) for m in matches)
    return {pair for pair, count in pairs.items() if count > 1}


def _keyed(
    matches: Iterable[ImportedMatch],
    canonical: Callable[[str], str],
    repeated: set[tuple[str, str]],
) -> dict[_Key, ImportedMatch]:
    keyed: dict[_Key, ImportedMatch] = {}
    for match in matches:
        pair = (canonical(match.home), canonical(match.away))
        key: _Key = (*pair, match.date) if pair in repeated else pair
        keyed[key] = match
    return keyed


def _half_time(match: ImportedMatch) -> Score | None:
    for event in match.events:
        if isinstance(event, PeriodEnded):
            return event.score
    return None
