"""matchevents.testing, invalid continuations: every rule can be broken on purpose, the timeline
rejects each bad event with exactly the rule it is labelled with, and nothing changes."""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from matchevents import (
    Event,
    InvalidValueError,
    Period,
    PeriodEnded,
    PeriodStarted,
    Rule,
    RuleViolation,
    ShootoutKick,
    kick_off,
)
from matchevents.testing import InvalidContinuation, Situation, invalid_continuations, matches
from matchevents.testing.invalid import MISSING_RULES, breaking_events


def test_every_rule_has_a_way_to_be_broken() -> None:
    assert not MISSING_RULES


@given(invalid_continuations())
def test_a_bad_event_after_a_valid_prefix_is_rejected_for_its_rule(
    case: InvalidContinuation,
) -> None:
    event(case.rule.value)
    timeline = case.timeline()
    before = (timeline.version, tuple(timeline.events), timeline.phase, timeline.score)
    with pytest.raises(RuleViolation) as caught:
        timeline.append(case.event)
    assert caught.value.rule is case.rule
    assert caught.value.version == len(case.prefix) + 1
    assert (timeline.version, tuple(timeline.events), timeline.phase, timeline.score) == before


@pytest.mark.parametrize("rule", list(Rule), ids=lambda r: r.value)
@given(data=st.data())
def test_each_rule_on_its_own_is_labelled_exactly(rule: Rule, data: st.DataObject) -> None:
    case = data.draw(invalid_continuations(rule))
    assert case.rule is rule
    violation = case.timeline().check(case.event)
    assert violation is not None
    assert violation.rule is rule, (violation, case)


@given(invalid_continuations(extreme=True, endings=None))
def test_bad_events_after_extreme_matches_are_labelled_exactly(case: InvalidContinuation) -> None:
    violation = case.timeline().check(case.event)
    assert violation is not None
    assert violation.rule is case.rule


@given(matches(extreme=True))
def test_at_every_moment_of_a_match_every_listed_bad_event_breaks_its_rule(
    events: tuple[Event, ...],
) -> None:
    situation = Situation.start(events[0].match_id)
    for next_event in (*events, None):
        for rule, bad in breaking_events(situation):
            violation = situation.timeline.check(bad)
            assert violation is not None, (rule, bad)
            assert violation.rule is rule, (rule, bad, violation)
        if next_event is not None:
            situation.advance(next_event)


@given(matches(shootout=True))
def test_a_shootout_is_ended_wrongly_by_recorded_scores_for_each_rule_it_can_break(
    events: tuple[Event, ...],
) -> None:
    """Before the first kick: a level score, one past the decision, a wrong match score beside a
    good shoot-out score. Once kicks decide it: a score they do not add up to."""
    situation = Situation.start(events[0].match_id)
    before_first_kick = after_last_kick = None
    for index, one in enumerate(events):
        situation.advance(one)
        if isinstance(one, PeriodStarted) and one.period is Period.PENALTY_SHOOTOUT:
            before_first_kick = recorded_ends(situation)
        if isinstance(one, ShootoutKick) and not isinstance(events[index + 1], ShootoutKick):
            after_last_kick = recorded_ends(situation)
    assert before_first_kick == {
        Rule.SHOOTOUT_NOT_DECIDED,
        Rule.SHOOTOUT_ALREADY_DECIDED,
        Rule.RECORDED_SCORE_MISMATCH,
    }
    assert after_last_kick in (None, {Rule.RECORDED_SCORE_MISMATCH})


def recorded_ends(situation: Situation) -> set[Rule]:
    """The rules the labelled bad ends of the shoot-out with a recorded shoot-out score break."""
    return {
        rule
        for rule, bad in breaking_events(situation)
        if isinstance(bad, PeriodEnded) and bad.penalties is not None
    }


def test_rules_must_be_rules() -> None:
    with pytest.raises(InvalidValueError, match="Rule members"):
        invalid_continuations(["match-over"])  # type: ignore[list-item]


def test_a_continuation_names_its_match_even_before_the_first_event() -> None:
    case = InvalidContinuation(
        match_id="m1",
        prefix=(),
        event=kick_off("m1"),
        rule=Rule.FIRST_EVENT_MUST_BE_SCHEDULE,
    )
    timeline = case.timeline()
    assert timeline.match_id == "m1"
    assert timeline.version == 0
    violation = timeline.check(case.event)
    assert violation is not None
    assert violation.rule is Rule.FIRST_EVENT_MUST_BE_SCHEDULE
