"""Properties of the foundation's Timeline, over generated matches of every format and ending.

- every valid match is accepted, event by event, at consecutive versions;
- a rejected append leaves the timeline exactly as it was, and it goes on behaving as if the bad
  event had never been offered;
- ``extend``, ``check``, ``from_events`` and subscribers agree with ``append``.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from matchevents import (
    ConcurrencyError,
    Event,
    LineupAnnounced,
    MatchClock,
    MatchPhase,
    Period,
    Rule,
    RuleViolation,
    Score,
    Side,
    Substitution,
    Timeline,
)
from matchevents.testing import (
    ALL_ENDINGS,
    Situation,
    interleaved_feeds,
    match_formats,
    matches,
)
from matchevents.testing.invalid import breaking_events
from matchevents.timeline import MatchValidator

EVERY_MATCH = matches(match_format=match_formats(), endings=ALL_ENDINGS, extreme=True)


@attrs.frozen
class Observed:
    """Everything a reader of a timeline can see."""

    version: int
    events: tuple[Event, ...]
    phase: MatchPhase
    period: Period | None
    score: Score
    is_over: bool
    schedule: object

    @classmethod
    def of(cls, timeline: Timeline) -> Observed:
        return cls(
            timeline.version,
            tuple(timeline.events),
            timeline.phase,
            timeline.period,
            timeline.score,
            timeline.is_over,
            timeline.schedule,
        )


@st.composite
def match_with_bad_event(draw: st.DrawFn) -> tuple[tuple[Event, ...], int, Event, object]:
    """A valid match, a moment in it, and a labelled bad event for that moment."""
    events = draw(EVERY_MATCH)
    cut = draw(st.integers(min_value=0, max_value=len(events)))
    situation = Situation.start(events[0].match_id)
    for accepted in events[:cut]:
        situation.advance(accepted)
    rule, bad = draw(st.sampled_from(breaking_events(situation)))
    return events, cut, bad, rule


@given(EVERY_MATCH)
def test_any_valid_match_is_accepted_at_consecutive_versions(events: tuple[Event, ...]) -> None:
    event(f"{events[0].format.kind.value}")  # type: ignore[union-attr]
    timeline = Timeline(events[0].match_id)
    for version, one in enumerate(events, start=1):
        assert timeline.check(one) is None
        assert timeline.append(one, expected_version=version - 1) == version
        assert timeline.event_at(version) is one
    assert tuple(timeline.events) == events
    assert timeline.schedule == events[0]


@given(match_with_bad_event())
def test_a_rejected_append_changes_nothing_now_or_later(
    case: tuple[tuple[Event, ...], int, Event, object],
) -> None:
    events, cut, bad, rule = case
    event(getattr(rule, "value", "?"))
    offered = Timeline.from_events(events[:cut], match_id=events[0].match_id)
    clean = Timeline.from_events(events[:cut], match_id=events[0].match_id)
    heard: list[int] = []
    offered.subscribe(lambda _event, version: heard.append(version))
    before = Observed.of(offered)

    with pytest.raises(RuleViolation) as caught:
        offered.append(bad)

    assert caught.value.rule is rule
    assert caught.value.version == cut + 1
    assert caught.value.event is bad
    assert Observed.of(offered) == before
    assert heard == []
    # Later behaviour is that of a timeline that never saw the bad event: the rest of the match
    # is accepted at the same versions, with the same phase, period and score all the way.
    for one in events[cut:]:
        assert offered.append(one) == clean.append(one)
        assert Observed.of(offered) == Observed.of(clean)
    assert heard == list(range(cut + 1, len(events) + 1))


@given(match_with_bad_event())
def test_check_names_the_rule_and_version_append_would_raise(
    case: tuple[tuple[Event, ...], int, Event, object],
) -> None:
    events, cut, bad, rule = case
    timeline = Timeline.from_events(events[:cut], match_id=events[0].match_id)
    before = Observed.of(timeline)
    checked = timeline.check(bad)
    assert Observed.of(timeline) == before
    with pytest.raises(RuleViolation) as caught:
        timeline.append(bad)
    assert checked is not None
    assert (checked.rule, checked.version, checked.detail, checked.match_id) == (
        caught.value.rule,
        caught.value.version,
        caught.value.detail,
        caught.value.match_id,
    )
    assert checked.rule is rule


@given(EVERY_MATCH, st.data())
def test_extend_in_batches_equals_appending_one_by_one(
    events: tuple[Event, ...], data: st.DataObject
) -> None:
    one_by_one = Timeline(events[0].match_id)
    for one in events:
        one_by_one.append(one)
    batched = Timeline(events[0].match_id)
    heard: list[tuple[Event, int]] = []
    batched.subscribe(lambda one, version: heard.append((one, version)))
    position = 0
    while position < len(events):
        size = data.draw(st.integers(min_value=1, max_value=len(events) - position), label="batch")
        new_version = batched.extend(events[position : position + size], expected_version=position)
        position += size
        assert new_version == position
    assert Observed.of(batched) == Observed.of(one_by_one)
    assert heard == [(one, version) for version, one in enumerate(events, start=1)]
    assert Observed.of(Timeline.from_events(events)) == Observed.of(one_by_one)


@given(match_with_bad_event(), st.data())
def test_extend_ending_in_a_bad_event_keeps_none_of_the_batch(
    case: tuple[tuple[Event, ...], int, Event, object], data: st.DataObject
) -> None:
    events, cut, bad, rule = case
    start = data.draw(st.integers(min_value=0, max_value=cut), label="batch starts at")
    timeline = Timeline.from_events(events[:start], match_id=events[0].match_id)
    before = Observed.of(timeline)
    with pytest.raises(RuleViolation) as caught:
        timeline.extend([*events[start:cut], bad])
    assert caught.value.rule is rule
    assert caught.value.version == cut + 1
    assert Observed.of(timeline) == before


@given(EVERY_MATCH, st.data())
def test_a_stale_expected_version_is_a_conflict_that_changes_nothing(
    events: tuple[Event, ...], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=len(events) - 1), label="cut")
    timeline = Timeline.from_events(events[:cut], match_id=events[0].match_id)
    stale = data.draw(st.integers(min_value=0, max_value=len(events)).filter(lambda v: v != cut))
    before = Observed.of(timeline)
    with pytest.raises(ConcurrencyError) as caught:
        timeline.append(events[cut], expected_version=stale)
    assert (caught.value.expected_version, caught.value.actual_version) == (stale, cut)
    with pytest.raises(ConcurrencyError):
        timeline.extend(events[cut:], expected_version=stale)
    assert Observed.of(timeline) == before
    assert timeline.append(events[cut], expected_version=cut) == cut + 1


@given(interleaved_feeds(endings=ALL_ENDINGS))
def test_timelines_of_interleaved_matches_are_independent(log: list[Event]) -> None:
    together: dict[str, Timeline] = {}
    for one in log:
        together.setdefault(one.match_id, Timeline(one.match_id)).append(one)
    for match_id, timeline in together.items():
        alone = Timeline.from_events([e for e in log if e.match_id == match_id])
        assert Observed.of(timeline) == Observed.of(alone)


_PLAY_RULES = frozenset(
    {
        Rule.NOT_STARTED,
        Rule.OUTSIDE_RUNNING_PERIOD,
        Rule.MATCH_OVER,
        Rule.MATCH_ABANDONED,
        Rule.NOT_IN_SHOOTOUT,
        Rule.CLOCK_OUTSIDE_PERIOD,
        Rule.CLOCK_WENT_BACKWARDS,
    }
)
"""The rules a substitution can break before its players are looked at."""


@given(EVERY_MATCH, st.data())
def test_a_substitution_gets_the_verdict_every_check_of_its_players_gives(
    match: tuple[Event, ...], data: st.DataObject
) -> None:
    """The validator settles a usual substitution by the pitch and the bench alone when line-ups
    are known; its verdict is the one every check of the players (its plain twin) gives."""
    cut = data.draw(st.integers(1, len(match)), label="cut")
    match_id = match[0].match_id
    state = MatchValidator(match_id)
    for earlier in match[:cut]:
        state.append(earlier)
    named = {
        name
        for lineup in match
        if isinstance(lineup, LineupAnnounced)
        for name in (*lineup.starting, *lineup.substitutes)
    }
    names = st.sampled_from(sorted(named | {"Stranger"}))
    clocks = [at for earlier in match[:cut] if (at := getattr(earlier, "at", None)) is not None]
    at = clocks[-1] if clocks else MatchClock(1)
    for _ in range(8):
        side = data.draw(st.sampled_from(Side))
        off, on = data.draw(names), data.draw(names)
        candidate = Substitution(match_id=match_id, side=side, player_off=off, player_on=on, at=at)
        try:
            state.copy().append(candidate)
            verdict = None
        except RuleViolation as violation:
            verdict = (violation.rule, violation.detail)
        if verdict is not None and verdict[0] in _PLAY_RULES:
            continue  # decided before the players are looked at
        try:
            state.copy()._check_substitution(side, off, on, state.bench.get(side))
            plain = None
        except Exception as reject:  # the validator's private rejection
            plain = (reject.rule, reject.detail)  # type: ignore[attr-defined]
        assert verdict == plain
