"""What an import reports: one frozen value per bad record, and the result of a whole import.

A bad record is never repaired and never dropped in silence. Each becomes an
:class:`ImportProblem` naming the file, where in it (line or record number), the match (date,
teams, round) and what is wrong: an importer-level :class:`Problem`, and where the match's
:class:`~matchevents.timeline.Timeline` rejected it, the :class:`~matchevents.rules.Rule` broken.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs

from matchevents._wording import counted
from matchevents.events import Event, MatchScheduled
from matchevents.formats import FormatKind
from matchevents.rules import Rule
from matchevents.score import Score


class OnError(enum.Enum):
    """What an import does with a bad record."""

    STOP = "stop"
    """Stop at the first bad record (in file order): raise
    :class:`~matchevents.errors.BadRecordError` and import nothing."""
    SKIP = "skip"
    """Skip every bad match, report them all in :attr:`ImportResult.problems`, import the rest."""


class Problem(enum.Enum):
    """What is wrong with a record. The value is a stable, greppable identifier."""

    UNPARSABLE = "unparsable"
    """The line or record cannot be read in the source's format (a field of the wrong type, a
    line that is neither a date, a round nor a match)."""
    MISSING_SCORE = "missing-score"
    """The match has no full-time score."""
    INVALID_DATE = "invalid-date"
    """The date is missing or not a calendar date."""
    RESULT_CONTRADICTS_SCORE = "result-contradicts-score"
    """A result letter (H/D/A) disagrees with the goals on the same record."""
    SHOOTOUT_LEVEL = "shootout-level"
    """The penalty shoot-out is recorded as level: a shoot-out always has a winner."""
    SHOOTOUT_IMPOSSIBLE = "shootout-impossible"
    """No shoot-out ends on the recorded shoot-out score: it is decided before that (5-2 is
    decided at 4-2 or earlier; see :func:`~matchevents.rules.shootout_can_end_on`)."""
    GOALS_UNDER_WRONG_TEAM = "goals-under-wrong-team"
    """The goal lists add up to the score with the two teams swapped."""
    GOALS_CONTRADICT_SCORE = "goals-contradict-score"
    """The goal lists do not add up to the recorded final score."""
    HALF_TIME_CONTRADICTS_GOALS = "half-time-contradicts-goals"
    """The recorded half-time score disagrees with the goals listed before half-time."""
    INVALID_GOAL = "invalid-goal"
    """A listed goal has no valid minute (e.g. stoppage time at minute 30)."""
    RESULT_UNDECIDED = "result-undecided"
    """A match that must have a winner (a knockout match, a second leg) ends level on the
    recorded scores, with no extra time or shoot-out recorded."""
    FIRST_LEG_REJECTED = "first-leg-rejected"
    """The first leg of this second leg is a bad record, so the tie cannot be checked."""
    UNREAD_NOTE = "unread-note"
    """The record carries a note (``[...]`` in Football.TXT) the importer does not understand:
    it may change the result, so the match is not imported as if the note were not there."""
    AWARD_UNCLEAR = "award-unclear"
    """A note awards the match, but the team it names is not one of the two, or the awarded
    score (home goals first) does not make it the winner."""
    SAME_TEAM = "same-team"
    """The record names one team as both sides: a team cannot play itself."""
    DUPLICATE_MATCH = "duplicate-match"
    """The same teams meet twice on the same day in the same round."""
    RULE_BROKEN = "rule-broken"
    """The match's timeline rejected an event: :attr:`ImportProblem.rule` names the rule."""
    UNKNOWN_TEAM = "unknown-team"
    """A points deduction of a sanctions file names a team that plays no match of its
    season, by that name or by its canonical name (see :mod:`matchevents.importers.sanctions`)."""
    UNKNOWN_CLUB = "unknown-club"
    """A team's spelling is no club of the club registry (:mod:`matchevents.teams`), and the
    import refuses such names (``strict_teams``, ``--strict-teams``); the detail names the
    closest clubs."""
    AMBIGUOUS_CLUB = "ambiguous-club"
    """A team's spelling is a spelling of clubs of several countries in the club registry, and
    the import refuses such names (``strict_teams``); the detail names the candidates."""


def _where_in(file: str, line: int | None, record: int | None) -> str:
    """``file:line``, else ``file#record``, else ``file``: where to look in a source."""
    if line is not None:
        return f"{file}:{line}"
    if record is not None:
        return f"{file}#{record}"
    return file


@attrs.frozen(slots=True, kw_only=True)
class ImportProblem:
    """One bad record: where it is, which match it is, and what is wrong.

    Attributes:
        file: the source file, as given to the importer.
        line: the 1-based line of the record in a text or CSV file, where there is one.
        record: the 1-based number of the match record in the file (JSON, CSV), where known.
        date: the match date, where it could be read.
        home: the first-listed team as the source writes it, where it could be read.
        away: the second-listed team, where it could be read.
        round: the round or stage, as the source writes it.
        problem: what is wrong, as an importer-level kind.
        rule: the timeline rule broken, for problems found by validating the match.
        detail: what exactly is wrong, in words.
    """

    file: str
    line: int | None = None
    record: int | None = None
    date: date | None = None
    home: str | None = None
    away: str | None = None
    round: str | None = None
    problem: Problem
    rule: Rule | None = None
    detail: str

    @property
    def where(self) -> str:
        """``file:line`` or ``file#record``: the place to look in the source."""
        return _where_in(self.file, self.line, self.record)

    def __str__(self) -> str:
        match = " ".join(
            part
            for part in (
                self.date.isoformat() if self.date else None,
                f"{self.home or '?'} v {self.away or '?'}" if self.home or self.away else None,
                f"[{self.round}]" if self.round else None,
            )
            if part
        )
        kind = (
            self.problem.value if self.rule is None else f"{self.problem.value}/{self.rule.value}"
        )
        return (
            f"{self.where}: {match}: {kind}: {self.detail}"
            if match
            else (f"{self.where}: {kind}: {self.detail}")
        )


@attrs.frozen(slots=True, kw_only=True)
class CardCounts:
    """Cards per side as a summary source gives them (counts only: no players, no minutes).

    Such counts cannot become :class:`~matchevents.events.Card` events without inventing who and
    when, so imports keep them beside the match instead.
    """

    home_yellow: int
    away_yellow: int
    home_red: int
    away_red: int


@attrs.frozen(slots=True, kw_only=True)
class ImportedMatch:
    """One match that passed every check, with the events that represent it.

    Attributes:
        match_id: the id every event of the match carries.
        events: the match's events in order; a :class:`~matchevents.timeline.Timeline` accepted
            them all, and the last leaves the match finished.
        file: the source file.
        line: the record's line, where the source has lines.
        record: the record's number in the file, where the source numbers records.
        date: the match date.
        home: the first-listed team, as the events name it: the club registry's canonical
            name (unless the import kept the source's names, or the registry does not know it).
        away: the second-listed team, as the events name it.
        round: the round or stage, as the source writes it.
        ft: the score after 90 minutes (None for a match abandoned during play).
        final: the final score, after extra time where it was played (None for a match
            abandoned during play).
        shootout: the shoot-out score, where there was one. The events record it at the end of
            the shoot-out (``PeriodEnded.penalties``), without kicks: the sources give no kicks.
        awarded: the score the competition's authority awarded, where the source says the
            result was awarded (it replaces the score from play, if any).
        cards: card counts, where the source gives only counts.
        first_leg: for a second leg, the match id of its first leg.
        source_home: the first-listed team as the source writes it, where the events name it
            otherwise (``"Liverpool FC (ENG)"`` for ``"Liverpool"``); None where they agree.
        source_away: the second-listed team as the source writes it, where the events name it
            otherwise; None where they agree.
    """

    match_id: str
    events: tuple[Event, ...]
    file: str
    line: int | None = None
    record: int | None = None
    date: date
    home: str
    away: str
    round: str | None = None
    ft: Score | None
    final: Score | None
    shootout: Score | None = None
    awarded: Score | None = None
    cards: CardCounts | None = None
    first_leg: str | None = None
    source_home: str | None = None
    source_away: str | None = None

    @property
    def source_teams(self) -> tuple[str, str]:
        """The two teams as the source writes them (home, away)."""
        return (
            self.home if self.source_home is None else self.source_home,
            self.away if self.source_away is None else self.source_away,
        )

    @property
    def where(self) -> str:
        """``file:line`` or ``file#record``: where the match is in the source."""
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.record is not None:
            return f"{self.file}#{self.record}"
        return self.file


@attrs.frozen(slots=True, kw_only=True)
class UnknownTeam:
    """A team's spelling the club registry does not name (:mod:`matchevents.teams`): no club is
    spelt so, or clubs of several countries are. The matches were imported with the name as
    written (an import with ``strict_teams`` refuses them instead).

    Attributes:
        file: the source file.
        spelling: the spelling, as the source writes it.
        line: the line of its first record, where the source has lines.
        record: the number of its first record, where the source numbers records.
        records: how many of the file's records name it.
        closest: the registry's closest canonical names (for an unknown spelling).
        candidates: the clubs it may be (for an ambiguous spelling), as ``"Name (CODE)"``.
    """

    file: str
    spelling: str
    line: int | None = None
    record: int | None = None
    records: int = 1
    closest: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """True if clubs of several countries are spelt so, False if none is."""
        return bool(self.candidates)

    @property
    def where(self) -> str:
        """``file:line`` or ``file#record`` of its first record."""
        return _where_in(self.file, self.line, self.record)

    def __str__(self) -> str:
        times = "" if self.records == 1 else f" (and {self.records - 1} more records)"
        if self.candidates:
            what = f"ambiguous team {self.spelling!r}: it may be {' or '.join(self.candidates)}"
        else:
            hint = f"; closest: {', '.join(self.closest)}" if self.closest else ""
            what = f"unknown team {self.spelling!r}{hint}"
        return f"{self.where}{times}: {what}; imported as written"


@attrs.frozen(slots=True, kw_only=True)
class ImportResult:
    """The outcome of importing one file: the matches imported and the records rejected.

    Attributes:
        competition: the competition the matches were imported as.
        season: the season, e.g. ``"2023-24"``.
        file: the file read.
        matches: the imported matches, in source order.
        problems: the bad records, in source order (empty when every record was good).
        unknown_teams: the spellings the club registry names no single club by, in source
            order of their first record (imported as written).
    """

    competition: str
    season: str
    file: str
    matches: tuple[ImportedMatch, ...]
    problems: tuple[ImportProblem, ...]
    unknown_teams: tuple[UnknownTeam, ...] = ()

    @property
    def imported(self) -> int:
        """How many matches were imported."""
        return len(self.matches)

    @property
    def rejected(self) -> int:
        """How many records were rejected."""
        return len(self.problems)

    def events(self) -> Iterator[Event]:
        """Every imported event, grouped per match (each match's events together, in order)."""
        for match in self.matches:
            yield from match.events

    def ties(self) -> tuple[tuple[str, ...], ...]:
        """Every knockout tie among the imported matches as its legs' match ids, in source order
        of the deciding match: ``(first leg, second leg)`` for a two-legged tie, ``(match,)``
        for a single knockout match such as a final. Ready for a tie projection
        (:class:`~matchevents.competitions.ties.Tie`)."""
        ties: list[tuple[str, ...]] = []
        for match in self.matches:
            schedule = match.events[0]
            if not isinstance(schedule, MatchScheduled):
                continue
            kind = schedule.format.kind
            if kind is FormatKind.SECOND_LEG and match.first_leg is not None:
                ties.append((match.first_leg, match.match_id))
            elif kind is FormatKind.KNOCKOUT:
                ties.append((match.match_id,))
        return tuple(ties)

    def summary(self) -> str:
        """One line: what was imported from where, and how many records were rejected."""
        return (
            f"{self.file}: {self.competition} {self.season}: "
            f"{counted(self.imported, 'match')} imported, {counted(self.rejected, 'record')} "
            "rejected"
        )
