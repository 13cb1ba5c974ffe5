"""Prebuilt encoders and decoders for the event catalogue: the codec's fast path.

Decoding a log is the hot path of a replay, so each catalogue type has a hand-written decoder that
reads its fields straight from the dict, looks enums, clocks and scores up in interning tables and
calls the constructor once. A decoder does the cheap type checks that keep bad data out (a string
is a string) and raises on anything unexpected; the codec then re-reads the object through the
strict cattrs converter to say precisely which field is wrong. The test suite checks, over
generated events, that both paths agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from sys import intern
from typing import Any, Final, TypeVar

import attrs

from matchevents.clock import MatchClock, Period
from matchevents.codec.converter import (
    CLOCKS,
    clock_from_text,
    clock_to_text,
    describe_value,
    format_to_json,
    score_from_text,
)
from matchevents.codec.converter import converter as _converter
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.events import (
    AnnulmentReason,
    Card,
    CardKind,
    Goal,
    GoalAnnulled,
    GoalKind,
    KickOutcome,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchEvent,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.formats import LEAGUE, MatchFormat
from matchevents.score import Score, Side

JsonObject = dict[str, Any]
Encoder = Callable[[Any], JsonObject]
Decoder = Callable[[JsonObject], Any]


class Malformed(Exception):
    """Raised by a fast decoder on a value of the wrong type; the codec explains it precisely."""


def period_to_text(period: Period) -> str:
    """A period's JSON text: its name in lower case, e.g. ``"extra_time_first_half"``."""
    return _PERIOD_TEXT[period]


_PERIOD_TEXT: Final = {period: period.name.lower() for period in Period}
_PERIODS: Final = {text: period for period, text in _PERIOD_TEXT.items()}
_SIDES: Final = {side.value: side for side in Side}
_GOAL_KINDS: Final = {kind.value: kind for kind in GoalKind}
_CARD_KINDS: Final = {kind.value: kind for kind in CardKind}
_OUTCOMES: Final = {outcome.value: outcome for outcome in KickOutcome}
_REASONS: Final = {reason.value: reason for reason in AnnulmentReason}
_FORMATS: dict[tuple[Any, ...], MatchFormat] = {}


def _structure_period(value: object, _: object) -> Period:
    if type(value) is not str:
        raise TypeError(describe_value(value))
    return _PERIODS[value]


_converter.register_structure_hook(Period, _structure_period)
_converter.register_unstructure_hook(Period, period_to_text)


def _str(value: object) -> str:
    if type(value) is str:
        return value
    raise Malformed


def _opt_str(value: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise Malformed


def _int(value: object) -> int:
    if type(value) is int:
        return value
    raise Malformed


def _opt_datetime(value: object) -> datetime | None:
    if value is None:
        return None
    if type(value) is str:
        return datetime.fromisoformat(value)
    raise Malformed


def _shared(value: object) -> str:
    """A string that recurs across matches (team, competition, season, stage, venue), interned:
    every schedule, and every result a league table keeps, then shares one copy of it."""
    if type(value) is str:
        return intern(value)
    raise Malformed


def _opt_shared(value: object) -> str | None:
    return None if value is None else _shared(value)


_Parsed = TypeVar("_Parsed")
_MAX_PARSED: Final = 4096


def _parsed_once(
    value: object, cache: dict[str, _Parsed], parse: Callable[[str], _Parsed]
) -> _Parsed | None:
    """``parse(value)`` for a text that recurs across matches, parsed once per text and shared;
    None for None. The cache is bounded and starts afresh when full."""
    if value is None:
        return None
    if type(value) is not str:
        raise Malformed
    parsed = cache.get(value)
    if parsed is None:
        parsed = parse(value)
        if len(cache) >= _MAX_PARSED:
            cache.clear()
        cache[value] = parsed
    return parsed


_KICKOFFS: dict[str, datetime] = {}
_DATES: dict[str, date] = {}


def _kickoff(value: object) -> datetime | None:
    """A kick-off time, shared (a round's matches kick off together)."""
    return _parsed_once(value, _KICKOFFS, datetime.fromisoformat)


def _day(value: object) -> date | None:
    """A match day without a time, shared like kick-offs."""
    return _parsed_once(value, _DATES, date.fromisoformat)


def _opt_clock(value: object) -> MatchClock | None:
    return None if value is None else clock_from_text(value)


_score: Final[Callable[[object], Score]] = score_from_text


def _format(value: object) -> MatchFormat:
    if type(value) is not dict:
        raise Malformed
    key = tuple(value.items())
    fmt = _FORMATS.get(key)
    if fmt is None:
        fmt = _converter.structure(value, MatchFormat)
        if len(_FORMATS) < 1_000:
            _FORMATS[key] = fmt
    return fmt


def _names(value: object) -> tuple[str, ...]:
    if type(value) is list and set(map(type, value)) <= _ONLY_STR:
        return tuple(value)
    raise Malformed


_ONLY_STR: Final = frozenset({str})


# -- building events from checked values ----------------------------------------------------------
# An event checks its fields when its constructor runs; a decoder has checked every value already
# (and the events of a log are the replay's hot path), so the frequent events and the schedule
# (whose own rules its decoder checks too) are built directly, slot by slot, through each slot's
# own setter (its descriptor's __set__: a frozen event's __setattr__ refuses, and
# object.__setattr__ by name costs a third more, 549 against 374 ns a substitution). _BUILT lists
# the fields each such decoder sets, and is held to the classes' own fields below, so that a
# field added to an event cannot be forgotten here.
_new: Final = object.__new__
_BUILT: Final[dict[type, tuple[str, ...]]] = {
    MatchScheduled: (
        "match_id",
        "home",
        "away",
        "competition",
        "season",
        "stage",
        "matchday",
        "format",
        "kickoff",
        "date",
        "venue",
    ),
    LineupAnnounced: ("match_id", "side", "starting", "substitutes"),
    PeriodStarted: ("match_id", "period"),
    PeriodEnded: ("match_id", "period", "score", "penalties"),
    Goal: ("match_id", "side", "scorer", "at", "kind", "assist"),
    GoalAnnulled: ("match_id", "goal_version", "reason"),
    ShootoutKick: ("match_id", "side", "taker", "outcome"),
    Card: ("match_id", "side", "player", "at", "kind"),
    Substitution: ("match_id", "side", "player_off", "player_on", "at"),
}
for _cls, _set_names in _BUILT.items():
    _fields = tuple(field.name for field in attrs.fields(_cls))
    if _fields != _set_names:  # pragma: no cover - a library bug, caught by any test run
        raise RuntimeError(f"the fast decoder of {_cls.__name__} sets {_set_names}, not {_fields}")

_Setter = Callable[[Any, Any], None]


def _setters(cls: type) -> tuple[_Setter, ...]:
    """The setter of each slot of ``cls``, in the order of ``_BUILT[cls]``."""
    return tuple(getattr(cls, name).__set__ for name in _BUILT[cls])


_SCHEDULE_SETTERS: Final = _setters(MatchScheduled)
_LINEUP_SETTERS: Final = _setters(LineupAnnounced)
_PERIOD_STARTED_SETTERS: Final = _setters(PeriodStarted)
_PERIOD_ENDED_SETTERS: Final = _setters(PeriodEnded)
_GOAL_SETTERS: Final = _setters(Goal)
_ANNULLED_SETTERS: Final = _setters(GoalAnnulled)
_KICK_SETTERS: Final = _setters(ShootoutKick)
_CARD_SETTERS: Final = _setters(Card)
_SUBSTITUTION_SETTERS: Final = _setters(Substitution)


def _nonempty(value: object) -> str:
    if type(value) is str and value:
        return value
    raise Malformed


# -- decoders -------------------------------------------------------------------------------------
# Each counts the keys it read (``type``, ``v`` and the fields; optional ones when present) against
# the object's size, so that an unknown key (a typo such as "asist") never slips through: the
# codec then names it. An optional field given as an explicit null is left to the careful path.
def _match_scheduled(o: JsonObject) -> MatchScheduled:
    stage, matchday, fmt = o.get("stage"), o.get("matchday"), o.get("format")
    kickoff, day, venue = o.get("kickoff"), o.get("date"), o.get("venue")
    present = (stage is not None) + (matchday is not None) + (fmt is not None)
    if len(o) != 7 + present + (kickoff is not None) + (day is not None) + (venue is not None):
        raise Malformed
    home, away = _shared(o["home"]), _shared(o["away"])
    kickoff_time, match_day = _kickoff(kickoff), _day(day)
    # The schedule's own rules (MatchScheduled.__attrs_post_init__), which the careful path's
    # constructor then names.
    if (
        home == away
        or (matchday is not None and (type(matchday) is not int or matchday < 1))
        or (match_day is not None and kickoff_time is not None and kickoff_time.date() != match_day)
    ):
        raise Malformed
    (set_match_id, set_home, set_away, set_competition, set_season, set_stage, set_matchday,
     set_format, set_kickoff, set_date, set_venue) = _SCHEDULE_SETTERS  # fmt: skip
    event = _new(MatchScheduled)
    set_match_id(event, _nonempty(o["match_id"]))
    set_home(event, home)
    set_away(event, away)
    set_competition(event, _shared(o["competition"]))
    set_season(event, _shared(o["season"]))
    set_stage(event, _opt_shared(stage))
    set_matchday(event, matchday)
    set_format(event, LEAGUE if fmt is None else _format(fmt))
    set_kickoff(event, kickoff_time)
    set_date(event, match_day)
    set_venue(event, _opt_shared(venue))
    return event


def _lineup_announced(o: JsonObject) -> LineupAnnounced:
    substitutes = o.get("substitutes")
    if len(o) != (5 if substitutes is None else 6):
        raise Malformed
    set_match_id, set_side, set_starting, set_substitutes = _LINEUP_SETTERS
    event = _new(LineupAnnounced)
    set_match_id(event, _nonempty(o["match_id"]))
    set_side(event, _SIDES[o["side"]])
    set_starting(event, _names(o["starting"]))
    set_substitutes(event, () if substitutes is None else _names(substitutes))
    return event


def _period_started(o: JsonObject) -> PeriodStarted:
    if len(o) != 4:
        raise Malformed
    set_match_id, set_period = _PERIOD_STARTED_SETTERS
    event = _new(PeriodStarted)
    set_match_id(event, _nonempty(o["match_id"]))
    set_period(event, _PERIODS[o["period"]])
    return event


def _period_ended(o: JsonObject) -> PeriodEnded:
    size = len(o)
    period = _PERIODS[o["period"]]
    set_match_id, set_period, set_score, set_penalties = _PERIOD_ENDED_SETTERS
    event = _new(PeriodEnded)
    set_match_id(event, _nonempty(o["match_id"]))
    set_period(event, period)
    if size == 4:  # neither a recorded score nor a recorded shoot-out: most period ends
        set_score(event, None)
        set_penalties(event, None)
        return event
    score, penalties = o.get("score"), o.get("penalties")
    if size != 4 + (score is not None) + (penalties is not None) or (
        penalties is not None and period is not Period.PENALTY_SHOOTOUT
    ):
        raise Malformed  # the careful path names the field (the constructor refuses it)
    set_score(event, None if score is None else _score(score))
    set_penalties(event, None if penalties is None else _score(penalties))
    return event


def _goal(o: JsonObject) -> Goal:
    kind, assist = o.get("kind"), o.get("assist")
    if len(o) != 6 + (kind is not None) + (assist is not None):
        raise Malformed
    match_id, scorer = o["match_id"], o["scorer"]
    if type(match_id) is not str or not match_id or not (scorer is None or type(scorer) is str):
        raise Malformed
    set_match_id, set_side, set_scorer, set_at, set_kind, set_assist = _GOAL_SETTERS
    event = _new(Goal)
    set_match_id(event, match_id)
    set_side(event, _SIDES[o["side"]])
    set_scorer(event, scorer)
    set_at(event, CLOCKS[o["at"]])
    set_kind(event, GoalKind.OPEN_PLAY if kind is None else _GOAL_KINDS[kind])
    set_assist(event, _opt_str(assist))
    return event


def _goal_annulled(o: JsonObject) -> GoalAnnulled:
    reason = o.get("reason")
    if len(o) != (4 if reason is None else 5):
        raise Malformed
    set_match_id, set_goal_version, set_reason = _ANNULLED_SETTERS
    event = _new(GoalAnnulled)
    set_match_id(event, _nonempty(o["match_id"]))
    set_goal_version(event, _int(o["goal_version"]))
    set_reason(event, AnnulmentReason.VAR_REVIEW if reason is None else _REASONS[reason])
    return event


def _shootout_kick(o: JsonObject) -> ShootoutKick:
    if len(o) != 6:
        raise Malformed
    set_match_id, set_side, set_taker, set_outcome = _KICK_SETTERS
    event = _new(ShootoutKick)
    set_match_id(event, _nonempty(o["match_id"]))
    set_side(event, _SIDES[o["side"]])
    set_taker(event, _opt_str(o["taker"]))
    set_outcome(event, _OUTCOMES[o["outcome"]])
    return event


def _card(o: JsonObject) -> Card:
    kind = o.get("kind")
    if len(o) != (6 if kind is None else 7):
        raise Malformed
    match_id, player = o["match_id"], o["player"]
    if type(match_id) is not str or not match_id or type(player) is not str:
        raise Malformed
    set_match_id, set_side, set_player, set_at, set_kind = _CARD_SETTERS
    event = _new(Card)
    set_match_id(event, match_id)
    set_side(event, _SIDES[o["side"]])
    set_player(event, player)
    set_at(event, CLOCKS[o["at"]])
    set_kind(event, CardKind.YELLOW if kind is None else _CARD_KINDS[kind])
    return event


def _substitution(o: JsonObject) -> Substitution:
    if len(o) != 7:
        raise Malformed
    match_id, player_off, player_on = o["match_id"], o["player_off"], o["player_on"]
    if (
        type(match_id) is not str
        or not match_id
        or type(player_off) is not str
        or type(player_on) is not str
    ):
        raise Malformed
    set_match_id, set_side, set_off, set_on, set_at = _SUBSTITUTION_SETTERS
    event = _new(Substitution)
    set_match_id(event, match_id)
    set_side(event, _SIDES[o["side"]])
    set_off(event, player_off)
    set_on(event, player_on)
    set_at(event, CLOCKS[o["at"]])
    return event


def _match_abandoned(o: JsonObject) -> MatchAbandoned:
    at, reason = o.get("at"), o.get("reason")
    if len(o) != 3 + (at is not None) + (reason is not None):
        raise Malformed
    return MatchAbandoned(
        match_id=_str(o["match_id"]),
        at=None if at is None else CLOCKS[at],
        reason="" if reason is None else _str(reason),
    )


def _match_awarded(o: JsonObject) -> MatchAwarded:
    reason = o.get("reason")
    if len(o) != (4 if reason is None else 5):
        raise Malformed
    return MatchAwarded(
        match_id=_str(o["match_id"]),
        score=_score(o["score"]),
        reason="" if reason is None else _str(reason),
    )


def _match_postponed(o: JsonObject) -> MatchPostponed:
    reason, new_kickoff = o.get("reason"), o.get("new_kickoff")
    if len(o) != 3 + (reason is not None) + (new_kickoff is not None):
        raise Malformed
    return MatchPostponed(
        match_id=_str(o["match_id"]),
        reason="" if reason is None else _str(reason),
        new_kickoff=_opt_datetime(new_kickoff),
    )


# -- encoders -------------------------------------------------------------------------------------
# Each writes "type" and "v" first (the codec fills them in), then the match id, then the fields in
# declaration order; optional fields at their default are left out.
def _enc_match_scheduled(e: MatchScheduled) -> JsonObject:
    o: JsonObject = {
        "match_id": e.match_id,
        "home": e.home,
        "away": e.away,
        "competition": e.competition,
        "season": e.season,
    }
    if e.stage is not None:
        o["stage"] = e.stage
    if e.matchday is not None:
        o["matchday"] = e.matchday
    if e.format != LEAGUE:
        o["format"] = format_to_json(e.format)
    if e.kickoff is not None:
        o["kickoff"] = e.kickoff.isoformat()
    if e.date is not None:
        o["date"] = e.date.isoformat()
    if e.venue is not None:
        o["venue"] = e.venue
    return o


def _enc_lineup_announced(e: LineupAnnounced) -> JsonObject:
    o: JsonObject = {"match_id": e.match_id, "side": e.side.value, "starting": list(e.starting)}
    if e.substitutes:
        o["substitutes"] = list(e.substitutes)
    return o


def _enc_period_started(e: PeriodStarted) -> JsonObject:
    return {"match_id": e.match_id, "period": _PERIOD_TEXT[e.period]}


def _enc_period_ended(e: PeriodEnded) -> JsonObject:
    o: JsonObject = {"match_id": e.match_id, "period": _PERIOD_TEXT[e.period]}
    if e.score is not None:
        o["score"] = str(e.score)
    if e.penalties is not None:
        o["penalties"] = str(e.penalties)
    return o


def _enc_goal(e: Goal) -> JsonObject:
    o: JsonObject = {
        "match_id": e.match_id,
        "side": e.side.value,
        "scorer": e.scorer,
        "at": clock_to_text(e.at),
    }
    if e.kind is not GoalKind.OPEN_PLAY:
        o["kind"] = e.kind.value
    if e.assist is not None:
        o["assist"] = e.assist
    return o


def _enc_goal_annulled(e: GoalAnnulled) -> JsonObject:
    o: JsonObject = {"match_id": e.match_id, "goal_version": e.goal_version}
    if e.reason is not AnnulmentReason.VAR_REVIEW:
        o["reason"] = e.reason.value
    return o


def _enc_shootout_kick(e: ShootoutKick) -> JsonObject:
    return {
        "match_id": e.match_id,
        "side": e.side.value,
        "taker": e.taker,
        "outcome": e.outcome.value,
    }


def _enc_card(e: Card) -> JsonObject:
    o: JsonObject = {
        "match_id": e.match_id,
        "side": e.side.value,
        "player": e.player,
        "at": clock_to_text(e.at),
    }
    if e.kind is not CardKind.YELLOW:
        o["kind"] = e.kind.value
    return o


def _enc_substitution(e: Substitution) -> JsonObject:
    return {
        "match_id": e.match_id,
        "side": e.side.value,
        "player_off": e.player_off,
        "player_on": e.player_on,
        "at": clock_to_text(e.at),
    }


def _enc_match_abandoned(e: MatchAbandoned) -> JsonObject:
    o: JsonObject = {"match_id": e.match_id}
    if e.at is not None:
        o["at"] = clock_to_text(e.at)
    if e.reason:
        o["reason"] = e.reason
    return o


def _enc_match_awarded(e: MatchAwarded) -> JsonObject:
    o: JsonObject = {"match_id": e.match_id, "score": str(e.score)}
    if e.reason:
        o["reason"] = e.reason
    return o


def _enc_match_postponed(e: MatchPostponed) -> JsonObject:
    o: JsonObject = {"match_id": e.match_id}
    if e.reason:
        o["reason"] = e.reason
    if e.new_kickoff is not None:
        o["new_kickoff"] = e.new_kickoff.isoformat()
    return o


BUILTIN: Final[tuple[tuple[type[MatchEvent], str, Encoder, Decoder], ...]] = (
    (MatchScheduled, "match_scheduled", _enc_match_scheduled, _match_scheduled),
    (LineupAnnounced, "lineup_announced", _enc_lineup_announced, _lineup_announced),
    (PeriodStarted, "period_started", _enc_period_started, _period_started),
    (PeriodEnded, "period_ended", _enc_period_ended, _period_ended),
    (Goal, "goal", _enc_goal, _goal),
    (GoalAnnulled, "goal_annulled", _enc_goal_annulled, _goal_annulled),
    (ShootoutKick, "shootout_kick", _enc_shootout_kick, _shootout_kick),
    (Card, "card", _enc_card, _card),
    (Substitution, "substitution", _enc_substitution, _substitution),
    (MatchAbandoned, "match_abandoned", _enc_match_abandoned, _match_abandoned),
    (MatchAwarded, "match_awarded", _enc_match_awarded, _match_awarded),
    (MatchPostponed, "match_postponed", _enc_match_postponed, _match_postponed),
)
"""(class, type tag, encoder, decoder) for every event of the catalogue."""

COMPETITION_EVENTS: Final[tuple[tuple[type, str], ...]] = ((PointsDeduction, "points_deduction"),)
"""(class, type tag) of the competition-level events, (un)structured by the public converter."""
