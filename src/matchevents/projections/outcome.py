"""The outcome projection: where a match stands, who won it, and how.

:class:`OutcomeProjection` folds a match's events into a :class:`MatchOutcome` (status, winner,
how the match was decided, the :class:`~matchevents.projections.score.ScoreLine`).
:func:`match_result` turns a whole stream into a :class:`MatchResult`: the outcome together with
the schedule's facts (teams, competition, season, stage, kick-off, format), the value that tables,
ties and records are folded from.

>>> from matchevents import MatchScheduled, Goal, Side, clock, kick_off, half_time, full_time
>>> from matchevents import PeriodStarted, Period
>>> events = [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     kick_off("m"),
...     Goal(match_id="m", side=Side.AWAY, scorer="Smith", at=clock(12)),
...     half_time("m"),
...     PeriodStarted(match_id="m", period=Period.SECOND_HALF),
...     full_time("m"),
... ]
>>> result = match_result(events)
>>> result.status, result.winner_team, result.decided_by
(<MatchStatus.FINISHED: 'finished'>, 'B', <Decision.REGULAR_TIME: 'regular_time'>)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date as _Date
from datetime import datetime
from typing import Final

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
from matchevents.formats import FormatKind, MatchFormat
from matchevents.projections.score import SCORE, ScoreLine, ScoreState, shared_score_line
from matchevents.score import Score, Side


class MatchStatus(enum.Enum):
    """Where a match stands: not started, in a period, in a break, or over (and how)."""

    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    """Will not start as scheduled; a later kick-off makes it live again."""
    FIRST_HALF = "first_half"
    HALF_TIME = "half_time"
    SECOND_HALF = "second_half"
    BREAK_BEFORE_EXTRA_TIME = "break_before_extra_time"
    EXTRA_TIME_FIRST_HALF = "extra_time_first_half"
    EXTRA_TIME_HALF_TIME = "extra_time_half_time"
    EXTRA_TIME_SECOND_HALF = "extra_time_second_half"
    BREAK_BEFORE_SHOOTOUT = "break_before_shootout"
    PENALTY_SHOOTOUT = "penalty_shootout"
    FINISHED = "finished"
    """Over after 90 minutes."""
    FINISHED_AFTER_EXTRA_TIME = "finished_after_extra_time"
    FINISHED_ON_PENALTIES = "finished_on_penalties"
    ABANDONED = "abandoned"
    AWARDED = "awarded"

    @property
    def is_live(self) -> bool:
        """True while a period is being played (the shoot-out included)."""
        return self in _LIVE

    @property
    def is_break(self) -> bool:
        """True between two periods: half-time and the breaks before extra time or penalties."""
        return self in _BREAKS

    @property
    def is_finished(self) -> bool:
        """True once the match was played to its end (after 90 minutes, extra time or penalties).

        An abandoned or awarded match is over but not finished; see :attr:`is_over`.
        """
        return self in _FINISHED

    @property
    def is_over(self) -> bool:
        """True when nothing more will be played: finished, abandoned or awarded."""
        return self in _OVER

    @property
    def period(self) -> Period | None:
        """The period being played while live (the shoot-out included), else None."""
        return _PERIOD_PLAYED.get(self)

    @property
    def short(self) -> str:
        """The short code score tickers use: NS, PST, 1H, HT, 2H, BT, ET, P, FT, AET, PEN, ABD,
        AWD (API-Football's codes)."""
        return _SHORT[self]


_LIVE: Final = frozenset(
    {
        MatchStatus.FIRST_HALF,
        MatchStatus.SECOND_HALF,
        MatchStatus.EXTRA_TIME_FIRST_HALF,
        MatchStatus.EXTRA_TIME_SECOND_HALF,
        MatchStatus.PENALTY_SHOOTOUT,
    }
)
_BREAKS: Final = frozenset(
    {
        MatchStatus.HALF_TIME,
        MatchStatus.BREAK_BEFORE_EXTRA_TIME,
        MatchStatus.EXTRA_TIME_HALF_TIME,
        MatchStatus.BREAK_BEFORE_SHOOTOUT,
    }
)
_FINISHED: Final = frozenset(
    {
        MatchStatus.FINISHED,
        MatchStatus.FINISHED_AFTER_EXTRA_TIME,
        MatchStatus.FINISHED_ON_PENALTIES,
    }
)
_OVER: Final = _FINISHED | {MatchStatus.ABANDONED, MatchStatus.AWARDED}
_SHORT: Final = {
    MatchStatus.SCHEDULED: "NS",
    MatchStatus.POSTPONED: "PST",
    MatchStatus.FIRST_HALF: "1H",
    MatchStatus.HALF_TIME: "HT",
    MatchStatus.SECOND_HALF: "2H",
    MatchStatus.BREAK_BEFORE_EXTRA_TIME: "BT",
    MatchStatus.EXTRA_TIME_FIRST_HALF: "ET",
    MatchStatus.EXTRA_TIME_HALF_TIME: "BT",
    MatchStatus.EXTRA_TIME_SECOND_HALF: "ET",
    MatchStatus.BREAK_BEFORE_SHOOTOUT: "BT",
    MatchStatus.PENALTY_SHOOTOUT: "P",
    MatchStatus.FINISHED: "FT",
    MatchStatus.FINISHED_AFTER_EXTRA_TIME: "AET",
    MatchStatus.FINISHED_ON_PENALTIES: "PEN",
    MatchStatus.ABANDONED: "ABD",
    MatchStatus.AWARDED: "AWD",
}
_PLAYING: Final = {
    Period.FIRST_HALF: MatchStatus.FIRST_HALF,
    Period.SECOND_HALF: MatchStatus.SECOND_HALF,
    Period.EXTRA_TIME_FIRST_HALF: MatchStatus.EXTRA_TIME_FIRST_HALF,
    Period.EXTRA_TIME_SECOND_HALF: MatchStatus.EXTRA_TIME_SECOND_HALF,
    Period.PENALTY_SHOOTOUT: MatchStatus.PENALTY_SHOOTOUT,
}
_PERIOD_PLAYED: Final = {status: period for period, status in _PLAYING.items()}
# The break after a period, by the period that comes next.
_BREAK_BEFORE: Final = {
    Period.SECOND_HALF: MatchStatus.HALF_TIME,
    Period.EXTRA_TIME_FIRST_HALF: MatchStatus.BREAK_BEFORE_EXTRA_TIME,
    Period.EXTRA_TIME_SECOND_HALF: MatchStatus.EXTRA_TIME_HALF_TIME,
    Period.PENALTY_SHOOTOUT: MatchStatus.BREAK_BEFORE_SHOOTOUT,
}


class Decision(enum.Enum):
    """How a match's result was reached."""

    REGULAR_TIME = "regular_time"
    """After 90 minutes (draws included)."""
    EXTRA_TIME = "extra_time"
    """After 120 minutes."""
    PENALTIES = "penalties"
    """By a shoot-out, the score from play being level."""
    AWARDED = "awarded"
    """By the competition's authority."""


_NO_SCORE: Final = ScoreState()


@attrs.frozen(slots=True, kw_only=True)
class MatchOutcome:
    """The outcome projection's state.

    Attributes:
        schedule: the match's schedule, or None before it is folded.
        status: where the match stands.
        score_state: the score projection's state; :attr:`score` is its score line.
        winner: the side that won the match, or None (not over, a draw, abandoned). A winner on
            the score wins; a level score decided by a shoot-out is won by the shoot-out's winner.
            For a second leg this is the winner of the match, not of the tie (see
            :attr:`tie_winner`).
        decided_by: the stage that settled the contest (for a second leg, the tie): regular
            time, extra time, penalties or an award; None while the match is not over (and for
            an abandoned match). A second leg won 1-0 on the night but lost on penalties was
            decided on penalties.
        tie_winner: for a knockout match or a second leg that is over, the side that goes
            through: by the score, the aggregate, the away goals rule or the shoot-out; None for
            a league match or a first leg, and while undecided.
    """

    schedule: MatchScheduled | None = None
    status: MatchStatus = MatchStatus.SCHEDULED
    score_state: ScoreState = _NO_SCORE
    winner: Side | None = None
    decided_by: Decision | None = None
    tie_winner: Side | None = None

    @property
    def score(self) -> ScoreLine:
        """The score, live and by phase."""
        return self.score_state.line

    @property
    def is_draw(self) -> bool:
        """True for a match finished (or awarded) level, with no shoot-out to break it."""
        return self.decided_by is not None and self.winner is None


def _over_after(period: Period) -> MatchStatus:
    if period is Period.PENALTY_SHOOTOUT:
        return MatchStatus.FINISHED_ON_PENALTIES
    if period is Period.EXTRA_TIME_SECOND_HALF:
        return MatchStatus.FINISHED_AFTER_EXTRA_TIME
    return MatchStatus.FINISHED


def _decide(
    fmt: MatchFormat, line: ScoreLine, status: MatchStatus
) -> tuple[Side | None, Decision, Side | None]:
    """The winner, the decision and the tie's winner of a finished match."""
    live = line.live
    after_extra_time = line.after_extra_time is not None
    shootout = line.penalties.leader if line.penalties is not None else None
    winner = live.leader
    # The decision is the stage that settled the contest (for a second leg, the tie): a match
    # that needed a shoot-out was decided on penalties even if its own score was not level.
    if status is MatchStatus.FINISHED_ON_PENALTIES:
        decision = Decision.PENALTIES
        if winner is None:
            winner = shootout
    else:
        decision = Decision.EXTRA_TIME if after_extra_time else Decision.REGULAR_TIME
    tie_winner: Side | None = None
    if fmt.must_have_winner:
        if status is MatchStatus.FINISHED_ON_PENALTIES:
            tie_winner = shootout
        else:
            tie_winner = fmt.decided_by(live, after_extra_time=after_extra_time)
    return winner, decision, tie_winner


def _awarded(fmt: MatchFormat, score: Score) -> tuple[Side | None, Side | None]:
    winner = score.leader
    tie_winner = fmt.decided_by(score, after_extra_time=False) if fmt.must_have_winner else None
    return winner, tie_winner


class OutcomeProjection:
    """Folds a match's events into its :class:`MatchOutcome`.

    Assumes the events of one match, in the order a timeline accepted them.
    """

    __slots__ = ()

    def initial(self) -> MatchOutcome:
        """A match not yet scheduled."""
        return _INITIAL

    def apply(self, state: MatchOutcome, event: Event) -> MatchOutcome:
        """The outcome after ``event``."""
        score_state = _score_apply(state.score_state, event)
        if type(event) in _SCORE_ONLY:
            return _outcome(
                state.schedule,
                state.status,
                score_state,
                state.winner,
                state.decided_by,
                state.tie_winner,
            )
        schedule = state.schedule
        match event:
            case PeriodStarted(period=period):
                return MatchOutcome(
                    schedule=schedule, status=_PLAYING[period], score_state=score_state
                )
            case PeriodEnded(period=period):
                return _period_ended(state, schedule, period, score_state)
            case MatchScheduled():
                if schedule is not None:
                    raise ProjectionError(
                        f"match {schedule.match_id!r}: a second schedule at version "
                        f"{score_state.version} (for {event.match_id!r}); the outcome projection "
                        "folds the events of one match"
                    )
                return MatchOutcome(schedule=event, score_state=score_state)
            case MatchPostponed():
                return MatchOutcome(
                    schedule=schedule, status=MatchStatus.POSTPONED, score_state=score_state
                )
            case MatchAbandoned():
                return MatchOutcome(
                    schedule=schedule, status=MatchStatus.ABANDONED, score_state=score_state
                )
            case MatchAwarded(score=score):
                fmt = _format_of(schedule, score_state.version)
                winner, tie_winner = _awarded(fmt, score)
                return MatchOutcome(
                    schedule=schedule,
                    status=MatchStatus.AWARDED,
                    score_state=score_state,
                    winner=winner,
                    decided_by=Decision.AWARDED,
                    tie_winner=tie_winner,
                )
            case _:
                return _outcome(
                    schedule,
                    state.status,
                    score_state,
                    state.winner,
                    state.decided_by,
                    state.tie_winner,
                )

    def apply_all(self, state: MatchOutcome, events: Iterable[Event]) -> MatchOutcome:
        """Fold many events: exactly what repeated :meth:`apply` gives. Runs of events that can
        only change the score (goals, cards, substitutions, kicks) go to the score projection's
        fast fold in one batch."""
        apply = self.apply
        batch: list[Event] = []
        for event in events:
            if type(event) in _SCORE_ONLY:
                batch.append(event)
                continue
            if batch:
                state = _with_score(state, SCORE.apply_all(state.score_state, batch))
                batch.clear()
            state = apply(state, event)
        if batch:
            state = _with_score(state, SCORE.apply_all(state.score_state, batch))
        return state


_SCORE_ONLY: Final = frozenset(
    {Goal, GoalAnnulled, ShootoutKick, Card, Substitution, LineupAnnounced}
)
"""Event types that never change a match's status: only its score (or nothing)."""

_score_apply = SCORE.apply
_new = object.__new__
_set = object.__setattr__


def _outcome(
    schedule: MatchScheduled | None,
    status: MatchStatus,
    score_state: ScoreState,
    winner: Side | None,
    decided_by: Decision | None,
    tie_winner: Side | None,
) -> MatchOutcome:
    """A MatchOutcome without the keyword-argument overhead (apply runs for every event)."""
    outcome = _new(MatchOutcome)
    _set(outcome, "schedule", schedule)
    _set(outcome, "status", status)
    _set(outcome, "score_state", score_state)
    _set(outcome, "winner", winner)
    _set(outcome, "decided_by", decided_by)
    _set(outcome, "tie_winner", tie_winner)
    return outcome


def _with_score(state: MatchOutcome, score_state: ScoreState) -> MatchOutcome:
    return _outcome(
        state.schedule,
        state.status,
        score_state,
        state.winner,
        state.decided_by,
        state.tie_winner,
    )


def _format_of(schedule: MatchScheduled | None, version: int) -> MatchFormat:
    if schedule is None:
        raise ProjectionError(f"the event at version {version} comes before the match's schedule")
    return schedule.format


def _period_ended(
    state: MatchOutcome, schedule: MatchScheduled | None, period: Period, score_state: ScoreState
) -> MatchOutcome:
    fmt = _format_of(schedule, score_state.version)
    line = score_state.line
    following = fmt.period_after(period, line.live)
    if following is not None:
        return MatchOutcome(
            schedule=schedule, status=_BREAK_BEFORE[following], score_state=score_state
        )
    status = _over_after(period)
    winner, decision, tie_winner = _decide(fmt, line, status)
    return MatchOutcome(
        schedule=schedule,
        status=status,
        score_state=score_state,
        winner=winner,
        decided_by=decision,
        tie_winner=tie_winner,
    )


_INITIAL: Final = MatchOutcome()

OUTCOME: Final = OutcomeProjection()
"""The outcome projection (it holds no configuration, so one instance serves everyone)."""


@attrs.frozen(slots=True, kw_only=True)
class MatchResult:
    """One match's result with the facts of its schedule: the value per-match consumers (tables,
    ties, records, score printers) fold or print.

    Attributes:
        match_id: the match.
        home: the home team (the side listed first at a neutral venue).
        away: the away team.
        competition: the competition, e.g. ``"UEFA Champions League"``.
        season: the season, e.g. ``"2004-05"``.
        stage: the stage or round, where known.
        matchday: the match day in a league, where known.
        kickoff: the scheduled kick-off, where known.
        date: the match day the schedule gives without a kick-off time, where it does (see
            :attr:`day`, which reads the day from either).
        format: league match, knockout match, or a leg of a tie.
        status: where the match stands (a result is usually taken from a match that is over).
        score: the score, live and by phase.
        winner: the side that won the match, or None (see :attr:`MatchOutcome.winner`).
        decided_by: the stage that settled the contest (see :attr:`MatchOutcome.decided_by`).
        tie_winner: the side that goes through, for a knockout match or second leg that is over.
    """

    match_id: str
    home: str
    away: str
    competition: str
    season: str
    stage: str | None
    matchday: int | None
    kickoff: datetime | None
    date: _Date | None = None
    format: MatchFormat
    status: MatchStatus
    score: ScoreLine
    winner: Side | None
    decided_by: Decision | None
    tie_winner: Side | None

    @classmethod
    def of(cls, outcome: MatchOutcome) -> MatchResult:
        """The result of a folded outcome.

        Raises:
            ProjectionError: the outcome has no schedule (no events were folded).
        """
        schedule = outcome.schedule
        if schedule is None:
            raise ProjectionError("no result without the match's schedule: no events were folded")
        return cls(
            match_id=schedule.match_id,
            home=schedule.home,
            away=schedule.away,
            competition=schedule.competition,
            season=schedule.season,
            stage=schedule.stage,
            matchday=schedule.matchday,
            kickoff=schedule.kickoff,
            date=schedule.date,
            format=schedule.format,
            status=outcome.status,
            score=shared_score_line(outcome.score),
            winner=outcome.winner,
            decided_by=outcome.decided_by,
            tie_winner=outcome.tie_winner,
        )

    def team(self, side: Side) -> str:
        """The team name of one side."""
        return self.home if side is Side.HOME else self.away

    @property
    def day(self) -> _Date | None:
        """The day the match is played: the kick-off's day (in its own time zone) where the
        kick-off is known, else the schedule's :attr:`date`; None when neither is known."""
        kickoff = self.kickoff
        return self.date if kickoff is None else kickoff.date()

    @property
    def winner_team(self) -> str | None:
        """The name of the winning team, or None."""
        return None if self.winner is None else self.team(self.winner)

    @property
    def is_draw(self) -> bool:
        """True for a match over and level, with no shoot-out to break it."""
        return self.decided_by is not None and self.winner is None

    @property
    def aggregate(self) -> Score | None:
        """For a second leg, the tie's aggregate from this match's sides' view; None otherwise."""
        if self.format.kind is not FormatKind.SECOND_LEG:
            return None
        return self.format.aggregate(self.score.final)

    def __str__(self) -> str:
        """E.g. ``AC Milan 3-3 Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)``."""
        line = self.score
        phases = line.phases
        text = f"{self.home} {line.final} {self.away}"
        return f"{text} ({phases})" if phases else text


def match_result(events: Iterable[Event]) -> MatchResult:
    """The :class:`MatchResult` of one match's events, in timeline order.

    Raises:
        ProjectionError: there is no schedule among the events.
    """
    return MatchResult.of(OUTCOME.apply_all(_INITIAL, events))
