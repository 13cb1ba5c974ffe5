"""The entry points: :func:`replay_parallel` (files) and :func:`replay_store_parallel` (an event
store's streams) check their arguments, make one task per partition, run the tasks on an
executor (or on a pool of their own beside this process), and combine the partial results."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

import attrs

from matchevents.codec import Codec
from matchevents.competitions.results import ResultsState
from matchevents.errors import InvalidValueError
from matchevents.parallel._merge import (
    _check_whole_matches,
    _combine,
    _first_problem,
    _states_of_type,
)
from matchevents.parallel._values import ArchiveReplay, PartitionBy
from matchevents.parallel._worker import StoreOpener, _Partial, _replay_partition, _Task
from matchevents.projections.base import MergeableProjection, Projection
from matchevents.projections.discipline import Discipline
from matchevents.teams import ClubRegistry

PathLike = str | os.PathLike[str]


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
    teams: ClubRegistry | None = None,
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
        teams: a club registry to read the teams by, in every worker, as
            :func:`~matchevents.log.replay` does: schedules and points deductions are folded
            with each team's canonical name; the files are left as they are.

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
            clubs=teams,
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
    teams: ClubRegistry | None = None,
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
            otherwise collect the problems and replay the rest. A row the store cannot read (its
            ``CodecError``) is then an unreadable line, as in a lenient
            :func:`~matchevents.log.replay` of a file: a problem with the stream and the row's
            position, and the stream read on from the next row (or, for a store whose error
            gives no position, left out from there, as the problem says).
        teams: a club registry to read the teams by (see :func:`replay_parallel`); the store
            is left as it is.

    Raises:
        ParallelReplayError: a bad event or a row the store cannot read (strict only), naming
            the stream, the position and the match, with its own error as ``error``.
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
            clubs=teams,
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
