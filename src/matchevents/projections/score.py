"""The score projection: the live score and the score at the end of every phase of a match.

The shape is the one users of API-Football or football-data.org expect: half-time, full-time
(after 90 minutes), after extra time (cumulative, e.g. 3-3 after 120 minutes) and the shoot-out,
each None where that phase was not reached. The arithmetic is the timeline's: a goal counts for
its ``side`` (an own goal for the side opposite its scorer), an annulment takes its goal back, a
recorded score at a period end is the score from then on (coarse sources carry no goal events),
and an awarded score replaces the result.

>>> from matchevents import MatchScheduled, Goal, Side, clock, kick_off, half_time
>>> from matchevents.projections import score_line
>>> events = [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     kick_off("m"),
...     Goal(match_id="m", side=Side.AWAY, scorer="Smith", at=clock(12)),
...     half_time("m"),
... ]
>>> print(score_line(events))
0-1 (HT 0-1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from matchevents.clock import Period
from matchevents.errors import ProjectionError
from matchevents.events import (
    Event,
    Goal,
    GoalAnnulled,
    MatchAwarded,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
)
from matchevents.score import NIL_NIL, Score, Side


@attrs.frozen(slots=True, kw_only=True)
class ScoreLine:
    """A match's score, live and by phase.

    Attributes:
        live: the score from play: goals that stand, or the score recorded at the last period end.
            Shoot-out kicks are not in it.
        half_time: the score when the first half ended, or None before that.
        full_time: the score after 90 minutes (the end of the second half), or None before that.
        after_extra_time: the score after 120 minutes, counting every goal of the match
            (``3-3`` in the 2005 final), or None where extra time was not completed.
        penalties: the shoot-out score (kicks scored), or None where there was no shoot-out.
        awarded: the score an authority awarded, which replaces the score from play, or None.
    """

    live: Score = NIL_NIL
    half_time: Score | None = None
    full_time: Score | None = None
    after_extra_time: Score | None = None
    penalties: Score | None = None
    awarded: Score | None = None

    @property
    def final(self) -> Score:
        """The score that counts: the awarded score where there is one, otherwise the live one.

        It always equals :attr:`Timeline.score <matchevents.timeline.Timeline.score>`.
        """
        awarded = self.awarded
        return self.live if awarded is None else awarded

    @property
    def extra_time_goals(self) -> Score | None:
        """Goals scored in extra time alone (API-Football's ``extratime``), or None."""
        after, before = self.after_extra_time, self.full_time
        if after is None or before is None:
            return None
        return Score(after.home - before.home, after.away - before.away)

    @property
    def phases(self) -> str:
        """The scores by phase as score tickers print them: ``HT 3-0, FT 3-3, AET 3-3, pens 2-3``
        (only the phases reached; an awarded score adds what the score was on the pitch)."""
        parts = [
            f"{label} {score}"
            for label, score in (
                ("HT", self.half_time),
                ("FT", self.full_time),
                ("AET", self.after_extra_time),
                ("pens", self.penalties),
            )
            if score is not None
        ]
        if self.awarded is not None:
            parts.append(f"awarded, {self.live} on the pitch")
        return ", ".join(parts)

    def __str__(self) -> str:
        """E.g. ``3-3 (HT 3-0, FT 3-3, AET 3-3, pens 2-3)``."""
        phases = self.phases
        return f"{self.final} ({phases})" if phases else str(self.final)


_NO_GOALS: Final = ScoreLine()


@attrs.frozen(slots=True, kw_only=True)
class ScoreState:
    """The score projection's state: the :class:`ScoreLine` and what is needed to keep it.

    Attributes:
        line: the score, live and by phase.
        version: how many events have been folded (the version of the last one), so that an
            annulment can find its goal by version.
        goals: the goals that stand, as ``(version, side)`` pairs in order, for annulments.
    """

    line: ScoreLine = _NO_GOALS
    version: int = 0
    goals: tuple[tuple[int, Side], ...] = ()


_PHASE_END: Final = {
    Period.FIRST_HALF: "half_time",
    Period.SECOND_HALF: "full_time",
    Period.EXTRA_TIME_SECOND_HALF: "after_extra_time",
}


def _goal_side(goals: tuple[tuple[int, Side], ...], annulment: GoalAnnulled, version: int) -> Side:
    target = annulment.goal_version
    for goal_at, side in goals:
        if goal_at == target:
            return side
    raise ProjectionError(
        f"match {annulment.match_id!r}: the annulment at version {version} names version "
        f"{target}, which is not a goal that stands"
    )


def _period_ended(line: ScoreLine, event: PeriodEnded) -> ScoreLine:
    recorded = event.score
    live = line.live if recorded is None else recorded
    phase = _PHASE_END.get(event.period)
    if phase is None:
        return line if live == line.live else attrs.evolve(line, live=live)
    return attrs.evolve(line, live=live, **{phase: live})


def _shootout_kick(line: ScoreLine, event: ShootoutKick) -> ScoreLine:
    if not event.scored:
        return line
    penalties = NIL_NIL if line.penalties is None else line.penalties
    return attrs.evolve(line, penalties=penalties.plus(event.side))


class ScoreProjection:
    """Folds a match's events into its :class:`ScoreState` (read ``state.line``).

    Assumes the events of one match, in the order a timeline accepted them.
    """

    __slots__ = ()

    def initial(self) -> ScoreState:
        """Nil-nil, nothing played."""
        return _INITIAL

    def apply(self, state: ScoreState, event: Event) -> ScoreState:
        """The state after ``event``."""
        version = state.version + 1
        line = state.line
        match event:
            case Goal(side=side):
                goals = (*state.goals, (version, side))
                return ScoreState(
                    line=attrs.evolve(line, live=line.live.plus(side)), version=version, goals=goals
                )
            case GoalAnnulled(goal_version=target):
                side = _goal_side(state.goals, event, version)
                return ScoreState(
                    line=attrs.evolve(line, live=line.live.plus(side, -1)),
                    version=version,
                    goals=tuple(goal for goal in state.goals if goal[0] != target),
                )
            case PeriodEnded():
                line = _period_ended(line, event)
            case PeriodStarted(period=Period.PENALTY_SHOOTOUT):
                line = attrs.evolve(line, penalties=NIL_NIL)
            case ShootoutKick():
                line = _shootout_kick(line, event)
            case MatchAwarded(score=score):
                line = attrs.evolve(line, awarded=score)
            case _:
                pass
        return ScoreState(line=line, version=version, goals=state.goals)


_INITIAL: Final = ScoreState()


def score_line(events: Iterable[Event]) -> ScoreLine:
    """The :class:`ScoreLine` of a match's events: the fold of :class:`ScoreProjection`."""
    state = _INITIAL
    apply = SCORE.apply
    for event in events:
        state = apply(state, event)
    return state.line


SCORE: Final = ScoreProjection()
"""The score projection (it holds no configuration, so one instance serves everyone)."""
