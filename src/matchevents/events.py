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
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime
from operator import attrgetter
from operator import contains as _contains
from typing import Any, TypeAlias

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
    """Did not go in, and the source does not say whether it was saved or missed (a source that
    lists each kick as scored or not). A shoot-out known only by its score has no kicks at all:
    its end records the score (:attr:`PeriodEnded.penalties`)."""


def _player_names(field: str, value: Iterable[str]) -> tuple[str, ...]:
    # A string is iterable too, but it is one name, not a list of its letters.
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"LineupAnnounced.{field} must be a list of player names, got {value!r}"
        )
    return tuple(value)


def _starting(value: Iterable[str]) -> tuple[str, ...]:
    return _player_names("starting", value)


def _substitutes(value: Iterable[str]) -> tuple[str, ...]:
    return _player_names("substitutes", value)


# -- field types, checked when an event is made ---------------------------------------------------
# A wrong type would not fail loudly later: ``Goal(side="home")`` would count for the away side
# (sides are compared by identity) and ``Card(kind="yellow")`` would send its player off. So every
# event checks its fields against their annotations when it is made, by its constructor or
# ``attrs.evolve``. (The codec's decoders build events from values they have checked already.)
_FieldSpec = tuple[tuple[str, tuple[type, ...], type | None], ...]
_SPECS: dict[type, _FieldSpec] = {}


def _allowed(hint: Any) -> tuple[tuple[type, ...], type | None]:
    """The exact types a field's annotation allows, and the type of a tuple's items."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        allowed: list[type] = []
        element = None
        for arm in typing.get_args(hint):
            arm_types, arm_element = _allowed(arm)
            allowed += arm_types
            element = element or arm_element
        return tuple(allowed), element
    if typing.get_origin(hint) is tuple:
        return (tuple,), typing.get_args(hint)[0]
    return ((type(None),) if hint is None else (hint,)), None


def _spec(cls: type) -> _FieldSpec:
    spec = _SPECS.get(cls)
    if spec is None:
        hints = typing.get_type_hints(cls)
        spec = tuple((field.name, *_allowed(hints[field.name])) for field in attrs.fields(cls))
        _SPECS[cls] = spec
    return spec


_Fast = tuple[Callable[[Any], tuple[Any, ...]], tuple[frozenset[type], ...], tuple[str, ...]]
_FAST: dict[type, _Fast] = {}


def _fast(cls: type) -> _Fast:
    """What the common case needs, once per class: a getter of all fields at once, the exact
    types each allows, and the fields holding tuples of names."""
    spec = _spec(cls)
    fast = (
        attrgetter(*(name for name, _, _ in spec)),
        tuple(frozenset(allowed) for _, allowed, _ in spec),
        tuple(name for name, _, element in spec if element is not None),
    )
    _FAST[cls] = fast
    return fast


def _is(value: object, allowed: tuple[type, ...]) -> bool:
    kind = type(value)
    if kind in allowed:
        return True
    # Subclasses too (a str subclass is a name), but not the look-alikes that would be wrong: a
    # bool is not a count, a datetime is not a day.
    return (
        isinstance(value, allowed)
        and kind is not bool
        and not (kind is datetime and date in allowed and datetime not in allowed)
    )


def _described(allowed: tuple[type, ...], element: type | None) -> str:
    names = [
        "None"
        if kind is type(None)
        else f"a tuple of {element.__name__}"
        if kind is tuple and element is not None
        else kind.__name__
        for kind in allowed
    ]
    return " or ".join(names)


def check_fields(event: MatchEvent) -> None:
    """Check that every field of ``event`` holds a value of its annotated type.

    Raises:
        InvalidValueError: naming the event type, the field, what it must be and what it holds.
    """
    cls = type(event)
    for name, allowed, element in _spec(cls):
        value = getattr(event, name)
        if not _is(value, allowed) or (
            element is not None
            and type(value) is tuple
            and not all(_is(item, (element,)) for item in value)
        ):
            raise InvalidValueError(
                f"{cls.__name__}.{name} must be {_described(allowed, element)}, got {value!r}"
            )


_FINAL: set[type] = set()
"""The catalogue's event types, which cannot be subclassed (filled once they are defined)."""


@attrs.frozen(slots=True, kw_only=True)
class MatchEvent:
    """Base of every match event: it names the match it belongs to.

    The catalogue is a closed union (:data:`Event`): its types are final, since every timeline
    rule and projection reads an event by its exact type. A type of your own is an attrs class of
    its own (a subclass of this base, or not), registered with a
    :class:`~matchevents.codec.Codec`.

    Raises:
        InvalidValueError: a field holds a value of the wrong type (every event checks its
            fields against their annotations when it is made), or the match id is empty.
        TypeError: a class derives from an event type of the catalogue.
    """

    match_id: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        final = next((base for base in cls.__bases__ if base in _FINAL), None)
        if final is not None:
            raise TypeError(
                f"{final.__name__} is final: the event catalogue is closed, and timelines and "
                f"projections read events by their exact type; make {cls.__name__} an event "
                "type of its own (an attrs class with a match_id, registered with a Codec)"
            )

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        getter, allowed, tuples = _FAST.get(cls) or _fast(cls)
        # The exact type of every field, in C (no list or tuple of them is built): the careful
        # check runs only on a doubt.
        if tuples or not all(map(_contains, allowed, map(type, getter(self)))):
            check_fields(self)
        if not self.match_id:
            raise InvalidValueError(f"{type(self).__name__}.match_id must not be empty")


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
        InvalidValueError: ``date`` is not the day of ``kickoff``, a team plays itself, the match
            day is below 1, or a field holds a value of the wrong type.
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
        super().__attrs_post_init__()
        if self.home == self.away:
            raise InvalidValueError(f"match {self.match_id!r}: {self.home!r} cannot play itself")
        if self.matchday is not None and self.matchday < 1:
            raise InvalidValueError(f"match {self.match_id!r}: match day {self.matchday} < 1")
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
    starting: tuple[str, ...] = attrs.field(converter=_starting)
    substitutes: tuple[str, ...] = attrs.field(default=(), converter=_substitutes)


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
        penalties: at the end of the shoot-out only, the officially recorded shoot-out score
            (kicks scored, home first), where the source gives one. A source that gives a
            shoot-out only by its score (``"p": [4, 2]``) records it here, with no
            :class:`ShootoutKick` events: who kicked first, who took each kick and which kicks
            failed stay unknown rather than invented. The timeline accepts it only if a
            shoot-out can end on it, and, where kicks were recorded, only if they add up to it.

    Raises:
        InvalidValueError: ``penalties`` is given for a period other than the shoot-out.
    """

    period: Period
    score: Score | None = None
    penalties: Score | None = None

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.penalties is not None and self.period is not Period.PENALTY_SHOOTOUT:
            raise InvalidValueError(
                f"match {self.match_id!r}: a shoot-out score ({self.penalties}) is recorded at "
                f"the end of the shoot-out, not of the {self.period.name.lower().replace('_', ' ')}"
            )

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
_FINAL.update(EVENT_TYPES)


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


def end_of_shootout(match_id: str, penalties: Score | None = None) -> PeriodEnded:
    """The end of the penalty shoot-out, optionally with the recorded shoot-out score (the
    whole record of a shoot-out whose kicks the source does not give)."""
    return PeriodEnded(match_id=match_id, period=Period.PENALTY_SHOOTOUT, penalties=penalties)
