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
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.generate import events as generated_events
from benchmarks.library import RULES
from matchevents import Event, Goal, MatchClock, MatchScheduled, Side, Timeline, kick_off
from matchevents.competitions import RESULTS, LeagueTable
from matchevents.projections import SCORE

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


def _goals(count: int) -> list[Goal]:
    at = MatchClock(10)
    return [
        Goal(match_id="long", side=Side.HOME if n % 2 else Side.AWAY, scorer=None, at=at)
        for n in range(count)
    ]


def _long_timeline(length: int, subscribe: bool) -> Timeline:
    timeline = Timeline("long")
    if subscribe:
        table = LeagueTable(RULES, "Long", "1")
        states: list[Any] = [table.initial(), SCORE.initial()]

        def follow(event: Event, version: int) -> None:
            states[0] = table.apply(states[0], event)
            states[1] = SCORE.apply(states[1], event)

        timeline.subscribe(follow)
    schedule = MatchScheduled(match_id="long", home="A", away="B", competition="Long", season="1")
    timeline.append(schedule)
    timeline.append(kick_off("long"))
    append = timeline.append
    for goal in _goals(length - timeline.version):
        append(goal)
    return timeline


def _block_us(timeline: Timeline, goals: list[Goal]) -> float:
    append = timeline.append
    start = time.process_time()
    for goal in goals:
        append(goal)
    return (time.process_time() - start) / len(goals) * 1e6


def long_match(events: int, block: int, with_projections_up_to: int = 20_000) -> dict[str, Any]:
    """Per-append cost of blocks of ``block`` goals from length 10 (fresh timelines) and from
    length ``events``, in CPU time; medians over :data:`BLOCKS_TIMED` blocks. With the projections
    subscribed, the long length is capped at ``with_projections_up_to`` (see the README: the
    score projection copies its goals on every goal, so growing it further takes minutes)."""
    goals = _goals(block)
    result: dict[str, Any] = {"early_at": 10, "block": f"{block} goals"}
    for label, subscribe in (("", True), ("append_only_", False)):
        length = min(events, with_projections_up_to) if subscribe else events
        timeline = _long_timeline(length, subscribe)
        early: list[float] = []
        late: list[float] = []
        for _ in range(BLOCKS_TIMED):  # alternately, as in :func:`stream`
            early.append(_block_us(_long_timeline(10, subscribe), goals))
            late.append(_block_us(timeline, goals))
        result[f"{label}early_us"] = statistics.median(early)
        result[f"{label}late_us"] = statistics.median(late)
        result[f"{label}late_at"] = length
    return result
