"""Matches imported twice: from two files of one import, or onto a log that already holds them.

A log holds each match once: a second copy of its events is a second kick-off of a match already
over, and every one of its lines is a bad line. So a match whose id is already taken, by the log
an import appends to or by an earlier file of the same import, is a :class:`Duplicate`: reported
(where it is, the match it repeats and where, whether the two agree) and left out. The same holds
for a points deduction already in the log.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import CodecError, MatchEventsError
from matchevents.events import Event, MatchScheduled
from matchevents.importers.report import ImportedMatch, ImportResult
from matchevents.projections.outcome import match_result

if TYPE_CHECKING:
    from matchevents.codec import Codec


@attrs.frozen(slots=True, kw_only=True)
class Duplicate:
    """A match (or a points deduction) that is already in the log or in an earlier file, and so
    is left out.

    Attributes:
        where: where the repeat is: ``file:line``, ``file#record``, or the sanctions file's line.
        what: what is repeated: ``"the match <id>"`` or the points deduction in words.
        repeats: where it already is: ``log:line``, or an earlier file's ``file#record``.
        difference: how the two differ, in words; None when they agree.
        date: the match's date (or the deduction's), where known.
        home: the first-listed team, for a match.
        away: the second-listed team, for a match.
        round: the round, for a match, as the source writes it.
    """

    where: str
    what: str
    repeats: str
    difference: str | None = None
    date: date | None = None
    home: str | None = None
    away: str | None = None
    round: str | None = None

    @property
    def agrees(self) -> bool:
        """Whether the repeat says what the original says (the same events)."""
        return self.difference is None

    def __str__(self) -> str:
        match = " ".join(
            part
            for part in (
                self.date.isoformat() if self.date else None,
                f"{self.home} v {self.away}" if self.home and self.away else None,
                f"[{self.round}]" if self.round else None,
            )
            if part
        )
        verdict = "the two agree" if self.difference is None else f"they differ: {self.difference}"
        return f"{self.where}: {match + ': ' if match else ''}{self.what} is already in " + (
            f"{self.repeats}; {verdict}"
        )


@attrs.frozen(slots=True, kw_only=True)
class KnownLog:
    """What an import appending to a log must know of it: the matches it would repeat, the
    points deductions it holds, and the teams of each (competition, season).

    Attributes:
        matches: for each match id asked about that the log holds, where its first line is
            (``log:line``) and its events, in log order.
        deductions: the log's points deductions, each with its ``log:line``.
        teams: the teams of each (competition, season) the log schedules.
        events: how many events the log holds.
        unreadable: how many of its lines could not be read (they are neither kept nor judged).
    """

    matches: dict[str, tuple[str, tuple[Event, ...]]] = attrs.Factory(dict)
    deductions: tuple[tuple[str, PointsDeduction], ...] = ()
    teams: dict[tuple[str, str], set[str]] = attrs.Factory(dict)
    events: int = 0
    unreadable: int = 0


def read_known(
    log: str | os.PathLike[str], match_ids: Collection[str], *, codec: Codec | None = None
) -> KnownLog:
    """Read a log for an import that appends to it: the events of the matches in ``match_ids``
    (only those, so that memory follows the import, not the log), its points deductions and the
    teams of its seasons. Unreadable lines are counted and skipped.

    Raises:
        OSError: the log cannot be read.
    """
    from matchevents.log import numbered_events  # the codec is needed only to read a log

    name = os.fspath(log)
    unreadable = 0

    def skip(error: CodecError) -> None:
        nonlocal unreadable
        unreadable += 1

    matches: dict[str, tuple[str, list[Event]]] = {}
    deductions: list[tuple[str, PointsDeduction]] = []
    teams: dict[tuple[str, str], set[str]] = {}
    count = 0
    for line, event in numbered_events(log, codec=codec, on_error=skip):
        count += 1
        if isinstance(event, PointsDeduction):
            deductions.append((f"{name}:{line}", event))
            continue
        if isinstance(event, MatchScheduled):
            teams.setdefault((event.competition, event.season), set()).update(
                (event.home, event.away)
            )
        match_id = getattr(event, "match_id", None)
        if isinstance(match_id, str) and match_id in match_ids:
            matches.setdefault(match_id, (f"{name}:{line}", []))[1].append(event)
    return KnownLog(
        matches={key: (where, tuple(events)) for key, (where, events) in matches.items()},
        deductions=tuple(deductions),
        teams=teams,
        events=count,
        unreadable=unreadable,
    )


def without_duplicates(
    results: Sequence[ImportResult], known: KnownLog | None = None
) -> tuple[list[ImportResult], list[Duplicate]]:
    """The results without the matches already in the log (``known``) or in an earlier result,
    and a :class:`Duplicate` for each match left out, in import order."""
    taken: dict[str, tuple[str, tuple[Event, ...]]] = dict(known.matches) if known else {}
    kept: list[ImportResult] = []
    duplicates: list[Duplicate] = []
    for result in results:
        matches: list[ImportedMatch] = []
        for match in result.matches:
            original = taken.get(match.match_id)
            if original is None:
                taken[match.match_id] = (match.where, match.events)
                matches.append(match)
                continue
            duplicates.append(
                Duplicate(
                    where=match.where,
                    what=f"the match {match.match_id}",
                    repeats=original[0],
                    difference=difference(match.events, original[1]),
                    date=match.date,
                    home=match.home,
                    away=match.away,
                    round=match.round,
                )
            )
        kept.append(attrs.evolve(result, matches=tuple(matches)))
    return kept, duplicates


def difference(ours: Sequence[Event], theirs: Sequence[Event]) -> str | None:
    """How two copies of one match's events differ, in words; None when they are the same.

    The results first (``Spain 2-1 England (HT 0-0, FT 2-1) here, ... there``); for the same
    result, the first event that differs and which of its fields.
    """
    if tuple(ours) == tuple(theirs):
        return None
    try:
        mine, other = str(match_result(ours)), str(match_result(theirs))
    except MatchEventsError:  # a log's copy without its schedule (a bad line): no result
        mine = other = ""
    if mine != other:
        return f"{mine or 'no result'} here, {other or 'no result'} there"
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1):
        if a == b:
            continue
        if type(a) is type(b) and attrs.has(type(a)):
            fields = [
                f.name for f in attrs.fields(type(a)) if getattr(a, f.name) != getattr(b, f.name)
            ]
            return f"the same result, but event {number} ({type(a).__name__}) differs in " + (
                ", ".join(fields)
            )
        return (
            f"the same result, but event {number} is a {type(a).__name__} here, "
            f"a {type(b).__name__} there"
        )
    return f"the same result, but {len(ours)} events here, {len(theirs)} there"


def deduction_key(deduction: PointsDeduction) -> tuple[object, ...]:
    """What makes two points deductions one decision: competition, season, team, points, date."""
    return (deduction.competition, deduction.season, deduction.team, deduction.points, deduction.on)


def new_deductions(
    deductions: Iterable[tuple[str, PointsDeduction]], known: KnownLog | None = None
) -> tuple[list[PointsDeduction], list[Duplicate]]:
    """The deductions (each with where it is written) not already in the log or earlier in
    ``deductions``, and a :class:`Duplicate` for each one left out."""
    taken = {deduction_key(d): (where, d) for where, d in (known.deductions if known else ())}
    kept: list[PointsDeduction] = []
    duplicates: list[Duplicate] = []
    for where, deduction in deductions:
        original = taken.setdefault(deduction_key(deduction), (where, deduction))
        if original[1] is deduction:
            kept.append(deduction)
            continue
        duplicates.append(
            Duplicate(
                where=where,
                what=f"the points deduction of {deduction.points} from {deduction.team!r} "
                f"({deduction.competition} {deduction.season})",
                repeats=original[0],
                difference=None
                if original[1].reason == deduction.reason
                else f"reason {deduction.reason!r} here, {original[1].reason!r} there",
                date=deduction.on,
            )
        )
    return kept, duplicates
