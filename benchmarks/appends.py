"""Append plus incremental projection update: does the cost of one more event grow with what came
before? Two streams, each timed at its start and after many events:

- ``stream``: a live feed of many matches (the generator's log): each event is appended to its
  match's timeline (validated) and folded at once into the results projection under every
  league table (``RESULTS.apply``, the live path: no batching). Rounds of matches are alike, so
  early rounds are timed against rounds after ``events`` events: the real claim that nothing is
  copied per event in proportion to what came before (the results log is shared between
  successive states and appended to in place).
- ``long_match``: one timeline made long with goals (a match allows any number of them), with
  subscribers folding the league table and the score projection, timed from length 10 and from
  length ``events``: the claim that an append costs the same whatever the timeline's length.
- ``per_projection``: the same for each per-match projection (and the league table) on its own,
  the timeline made long with what makes that projection's state grow: goals, cards to players
  not yet booked, or substitutions.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from benchmarks.generate import events as generated_events
from benchmarks.library import RULES
from matchevents import (
    Card,
    Event,
    Goal,
    MatchClock,
    MatchScheduled,
    Side,
    Substitution,
    Timeline,
    kick_off,
)
from matchevents.competitions import RESULTS, LeagueTable
from matchevents.projections import (
    DISCIPLINE,
    LINEUPS,
    OUTCOME,
    SCORE,
    SCORERS,
    STORY,
    LiveProjection,
    Projection,
)

EVENTS_PER_ROUND = 40 * 23  # four leagues of ten matches a round, about 23 events a match


def _rounds(events: Iterator[Event]) -> Iterator[list[Event]]:
    """The events of each round (all leagues' matches of one match day) in turn."""
    current: list[Event] = []
    key = None
    for event in events:
        # match ids read L<league>-<season>-R<round>-<n>
        round_key = event.match_id.split("-", 1)[1].rsplit("-", 1)[0]
        if round_key != key and current:
            yield current
            current = []
        key = round_key
        current.append(event)
    if current:
        yield current


ROUNDS_TIMED = 7
"""Rounds timed at each end of the stream (the median is kept: single rounds take ~10 ms and a
shared machine preempts some of them)."""
BLOCKS_TIMED = 21
"""Blocks of appends timed at each length of the long match (the median is kept)."""


class _LiveFeed:
    """What a live system does with each event of a feed: route it to its match's timeline,
    append it (validated), and fold it into the league tables' results projection at once."""

    def __init__(self, with_projection: bool) -> None:
        self.timelines: dict[str, Timeline] = {}
        self.state = RESULTS.initial()
        self.with_projection = with_projection

    def feed(self, event: Event) -> None:
        match_id = event.match_id
        timeline = self.timelines.get(match_id)
        if timeline is None:
            timeline = self.timelines[match_id] = Timeline(match_id)
        timeline.append(event)
        if timeline.is_over:
            del self.timelines[match_id]
        if self.with_projection:
            self.state = RESULTS.apply(self.state, event)


def _per_event_us(live: _LiveFeed, events: list[Event]) -> float:
    feed = live.feed
    start = time.process_time()
    for event in events:
        feed(event)
    return (time.process_time() - start) / len(events) * 1e6


def stream(events: int, block: int) -> dict[str, Any]:
    """Per-event cost of early rounds of a feed (the very first one excepted, which warms up)
    against rounds after ``events`` events, timed alternately (so that the load of a shared
    machine falls on both alike) in CPU time; medians over :data:`ROUNDS_TIMED` rounds each."""
    matches = events // 20 + 40 * (ROUNDS_TIMED + 2)
    rounds = list(_rounds(generated_events(matches, seed=7)))
    result: dict[str, Any] = {"block": "a round of 40 matches", "early_at": len(rounds[0])}
    for label, with_projection in (("", True), ("append_only_", False)):
        young, old = _LiveFeed(with_projection), _LiveFeed(with_projection)
        for event in rounds[0]:
            young.feed(event)
        fed, index = 0, 0
        while fed < events:
            for event in rounds[index]:
                old.feed(event)
            fed += len(rounds[index])
            index += 1
        result["late_at"] = fed
        early: list[float] = []
        late: list[float] = []
        for offset in range(ROUNDS_TIMED):
            early.append(_per_event_us(young, rounds[1 + offset]))
            late.append(_per_event_us(old, rounds[index + offset]))
        result[f"{label}early_us"] = statistics.median(early)
        result[f"{label}late_us"] = statistics.median(late)
    return result


def _goal(n: int) -> Event:
    return Goal(match_id="long", side=Side.HOME if n % 2 else Side.AWAY, scorer=None, at=_AT)


def _card(n: int) -> Event:
    return Card(match_id="long", side=Side.HOME if n % 2 else Side.AWAY, player=f"p{n}", at=_AT)


def _substitution(n: int) -> Event:
    side = Side.HOME if n % 2 else Side.AWAY
    return Substitution(
        match_id="long", side=side, player_off=f"off{n}", player_on=f"on{n}", at=_AT
    )


_AT = MatchClock(10)
_MAKERS: dict[str, Callable[[int], Event]] = {
    "goals": _goal,
    "cards": _card,
    "substitutions": _substitution,
}
"""What a long match is made long with: any number of goals, of cards to players not yet
booked, of substitutions of players not yet used (no line-ups announced) are accepted."""


class _LongMatch:
    """One timeline made long with one kind of event, with ``followers`` subscribed as
    :class:`~matchevents.projections.LiveProjection` (each event applied as it is accepted)."""

    def __init__(self, kind: str, followers: Sequence[Projection[Any]]) -> None:
        self.timeline = Timeline("long")
        self.make = _MAKERS[kind]
        self.made = 0
        self.live = [LiveProjection.follow(self.timeline, p) for p in followers]
        schedule = MatchScheduled(
            match_id="long", home="A", away="B", competition="Long", season="1"
        )
        self.timeline.append(schedule)
        self.timeline.append(kick_off("long"))

    def next_events(self, count: int) -> list[Event]:
        """The next ``count`` events of the kind, each one the timeline accepts."""
        first, self.made = self.made, self.made + count
        make = self.make
        return [make(n) for n in range(first, first + count)]

    def grow_to(self, length: int) -> _LongMatch:
        append = self.timeline.append
        for event in self.next_events(length - self.timeline.version):
            append(event)
        return self

    def block_us(self, count: int) -> float:
        """CPU time per append of the next ``count`` events, subscribers' work included."""
        events = self.next_events(count)
        append = self.timeline.append
        start = time.process_time()
        for event in events:
            append(event)
        return (time.process_time() - start) / count * 1e6


def _early_late(
    kind: str, followers: Sequence[Projection[Any]], length: int, block: int
) -> dict[str, Any]:
    """Per-append cost of blocks of ``block`` events from length 10 (fresh timelines) and from
    ``length``, timed alternately (as in :func:`stream`); medians of :data:`BLOCKS_TIMED`."""
    long = _LongMatch(kind, followers).grow_to(length)
    early: list[float] = []
    late: list[float] = []
    for _ in range(BLOCKS_TIMED):
        early.append(_LongMatch(kind, followers).grow_to(10).block_us(block))
        late.append(long.block_us(block))
    return {
        "early_at": 10,
        "late_at": length,
        "block": f"{block} {kind}",
        "early_us": statistics.median(early),
        "late_us": statistics.median(late),
    }


def long_match(events: int, block: int) -> dict[str, Any]:
    """Per-append cost of blocks of ``block`` goals on one timeline from length 10 and from
    length ``events``, with a league table and the score projection subscribed, and with
    nothing subscribed (``append_only_``)."""
    table = LeagueTable(RULES, "Long", "1")
    result = _early_late("goals", [table, SCORE], events, block)
    for key, value in _early_late("goals", [], events, block).items():
        result[f"append_only_{key}"] = value
    return result


PER_PROJECTION: dict[str, tuple[str, Projection[Any]]] = {
    "score": ("goals", SCORE),
    "scorers": ("goals", SCORERS),
    "story": ("goals", STORY),
    "outcome": ("goals", OUTCOME),
    "league table": ("goals", LeagueTable(RULES, "Long", "1")),
    "discipline": ("cards", DISCIPLINE),
    "lineups": ("substitutions", LINEUPS),
}
"""Each projection alone, on a timeline made long with the events that make its state grow."""


def per_projection(events: int, block: int) -> dict[str, dict[str, Any]]:
    """:func:`long_match` for each projection of :data:`PER_PROJECTION` on its own."""
    return {
        name: _early_late(kind, [projection], events, block)
        for name, (kind, projection) in PER_PROJECTION.items()
    }
