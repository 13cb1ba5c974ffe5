"""Projection states to and from JSON, for checkpoints: the public cattrs :data:`converter`,
taught the few things a state holds that an event does not.

A state is made of attrs classes, enums, tuples, dicts and the library's values, which the
converter already writes (clocks ``"45+3"``, scores ``"2-1"``, ISO dates). Besides those:

- **events** kept in a state (a match's schedule, a points deduction, an award) are written as the
  codec writes them to a log, with their type tag and schema version, so an event of an older
  layout in an older checkpoint is upcast like an old log line;
- a :class:`~matchevents.projections.sharedlog.SharedLog` is written as the list of its items;
- a log of :class:`~matchevents.projections.outcome.MatchResult` (the bulk of a results state:
  one a match over) is written as columns: the match ids, the match days, and for each other
  field the index of each result's value among that field's distinct values, written once::

      {"values": {"home": ["Ashford Town", ...], "kickoff": ["1960-08-10T15:00:00+00:00", ...],
                  "score": [{"live": "2-1", "half_time": "1-0", "full_time": "2-1"}, ...], ...},
       "columns": {"match_id": ["L1-1960-61-R01-0", ...], "matchday": [1, ...],
                   "home": [0, 1, ...], "kickoff": [0, 0, ...], "score": [0, 3, ...], ...}}

  Teams, competitions, kick-offs, formats and score lines recur from one result to the next: each
  is structured once, and the columns are lists of small numbers. It is the layout a results
  state keeps in memory (:class:`~matchevents.competitions.result_log.ResultLog`), so reading
  one takes the columns as they are and makes no result (42,840 results: 0.10 s of CPU instead
  of 0.18 s, ``benchmarks/checkpoints.py``).

:func:`unstructure_state` and :func:`structure_state` are what :mod:`matchevents.live` saves and
loads; structuring is strict, like reading an event: a value of the wrong kind is an error, never
a guess.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

import attrs
import cattrs

from matchevents.codec import Codec, default_codec
from matchevents.codec.converter import converter
from matchevents.competitions.result_log import FIELDS, ResultLog
from matchevents.competitions.results import _Running
from matchevents.errors import CodecError
from matchevents.projections.outcome import MatchOutcome, MatchResult
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
    conv.register_unstructure_hook(ResultLog, lambda log: _results_table(conv, log))
    conv.register_structure_hook(ResultLog, lambda obj, _: _results_from_table(conv, obj))
    conv.register_unstructure_hook(_Running, lambda running: _running_document(conv, running))
    conv.register_structure_hook(_Running, lambda obj, _: _running_of_document(conv, obj))
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
    unstructure = conv.get_unstructure_hook(item)
    return lambda log: [unstructure(value) for value in log]


def _structure_log(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    item = _item_type(tp)

    def structure(obj: Any, _: Any) -> SharedLog[Any]:
        if type(obj) is not list:
            raise TypeError(f"a list of {item}, not {type(obj).__name__}")
        return SharedLog(conv.structure(obj, list[item]))  # type: ignore[valid-type]

    return structure


# -- a match in progress, as its outcome and kick-off ----------------------------------------------
def _running_document(conv: cattrs.Converter, running: _Running) -> dict[str, Any]:
    return {
        "outcome": conv.unstructure(running.outcome, MatchOutcome),
        "kickoff": conv.unstructure(running.kickoff, datetime | None),
    }


def _running_of_document(conv: cattrs.Converter, obj: Any) -> _Running:
    if type(obj) is not dict or obj.keys() != {"outcome", "kickoff"}:
        raise ValueError("a match in progress is an object of its outcome and kick-off")
    outcome = conv.structure(obj["outcome"], MatchOutcome)
    if outcome.schedule is None:
        raise ValueError("a match in progress has its schedule")
    return _Running.of(outcome, conv.structure(obj["kickoff"], datetime | None))  # type: ignore[arg-type]


# -- results as a table ----------------------------------------------------------------------------
_TYPES: Final = {field.name: field.type for field in attrs.fields(attrs.resolve_types(MatchResult))}
_TABLED: Final = tuple(name for name in FIELDS if name != "matchday")
"""The fields of a result written as indexes into their distinct values, in row order."""


def _results_table(conv: cattrs.Converter, log: ResultLog) -> dict[str, Any]:
    """A log of results as columns (see the module's documentation), each field's values in the
    order the log first uses them, as one pass over its results would list them."""
    match_ids, distinct, indexes = log.columns()
    columns: dict[str, Any] = {"match_id": match_ids}
    values = {}
    for name, table, column in zip(FIELDS, distinct, indexes, strict=True):
        used = list(dict.fromkeys(column))
        if used != list(range(len(table))):  # values no row uses, or not in first-use order
            renumbered = {old: new for new, old in enumerate(used)}
            column = [renumbered[index] for index in column]
            table = [table[index] for index in used]
        if name == "matchday":
            columns[name] = [table[index] for index in column]
            continue
        columns[name] = column
        values[name] = [conv.unstructure(value, _TYPES[name]) for value in table]
    return {"values": values, "columns": {name: columns[name] for name in _ORDER}}


_ORDER: Final = ("match_id", "matchday", *_TABLED)


def _results_from_table(conv: cattrs.Converter, obj: Any) -> ResultLog:
    """The log of a table: each field's distinct values structured once (strictly, by the
    field's type), and its column of indexes taken as it is, no result made."""
    if type(obj) is not dict or obj.keys() != {"values", "columns"}:
        raise TypeError("a log of results is an object of values and columns")
    values, columns = obj["values"], obj["columns"]
    if type(values) is not dict or values.keys() != set(_TABLED):
        raise ValueError(f"the values of a log of results are those of {', '.join(_TABLED)}")
    if type(columns) is not dict or columns.keys() != {"match_id", "matchday", *values}:
        raise ValueError("a log of results has a column of each field")
    match_ids, matchdays = columns["match_id"], columns["matchday"]
    if type(match_ids) is not list or not _all_of(match_ids, str):
        raise TypeError("the match ids of a log of results are a list of strings")
    if type(matchdays) is not list or not _all_of(matchdays, int, type(None)):
        raise TypeError("the match days of a log of results are a list of numbers or nulls")
    distinct, indexes = [], []
    for name in FIELDS:
        if name == "matchday":
            days = list(dict.fromkeys(matchdays))
            where = {day: index for index, day in enumerate(days)}
            distinct.append(days)
            indexes.append([where[day] for day in matchdays])
            continue
        column = columns[name]
        if type(column) is not list or not _all_of(column, int):
            raise TypeError(f"the {name} column of a log of results is not of indexes")
        distinct.append(conv.structure(values[name], list[_TYPES[name]]))  # type: ignore[valid-type]
        indexes.append(column)
    return ResultLog.from_columns(match_ids, distinct, indexes)


def _all_of(items: list[Any], *types: type) -> bool:
    """Every item exactly of one of ``types`` (``True`` is no index)."""
    return set(map(type, items)) <= set(types)
