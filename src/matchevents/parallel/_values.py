"""What a parallel replay is asked and what it answers: how to split an archive
(:class:`PartitionBy`), a bad line with its file (:class:`SourcedProblem`) and the merged result
(:class:`ArchiveReplay`). Kept apart from the machinery: a reader of the results needs nothing
else."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from matchevents.log import LogProblem, ReplayResult


class PartitionBy(enum.Enum):
    """How a parallel replay splits an archive (every event of a match in one partition)."""

    MATCH = "match"
    """By a stable hash of the match id: any archive, every worker reads every file."""
    FILE = "file"
    """One partition per file: each file read once; every file must hold whole matches."""


@attrs.frozen(slots=True)
class SourcedProblem:
    """A bad line of an archive: the file it is in, and the problem (line, match, rule, what).

    Attributes:
        source: the file.
        problem: the line's problem, as a sequential replay reports it.
    """

    source: str
    problem: LogProblem

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@attrs.frozen(slots=True)
class ArchiveReplay:
    """What a parallel replay produced: a :class:`~matchevents.log.ReplayResult` whose problems
    also name their file.

    Attributes:
        states: the final state of each log-wide projection, in the order they were given.
        per_match: for each match (in order of first appearance in the archive), the final state
            of each per-match projection.
        problems: every bad line, in archive order (empty for a strict replay, which raises).
        events: how many events were accepted.
        matches: how many matches the archive holds.
        partitions: how many partitions the work was split into.
        cpu_seconds: the CPU time each partition took in its worker, in partition order: the
            largest is the least a replay can last on idle cores (a straggler shows here).
    """

    states: tuple[Any, ...]
    per_match: dict[str, tuple[Any, ...]]
    problems: tuple[SourcedProblem, ...]
    events: int
    matches: int
    partitions: int
    cpu_seconds: tuple[float, ...] = ()

    def as_replay_result(self) -> ReplayResult:
        """The same figures as a :class:`~matchevents.log.ReplayResult` (problems without their
        file), to compare with or stand in for a sequential replay."""
        return ReplayResult(
            self.states,
            self.per_match,
            tuple(sourced.problem for sourced in self.problems),
            self.events,
            self.matches,
        )
