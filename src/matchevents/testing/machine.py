"""A hypothesis state machine that drives a timeline and checks a projection after every step.

:func:`projection_machine` builds a :class:`~hypothesis.stateful.RuleBasedStateMachine` for your
projection. Each run draws a valid match (:func:`~matchevents.testing.matches`), then appends its
events one at a time or in batches, tries invalid appends (labelled bad events from
:mod:`matchevents.testing.invalid`, and appends with a stale ``expected_version``) in between, and
after every step checks:

- your invariants, each called as ``invariant(state, events)`` with the projection's state and the
  events accepted so far (an invariant fails by raising ``AssertionError`` or returning False);
- the library's own: the state built incrementally, one ``apply`` per accepted event, equals
  :func:`~matchevents.projections.base.fold` over the timeline's events (and the last state of
  :func:`~matchevents.projections.base.scan`); the library's own per-match projections agree the
  same way; every accepted event survives the codec's JSON round trip unchanged; a rejected append
  raises the labelled rule and leaves the timeline exactly as it was (version, events, phase,
  period, score); a subscribed listener saw exactly the accepted events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from matchevents.clock import Period
from matchevents.errors import ConcurrencyError, RuleViolation
from matchevents.events import Event
from matchevents.projections.base import Projection, fold, scan
from matchevents.score import Score
from matchevents.testing.invalid import Situation, breaking_events
from matchevents.testing.matches import matches
from matchevents.timeline import MatchPhase, Timeline

S = TypeVar("S")

Invariant = Callable[[Any, Sequence[Event]], object]
"""``invariant(state, events)``: raises ``AssertionError`` or returns False when broken."""


def library_projections() -> tuple[Projection[Any], ...]:
    """The library's per-match projections the machine checks as well (incremental == fold)."""
    from matchevents.projections import DISCIPLINE, LINEUPS, OUTCOME, SCORE, SCORERS, STORY

    return (SCORE, OUTCOME, DISCIPLINE, LINEUPS, SCORERS, STORY)


def codec_round_trip() -> Callable[[Event], Event] | None:
    """The codec's JSON round trip (``loads(dumps(event))``), or None where no codec is
    installed."""
    try:
        from matchevents import codec
    except ImportError:  # pragma: no cover - the codec ships with the package
        return None

    def round_trip(event: Event) -> Event:
        decoded: Event = codec.loads(codec.dumps(event))
        return decoded

    return round_trip


class TimelineMachine(RuleBasedStateMachine, Generic[S]):
    """The state machine :func:`projection_machine` builds; subclass it directly to add rules.

    Class attributes set by :func:`projection_machine`: ``projection``, ``user_invariants``,
    ``match_strategy``, ``checked_projections`` and ``round_trip`` (a static method).
    """

    projection: Projection[S]
    user_invariants: tuple[Invariant, ...] = ()
    match_strategy: st.SearchStrategy[tuple[Event, ...]] = matches()
    checked_projections: tuple[Projection[Any], ...] = ()
    round_trip: Callable[[Event], Event] | None = None

    def __init__(self) -> None:
        super().__init__()
        self.script: tuple[Event, ...] = ()
        self.position = 0
        self.timeline = Timeline("unset")
        self.situation = Situation.start("unset")
        self.heard: list[tuple[Event, int]] = []
        self.state: S = self.projection.initial()
        self.library_states: list[Any] = []

    @initialize(events=st.runner().flatmap(lambda machine: machine.match_strategy))
    def start_match(self, events: tuple[Event, ...]) -> None:
        """Draw the match this run plays out."""
        self.script = events
        match_id = events[0].match_id
        self.timeline = Timeline(match_id)
        self.situation = Situation.start(match_id)
        self.timeline.subscribe(lambda event, version: self.heard.append((event, version)))
        self.library_states = [p.initial() for p in self.checked_projections]

    def _accepted(self, event: Event) -> None:
        self.state = self.projection.apply(self.state, event)
        self.library_states = [
            p.apply(state, event)
            for p, state in zip(self.checked_projections, self.library_states, strict=True)
        ]
        self.situation.advance(event)
        if self.round_trip is not None:
            decoded = self.round_trip(event)
            assert decoded == event, f"codec round trip changed {event!r} into {decoded!r}"

    def _left(self) -> bool:
        return self.position < len(self.script)

    @precondition(_left)
    @rule()
    def append_next(self) -> None:
        """Append the match's next event: accepted, as the next version."""
        event = self.script[self.position]
        before = self.timeline.version
        version = self.timeline.append(event, expected_version=before)
        assert version == before + 1, f"append returned version {version} after {before}"
        self.position += 1
        self._accepted(event)

    @precondition(_left)
    @rule(size=st.integers(min_value=2, max_value=6))
    def extend_with_next(self, size: int) -> None:
        """Append the next few events at once with ``Timeline.extend``."""
        batch = self.script[self.position : self.position + size]
        before = self.timeline.version
        assert self.timeline.extend(batch) == before + len(batch)
        self.position += len(batch)
        for event in batch:
            self._accepted(event)

    @rule(data=st.data())
    def append_invalid(self, data: st.DataObject) -> None:
        """Try one labelled bad event: rejected with that rule, and nothing changes."""
        candidates = breaking_events(self.situation)
        broken, event = data.draw(st.sampled_from(candidates), label="bad event")
        before = _Snapshot.of(self.timeline)
        checked = self.timeline.check(event)
        assert checked is not None, f"check accepted {event!r}, which breaks {broken}"
        assert checked.rule is broken, f"check says {checked.rule}, expected {broken}"
        violation = _refusal(lambda: self.timeline.append(event), RuleViolation)
        assert violation.rule is broken, f"append says {violation.rule}, expected {broken}"
        assert violation.version == before.version + 1
        assert _Snapshot.of(self.timeline) == before, "a rejected append changed the timeline"

    @rule(data=st.data(), size=st.integers(min_value=0, max_value=4))
    def extend_with_invalid(self, data: st.DataObject, size: int) -> None:
        """Extend with the next valid events and then a bad one: all are refused, none kept."""
        batch = self.script[self.position : self.position + size]
        after_batch = Situation.start(self.timeline.match_id)
        for event in (*self.timeline.events, *batch):
            after_batch.advance(event)
        broken, event = data.draw(st.sampled_from(breaking_events(after_batch)), label="bad event")
        before = _Snapshot.of(self.timeline)
        violation = _refusal(lambda: self.timeline.extend([*batch, event]), RuleViolation)
        assert violation.rule is broken, f"extend says {violation.rule}, expected {broken}"
        assert violation.version == before.version + len(batch) + 1
        assert _Snapshot.of(self.timeline) == before, "a rejected extend changed the timeline"

    @rule(offset=st.sampled_from((-1, 1, 2)))
    def append_with_stale_version(self, offset: int) -> None:
        """Append with an ``expected_version`` that is not the stream's: a conflict, no change."""
        event = self.script[min(self.position, len(self.script) - 1)]
        before = _Snapshot.of(self.timeline)
        expected = before.version + offset
        conflict = _refusal(
            lambda: self.timeline.append(event, expected_version=expected), ConcurrencyError
        )
        assert conflict.actual_version == before.version
        assert _Snapshot.of(self.timeline) == before, "a conflicting append changed the timeline"

    @invariant()
    def projection_agrees_with_fold(self) -> None:
        """One apply per accepted event gives what folding all of them gives."""
        events = self.timeline.events
        folded = fold(self.projection, events)
        assert self.state == folded, f"incremental state {self.state!r} != fold {folded!r}"
        states = list(scan(self.projection, events))
        assert not states or states[-1] == folded, "scan's last state differs from fold"
        for p, state in zip(self.checked_projections, self.library_states, strict=True):
            assert state == fold(p, events), f"{type(p).__name__}: incremental != fold"

    @invariant()
    def user_invariants_hold(self) -> None:
        """Every invariant the user supplied holds for the state and the accepted events."""
        events = self.timeline.events
        for check in self.user_invariants:
            if check(self.state, events) is False:
                name = getattr(check, "__name__", repr(check))
                raise AssertionError(f"invariant {name} does not hold after {len(events)} events")

    @invariant()
    def listener_heard_every_accepted_event(self) -> None:
        """A subscriber was told of exactly the accepted events, with their versions."""
        heard = self.heard
        assert [event for event, _ in heard] == list(self.timeline.events)
        assert [version for _, version in heard] == list(range(1, len(heard) + 1))


E = TypeVar("E", bound=Exception)


def _refusal(attempt: Callable[[], object], expected: type[E]) -> E:
    """The ``expected`` error ``attempt`` raises; AssertionError if it succeeds instead."""
    try:
        attempt()
    except expected as error:
        return error
    raise AssertionError(f"expected {expected.__name__}, but the call succeeded")


@attrs.frozen
class _Snapshot:
    """Everything a rejected append must leave as it was."""

    version: int
    events: tuple[Event, ...]
    phase: MatchPhase
    period: Period | None
    score: Score
    is_over: bool

    @classmethod
    def of(cls, timeline: Timeline) -> _Snapshot:
        return cls(
            timeline.version,
            tuple(timeline.events),
            timeline.phase,
            timeline.period,
            timeline.score,
            timeline.is_over,
        )


def projection_machine(
    projection: Projection[S],
    *,
    invariants: Iterable[Invariant] = (),
    match_strategy: st.SearchStrategy[tuple[Event, ...]] | None = None,
    check_library: bool = True,
) -> type[TimelineMachine[S]]:
    """A state machine testing ``projection`` against ``invariants`` on generated matches.

    Use its ``TestCase`` with pytest or unittest::

        TestMyProjection = projection_machine(MyProjection(), invariants=[...]).TestCase

    Args:
        projection: the projection under test.
        invariants: callables ``invariant(state, events)`` that raise ``AssertionError`` or return
            False when the state is wrong for the events accepted so far.
        match_strategy: the matches to play out; :func:`~matchevents.testing.matches` by
            default (pass ``matches(extreme=True)`` for the rare shapes).
        check_library: also check the library's own projections and the codec round trip.
    """
    round_trip = codec_round_trip() if check_library else None
    attributes: dict[str, object] = {
        "projection": projection,
        "user_invariants": tuple(invariants),
        "match_strategy": match_strategy if match_strategy is not None else matches(),
        "checked_projections": library_projections() if check_library else (),
        "round_trip": staticmethod(round_trip) if round_trip is not None else None,
    }
    name = f"{type(projection).__name__}Machine"
    return type(name, (TimelineMachine,), attributes)
