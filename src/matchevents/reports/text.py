"""Reports as text for people: aligned columns, results by competition, ties, tables, a match's
timeline and a log's bad lines. Each function returns lines; the command prints them.

``heading`` says how a heading line is shown: as it is (the default, for a pipe), or bold on a
terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from matchevents._wording import counted
from matchevents.formats import FormatKind
from matchevents.projections import MatchResult
from matchevents.reports.describe import match_title, result_text
from matchevents.reports.match import MatchReport
from matchevents.reports.replay import Report
from matchevents.reports.team import RunReport, TeamReport, TeamResults, match_line
from matchevents.reports.validation import (
    ValidationReport,
    after_bad_lines,
    nothing_read,
    problem_message,
)

__all__ = [
    "aligned",
    "match_lines",
    "problem_lines",
    "report_lines",
    "team_lines",
    "team_list_lines",
    "validation_summary",
]

Heading = Callable[[str], str]


def _plain(text: str) -> str:
    return text


def aligned(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    right: str,
    heading: Heading = _plain,
) -> list[str]:
    """A table in aligned columns, the header first; the columns whose letter in ``right`` is
    ``r`` align right, the others left (``"rlr"``). None is an empty cell."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(header)]

    def fmt(row: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if right[i] == "r" else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    return [heading(fmt(header)), *(fmt(row) for row in cells)]


def report_lines(report: Report, only: str | None = None, heading: Heading = _plain) -> list[str]:
    """What ``matchevents replay`` prints: the results of each competition's season, the ties,
    the tables (``only``: just ``"results"``, ``"ties"`` or ``"table"``, or a line saying the
    log has none), a blank line between two sections."""
    sections: list[list[str]] = []
    if only in (None, "results"):
        by_competition: dict[tuple[str, str], list[MatchResult]] = {}
        for result in report.results:
            by_competition.setdefault((result.competition, result.season), []).append(result)
        for (competition, season), results in by_competition.items():
            rows = [
                (r.stage or "", "" if r.day is None else r.day.isoformat(), result_text(r))
                for r in results
            ]
            table = aligned(("stage", "date", "result"), rows, "lll", heading)
            sections.append([heading(f"{competition} {season}"), *table])
    if only in (None, "ties") and report.ties:
        sections.append([heading("Ties"), *(f"  {tie}" for tie in report.ties)])
    if only in (None, "table"):
        for table_report in report.tables:
            standings = [
                (
                    f"{s.position}{'=' if s.shared else ''}",
                    s.team,
                    s.played,
                    s.won,
                    s.drawn,
                    s.lost,
                    s.goals_for,
                    s.goals_against,
                    f"{s.goal_difference:+d}",
                    s.points,
                    f"-{s.deducted}" if s.deducted else "",
                )
                for s in table_report.standings
            ]
            header = ("pos", "team", "P", "W", "D", "L", "GF", "GA", "GD", "Pts", "ded")
            title = heading(f"{table_report.title} (rules: {table_report.rules.name})")
            sections.append([title, *aligned(header, standings, "rlrrrrrrrrr", heading)])
    if not sections and only is not None and report.events:
        return [_NONE[only]]
    lines: list[str] = []
    for section in sections:
        if lines:
            lines.append("")
        lines += section
    return lines


_NONE: Final = {
    "results": "No results: the log has no match.",
    "ties": "No ties: the log has no knockout match.",
    "table": "No table: the log has no league match.",
}
"""What a report asked for one section says when the log has none of it."""


def match_lines(report: MatchReport, heading: Heading = _plain) -> list[str]:
    """What ``matchevents show`` prints: the match's title, each event with the minute and the
    running score, and the score line at the end (or at the minute asked for), with the tie's
    aggregate after a second leg."""
    if not report.events:
        return []
    schedule = report.schedule
    rows = report.rows
    lines = [] if schedule is None else [heading(match_title(schedule))]
    table = [
        (row["version"], row["minute"] or "", _running(row), row["event"])
        for row in rows[1 if schedule is not None else 0 :]
    ]
    lines += aligned(("v", "minute", "score", "event"), table, "rrll", heading)
    if schedule is not None:
        line = report.score
        at = f" at {report.at}" if report.at is not None else ""
        phases = f" ({line.phases})" if line.phases else ""
        aggregate = ""
        if schedule.format.kind is FormatKind.SECOND_LEG and schedule.format.first_leg:
            aggregate = f", aggregate {schedule.format.aggregate(line.final)}"
        final = f"{schedule.home} {line.final} {schedule.away}{phases}{aggregate}{at}"
        lines += ["", final]
    return lines


def _running(row: dict[str, Any]) -> str:
    penalties = row["penalties"]
    return row["score"] if penalties is None else f"{row['score']} (pens {penalties})"


def problem_lines(report: ValidationReport) -> list[str]:
    """Each bad line as ``LOG:LINE: match ID: [kind] what is wrong``, marked ``(after bad line N
    of this match)`` where an earlier bad line of its match likely caused it."""
    lines = []
    log = report.log
    for problem, after in zip(report.problems, after_bad_lines(report.problems), strict=True):
        match = f"match {problem.match_id}: " if problem.match_id else ""
        message = problem_message(problem, log)
        if after is not None:
            message += f" (after bad line {after} of this match)"
        lines.append(f"{log}:{problem.line}: {match}[{problem.kind}] {message}")
    return lines


def validation_summary(report: ValidationReport) -> str:
    """``LOG: 10 events of 2 matches accepted; valid`` (or how many lines are bad), with a hint
    where nothing was read."""
    problems = report.problems
    verdict = "valid" if not problems else counted(len(problems), "bad line")
    accepted = f"{counted(report.events, 'event')} of {counted(report.matches, 'match')}"
    hint = nothing_read(report.events, problems, report.log)
    return f"{report.log}: {accepted} accepted; {verdict}{hint}"


# -- one team (matchevents team) ------------------------------------------------------------------
_VENUES: Final = {"any": "", "home": " at home", "away": " away"}


def _records(rows: Sequence[tuple[str, Any]], heading: Heading) -> list[str]:
    table = [
        (
            name,
            r.played,
            r.won,
            r.drawn,
            r.lost,
            r.goals_for,
            r.goals_against,
            f"{r.goal_difference:+d}",
            r.points(),
        )
        for name, r in rows
    ]
    header = ("record", "P", "W", "D", "L", "GF", "GA", "GD", "Pts")
    return aligned(header, table, "lrrrrrrrr", heading)


def _run_lines(kind: str, which: str, run: RunReport | None, width: int) -> list[str]:
    lead = f"  {kind:<{width}}  {which:<7}"
    if run is None:
        return [f"{lead}   -"]
    span = match_line(run.first)
    if run.length > 1:
        span += f" to {match_line(run.last)}"
    lines = [f"{lead} {run.length:>3}  {span}"]
    around = []
    if run.after is not None:
        around.append(f"after {match_line(run.after)}")
    if run.ended_by is not None:
        around.append(f"ended by {match_line(run.ended_by)}")
    if around:
        lines.append(" " * (len(lead) + 6) + "; ".join(around))
    return lines


def team_lines(report: TeamReport, heading: Heading = _plain) -> list[str]:
    """What ``matchevents team`` prints: the team's records (overall, home, away, each
    competition), its current and longest streaks with their first and last matches (and the
    match before each, and the one that ended it), its recent form, and its head-to-head."""
    only = f" in {report.competition}" if report.competition else ""
    lines = [heading(f"{report.team}{only}: {counted(report.overall.played, 'match')}")]
    if not report.overall.played:
        return lines
    lines += _records(
        [
            ("overall", report.overall),
            ("home", report.home),
            ("away", report.away),
            *report.by_competition,
        ],
        heading,
    )
    venue = _VENUES[report.venue.value]
    lines += ["", heading(f"Streaks{venue}")]
    width = max(len(streak.kind.value) for streak in report.streaks)
    for streak in report.streaks:
        kind = streak.kind.value.replace("_", " ")
        lines += _run_lines(kind, "current", streak.current, width)
        lines += _run_lines("", "longest", streak.longest, width)
    lines += ["", heading(f"Form{venue}, last {len(report.form)}: {report.form or '-'}")]
    lines += [f"  {match_line(r)} ({r.competition})" for r in report.recent]
    against = report.against
    if against is not None:
        lines += ["", heading(f"Against {against.opponent}")]
        if not against.matches:
            lines.append("  no meeting")
        else:
            lines += _records(
                [
                    ("overall", against.overall),
                    ("home", against.home),
                    ("away", against.away),
                    *against.by_competition,
                ],
                heading,
            )
            lines += [f"  {match_line(r)} ({r.competition})" for r in against.matches]
    return lines


def team_list_lines(results: TeamResults, heading: Heading = _plain) -> list[str]:
    """Every team of a log with how many matches it played (``matchevents team LOG``)."""
    rows = sorted(((team, results.played(team)) for team in results.teams), key=lambda r: r[0])
    return aligned(("team", "matches"), rows, "lr", heading)
