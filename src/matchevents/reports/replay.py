"""A replay's report: every match's result, every tie, every league table and the log's problems,
as ``matchevents replay`` prints them."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import IO, Any, Final

import attrs

from matchevents.codec import Codec
from matchevents.competitions.results import ResultsProjection, ResultsState, chronological
from matchevents.competitions.rulesets import CompetitionRules
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import CodecError
from matchevents.events import MatchScheduled
from matchevents.log import LogProblem, Replayer, ReplayResult, numbered_events, replay
from matchevents.parallel import replay_parallel
from matchevents.projections import MatchResult
from matchevents.reports.tables import TableReport, league_tables
from matchevents.reports.ties import TieReport, pair_ties
from matchevents.teams import ClubRegistry

__all__ = ["PROGRESS_EVERY", "Report", "build_report", "report_of"]

PROGRESS_EVERY: Final = 100_000
"""How many lines a replay reads between two calls of its ``progress`` callback."""


@attrs.frozen(slots=True)
class Report:
    """What ``matchevents replay`` prints, as values.

    Attributes:
        results: every match, in the order of the log's competitions and then by kick-off.
        ties: every knockout tie (two legs, or a single knockout match).
        tables: the table of every league (or group) with league matches.
        problems: the log's bad lines, which were skipped.
        events: the events accepted.
    """

    results: tuple[MatchResult, ...]
    ties: tuple[TieReport, ...]
    tables: tuple[TableReport, ...]
    problems: tuple[LogProblem, ...]
    events: int


def build_report(
    source: str | os.PathLike[str] | IO[bytes] | Iterable[Any],
    *,
    until: date | None = None,
    rules: CompetitionRules | None = None,
    codec: Codec | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = PROGRESS_EVERY,
    workers: int = 1,
    teams: ClubRegistry | None = None,
) -> Report:
    """Replay a log (leniently: bad lines are reported and skipped) into results, ties and tables.

    Args:
        source: a JSON Lines log (path or binary file), or events.
        until: leave out matches played after this date (by their day: the kick-off's, or the
            schedule's date where the source gives no time) and deductions decided after it. A
            match with no day at all is left out too, and reported among the problems (code
            ``undated``), never silently counted.
        rules: the table rules for every league; by default a preset whose name the competition
            contains (``premier-league`` for "English Premier League"), else
            :data:`~matchevents.reports.DEFAULT_RULES` (see
            :func:`~matchevents.reports.rules_for`).
        codec: the codec to read the log with.
        progress: called with the number of lines read, every ``progress_every`` lines.
        progress_every: lines between two ``progress`` calls.
        workers: processes to replay a log file in, partitioned by match
            (:func:`~matchevents.parallel.replay_parallel`: the same report, no progress calls);
            a file without ``until`` only, anything else is replayed in this process.
        teams: a club registry to read the log's teams by (their canonical names), as
            :func:`~matchevents.log.replay` does.
    """
    results_projection = ResultsProjection()
    parallel = workers > 1 and until is None
    if parallel and isinstance(source, str | os.PathLike):
        replayed = replay_parallel(
            [source],
            [results_projection],
            workers=workers,
            strict=False,
            codec=codec,
            teams=teams,
        ).as_replay_result()
        return _report(replayed, rules)
    if until is None:
        replayed = replay(
            source,
            [results_projection],
            codec=codec,
            strict=False,
            progress=progress,
            progress_every=progress_every,
            teams=teams,
        )
        return _report(replayed, rules)
    replayer = Replayer([results_projection], strict=False)
    if isinstance(source, str | os.PathLike | io.IOBase):

        def unreadable(error: CodecError) -> None:
            replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)

        numbered: Iterable[tuple[int | None, Any]] = numbered_events(
            source,  # type: ignore[arg-type]
            codec=codec,
            on_error=unreadable,
        )
    else:
        numbered = ((None, event) for event in source)
    if teams is not None:
        renamed = teams.renamed
        numbered = ((number, renamed(event)) for number, event in numbered)
    fixtures: list[MatchScheduled] = []
    for count, (number, event) in enumerate(_until(numbered, until, replayer, fixtures), 1):
        replayer.feed(event, number)
        if progress is not None and count % progress_every == 0:
            progress(count)
    return _report(replayer.result(), rules, fixtures)


def _report(
    replayed: ReplayResult,
    rules: CompetitionRules | None,
    fixtures: Sequence[MatchScheduled] = (),
) -> Report:
    return report_of(
        replayed.states[0],
        rules=rules,
        fixtures=fixtures,
        problems=replayed.problems,
        events=replayed.events,
    )


def report_of(
    state: ResultsState,
    *,
    rules: CompetitionRules | None = None,
    fixtures: Sequence[MatchScheduled] = (),
    problems: Sequence[LogProblem] = (),
    events: int = 0,
) -> Report:
    """The report of a results state (:class:`~matchevents.competitions.results.ResultsState`),
    however it was folded: by a replay (what :func:`build_report` gives), or by a runner that
    keeps it current from a store (``matchevents follow``).

    Args:
        state: the results projection's state.
        rules: the table rules for every league; by default :func:`~matchevents.reports.rules_for`
            each competition.
        fixtures: schedules left out by a cut at a date whose teams still belong in the tables.
        problems: the bad lines of the log it was folded from.
        events: how many events it was folded from.
    """
    results = _ordered([*state.results, *_unfinished(state)])
    return Report(
        results=results,
        ties=pair_ties(results),
        tables=league_tables(results, state.deductions, rules, fixtures),
        problems=tuple(problems),
        events=events,
    )


def _until(
    numbered: Iterable[tuple[int | None, Any]],
    until: date,
    replayer: Replayer,
    later_fixtures: list[MatchScheduled],
) -> Iterator[tuple[int | None, Any]]:
    """The (line, event) pairs of matches played on or before ``until`` (by their day: the
    kick-off's, or the schedule's date), and of deductions decided by then. The schedules of
    later matches go to ``later_fixtures`` (their teams are still in the tables). A match with
    no day at all cannot be placed: it is left out and reported (``undated``) to ``replayer``."""
    later: set[str] = set()
    for number, event in numbered:
        kind = type(event)
        if kind is MatchScheduled:
            day = event.day
            if day is None or day > until:
                later.add(event.match_id)
                replayer.note_teams(event)  # its teams still play in the season
                if day is not None:
                    later_fixtures.append(event)
                else:
                    replayer.report(
                        LogProblem(
                            number,
                            event.match_id,
                            None,
                            f"{event.home} v {event.away} has no date (no kick-off, no date), "
                            f"so it cannot be placed before or after {until}: left out",
                            code="undated",
                        )
                    )
                continue
        elif kind is PointsDeduction:
            if event.on is not None and event.on > until:
                continue
        elif getattr(event, "match_id", None) in later:
            continue
        yield number, event


def _unfinished(state: ResultsState) -> list[MatchResult]:
    return [
        MatchResult.of(running.outcome)
        for running in state.running.values()
        if running.outcome.schedule is not None
    ]


def _ordered(results: Iterable[MatchResult]) -> tuple[MatchResult, ...]:
    """Grouped by competition and season in order of first appearance, then in the order
    played (:func:`~matchevents.competitions.results.chronological`: by kick-off, or by day
    where the source gives no times)."""
    groups: dict[tuple[str, str], list[MatchResult]] = {}
    for result in results:
        groups.setdefault((result.competition, result.season), []).append(result)
    ordered: list[MatchResult] = []
    for group in groups.values():
        ordered += chronological(group)
    return tuple(ordered)
