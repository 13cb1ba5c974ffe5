"""Head-to-head: one team's record against another, overall, per competition, at home and away.

>>> from matchevents import Score
>>> from matchevents.competitions import RESULTS, head_to_head, played_match
>>> from matchevents.projections import fold
>>> events = [
...     *played_match("1", "Liverpool", "Atalanta", Score(0, 2), competition="UCL", season="20"),
...     *played_match("2", "Liverpool", "Atalanta", Score(0, 3), competition="UEL", season="23"),
...     *played_match("3", "Atalanta", "Liverpool", Score(0, 1), competition="UEL", season="23"),
... ]
>>> h2h = head_to_head(fold(RESULTS, events).results, "Atalanta", "Liverpool")
>>> print(h2h.away)  # two visits to Anfield, unbeaten
P2 W2 D0 L0 GF5 GA0
>>> print(h2h.in_competition("UEL"))
P2 W1 D0 L1 GF3 GA1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from matchevents.competitions.records import EMPTY_RECORD, Record
from matchevents.projections.outcome import MatchResult


@attrs.frozen(slots=True)
class HeadToHead:
    """``team``'s record against ``opponent``, from ``team``'s point of view.

    Attributes:
        team: whose view.
        opponent: the other team.
        matches: the matches between them, in the order given.
    """

    team: str
    opponent: str
    matches: tuple[MatchResult, ...]

    def _total(self, keep: Iterable[MatchResult]) -> Record:
        total = EMPTY_RECORD
        for result in keep:
            total += Record.of(result, self.team)
        return total

    @property
    def overall(self) -> Record:
        """Every match between them."""
        return self._total(self.matches)

    @property
    def at_home(self) -> Record:
        """The matches ``team`` played at home."""
        return self._total(r for r in self.matches if r.home == self.team)

    @property
    def away(self) -> Record:
        """The matches ``team`` played away (e.g. its visits to the opponent's ground)."""
        return self._total(r for r in self.matches if r.away == self.team)

    def in_competition(self, competition: str) -> Record:
        """The matches of one competition."""
        return self._total(r for r in self.matches if r.competition == competition)

    @property
    def by_competition(self) -> Mapping[str, Record]:
        """The record in each competition they met in, in the order first met."""
        totals: dict[str, Record] = {}
        for result in self.matches:
            totals[result.competition] = totals.get(result.competition, EMPTY_RECORD) + Record.of(
                result, self.team
            )
        return totals

    def reversed(self) -> HeadToHead:
        """The same meetings from the opponent's point of view."""
        return HeadToHead(self.opponent, self.team, self.matches)


def head_to_head(results: Iterable[MatchResult], team: str, opponent: str) -> HeadToHead:
    """``team``'s head-to-head against ``opponent`` over ``results`` (other matches skipped)."""
    pair = {team, opponent}
    return HeadToHead(
        team, opponent, tuple(r for r in results if {r.home, r.away} == pair and team != opponent)
    )
