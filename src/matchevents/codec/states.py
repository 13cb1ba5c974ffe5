"""Projection states to and from JSON, for checkpoints: the public cattrs :data:`converter`,
taught the few things a state holds that an event does not.

A state is made of attrs classes, enums, tuples, dicts and the library's values, which the
converter already writes (clocks ``"45+3"``, scores ``"2-1"``, ISO dates). Besides those:

- **events** kept in a state (a match's schedule, a points deduction, an award) are written as the
  codec writes them to a log, with their type tag and schema version, so an event of an older
  layout in an older checkpoint is upcast like an old log line;
- a :class:`~matchevents.projections.sharedlog.SharedLog` is written as the list of its items;
- a :class:`~matchevents.projections.outcome.MatchResult` in a log of results (the bulk of a
  results state: one a match) is written as a row, a list of its fields in order, the score line
  as its six scores::

      ["L1-1960-61-R01-0", "Ashford Town", "Barnby United", "Northern League", "1960-61",
       "Matchday 1", 1, "1960-08-10T15:00:00+00:00", null, {"kind": "league"}, "finished",
       ["2-1", "1-0", "2-1", null, null, null], "home", "regular_time", null]

  and read back by a decoder written for it, which shares the values that recur from one result
  to the next (kick-offs, formats, score lines). ``state_converter(fast=False)`` reads the same
  rows field by field through the converter: the plain twin that
  ``tests/test_codec_states.py`` holds the fast decoder equal to. A checkpoint of a season's
  10,000 results loads several times faster so (``benchmarks/checkpoints.py``).

:func:`unstructure_state` and :func:`structure_state` are what :mod:`matchevents.live` saves and
loads; structuring is strict, like reading an event: a value of the wrong kind is an error, never
a guess.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Final

import attrs
import cattrs

from matchevents.codec import Codec, default_codec
from matchevents.codec.converter import converter, score_from_text
from matchevents.errors import CodecError
from matchevents.formats import MatchFormat
from matchevents.projections.outcome import Decision, MatchResult, MatchStatus
from matchevents.projections.score import ScoreLine
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import Score, Side

__all__ = ["state_converter", "structure_state", "unstructure_state"]


def unstructure_state(state: Any, state_type: Any, *, codec: Codec | None = None) -> Any:
    """``state`` as JSON-ready values (dicts, lists, strings, numbers), read as ``state_type``.

    Raises:
        CodecError: the state holds an event the codec does not know.
    """
    return state_converter(codec).unstructure(state, state_type)


def structure_state(
    obj: Any, state_type: Any, *, codec: Codec | None = None, fast: bool = True
) -> Any:
    """The state of type ``state_type`` that :func:`unstructure_state` wrote as ``obj``.

    Raises:
        Exception: cattrs' ``ClassValidationError``, a ``CodecError``, ``TypeError``,
            ``ValueError`` or ``KeyError`` naming what does not fit; the caller says which
            checkpoint it came from (:mod:`matchevents.live` does).
    """
    return state_converter(codec, fast=fast).structure(obj, state_type)


_CONVERTERS: dict[tuple[int, bool], tuple[Codec, cattrs.Converter]] = {}


def state_converter(codec: Codec | None = None, *, fast: bool = True) -> cattrs.Converter:
    """The converter for states whose events ``codec`` (the default one) reads and writes: a
    copy of the public :data:`converter` (so hooks registered there for your own values apply
    to states made after), with hooks for events, shared logs and logs of results. Made once
    per codec."""
    codec = codec or default_codec
    key = (id(codec), fast)
    made = _CONVERTERS.get(key)
    if made is not None and made[0] is codec:
        return made[1]
    made_converter = _make(codec, fast)
    _CONVERTERS[key] = (codec, made_converter)
    return made_converter


def _make(codec: Codec, fast: bool) -> cattrs.Converter:
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
    conv.register_structure_hook_factory(_is_shared_log, lambda tp: _structure_log(conv, tp, fast))
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
        return _result_rows
    unstructure = conv.get_unstructure_hook(item)
    return lambda log: [unstructure(value) for value in log]


def _structure_log(conv: cattrs.Converter, tp: Any, fast: bool) -> Callable[[Any, Any], Any]:
    item = _item_type(tp)
    if item is MatchResult:
        read = _results_from_rows if fast else _results_from_rows_plain
        return lambda obj, _: SharedLog(read(obj))

    def structure(obj: Any, _: Any) -> SharedLog[Any]:
        if type(obj) is not list:
            raise TypeError(f"a list of {item}, not {type(obj).__name__}")
        return SharedLog(conv.structure(obj, list[item]))  # type: ignore[valid-type]

    return structure


# -- results as rows ------------------------------------------------------------------------------
_FIELDS: Final = tuple(field.name for field in attrs.fields(MatchResult))
_LINE: Final = tuple(field.name for field in attrs.fields(ScoreLine))


def _text(score: Score | None) -> str | None:
    return None if score is None else f"{score.home}-{score.away}"


def _value(member: enum.Enum | None) -> Any:
    return None if member is None else member.value


def _result_rows(log: Any) -> list[list[Any]]:
    """A log of results as rows (see the module's documentation)."""
    unstructure_format = converter.get_unstructure_hook(MatchFormat)
    rows = []
    for r in log:
        line = r.score
        rows.append(
            [
                r.match_id,
                r.home,
                r.away,
                r.competition,
                r.season,
                r.stage,
                r.matchday,
                None if r.kickoff is None else r.kickoff.isoformat(),
                None if r.date is None else r.date.isoformat(),
                unstructure_format(r.format),
                r.status.value,
                [_text(getattr(line, name)) for name in _LINE],
                _value(r.winner),
                _value(r.decided_by),
                _value(r.tie_winner),
            ]
        )
    return rows


def _rows_of(obj: Any) -> list[list[Any]]:
    if type(obj) is not list:
        raise TypeError(f"a list of result rows, not {type(obj).__name__}")
    for number, row in enumerate(obj, 1):
        if type(row) is not list or len(row) != len(_FIELDS):
            raise ValueError(f"result {number} is not a row of {len(_FIELDS)} fields: {row!r:.80}")
    return obj


def _results_from_rows_plain(obj: Any) -> list[MatchResult]:
    """Rows to results, field by field through the public converter (the fast decoder's twin)."""
    results = []
    types_ = attrs.fields_dict(MatchResult)
    for row in _rows_of(obj):
        values = dict(zip(_FIELDS, row, strict=True))
        line = values["score"]
        if type(line) is not list or len(line) != len(_LINE):
            raise ValueError(f"a score line is a list of {len(_LINE)} scores: {line!r:.80}")
        line_types = attrs.fields_dict(ScoreLine)
        values["score"] = ScoreLine(
            **{
                name: converter.structure(text, line_types[name].type)  # type: ignore[arg-type]
                for name, text in zip(_LINE, line, strict=True)
            }
        )
        for name in _FIELDS:
            if name != "score":
                field_type: Any = types_[name].type
                values[name] = converter.structure(values[name], field_type)
        results.append(MatchResult(**values))
    return results


_STATUS: Final = {member.value: member for member in MatchStatus}
_DECISION: Final[dict[Any, Decision | None]] = {member.value: member for member in Decision}
_DECISION[None] = None
_SIDE: Final[dict[Any, Side | None]] = {member.value: member for member in Side}
_SIDE[None] = None


def _results_from_rows(obj: Any) -> list[MatchResult]:
    """Rows to results, sharing what recurs (kick-offs, formats, score lines) between them: the
    same values as :func:`_results_from_rows_plain`, several times faster."""
    kickoffs: dict[Any, datetime | None] = {None: None}
    days: dict[Any, date | None] = {None: None}
    formats: dict[Any, MatchFormat] = {}
    lines: dict[Any, ScoreLine] = {}
    names: dict[str, str] = {}
    structure_format = converter.get_structure_hook(MatchFormat)
    status_of, decision_of, side_of = _STATUS.__getitem__, _DECISION.__getitem__, _SIDE.__getitem__
    results: list[MatchResult] = []
    append = results.append
    for row in _rows_of(obj):
        match_id, home, away, competition, season, stage, matchday = row[:7]
        if not (
            type(match_id) is str
            and type(home) is str
            and type(away) is str
            and type(competition) is str
            and type(season) is str
            and (stage is None or type(stage) is str)
            and (matchday is None or type(matchday) is int)
        ):
            raise TypeError(f"a result row with a value of the wrong kind: {row[:7]!r:.120}")
        kickoff_text, day_text, fmt, status, line_texts, winner, decided_by, tie_winner = row[7:]
        kickoff = kickoffs.get(kickoff_text, _MISSING)
        if kickoff is _MISSING:
            kickoff = kickoffs[kickoff_text] = converter.structure(kickoff_text, datetime)
        day = days.get(day_text, _MISSING)
        if day is _MISSING:
            day = days[day_text] = converter.structure(day_text, date)
        if type(fmt) is not dict:
            raise TypeError(f"a format is an object, not {fmt!r:.60}")
        format_key = tuple(fmt.items())
        match_format = formats.get(format_key)
        if match_format is None:
            match_format = formats[format_key] = structure_format(fmt, MatchFormat)
        if type(line_texts) is not list:
            raise TypeError(f"a score line is a list of scores, not {line_texts!r:.60}")
        line_key = tuple(line_texts)
        line = lines.get(line_key)
        if line is None:
            line = lines[line_key] = _line(line_texts)
        append(
            MatchResult(
                match_id=match_id,
                home=names.setdefault(home, home),
                away=names.setdefault(away, away),
                competition=names.setdefault(competition, competition),
                season=names.setdefault(season, season),
                stage=stage if stage is None else names.setdefault(stage, stage),
                matchday=matchday,
                kickoff=kickoff,
                date=day,
                format=match_format,
                status=status_of(status),
                score=line,
                winner=side_of(winner),
                decided_by=decision_of(decided_by),
                tie_winner=side_of(tie_winner),
            )
        )
    return results


_MISSING: Final[Any] = object()


def _line(texts: list[Any]) -> ScoreLine:
    if len(texts) != len(_LINE):
        raise ValueError(f"a score line is a list of {len(_LINE)} scores: {texts!r:.80}")
    live, *phases = texts
    return ScoreLine(
        live=score_from_text(live),
        **{
            name: None if text is None else score_from_text(text)
            for name, text in zip(_LINE[1:], phases, strict=True)
        },
    )
