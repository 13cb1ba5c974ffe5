"""What one import writes to a log: its files' matches, each once, and their seasons' sanctions.

:func:`plan_import` takes the results of the files (in the order given), what the log appended to
already holds, and a sanctions list, and returns an :class:`ImportPlan`: the matches to write
without the duplicates, the points deductions to write, and everything left out and why. The
``matchevents import`` command writes the plan's events, or nothing when it has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

from matchevents.competitions.sanctions import PointsDeduction
from matchevents.events import Event
from matchevents.importers.duplicates import (
    Duplicate,
    KnownLog,
    new_deductions,
    without_duplicates,
)
from matchevents.importers.report import ImportProblem, ImportResult
from matchevents.importers.sanctions import Sanction, apply_sanctions
from matchevents.teams import ClubRegistry


@attrs.frozen(slots=True, kw_only=True)
class ImportPlan:
    """The events an import writes and what it leaves out.

    Attributes:
        results: each file's result, as imported (every match it read).
        kept: each file's result without its duplicates: the matches to write.
        duplicates: the matches and deductions left out because the log or an earlier file
            already holds them, in import order.
        deductions: the points deductions to write, their teams spelt as the matches spell them.
        problems: every bad record: the files' (in file order), then the sanctions'.
        elsewhere: (competition, season) of sanctions for a season imported under another
            competition name (not applied; see :class:`~matchevents.importers.sanctions.Applied`).
    """

    results: tuple[ImportResult, ...]
    kept: tuple[ImportResult, ...]
    duplicates: tuple[Duplicate, ...] = ()
    deductions: tuple[PointsDeduction, ...] = ()
    problems: tuple[ImportProblem, ...] = ()
    elsewhere: tuple[tuple[str, str], ...] = ()

    @property
    def matches(self) -> int:
        """How many matches the plan writes."""
        return sum(result.imported for result in self.kept)

    @property
    def disagreeing(self) -> tuple[Duplicate, ...]:
        """The duplicates that say something else than what they repeat."""
        return tuple(duplicate for duplicate in self.duplicates if not duplicate.agrees)

    def events(self) -> Iterator[Event | PointsDeduction]:
        """What to write, in order: each match's events, file by file, then the deductions."""
        for result in self.kept:
            yield from result.events()
        yield from self.deductions


def plan_import(
    results: Sequence[ImportResult],
    known: KnownLog | None = None,
    sanctions: Iterable[Sanction] = (),
    *,
    teams: ClubRegistry | None = None,
) -> ImportPlan:
    """Plan the writing of ``results`` (to a log holding ``known``, when appending) with the
    deductions of ``sanctions`` for their seasons (teams found by name, or by their canonical
    names in ``teams``).
    """
    kept, duplicates = without_duplicates(results, known)
    applied = apply_sanctions(
        sanctions, results, registry=teams, teams=known.teams if known else None
    )
    deductions, repeated = new_deductions(applied.deductions, known)
    return ImportPlan(
        results=tuple(results),
        kept=tuple(kept),
        duplicates=(*duplicates, *repeated),
        deductions=tuple(deductions),
        problems=(*(p for result in results for p in result.problems), *applied.problems),
        elsewhere=applied.elsewhere,
    )
