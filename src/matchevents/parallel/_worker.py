"""One partition of a parallel replay, in a worker: read its share of the files (or of a store's
streams), validate and fold it with a :class:`~matchevents.log.Replayer`, and note where in the
archive each problem and each order-bearing event came, so that the parts can be put back in
order. A task goes to the worker and its partial result comes back by pickling."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any, Final
from zlib import crc32

import attrs

from matchevents.codec import Codec, default_codec, parse_json
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import CodecError, MatchEventsError, ParallelReplayError, RuleViolation
from matchevents.events import Card, MatchAwarded, MatchScheduled, PeriodEnded
from matchevents.log import LogProblem, Replayer, ReplayResult
from matchevents.parallel._routing import (
    _BLANKS,
    _COMPETITION_STREAM,
    _ID_KEY,
    _OPEN_BATCH,
    _OPEN_OBJECT,
    _batch_owners,
    _owner,
    _stream_partition,
)
from matchevents.projections.base import Projection
from matchevents.stores.base import EventStore, StoredEvent
from matchevents.teams import ClubRegistry

_LINE_BITS: Final = 32
_ITEM_BITS: Final = 24
"""A position in the archive is ``(file index << 32 | line number) << 24 | item``: files in the
order given, the item an event's place in a batch line (0 for a line of one event)."""


StoreOpener = Callable[[], EventStore]
"""Opens the store in a worker: e.g. ``functools.partial(SqliteStore, "events.db")`` (it must
pickle, to travel to the workers)."""


@attrs.frozen(slots=True)
class _Task:
    """What one worker replays: the files (with their index in the archive) or the store, and
    its share, with the club registry to read the teams by (if any)."""

    files: tuple[tuple[int, str], ...]
    store: StoreOpener | None
    partition: int
    partitions: int
    by_match: bool
    projections: tuple[Projection[Any], ...]
    per_match: tuple[Projection[Any], ...]
    strict: bool
    codec: Codec | None
    track_ends: bool
    track_cards: bool
    clubs: ClubRegistry | None


_Deduction = tuple[int, str, int | None, PointsDeduction]
"""A points deduction as a partition notes it: (position, source, line, deduction)."""


@attrs.frozen(slots=True)
class _Partial:
    """A partition's partial states and the positions that put them back in archive order."""

    result: ReplayResult
    problem_positions: tuple[tuple[int, str], ...]
    first_seen: dict[str, int]
    schedules: dict[str, int]
    period_ends: dict[str, int]
    awards: dict[str, list[int]]
    cards: list[int]
    match_ids: frozenset[str] | None
    failure: ParallelReplayError | None
    failure_position: int
    cpu_seconds: float = 0.0
    teams: dict[tuple[str, str], set[str]] = attrs.field(factory=dict)
    deductions: tuple[_Deduction, ...] = ()


class _SourcedReplayer(Replayer):
    """A replayer that notes the file and position of each problem it records."""

    def __init__(self, task: _Task) -> None:
        # A partition does not see every schedule: deductions are checked once combined.
        super().__init__(
            task.projections, per_match=task.per_match, strict=task.strict, check_deductions=False
        )
        self.source = ""
        self.base = 0
        self.number = 0
        self.item = 0
        self.positions: list[tuple[int, str]] = []
        self.sourced_deductions: list[_Deduction] = []

    def at(self, line: int) -> int:
        """The position in the archive of the current item of ``line`` of the current file."""
        return self.base | line << _ITEM_BITS | self.item

    def report(self, problem: LogProblem, error: MatchEventsError | None = None) -> None:
        """Record (or raise) the problem, noting where it is."""
        self.positions.append((self.at(problem.line or 0), self.source))
        super().report(problem, error)

    def note_deduction(self, deduction: PointsDeduction, line: int | None) -> None:
        """Keep the deduction with where it is, for the check once the parts are combined."""
        # Its problem, if any, is listed where the deduction is in the archive, as in one replay.
        self.sourced_deductions.append((self.at(line or 0), self.source, line, deduction))


_NOTED: Final = frozenset({MatchScheduled, PeriodEnded, MatchAwarded, Card})
"""The accepted events whose position a partition notes (besides each match's first)."""


class _Notes:
    """Where, in the archive, one partition's order-bearing events were accepted."""

    __slots__ = (
        "awards",
        "cards",
        "first_seen",
        "period_ends",
        "schedules",
        "track_cards",
        "watch_first",
    )

    def __init__(self, task: _Task) -> None:
        self.first_seen: dict[str, int] = {}
        self.schedules: dict[str, int] = {}
        self.period_ends: dict[str, int] = {}
        self.awards: dict[str, list[int]] = {}
        self.cards: list[int] = []
        self.watch_first = bool(task.per_match)
        self.track_cards = task.track_cards

    def note(self, event: Any, position: int) -> None:
        """Note an accepted event's position, where it bears on the order of a merged state."""
        match_id = event.match_id
        if self.watch_first and match_id not in self.first_seen:
            self.first_seen[match_id] = position
        kind = type(event)
        if kind is PeriodEnded:
            self.period_ends[match_id] = position
        elif kind is MatchScheduled:
            self.schedules.setdefault(match_id, position)
        elif kind is MatchAwarded:
            self.awards.setdefault(match_id, []).append(position)
        elif kind is Card and self.track_cards:
            self.cards.append(position)


def _feeder(task: _Task, replayer: _SourcedReplayer) -> Callable[[Any, int | None], bool]:
    """The replayer's ``feed``; with a club registry, one that reads each event's teams by it
    first (:meth:`~matchevents.teams.ClubRegistry.renamed`, before validation), as
    :func:`~matchevents.log.replay` does with ``teams``."""
    feed = replayer.feed
    if task.clubs is None:
        return feed
    renamed = task.clubs.renamed

    def feed_renamed(event: Any, line: int | None) -> bool:
        return feed(renamed(event), line)

    return feed_renamed


def _replay_partition(task: _Task) -> _Partial:
    """Replay one partition of the archive (runs in a worker)."""
    started = time.process_time()
    replayer = _SourcedReplayer(task)
    notes = _Notes(task)
    match_ids: set[str] | None = None if task.by_match else set()
    try:
        if task.store is None:
            _read_files(task, replayer, notes, match_ids)
        else:
            _read_store(task, task.store, replayer, notes)
    except MatchEventsError as error:  # strict: the partition's first bad line
        line = error.line if isinstance(error, CodecError) and error.line else replayer.number
        failure = ParallelReplayError(
            replayer.source, line, getattr(error, "match_id", None), _what(error), error
        )
        ids = None if match_ids is None else frozenset(match_ids)
        return _Partial(
            replayer.result(),
            (),
            {},
            {},
            {},
            {},
            [],
            ids,
            failure,
            replayer.at(line),
            time.process_time() - started,
            # Whether a deduction before the bad line is the first problem depends on the teams.
            replayer.teams,
            tuple(replayer.sourced_deductions),
        )
    return _Partial(
        replayer.result(),
        tuple(replayer.positions),
        notes.first_seen,
        notes.schedules,
        notes.period_ends,
        notes.awards,
        notes.cards,
        None if match_ids is None else frozenset(match_ids),
        None,
        0,
        time.process_time() - started,
        replayer.teams,
        tuple(replayer.sourced_deductions),
    )


def _read_files(
    task: _Task, replayer: _SourcedReplayer, notes: _Notes, match_ids: set[str] | None
) -> None:
    """Feed the partition's lines of every file (the hot loop: routing, decoding, validating)."""
    feed, note = _feeder(task, replayer), notes.note
    watch_all = notes.watch_first
    watch = watch_all or task.track_ends or task.track_cards
    codec = task.codec or default_codec
    decode, decode_batch = codec.decoder(), codec.decode_batch
    partition, partitions = task.partition, task.partitions
    route = task.by_match and partitions > 1
    key_length = len(_ID_KEY)
    for index, path in task.files:
        base = index << (_LINE_BITS + _ITEM_BITS)
        replayer.source, replayer.base = path, base
        with open(path, "rb") as stream:
            number = 0
            for raw in stream:
                number += 1
                if route:
                    head = raw[0]
                    if head != _OPEN_OBJECT and (
                        head == _OPEN_BATCH or (head in _BLANKS and raw.lstrip()[:1] == b"[")
                    ):
                        # A batch: its events may be of several matches, each routed to its own.
                        batch = _batch_owners(raw, partitions)
                        if batch is not None:
                            if partition in batch[1]:
                                _feed_batch(
                                    task, replayer, feed, notes, *batch, path, number, decode_batch
                                )
                            continue
                    start = raw.find(_ID_KEY)
                    if start >= 0:
                        start += key_length
                        key = raw[start : raw.find(b'"', start)]
                        owner = (
                            crc32(key) % partitions if b"\\" not in key else _owner(raw, partitions)
                        )
                    else:
                        owner = _owner(raw, partitions)
                    if owner != partition:
                        continue
                replayer.number = number
                try:
                    try:
                        obj = parse_json(raw)
                    except ValueError as error:
                        if raw.isspace():
                            continue
                        raise CodecError(
                            f"not valid JSON ({error})",
                            source=path,
                            line=number,
                            expected="one JSON object per line",
                        ) from None
                    if type(obj) is list:
                        events = decode_batch(obj, line=number, source=path)
                    else:
                        events = [decode(obj, number, path)]
                except CodecError as error:
                    replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)
                    continue
                for event in events:
                    if match_ids is not None:
                        match_id = getattr(event, "match_id", None)
                        if match_id is not None:
                            match_ids.add(match_id)
                    if (
                        feed(event, number)
                        and watch
                        and (watch_all or type(event) in _NOTED)
                        and getattr(event, "match_id", None) is not None
                    ):
                        note(event, replayer.at(number))


def _feed_batch(
    task: _Task,
    replayer: _SourcedReplayer,
    feed: Callable[[Any, int | None], bool],
    notes: _Notes,
    parsed: list[Any],
    owners: list[int],
    path: str,
    number: int,
    decode_batch: Callable[..., list[Any]],
) -> None:
    """Feed this partition's events of a batch line, routed by match, each at its place in the
    line (so that events of one line in different partitions merge back in order). The batch is
    decoded whole: an unreadable event refuses the line, as in a sequential replay, and the
    partition of its first event reports it. ``feed`` is the partition's (:func:`_feeder`)."""
    partition = task.partition
    replayer.number = number
    try:
        events = decode_batch(parsed, line=number, source=path)
    except CodecError as error:
        if owners[0] == partition:
            replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)
        return
    watch_all = notes.watch_first
    watch = watch_all or task.track_ends or task.track_cards
    for item, (event, owner) in enumerate(zip(events, owners, strict=False)):
        if owner != partition:
            continue
        replayer.item = item
        if (
            feed(event, number)
            and watch
            and (watch_all or type(event) in _NOTED)
            and getattr(event, "match_id", None) is not None
        ):
            notes.note(event, replayer.at(number))
    replayer.item = 0


def _read_store(
    task: _Task, opener: StoreOpener, replayer: _SourcedReplayer, notes: _Notes
) -> None:
    """Feed the partition's streams of a store: first the competition streams (points
    deductions) in the store's global order, then each match's stream."""
    feed, note = _feeder(task, replayer), notes.note
    watch_all = notes.watch_first
    watch = watch_all or task.track_ends or task.track_cards
    partition, partitions = task.partition, task.partitions
    store = opener()
    try:
        mine = [s for s in store.streams() if _stream_partition(s, partitions) == partition]
        competitions = sorted(
            (
                stored
                for s in mine
                if s.startswith(_COMPETITION_STREAM)
                for stored in _stream(store, s, replayer, task.strict)
            ),
            key=lambda stored: stored.position,
        )
        matches = (
            _stream(store, s, replayer, task.strict)
            for s in mine
            if not s.startswith(_COMPETITION_STREAM)
        )
        for stored in chain(competitions, chain.from_iterable(matches)):
            event, position = stored.event, stored.position
            replayer.source, replayer.number = stored.stream, position
            if (
                feed(event, position)
                and watch
                and (watch_all or type(event) in _NOTED)
                and getattr(event, "match_id", None) is not None
            ):
                note(event, position)
    finally:
        store.close()


def _stream(
    store: EventStore, stream: str, replayer: _SourcedReplayer, strict: bool
) -> Iterator[StoredEvent]:
    """The events of one stream of a store. A row the store cannot read (its ``CodecError``,
    whose ``line`` is the row's position) names this stream: strict, it is raised; otherwise it
    is reported as an unreadable line (as :func:`~matchevents.log.replay` reports one of a file)
    and the stream is read on from the row after it. What the store cannot give is left out,
    as the problem says: the stream's rows before the damaged one when the store refuses the
    whole read for it (PostgreSQL decodes a stream before giving its first event; SQLite gives
    every event before the row), or the rest of the stream when the error gives no position."""
    version = 1
    while True:
        try:
            for stored in store.read(stream, from_version=version):
                version = stored.version + 1
                yield stored
            return
        except CodecError as error:
            replayer.source, replayer.number = stream, error.line or replayer.number
            if strict:
                raise
            message = str(error)
            if error.line is None:
                message += (
                    f"; the rest of {stream} (from version {version}) is left out: the store "
                    "cannot read past the row"
                )
                replayer.report(LogProblem(None, error.match_id, None, message), error)
                return
            damaged = _damaged(store, stream, version, error.line)
            if damaged > version:
                versions = (
                    f"version {version} is"
                    if damaged == version + 1
                    else f"versions {version} to {damaged - 1} are"
                )
                message += (
                    f"; {stream} {versions} left out: the store gives none of them while the "
                    "row cannot be read"
                )
            replayer.report(LogProblem(error.line, error.match_id, None, message), error)
            version = damaged + 1


def _damaged(store: EventStore, stream: str, start: int, position: int) -> int:
    """The version of the unreadable row at ``position`` of ``stream``, the first the store
    could not read from version ``start`` on. A store may refuse a whole read for it before
    giving any event (PostgreSQL decodes a page first): reading from a later version raises for
    the same row until past it, so the row is found by galloping and halving (a lazy store,
    such as SQLite, has given every event before it, so one read tells)."""

    def fails_at(version: int) -> bool:
        try:
            for _ in store.read(stream, from_version=version):
                pass
        except CodecError as error:
            return error.line == position
        return False

    low, step = start, 1
    while fails_at(low + step):
        low, step = low + step, step * 2
    high = low + step
    while high - low > 1:
        middle = (low + high) // 2
        if fails_at(middle):
            low = middle
        else:
            high = middle
    return low


def _what(error: MatchEventsError) -> str:
    """What is wrong with a line, without the file, line and match the error then names."""
    if isinstance(error, RuleViolation):
        kind = type(error.event).__name__ if error.event is not None else "event"
        return f"{kind} rejected as version {error.version}: [{error.rule.value}] {error.detail}"
    if isinstance(error, CodecError):
        what = ".".join(part for part in (error.type_tag, error.field) if part)
        text = error.message if not what else f"{what}: {error.message}"
        return text if error.expected is None else f"{text}; expected {error.expected}"
    return str(error)
