"""Finished results kept as columns: the log of a :class:`~matchevents.competitions.ResultsState`.

A results state keeps one result a match over, for every match of an archive (432,900 in a
10M-event log). As :class:`~matchevents.projections.outcome.MatchResult` objects they cost about
250 bytes each; yet a result is mostly values many others share (its teams, competition, season,
kick-off, format, score line, status). :class:`ResultLog` keeps each field's distinct values once,
and per result only small numbers: the index of its value in each field's table (one, two or
four bytes, as many as the field's distinct values need) and its match id as UTF-8 bytes in one
``bytearray``: about 57 bytes a result on the 10M-event log (``benchmarks/replay.py --only
stream``: 71 MB at its peak instead of 150). A :class:`MatchResult` is made when one is read.

It is the layout of a results checkpoint (:mod:`matchevents.codec.states`), so a checkpoint is
loaded into a log without making a result per match, and written without reading one.

Like :class:`~matchevents.projections.sharedlog.SharedLog`, it is immutable and successive logs
share their columns: a log is the first ``len(log)`` rows, appending to the newest log extends the
columns in place, and appending to an older one (a branch) copies its rows first, once. The
tables of distinct values only ever grow, so every log made from another shares them.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import accumulate, islice
from typing import Any, Final, overload

import attrs

from matchevents.projections.outcome import MatchResult
from matchevents.projections.sharedlog import SharedLog

__all__ = ["FIELDS", "ResultLog", "Row", "row_of"]

FIELDS: Final = tuple(field.name for field in attrs.fields(MatchResult) if field.name != "match_id")
"""The fields of a result kept as indexes into their distinct values, in a row's order."""

_CAPACITY: Final = {"B": 1 << 8, "H": 1 << 16, "I": 1 << 32}
"""A column starts at a byte an index and widens when its field's values outgrow it."""
_KICKOFF: Final = FIELDS.index("kickoff")

Row = tuple[Any, ...]
"""A result as ``(match_id, *values of FIELDS)``: what :meth:`ResultLog.extended_rows` takes."""


def _key(position: int, value: Any) -> Any:
    """What a value is interned by: itself, but a kick-off with its time zone too (15:00 UTC
    equals 16:00 at UTC+1, and hashes so, yet its day and its text are not the same)."""
    if position == _KICKOFF and type(value) is datetime:
        return value, value.tzinfo
    return value


class _Tables:
    """Each field's distinct values and their indexes, shared by every log made from another (a
    value's index never changes), and the lock every change to a log's columns is made under."""

    __slots__ = ("indexes", "lock", "values")

    def __init__(self) -> None:
        self.values: list[list[Any]] = [[] for _ in FIELDS]
        self.indexes: list[dict[Any, int]] = [{} for _ in FIELDS]
        self.lock = threading.Lock()


class _Columns:
    """The rows of one line of logs: match ids end to end, where each ends, and a column of
    indexes a field."""

    __slots__ = ("columns", "ends", "ids")

    def __init__(self) -> None:
        self.ids = bytearray()
        self.ends = array("Q")
        self.columns = [array("B") for _ in FIELDS]

    def prefix(self, length: int) -> _Columns:
        """A copy of the first ``length`` rows."""
        copy = _Columns()
        if length:
            copy.ends = self.ends[:length]
            copy.ids = self.ids[: copy.ends[-1]]
            copy.columns = [column[:length] for column in self.columns]
        return copy


class ResultLog(Sequence[MatchResult]):
    """An immutable sequence of results kept as columns (see the module's documentation), whose
    :meth:`appended` and :meth:`extended` are O(1) amortized a result.

    It stands in for a tuple of results: it equals a tuple, a
    :class:`~matchevents.projections.sharedlog.SharedLog` or another log of equal results (and
    hashes as that tuple does), and pickles as its columns.
    """

    __slots__ = ("_columns", "_length", "_tables")

    _tables: _Tables
    _columns: _Columns
    _length: int

    def __init__(self, results: Iterable[MatchResult] = ()) -> None:
        self._tables = _Tables()
        self._columns = _Columns()
        self._length = self._add(self._columns, [row_of(result) for result in results])

    @staticmethod
    def _of(tables: _Tables, columns: _Columns, length: int) -> ResultLog:
        log: ResultLog = object.__new__(ResultLog)
        log._tables, log._columns, log._length = tables, columns, length
        return log

    # -- growing --------------------------------------------------------------------------------

    def appended(self, result: MatchResult) -> ResultLog:
        """This log with ``result`` at the end (``self`` is unchanged)."""
        return self.extended_rows((row_of(result),))

    def extended(self, results: Iterable[MatchResult]) -> ResultLog:
        """This log with ``results`` at the end (``self`` is unchanged). Another log's results
        are taken by their columns, none made (a merge of two partial states extends one log
        with another): what the rows of its results would give, as a test holds."""
        if isinstance(results, ResultLog):
            return self._extended_log(results)
        return self.extended_rows(map(row_of, results))

    def _extended_log(self, other: ResultLog) -> ResultLog:
        length, theirs = other._length, other._columns
        if not length:
            return self
        tables = self._tables
        with tables.lock:
            columns = self._extendable()
            start = len(columns.ids)
            columns.ids += theirs.ids[: theirs.ends[length - 1]]
            columns.ends.extend(start + end for end in theirs.ends[:length])
            for position, column in enumerate(theirs.columns):
                # Their values' indexes among ours (their tables only grow: a snapshot will do).
                remap = [
                    _intern(tables, position, value)
                    for value in list(other._tables.values[position])
                ]
                _extend(
                    columns,
                    position,
                    len(tables.values[position]),
                    map(remap.__getitem__, column[:length]),
                )
        return ResultLog._of(tables, columns, self._length + length)

    def extended_rows(self, rows: Iterable[Row]) -> ResultLog:
        """This log with a result for each row at the end (``self`` is unchanged): what
        :meth:`extended` does, without making a result first (the results fold hands its
        finished matches over as rows)."""
        rows = list(rows)
        if not rows:  # most of a live feed's events end no match
            return self
        tables = self._tables
        with tables.lock:
            columns = self._extendable()
            added = self._add(columns, rows)
        return ResultLog._of(tables, columns, self._length + added)

    def _extendable(self) -> _Columns:
        """The columns to extend with this log's next rows (under the tables' lock): the shared
        ones if this log is their newest, else a copy of its own rows (a branch), made once."""
        columns = self._columns
        if len(columns.ends) != self._length:
            columns = columns.prefix(self._length)
        return columns

    def _add(self, columns: _Columns, added: list[Row]) -> int:
        """Append the rows ``added`` to ``columns`` (under the tables' lock, or before anyone can
        see the log); how many. A column at a time: each field's values are looked up among its
        distinct ones in one ``map``, and only the values not met before are added one by one
        (``RESULTS.apply_all`` costs 7-17% less than appending row by row, A/B in one process)."""
        if not added:
            return 0
        match_ids, *fields = zip(*added, strict=True)
        encoded = [match_id.encode() for match_id in match_ids]
        columns.ends.extend(
            islice(accumulate(map(len, encoded), initial=len(columns.ids)), 1, None)
        )
        columns.ids += b"".join(encoded)
        for position, values in enumerate(fields):
            index, table = self._tables.indexes[position], self._tables.values[position]
            keys = values if position != _KICKOFF else [_key(position, v) for v in values]
            found: list[Any] = list(map(index.get, keys))
            if None in found:  # values not met before: each gets the next index
                for row, key in enumerate(keys):
                    if found[row] is None:
                        at = found[row] = index.setdefault(key, len(table))
                        if at == len(table):
                            table.append(values[row])
            _extend(columns, position, len(table), found)
        return len(added)

    @classmethod
    def from_columns(
        cls, match_ids: Sequence[str], values: Sequence[Sequence[Any]], columns: Sequence[Any]
    ) -> ResultLog:
        """The log whose rows are ``match_ids`` and, for each of :data:`FIELDS` in order, the
        index of each row's value among that field's distinct ``values`` (a checkpoint's layout):
        a list, or an array of unsigned ints, which the log takes as it is.

        Raises:
            ValueError: a column's length differs from the ids', or an index is out of range.
        """
        log = cls()
        tables, kept = log._tables, log._columns
        if len(values) != len(FIELDS) or len(columns) != len(FIELDS):
            raise ValueError(f"a log of results has a column of each of {', '.join(FIELDS)}")
        joined = "".join(match_ids)
        encoded = joined.encode()
        lengths = map(len, match_ids) if len(encoded) == len(joined) else _byte_lengths(match_ids)
        kept.ids, kept.ends = bytearray(encoded), array("Q", accumulate(lengths))
        for position, (distinct, column) in enumerate(zip(values, columns, strict=True)):
            name = FIELDS[position]
            indexes = column if isinstance(column, array) else array(width(len(distinct)), column)
            if len(indexes) != len(match_ids):
                raise ValueError(f"the {name} column has {len(indexes)} rows, not {len(match_ids)}")
            if len(indexes) and max(indexes) >= len(distinct):
                raise ValueError(f"the {name} column points past its {len(distinct)} values")
            # Each distinct value once in the table, even if the checkpoint repeats one.
            remap = [_intern(tables, position, value) for value in distinct]
            if len(tables.values[position]) != len(remap):
                indexes = array(
                    width(len(tables.values[position])), map(remap.__getitem__, indexes)
                )
            kept.columns[position] = indexes
        log._length = len(match_ids)
        return log

    # -- reading --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._length

    def match_id(self, index: int) -> str:
        """The match id of the result at ``index`` (no result made)."""
        ends = self._columns.ends
        start = ends[index - 1] if index else 0
        return self._columns.ids[start : ends[index]].decode()

    def replaced(self, results: Mapping[str, MatchResult]) -> ResultLog:
        """A log of the same matches in the same order, each result of a match in ``results``
        replaced by that one (an award overturning it after the end), kept as columns too."""
        wanted = [row for row, match_id in enumerate(self.match_ids()) if match_id in results]
        if not wanted:
            return self
        tables, columns = self._tables, self._columns.prefix(self._length)
        with tables.lock:
            for row in wanted:
                fields = row_of(results[self.match_id(row)])[1:]
                for position, value in enumerate(fields):
                    at = _intern(tables, position, value)
                    _widened(columns, position, len(tables.values[position]))[row] = at
        return ResultLog._of(tables, columns, self._length)

    def match_ids(self) -> Iterator[str]:
        """Every result's match id, in order (no result made)."""
        columns, length = self._columns, self._length
        ids, ends = columns.ids, columns.ends
        start = 0
        for index in range(length):
            end = ends[index]
            yield ids[start:end].decode()
            start = end

    def values_of(self, name: str) -> Iterator[Any]:
        """Every result's value of the field ``name`` (of :data:`FIELDS`), in order (no result
        made)."""
        position = FIELDS.index(name)
        return map(self._tables.values[position].__getitem__,
                   self._columns.columns[position][: self._length])  # fmt: skip

    def reordered(self, order: Iterable[int]) -> ResultLog:
        """The results at the rows ``order`` names, in that order, as a log sharing this one's
        distinct values (no result made): how partial logs merged out of order are put back in
        the order the matches ended.

        Raises:
            IndexError: a row is out of range.
        """
        rows = list(order)
        if any(not 0 <= row < self._length for row in rows):
            raise IndexError(f"a row out of range of a log of {self._length} results")
        ids, ends = self._columns.ids, self._columns.ends
        moved = _Columns()
        moved.ids = bytearray().join(ids[ends[row - 1] if row else 0 : ends[row]] for row in rows)
        moved.ends = array(
            "Q", accumulate(ends[row] - (ends[row - 1] if row else 0) for row in rows)
        )
        moved.columns = [array(column.typecode, map(column.__getitem__, rows))
                         for column in self._columns.columns]  # fmt: skip
        return ResultLog._of(self._tables, moved, len(rows))

    def columns(self) -> tuple[list[str], list[list[Any]], list[list[int]]]:
        """``(match ids, each field's distinct values, each field's column of indexes)``, for
        :meth:`from_columns` (the values may include some no row of this log uses)."""
        length = self._length
        return (
            list(self.match_ids()),
            [list(values) for values in self._tables.values],
            [column[:length].tolist() for column in self._columns.columns],
        )

    def grouped(self, *names: str) -> dict[tuple[Any, ...], Sequence[MatchResult]]:
        """The results by their values of the fields ``names`` (of :data:`FIELDS`), each group
        in order, the groups in the order of their first result: a view of the rows, whose
        results are made when read (four bytes a result, not a result each)."""
        length = self._length
        positions = [FIELDS.index(name) for name in names]
        keys = zip(*(self._columns.columns[p][:length] for p in positions), strict=True)
        rows: dict[tuple[int, ...], array[int]] = {}
        for row, key in enumerate(keys):
            found = rows.get(key)
            if found is None:
                found = rows[key] = array("I")
            found.append(row)
        values = [self._tables.values[p] for p in positions]
        return {
            tuple(table[i] for table, i in zip(values, key, strict=True)): _Rows(self, found)
            for key, found in rows.items()
        }

    def _result(self, index: int) -> MatchResult:
        values, columns = self._tables.values, self._columns.columns
        (home, away, competition, season, stage, matchday, kickoff, day, match_format, status,
         score, winner, decided_by, tie_winner) = (
            table[column[index]] for table, column in zip(values, columns, strict=True)
        )  # fmt: skip
        return MatchResult(
            match_id=self.match_id(index),
            home=home,
            away=away,
            competition=competition,
            season=season,
            stage=stage,
            matchday=matchday,
            kickoff=kickoff,
            date=day,
            format=match_format,
            status=status,
            score=score,
            winner=winner,
            decided_by=decided_by,
            tie_winner=tie_winner,
        )

    def __iter__(self) -> Iterator[MatchResult]:
        # By index even at the tip: a successor may extend the columns while this iterates.
        return map(self._result, range(self._length))

    def __reversed__(self) -> Iterator[MatchResult]:
        return map(self._result, range(self._length - 1, -1, -1))

    @overload
    def __getitem__(self, index: int) -> MatchResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[MatchResult]: ...
    def __getitem__(self, index: int | slice) -> MatchResult | Sequence[MatchResult]:
        if isinstance(index, slice):
            return tuple(map(self._result, range(self._length)[index]))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("log index out of range")
        return self._result(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ResultLog):
            length = self._length
            if length != other._length:
                return False
            if self._columns is other._columns:  # one line of logs: the same first rows
                return True
            mine, theirs = self._columns, other._columns
            end = mine.ends[length - 1] if length else 0
            if mine.ends[:length] != theirs.ends[:length] or mine.ids[:end] != theirs.ids[:end]:
                return False
            pairs = zip(
                self._tables.values, mine.columns, other._tables.values, theirs.columns, strict=True
            )
            return all(
                [a[i] for i in ai[:length]] == [b[i] for i in bi[:length]] for a, ai, b, bi in pairs
            )
        if isinstance(other, (tuple, SharedLog)):
            return self._length == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        length = self._length
        columns = [column[:length] for column in self._columns.columns]  # arrays pickle as bytes
        return ResultLog.from_columns, (list(self.match_ids()), self._tables.values, columns)

    def __repr__(self) -> str:
        return f"ResultLog({list(self)!r})"


class _Rows(Sequence[MatchResult]):
    """Some rows of a log, read as results."""

    __slots__ = ("_log", "_rows")

    def __init__(self, log: ResultLog, rows: array[int]) -> None:
        self._log, self._rows = log, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[MatchResult]:
        return map(self._log._result, self._rows)

    @overload
    def __getitem__(self, index: int) -> MatchResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[MatchResult]: ...
    def __getitem__(self, index: int | slice) -> MatchResult | Sequence[MatchResult]:
        if isinstance(index, slice):
            return tuple(map(self._log._result, self._rows[index]))
        return self._log._result(self._rows[index])

    def __repr__(self) -> str:
        return f"{list(self)!r}"


def _intern(tables: _Tables, position: int, value: Any) -> int:
    """The index of ``value`` among the distinct values of its field, added if new."""
    table = tables.values[position]
    at: int = tables.indexes[position].setdefault(_key(position, value), len(table))
    if at == len(table):
        table.append(value)
    return at


def _extend(columns: _Columns, position: int, distinct: int, indexes: Iterable[int]) -> None:
    """Extend a field's column with ``indexes`` into its ``distinct`` values."""
    _widened(columns, position, distinct).extend(indexes)


def _widened(columns: _Columns, position: int, distinct: int) -> array[int]:
    """A field's column, widened first if its ``distinct`` values outgrew its width."""
    column = columns.columns[position]
    if distinct > _CAPACITY[column.typecode]:
        column = columns.columns[position] = array(width(distinct), column)
    return column


def width(distinct: int) -> str:
    """The narrowest array type of indexes into ``distinct`` values: one, two or four bytes."""
    return "B" if distinct <= 1 << 8 else "H" if distinct <= 1 << 16 else "I"


def row_of(result: MatchResult) -> Row:
    """``result`` as a row of a log (:data:`Row`)."""
    return (result.match_id, result.home, result.away, result.competition, result.season,
            result.stage, result.matchday, result.kickoff, result.date, result.format,
            result.status, result.score, result.winner, result.decided_by,
            result.tie_winner)  # fmt: skip


def _byte_lengths(match_ids: Iterable[str]) -> Iterator[int]:
    return (len(match_id.encode()) for match_id in match_ids)
