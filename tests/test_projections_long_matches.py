"""Issue 3: a projection keeps its state current at O(1) per event, however long the match.

Timing is not deterministic, memory is: every state of a fold is kept (as ``scan`` lets a user
keep them, and as time travel does), and the memory they hold together is measured. A state that
copied what it collected (goals, cards, substitutions, the story's steps, a run's minutes) on
every event would hold on average half of the stream, n²/2 items for n states; states that share
what they collect hold a few hundred bytes each. The bound below is ten times what sharing takes
and a tenth of what copying took (about 20 KB a state at 5,000 events).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from matchevents import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    MatchClock,
    MatchScheduled,
    Side,
    Substitution,
    Timeline,
    kick_off,
)
from matchevents.projections import (
    DISCIPLINE,
    LINEUPS,
    OUTCOME,
    SCORE,
    SCORERS,
    STORY,
    LiveProjection,
    Projection,
    fold,
    scan,
)

EVENTS = 5_000
BYTES_PER_STATE = 2_000
AT = MatchClock(10)
START: list[Event] = [
    MatchScheduled(match_id="long", home="A", away="B", competition="Long", season="1"),
    kick_off("long"),
]


def _goal(side: Side) -> Goal:
    return Goal(match_id="long", side=side, scorer=None, at=AT)


STREAMS: dict[str, list[Event]] = {
    "goals of one side (one run)": [_goal(Side.HOME) for _ in range(EVENTS)],
    "goals of either side in turn": [_goal(Side(("home", "away")[n % 2])) for n in range(EVENTS)],
    "yellow cards": [
        Card(match_id="long", side=Side.HOME, player=f"p{n}", at=AT) for n in range(EVENTS)
    ],
    "red cards": [
        Card(match_id="long", side=Side.AWAY, player=f"p{n}", at=AT, kind=CardKind.RED)
        for n in range(EVENTS)
    ],
    "substitutions": [
        Substitution(
            match_id="long", side=Side.HOME, player_off=f"off{n}", player_on=f"on{n}", at=AT
        )
        for n in range(EVENTS)
    ],
}
PROJECTIONS: dict[str, Projection[Any]] = {
    "score": SCORE,
    "scorers": SCORERS,
    "story": STORY,
    "outcome": OUTCOME,
    "discipline": DISCIPLINE,
    "lineups": LINEUPS,
}


def _every_state_by_apply(projection: Projection[Any], events: Sequence[Event]) -> list[Any]:
    return list(scan(projection, events))


def _every_state_by_apply_all(projection: Projection[Any], events: Sequence[Event]) -> list[Any]:
    """``apply_all`` one event at a time: a fold read in the smallest chunks."""
    apply_all = projection.apply_all  # type: ignore[attr-defined]
    state, states = projection.initial(), []
    for event in events:
        state = apply_all(state, [event])
        states.append(state)
    return states


@pytest.mark.parametrize("stream", STREAMS)
def test_the_streams_are_matches_a_timeline_accepts(stream: str) -> None:
    assert Timeline.from_events([*START, *STREAMS[stream]]).version == EVENTS + 2


FOLDS = [
    pytest.param(name, every_state, id=f"{name}-{path}")
    for name, projection in PROJECTIONS.items()
    for path, every_state in (
        ("apply", _every_state_by_apply),
        ("apply_all", _every_state_by_apply_all),
    )
    if path == "apply" or hasattr(projection, "apply_all")
]


@pytest.mark.parametrize("stream", STREAMS)
@pytest.mark.parametrize(("name", "every_state"), FOLDS)
def test_successive_states_share_what_they_collect_instead_of_copying_it(
    name: str,
    stream: str,
    every_state: Callable[[Projection[Any], Sequence[Event]], list[Any]],
) -> None:
    projection, events = PROJECTIONS[name], [*START, *STREAMS[stream]]
    tracemalloc.start()
    try:
        states = every_state(projection, events)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert states[-1] == fold(projection, events)
    assert held / len(events) < BYTES_PER_STATE, (
        f"{len(events)} states of the {name} projection hold {held:,} bytes"
    )


def test_a_long_run_of_goals_is_still_told_and_annulled_right() -> None:
    """20,000 goals followed live, then the last and the first annulled (O(goals) each)."""
    timeline = Timeline("long")
    live = {name: LiveProjection.follow(timeline, p) for name, p in PROJECTIONS.items()}
    for event in [*START, *[_goal(Side.AWAY) for _ in range(20_000)]]:
        timeline.append(event)
    timeline.append(GoalAnnulled(match_id="long", goal_version=timeline.version))
    timeline.append(GoalAnnulled(match_id="long", goal_version=3))
    for name, following in live.items():
        assert following.state == fold(PROJECTIONS[name], timeline), name
    assert str(live["score"].state.line.live) == "0-19998"
    assert live["story"].state.away.longest_run.goals == 19_998
    assert len(live["scorers"].state.goals) == 19_998
