"""What one import writes to a log: its files' matches, each once.

:func:`plan_import` takes the results of the files (in the order given) and what the log appended
to already holds, and returns an :class:`ImportPlan`: the matches to write without the
duplicates, and everything left out and why. The ``matchevents import`` command writes the plan's
events, or nothing when it has none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from matchevents.events import Event
from matchevents.importers.duplicates import Duplicate, KnownLog, without_duplicates
from matchevents.importers.report import ImportProblem, ImportResult


@attrs.frozen(slots=True, kw_only=True)
class ImportPlan:
    """The events an import writes and what it leaves out.

    Attributes:
        results: each file's result, as imported (every match it read).
        kept: each file's result without its duplicates: the matches to write.
        duplicates: the matches left out because the log or an earlier file already holds
            them, in import order.
        problems: every bad record of the files, in file order.
    """

    results: tuple[ImportResult, ...]
    kept: tuple[ImportResult, ...]
    duplicates: tuple[Duplicate, ...] = ()
    problems: tuple[ImportProblem, ...] = ()

    @property
    def matches(self) -> int:
        """How many matches the plan writes."""
        return sum(result.imported for result in self.kept)

    @property
    def disagreeing(self) -> tuple[Duplicate, ...]:
        """The duplicates that say something else than what they repeat."""
        return tuple(duplicate for duplicate in self.duplicates if not duplicate.agrees)

    def events(self) -> Iterator[Event]:
        """What to write, in order: each match's events, file by file."""
        for result in self.kept:
            yield from result.events()


def plan_import(results: Sequence[ImportResult], known: KnownLog | None = None) -> ImportPlan:
    """Plan the writing of ``results`` (to a log holding ``known``, when appending)."""
    kept, duplicates = without_duplicates(results, known)
    return ImportPlan(
        results=tuple(results),
        kept=tuple(kept),
        duplicates=tuple(duplicates),
        problems=tuple(p for result in results for p in result.problems),
    )
