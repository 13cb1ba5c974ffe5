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
    "score_from_text",
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
def _strict(kind: type) -> Any:
    def structure(value: object, _: object) -> object:
        if type(value) is not kind:
            raise TypeError(f"a {type(value).__name__}")
        return value

    return structure


def _names(value: object, _: object) -> tuple[str, ...]:
    if type(value) is not list or any(type(name) is not str for name in value):
        raise TypeError("not a list of strings")
    return tuple(value)


def _datetime(value: object, _: object) -> datetime:
    if type(value) is not str:
        raise TypeError("not a string")
    return datetime.fromisoformat(value)


def _date(value: object, _: object) -> date:
    if type(value) is not str:
        raise TypeError("not a string")
    return date.fromisoformat(value)


def _structure_format(value: object, _: object) -> MatchFormat:
    if type(value) is not dict:
        raise TypeError("expected an object")
    unknown = value.keys() - _FORMAT_KEYS
    if unknown:
        raise ValueError(f"unknown format keys {sorted(unknown)}")
    first_leg = value.get("first_leg")
    return MatchFormat(
        FormatKind(value["kind"]),
        extra_time=_strict(bool)(value.get("extra_time", False), bool),
        shootout=_strict(bool)(value.get("shootout", False), bool),
        first_leg=None if first_leg is None else score_from_text(first_leg),
        away_goals=AwayGoals(value.get("away_goals", AwayGoals.NOT_APPLIED.value)),
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
    for kind in (str, int, bool, float):
        conv.register_structure_hook(kind, _strict(kind))
    conv.register_structure_hook_func(lambda tp: tp == tuple[str, ...], _names)
    conv.register_unstructure_hook_func(lambda tp: tp == tuple[str, ...], list)
    conv.register_structure_hook(MatchClock, lambda value, _: clock_from_text(value))
    conv.register_unstructure_hook(MatchClock, clock_to_text)
    conv.register_structure_hook(Score, lambda value, _: score_from_text(value))
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
