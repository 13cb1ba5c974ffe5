"""Shoot-out kicks from a recorded shoot-out score, for sources that give only the score.

A source such as football.json records a shoot-out as ``"p": [4, 2]``: who kicked, in which order
and how each kick failed are unknown. The timeline wants :class:`~matchevents.events.ShootoutKick`
events in a legal order, so :func:`synthesize_shootout` generates the one standard sequence that
ends on the recorded score. It represents the *result* faithfully and nothing more:

- the side listed first kicks first (the other side only where the score cannot be reached that
  way);
- within each side, its goals come before its failures, and a shoot-out that a five-round sequence
  can produce is not taken to sudden death;
- takers are None (unknown), and a kick that did not score is ``KickOutcome.NOT_SCORED``: the
  source does not say whether it was saved or missed.

Imports flag such matches with ``ImportedMatch.synthetic_shootout``.
"""

from __future__ import annotations

from matchevents.events import KickOutcome, ShootoutKick
from matchevents.rules import SHOOTOUT_ROUNDS, shootout_winner
from matchevents.score import Score, Side


def synthesize_shootout(match_id: str, score: Score) -> tuple[ShootoutKick, ...] | None:
    """A legal, decided sequence of kicks ending on ``score``, or None when there is none.

    None for a level score (a shoot-out always has a winner) and for a score no legal sequence
    ends on (e.g. 5-2: the shoot-out is decided before the winner's fifth goal).
    """
    if score.is_level:
        return None
    for first in (Side.HOME, Side.AWAY):
        sides = _within_five_rounds(score, first) or _sudden_death(score, first)
        if sides is not None:
            return tuple(
                ShootoutKick(
                    match_id=match_id,
                    side=side,
                    taker=None,
                    outcome=KickOutcome.SCORED if scored else KickOutcome.NOT_SCORED,
                )
                for side, scored in sides
            )
    return None


_Kicks = list[tuple[Side, bool]]


def _within_five_rounds(target: Score, first: Side) -> _Kicks | None:
    """Depth-first search over at most ten kicks, goals tried before failures."""
    goal_target = (target.home, target.away)

    def search(kicks: tuple[int, int], goals: tuple[int, int], done: _Kicks) -> _Kicks | None:
        if shootout_winner(kicks, goals) is not None:
            return done if goals == goal_target else None
        if kicks[0] == kicks[1]:
            side = first
            if kicks[0] == SHOOTOUT_ROUNDS:
                return None  # level after five rounds: sudden death, handled elsewhere
        else:
            side = Side.HOME if kicks[0] < kicks[1] else Side.AWAY
        index = 0 if side is Side.HOME else 1
        needed = goal_target[index] - goals[index]
        left = SHOOTOUT_ROUNDS - kicks[index]
        if needed < 0 or needed > left:
            return None
        for scored in (True, False):
            if (scored and needed == 0) or (not scored and needed == left):
                continue
            next_kicks = _bump(kicks, index)
            next_goals = _bump(goals, index) if scored else goals
            found = search(next_kicks, next_goals, [*done, (side, scored)])
            if found is not None:
                return found
        return None

    return search((0, 0), (0, 0), [])


def _sudden_death(target: Score, first: Side) -> _Kicks | None:
    """Five rounds scored by both, both scoring in sudden death until the deciding round."""
    winner = target.leader
    loser_goals = min(target.home, target.away)
    if winner is None or max(target.home, target.away) != loser_goals + 1:
        return None
    if loser_goals < SHOOTOUT_ROUNDS:
        return None  # a five-round sequence exists for these and is preferred
    second = first.opponent
    kicks: _Kicks = []
    for _ in range(loser_goals):
        kicks += [(first, True), (second, True)]
    kicks += [(first, first is winner), (second, second is winner)]
    return kicks


def _bump(pair: tuple[int, int], index: int) -> tuple[int, int]:
    return (pair[0] + 1, pair[1]) if index == 0 else (pair[0], pair[1] + 1)
