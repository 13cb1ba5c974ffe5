"""JSON Lines logs: one encoded event per line, the events of many matches interleaved as a live
feed delivers them.

Reading streams line by line, so memory stays flat however large the file. :func:`replay` routes
each event to its match's :class:`~matchevents.timeline.Timeline`, validates it, and feeds the
accepted events to projections. A match's timeline is dropped as soon as the match is over; what
a late event (an award, a stray goal) needs to be judged exactly as the timeline would judge it
is packed into about 40 bytes per match. So a replay holds the matches in play, never the whole
log: 10 million events of 385,000 matches replay in 32 MB, of 1.25 million short matches (8
events each) in about 105 MB (peak resident memory, measured).

A log is plain UTF-8 text: blank lines are ignored, every other line is one JSON object as the
codec writes it (``{"type": "goal", "v": 3, "match_id": ...}``), or a JSON array of one or more
such objects: a batch that a store appended at once (all of its events were acknowledged together,
or none). Any other line is a bad line (a :class:`~matchevents.errors.CodecError`), however it is
broken: truncated, not UTF-8, nested too deeply, or holding a lone surrogate.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, Final

import attrs

from matchevents._files import Replacement
from matchevents.closed_matches import VERSION_BITS, ClosedIndex, ClosedMatch
from matchevents.codec import Codec, default_codec, parse_json
from matchevents.competitions.sanctions import PointsDeduction, unknown_team_message
from matchevents.errors import CodecError, CompetitionDataError, MatchEventsError, RuleViolation
from matchevents.events import (
    MatchAbandoned,
    MatchAwarded,
    MatchScheduled,
    PeriodEnded,
)
from matchevents.projections.base import Projection
from matchevents.rules import Rule
from matchevents.teams import ClubRegistry
from matchevents.timeline import MatchValidator

__all__ = [
    "LogProblem",
    "ReplayResult",
    "Replayer",
    "numbered_events",
    "read_log",
    "replay",
    "write_log",
]

PathLike = str | os.PathLike[str]


# -- writing --------------------------------------------------------------------------------------
def write_log(
    path: PathLike,
    events: Iterable[object],
    *,
    codec: Codec | None = None,
    append: bool = False,
    durable: bool = False,
    atomic: bool = True,
) -> int:
    """Write events to a JSON Lines file, one per line; returns how many were written.

    The file is written whole or not at all: the lines go to a hidden temporary file beside it,
    renamed over it once every event is written (appending copies the old content first), so an
    event the codec cannot write, or an error raised by ``events``, leaves the file as it was.
    A file that is not a regular one (``/dev/null``, a pipe) is written directly.

    Args:
        path: the file; created if missing, replaced unless ``append``.
        events: any events the codec knows, in log order.
        codec: the codec; the default one knows the whole catalogue.
        append: add to the end of an existing log instead of replacing it.
        durable: flush and fsync before returning (the file stores do this on every append).
        atomic: False to write in place (for a file that is already a temporary one).

    Raises:
        CodecError: an event the codec does not know; nothing is written.
        BlockingIOError: a store holds the file open (its lock); nothing is written.
    """
    dumps = (codec or default_codec).dumps
    if atomic and _regular_or_missing(path):
        with Replacement(path, keep=append) as replacement:
            count = _write_lines(replacement.path, events, dumps, append=True, durable=False)
            replacement.commit(durable=durable)
        return count
    return _write_lines(path, events, dumps, append=append, durable=durable)


def _regular_or_missing(path: PathLike) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


def _write_lines(
    path: PathLike,
    events: Iterable[object],
    dumps: Callable[[object], str],
    *,
    append: bool,
    durable: bool,
) -> int:
    count = 0
    with open(path, "a" if append else "w", encoding="utf-8", newline="\n") as out:
        write = out.write
        for event in events:
            write(dumps(event))
            write("\n")
            count += 1
        if durable:
            out.flush()
            os.fsync(out.fileno())
    return count


# -- reading --------------------------------------------------------------------------------------
def numbered_events(
    source: PathLike | IO[bytes],
    *,
    codec: Codec | None = None,
    on_error: Callable[[CodecError], None] | None = None,
) -> Iterator[tuple[int, Any]]:
    """Stream ``(line number, event)`` pairs from a JSON Lines log, lazily.

    Args:
        source: a path, or a binary file object.
        codec: the codec; the default one knows the whole catalogue.
        on_error: called with the :class:`~matchevents.errors.CodecError` of each bad line, which
            is then skipped. Without it, the first bad line raises.

    Raises:
        CodecError: a line is not a valid event (unless ``on_error`` is given); the error names
            the file and the line.
    """
    return _read(source, codec or default_codec, on_error, numbered=True)


def read_log(source: PathLike | IO[bytes], *, codec: Codec | None = None) -> Iterator[Any]:
    """Stream the events of a JSON Lines log, lazily, in log order.

    Raises:
        CodecError: a line is not a valid event; the error names the file and the line.
    """
    return _read(source, codec or default_codec, None, numbered=False)


def _read(
    source: PathLike | IO[bytes],
    codec: Codec,
    on_error: Callable[[CodecError], None] | None,
    *,
    numbered: bool,
) -> Iterator[Any]:
    """The one reading loop (a single generator between the file and the caller: this is the
    hot path of every replay)."""
    if isinstance(source, str | os.PathLike):
        name: str | None = os.fspath(source)
        stream: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed below, even if abandoned
    else:
        name, stream = getattr(source, "name", None), source
    decode, decode_batch = codec.decoder(), codec.decode_batch
    number = 0
    try:
        for raw in stream:
            number += 1
            try:
                try:
                    obj = parse_json(raw)
                except ValueError as error:
                    if raw.isspace():
                        continue
                    raise CodecError(
                        f"not valid JSON ({error})",
                        source=name,
                        line=number,
                        expected="one JSON object per line",
                    ) from None
                if type(obj) is not list:
                    event = decode(obj, number, name)
                    yield (number, event) if numbered else event
                    continue
                # A batch appended at once by a store: all of its events or none.
                batch = decode_batch(obj, line=number, source=name)
            except CodecError as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            for event in batch:
                yield (number, event) if numbered else event
    finally:
        if stream is not source:
            stream.close()


# -- replay ---------------------------------------------------------------------------------------
@attrs.frozen(slots=True)
class LogProblem:
    """One bad line of a log: unreadable, an event its match's timeline rejected, or an event
    that cannot be used for another reason (:attr:`code` says which).

    Attributes:
        line: the line number (None for events that did not come from a file).
        match_id: the match, where the line names one.
        rule: the rule the event breaks, for a rejected event; None otherwise.
        message: what is wrong, in words.
        code: for a problem that is neither an unreadable line nor a broken timeline rule, a
            stable identifier: ``"unknown-team"`` (a points deduction names a team that has no
            match in its competition's season), ``"undated"`` (a match with no date, left out
            of a replay cut at a date). None otherwise.
    """

    line: int | None
    match_id: str | None
    rule: Rule | None
    message: str
    code: str | None = None

    @property
    def kind(self) -> str:
        """What kind of problem, as a stable identifier: the rule's value, the :attr:`code`, or
        ``"unreadable"``."""
        if self.rule is not None:
            return self.rule.value
        return self.code if self.code is not None else "unreadable"

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "event"
        match = f" match {self.match_id}" if self.match_id else ""
        kind = f" [{self.kind}]" if self.rule is not None or self.code is not None else ""
        return f"{where}:{match}{kind} {self.message}"


@attrs.frozen(slots=True)
class ReplayResult:
    """What a replay produced.

    Attributes:
        states: the final state of each log-wide projection, in the order they were given.
        per_match: for each match (in order of first appearance), the final state of each
            per-match projection, in the order they were given.
        problems: every bad line, in log order (empty for a strict replay, which raises instead).
        events: how many events were accepted.
        matches: how many matches the log holds.
    """

    states: tuple[Any, ...]
    per_match: dict[str, tuple[Any, ...]]
    problems: tuple[LogProblem, ...]
    events: int
    matches: int


_ENDINGS: Final = frozenset({PeriodEnded, MatchAbandoned, MatchAwarded})
"""The events after which a match can be over."""
_CHUNK: Final = 1024
"""Accepted events folded at once. Events waiting in a chunk are young objects the cyclic
collector traverses and promotes; half of 2,048 cuts its time in a replay by a third (0.65 to
0.44 us an event on the 300k log, gc.callbacks) while the results fold alone costs the same."""


class Replayer:
    """Routes events to their match timelines, validates them and folds the accepted ones into
    projections, one event at a time.

    Log-wide projections (a league table, top scorers) see every accepted event; per-match
    projections (the score, the outcome) get one state per match and see only that match's
    events. Competition-level events (events without a ``match_id``) go straight to the log-wide
    projections. A rejected event is reported (or raised, when strict) and skipped; its match
    carries on.

    A :class:`~matchevents.competitions.sanctions.PointsDeduction` must name a team that plays
    in its competition's season, as the log's schedules name it: one that does not (``"Everton
    FC"`` in a log that says ``"Everton"``) would be a phantom row in a table, so it is reported
    when the replay ends (code ``unknown-team``, naming the closest team names), or raised as a
    :class:`~matchevents.errors.CompetitionDataError` by :meth:`result` when strict.

    Args:
        projections: log-wide read models, e.g. a league table.
        per_match: read models folded match by match, e.g. the score projection.
        strict: raise the first problem instead of collecting it: the one a lenient replay lists
            first (a bad line that follows a deduction whose team no schedule has named yet is
            raised by :meth:`result`, after the rest, unless that deduction's problem comes
            first).
        check_deductions: check the teams of points deductions when the replay ends (a replay
            of one part of a log, which does not see every schedule, leaves it to whoever
            combines the parts).
    """

    def __init__(
        self,
        projections: Sequence[Projection[Any]] = (),
        *,
        per_match: Sequence[Projection[Any]] = (),
        strict: bool = True,
        check_deductions: bool = True,
    ) -> None:
        self._projections = tuple(projections)
        self._states = [projection.initial() for projection in self._projections]
        self._per_match = tuple(per_match)
        self._match_states: dict[str, list[Any]] = {}
        self._strict = strict
        # The matches in play: each one's state machine alone (no Timeline, no events kept).
        self._live: dict[str, MatchValidator] = {}
        self._closed = ClosedIndex()
        self._closed_annulled: dict[str, int] = {}
        self._problems: list[LogProblem] = []
        self._accepted = 0
        # Accepted events wait here to be folded in chunks (``apply_all`` where a projection
        # has it, which is equal to repeated ``apply`` and faster).
        self._pending: list[Any] = []
        # The teams of every competition's season, and the points deductions with their lines,
        # so that a deduction naming no team of its season can be reported at the end.
        self.teams: dict[tuple[str, str], set[str]] = {}
        self.deductions: list[tuple[int | None, PointsDeduction]] = []
        # Where each deduction came among the problems, so that its own (known only once every
        # team is) is listed there, in log order, however the lines are numbered.
        self._deduction_places: list[int] = []
        self._check_deductions = check_deductions
        # Strict, the first problem when it waits for the end to know whether it is the first.
        self._held: MatchEventsError | None = None

    def feed(self, event: Any, line: int | None = None) -> bool:
        """Validate one event and, if accepted, fold it into every projection.

        Returns:
            True if the event was accepted.

        Raises:
            RuleViolation: the event breaks a rule of its match (strict replays only).
        """
        match_id = getattr(event, "match_id", None)
        if match_id is not None:
            match = self._live.get(match_id)
            try:
                if match is not None:
                    match.append(event)
                    if type(event) in _ENDINGS and match.is_over:
                        self._close(match_id, match)
                else:
                    closed = self._closed.get(match_id) if len(self._closed) else None
                    if closed is not None:
                        self._append_late(match_id, closed, event)
                    else:
                        match = MatchValidator(match_id)
                        match.append(event)  # a match's first event is its schedule
                        self._live[match_id] = match
                        self.note_teams(event)
            except RuleViolation as violation:
                self.report(LogProblem(line, match_id, violation.rule, violation.detail), violation)
                return False
        elif type(event) is PointsDeduction:
            self.note_deduction(event, line)
        self._accepted += 1
        if self._projections:
            pending = self._pending
            pending.append(event)
            if len(pending) >= _CHUNK:
                self._fold_pending()
        if self._per_match and match_id is not None:
            match_states = self._match_states.get(match_id)
            if match_states is None:
                match_states = [projection.initial() for projection in self._per_match]
                self._match_states[match_id] = match_states
            for index, projection in enumerate(self._per_match):
                match_states[index] = projection.apply(match_states[index], event)
        return True

    def feed_all(self, numbered: Iterable[tuple[int | None, Any]]) -> None:
        """Feed many ``(line, event)`` pairs: exactly :meth:`feed` on each in turn, which is its
        plain twin (a test holds them equal). The common case, an event of a match in play with
        no per-match projection, is handled here on local names; every other event goes through
        :meth:`feed`."""
        feed = self.feed
        if self._per_match or type(self).feed is not Replayer.feed:
            for line, event in numbered:
                feed(event, line)
            return
        live, pending, folding = self._live, self._pending, bool(self._projections)
        accepted = 0
        try:
            for line, event in numbered:
                try:
                    match = live.get(event.match_id)
                except AttributeError:  # a competition-level event
                    match = None
                if match is None:
                    feed(event, line)
                    continue
                try:
                    match.append(event)
                except RuleViolation as violation:
                    problem = LogProblem(line, match.match_id, violation.rule, violation.detail)
                    self.report(problem, violation)
                    continue
                if type(event) in _ENDINGS and match.is_over:
                    self._close(match.match_id, match)
                accepted += 1
                if folding:
                    pending.append(event)
                    if len(pending) >= _CHUNK:
                        self._fold_pending()
        finally:
            self._accepted += accepted

    def _fold_pending(self) -> None:
        pending, states = self._pending, self._states
        for index, projection in enumerate(self._projections):
            apply_all = getattr(projection, "apply_all", None)
            if apply_all is not None:
                states[index] = apply_all(states[index], pending)
            else:
                state, apply = states[index], projection.apply
                for event in pending:
                    state = apply(state, event)
                states[index] = state
        pending.clear()

    def _close(self, match_id: str, match: MatchValidator) -> None:
        if match.version >= 1 << VERSION_BITS:
            return  # too long to pack: keep its state machine
        packed, annulled = ClosedMatch.pack(match)
        self._closed.put(match_id, packed)
        if annulled:
            self._closed_annulled[match_id] = annulled
        del self._live[match_id]

    def _append_late(self, match_id: str, packed: int, event: Any) -> None:
        annulled = self._closed_annulled.get(match_id, 0)
        violation = ClosedMatch.check(packed, annulled, match_id, event)
        if violation is not None:
            raise violation
        self._closed.put(match_id, ClosedMatch.awarded(packed))

    def report(self, problem: LogProblem, error: MatchEventsError | None = None) -> None:
        """Record a problem found outside the replayer (an unreadable line), or raise it when
        strict."""
        if self._strict and self._held is None:
            failure = error if error is not None else MatchEventsError(str(problem))
            if not self._deduction_pending():
                raise failure
            # An earlier deduction names a team no schedule has yet: if none ever does, its
            # problem is listed first, so carry on as a lenient replay and raise at the end.
            self._held = failure
        self._problems.append(problem)

    def _deduction_pending(self) -> bool:
        teams = self.teams
        return self._check_deductions and any(
            deduction.team not in teams.get((deduction.competition, deduction.season), ())
            for _, deduction in self.deductions
        )

    def note_deduction(self, deduction: PointsDeduction, line: int | None) -> None:
        """Keep a points deduction (and its line) for the check of its team at the end."""
        self.deductions.append((line, deduction))
        self._deduction_places.append(len(self._problems))

    def note_teams(self, schedule: MatchScheduled) -> None:
        """Count a schedule's teams as teams of its competition's season (the replayer does so
        for every schedule it accepts; a replay that leaves matches out, cut at a date, notes
        theirs so that their teams' deductions are still known)."""
        key = (schedule.competition, schedule.season)
        teams = self.teams.get(key)
        if teams is None:
            teams = self.teams[key] = set()
        teams.add(schedule.home)
        teams.add(schedule.away)

    def version_of(self, match_id: str) -> int:
        """The number of accepted events of a match so far (0 for an unknown match)."""
        match = self._live.get(match_id)
        if match is not None:
            return match.version
        closed = self._closed.get(match_id)
        return 0 if closed is None else ClosedMatch.version(closed)

    def result(self) -> ReplayResult:
        """The projections' states and the problems so far, the points deductions that name no
        team of their season among them (in line order).

        Raises:
            CompetitionDataError: a points deduction names no team of its season (strict only).
        """
        self._fold_pending()
        problems = self._problems
        if self._check_deductions and self.deductions:
            placed = [
                (place, problem)
                for place, deduction in zip(self._deduction_places, self.deductions, strict=True)
                for problem in deduction_problems([deduction], self.teams)
            ]
            if placed and self._strict and placed[0][0] == 0:  # before any other problem
                raise CompetitionDataError(placed[0][1].message)
            if placed:
                problems = []
                done = 0
                for place, problem in placed:
                    problems += self._problems[done:place]
                    problems.append(problem)
                    done = place
                problems += self._problems[done:]
        if self._held is not None:
            raise self._held
        return ReplayResult(
            tuple(self._states),
            {match_id: tuple(states) for match_id, states in self._match_states.items()},
            tuple(problems),
            self._accepted,
            len(self._live) + len(self._closed),
        )


def deduction_problems(
    deductions: Iterable[tuple[int | None, PointsDeduction]],
    teams: Mapping[tuple[str, str], Collection[str]],
) -> list[LogProblem]:
    """A problem (code ``unknown-team``) for each points deduction, given with its line, whose
    team has no match in its competition's season among ``teams`` (the teams of each
    (competition, season)); the message names the deduction and the closest team names."""
    problems = []
    for line, deduction in deductions:
        known = teams.get((deduction.competition, deduction.season), ())
        if deduction.team not in known:
            message = unknown_team_message(deduction, known)
            problems.append(LogProblem(line, None, None, message, code="unknown-team"))
    return problems


def replay(
    source: PathLike | IO[bytes] | Iterable[Any],
    projections: Sequence[Projection[Any]] = (),
    *,
    per_match: Sequence[Projection[Any]] = (),
    codec: Codec | None = None,
    strict: bool = True,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 100_000,
    teams: ClubRegistry | None = None,
) -> ReplayResult:
    """Replay a log (a JSON Lines file, or any iterable of events) into projections.

    Each event is validated by its match's timeline; accepted events are folded into every
    projection in log order.

    Args:
        source: a path or binary file object of a JSON Lines log, or events.
        projections: log-wide read models to fold (every accepted event).
        per_match: read models folded match by match (see :class:`Replayer`).
        codec: the codec to read the file with.
        strict: raise at the first bad line; otherwise collect every problem and skip the line.
        progress: called with the number of lines read every ``progress_every`` lines.
        teams: a club registry to read the teams by: schedules and points deductions are
            folded with each team's canonical name (:meth:`~matchevents.teams.ClubRegistry.
            renamed`), so a log written with the sources' names reads as if imported with
            canonical ones; the log is left as it is.

    Raises:
        CodecError: an unreadable line (strict only).
        RuleViolation: an event its timeline rejects (strict only).
        CompetitionDataError: a points deduction names no team of its season (strict only).
    """
    replayer = Replayer(projections, per_match=per_match, strict=strict)
    numbered: Iterable[tuple[int | None, Any]]
    if isinstance(source, str | os.PathLike | io.IOBase):

        def unreadable(error: CodecError) -> None:
            replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)

        numbered = numbered_events(source, codec=codec, on_error=unreadable)  # type: ignore[arg-type]
    else:
        numbered = ((None, event) for event in source)
    if teams is not None:
        renamed = teams.renamed
        numbered = ((number, renamed(event)) for number, event in numbered)
    if progress is not None:
        numbered = _counted(numbered, progress, progress_every)
    replayer.feed_all(numbered)
    return replayer.result()


def _counted(
    numbered: Iterable[tuple[int | None, Any]], progress: Callable[[int], None], every: int
) -> Iterator[tuple[int | None, Any]]:
    """``numbered``, calling ``progress`` with the count every ``every`` pairs (once the last
    of them has been fed)."""
    for count, pair in enumerate(numbered, 1):
        yield pair
        if count % every == 0:
            progress(count)
