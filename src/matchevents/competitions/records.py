"""Team records: played, won, drawn, lost, goals and points; home and away; form and streaks.

A :class:`Record` is a sum over results: records of disjoint sets of matches add up with ``+``.
A :class:`RecordBook` answers questions about the results of a
:class:`~matchevents.competitions.results.ResultsState` (or any results), across competitions or
for one, overall or at home or away only:

>>> from matchevents import Score
>>> from matchevents.competitions import RESULTS, RecordBook, played_match
>>> from matchevents.projections import fold
>>> events = [
...     *played_match("1", "Liverpool", "Atalanta", Score(0, 3), competition="UEL", season="23"),
...     *played_match("2", "Atalanta", "Liverpool", Score(0, 1), competition="UEL", season="23"),
... ]
>>> book = RecordBook.of(fold(RESULTS, events))
>>> print(book.record("Atalanta"))
P2 W1 D0 L1 GF3 GA1
>>> book.form("Liverpool")
'LW'
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

import attrs

from matchevents.competitions.results import (
    ResultsState,
    TeamOutcome,
    chronological,
    goals_of,
    outcome_of,
    played_on,
)
from matchevents.competitions.rulesets import THREE_POINTS_FOR_A_WIN, PointsScheme
from matchevents.errors import InvalidValueError
from matchevents.projections.outcome import MatchResult


class Venue(enum.Enum):
    """Which of a team's matches to count."""

    ANY = "any"
    HOME = "home"
    AWAY = "away"


_VENUE_SIDES: Final = {
    Venue.ANY: (True, True),
    Venue.HOME: (True, False),
    Venue.AWAY: (False, True),
}


@attrs.frozen(slots=True)
class Record:
    """What a team did over some matches. Records of disjoint matches add up with ``+``."""

    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0

    @classmethod
    def of(cls, result: MatchResult, team: str) -> Record:
        """The record of one match for ``team``.

        Raises:
            CompetitionDataError: ``team`` did not play it.
        """
        scored, conceded = goals_of(result, team)
        return cls(
            1,
            int(scored > conceded),
            int(scored == conceded),
            int(scored < conceded),
            scored,
            conceded,
        )

    @property
    def goal_difference(self) -> int:
        """Goals for minus goals against."""
        return self.goals_for - self.goals_against

    def points(self, scheme: PointsScheme = THREE_POINTS_FOR_A_WIN) -> int:
        """Points earned on the pitch under ``scheme`` (deductions are the table's business)."""
        return scheme.points(self.won, self.drawn, self.lost)

    def __add__(self, other: Record) -> Record:
        return Record(
            self.played + other.played,
            self.won + other.won,
            self.drawn + other.drawn,
            self.lost + other.lost,
            self.goals_for + other.goals_for,
            self.goals_against + other.goals_against,
        )

    def __str__(self) -> str:
        return (
            f"P{self.played} W{self.won} D{self.drawn} L{self.lost} "
            f"GF{self.goals_for} GA{self.goals_against}"
        )


EMPTY_RECORD: Final = Record()
"""No match played."""


class StreakKind(enum.Enum):
    """A run of consecutive matches sharing something."""

    WINNING = "winning"
    UNBEATEN = "unbeaten"
    DRAWING = "drawing"
    LOSING = "losing"
    WINLESS = "winless"
    SCORING = "scoring"
    """Scoring at least once in every match."""
    SCORELESS = "scoreless"
    """Failing to score in every match."""
    CLEAN_SHEETS = "clean_sheets"
    """Conceding no goal in every match."""

    def holds(self, result: MatchResult, team: str) -> bool:
        """True if ``result`` continues a streak of this kind for ``team``."""
        return _HOLDS[self](result, team)


def _scores(result: MatchResult, team: str) -> bool:
    return goals_of(result, team)[0] > 0


def _concedes(result: MatchResult, team: str) -> bool:
    return goals_of(result, team)[1] > 0


_HOLDS: Final[dict[StreakKind, Callable[[MatchResult, str], bool]]] = {
    StreakKind.WINNING: lambda r, t: outcome_of(r, t) is TeamOutcome.WIN,
    StreakKind.UNBEATEN: lambda r, t: outcome_of(r, t) is not TeamOutcome.LOSS,
    StreakKind.DRAWING: lambda r, t: outcome_of(r, t) is TeamOutcome.DRAW,
    StreakKind.LOSING: lambda r, t: outcome_of(r, t) is TeamOutcome.LOSS,
    StreakKind.WINLESS: lambda r, t: outcome_of(r, t) is not TeamOutcome.WIN,
    StreakKind.SCORING: _scores,
    StreakKind.SCORELESS: lambda r, t: not _scores(r, t),
    StreakKind.CLEAN_SHEETS: lambda r, t: not _concedes(r, t),
}


@attrs.frozen(slots=True)
class Streak:
    """A maximal run of consecutive matches of one kind, with its first and last match.

    Attributes:
        kind: what the matches share.
        team: whose streak.
        matches: the matches of the run, in the order played.
        ended_by: the match that broke the run, or None while it goes on.
    """

    kind: StreakKind
    team: str
    matches: tuple[MatchResult, ...]
    ended_by: MatchResult | None = None

    @property
    def length(self) -> int:
        """How many matches."""
        return len(self.matches)

    @property
    def first(self) -> MatchResult:
        """The first match of the run."""
        return self.matches[0]

    @property
    def last(self) -> MatchResult:
        """The last match of the run."""
        return self.matches[-1]

    @property
    def since(self) -> date | None:
        """The date of the first match."""
        return played_on(self.first)

    @property
    def until(self) -> date | None:
        """The date of the last match."""
        return played_on(self.last)

    @property
    def is_current(self) -> bool:
        """True if no match has broken it yet."""
        return self.ended_by is None

    def __str__(self) -> str:
        span = f" ({self.since} to {self.until})" if self.since is not None else ""
        return f"{self.team}: {self.length} {self.kind.value}{span}"


@attrs.frozen(slots=True)
class RecordBook:
    """Questions about teams' results: records, splits, form, streaks.

    Args:
        results: the results to answer from, in any order (they are put in the order played:
            by kick-off where every result has one, else as given).
    """

    results: tuple[MatchResult, ...] = attrs.field(converter=chronological)

    @classmethod
    def of(cls, state: ResultsState) -> RecordBook:
        """A record book over a results projection's state."""
        return cls(state.results)

    def matches(
        self, team: str, *, venue: Venue = Venue.ANY, competition: str | None = None
    ) -> list[MatchResult]:
        """``team``'s matches in the order played, at ``venue``, in ``competition`` (None: all)."""
        wanted = _VENUE_SIDES[venue]
        return [
            r
            for r in self.results
            if ((r.home == team and wanted[0]) or (r.away == team and wanted[1]))
            and (competition is None or r.competition == competition)
        ]

    def record(
        self, team: str, *, venue: Venue = Venue.ANY, competition: str | None = None
    ) -> Record:
        """``team``'s record at ``venue`` in ``competition`` (None: every competition)."""
        total = EMPTY_RECORD
        for result in self.matches(team, venue=venue, competition=competition):
            total += Record.of(result, team)
        return total

    def form(
        self,
        team: str,
        last: int = 5,
        *,
        venue: Venue = Venue.ANY,
        competition: str | None = None,
    ) -> str:
        """The outcomes of ``team``'s last ``last`` matches, oldest first, e.g. ``"WWDLW"``.

        Raises:
            InvalidValueError: ``last`` is negative.
        """
        if type(last) is not int or last < 0:
            raise InvalidValueError(f"form is of the last 0 or more matches, got last={last!r}")
        recent = self.matches(team, venue=venue, competition=competition)[-last:] if last else []
        return "".join(outcome_of(r, team).letter for r in recent)

    def streaks(
        self,
        team: str,
        kind: StreakKind,
        *,
        venue: Venue = Venue.ANY,
        competition: str | None = None,
    ) -> tuple[Streak, ...]:
        """Every maximal run of ``kind`` for ``team``, in the order played."""
        runs: list[Streak] = []
        current: list[MatchResult] = []
        for result in self.matches(team, venue=venue, competition=competition):
            if kind.holds(result, team):
                current.append(result)
            elif current:
                runs.append(Streak(kind, team, tuple(current), ended_by=result))
                current = []
        if current:
            runs.append(Streak(kind, team, tuple(current)))
        return tuple(runs)

    def current_streak(
        self,
        team: str,
        kind: StreakKind,
        *,
        venue: Venue = Venue.ANY,
        competition: str | None = None,
    ) -> Streak | None:
        """The run of ``kind`` still going on after ``team``'s last match, or None."""
        runs = self.streaks(team, kind, venue=venue, competition=competition)
        return runs[-1] if runs and runs[-1].is_current else None

    def longest_streak(
        self,
        team: str,
        kind: StreakKind,
        *,
        venue: Venue = Venue.ANY,
        competition: str | None = None,
    ) -> Streak | None:
        """The longest run of ``kind`` (the earliest of equally long ones), or None."""
        runs = self.streaks(team, kind, venue=venue, competition=competition)
        return max(runs, key=lambda s: s.length, default=None)


def record_of(results: Sequence[MatchResult], team: str) -> Record:
    """``team``'s record over ``results`` (the matches it did not play are skipped)."""
    total = EMPTY_RECORD
    for result in results:
        if team in (result.home, result.away):
            total += Record.of(result, team)
    return total
