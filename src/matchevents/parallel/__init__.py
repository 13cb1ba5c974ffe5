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
(``distributed.Client.get_executor()``, ``pip install "matchevents[dask]"``). Projections, the
codec and the club registry travel to the workers by pickling. With a registry (``teams=``), each
worker reads every event's teams by it before validation, as :func:`~matchevents.log.replay`
does. An event store's streams replay the same way (:func:`replay_store_parallel`): each worker
opens the store and reads its matches' streams.

Cost: partitioned by file, nothing is done twice; partitioned by match, every worker reads every
line and skips the others' (about 0.6 µs a line). On the 1,000,000-event benchmark archive
(``benchmarks/parallel.py``), two processes replay 1.7 to 1.9 times as fast as one by file and
1.4 to 1.5 times by match, on 2 cores (see the how-to "Replay a large archive" for the figures).
"""

# One job a module: _values (what is asked and answered), _routing (which partition a line goes
# to), _worker (one partition, in a worker), _merge (the partial results back in archive order)
# and _replay (the entry points, running the partitions on an executor).
# PathLike was never in __all__, but it was importable from here; it still is.
from matchevents.parallel._replay import PathLike as PathLike
from matchevents.parallel._replay import replay_parallel, replay_store_parallel
from matchevents.parallel._routing import partition_of
from matchevents.parallel._values import ArchiveReplay, PartitionBy, SourcedProblem
from matchevents.parallel._worker import StoreOpener

__all__ = [
    "ArchiveReplay",
    "PartitionBy",
    "SourcedProblem",
    "StoreOpener",
    "partition_of",
    "replay_parallel",
    "replay_store_parallel",
]
