"""Shoot-outs known only by their score: the generated kicks are a legal, decided sequence that
ends on exactly that score, and there is one for every score a real shoot-out can end on."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from matchevents import (
    MatchFormat,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    Timeline,
    end_of_extra_time,
    full_time,
    kick_off,
)
from matchevents.importers import synthesize_shootout
from matchevents.rules import shootout_winner

goals = st.integers(min_value=0, max_value=12)


@cache
def reachable_scores(max_kicks: int = 26) -> frozenset[tuple[int, int]]:
    """Every final score of every legal shoot-out (either side first) of up to ``max_kicks``
    kicks, by walking all sequences: the specification the generator is checked against."""
    finals: set[tuple[int, int]] = set()
    frontier = {((0, 0), (0, 0))}
    for _ in range(max_kicks):
        following = set()
        for kicks, scored in frontier:
            # With the home side first; by symmetry the away-first finals are the mirror images.
            side = 0 if kicks[0] == kicks[1] else (0 if kicks[0] < kicks[1] else 1)
            for hit in (0, 1):
                new_kicks = (kicks[0] + (side == 0), kicks[1] + (side == 1))
                new_goals = (scored[0] + hit * (side == 0), scored[1] + hit * (side == 1))
                if shootout_winner(new_kicks, new_goals) is not None:
                    finals.add(new_goals)
                    finals.add((new_goals[1], new_goals[0]))
                else:
                    following.add((new_kicks, new_goals))
        frontier = following
    return frozenset(finals)


def level_after_extra_time(match_id: str) -> Timeline:
    timeline = Timeline(match_id)
    timeline.extend(
        [
            MatchScheduled(
                match_id=match_id,
                home="A",
                away="B",
                competition="Cup",
                season="2024",
                format=MatchFormat.knockout(),
            ),
            kick_off(match_id),
            PeriodEnded(match_id=match_id, period=Period.FIRST_HALF),
            PeriodStarted(match_id=match_id, period=Period.SECOND_HALF),
            full_time(match_id, Score(1, 1)),
            PeriodStarted(match_id=match_id, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodEnded(match_id=match_id, period=Period.EXTRA_TIME_FIRST_HALF),
            PeriodStarted(match_id=match_id, period=Period.EXTRA_TIME_SECOND_HALF),
            end_of_extra_time(match_id, Score(1, 1)),
            PeriodStarted(match_id=match_id, period=Period.PENALTY_SHOOTOUT),
        ]
    )
    return timeline


@given(home=goals, away=goals)
def test_kicks_exist_exactly_for_the_scores_a_shootout_can_end_on(home: int, away: int) -> None:
    kicks = synthesize_shootout("m", Score(home, away))
    assert (kicks is not None) == ((home, away) in reachable_scores())


@given(home=goals, away=goals)
def test_the_kicks_are_accepted_by_the_timeline_and_end_on_the_recorded_score(
    home: int, away: int
) -> None:
    kicks = synthesize_shootout("m", Score(home, away))
    if kicks is None:
        return
    timeline = level_after_extra_time("m")
    timeline.extend([*kicks, PeriodEnded(match_id="m", period=Period.PENALTY_SHOOTOUT)])
    assert timeline.is_over
    scored = Score(
        sum(k.scored for k in kicks if k.side is Side.HOME),
        sum(k.scored for k in kicks if k.side is Side.AWAY),
    )
    assert scored == Score(home, away)
    assert all(isinstance(k, ShootoutKick) and k.taker is None for k in kicks)


def test_a_level_or_impossible_shootout_has_no_kicks() -> None:
    assert synthesize_shootout("m", Score(4, 4)) is None
    assert synthesize_shootout("m", Score(5, 2)) is None  # decided at 4-2 or earlier
    assert synthesize_shootout("m", Score(4, 0)) is None  # decided at 3-0


def test_a_five_round_shootout_is_not_taken_to_sudden_death() -> None:
    kicks = synthesize_shootout("m", Score(4, 2))
    assert kicks is not None
    assert len(kicks) <= 10
    sudden_death = synthesize_shootout("m", Score(7, 6))
    assert sudden_death is not None
    assert len(sudden_death) == 14
