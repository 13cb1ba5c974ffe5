"""The scorers projection: the goals that stand, who scored them, and who gave the assists.

Own goals are listed as such, under the side they counted for (as score sheets print them:
"Smith 12' (o.g.)"); an annulled goal disappears from every list.

>>> from matchevents import MatchScheduled, Goal, GoalKind, Side, clock, kick_off
>>> from matchevents.projections import fold
>>> events = [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     kick_off("m"),
...     Goal(match_id="m", side=Side.HOME, scorer="Ann", at=clock(10), assist="Bea"),
...     Goal(match_id="m", side=Side.HOME, scorer="Dee", at=clock(30), kind=GoalKind.OWN_GOAL),
...     Goal(match_id="m", side=Side.HOME, scorer="Ann", at=clock(45, 2), kind=GoalKind.PENALTY),
... ]
>>> [str(entry) for entry in fold(SCORERS, events).scorers(Side.HOME)]
["Ann 10', 45+2' (pen.)", "Dee 30' (o.g.)"]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, cast

import attrs

from matchevents.clock import MatchClock
from matchevents.errors import ProjectionError
from matchevents.events import Event, Goal, GoalAnnulled, GoalKind
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import Side


@attrs.frozen(slots=True, kw_only=True)
class ScorerEntry:
    """One player's goals for one side, as a score sheet lists them.

    Attributes:
        player: the scorer, or None where the source does not say.
        side: the side the goals counted for.
        minutes: when, in order.
        kinds: the kind of each goal, in the order of ``minutes``.
        own_goal: True for own goals (listed apart from the same player's goals, if any).
    """

    player: str | None
    side: Side
    minutes: tuple[MatchClock, ...]
    kinds: tuple[GoalKind, ...]
    own_goal: bool

    @property
    def goals(self) -> int:
        """How many goals."""
        return len(self.minutes)

    def __str__(self) -> str:
        """E.g. ``Crespo 39', 44'``, ``Alonso 60' (pen.)``, ``Smith 12' (o.g.)``."""
        minutes = ", ".join(
            f"{at} (pen.)" if kind is GoalKind.PENALTY else str(at)
            for at, kind in zip(self.minutes, self.kinds, strict=True)
        )
        name = self.player or "unknown"
        return f"{name} {minutes} (o.g.)" if self.own_goal else f"{name} {minutes}"


@attrs.frozen(slots=True, kw_only=True)
class AssistEntry:
    """One player's assists for one side.

    Attributes:
        player: the player who gave the assists.
        side: their side.
        minutes: the minutes of the goals they set up.
    """

    player: str
    side: Side
    minutes: tuple[MatchClock, ...]

    @property
    def assists(self) -> int:
        """How many assists."""
        return len(self.minutes)


_Standing = tuple[int, Goal]
_NONE_STANDS: Final[SharedLog[_Standing]] = SharedLog()


def _goals_log(goals: Iterable[_Standing]) -> SharedLog[_Standing]:
    return goals if type(goals) is SharedLog else SharedLog(goals)


@attrs.frozen(slots=True, kw_only=True)
class Scorers:
    """The goals that stand, in order.

    Attributes:
        goals: ``(version, goal)`` pairs: each standing :class:`~matchevents.events.Goal` event
            with its version in the stream. A
            :class:`~matchevents.projections.sharedlog.SharedLog` (a sequence equal to the tuple
            of the same pairs; a tuple given here is turned into one), shared with the states
            folded from this one, so that a goal costs O(1) however many came before.
        version: how many events were folded, so that an annulment can find its goal.
    """

    goals: SharedLog[_Standing] = attrs.field(default=_NONE_STANDS, converter=_goals_log)
    version: int = 0

    def goals_of(self, side: Side) -> tuple[Goal, ...]:
        """The goals that counted for one side."""
        return tuple(goal for _, goal in self.goals if goal.side is side)

    def scorers(self, side: Side) -> tuple[ScorerEntry, ...]:
        """One side's scorers in order of their first goal; own goals by the other side's players
        listed (separately, as own goals) under the side they counted for."""
        entries: dict[tuple[str | None, bool], list[Goal]] = {}
        for _, goal in self.goals:
            if goal.side is side:
                entries.setdefault((goal.scorer, goal.kind is GoalKind.OWN_GOAL), []).append(goal)
        return tuple(
            ScorerEntry(
                player=player,
                side=side,
                minutes=tuple(goal.at for goal in goals),
                kinds=tuple(goal.kind for goal in goals),
                own_goal=own_goal,
            )
            for (player, own_goal), goals in entries.items()
        )

    def assists(self, side: Side) -> tuple[AssistEntry, ...]:
        """One side's assist givers in order of their first assist."""
        entries: dict[str, list[MatchClock]] = {}
        for _, goal in self.goals:
            if goal.side is side and goal.assist is not None:
                entries.setdefault(goal.assist, []).append(goal.at)
        return tuple(
            AssistEntry(player=player, side=side, minutes=tuple(minutes))
            for player, minutes in entries.items()
        )


class ScorersProjection:
    """Folds a match's events into its :class:`Scorers`.

    Assumes the events of one match, in the order a timeline accepted them. A goal (and every
    other event) costs O(1) amortized however long the match; an annulment, which is rare, costs
    O(goals that stand): the goals are rebuilt without it.
    """

    __slots__ = ()

    def initial(self) -> Scorers:
        """No goal."""
        return _INITIAL

    def apply(self, state: Scorers, event: Event) -> Scorers:
        """The scorers after ``event``."""
        version = state.version + 1
        kind = type(event)
        if kind is Goal:
            return _scorers(state.goals.appended((version, cast(Goal, event))), version)
        if kind is GoalAnnulled:
            annulment = cast(GoalAnnulled, event)
            target = annulment.goal_version
            kept = [pair for pair in state.goals if pair[0] != target]
            if len(kept) == len(state.goals):
                raise ProjectionError(
                    f"match {annulment.match_id!r}: the annulment at version {version} names "
                    f"version {target}, which is not a goal that stands"
                )
            return _scorers(SharedLog(kept), version)
        return _scorers(state.goals, version)

    def apply_all(self, state: Scorers, events: Iterable[Event]) -> Scorers:
        """Fold many events: exactly what repeated :meth:`apply` gives, counting the events that
        are not goals or annulments instead of copying the state for each."""
        apply = self.apply
        version = state.version
        for event in events:
            kind = type(event)
            if kind is Goal or kind is GoalAnnulled:
                state = apply(_scorers(state.goals, version), event)
                version = state.version
            else:
                version += 1
        return state if version == state.version else _scorers(state.goals, version)


_new = object.__new__
_set = object.__setattr__


def _scorers(goals: SharedLog[_Standing], version: int) -> Scorers:
    """A Scorers state without the keyword-argument overhead (apply runs for every event)."""
    state = _new(Scorers)
    _set(state, "goals", goals)
    _set(state, "version", version)
    return state


_INITIAL: Final = Scorers()

SCORERS: Final = ScorersProjection()
"""The scorers projection (it holds no configuration, so one instance serves everyone)."""
