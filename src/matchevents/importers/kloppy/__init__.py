"""Event data from the analytics ecosystem: one match's timeline from any provider kloppy reads.

kloppy (``pip install "matchevents[kloppy]"``) reads the event data of StatsBomb, Opta and
Stats Perform, Wyscout, Sportec (DFL) and others into one model, an ``EventDataset``. This
adapter turns that model into matchevents events: the schedule, line-ups, periods (extra time and
the shoot-out included), goals with their scorer, side and minute on the football clock (own
goals counted for the other side, penalties marked), cards, substitutions and shoot-out kicks,
validated by a :class:`~matchevents.timeline.Timeline` like every import.

Its parts, in the order data flows:

- :mod:`.providers`: each import format (:data:`PROVIDERS`), loading local files with kloppy;
- :mod:`.reading`: the dataset read as plain :mod:`.facts` (the only code touching kloppy's
  objects);
- :mod:`.clock`: a moment (period, time since its kick-off) on the football clock, and the side
  an own goal counts for;
- :mod:`.building`: the facts as validated events, or the problem that rejects the match;
- :mod:`.names`: the one place where clubs' names are mapped.

Importing this package does not import kloppy: it is imported when a file is read.

>>> sorted(PROVIDERS)
['opta', 'sportec', 'statsbomb', 'statsperform', 'wyscout-v3']
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from matchevents.importers.kloppy.clock import benefiting_side, football_clock
from matchevents.importers.kloppy.facts import MatchFacts
from matchevents.importers.kloppy.providers import (
    PROVIDERS,
    Companion,
    EventDataImporter,
    Provider,
    import_dataset,
    load_dataset,
)
from matchevents.importers.kloppy.reading import read_dataset

EVENT_DATA_FORMATS: Final[Mapping[str, EventDataImporter]] = MappingProxyType(
    {name: EventDataImporter(name) for name in PROVIDERS}
)
"""The importer of each provider's files, by the format name ``matchevents import`` takes."""

__all__ = [
    "EVENT_DATA_FORMATS",
    "PROVIDERS",
    "Companion",
    "EventDataImporter",
    "MatchFacts",
    "Provider",
    "benefiting_side",
    "football_clock",
    "import_dataset",
    "load_dataset",
    "read_dataset",
]
