"""Live read models that survive restarts: projections kept current from a store, resumed from
checkpoints kept with the store.

- :class:`ReadModel` names a projection for its checkpoints and versions its fold and its state's
  layout (:mod:`matchevents.live.checkpoint`);
- :class:`Runner` resumes read models from their checkpoints, catches up, follows the store,
  checkpoints every N events or T seconds, stops cleanly on a signal and rebuilds on request
  (:mod:`matchevents.live.runner`);
- :data:`RESULTS_MODEL` is the results of every match, from which ``matchevents follow`` prints
  tables, ties and results (:func:`matchevents.reports.report_of`).

Equivalent to what ``matchevents follow season.db`` does::

    with SqliteStore("season.db") as store:
        runner = Runner(store, [RESULTS_MODEL])
        runner.start()
        runner.follow(on_change=lambda: print(runner.state("results")))

See ``docs/how-to/run-a-live-table.md`` for what each store guarantees after a crash.
"""

from matchevents.codec.states import results_v1_to_v2
from matchevents.competitions.results import RESULTS, ResultsState
from matchevents.live.checkpoint import (
    CHECKPOINT_FORMAT,
    Checkpoint,
    ReadModel,
    StaleCheckpoint,
    StateUpcaster,
    decode_checkpoint,
    encode_checkpoint,
)
from matchevents.live.runner import CHUNK, Progress, Runner, Started, checkpoints_for

RESULTS_MODEL: ReadModel[ResultsState] = ReadModel(
    "results", RESULTS, ResultsState, layout=2, upcasters={1: results_v1_to_v2}
)
"""Every match's result and the points deductions (:data:`~matchevents.competitions.RESULTS`),
checkpointed as ``"results"``. Layout 2 packs the log's columns (layout 1, lists of numbers, is
upcast)."""

__all__ = [
    "CHECKPOINT_FORMAT",
    "CHUNK",
    "RESULTS_MODEL",
    "Checkpoint",
    "Progress",
    "ReadModel",
    "Runner",
    "StaleCheckpoint",
    "Started",
    "StateUpcaster",
    "checkpoints_for",
    "decode_checkpoint",
    "encode_checkpoint",
]
