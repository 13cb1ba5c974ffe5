"""Events check their fields when they are made: a wrong type is refused at once, naming the event,
the field and what it must be, instead of being miscounted later (a side given as the text
"home" would count for the away side, a card kind given as "yellow" would send a player off)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from matchevents import (
    EVENT_TYPES,
    Card,
    Goal,
    InvalidValueError,
    LineupAnnounced,
    MatchScheduled,
    Side,
    Timeline,
    clock,
)
from matchevents.codec import dumps, loads
from matchevents.testing import matches

WRONG: tuple[object, ...] = ("home", 3, 2.5, True, None, ("a", 1), object())
"""Values that are of the wrong type for some field of every event."""


def wrong_for(event: Any, field: attrs.Attribute[Any]) -> list[object]:
    """The values of WRONG that ``field`` does not allow (found by building the event)."""
    refused = []
    for value in WRONG:
        try:
            attrs.evolve(event, **{field.alias: value})
        except InvalidValueError:
            refused.append(value)
    return refused


@settings(max_examples=25)  # each example builds every event dozens of times over
@given(matches(extreme=True))
def test_every_field_of_every_event_refuses_a_value_of_the_wrong_type(
    events: tuple[Any, ...],
) -> None:
    for event in {type(event): event for event in events}.values():
        for field in attrs.fields(type(event)):
            for value in wrong_for(event, field):
                with pytest.raises(InvalidValueError, match=rf"\.{field.name} must be"):
                    attrs.evolve(event, **{field.alias: value})


def test_each_event_type_refuses_something_in_every_field() -> None:
    examples = {type(event): event for event in _a_bit_of_everything()}
    assert set(examples) == set(EVENT_TYPES)
    for cls, event in examples.items():
        for field in attrs.fields(cls):
            assert wrong_for(event, field), f"{cls.__name__}.{field.name} takes anything"


def _a_bit_of_everything() -> list[Any]:
    from matchevents import (
        GoalAnnulled,
        KickOutcome,
        MatchAbandoned,
        MatchAwarded,
        MatchPostponed,
        Period,
        PeriodEnded,
        PeriodStarted,
        Score,
        ShootoutKick,
        Substitution,
    )

    m = "m"
    return [
        MatchScheduled(match_id=m, home="A", away="B", competition="C", season="S"),
        LineupAnnounced(match_id=m, side=Side.HOME, starting=["a"], substitutes=["b"]),
        PeriodStarted(match_id=m, period=Period.FIRST_HALF),
        PeriodEnded(match_id=m, period=Period.FIRST_HALF, score=Score(0, 0)),
        Goal(match_id=m, side=Side.HOME, scorer="a", at=clock(3)),
        GoalAnnulled(match_id=m, goal_version=3),
        ShootoutKick(match_id=m, side=Side.AWAY, taker="b", outcome=KickOutcome.SAVED),
        Card(match_id=m, side=Side.AWAY, player="b", at=clock(4)),
        Substitution(match_id=m, side=Side.HOME, player_off="a", player_on="c", at=clock(5)),
        MatchAbandoned(match_id=m, at=clock(6), reason="fog"),
        MatchAwarded(match_id=m, score=Score(3, 0)),
        MatchPostponed(match_id=m, new_kickoff=datetime(2024, 1, 1, tzinfo=UTC)),
    ]


def test_a_side_given_as_text_is_refused_not_counted_for_the_other_side() -> None:
    with pytest.raises(InvalidValueError, match=r"Goal\.side must be Side, got 'home'"):
        Goal(match_id="m", side="home", scorer="a", at=clock(3))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"Card\.kind must be CardKind, got 'yellow'"):
        Card(match_id="m", side=Side.HOME, player="a", at=clock(3), kind="yellow")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"Goal\.at must be MatchClock, got 10"):
        Goal(match_id="m", side=Side.HOME, scorer="a", at=10)  # type: ignore[arg-type]


def test_look_alikes_are_refused_and_subclasses_accepted() -> None:
    schedule = MatchScheduled(match_id="m", home="A", away="B", competition="C", season="S")
    with pytest.raises(InvalidValueError, match="matchday must be int or None, got True"):
        attrs.evolve(schedule, matchday=True)
    with pytest.raises(InvalidValueError, match="date must be date or None"):
        attrs.evolve(schedule, date=datetime(2024, 4, 11, tzinfo=UTC))
    with pytest.raises(InvalidValueError, match="starting must be a tuple of str"):
        LineupAnnounced(match_id="m", side=Side.HOME, starting=["a", 7])  # type: ignore[list-item]

    class Name(str):
        pass

    assert attrs.evolve(schedule, home=Name("A FC")).home == "A FC"
    assert attrs.evolve(schedule, date=date(2024, 4, 11)).day == date(2024, 4, 11)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"home": "Atalanta", "away": "Atalanta"}, "'Atalanta' cannot play itself"),
        ({"matchday": 0}, "match day 0 < 1"),
        ({"match_id": ""}, "match_id must not be empty"),
    ],
)
def test_a_schedule_that_cannot_be_is_refused(fields: dict[str, object], message: str) -> None:
    base: dict[str, Any] = {
        "match_id": "m",
        "home": "Liverpool",
        "away": "Atalanta",
        "competition": "UEFA Europa League",
        "season": "2023-24",
    }
    with pytest.raises(InvalidValueError, match=message):
        MatchScheduled(**{**base, **fields})


@given(matches(extreme=True))
def test_decoded_events_are_the_events_their_constructors_make(events: tuple[Any, ...]) -> None:
    """The codec builds events from values it has checked, without running their constructors:
    what it builds is exactly what the constructor makes of the same fields, and a timeline
    accepts it alike."""
    timeline = Timeline(events[0].match_id)
    for event in events:
        decoded = loads(dumps(event))
        rebuilt = type(event)(
            **{f.alias: getattr(decoded, f.name) for f in attrs.fields(type(event))}
        )
        assert decoded == rebuilt == event
        assert type(decoded) is type(event)
        timeline.append(decoded)
