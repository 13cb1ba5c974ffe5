"""The public cattrs converter: strict structuring of the values events are made of.

``converter`` is the extension point of the codec. Register hooks on it for the value types of your
own events (``converter.register_structure_hook(...)``), then register the event class with
:meth:`matchevents.codec.Codec.register`. The converter is strict where cattrs is lenient by
default: a string field must hold a string (``5`` is not ``"5"``), an int an int (``true`` is not
``1``), a list of names a list of strings (a string is not a list of its letters).

Its JSON layout for the library's values, chosen to be read by people as well as programs:

- :class:`~matchevents.clock.MatchClock`: the minute as football writes it, ``"23"`` or ``"45+3"``;
- :class:`~matchevents.score.Score`: ``"2-1"``, home goals first;
- :class:`~datetime.datetime`: ISO 8601, e.g. ``"2024-04-11T21:00:00+02:00"`` (the UTC offset is
  kept, a zone's name is not); :class:`~datetime.date`: ``"2024-04-11"``;
- enums (:class:`~matchevents.score.Side`, kinds, reasons): their value, e.g. ``"home"``;
- :class:`~matchevents.formats.MatchFormat`: an object ``{"kind": "second_leg", "extra_time":
  true, "shootout": true, "first_leg": "0-3", "away_goals": "not_applied"}`` whose defaults may be
  left out.
"""

from __future__ import annotations

import enum
import re
import reprlib
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Final

import attrs
import cattrs

from matchevents.clock import MAX_STOPPAGE, MatchClock, Period
from matchevents.formats import AwayGoals, FormatKind, MatchFormat
from matchevents.score import Score

__all__ = [
    "CLOCKS",
    "clock_from_text",
    "clock_to_text",
    "converter",
    "describe_type",
    "describe_value",
    "got",
    "score_from_text",
    "shown",
]


# -- interned values ------------------------------------------------------------------------------
# Every valid minute, by its canonical text: decoding a clock is one dict lookup and all equal
# clocks are one object (events of a long log share them).
_CLOCKS: Final[dict[str, MatchClock]] = {}
for _minute in range(1, 121):
    _CLOCKS[str(_minute)] = MatchClock(_minute)
    if _minute in (45, 90, 105, 120):
        for _stoppage in range(1, MAX_STOPPAGE + 1):
            _CLOCKS[f"{_minute}+{_stoppage}"] = MatchClock(_minute, _stoppage)

CLOCKS: Final[Mapping[str, MatchClock]] = _CLOCKS
"""Every valid clock by its canonical text (``"23"``, ``"45+3"``): one shared object per minute."""

_SCORE_TEXT: Final = re.compile(r"(\d{1,3})-(\d{1,3})")
# Scores up to 20 goals a side are interned up front; rarer ones are parsed and cached on demand.
_SCORES: Final[dict[str, Score]] = {
    f"{home}-{away}": Score(home, away) for home in range(21) for away in range(21)
}


def clock_to_text(at: MatchClock) -> str:
    """A clock's canonical text: ``"23"`` or ``"45+3"`` (no apostrophe)."""
    return f"{at.minute}+{at.stoppage}" if at.stoppage else str(at.minute)


def clock_from_text(text: object) -> MatchClock:
    """The clock written ``text`` in canonical form (``"23"``, ``"45+3"``); one shared object per
    minute.

    Raises:
        KeyError: ``text`` is not the canonical text of a valid minute.
    """
    return _CLOCKS[text]  # type: ignore[index]


def score_from_text(text: object) -> Score:
    """The score written ``text`` as ``"2-1"``; interned.

    Raises:
        KeyError: ``text`` is not a score in that form.
    """
    score: Score | None = _SCORES.get(text)  # type: ignore[call-overload]
    if score is not None:
        return score
    found = _SCORE_TEXT.fullmatch(text) if type(text) is str else None
    if found is None:
        raise KeyError(text)
    score = Score(int(found[1]), int(found[2]))
    if len(_SCORES) < 10_000:
        _SCORES[text] = score  # type: ignore[index]
    return score


# -- strict primitive hooks -----------------------------------------------------------------------
# A hook refuses a JSON value of the wrong kind with a TypeError whose text is that kind in words
# ("a number"): the codec's message then reads "got 5 (a number); expected a string".
def _strict(kind: type) -> Any:
    def structure(value: object, _: object) -> object:
        if type(value) is not kind:
            raise TypeError(describe_value(value))
        return value

    return structure


def _float(value: object, _: object) -> float:
    # JSON has one kind of number: 5 is as good a float as 5.0 (but true is not a number).
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise TypeError(describe_value(value))


def _names(value: object, _: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise TypeError(describe_value(value))
    for name in value:
        if type(name) is not str:
            raise TypeError(f"a list holding {describe_value(name)}")
    return tuple(value)


def _datetime(value: object, _: object) -> datetime:
    if type(value) is not str:
        raise TypeError(describe_value(value))
    return datetime.fromisoformat(value)


def _date(value: object, _: object) -> date:
    if type(value) is not str:
        raise TypeError(describe_value(value))
    return date.fromisoformat(value)


def _clock(value: object, _: object) -> MatchClock:
    if type(value) is not str:
        raise TypeError(describe_value(value))
    return clock_from_text(value)


def _score(value: object, _: object) -> Score:
    if type(value) is not str:
        raise TypeError(describe_value(value))
    return score_from_text(value)


def _enum_hook(cls: type[enum.Enum]) -> Any:
    """A strict hook for an enum written by its value: a value of another kind is refused by its
    kind, a value of the right kind but no member's by what it is (``'hone' is not a valid
    Side``)."""
    members = {(type(member.value), member.value): member for member in cls}
    kinds = {kind for kind, _ in members}

    def structure(value: object, _: object) -> enum.Enum:
        kind = type(value)
        if kind not in kinds:
            raise TypeError(describe_value(value))
        member = members.get((kind, value))
        if member is None:
            raise ValueError(f"{shown(value)} is not a valid {cls.__name__}")
        return member

    return structure


def _format_member(value: dict[str, Any], key: str, cls: type[enum.Enum], default: str) -> Any:
    text = value.get(key, default)
    for member in cls:
        if type(text) is str and member.value == text:
            return member
    raise ValueError(f"its {key} is {shown(text)}, not {describe_type(cls)}")


def _format_flag(value: dict[str, Any], key: str) -> bool:
    flag = value.get(key, False)
    if type(flag) is not bool:
        raise ValueError(f"its {key} is {shown(flag)}, not true or false")
    return flag


def _format_score(text: object) -> Score:
    if type(text) is str:
        try:
            return score_from_text(text)
        except KeyError:
            pass
    raise ValueError(f"its first_leg is {shown(text)}, not a score such as '2-1'")


def _structure_format(value: object, _: object) -> MatchFormat:
    if type(value) is not dict:
        raise TypeError(describe_value(value))
    unknown = value.keys() - _FORMAT_KEYS
    if unknown:
        raise ValueError(f"unknown format keys {shown(sorted(unknown))}")
    if "kind" not in value:
        raise ValueError("it has no kind")
    first_leg = value.get("first_leg")
    return MatchFormat(
        _format_member(value, "kind", FormatKind, ""),
        extra_time=_format_flag(value, "extra_time"),
        shootout=_format_flag(value, "shootout"),
        first_leg=None if first_leg is None else _format_score(first_leg),
        away_goals=_format_member(value, "away_goals", AwayGoals, AwayGoals.NOT_APPLIED.value),
    )


_FORMAT_KEYS: Final = frozenset({"kind", "extra_time", "shootout", "first_leg", "away_goals"})


def format_to_json(fmt: MatchFormat) -> dict[str, Any]:
    """A format's JSON object, its default fields left out."""
    out: dict[str, Any] = {"kind": fmt.kind.value}
    if fmt.extra_time:
        out["extra_time"] = True
    if fmt.shootout:
        out["shootout"] = True
    if fmt.first_leg is not None:
        out["first_leg"] = str(fmt.first_leg)
    if fmt.away_goals is not AwayGoals.NOT_APPLIED:
        out["away_goals"] = fmt.away_goals.value
    return out


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    for kind in (str, int, bool):
        conv.register_structure_hook(kind, _strict(kind))
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook_factory(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), _enum_hook
    )
    conv.register_structure_hook_func(lambda tp: tp == tuple[str, ...], _names)
    conv.register_unstructure_hook_func(lambda tp: tp == tuple[str, ...], list)
    conv.register_structure_hook(MatchClock, _clock)
    conv.register_unstructure_hook(MatchClock, clock_to_text)
    conv.register_structure_hook(Score, _score)
    conv.register_unstructure_hook(Score, str)
    conv.register_structure_hook(datetime, _datetime)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(date, _date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(MatchFormat, _structure_format)
    conv.register_unstructure_hook(MatchFormat, format_to_json)
    return conv


converter: Final[cattrs.Converter] = _make_converter()
"""The codec's cattrs converter: strict, JSON-shaped, extensible with your own hooks."""


def describe_type(tp: Any) -> str:
    """What a JSON value of type ``tp`` should look like, in words, for error messages."""
    if tp is str:
        return "a string"
    if tp is int:
        return "an integer"
    if tp is bool:
        return "true or false"
    if tp is float:
        return "a number"
    if tp is MatchClock:
        return "a minute such as '23' or '45+3'"
    if tp is Score:
        return "a score such as '2-1'"
    if tp is datetime:
        return "an ISO 8601 date-time such as '2024-04-11T21:00:00+02:00'"
    if tp is date:
        return "an ISO 8601 date such as '2024-04-11'"
    if tp is MatchFormat:
        return "a format object such as {'kind': 'knockout', 'extra_time': true, 'shootout': true}"
    if tp is Period:  # written by name, e.g. "first_half" (its values are its order)
        return "one of " + ", ".join(repr(period.name.lower()) for period in Period)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(repr(member.value) for member in tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        named = [describe_type(arg) for arg in args if arg is not type(None)]
        return " or ".join(named) + (" or null" if type(None) in args else "")
    if origin is tuple:
        return "a list of " + describe_type(args[0]).removeprefix("a ").removeprefix("an ") + "s"
    if isinstance(tp, type) and attrs.has(tp):
        return f"an object of {tp.__name__}"
    return getattr(tp, "__name__", str(tp))


_JSON_KINDS: Final[dict[type, str]] = {
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
    list: "a list",
    dict: "an object",
}


def describe_value(value: object) -> str:
    """What kind of JSON value ``value`` is, in words, for error messages: ``"a number"``,
    ``"a string"``, ``"a boolean"``, ``"null"``, ``"a list"``, ``"an object"``."""
    kind = _JSON_KINDS.get(type(value))
    return kind if kind is not None else f"a {type(value).__name__}"


_MAX_SHOWN: Final = 60


class _Shown(reprlib.Repr):
    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        # As the line has them (reprlib sorts the keys).
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        items = list(x.items())
        pieces = [
            f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}"
            for key, value in items[: self.maxdict]
        ]
        return "{" + ", ".join(pieces + ["..."] * (len(items) > self.maxdict)) + "}"


_SHOWN: Final = _Shown()
# Bounded in depth and breadth (a line may nest a value a thousand deep, or hold a million
# items), so that showing a bad value never costs more than a glance at its start.
_SHOWN.maxlevel = 4
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 8
_SHOWN.maxstring = _SHOWN.maxother = _SHOWN.maxlong = 2 * _MAX_SHOWN


def shown(value: object) -> str:
    """A value as an error message shows it: its ``repr``, cut to 60 characters and bounded in
    depth, so that any value a JSON line can hold is shown quickly and safely."""
    text = _SHOWN.repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def got(value: object) -> str:
    """How a message names a bad value: ``got 5 (a number)``, ``got [] (a list)``; a string
    without its kind (``got 'hone'``), since the quotes say it."""
    if type(value) is str:
        return f"got {shown(value)}"
    return f"got {shown(value)} ({describe_value(value)})"
