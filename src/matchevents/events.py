"""The event catalogue: immutable, typed facts about one match.

Every event is a frozen, slotted attrs class carrying the id of its match. Events are never edited
or deleted: a correction is a new event (a goal is annulled by :class:`GoalAnnulled`, a result
overturned by :class:`MatchAwarded`). :data:`Event` is the closed union of all of them, so that a
``match`` statement over it can be checked for exhaustiveness by a type checker.

Sides are named :class:`~matchevents.score.Side` (home or away), players by name as the source
writes them. Whether an event is *allowed* is not decided here but by the
:class:`~matchevents.timeline.Timeline`, which knows the state of the match.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeAlias

import attrs

from matchevents.clock import MatchClock, Period
from matchevents.errors import InvalidValueError
from matchevents.formats import LEAGUE, MatchFormat
from matchevents.score import Score, Side

_Date: TypeAlias = date
"""``datetime.date`` under a name that a field called ``date`` does not shadow."""


class GoalKind(enum.Enum):
    """How a goal was scored."""

    OPEN_PLAY = "open_play"
    """Any goal that is neither a penalty nor an own goal (free kicks and headers included)."""
    PENALTY = "penalty"
    """A penalty kick during play (not a shoot-out kick)."""
    OWN_GOAL = "own_goal"
    """Put into their own net by a player of the other side; counts for the goal's ``side``."""


class AnnulmentReason(enum.Enum):
    """Why a goal was taken back."""

    VAR_REVIEW = "var_review"
    """Disallowed after a video assistant referee review."""
    REFEREE = "referee"
    """Disallowed by the referee after first giving it."""
    CORRECTION = "correction"
    """The goal was recorded in error by the data source."""


class CardKind(enum.Enum):
    """Disciplinary cards. A second yellow and a straight red both send the player off."""

    YELLOW = "yellow"
    SECOND_YELLOW = "second_yellow"
    RED = "red"

    @property
    def sends_off(self) -> bool:
        """True for a second yellow or a straight red."""
        return self is not CardKind.YELLOW


class KickOutcome(enum.Enum):
    """The result of one kick of a penalty shoot-out."""

    SCORED = "scored"
    SAVED = "saved"
    MISSED = "missed"
    """Off target or against the woodwork."""
    NOT_SCORED = "not_scored"
    """Did not go in, and the source does not say whether it was saved or missed (e.g. a
    shoot-out known only by its score)."""


def _tuple_of_names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(slots=True, kw_only=True)
class MatchEvent:
    """Base of every match event: it names the match it belongs to."""

    match_id: str


@attrs.frozen(slots=True, kw_only=True)
class MatchScheduled(MatchEvent):
    """The match is arranged: who plays whom, in what competition, under which format.

    Always the first event of a timeline.

    Attributes:
        home: the home side's team name (for a neutral venue, the side listed first).
        away: the away side's team name.
        competition: e.g. ``"Premier League"`` or ``"UEFA Europa League"``.
        season: e.g. ``"2023-24"``.
        stage: the stage or round, e.g. ``"Quarter-final"`` or ``"Matchday 12"``.
        matchday: the match day number in a league, where there is one.
        format: league match, single knockout match, or a leg of a two-legged tie.
        kickoff: the scheduled kick-off time (timezone-aware where the source says so).
        date: the day of the match, for a source that gives the day but no kick-off time (many
            results files do): a known day without an invented time. Where ``kickoff`` is
            given too, ``date`` must be its day (in its own time zone); it is usually left
            out then. Read the match day from :attr:`day`, which takes either.
        venue: the stadium.

    Raises:
        InvalidValueError: ``date`` is not the day of ``kickoff``.
    """

    home: str
    away: str
    competition: str
    season: str
    stage: str | None = None
    matchday: int | None = None
    format: MatchFormat = LEAGUE
    kickoff: datetime | None = None
    date: _Date | None = None
    venue: str | None = None

    def __attrs_post_init__(self) -> None:
        day, kickoff = self.date, self.kickoff
        if day is not None and kickoff is not None and kickoff.date() != day:
            raise InvalidValueError(
                f"match {self.match_id!r}: date {day} is not the day of the kick-off {kickoff}"
            )

    @property
    def day(self) -> _Date | None:
        """The day of the match: the kick-off's day (in its own time zone) where the kick-off is
        known, else :attr:`date`; None when the schedule has neither."""
        kickoff = self.kickoff
        return self.date if kickoff is None else kickoff.date()

    @property
    def leg(self) -> int | None:
        """1 or 2 for a leg of a two-legged tie, None otherwise."""
        return self.format.leg

    def team(self, side: Side) -> str:
        """The team name of one side."""
        return self.home if side is Side.HOME else self.away


@attrs.frozen(slots=True, kw_only=True)
class LineupAnnounced(MatchEvent):
    """One side's starting eleven and substitutes, announced before kick-off.

    Optional: a timeline without line-ups accepts substitutions of any player; with them, it checks
    that players come off the pitch and on from the bench.
    """

    side: Side
    starting: tuple[str, ...] = attrs.field(converter=_tuple_of_names)
    substitutes: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_names)


@attrs.frozen(slots=True, kw_only=True)
class PeriodStarted(MatchEvent):
    """A period of play begins: kick-off, the second half, extra time, or the shoot-out."""

    period: Period


@attrs.frozen(slots=True, kw_only=True)
class PeriodEnded(MatchEvent):
    """A period of play ends. The end of the first half is half-time, of the second half
    full-time (after 90 minutes, whether or not extra time follows).

    Attributes:
        period: the period that ended.
        score: the officially recorded score at this moment, where the source gives one. A
            source without goal details (only half-time and full-time scores) records the score
            here; the timeline checks it against the goals it knows of.
    """

    period: Period
    score: Score | None = None

    @property
    def is_half_time(self) -> bool:
        """True for the end of the first half."""
        return self.period is Period.FIRST_HALF

    @property
    def is_full_time(self) -> bool:
        """True for the end of the second half (90 minutes)."""
        return self.period is Period.SECOND_HALF


@attrs.frozen(slots=True, kw_only=True)
class Goal(MatchEvent):
    """A goal.

    Attributes:
        side: the side the goal counts for. For an own goal, that is the side *opposite* the
            player who put the ball in (see :attr:`player_side`).
        scorer: the player who put the ball in, or None where the source does not say.
        at: when, e.g. ``MatchClock(45, 3)`` for 45+3.
        kind: open play, penalty or own goal.
        assist: the player who gave the assist, where there is one.
    """

    side: Side
    scorer: str | None
    at: MatchClock
    kind: GoalKind = GoalKind.OPEN_PLAY
    assist: str | None = None

    @property
    def player_side(self) -> Side:
        """The side the scorer plays for: the goal's side, or the other one for an own goal."""
        return self.side.opponent if self.kind is GoalKind.OWN_GOAL else self.side


@attrs.frozen(slots=True, kw_only=True)
class GoalAnnulled(MatchEvent):
    """A goal given earlier is taken back. The goal stays in the timeline; this event cancels it.

    Attributes:
        goal_version: the version of the :class:`Goal` event that is cancelled (the number that
            ``Timeline.append`` returned for it).
        reason: VAR review, the referee, or a correction of the data.
    """

    goal_version: int
    reason: AnnulmentReason = AnnulmentReason.VAR_REVIEW


@attrs.frozen(slots=True, kw_only=True)
class ShootoutKick(MatchEvent):
    """One kick of a penalty shoot-out."""

    side: Side
    taker: str | None
    outcome: KickOutcome

    @property
    def scored(self) -> bool:
        """True when the kick went in."""
        return self.outcome is KickOutcome.SCORED


@attrs.frozen(slots=True, kw_only=True)
class Card(MatchEvent):
    """A card shown to a player."""

    side: Side
    player: str
    at: MatchClock
    kind: CardKind = CardKind.YELLOW


@attrs.frozen(slots=True, kw_only=True)
class Substitution(MatchEvent):
    """One player replaces another."""

    side: Side
    player_off: str
    player_on: str
    at: MatchClock


@attrs.frozen(slots=True, kw_only=True)
class MatchAbandoned(MatchEvent):
    """Play stopped for good before the end (weather, crowd trouble, a medical emergency)."""

    at: MatchClock | None = None
    reason: str = ""


@attrs.frozen(slots=True, kw_only=True)
class MatchAwarded(MatchEvent):
    """The result is decided by the competition's authority rather than on the pitch: a walkover,
    an abandoned match awarded to one side, or a result overturned (e.g. an ineligible player).

    Attributes:
        score: the awarded score, e.g. ``Score(3, 0)``; it replaces any score from play.
        reason: why, as the authority gave it.
    """

    score: Score
    reason: str = ""


@attrs.frozen(slots=True, kw_only=True)
class MatchPostponed(MatchEvent):
    """The match will not start as scheduled. It may still be played later (kick-off then
    follows as usual) or awarded."""

    reason: str = ""
    new_kickoff: datetime | None = None


Event: TypeAlias = (
    MatchScheduled
    | LineupAnnounced
    | PeriodStarted
    | PeriodEnded
    | Goal
    | GoalAnnulled
    | ShootoutKick
    | Card
    | Substitution
    | MatchAbandoned
    | MatchAwarded
    | MatchPostponed
)
"""Any match event: the closed union of the catalogue."""

EVENT_TYPES: tuple[type[MatchEvent], ...] = (
    MatchScheduled,
    LineupAnnounced,
    PeriodStarted,
    PeriodEnded,
    Goal,
    GoalAnnulled,
    ShootoutKick,
    Card,
    Substitution,
    MatchAbandoned,
    MatchAwarded,
    MatchPostponed,
)
"""Every event class of the catalogue, in the order of :data:`Event`."""


def kick_off(match_id: str) -> PeriodStarted:
    """The start of the first half."""
    return PeriodStarted(match_id=match_id, period=Period.FIRST_HALF)


def second_half(match_id: str) -> PeriodStarted:
    """The start of the second half."""
    return PeriodStarted(match_id=match_id, period=Period.SECOND_HALF)


def half_time(match_id: str, score: Score | None = None) -> PeriodEnded:
    """The end of the first half, optionally with the recorded half-time score."""
    return PeriodEnded(match_id=match_id, period=Period.FIRST_HALF, score=score)


def full_time(match_id: str, score: Score | None = None) -> PeriodEnded:
    """The end of the second half (90 minutes), optionally with the recorded score."""
    return PeriodEnded(match_id=match_id, period=Period.SECOND_HALF, score=score)


def end_of_extra_time(match_id: str, score: Score | None = None) -> PeriodEnded:
    """The end of the second half of extra time, optionally with the recorded score."""
    return PeriodEnded(match_id=match_id, period=Period.EXTRA_TIME_SECOND_HALF, score=score)
