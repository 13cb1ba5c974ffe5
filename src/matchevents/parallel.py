"""Replay an archive of logs across processes or a cluster, with the result of one sequential
replay.

The work is split **by match**: every event of a match goes to one partition, so each partition
validates its matches with their own timelines and folds them into partial states exactly as a
sequential replay would. Two ways to split:

- :attr:`PartitionBy.MATCH` (the default, for any archive): ``partitions`` workers each read every
  file and keep the lines of the matches whose id hashes to them (a stable CRC-32 of the id,
  found in the line's bytes without decoding it); lines naming no match (points deductions),
  blank and unreadable lines go to partition 0. A batch line (a JSON array of events) sends each
  event to its own match's partition, at the batch's line. A match may be spread over any files,
  cut anywhere.
- :attr:`PartitionBy.FILE` (cheapest, when each file holds whole matches, as one file per league
  season does): one partition per file, each file read once. A match found in two files is a
  :class:`~matchevents.errors.ParallelReplayError`, never a silently halved match.

The partial states are merged with each projection's ``merge``
(:class:`~matchevents.projections.MergeableProjection`), then put back in **log order**: the
results of a :class:`~matchevents.competitions.ResultsState` (so league tables, records, form and
streaks of a :class:`~matchevents.competitions.RecordBook`) in the order the matches ended, its
matches in progress in the order they were scheduled and its overturned results in the order they
were overturned; the cards of a :class:`~matchevents.projections.Discipline` in the order shown;
the per-match states in order of each match's first event; the problems in line order. Each
worker notes where in the archive those things happened (a file and a line: positions), which
costs a few dictionary writes a match. A projection of your own is merged partition by
partition with its ``merge``; it equals the sequential fold when its state does not depend on the
order of events of *different* matches (sums, counts, sets). Projections that are not mergeable
are refused: replay them sequentially (:func:`~matchevents.log.replay`).

Partitions run on any :class:`concurrent.futures.Executor`: a
:class:`~concurrent.futures.ProcessPoolExecutor` on one machine, or a Dask cluster's executor
(``distributed.Client.get_executor()``, ``pip install "matchevents[dask]"``). Projections and the
codec travel to the workers by pickling. An event store's streams replay the same way
(:func:`replay_store_parallel`): each worker opens the store and reads its matches' streams.

Cost: partitioned by file, nothing is done twice; partitioned by match, every worker reads every
line and skips the others' (about 0.6 µs a line). On the 1,000,000-event benchmark archive
(``benchmarks/parallel.py``), two processes replay 1.7 to 1.9 times as fast as one by file and
1.4 to 1.5 times by match, on 2 cores (see the how-to "Replay a large archive" for the figures).
"""

from __future__ import annotations

import enum
import os
import time
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from itertools import chain
from typing import Any, Final
from zlib import crc32

import attrs

from matchevents.codec import Codec, default_codec, parse_json
from matchevents.competitions.results import ResultsState, UnmatchedAward
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import (
    CodecError,
    CompetitionDataError,
    InvalidValueError,
    MatchEventsError,
    ParallelReplayError,
    RuleViolation,
)
from matchevents.events import Card, MatchAwarded, MatchScheduled, PeriodEnded
from matchevents.log import LogProblem, Replayer, ReplayResult, deduction_problems
from matchevents.projections.base import CombinedMergeable, MergeableProjection, Projection
from matchevents.projections.discipline import Discipline
from matchevents.projections.outcome import MatchStatus
from matchevents.projections.sharedlog import SharedLog
from matchevents.stores.base import EventStore

__all__ = [
    "ArchiveReplay",
    "PartitionBy",
    "SourcedProblem",
    "StoreOpener",
    "partition_of",
    "replay_parallel",
    "replay_store_parallel",
]

PathLike = str | os.PathLike[str]

_LINE_BITS: Final = 32
_ITEM_BITS: Final = 24
"""A position in the archive is ``(file index << 32 | line number) << 24 | item``: files in the
order given, the item an event's place in a batch line (0 for a line of one event)."""


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


def partition_of(match_id: str, partitions: int) -> int:
    """The partition (0 to ``partitions - 1``) a match goes to with :attr:`PartitionBy.MATCH`:
    the CRC-32 of its UTF-8 id, the same in every process and on every machine (Python's own
    string hash differs from process to process)."""
    return crc32(match_id.encode()) % partitions


_ID_KEY: Final = b'"match_id":"'


def _owner(raw: bytes, partitions: int) -> int:
    """The partition of a raw log line: the match id read from the bytes as the codec writes
    them (``"match_id":"..."``), else from the parsed line; 0 for lines naming no match."""
    start = raw.find(_ID_KEY)
    if start >= 0:
        start += len(_ID_KEY)
        end = raw.find(b'"', start)
        key = raw[start:end]
        if end > 0 and b"\\" not in key:
            return crc32(key) % partitions
    try:
        obj = parse_json(raw)
    except ValueError:
        return 0
    if type(obj) is list:
        obj = obj[0] if obj else None
    return _object_owner(obj, partitions)


def _object_owner(obj: object, partitions: int) -> int:
    """The partition of a parsed event: its match's, or 0 where it names no match."""
    match_id = obj.get("match_id") if type(obj) is dict else None
    return partition_of(match_id, partitions) if type(match_id) is str else 0


def _batch_owners(raw: bytes, partitions: int) -> tuple[list[Any], list[int]] | None:
    """A batch line parsed, and the partition of each of its events (every event goes where its
    match goes, whatever the others' matches); None if the line is not a JSON array."""
    try:
        obj = parse_json(raw)
    except ValueError:
        return None
    if type(obj) is not list:
        return None
    return obj, [_object_owner(item, partitions) for item in obj]


_OPEN_OBJECT: Final = ord("{")
_OPEN_BATCH: Final = ord("[")
_BLANKS: Final = b" \t\r\n\f\v"


# -- one partition, in a worker ---------------------------------------------------------------
StoreOpener = Callable[[], EventStore]
"""Opens the store in a worker: e.g. ``functools.partial(SqliteStore, "events.db")`` (it must
pickle, to travel to the workers)."""


@attrs.frozen(slots=True)
class _Task:
    """What one worker replays: the files (with their index in the archive) or the store, and
    its share."""

    files: tuple[tuple[int, str], ...]
    store: StoreOpener | None
    partition: int
    partitions: int
    by_match: bool
    projections: tuple[Projection[Any], ...]
    per_match: tuple[Projection[Any], ...]
    strict: bool
    codec: Codec | None
    track_ends: bool
    track_cards: bool


_Deduction = tuple[int, str, int | None, PointsDeduction]
"""A points deduction as a partition notes it: (position, source, line, deduction)."""


@attrs.frozen(slots=True)
class _Partial:
    """A partition's partial states and the positions that put them back in archive order."""

    result: ReplayResult
    problem_positions: tuple[tuple[int, str], ...]
    first_seen: dict[str, int]
    schedules: dict[str, int]
    period_ends: dict[str, int]
    awards: dict[str, list[int]]
    cards: list[int]
    match_ids: frozenset[str] | None
    failure: ParallelReplayError | None
    failure_position: int
    cpu_seconds: float = 0.0
    teams: dict[tuple[str, str], set[str]] = attrs.field(factory=dict)
    deductions: tuple[_Deduction, ...] = ()


class _SourcedReplayer(Replayer):
    """A replayer that notes the file and position of each problem it records."""

    def __init__(self, task: _Task) -> None:
        # A partition does not see every schedule: deductions are checked once combined.
        super().__init__(
            task.projections, per_match=task.per_match, strict=task.strict, check_deductions=False
        )
        self.source = ""
        self.base = 0
        self.number = 0
        self.item = 0
        self.positions: list[tuple[int, str]] = []
        self.sourced_deductions: list[_Deduction] = []

    def at(self, line: int) -> int:
        """The position in the archive of the current item of ``line`` of the current file."""
        return self.base | line << _ITEM_BITS | self.item

    def report(self, problem: LogProblem, error: MatchEventsError | None = None) -> None:
        """Record (or raise) the problem, noting where it is."""
        self.positions.append((self.at(problem.line or 0), self.source))
        super().report(problem, error)

    def note_deduction(self, deduction: PointsDeduction, line: int | None) -> None:
        """Keep the deduction with where it is, for the check once the parts are combined."""
        # Its problem, if any, is listed where the deduction is in the archive, as in one replay.
        self.sourced_deductions.append((self.at(line or 0), self.source, line, deduction))


_NOTED: Final = frozenset({MatchScheduled, PeriodEnded, MatchAwarded, Card})
"""The accepted events whose position a partition notes (besides each match's first)."""


class _Notes:
    """Where, in the archive, one partition's order-bearing events were accepted."""

    __slots__ = (
        "awards",
        "cards",
        "first_seen",
        "period_ends",
        "schedules",
        "track_cards",
        "watch_first",
    )

    def __init__(self, task: _Task) -> None:
        self.first_seen: dict[str, int] = {}
        self.schedules: dict[str, int] = {}
        self.period_ends: dict[str, int] = {}
        self.awards: dict[str, list[int]] = {}
        self.cards: list[int] = []
        self.watch_first = bool(task.per_match)
        self.track_cards = task.track_cards

    def note(self, event: Any, position: int) -> None:
        """Note an accepted event's position, where it bears on the order of a merged state."""
        match_id = event.match_id
        if self.watch_first and match_id not in self.first_seen:
            self.first_seen[match_id] = position
        kind = type(event)
        if kind is PeriodEnded:
            self.period_ends[match_id] = position
        elif kind is MatchScheduled:
            self.schedules.setdefault(match_id, position)
        elif kind is MatchAwarded:
            self.awards.setdefault(match_id, []).append(position)
        elif kind is Card and self.track_cards:
            self.cards.append(position)


def _replay_partition(task: _Task) -> _Partial:
    """Replay one partition of the archive (runs in a worker)."""
    started = time.process_time()
    replayer = _SourcedReplayer(task)
    notes = _Notes(task)
    match_ids: set[str] | None = None if task.by_match else set()
    try:
        if task.store is None:
            _read_files(task, replayer, notes, match_ids)
        else:
            _read_store(task, task.store, replayer, notes)
    except MatchEventsError as error:  # strict: the partition's first bad line
        line = error.line if isinstance(error, CodecError) and error.line else replayer.number
        failure = ParallelReplayError(
            replayer.source, line, getattr(error, "match_id", None), _what(error), error
        )
        ids = None if match_ids is None else frozenset(match_ids)
        return _Partial(
            replayer.result(),
            (),
            {},
            {},
            {},
            {},
            [],
            ids,
            failure,
            replayer.at(line),
            time.process_time() - started,
            # Whether a deduction before the bad line is the first problem depends on the teams.
            replayer.teams,
            tuple(replayer.sourced_deductions),
        )
    return _Partial(
        replayer.result(),
        tuple(replayer.positions),
        notes.first_seen,
        notes.schedules,
        notes.period_ends,
        notes.awards,
        notes.cards,
        None if match_ids is None else frozenset(match_ids),
        None,
        0,
        time.process_time() - started,
        replayer.teams,
        tuple(replayer.sourced_deductions),
    )


def _read_files(
    task: _Task, replayer: _SourcedReplayer, notes: _Notes, match_ids: set[str] | None
) -> None:
    """Feed the partition's lines of every file (the hot loop: routing, decoding, validating)."""
    feed, note = replayer.feed, notes.note
    watch_all = notes.watch_first
    watch = watch_all or task.track_ends or task.track_cards
    decode = (task.codec or default_codec).decoder()
    partition, partitions = task.partition, task.partitions
    route = task.by_match and partitions > 1
    key_length = len(_ID_KEY)
    for index, path in task.files:
        base = index << (_LINE_BITS + _ITEM_BITS)
        replayer.source, replayer.base = path, base
        with open(path, "rb") as stream:
            number = 0
            for raw in stream:
                number += 1
                if route:
                    head = raw[0]
                    if head != _OPEN_OBJECT and (
                        head == _OPEN_BATCH or (head in _BLANKS and raw.lstrip()[:1] == b"[")
                    ):
                        # A batch: its events may be of several matches, each routed to its own.
                        batch = _batch_owners(raw, partitions)
                        if batch is not None:
                            if partition in batch[1]:
                                _feed_batch(task, replayer, notes, *batch, path, number, decode)
                            continue
                    start = raw.find(_ID_KEY)
                    if start >= 0:
                        start += key_length
                        key = raw[start : raw.find(b'"', start)]
                        owner = (
                            crc32(key) % partitions if b"\\" not in key else _owner(raw, partitions)
                        )
                    else:
                        owner = _owner(raw, partitions)
                    if owner != partition:
                        continue
                replayer.number = number
                try:
                    try:
                        obj = parse_json(raw)
                    except ValueError as error:
                        if raw.isspace():
                            continue
                        raise CodecError(
                            f"not valid JSON ({error})",
                            source=path,
                            line=number,
                            expected="one JSON object per line",
                        ) from None
                    if type(obj) is list:
                        events = [decode(item, number, path) for item in obj]
                    else:
                        events = [decode(obj, number, path)]
                except CodecError as error:
                    replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)
                    continue
                for event in events:
                    if match_ids is not None:
                        match_id = getattr(event, "match_id", None)
                        if match_id is not None:
                            match_ids.add(match_id)
                    if (
                        feed(event, number)
                        and watch
                        and (watch_all or type(event) in _NOTED)
                        and getattr(event, "match_id", None) is not None
                    ):
                        note(event, replayer.at(number))


def _feed_batch(
    task: _Task,
    replayer: _SourcedReplayer,
    notes: _Notes,
    parsed: list[Any],
    owners: list[int],
    path: str,
    number: int,
    decode: Callable[[Any, int, str | None], Any],
) -> None:
    """Feed this partition's events of a batch line, routed by match, each at its place in the
    line (so that events of one line in different partitions merge back in order). The batch is
    decoded whole: an unreadable event refuses the line, as in a sequential replay, and the
    partition of its first event reports it."""
    partition = task.partition
    replayer.number = number
    try:
        events = [decode(item, number, path) for item in parsed]
    except CodecError as error:
        if owners[0] == partition:
            replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)
        return
    watch_all = notes.watch_first
    watch = watch_all or task.track_ends or task.track_cards
    for item, (event, owner) in enumerate(zip(events, owners, strict=False)):
        if owner != partition:
            continue
        replayer.item = item
        if (
            replayer.feed(event, number)
            and watch
            and (watch_all or type(event) in _NOTED)
            and getattr(event, "match_id", None) is not None
        ):
            notes.note(event, replayer.at(number))
    replayer.item = 0


def _read_store(
    task: _Task, opener: StoreOpener, replayer: _SourcedReplayer, notes: _Notes
) -> None:
    """Feed the partition's streams of a store: first the competition streams (points
    deductions) in the store's global order, then each match's stream."""
    feed, note = replayer.feed, notes.note
    watch_all = notes.watch_first
    watch = watch_all or task.track_ends or task.track_cards
    partition, partitions = task.partition, task.partitions
    store = opener()
    try:
        mine = [s for s in store.streams() if _stream_partition(s, partitions) == partition]
        competitions = sorted(
            (stored for s in mine if s.startswith(_COMPETITION_STREAM) for stored in store.read(s)),
            key=lambda stored: stored.position,
        )
        matches = (store.read(s) for s in mine if not s.startswith(_COMPETITION_STREAM))
        for stored in chain(competitions, chain.from_iterable(matches)):
            event, position = stored.event, stored.position
            replayer.source, replayer.number = stored.stream, position
            if (
                feed(event, position)
                and watch
                and (watch_all or type(event) in _NOTED)
                and getattr(event, "match_id", None) is not None
            ):
                note(event, position)
    finally:
        store.close()


_COMPETITION_STREAM: Final = "competition:"
"""The prefix of a store's competition-level streams (see
:func:`~matchevents.stores.base.stream_of`)."""


def _stream_partition(stream: str, partitions: int) -> int:
    """A match's stream goes where its match goes; competition streams go to partition 0."""
    return 0 if stream.startswith(_COMPETITION_STREAM) else partition_of(stream, partitions)


def _what(error: MatchEventsError) -> str:
    """What is wrong with a line, without the file, line and match the error then names."""
    if isinstance(error, RuleViolation):
        kind = type(error.event).__name__ if error.event is not None else "event"
        return f"{kind} rejected as version {error.version}: [{error.rule.value}] {error.detail}"
    if isinstance(error, CodecError):
        what = ".".join(part for part in (error.type_tag, error.field) if part)
        text = error.message if not what else f"{what}: {error.message}"
        return text if error.expected is None else f"{text}; expected {error.expected}"
    return str(error)


# -- merging ------------------------------------------------------------------------------------
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

    def ended(result: Any) -> int:
        if result.status is MatchStatus.AWARDED:
            return awards[result.match_id][0]
        return ends[result.match_id]

    ordered = sorted(merged.log, key=ended)
    by_match = {result.match_id: result for result in ordered}

    def overturned_at(match_id: str) -> int:
        given = awards[match_id]
        return given[1] if by_match[match_id].status is MatchStatus.AWARDED else given[0]

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
        ends_at = [ended(result) for result in ordered]
        overturned_when = sorted(overturned_at(match_id) for match_id, _ in overturned)
        unmatched = tuple(
            UnmatchedAward(award, bisect(ends_at, at), bisect(overturned_when, at))
            for at, award in placed
        )
    return ResultsState(
        running=dict(sorted(merged.running.items(), key=lambda item: schedules[item[0]])),
        log=SharedLog(ordered),
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


# -- the entry point ----------------------------------------------------------------------------
def replay_parallel(
    sources: Iterable[PathLike],
    projections: Sequence[Projection[Any]] = (),
    *,
    per_match: Sequence[Projection[Any]] = (),
    executor: Executor | None = None,
    workers: int | None = None,
    partitions: int | None = None,
    partition_by: PartitionBy = PartitionBy.MATCH,
    strict: bool = True,
    codec: Codec | None = None,
) -> ArchiveReplay:
    """Replay an archive of JSON Lines logs in partitions, in parallel, with the result of
    :func:`~matchevents.log.replay` over the files one after the other.

    Args:
        sources: the log files, in archive order.
        projections: log-wide read models; each must be mergeable (have ``merge``).
        per_match: read models folded match by match (any projection).
        executor: where partitions run, e.g. a ``ProcessPoolExecutor`` or a Dask client's
            ``get_executor()``; it is left open. None: this process replays every
            ``workers``-th partition itself beside a process pool of ``workers - 1`` made and
            shut down here (one process fewer to start, one share of states fewer to send
            back), or every partition when ``workers`` is 1 or None.
        workers: processes to use when no ``executor`` is given (this one included).
        partitions: with :attr:`PartitionBy.MATCH`, how many (default: ``workers``, else the
            number of CPUs); ignored with :attr:`PartitionBy.FILE` (one per file).
        partition_by: split by match id (any archive) or by file (files hold whole matches).
        strict: raise at the archive's first bad line (the one a sequential replay stops at,
            and a lenient one lists first: a points deduction before it whose team no schedule
            of the archive names, if there is one, which may take a second, lenient replay to
            know); otherwise collect every problem with its file and line, and skip the line.
        codec: the codec to read the logs with (it must pickle, to travel to the workers).

    Raises:
        ParallelReplayError: a bad line (strict only), naming the file, the line and the match,
            with the line's own error as ``error``; or, partitioned by file, a match found in
            two files.
        TypeError: a log-wide projection is not mergeable (replay it sequentially).
        InvalidValueError: ``workers`` or ``partitions`` is below 1.
        CompetitionDataError: a mergeable projection refused to merge the partial states.
        OSError: a file cannot be read.
    """
    files = tuple(enumerate(os.fspath(path) for path in sources))
    _check(projections, workers, partitions)
    by_match = partition_by is PartitionBy.MATCH
    count = (partitions or workers or os.cpu_count() or 1) if by_match else len(files)
    track_ends = any(_states_of_type(p, ResultsState) for p in projections)
    track_cards = any(_states_of_type(p, Discipline) for p in projections)
    tasks = [
        _Task(
            files=files if by_match else (files[index],),
            store=None,
            partition=index,
            partitions=count,
            by_match=by_match,
            projections=tuple(projections),
            per_match=tuple(per_match),
            strict=strict,
            codec=codec,
            track_ends=track_ends,
            track_cards=track_cards,
        )
        for index in range(count)
    ]
    return _replay(tasks, executor, workers, tuple(projections), files, by_match, strict)


def replay_store_parallel(
    open_store: StoreOpener,
    projections: Sequence[Projection[Any]] = (),
    *,
    per_match: Sequence[Projection[Any]] = (),
    executor: Executor | None = None,
    workers: int | None = None,
    partitions: int | None = None,
    strict: bool = True,
) -> ArchiveReplay:
    """Replay an event store's streams in partitions, in parallel, with the result of
    :func:`~matchevents.log.replay` over the store's events in its global order.

    Each worker opens the store itself, lists its streams and reads those of its matches
    (partitioned by match id, as :attr:`PartitionBy.MATCH`; competition streams, such as points
    deductions, go to partition 0), then closes it. A problem's ``source`` is the stream and its
    ``line`` the event's position in the store.

    Args:
        open_store: opens the store, in each worker: a picklable callable such as
            ``functools.partial(SqliteStore, "events.db")`` (a store that lives in one process,
            such as a ``MemoryStore``, only serves replays in this process: ``workers=1``).
        projections: log-wide read models; each must be mergeable.
        per_match: read models folded match by match.
        executor: where partitions run (see :func:`replay_parallel`).
        workers: processes for the pool made when no ``executor`` is given.
        partitions: how many (default: ``workers``, else the number of CPUs).
        strict: raise at the store's first bad event (as :func:`replay_parallel` does);
            otherwise collect the problems.

    Raises:
        ParallelReplayError: a bad event (strict only), naming the stream, the position and the
            match, with its own error as ``error``.
        TypeError: a log-wide projection is not mergeable.
        InvalidValueError: ``workers`` or ``partitions`` is below 1.
        StoreError: the store cannot be read.
    """
    _check(projections, workers, partitions)
    count = partitions or workers or os.cpu_count() or 1
    tasks = [
        _Task(
            files=(),
            store=open_store,
            partition=index,
            partitions=count,
            by_match=True,
            projections=tuple(projections),
            per_match=tuple(per_match),
            strict=strict,
            codec=None,
            track_ends=any(_states_of_type(p, ResultsState) for p in projections),
            track_cards=any(_states_of_type(p, Discipline) for p in projections),
        )
        for index in range(count)
    ]
    return _replay(tasks, executor, workers, tuple(projections), (), True, strict)


def _check(
    projections: Sequence[Projection[Any]], workers: int | None, partitions: int | None
) -> None:
    for projection in projections:
        if not isinstance(projection, MergeableProjection):
            raise TypeError(
                f"{projection!r} is not mergeable (no merge method): its state depends on every "
                "event in order, so replay it sequentially with matchevents.log.replay"
            )
    if workers is not None and workers < 1:
        raise InvalidValueError(f"workers must be 1 or more, got {workers}")
    if partitions is not None and partitions < 1:
        raise InvalidValueError(f"partitions must be 1 or more, got {partitions}")


def _run(tasks: list[_Task], executor: Executor | None, workers: int | None) -> list[_Partial]:
    if executor is not None:
        futures = [executor.submit(_replay_partition, task) for task in tasks]
        return [future.result() for future in futures]
    if not workers or workers == 1 or len(tasks) <= 1:
        return [_replay_partition(task) for task in tasks]
    # This process replays every workers-th partition itself while a pool of workers - 1
    # processes replays the others: one process fewer to start, and one share of the partial
    # states fewer to pickle, send back and unpickle.
    own = range(0, len(tasks), workers)
    with ProcessPoolExecutor(max_workers=workers - 1) as pool:
        elsewhere = {
            index: pool.submit(_replay_partition, task)
            for index, task in enumerate(tasks)
            if index % workers
        }
        done = {index: _replay_partition(tasks[index]) for index in own}
        return [done[i] if i in done else elsewhere[i].result() for i in range(len(tasks))]


def _replay(
    tasks: list[_Task],
    executor: Executor | None,
    workers: int | None,
    projections: tuple[Projection[Any], ...],
    files: tuple[tuple[int, str], ...],
    by_match: bool,
    strict: bool,
) -> ArchiveReplay:
    """Run the tasks and combine their partial states, or raise a strict replay's error."""
    partials = _run(tasks, executor, workers)
    if not by_match:
        _check_whole_matches(partials, files)
    if any(p.failure is not None for p in partials):
        lenient = [attrs.evolve(task, strict=False) for task in tasks]
        failure = _first_problem(partials, lambda: _run(lenient, executor, workers))
        raise failure from failure.error
    return _combine(partials, projections, len(tasks), strict)


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
