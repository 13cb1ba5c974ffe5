"""The exception hierarchy: everything matchevents raises on purpose derives from MatchEventsError.

Catch ``MatchEventsError`` to handle any library error; catch a subclass to handle one kind.
Domain errors (a rule of the match broken, a concurrency conflict) live here beside the errors
of the codec, the stores and the importers, so that users import them from one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matchevents.importers.report import ImportProblem
    from matchevents.rules import Rule


class MatchEventsError(Exception):
    """Root of every error matchevents raises on purpose."""


class InvalidValueError(MatchEventsError, ValueError):
    """A value object was built from values it cannot hold (a minute of -3, a score of -1).

    Also a ``ValueError``, so code that already catches ``ValueError`` keeps working.
    """


class RuleViolation(MatchEventsError):
    """An event was rejected because it breaks a rule of the match's state machine.

    The timeline is unchanged after the rejection.

    Attributes:
        match_id: the match whose timeline rejected the event.
        version: the version the event would have had if accepted (1 for the first event).
        rule: which rule was broken, as a :class:`~matchevents.rules.Rule`.
        detail: what exactly was wrong, in words.
        event: the rejected event.
    """

    def __init__(
        self, match_id: str, version: int, rule: Rule, detail: str, event: object = None
    ) -> None:
        self.match_id = match_id
        self.version = version
        self.rule = rule
        self.detail = detail
        self.event = event
        kind = type(event).__name__ if event is not None else "event"
        super().__init__(
            f"match {match_id!r}: {kind} rejected as version {version}: [{rule.value}] {detail}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the error picklable, so that it crosses process boundaries intact.
        return (type(self), (self.match_id, self.version, self.rule, self.detail, self.event))


class ConcurrencyError(MatchEventsError):
    """An append named an ``expected_version`` that is not the stream's current version.

    Another writer appended first. Reload the stream, decide again, and retry.

    Attributes:
        match_id: the stream that was written to.
        expected_version: the version the writer expected.
        actual_version: the version the stream actually had.
    """

    def __init__(self, match_id: str, expected_version: int, actual_version: int) -> None:
        self.match_id = match_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        super().__init__(
            f"match {match_id!r}: expected version {expected_version}, "
            f"but the stream is at version {actual_version}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.match_id, self.expected_version, self.actual_version))


class ListenerError(MatchEventsError):
    """A timeline's listener raised when told of an event the timeline had accepted.

    The event is stored: it broke no rule and has its version (unlike after a
    :class:`RuleViolation`, the timeline has changed), and every listener was still called with
    it, so that one failing subscriber does not keep the event from the others. The error is
    raised once every listener has been called; the first listener error is its ``__cause__``.

    Attributes:
        match_id: the match whose timeline accepted the event.
        version: the stream's version after the append: what ``append`` (or ``extend``) would
            have returned.
        failures: ``(version, error)`` pairs in the order they were raised: the version of the
            event a listener was being told of, and what that listener raised.
    """

    def __init__(
        self, match_id: str, version: int, failures: Sequence[tuple[int, Exception]]
    ) -> None:
        self.match_id = match_id
        self.version = version
        self.failures: tuple[tuple[int, Exception], ...] = tuple(failures)
        at, first = self.failures[0]
        more = len(self.failures) - 1
        super().__init__(
            f"match {match_id!r}: a listener raised {type(first).__name__} ({first}) when told "
            f"of version {at}, which is stored"
            + (f"; {more} more listener error{'s' if more > 1 else ''}" if more else "")
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.match_id, self.version, self.failures))


class ImportSourceError(MatchEventsError, ValueError):
    """A source file cannot be imported at all: it cannot be read, is not in the format it was
    imported as, or lacks what the import needs and cannot infer (the competition, the season).

    Bad *records* in a readable file are not this error: they are reported one by one (see
    :class:`BadRecordError`). Also a ``ValueError``. The message names the file.
    """


class UnnamedSourceError(ImportSourceError):
    """A source names no competition (or no season) and the import was given none.

    Attributes:
        reason: what is missing and where such a source would name it, without the advice to
            pass it (the command line names its own option, ``--competition``).
        missing: ``"competition"`` or ``"season"``: the argument to pass.
    """

    def __init__(self, reason: str, missing: str) -> None:
        self.reason = reason
        self.missing = missing
        super().__init__(f"{reason}; pass {missing}=...")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.reason, self.missing))


class BadRecordError(MatchEventsError):
    """An import asked to stop at the first bad record found one.

    Attributes:
        problem: the :class:`~matchevents.importers.report.ImportProblem`: the file, the record
            (line or number, date, teams, round) and what is wrong with it.
    """

    def __init__(self, problem: ImportProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problem,))


class CodecError(MatchEventsError, ValueError):
    """An encoded event could not be read (or an event could not be written).

    Raised for text that is not JSON, an unknown ``type`` tag, a missing, unknown or malformed
    field, or a schema version this library cannot upcast. Also a ``ValueError``. Nothing in a log
    is ever executed: types are looked up in the codec's registry, never imported by name.

    Attributes:
        message: what is wrong, in words.
        source: the file (or other source) the object came from, where known.
        line: the 1-based line number in ``source``, where known.
        type_tag: the object's ``type`` tag, where it has a readable one.
        field: the field that is wrong, where one is.
        expected: what the field (or object) should have held.
        match_id: the match the object names, where it names one.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        type_tag: str | None = None,
        field: str | None = None,
        expected: str | None = None,
        match_id: str | None = None,
    ) -> None:
        self.message = message
        self.match_id = match_id
        self.source = source
        self.line = line
        self.type_tag = type_tag
        self.field = field
        self.expected = expected
        if source is None:
            where = "" if line is None else f"line {line}"
        else:
            where = source if line is None else f"{source}:{line}"
        what = ".".join(part for part in (type_tag, field) if part)
        text = message if not what else f"{what}: {message}"
        if expected is not None:
            text = f"{text}; expected {expected}"
        super().__init__(f"{where}: {text}" if where else text)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_codec_error, (self.message, self.__dict__))


def _rebuild_codec_error(message: str, state: dict[str, object]) -> CodecError:
    names = ("source", "line", "type_tag", "field", "expected", "match_id")
    return CodecError(message, **{name: state.get(name) for name in names})  # type: ignore[arg-type]


class StoreError(MatchEventsError):
    """An event store cannot do what was asked: its storage is damaged, closed or unusable.

    The message names the store's location and what is wrong there.
    """


class StoreBusyError(StoreError):
    """A write gave up waiting for a lock another writer held longer than the store's timeout.

    The write was rolled back: nothing of it was stored, so it can be retried as it is (unlike a
    connection that broke while committing, where the stream's version says what happened). The
    message names the store and the stream.
    """


class TornTailError(StoreError):
    """A JSON Lines store ends in a partial line, left by a writer that crashed mid-append.

    The partial line was never acknowledged, so no acknowledged event is lost. The store reports
    it when opened and refuses appends until it is repaired (``repair=True`` or ``repair()``),
    which truncates the partial line.

    Attributes:
        path: the store's file.
        offset: the byte offset where the partial line starts.
        length: how many bytes it has.
    """

    def __init__(self, path: str, offset: int, length: int) -> None:
        self.path = path
        self.offset = offset
        self.length = length
        super().__init__(
            f"{path}: torn last line of {length} bytes at byte {offset} (a crash mid-append); "
            "open the store with repair=True to truncate it"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.offset, self.length))


class CheckpointError(MatchEventsError):
    """A projection checkpoint cannot be used as it is: unreadable, of a state layout this
    release cannot read (newer, or older with no upcaster), or of another store (the event it
    says it folded last is not there).

    Never resolved by guessing: the message names the checkpoint and says to rebuild it from the
    store (``rebuild=True``, or ``matchevents follow --rebuild``).
    """


class CheckpointConflictError(CheckpointError):
    """Another runner saved the checkpoint since this one loaded it: two runners fold the same
    read model. Nothing was saved; stop one of them (the saved checkpoint stays as it was).

    Attributes:
        name: the checkpoint.
        expected_position: the position this runner last saw saved (0: none).
        actual_position: the position saved now (0: none).
    """

    def __init__(self, name: str, expected_position: int, actual_position: int) -> None:
        self.name = name
        self.expected_position = expected_position
        self.actual_position = actual_position
        super().__init__(
            f"checkpoint {name!r} was saved at position {actual_position} by another runner, "
            f"not {expected_position} as this one expected; nothing saved: two runners fold the "
            "same read model, stop one"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.expected_position, self.actual_position))


class ProjectionError(MatchEventsError, ValueError):
    """A projection was asked for something its events cannot give.

    Raised for a stream a :class:`~matchevents.timeline.Timeline` would not have accepted in a way
    the projection can notice cheaply (an annulment naming a version that is not a goal, a second
    schedule in a per-match projection), for a version beyond the end of the stream, or for a
    missed event in a live projection. Also a ``ValueError``. The message names the version, and
    the match where it is known.
    """


class CompetitionDataError(MatchEventsError, ValueError):
    """The results or events of several matches contradict each other or the question asked.

    Raised by the competition read models (:mod:`matchevents.competitions`): two partial states
    merged that both hold the same match, a tie whose second leg's format disagrees with its first
    leg or rules, a record asked of a team for a match it did not play. Also a ``ValueError``. The
    message names the match and the team.
    """


class TeamNameError(MatchEventsError, ValueError):
    """A team's spelling names no single club of a club registry (:mod:`matchevents.teams`): no
    club is spelt so (unknown), or clubs of several countries are (ambiguous). Never resolved by
    chance. Also a ``ValueError``.

    Attributes:
        spelling: the spelling asked about, as given.
        candidates: for an ambiguous spelling, every club it may be (``"Liverpool (ENG)"``).
        closest: for an unknown spelling, the closest known names.
    """

    def __init__(
        self, spelling: str, candidates: tuple[str, ...] = (), closest: tuple[str, ...] = ()
    ) -> None:
        self.spelling = spelling
        self.candidates = candidates
        self.closest = closest
        if candidates:
            message = (
                f"{spelling!r} is ambiguous: it may be {' or '.join(candidates)} "
                "(add the country code, e.g. 'Name (ENG)', or a spelling of your own)"
            )
        else:
            hint = f"; closest: {', '.join(closest)}" if closest else ""
            message = f"{spelling!r} is no club the registry knows{hint}"
        super().__init__(message)

    @property
    def ambiguous(self) -> bool:
        """True if several clubs are spelt so, False if none is."""
        return bool(self.candidates)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.spelling, self.candidates, self.closest))


class ParallelReplayError(MatchEventsError):
    """A replay split across processes or a cluster found a bad line, or a log it cannot split.

    Raised by :mod:`matchevents.parallel` for the first bad line of the archive (a strict replay:
    the same line a sequential replay stops at), naming the file, the line and the match, with
    the original error as ``error``: a :class:`CodecError` (an unreadable line), a
    :class:`RuleViolation` (an event its timeline rejects) or a :class:`CompetitionDataError` (a
    points deduction naming no team of its season); and for files that do not hold whole matches
    when the replay is partitioned by file.

    Attributes:
        source: the file.
        line: the 1-based line number, where there is one.
        match_id: the match, where known.
        message: what is wrong, in words.
        error: the error the line raised, where there is one.
    """

    def __init__(
        self,
        source: str,
        line: int | None,
        match_id: str | None,
        message: str,
        error: MatchEventsError | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.match_id = match_id
        self.message = message
        self.error = error
        where = source if line is None else f"{source}:{line}"
        match = f" match {match_id!r}:" if match_id else ""
        super().__init__(f"{where}:{match} {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.source, self.line, self.match_id, self.message, self.error))
