"""Event stores: one contract (:class:`EventStore`), three stores that keep it.

- :class:`MemoryStore`: in memory, for tests, notebooks and caches;
- :class:`JsonlStore`: an append-only JSON Lines file, fsynced on every append, with torn-tail
  detection and repair on request;
- :class:`SqliteStore`: SQLite in WAL mode, the embedded default, safe for several processes.

The stores keep events; the :class:`~matchevents.timeline.Timeline` judges them. See
:mod:`matchevents.stores.base` for the flow (load, rebuild the timeline, append to it, then to the
store with ``expected_version``).
"""

from matchevents.stores.base import EventStore, StoredEvent, load_timeline, stream_of
from matchevents.stores.jsonl import JsonlStore
from matchevents.stores.memory import MemoryStore
from matchevents.stores.sqlite import SqliteStore

__all__ = [
    "EventStore",
    "JsonlStore",
    "MemoryStore",
    "SqliteStore",
    "StoredEvent",
    "load_timeline",
    "stream_of",
]
