"""Projection states to and from JSON, for checkpoints: the public cattrs :data:`converter`,
taught the few things a state holds that an event does not.

A state is made of attrs classes, enums, tuples, dicts and the library's values, which the
converter already writes (clocks ``"45+3"``, scores ``"2-1"``, ISO dates). Besides those:

- **events** kept in a state (a match's schedule, a points deduction, an award) are written as the
  codec writes them to a log, with their type tag and schema version, so an event of an older
  layout in an older checkpoint is upcast like an old log line;
- a :class:`~matchevents.projections.sharedlog.SharedLog` is written as the list of its items;
- a log of results (:class:`~matchevents.competitions.result_log.ResultLog`, the bulk of a
  results state: one a match over) is written as columns: the match ids, and for each other field
  its distinct values, written once, and the index of each result's value among them, packed
  (Base64 of one, two or four bytes an index, little-endian, as the number of values needs)::

      {"values": {"home": ["Ashford Town", ...], "kickoff": ["1960-08-10T15:00:00+00:00", ...],
                  "score": [{"live": "2-1", "half_time": "1-0", "full_time": "2-1"}, ...], ...},
       "columns": {"match_id": ["L1-1960-61-R01-0", ...], "home": "AAEC...", ...}}

  It is the layout the log keeps in memory, so reading one structures each distinct value once
  and takes the columns as they are, making no result (42,840 results: 0.06 s of CPU; 0.18 s when
  the columns were lists of numbers read into a result each, ``benchmarks/checkpoints.py``).
  That is layout 2 of :data:`~matchevents.live.RESULTS_MODEL`; :func:`results_v1_to_v2` upcasts
  layout 1 (lists of numbers, the match days written out).

:func:`unstructure_state` and :func:`structure_state` are what :mod:`matchevents.live` saves and
loads; structuring is strict, like reading an event: a value of the wrong kind is an error, never
a guess.
"""

from __future__ import annotations

import base64
import sys
import types
import typing
from array import array
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Final

import attrs
import cattrs

from matchevents.codec import Codec, default_codec
from matchevents.codec.converter import converter
from matchevents.competitions.result_log import FIELDS, ResultLog, width
from matchevents.competitions.running import RunningMatch
from matchevents.errors import CodecError
from matchevents.projections.outcome import MatchOutcome, MatchResult
from matchevents.projections.sharedlog import SharedLog

__all__ = ["results_v1_to_v2", "state_converter", "structure_state", "unstructure_state"]


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
    conv.register_unstructure_hook(RunningMatch, lambda running: _running_document(conv, running))
    conv.register_structure_hook(RunningMatch, lambda obj, _: _running_of_document(conv, obj))
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
def _running_document(conv: cattrs.Converter, running: RunningMatch) -> dict[str, Any]:
    return {
        "outcome": conv.unstructure(running.outcome, MatchOutcome),
        "kickoff": conv.unstructure(running.kickoff, datetime | None),
    }


def _running_of_document(conv: cattrs.Converter, obj: Any) -> RunningMatch:
    if type(obj) is not dict or obj.keys() != {"outcome", "kickoff"}:
        raise ValueError("a match in progress is an object of its outcome and kick-off")
    outcome = conv.structure(obj["outcome"], MatchOutcome)
    if outcome.schedule is None:
        raise ValueError("a match in progress has its schedule")
    return RunningMatch.of(outcome, conv.structure(obj["kickoff"], datetime | None))  # type: ignore[arg-type]


# -- results as a table ----------------------------------------------------------------------------
_TYPES: Final = {field.name: field.type for field in attrs.fields(attrs.resolve_types(MatchResult))}


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
        columns[name] = _packed(column, len(table))
        values[name] = [conv.unstructure(value, _TYPES[name]) for value in table]
    return {"values": values, "columns": columns}


def _results_from_table(conv: cattrs.Converter, obj: Any) -> ResultLog:
    """The log of a table: each field's distinct values structured once (strictly, by the
    field's type), and its column of indexes unpacked as it is, no result made."""
    if type(obj) is not dict or obj.keys() != {"values", "columns"}:
        raise TypeError("a log of results is an object of values and columns")
    values, columns = obj["values"], obj["columns"]
    if type(values) is not dict or values.keys() != set(FIELDS):
        raise ValueError(f"the values of a log of results are those of {', '.join(FIELDS)}")
    if type(columns) is not dict or columns.keys() != {"match_id", *FIELDS}:
        raise ValueError("a log of results has a column of each field")
    match_ids = columns["match_id"]
    if type(match_ids) is not list or not set(map(type, match_ids)) <= {str}:
        raise TypeError("the match ids of a log of results are a list of strings")
    distinct, indexes = [], []
    for name in FIELDS:
        distinct.append(conv.structure(values[name], list[_TYPES[name]]))  # type: ignore[valid-type]
        indexes.append(_unpacked(columns[name], len(distinct[-1]), name))
    return ResultLog.from_columns(match_ids, distinct, indexes)


def _packed(column: Iterable[int], distinct: int) -> str:
    """A column of indexes into ``distinct`` values as Base64 of little-endian unsigned ints, as
    wide as ``distinct`` needs: a third of the text of a JSON list of numbers, read at C speed."""
    packed = array(width(distinct), column)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpacked(text: Any, distinct: int, name: str) -> array[int]:
    """The column :func:`_packed` wrote (its indexes are checked against the values by
    :meth:`ResultLog.from_columns <matchevents.competitions.result_log.ResultLog.from_columns>`)."""
    if type(text) is not str:
        raise TypeError(f"the {name} column of a log of results is not a packed column")
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError as error:
        raise ValueError(f"the {name} column of a log of results is damaged: {error}") from None
    column = array(width(distinct))
    if len(data) % column.itemsize:
        raise ValueError(f"the {name} column of a log of results is cut short")
    column.frombytes(data)
    if sys.byteorder == "big":
        column.byteswap()
    return column


def results_v1_to_v2(state: Any) -> Any:
    """A results state's JSON from layout 1 (its log's columns as lists of numbers, the match days
    written out) to layout 2 (every column packed by :func:`_packed`, the match days among the
    values): the upcaster of :data:`~matchevents.live.RESULTS_MODEL` and of any read model whose
    state is a :class:`~matchevents.competitions.ResultsState`."""
    if type(state) is not dict or "log" not in state:
        return state  # an empty log is not written
    log = state["log"]
    if type(log) is not dict or log.keys() != {"values", "columns"}:
        raise ValueError("its log of results is not an object of values and columns")
    values, columns = dict(log["values"]), dict(log["columns"])
    days = columns.get("matchday")
    if type(days) is not list or not set(map(type, days)) <= {int, type(None)}:
        raise ValueError("the match days of its log of results are not numbers or nulls")
    values["matchday"] = list(dict.fromkeys(days))
    where = {day: index for index, day in enumerate(values["matchday"])}
    columns["matchday"] = [where[day] for day in days]
    for name in FIELDS:
        column, table = columns.get(name), values.get(name)
        if (
            type(column) is not list
            or not set(map(type, column)) <= {int}
            or type(table) is not list
        ):
            raise ValueError(f"the {name} column of its log of results is not of indexes")
        columns[name] = _packed(column, len(table))
    return {**state, "log": {"values": values, "columns": columns}}
