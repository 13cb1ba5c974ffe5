"""Projection states to and from JSON, for checkpoints: the public cattrs :data:`converter`,
taught the few things a state holds that an event does not.

A state is made of attrs classes, enums, tuples, dicts and the library's values, which the
converter already writes (clocks ``"45+3"``, scores ``"2-1"``, ISO dates). Besides those:

- **events** kept in a state (a match's schedule, a points deduction, an award) are written as the
  codec writes them to a log, with their type tag and schema version, so an event of an older
  layout in an older checkpoint is upcast like an old log line;
- a :class:`~matchevents.projections.sharedlog.SharedLog` is written as the list of its items;
- a log of :class:`~matchevents.projections.outcome.MatchResult` (the bulk of a results state:
  one a match over) is written as a table: each field's distinct values once, and a row a result
  holding its match id, its match day and, for each other field, the index of its value::

      {"values": {"home": ["Ashford Town", ...], "kickoff": ["1960-08-10T15:00:00+00:00", ...],
                  "score": [{"live": "2-1", "half_time": "1-0", "full_time": "2-1"}, ...], ...},
       "rows": [["L1-1960-61-R01-0", 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0], ...]}

  Teams, competitions, kick-offs, formats and score lines recur from one result to the next: each
  is read once, and a result is a row of small numbers (a season's 43,000 results load in a
  fraction of the time rows of values took, ``benchmarks/checkpoints.py``).

:func:`unstructure_state` and :func:`structure_state` are what :mod:`matchevents.live` saves and
loads; structuring is strict, like reading an event: a value of the wrong kind is an error, never
a guess.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from operator import attrgetter
from typing import Any, Final

import attrs
import cattrs

from matchevents.codec import Codec, default_codec
from matchevents.codec.converter import converter
from matchevents.errors import CodecError
from matchevents.projections.outcome import MatchResult
from matchevents.projections.sharedlog import SharedLog

__all__ = ["state_converter", "structure_state", "unstructure_state"]


def unstructure_state(state: Any, state_type: Any, *, codec: Codec | None = None) -> Any:
    """``state`` as JSON-ready values (dicts, lists, strings, numbers), read as ``state_type``.

    Raises:
        CodecError: the state holds an event the codec does not know.
    """
    return state_converter(codec).unstructure(state, state_type)


def structure_state(obj: Any, state_type: Any, *, codec: Codec | None = None) -> Any:
    """The state of type ``state_type`` that :func:`unstructure_state` wrote as ``obj``.

    Raises:
        Exception: cattrs' ``ClassValidationError``, a ``CodecError``, ``TypeError``,
            ``ValueError`` or ``KeyError`` naming what does not fit; the caller says which
            checkpoint it came from (:mod:`matchevents.live` does).
    """
    return state_converter(codec).structure(obj, state_type)


_CONVERTERS: dict[int, tuple[Codec, cattrs.Converter]] = {}


def state_converter(codec: Codec | None = None) -> cattrs.Converter:
    """The converter for states whose events ``codec`` (the default one) reads and writes: a
    copy of the public :data:`converter` (so hooks registered there for your own values apply
    to states made after), with hooks for events, shared logs and logs of results. Made once
    per codec."""
    codec = codec or default_codec
    made = _CONVERTERS.get(id(codec))
    if made is not None and made[0] is codec:
        return made[1]
    made_converter = _make(codec)
    _CONVERTERS[id(codec)] = (codec, made_converter)
    return made_converter


def _make(codec: Codec) -> cattrs.Converter:
    conv = converter.copy()

    def is_event(tp: Any) -> bool:
        if not isinstance(tp, type):
            return False
        try:
            codec.tag_of(tp)
        except CodecError:
            return False
        return True

    def is_event_union(tp: Any) -> bool:
        if typing.get_origin(tp) not in (typing.Union, types.UnionType):
            return False
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return len(members) > 1 and all(is_event(arg) for arg in members)

    def structure_event_of(tp: Any) -> Callable[[Any, Any], Any]:
        allowed = tuple(arg for arg in typing.get_args(tp) if arg is not type(None)) or (tp,)
        optional = type(None) in typing.get_args(tp)

        def structure(obj: Any, _: Any) -> Any:
            if obj is None and optional:
                return None
            event = codec.decode(obj)
            if not isinstance(event, allowed):
                raise TypeError(f"a {type(event).__name__} where a {_names(allowed)} belongs")
            return event

        return structure

    def unstructure_event(event: Any) -> Any:
        return None if event is None else codec.encode(event)

    conv.register_unstructure_hook_func(is_event, unstructure_event)
    conv.register_structure_hook_factory(is_event, structure_event_of)
    conv.register_unstructure_hook_func(is_event_union, unstructure_event)
    conv.register_structure_hook_factory(is_event_union, structure_event_of)
    conv.register_unstructure_hook_factory(_is_shared_log, lambda tp: _unstructure_log(conv, tp))
    conv.register_structure_hook_factory(_is_shared_log, lambda tp: _structure_log(conv, tp))
    return conv


def _names(classes: tuple[type, ...]) -> str:
    return " or ".join(cls.__name__ for cls in classes)


def _is_shared_log(tp: Any) -> bool:
    return tp is SharedLog or typing.get_origin(tp) is SharedLog


def _item_type(tp: Any) -> Any:
    args = typing.get_args(tp)
    return args[0] if args else Any


def _unstructure_log(conv: cattrs.Converter, tp: Any) -> Callable[[Any], Any]:
    item = _item_type(tp)
    if item is MatchResult:
        return lambda log: _results_table(conv, log)
    unstructure = conv.get_unstructure_hook(item)
    return lambda log: [unstructure(value) for value in log]


def _structure_log(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    item = _item_type(tp)
    if item is MatchResult:
        return lambda obj, _: SharedLog(_results_from_table(conv, obj))

    def structure(obj: Any, _: Any) -> SharedLog[Any]:
        if type(obj) is not list:
            raise TypeError(f"a list of {item}, not {type(obj).__name__}")
        return SharedLog(conv.structure(obj, list[item]))  # type: ignore[valid-type]

    return structure


# -- results as a table ----------------------------------------------------------------------------
_TABLED: Final = tuple(
    field
    for field in attrs.fields(attrs.resolve_types(MatchResult))
    if field.name not in ("match_id", "matchday")
)
"""The fields of a result written as indexes into their distinct values, in row order."""


def _results_table(conv: cattrs.Converter, log: Any) -> dict[str, Any]:
    """A log of results as distinct values and rows (see the module's documentation)."""
    indexes: list[dict[Any, int]] = [{} for _ in _TABLED]
    getters = [attrgetter(field.name) for field in _TABLED]
    rows = []
    for result in log:
        row: list[Any] = [result.match_id, result.matchday]
        for get, index in zip(getters, indexes, strict=True):
            value = get(result)
            row.append(index.setdefault(value, len(index)))
        rows.append(row)
    values = {
        field.name: [conv.unstructure(value, field.type) for value in index]
        for field, index in zip(_TABLED, indexes, strict=True)
    }
    return {"values": values, "rows": rows}


def _results_from_table(conv: cattrs.Converter, obj: Any) -> list[MatchResult]:
    """The results of a table: each field's distinct values structured once (strictly, by the
    field's type), then a result a row."""
    if type(obj) is not dict or obj.keys() != {"values", "rows"}:
        raise TypeError("a log of results is an object of values and rows")
    values, rows = obj["values"], obj["rows"]
    if type(values) is not dict or values.keys() != {field.name for field in _TABLED}:
        raise ValueError(f"the values of a log of results are those of {_names_of(_TABLED)}")
    if type(rows) is not list:
        raise TypeError("the rows of a log of results are a list")
    (homes, aways, competitions, seasons, stages, kickoffs, dates, formats, statuses, lines,
     winners, decisions, tie_winners) = [
        conv.structure(values[field.name], list[field.type])  # type: ignore[name-defined]
        for field in _TABLED
    ]  # fmt: skip
    results: list[MatchResult] = []
    append = results.append
    width = 2 + len(_TABLED)
    for row in rows:
        if type(row) is not list or len(row) != width:
            raise ValueError(f"a result's row has {width} items: {row!r:.80}")
        (match_id, matchday, home, away, competition, season, stage, kickoff, date_, format_,
         status, line, winner, decided_by, tie_winner) = row  # fmt: skip
        if type(match_id) is not str or not (matchday is None or type(matchday) is int):
            raise TypeError(f"a result's row starts with a match id and a match day: {row!r:.80}")
        append(
            MatchResult(
                match_id=match_id,
                home=homes[home],
                away=aways[away],
                competition=competitions[competition],
                season=seasons[season],
                stage=stages[stage],
                matchday=matchday,
                kickoff=kickoffs[kickoff],
                date=dates[date_],
                format=formats[format_],
                status=statuses[status],
                score=lines[line],
                winner=winners[winner],
                decided_by=decisions[decided_by],
                tie_winner=tie_winners[tie_winner],
            )
        )
    return results


def _names_of(fields: tuple[attrs.Attribute[Any], ...]) -> str:
    return ", ".join(field.name for field in fields)
