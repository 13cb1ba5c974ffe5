"""The partitions' partial results put back together as one replay of the whole archive: each
projection's states merged with its ``merge`` and put back in archive order by the positions the
workers noted (results in the order matches ended, cards in the order shown, matches in progress
in the order scheduled), the per-match states and the problems in archive order, and the points
deductions checked against the teams of every partition; or, for a strict replay, the error of
the problem a lenient replay lists first."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from matchevents.competitions.results import ResultsState, UnmatchedAward
from matchevents.errors import CompetitionDataError, ParallelReplayError
from matchevents.events import MatchAwarded
from matchevents.log import deduction_problems
from matchevents.parallel._values import ArchiveReplay, SourcedProblem
from matchevents.parallel._worker import _Deduction, _Partial
from matchevents.projections.base import CombinedMergeable, Projection
from matchevents.projections.discipline import Discipline
from matchevents.projections.outcome import MatchStatus


def _combine(
    partials: list[_Partial],
    projections: tuple[Projection[Any], ...],
    count: int,
    strict: bool,
) -> ArchiveReplay:
    where = _Positions(
        schedules={k: v for p in partials for k, v in p.schedules.items()},
        period_ends={k: v for p in partials for k, v in p.period_ends.items()},
        awards={k: v for p in partials for k, v in p.awards.items()},
        cards=[p.cards for p in partials],
    )
    states = tuple(
        _merge(projection, [p.result.states[i] for p in partials], where)
        for i, projection in enumerate(projections)
    )
    first_seen = {k: v for p in partials for k, v in p.first_seen.items()}
    per_match = dict(
        sorted(
            (item for p in partials for item in p.result.per_match.items()),
            key=lambda item: first_seen[item[0]],
        )
    )
    sourced = [
        (position, SourcedProblem(source, problem))
        for p in partials
        for (position, source), problem in zip(p.problem_positions, p.result.problems, strict=True)
    ]
    # The points deductions of every partition checked against the teams of all of them, as
    # one replay checks them.
    unknown = _deduction_problems(_deductions(partials), _teams(partials))
    if unknown and strict:
        failure = _deduction_error(unknown[0][1])
        raise failure from failure.error
    problems = sorted(sourced + unknown, key=lambda pair: pair[0])
    return ArchiveReplay(
        states=states,
        per_match=per_match,
        problems=tuple(sourced for _, sourced in problems),
        events=sum(p.result.events for p in partials),
        matches=sum(p.result.matches for p in partials),
        partitions=count,
        cpu_seconds=tuple(p.cpu_seconds for p in partials),
    )


def _deductions(partials: list[_Partial]) -> list[_Deduction]:
    """The points deductions of every partition, in archive order."""
    return sorted((d for p in partials for d in p.deductions), key=lambda d: d[0])


def _teams(partials: list[_Partial]) -> dict[tuple[str, str], set[str]]:
    """The teams of each (competition, season) that the partitions' schedules name."""
    teams: dict[tuple[str, str], set[str]] = {}
    for partial in partials:
        for key, names in partial.teams.items():
            teams.setdefault(key, set()).update(names)
    return teams


def _deduction_problems(
    deductions: list[_Deduction], teams: dict[tuple[str, str], set[str]]
) -> list[tuple[int, SourcedProblem]]:
    """A problem, at its position, for each deduction naming no team of its season in ``teams``."""
    return [
        (position, SourcedProblem(source, problem))
        for position, source, line, deduction in deductions
        for problem in deduction_problems([(line, deduction)], teams)
    ]


def _deduction_error(sourced: SourcedProblem) -> ParallelReplayError:
    """A strict replay's error for a deduction naming no team of its season."""
    message = sourced.problem.message
    error = CompetitionDataError(message)
    return ParallelReplayError(sourced.source, sourced.problem.line, None, message, error)


def _check_whole_matches(partials: list[_Partial], files: tuple[tuple[int, str], ...]) -> None:
    """Partitioned by file, a match in two files would be split: say which match and where."""
    seen: dict[str, int] = {}
    for index, partial in enumerate(partials):
        for match_id in partial.match_ids or ():
            earlier = seen.setdefault(match_id, index)
            if earlier != index:
                raise ParallelReplayError(
                    files[index][1],
                    None,
                    match_id,
                    f"the match's events are also in {files[earlier][1]}; partition_by=FILE needs "
                    "every match in one file (use PartitionBy.MATCH)",
                )


def _first_problem(
    partials: list[_Partial], relist: Callable[[], list[_Partial]]
) -> ParallelReplayError:
    """A strict replay's error: the problem a lenient replay lists first, as in one process.
    That is the archive's first bad line, unless a points deduction before it names a team that
    no schedule of the archive names; only the whole archive tells, so when a deduction before
    the line names a team no partition met before stopping, the archive is replayed again
    leniently (``relist``) for its teams."""
    first = min((p for p in partials if p.failure is not None), key=lambda p: p.failure_position)
    assert first.failure is not None
    earlier = [d for d in _deductions(partials) if d[0] < first.failure_position]
    if _deduction_problems(earlier, _teams(partials)):
        found = _deduction_problems(earlier, _teams(relist()))
        if found:
            return _deduction_error(found[0][1])
    return first.failure


# -- the states, in archive order -------------------------------------------------------------
def _merge_pairwise(merge: Callable[[Any, Any], Any], states: Sequence[Any]) -> Any:
    """``merge`` over ``states`` in order, as a balanced tree (merge is associative), so that
    merging many partitions costs n log n, not n squared."""
    level = list(states)
    while len(level) > 1:
        level = [
            merge(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
            for i in range(0, len(level), 2)
        ]
    return level[0]


@attrs.frozen(slots=True)
class _Positions:
    """Where, in the whole archive, the order-bearing things of every partition happened."""

    schedules: dict[str, int]
    period_ends: dict[str, int]
    awards: dict[str, list[int]]
    cards: list[list[int]]


def _merge(projection: Projection[Any], parts: Sequence[Any], where: _Positions) -> Any:
    """The partial states of ``projection`` merged, in archive order where the state has one."""
    if not parts:  # an archive of no file at all
        return projection.initial()
    if isinstance(projection, CombinedMergeable):
        return tuple(
            _merge(inner, [part[i] for part in parts], where)
            for i, inner in enumerate(projection.projections)
        )
    merge: Callable[[Any, Any], Any] = projection.merge  # type: ignore[attr-defined]
    merged = _merge_pairwise(merge, parts)
    if isinstance(merged, ResultsState):
        return _results_in_log_order(merged, where)
    if isinstance(merged, Discipline):
        return _cards_in_log_order(parts, where.cards, merged)
    return merged


def _results_in_log_order(merged: ResultsState, where: _Positions) -> ResultsState:
    """``merged`` in the order of a sequential fold: the results in the order the matches ended
    in the archive (a result awarded ends at the match's first award, any other at its last
    period end: nothing but an award is accepted once a match is over), the matches in progress
    in the order they were scheduled, the overturned results in the order they were overturned
    (at the first award after the end), and the awards of matches the projection does not count
    in the order given, each with the results and overturned results before it."""
    ends, awards, schedules = where.period_ends, where.awards, where.schedules
    log = merged.log
    # Read from the log's columns: no result is made for putting them in order.
    awarded: set[str] = set()
    ended_at: list[int] = []
    for match_id, status in zip(log.match_ids(), log.values_of("status"), strict=True):
        if status is MatchStatus.AWARDED:
            awarded.add(match_id)
            ended_at.append(awards[match_id][0])
        else:
            ended_at.append(ends[match_id])
    order = sorted(range(len(log)), key=ended_at.__getitem__)

    def overturned_at(match_id: str) -> int:
        given = awards[match_id]
        return given[1] if match_id in awarded else given[0]

    overturned = sorted(merged.overturned.items(), key=lambda item: overturned_at(item[0]))
    unmatched: tuple[UnmatchedAward, ...] = ()
    if merged.unmatched_awards:
        # Every match in one partition: a match the projection never saw has all its awards
        # here, in the order given.
        counted: dict[str, int] = {}
        placed: list[tuple[int, MatchAwarded]] = []
        for waiting in merged.unmatched_awards:
            match_id = waiting.award.match_id
            nth = counted[match_id] = counted.get(match_id, -1) + 1
            placed.append((awards[match_id][nth], waiting.award))
        placed.sort(key=lambda pair: pair[0])
        ends_at = [ended_at[row] for row in order]
        overturned_when = sorted(overturned_at(match_id) for match_id, _ in overturned)
        unmatched = tuple(
            UnmatchedAward(award, bisect(ends_at, at), bisect(overturned_when, at))
            for at, award in placed
        )
    return ResultsState(
        running=dict(sorted(merged.running.items(), key=lambda item: schedules[item[0]])),
        log=log.reordered(order),
        overturned=dict(overturned),
        deductions=merged.deductions,
        unmatched_awards=unmatched,
    )


def _cards_in_log_order(
    parts: Sequence[Discipline], positions: list[list[int]], merged: Discipline
) -> Discipline:
    """The cards of every part in the order they were shown in the archive."""
    if any(len(p.cards) != len(at) for p, at in zip(parts, positions, strict=True)):
        return merged  # not the log-wide cards (a filtered projection): keep the merge's order
    shown = sorted(
        (
            (at, card)
            for p, at_all in zip(parts, positions, strict=True)
            for at, card in zip(at_all, p.cards, strict=True)
        ),
        key=lambda pair: pair[0],
    )
    return Discipline(cards=tuple(card for _, card in shown))


def _states_of_type(projection: Projection[Any], kind: type) -> bool:
    if isinstance(projection, CombinedMergeable):
        return any(_states_of_type(inner, kind) for inner in projection.projections)
    return isinstance(projection.initial(), kind)
