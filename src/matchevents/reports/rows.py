"""Reports as flat rows, one dict per match, tie, team of a table, event or problem: for CSV,
JSON and DataFrames (pandas or polars, where installed)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from matchevents.clock import Period
from matchevents.competitions.records import Record
from matchevents.competitions.results import outcome_of
from matchevents.errors import InvalidValueError
from matchevents.events import MatchScheduled, PeriodEnded, PeriodStarted, ShootoutKick
from matchevents.log import LogProblem
from matchevents.projections import SCORE, MatchResult, ScoreState
from matchevents.projections.timetravel import with_clocks
from matchevents.reports.describe import describe
from matchevents.reports.tables import TableReport
from matchevents.reports.team import RunReport, TeamReport, match_line
from matchevents.reports.ties import TieReport
from matchevents.reports.validation import after_bad_lines, problem_message

__all__ = [
    "problem_rows",
    "record_rows",
    "result_rows",
    "streak_rows",
    "table_rows",
    "team_json",
    "tie_rows",
    "timeline_rows",
    "to_dataframe",
]


def _score(score: Any) -> str | None:
    return None if score is None else str(score)


def result_rows(results: Iterable[MatchResult]) -> list[dict[str, Any]]:
    """One flat row per match: ids, teams, status, the final score and the score by phase."""
    rows = []
    for r in results:
        line = r.score
        rows.append(
            {
                "match_id": r.match_id,
                "competition": r.competition,
                "season": r.season,
                "stage": r.stage,
                "matchday": r.matchday,
                "date": None if r.day is None else r.day.isoformat(),
                "kickoff": None if r.kickoff is None else r.kickoff.isoformat(),
                "home": r.home,
                "away": r.away,
                "status": r.status.value,
                "home_goals": line.final.home,
                "away_goals": line.final.away,
                "half_time": _score(line.half_time),
                "full_time": _score(line.full_time),
                "after_extra_time": _score(line.after_extra_time),
                "penalties": _score(line.penalties),
                "awarded": _score(line.awarded),
                "winner": r.winner_team,
                "decided_by": None if r.decided_by is None else r.decided_by.value,
                "aggregate": _score(r.aggregate),
            }
        )
    return rows


def table_rows(tables: Iterable[TableReport]) -> list[dict[str, Any]]:
    """One flat row per team and table."""
    return [
        {
            "competition": table.competition,
            "season": table.season,
            "group": table.group,
            "group_inferred": table.group_inferred,
            "position": s.position,
            "team": s.team,
            "played": s.played,
            "won": s.won,
            "drawn": s.drawn,
            "lost": s.lost,
            "goals_for": s.goals_for,
            "goals_against": s.goals_against,
            "goal_difference": s.goal_difference,
            "points": s.points,
            "deducted": s.deducted,
        }
        for table in tables
        for s in table.standings
    ]


def tie_rows(ties: Iterable[TieReport]) -> list[dict[str, Any]]:
    """One flat row per tie: its legs and who went through. A tie of one match (a final) is
    decided as its match was (``regular_time``, ``extra_time``, ``penalties``, ``awarded``) and
    has no aggregate (None): its score is its match's, in the summary and the match's result
    row (see :attr:`TieReport.decided_by` and :attr:`TieReport.aggregate`)."""
    rows = []
    for tie in ties:
        outcome = tie.outcome
        decided_by = tie.decided_by
        home, away = tie.teams
        rows.append(
            {
                "competition": tie.legs[0].competition,
                "season": tie.legs[0].season,
                "stage": tie.legs[0].stage,
                "team1": home,
                "team2": away,
                "legs": " ".join(leg.match_id for leg in tie.legs),
                "winner": None if outcome is None else outcome.winner,
                "decided_by": None if decided_by is None else decided_by.value,
                "aggregate": _score(tie.aggregate),
                "penalties": None if outcome is None else _score(outcome.penalties),
                "summary": str(tie),
            }
        )
    return rows


def timeline_rows(events: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per event of a match: version, minute (carried over for events without one, as
    :func:`~matchevents.projections.timetravel.with_clocks` gives it), what happened, and the
    score after it."""
    rows = []
    schedule = events[0] if events and type(events[0]) is MatchScheduled else None
    state: ScoreState = SCORE.initial()
    shootout = kicked = False
    for version, (at, event) in enumerate(with_clocks(events), 1):
        state = SCORE.apply(state, event)
        if type(event) is PeriodStarted and event.period is Period.PENALTY_SHOOTOUT:
            shootout = True  # the shoot-out has no minutes
        if shootout:
            at = None
        text = describe(event, schedule)
        if type(event) is ShootoutKick:
            kicked = True
        elif type(event) is PeriodEnded and event.penalties is not None and not kicked:
            # Known only by its score: say so, rather than let the score pass for kicks.
            text += ", kicks not recorded"
        rows.append(
            {
                "version": version,
                "minute": None if at is None else str(at),
                "event": text,
                "score": str(state.line.live),
                "penalties": _score(state.line.penalties),
            }
        )
    return rows


def to_dataframe(rows: list[dict[str, Any]], library: str = "pandas") -> Any:
    """Rows (from :func:`result_rows` and friends) as a pandas or polars DataFrame.

    Raises:
        ImportError: the library is not installed (``pip install pandas`` or ``polars``).
        InvalidValueError: ``library`` is neither ``"pandas"`` nor ``"polars"``.
    """
    if library not in ("pandas", "polars"):
        raise InvalidValueError(f"library must be 'pandas' or 'polars', got {library!r}")
    module = importlib.import_module(library)
    return module.DataFrame(rows)


def problem_rows(problems: Sequence[LogProblem], log: Path) -> list[dict[str, Any]]:
    """One row per bad line of ``log``: line, match, rule (or None), kind, what is wrong, and
    the earlier bad line of the same match that likely caused it
    (:func:`~matchevents.reports.after_bad_lines`)."""
    return [
        {
            "line": problem.line,
            "match_id": problem.match_id,
            "rule": None if problem.rule is None else problem.rule.value,
            "kind": problem.kind,
            "message": problem_message(problem, log),
            "after_bad_line": after,
        }
        for problem, after in zip(problems, after_bad_lines(problems), strict=True)
    ]


# -- one team (matchevents team) ------------------------------------------------------------------
def _record(record: Record) -> dict[str, Any]:
    return {
        "played": record.played,
        "won": record.won,
        "drawn": record.drawn,
        "lost": record.lost,
        "goals_for": record.goals_for,
        "goals_against": record.goals_against,
        "goal_difference": record.goal_difference,
        "points": record.points(),
    }


def record_rows(report: TeamReport) -> list[dict[str, Any]]:
    """One row per record of a team's report: overall, home, away, then each competition (and
    against its opponent, where the report has one)."""
    scopes: list[tuple[str, str | None, Record]] = [
        ("overall", None, report.overall),
        ("home", None, report.home),
        ("away", None, report.away),
        *(("competition", name, record) for name, record in report.by_competition),
    ]
    against = report.against
    if against is not None:
        scopes += [
            ("against", None, against.overall),
            ("against at home", None, against.home),
            ("against away", None, against.away),
            *(("against in competition", n, r) for n, r in against.by_competition),
        ]
    return [
        {
            "team": report.team,
            "scope": scope,
            "competition": competition,
            "opponent": against.opponent if against and scope.startswith("against") else None,
            **_record(record),
        }
        for scope, competition, record in scopes
    ]


def _run(prefix: str, result: MatchResult | None) -> dict[str, Any]:
    return {
        f"{prefix}_date": None if result is None or result.day is None else result.day.isoformat(),
        f"{prefix}_match": None if result is None else match_line(result),
        f"{prefix}_match_id": None if result is None else result.match_id,
    }


def streak_rows(report: TeamReport) -> list[dict[str, Any]]:
    """One row per streak kind and run of a team's report (current, then longest), with the
    run's first and last matches, the match before it and the one that ended it."""
    rows = []
    for streak in report.streaks:
        runs: tuple[tuple[str, RunReport | None], ...] = (
            ("current", streak.current),
            ("longest", streak.longest),
        )
        for which, run in runs:
            rows.append(
                {
                    "team": report.team,
                    "kind": streak.kind.value,
                    "run": which,
                    "venue": report.venue.value,
                    "length": 0 if run is None else run.length,
                    **_run("first", None if run is None else run.first),
                    **_run("last", None if run is None else run.last),
                    **_run("after", None if run is None else run.after),
                    **_run("ended_by", None if run is None else run.ended_by),
                }
            )
    return rows


def _matches(report: TeamReport, results: Sequence[MatchResult]) -> list[dict[str, Any]]:
    rows = result_rows(results)
    for row, result in zip(rows, results, strict=True):
        row["outcome"] = outcome_of(result, report.team).letter
    return rows


def team_json(report: TeamReport) -> dict[str, Any]:
    """Everything a team's report holds, as JSON-ready values (``matchevents team --format
    json``)."""
    against = report.against
    return {
        "team": report.team,
        "venue": report.venue.value,
        "competition": report.competition,
        "records": record_rows(report),
        "streaks": streak_rows(report),
        "form": report.form,
        "recent": _matches(report, report.recent),
        "against": None
        if against is None
        else {"opponent": against.opponent, "matches": _matches(report, against.matches)},
    }
