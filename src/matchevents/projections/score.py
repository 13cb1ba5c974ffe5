"""The score projection: the live score and the score at the end of every phase of a match.

The shape is the one users of API-Football or football-data.org expect: half-time, full-time
(after 90 minutes), after extra time (cumulative, e.g. 3-3 after 120 minutes) and the shoot-out,
each None where that phase was not reached. The arithmetic is the timeline's: a goal counts for
its ``side`` (an own goal for the side opposite its scorer), an annulment takes its goal back, a
recorded score at a period end is the score from then on (coarse sources carry no goal events),
a shoot-out score recorded at its end is the shoot-out's score (coarse sources carry no kicks),
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
from typing import Final, cast

import attrs

from matchevents.clock import Period
from matchevents.errors import ProjectionError
from matchevents.events import (
    Card,
    Event,
    Goal,
    GoalAnnulled,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import NIL_NIL, Score, Side


@attrs.frozen(slots=True, kw_only=True)
class ScoreLine:
    """A match's score, live and by phase.

    Attributes:
        live: the score from play: goals that stand, or the score recorded at the last period end.
            Shoot-out kicks are not in it.
        half_time: the score when the first half ended, or None before that; None too where it
            is not known: the first half ended without a recorded score, and a later recorded
            score (full time, say) is above the goals the events carry, so goals are missing and
            nobody can say in which half (a coarse source that gives the full-time score alone;
            see :attr:`ScoreState.counted`).
        full_time: the score after 90 minutes (the end of the second half), or None before that;
            None too where, likewise, it is not known (no score recorded at 90 minutes, and the
            recorded score after extra time is above the goals the events carry).
        after_extra_time: the score after 120 minutes, counting every goal of the match
            (``3-3`` in the 2005 final), or None where extra time was not completed.
        penalties: the shoot-out score (kicks scored), or None where there was no shoot-out:
            counted from the kicks, or, for a shoot-out known only by its score, the score its
            end records (:attr:`PeriodEnded.penalties <matchevents.events.PeriodEnded.penalties>`);
            0-0 while a shoot-out without recorded kicks is under way.
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
        (only the phases reached; an awarded score adds what the score was on the pitch, where
        there was play to score in: a goalless first half cut short reads like a walkover)."""
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
            # A walkover was never played: 0-0 with no phase reached says nothing of a pitch.
            played = self.live != NIL_NIL or self.half_time is not None
            parts.append(f"awarded, {self.live} on the pitch" if played else "awarded")
        return ", ".join(parts)

    def __str__(self) -> str:
        """E.g. ``3-3 (HT 3-0, FT 3-3, AET 3-3, pens 2-3)``."""
        phases = self.phases
        return f"{self.final} ({phases})" if phases else str(self.final)


_NO_GOALS: Final = ScoreLine()

_Goal = tuple[int, Side]
_NONE_STANDS: Final[SharedLog[_Goal]] = SharedLog()


def _goals_log(goals: Iterable[_Goal]) -> SharedLog[_Goal]:
    return goals if type(goals) is SharedLog else SharedLog(goals)


@attrs.frozen(slots=True, kw_only=True)
class ScoreState:
    """The score projection's state: the :class:`ScoreLine` and what is needed to keep it.

    Attributes:
        line: the score, live and by phase.
        version: how many events have been folded (the version of the last one), so that an
            annulment can find its goal by version.
        goals: the goals that stand, as ``(version, side)`` pairs in order, for annulments: a
            :class:`~matchevents.projections.sharedlog.SharedLog` (a sequence equal to the
            tuple of the same pairs; a tuple given here is turned into one), shared with the
            states folded from this one, so that a goal costs O(1) however many came before.
        counted: the phases whose score was counted from goal events since the last recorded
            score, not recorded itself (:data:`HALF_TIME_COUNTED`, :data:`FULL_TIME_COUNTED`).
            A later recorded score above the count shows that goals are missing from the events
            (a coarse source: ``ft`` without ``ht`` or goals), and those phases' scores are then
            unknown: they become None rather than a 0-0 nobody recorded.
    """

    line: ScoreLine = _NO_GOALS
    version: int = 0
    goals: SharedLog[_Goal] = attrs.field(default=_NONE_STANDS, converter=_goals_log)
    counted: int = 0


HALF_TIME_COUNTED: Final = 1
"""The bit of :attr:`ScoreState.counted` for a half-time score counted, not recorded."""
FULL_TIME_COUNTED: Final = 2
"""The bit of :attr:`ScoreState.counted` for a full-time score counted, not recorded."""
_COUNTED_AT: Final = {Period.FIRST_HALF: HALF_TIME_COUNTED, Period.SECOND_HALF: FULL_TIME_COUNTED}


def _annulled(
    goals: SharedLog[_Goal], annulment: GoalAnnulled, version: int
) -> tuple[Side, SharedLog[_Goal]]:
    """The side of the goal ``annulment`` takes back, and the goals that stand without it.

    O(goals that stand): annulments are rare (a handful a season), goals are not, so goals are
    kept in a log that only grows and an annulment rebuilds it.
    """
    target = annulment.goal_version
    kept = [goal for goal in goals if goal[0] != target]
    if len(kept) == len(goals):
        raise ProjectionError(
            f"match {annulment.match_id!r}: the annulment at version {version} names version "
            f"{target}, which is not a goal that stands"
        )
    side = next(goal_side for goal_at, goal_side in goals if goal_at == target)
    return side, SharedLog(kept)


def _period_ended(line: ScoreLine, counted: int, event: PeriodEnded) -> tuple[ScoreLine, int]:
    """The score line after a period end, and the phases counted since the last record."""
    recorded = event.score
    period = event.period
    if recorded is None:
        live = line.live
        counted |= _COUNTED_AT.get(period, 0)
    else:
        live = recorded
        if counted and recorded != line.live:
            # Goals the events do not carry: what was counted since the last record is unknown.
            line = _line(
                line.live,
                None if counted & HALF_TIME_COUNTED else line.half_time,
                None if counted & FULL_TIME_COUNTED else line.full_time,
                line.after_extra_time,
                line.penalties,
                line.awarded,
            )
        counted = 0
    if period is Period.FIRST_HALF:
        line = _line(
            live, live, line.full_time, line.after_extra_time, line.penalties, line.awarded
        )
    elif period is Period.SECOND_HALF:
        line = _line(
            live, line.half_time, live, line.after_extra_time, line.penalties, line.awarded
        )
    elif period is Period.EXTRA_TIME_SECOND_HALF:
        line = _line(live, line.half_time, line.full_time, live, line.penalties, line.awarded)
    elif event.penalties is not None:  # only the end of the shoot-out carries one
        line = _line(
            live, line.half_time, line.full_time, line.after_extra_time, event.penalties,
            line.awarded,
        )  # fmt: skip
    elif live != line.live:
        line = _with_live(line, live)
    return line, counted


def _shootout_kick(line: ScoreLine, event: ShootoutKick) -> ScoreLine:
    if not event.scored:
        return line
    penalties = NIL_NIL if line.penalties is None else line.penalties
    return _line(
        line.live,
        line.half_time,
        line.full_time,
        line.after_extra_time,
        penalties.plus(event.side),
        line.awarded,
    )


class ScoreProjection:
    """Folds a match's events into its :class:`ScoreState` (read ``state.line``).

    Assumes the events of one match, in the order a timeline accepted them. Every event costs
    O(1) (amortized) however long the match; an annulment costs O(goals that stand).
    """

    __slots__ = ()

    def initial(self) -> ScoreState:
        """Nil-nil, nothing played."""
        return _INITIAL

    def apply(self, state: ScoreState, event: Event) -> ScoreState:
        """The state after ``event``."""
        version = state.version + 1
        kind = type(event)
        counted = state.counted
        if kind in _NO_BEARING:
            return _state(state.line, version, state.goals, counted)
        line = state.line
        if kind is Goal:
            side = cast(Goal, event).side
            return _state(
                _with_live(line, line.live.plus(side)),
                version,
                state.goals.appended((version, side)),
                counted,
            )
        if kind is GoalAnnulled:
            side, goals = _annulled(state.goals, cast(GoalAnnulled, event), version)
            return _state(_with_live(line, line.live.plus(side, -1)), version, goals, counted)
        match event:
            case PeriodEnded():
                line, counted = _period_ended(line, counted, event)
            case PeriodStarted(period=Period.PENALTY_SHOOTOUT):
                line = _line(
                    line.live,
                    line.half_time,
                    line.full_time,
                    line.after_extra_time,
                    NIL_NIL,
                    line.awarded,
                )
            case ShootoutKick():
                line = _shootout_kick(line, event)
            case MatchAwarded(score=score):
                line = _line(
                    line.live,
                    line.half_time,
                    line.full_time,
                    line.after_extra_time,
                    line.penalties,
                    score,
                )
            case _:
                pass
        return _state(line, version, state.goals, counted)

    def apply_all(self, state: ScoreState, events: Iterable[Event]) -> ScoreState:
        """Fold many events: exactly what repeated :meth:`apply` gives, counted in local
        variables and frozen once at the end (replays run through here). The new goals join the
        state's log once, at the end: O(1) per event, whatever the goals before."""
        line = state.line
        home, away = line.live.home, line.live.away
        half_time, full_time, after_extra_time = (
            line.half_time,
            line.full_time,
            line.after_extra_time,
        )
        penalties, awarded = line.penalties, line.awarded
        goals, counted = state.goals, state.counted
        added: list[_Goal] = []  # goals since the last annulment, not yet in ``goals``
        version = state.version
        for event in events:
            version += 1
            kind = type(event)
            if kind in _NO_BEARING:
                continue
            if kind is Goal:
                side = cast(Goal, event).side
                if side is _HOME:
                    home += 1
                else:
                    away += 1
                added.append((version, side))
            elif kind is PeriodEnded:
                ended = cast(PeriodEnded, event)
                recorded = ended.score
                period = ended.period
                if recorded is None:
                    counted |= _COUNTED_AT.get(period, 0)
                else:
                    if counted and (recorded.home, recorded.away) != (home, away):
                        if counted & HALF_TIME_COUNTED:
                            half_time = None
                        if counted & FULL_TIME_COUNTED:
                            full_time = None
                    counted = 0
                    home, away = recorded.home, recorded.away
                if period is Period.FIRST_HALF:
                    half_time = Score(home, away)
                elif period is Period.SECOND_HALF:
                    full_time = Score(home, away)
                elif period is Period.EXTRA_TIME_SECOND_HALF:
                    after_extra_time = Score(home, away)
                elif period is Period.PENALTY_SHOOTOUT and ended.penalties is not None:
                    penalties = ended.penalties
            elif kind is GoalAnnulled:
                if added:
                    goals, added = goals.extended(added), []
                side, goals = _annulled(goals, cast(GoalAnnulled, event), version)
                if side is _HOME:
                    home -= 1
                else:
                    away -= 1
            elif kind is ShootoutKick:
                kick = cast(ShootoutKick, event)
                if kick.scored:
                    penalties = (penalties or NIL_NIL).plus(kick.side)
            elif kind is PeriodStarted:
                if cast(PeriodStarted, event).period is Period.PENALTY_SHOOTOUT:
                    penalties = NIL_NIL
            elif kind is MatchAwarded:
                awarded = cast(MatchAwarded, event).score
        live = line.live if (home, away) == (line.live.home, line.live.away) else Score(home, away)
        return _state(
            _line(live, half_time, full_time, after_extra_time, penalties, awarded),
            version,
            goals.extended(added) if added else goals,
            counted,
        )


_NO_BEARING: Final = frozenset(
    {Card, Substitution, LineupAnnounced, MatchScheduled, MatchPostponed, MatchAbandoned}
)
"""Event types that never change a score (they only move the version on)."""

_HOME: Final = Side.HOME
_new = object.__new__
_set = object.__setattr__


def _state(line: ScoreLine, version: int, goals: SharedLog[_Goal], counted: int) -> ScoreState:
    """A ScoreState without the keyword-argument overhead (apply runs for every event)."""
    state = _new(ScoreState)
    _set(state, "line", line)
    _set(state, "version", version)
    _set(state, "goals", goals)
    _set(state, "counted", counted)
    return state


def _line(
    live: Score,
    half_time: Score | None,
    full_time: Score | None,
    after_extra_time: Score | None,
    penalties: Score | None,
    awarded: Score | None,
) -> ScoreLine:
    """A ScoreLine without the keyword-argument overhead."""
    new = _new(ScoreLine)
    _set(new, "live", live)
    _set(new, "half_time", half_time)
    _set(new, "full_time", full_time)
    _set(new, "after_extra_time", after_extra_time)
    _set(new, "penalties", penalties)
    _set(new, "awarded", awarded)
    return new


def _with_live(line: ScoreLine, live: Score) -> ScoreLine:
    return _line(
        live, line.half_time, line.full_time, line.after_extra_time, line.penalties, line.awarded
    )


_INITIAL: Final = ScoreState()

_SHARED_LINES: Final[dict[ScoreLine, ScoreLine]] = {}
_MOST_SHARED: Final = 1 << 14
"""How many distinct lines :func:`shared_score_line` keeps: a season has a few hundred, decades
of many leagues a few thousand; at most about 6 MB, held for the life of the process."""


def shared_score_line(line: ScoreLine) -> ScoreLine:
    """A score line equal to ``line``, the same object for every equal line (up to 16,384
    distinct ones; past that, ``line`` itself).

    Results that are kept (a table's, an archive's) hold one line per match, and most matches
    share their scores with many others: ``1-0 (HT 0-0, FT 1-0)`` is one object, with its
    scores, for all of them, instead of a line and two or three scores each (about 170 bytes a
    match). Lines are immutable and compare by value, so sharing them changes nothing else.
    """
    shared = _SHARED_LINES.get(line)
    if shared is not None:
        return shared
    if len(_SHARED_LINES) < _MOST_SHARED:
        _SHARED_LINES[line] = line
    return line


def score_line(events: Iterable[Event]) -> ScoreLine:
    """The :class:`ScoreLine` of a match's events: the fold of :class:`ScoreProjection`."""
    return SCORE.apply_all(_INITIAL, events).line


SCORE: Final = ScoreProjection()
"""The score projection (it holds no configuration, so one instance serves everyone)."""
