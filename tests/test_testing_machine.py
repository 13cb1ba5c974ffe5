"""matchevents.testing, the state machine: it passes for correct projections, and catches a
deliberately broken one, shrunk to a handful of events."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from matchevents import Event, Goal, GoalAnnulled, MatchClock, Score, Side
from matchevents.projections import SCORE, ScoreState
from matchevents.testing import TimelineMachine, matches, projection_machine
from matchevents.testing.machine import library_projections


@attrs.frozen
class Tally:
    """Goals that stand, per side: the projection under test."""

    home: int = 0
    away: int = 0


class GoalTally:
    """A correct projection: goals count, annulled goals are taken back. The state keeps the side
    of each event's goal (None for other events), so that an annulment finds its goal."""

    def initial(self) -> tuple[Tally, tuple[Side | None, ...]]:
        return Tally(), ()

    def apply(
        self, state: tuple[Tally, tuple[Side | None, ...]], event: Event
    ) -> tuple[Tally, tuple[Side | None, ...]]:
        tally, sides = state
        match event:
            case Goal(side=side):
                return _plus(tally, side, 1), (*sides, side)
            case GoalAnnulled(goal_version=version):
                annulled = sides[version - 1]
                assert annulled is not None
                return _plus(tally, annulled, -1), (*sides, None)
            case _:
                return tally, (*sides, None)


class ForgetfulTally(GoalTally):
    """The planted bug: annulled goals are never taken back."""

    def apply(
        self, state: tuple[Tally, tuple[Side | None, ...]], event: Event
    ) -> tuple[Tally, tuple[Side | None, ...]]:
        if isinstance(event, GoalAnnulled):
            return state[0], (*state[1], None)
        return super().apply(state, event)


def _plus(tally: Tally, side: Side, goals: int) -> Tally:
    if side is Side.HOME:
        return attrs.evolve(tally, home=tally.home + goals)
    return attrs.evolve(tally, away=tally.away + goals)


def goals_that_stand(state: tuple[Tally, tuple[Side | None, ...]], events: Sequence[Event]) -> bool:
    """The user's invariant: the tally is the score a timeline reckons from goal events."""
    # Goal events only: a score recorded by a coarse source is not something the tally sees.
    tally = state[0]
    score = Score(0, 0)
    for e in events:
        if isinstance(e, Goal):
            score = score.plus(e.side)
        elif isinstance(e, GoalAnnulled):
            annulled = events[e.goal_version - 1]
            assert isinstance(annulled, Goal)
            score = score.plus(annulled.side, -1)
    return (tally.home, tally.away) == (score.home, score.away)


QUICK = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_a_correct_projection_passes_with_the_library_checks() -> None:
    machine = projection_machine(GoalTally(), invariants=[goals_that_stand])
    run_state_machine_as_test(machine, settings=QUICK)


def test_the_library_score_projection_passes_on_extreme_matches() -> None:
    def version_counts_events(state: ScoreState, events: Sequence[Event]) -> None:
        assert state.version == len(events)

    machine = projection_machine(
        SCORE, invariants=[version_counts_events], match_strategy=matches(extreme=True)
    )
    run_state_machine_as_test(machine, settings=QUICK)


def test_a_broken_projection_is_caught_and_shrunk_to_a_handful_of_events() -> None:
    failing_logs: list[tuple[Event, ...]] = []

    def recorded(state: tuple[Tally, tuple[Side | None, ...]], events: Sequence[Event]) -> bool:
        holds = goals_that_stand(state, events)
        if not holds:
            failing_logs.append(tuple(events))
        return holds

    machine = projection_machine(ForgetfulTally(), invariants=[recorded], check_library=False)
    # No explain phase: it re-runs the shrunk case many times, which costs more than the rest.
    thorough = settings(
        QUICK,
        max_examples=100,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    )
    with pytest.raises(AssertionError, match="invariant recorded does not hold"):
        run_state_machine_as_test(machine, settings=thorough)
    # The last failing run is the shrunk one: schedule, kick-off, the goal and its annulment.
    smallest = failing_logs[-1]
    assert len(smallest) <= 5, smallest
    assert isinstance(smallest[-1], GoalAnnulled)


def test_a_machine_class_names_its_projection_and_wires_the_library_checks() -> None:
    machine = projection_machine(SCORE)
    assert issubclass(machine, TimelineMachine)
    assert machine.__name__ == "ScoreProjectionMachine"
    assert machine.checked_projections == library_projections()
    round_trip = machine.round_trip
    assert round_trip is not None
    goal = Goal(match_id="m1", side=Side.AWAY, scorer="Scamacca", at=MatchClock(38))
    assert round_trip(goal) == goal
    bare = projection_machine(SCORE, check_library=False)
    assert bare.checked_projections == ()
    assert bare.round_trip is None
