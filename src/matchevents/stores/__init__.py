"""Event stores: one contract (:class:`EventStore`), four stores that keep it.

- :class:`MemoryStore`: in memory, for tests, notebooks and caches;
- :class:`JsonlStore`: an append-only JSON Lines file, fsynced on every append, with torn-tail
  detection and repair on request;
- :class:`SqliteStore`: SQLite in WAL mode, the embedded default, safe for several processes;
- ``PostgresStore`` (:mod:`matchevents.stores.postgres`, the ``matchevents[postgres]`` extra):
  PostgreSQL, for writers on many hosts.

The SQLite and PostgreSQL stores also follow their log as it grows (:class:`CatchUpStore`'s
``subscribe``), and keep projection checkpoints in their own database (:class:`CheckpointStore`;
:class:`FileCheckpoints` keeps them in files beside the other stores; see
:mod:`matchevents.live`).

The stores keep events; the :class:`~matchevents.timeline.Timeline` judges them. See
:mod:`matchevents.stores.base` for the flow (load, rebuild the timeline, append to it, then to the
store with ``expected_version``).
"""

from matchevents.stores.base import (
    CatchUpStore,
    EventStore,
    StoredEvent,
    load_timeline,
    stream_of,
)
from matchevents.stores.checkpoints import CheckpointStore, FileCheckpoints, SavedCheckpoint
from matchevents.stores.jsonl import JsonlStore
from matchevents.stores.memory import MemoryStore
from matchevents.stores.sqlite import SqliteStore

__all__ = [
    "CatchUpStore",
    "CheckpointStore",
    "EventStore",
    "FileCheckpoints",
    "JsonlStore",
    "MemoryStore",
    "SavedCheckpoint",
    "SqliteStore",
    "StoredEvent",
    "load_timeline",
    "stream_of",
]
