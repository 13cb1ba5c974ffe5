"""One match of a log, as ``matchevents show`` prints it: found by its id or a part of one, its
accepted events (up to a minute, if asked) with the running score, and the lines its timeline
refused."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import attrs

from matchevents.clock import MatchClock
from matchevents.events import Event, MatchScheduled
from matchevents.log import LogProblem, numbered_events
from matchevents.projections import SCORE, ScoreLine
from matchevents.projections.timetravel import events_until
from matchevents.reports.rows import timeline_rows
from matchevents.timeline import Timeline

__all__ = ["MatchLookup", "MatchReport", "find_match", "match_report"]


@attrs.frozen(slots=True)
class MatchLookup:
    """Which match a name given by a user stands for.

    Attributes:
        wanted: the name given.
        match_id: the match's id: the name itself, or the only id containing it (ignoring
            case); None when no single match is named.
        seen: every match id of the log, in order of first appearance.
    """

    wanted: str
    match_id: str | None
    seen: tuple[str, ...]

    @property
    def suggestions(self) -> list[str]:
        """Up to five ids the user may have meant: those containing the name, else those
        spelt closest to it."""
        close = self.containing or difflib.get_close_matches(
            self.wanted, self.seen, n=5, cutoff=0.4
        )
        return close[:5]

    @property
    def containing(self) -> list[str]:
        """Every id containing the name (ignoring case), in order of first appearance."""
        wanted = self.wanted.lower()
        return [i for i in self.seen if wanted in i.lower()]

    @property
    def more(self) -> int:
        """How many ids containing the name :attr:`suggestions` leaves out (it gives five)."""
        return max(len(self.containing) - len(self.suggestions), 0)


def find_match(log: Path, wanted: str) -> MatchLookup:
    """The match of ``log`` that ``wanted`` names: exactly, or as the only id containing it."""
    ids: dict[str, None] = {}
    for _, event in numbered_events(log, on_error=lambda error: None):
        match_id = getattr(event, "match_id", None)
        if match_id is not None:
            ids[match_id] = None
    if wanted in ids:
        return MatchLookup(wanted, wanted, tuple(ids))
    lowered = wanted.lower()
    containing = [match_id for match_id in ids if lowered in match_id.lower()]
    return MatchLookup(wanted, containing[0] if len(containing) == 1 else None, tuple(ids))


@attrs.frozen(slots=True)
class MatchReport:
    """One match's timeline as a log holds it.

    Attributes:
        match_id: the match.
        events: its events the timeline accepted, in order (up to :attr:`at`, if given).
        skipped: its lines the timeline refused (line, rule, what is wrong).
        at: the minute the events stop at, or None for the whole match.
    """

    match_id: str
    events: tuple[Event, ...]
    skipped: tuple[LogProblem, ...]
    at: MatchClock | None = None

    @property
    def schedule(self) -> MatchScheduled | None:
        """The match's schedule, when the log has it."""
        first = self.events[0] if self.events else None
        return first if isinstance(first, MatchScheduled) else None

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row per event with the score after it
        (:func:`~matchevents.reports.timeline_rows`)."""
        return timeline_rows(self.events)

    @property
    def score(self) -> ScoreLine:
        """The score line after the last event."""
        state = SCORE.initial()
        for event in self.events:
            state = SCORE.apply(state, event)
        return state.line


def match_report(log: Path, match_id: str, *, at: MatchClock | str | None = None) -> MatchReport:
    """The events of one match of ``log`` that its timeline accepts, up to the minute ``at``
    (e.g. ``"45+2"``) if given; the lines it refuses are kept in :attr:`MatchReport.skipped`.
    Unreadable lines (of any match) are left to ``matchevents validate``.

    Raises:
        InvalidValueError: ``at`` is text that is not a match minute.
    """
    timeline = Timeline(match_id)
    skipped: list[LogProblem] = []
    for number, event in numbered_events(log, on_error=lambda error: None):
        if getattr(event, "match_id", None) != match_id:
            continue
        violation = timeline.check(event)
        if violation is None:
            timeline.append(event)
        else:
            skipped.append(LogProblem(number, match_id, violation.rule, violation.detail))
    events: tuple[Event, ...] = tuple(timeline.events)
    moment = MatchClock.parse(at) if isinstance(at, str) else at
    if moment is not None:
        events = tuple(events_until(events, moment))
    return MatchReport(match_id, events, tuple(skipped), moment)
