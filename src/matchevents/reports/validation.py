"""A log's bad lines as a reader meets them: what ``matchevents validate`` reports, each problem
with the earlier bad line of its match that likely caused it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from matchevents.codec import Codec
from matchevents.log import LogProblem, replay
from matchevents.reports.replay import PROGRESS_EVERY

__all__ = [
    "ValidationReport",
    "after_bad_lines",
    "nothing_read",
    "problem_message",
    "validate_log",
]


@attrs.frozen(slots=True)
class ValidationReport:
    """What a check of every line of a log found.

    Attributes:
        log: the log checked.
        events: the events accepted.
        matches: the matches the log holds.
        problems: every bad line, in log order.
    """

    log: Path
    events: int
    matches: int
    problems: tuple[LogProblem, ...]

    @property
    def valid(self) -> bool:
        """True when no line is bad."""
        return not self.problems


def validate_log(
    log: Path,
    *,
    codec: Codec | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ValidationReport:
    """Check every line of a log: readable, accepted by its match's timeline, and every points
    deduction naming a team that plays in its season."""
    result = replay(
        log, codec=codec, strict=False, progress=progress, progress_every=progress_every
    )
    return ValidationReport(log, result.events, result.matches, result.problems)


def after_bad_lines(problems: Sequence[LogProblem]) -> list[int | None]:
    """For each problem that is a rule its match's timeline says is broken, the line of the
    first earlier problem of that match, if any (None otherwise): a bad line early in a match
    (an unreadable kick-off) makes the timeline refuse much of what follows, and the reader
    should start with the first. An unreadable line is a problem of its own, never a
    consequence."""
    first: dict[str, int | None] = {}
    after: list[int | None] = []
    for problem in problems:
        match_id = problem.match_id
        earlier = None
        if match_id is not None and problem.code is None:
            if match_id not in first:
                first[match_id] = problem.line
            elif problem.rule is not None:
                earlier = first[match_id]
        after.append(earlier)
    return after


def problem_message(problem: LogProblem, log: Path) -> str:
    """What is wrong, without the ``file:line:`` a codec error's message starts with (a report
    gives the file and line in their own place)."""
    message = problem.message
    prefix = f"{log}:{problem.line}: "
    if problem.rule is None and problem.code is None and message.startswith(prefix):
        return message[len(prefix) :]
    return message


def nothing_read(events: int, problems: Sequence[LogProblem], log: Path) -> str:
    """A hint, in parentheses after a space, for a log of which no event was accepted: it is
    empty, or no line of it is readable (not a log at all); ``""`` for a log whose events were
    read, refused or not."""
    if events:
        return ""
    if log.stat().st_size == 0:
        return " (the file is empty)"
    if problems and all(problem.kind == "unreadable" for problem in problems):
        return (
            " (is it a matchevents log? one JSON event per line, as 'matchevents import' or "
            "matchevents.log.write_log write them)"
        )
    return ""
