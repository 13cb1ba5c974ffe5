"""The ``matchevents`` command: replay, validate and inspect JSON Lines logs.

- ``matchevents replay LOG``: every match's score line (HT/FT/AET/pens where they apply), every
  tie's aggregate and outcome, and each league's table (one per group of a group stage; groups
  the stages do not name are inferred from the fixtures); ``--until DATE`` stops the log at a
  date; ``--format json`` or ``csv`` for scripts.
- ``matchevents validate LOG``: every bad line (line number, match, rule); exit status 1 if any.
- ``matchevents show LOG MATCH``: one match's timeline with the running score; ``--at MINUTE``
  stops it at a minute.
- ``matchevents import FORMAT FILE... -o LOG``: real data into a log (see
  :mod:`matchevents.importers.command`).

Exit status: 0 on success, 1 when the log has bad lines (the rest is still replayed and printed),
2 when the command cannot run (no such file, no such match, bad arguments). Tables are aligned for
people; with ``--format csv`` or ``json`` they are for programs. A progress line is written to a
terminal's standard error on long replays, never into a pipe.

The same reports are available in Python (:func:`build_report`) as plain rows
(:func:`result_rows`, :func:`table_rows`, :func:`tie_rows`, :func:`timeline_rows`) and, with pandas
or polars installed, as DataFrames (:func:`to_dataframe`).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import importlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, Final, TextIO

import attrs

from matchevents._wording import counted
from matchevents.clock import MatchClock, Period
from matchevents.codec import Codec
from matchevents.competitions.results import ResultsProjection, ResultsState, chronological
from matchevents.competitions.rulesets import PRESETS, CompetitionRules, Criterion, TieRules
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.competitions.table import Standing, rank
from matchevents.competitions.ties import TieDecision, TieOutcome, TieState
from matchevents.errors import CodecError, InvalidValueError, MatchEventsError
from matchevents.events import (
    Card,
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.formats import FormatKind
from matchevents.log import LogProblem, Replayer, ReplayResult, numbered_events, replay
from matchevents.parallel import replay_parallel
from matchevents.projections import SCORE, MatchResult, ScoreState
from matchevents.projections.timetravel import events_until, with_clocks
from matchevents.timeline import Timeline

__all__ = [
    "EXIT_BAD_LINES",
    "EXIT_OK",
    "EXIT_USAGE",
    "Report",
    "TableReport",
    "TieReport",
    "build_parser",
    "build_report",
    "main",
    "result_rows",
    "table_rows",
    "tie_rows",
    "timeline_rows",
    "to_dataframe",
]

EXIT_OK: Final = 0
"""Everything was read and printed."""
EXIT_BAD_LINES: Final = 1
"""The log has bad lines (reported); the rest was replayed and printed."""
EXIT_USAGE: Final = 2
"""The command could not run: no such file or match, or bad arguments."""

DEFAULT_RULES: Final = CompetitionRules(
    name="points, goal difference, goals scored",
    tie_breakers=(Criterion.POINTS, Criterion.GOAL_DIFFERENCE, Criterion.GOALS_FOR),
    shared_positions=True,
)
"""The table rules used for a competition with no preset: 3 points for a win, then goal
difference and goals scored; teams level on all three share a position."""

_PROGRESS_EVERY: Final = 100_000


# -- the report -----------------------------------------------------------------------------------
@attrs.frozen(slots=True)
class TieReport:
    """A knockout tie: its legs (one for a single match) and its outcome, if decided.

    Attributes:
        legs: the legs' results, first leg first.
        outcome: who went through and how, or None while undecided.
    """

    legs: tuple[MatchResult, ...]
    outcome: TieOutcome | None

    @property
    def teams(self) -> tuple[str, str]:
        """The first leg's home and away teams."""
        return self.legs[0].home, self.legs[0].away

    def __str__(self) -> str:
        home, away = self.teams
        outcome = self.outcome
        if outcome is not None and len(self.legs) == 1:
            return f"{home} v {away}: {_single_match_outcome(outcome)}"
        if outcome is not None:
            return f"{home} v {away}: {outcome}"
        first = self.legs[0]
        if len(self.legs) == 1 and first.format.kind is FormatKind.FIRST_LEG:
            return f"{home} v {away}: {first.score.final} after the first leg, second leg to come"
        return f"{home} v {away}: undecided"


def _single_match_outcome(outcome: TieOutcome) -> str:
    """E.g. ``Argentina win 4-2 on penalties (3-3 after extra time)``: a one-match tie has a
    score, not an aggregate."""
    after = "after extra time" if outcome.after_extra_time else "after 90 minutes"
    match outcome.decided_by:
        case TieDecision.PENALTIES:
            score = f"{outcome.aggregate} {after}"
            return f"{outcome.winner} win {outcome.penalties} on penalties ({score})"
        case TieDecision.EXTRA_TIME:
            return f"{outcome.winner} win {outcome.aggregate} after extra time"
        case TieDecision.AWARDED:
            return f"{outcome.winner} awarded the match {outcome.aggregate}"
        case _:
            return f"{outcome.winner} win {outcome.aggregate}"


@attrs.frozen(slots=True)
class TableReport:
    """A league table of one competition's season (one group, for a group stage).

    Attributes:
        competition: the competition.
        season: the season.
        group: the group, or None for a whole league: ``"Group A"`` from stages such as
            ``"Group A"``, ``"Group A, Matchday 3"`` or the German ``"Gruppe A"``. Where a group
            stage's stages name no group (``"Group, Matchday 1"``), the groups are inferred
            from who played whom (teams joined by their fixtures form a group) and numbered
            ``"Group 1"``, ``"Group 2"``, ... in order of their first match: the official
            letters cannot be known from the fixtures.
        rules: the rules it was ranked by.
        standings: the table, top first.
        group_inferred: True for a group inferred from the fixtures.
    """

    competition: str
    season: str
    group: str | None
    rules: CompetitionRules
    standings: tuple[Standing, ...]
    group_inferred: bool = False

    @property
    def title(self) -> str:
        """E.g. ``"Premier League 2023-24"``, ``"UEFA Champions League 2018-19, Group A"``, or
        for a group found from the fixtures ``"UEFA Champions League 2023-24, Group 1 (inferred
        from the fixtures)"``."""
        title = f"{self.competition} {self.season}"
        if not self.group:
            return title
        inferred = " (inferred from the fixtures)" if self.group_inferred else ""
        return f"{title}, {self.group}{inferred}"


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
    workers: int = 1,
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
            :data:`DEFAULT_RULES`.
        codec: the codec to read the log with.
        progress: called with the number of lines read, every 100,000 lines.
        workers: processes to replay a log file in, partitioned by match
            (:func:`~matchevents.parallel.replay_parallel`: the same report, no progress calls);
            a file without ``until`` only, anything else is replayed in this process.
    """
    results_projection = ResultsProjection()
    if workers > 1 and until is None and isinstance(source, str | os.PathLike):
        replayed = replay_parallel(
            [source], [results_projection], workers=workers, strict=False, codec=codec
        ).as_replay_result()
        return _report(replayed, rules)
    if until is None:
        replayed = replay(
            source,
            [results_projection],
            codec=codec,
            strict=False,
            progress=progress,
            progress_every=_PROGRESS_EVERY,
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
    fixtures: list[MatchScheduled] = []
    for count, (number, event) in enumerate(_until(numbered, until, replayer, fixtures), 1):
        replayer.feed(event, number)
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(count)
    return _report(replayer.result(), rules, fixtures)


def _report(
    replayed: ReplayResult,
    rules: CompetitionRules | None,
    fixtures: Sequence[MatchScheduled] = (),
) -> Report:
    state: ResultsState = replayed.states[0]
    results = _ordered([*state.results, *_unfinished(state)])
    return Report(
        results=results,
        ties=_ties(results),
        tables=_tables(results, state.deductions, rules, fixtures),
        problems=replayed.problems,
        events=replayed.events,
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


def _ties(results: Sequence[MatchResult]) -> tuple[TieReport, ...]:
    first_legs = {
        (r.competition, r.season, r.home, r.away): r
        for r in results
        if r.format.kind is FormatKind.FIRST_LEG
    }
    paired: set[str] = set()
    ties: list[TieReport] = []
    for result in results:
        kind = result.format.kind
        if kind is FormatKind.KNOCKOUT:
            ties.append(_tie((result,), TieRules()))
        elif kind is FormatKind.SECOND_LEG:
            first = first_legs.get((result.competition, result.season, result.away, result.home))
            fmt = result.format
            tie_rules = TieRules(
                away_goals=fmt.away_goals, extra_time=fmt.extra_time, shootout=fmt.shootout
            )
            if first is None:
                continue
            paired.add(first.match_id)
            ties.append(_tie((first, result), tie_rules))
    ties += [
        TieReport((first,), None) for first in first_legs.values() if first.match_id not in paired
    ]
    return tuple(ties)


def _tie(legs: tuple[MatchResult, ...], tie_rules: TieRules) -> TieReport:
    over = tuple(leg for leg in legs if leg.decided_by is not None)
    state = TieState(
        rules=tie_rules,
        legs=tuple(leg.match_id for leg in legs),
        results=ResultsState(log=_log_of(over)),
    )
    try:
        outcome = state.outcome
    except MatchEventsError:
        outcome = None
    return TieReport(legs, outcome)


def _log_of(results: Sequence[MatchResult]) -> Any:
    from matchevents.projections.sharedlog import SharedLog

    return SharedLog(results)


_NAMED_GROUP: Final = re.compile(r"(?:group|gruppe)\s+(?P<name>[a-z0-9]{1,2})", re.IGNORECASE)
_UNNAMED_GROUP: Final = re.compile(
    r"(?:group|gruppe)(?:n?phase|\s+stage|\s+phase)?|group-stage", re.IGNORECASE
)
_INFERRED: Final = "inferred"
"""The group of a group-stage match whose stage names no group: found from the fixtures."""


def _group_of(stage: str | None) -> str | None:
    """The group of a group-stage match by its stage: ``"Group A"`` from ``"Group A"``,
    ``"Group A, Matchday 1"`` or the German ``"Gruppe A"``; ``"inferred"`` for a stage of a
    group stage that names no group (``"Group, Matchday 1"``); None outside a group stage (a
    whole league)."""
    first = (stage or "").split(",", 1)[0].strip()
    named = _NAMED_GROUP.fullmatch(first)
    if named is not None:
        return f"Group {named['name'].upper()}"
    return _INFERRED if _UNNAMED_GROUP.fullmatch(first) else None


def _inferred_groups(
    pairs: Iterable[tuple[tuple[str, str], str, str]],
) -> dict[tuple[str, str, str], str]:
    """Each team's group, found from who plays whom in a group stage whose stages name no
    group: the teams joined by the fixtures (the connected components of the graph of matches)
    form a group. Groups are numbered in order of their first match, per competition's season:
    ``"Group 1"``, ``"Group 2"``, ... (the official letters cannot be known from the fixtures).

    Args:
        pairs: ``((competition, season), home, away)`` of every match of such a stage, played or
            to come, in the order played.

    Returns:
        ``(competition, season, team)`` -> the group's name.
    """
    parent: dict[tuple[str, str, str], tuple[str, str, str]] = {}

    def root(node: tuple[str, str, str]) -> tuple[str, str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    ordered: list[tuple[str, str, str]] = []
    for (competition, season), home, away in pairs:
        first, second = (competition, season, home), (competition, season, away)
        ordered += (first, second)
        a, b = root(first), root(second)
        if a != b:
            parent[b] = a
    numbers: dict[tuple[str, str, str], str] = {}
    counts: dict[tuple[str, str], int] = {}
    groups: dict[tuple[str, str, str], str] = {}
    for team in ordered:
        component = root(team)
        if component not in numbers:
            of = (team[0], team[1])
            counts[of] = counts.get(of, 0) + 1
            numbers[component] = f"Group {counts[of]}"
        groups[team] = numbers[component]
    return groups


def _tables(
    results: Sequence[MatchResult],
    deductions: Sequence[PointsDeduction],
    rules: CompetitionRules | None,
    fixtures: Sequence[MatchScheduled] = (),
) -> tuple[TableReport, ...]:
    """The table of every league and group; ``fixtures`` are schedules of matches left out (by
    ``--until``) whose teams still belong in the tables and whose pairings still say who is in
    which group."""
    matches: list[MatchResult | MatchScheduled] = [
        *(r for r in results if r.format.kind is FormatKind.LEAGUE),
        *(f for f in fixtures if f.format.kind is FormatKind.LEAGUE),
    ]
    inferred = _inferred_groups(
        ((m.competition, m.season), m.home, m.away)
        for m in matches
        if _group_of(m.stage) == _INFERRED
    )

    def group_of(match: MatchResult | MatchScheduled) -> tuple[str | None, bool]:
        group = _group_of(match.stage)
        if group != _INFERRED:
            return group, False
        return inferred[(match.competition, match.season, match.home)], True

    leagues: dict[tuple[str, str, str | None, bool], list[MatchResult]] = {}
    teams: dict[tuple[str, str, str | None, bool], dict[str, None]] = {}
    for match in matches:
        key = (match.competition, match.season, *group_of(match))
        played = leagues.setdefault(key, [])
        if isinstance(match, MatchResult):
            played.append(match)
        teams.setdefault(key, {}).update(dict.fromkeys((match.home, match.away)))
    # A deduction naming no team of its season is reported by the replay (unknown-team), and
    # left out here rather than listed as a team of its own.
    season_teams: dict[tuple[str, str], set[str]] = {}
    for (competition, season, _, _), names in teams.items():
        season_teams.setdefault((competition, season), set()).update(names)
    tables = []
    for key, played in leagues.items():
        competition, season, group, guessed = key
        chosen = rules or rules_for(competition, season)
        over = [result for result in played if result.decided_by is not None]
        known = season_teams[(competition, season)]
        own = [
            d
            for d in deductions
            if (d.competition, d.season) == (competition, season) and d.team in known
        ]
        table = rank(chosen, over, teams=teams[key], deductions=own if group is None else ())
        tables.append(
            TableReport(competition, season, group, chosen, table.standings, group_inferred=guessed)
        )
    # Per competition's season (in order of first match): the whole league, then its groups by
    # name (Group 2 before Group 10).
    first: dict[tuple[str, str], int] = {}
    for index, table_report in enumerate(tables):
        first.setdefault((table_report.competition, table_report.season), index)
    return tuple(
        sorted(
            tables,
            key=lambda t: (
                first[(t.competition, t.season)],
                t.group is not None,
                _natural(t.group or ""),
            ),
        )
    )


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders the numbers in ``text`` by value: "Group 2" before "Group 10"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )


def rules_for(competition: str, season: str = "") -> CompetitionRules:
    """The table rules for a competition's season, by its name.

    A UEFA club competition (Champions, Europa or Conference League) gets the group stage rules
    of its era (head-to-head first; until 2020-21 with away goals, from 2024-25 the league
    phase's); otherwise the preset whose key the name contains (``"English Premier League"``:
    ``premier-league``); otherwise :data:`DEFAULT_RULES`.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", competition.lower())
    if any(name in slug for name in _UEFA_CLUB_COMPETITIONS):
        year = int(season[:4]) if season[:4].isdigit() else None
        if year is not None and year <= 2020:
            return PRESETS["uefa-group-stage-until-2021"]
        if year is not None and year >= 2024:
            return PRESETS["uefa-league-phase"]
        return PRESETS["uefa-group-stage"]
    for key, preset in PRESETS.items():
        if key in slug:
            return preset
    return DEFAULT_RULES


_UEFA_CLUB_COMPETITIONS: Final = ("champions-league", "europa-league", "conference-league")


# -- rows, for CSV, JSON and DataFrames ------------------------------------------------------------
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
    """One flat row per tie: its legs and who went through."""
    rows = []
    for tie in ties:
        outcome = tie.outcome
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
                "decided_by": None if outcome is None else outcome.decided_by.value,
                "aggregate": None if outcome is None else str(outcome.aggregate),
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


# -- describing events ---------------------------------------------------------------------------
_PERIOD_NAMES: Final = {
    Period.FIRST_HALF: "first half",
    Period.SECOND_HALF: "second half",
    Period.EXTRA_TIME_FIRST_HALF: "extra time, first half",
    Period.EXTRA_TIME_SECOND_HALF: "extra time, second half",
    Period.PENALTY_SHOOTOUT: "penalty shoot-out",
}
_PERIOD_ENDS: Final = {
    Period.FIRST_HALF: "half-time",
    Period.SECOND_HALF: "full-time",
    Period.EXTRA_TIME_FIRST_HALF: "end of extra time, first half",
    Period.EXTRA_TIME_SECOND_HALF: "end of extra time",
    Period.PENALTY_SHOOTOUT: "end of the shoot-out",
}


def describe(event: Any, schedule: MatchScheduled | None = None) -> str:
    """One event in words, naming teams where the schedule is known."""

    def team(side: Any) -> str:
        return side.value if schedule is None else schedule.team(side)

    match event:
        case MatchScheduled():
            parts = [event.competition, event.season, event.stage]
            if event.venue:
                parts.append(event.venue)
            return f"scheduled: {event.home} v {event.away} ({', '.join(p for p in parts if p)})"
        case LineupAnnounced():
            return f"line-up {team(event.side)}: {', '.join(event.starting)}"
        case PeriodStarted(period=Period.FIRST_HALF):
            return "kick-off"
        case PeriodStarted():
            return f"{_PERIOD_NAMES[event.period]} begins"
        case PeriodEnded():
            recorded = "" if event.score is None else f" (recorded {event.score})"
            penalties = "" if event.penalties is None else f": {event.penalties} on penalties"
            return _PERIOD_ENDS[event.period] + recorded + penalties
        case Goal():
            kind = {GoalKind.PENALTY: " (pen.)", GoalKind.OWN_GOAL: " (o.g.)"}.get(event.kind, "")
            assist = f", assist {event.assist}" if event.assist else ""
            return f"goal {team(event.side)}: {event.scorer or 'unknown scorer'}{kind}{assist}"
        case GoalAnnulled():
            return f"goal of version {event.goal_version} annulled ({event.reason.value})"
        case ShootoutKick():
            taker = event.taker or "unknown taker"
            return f"penalty {team(event.side)}: {taker} {event.outcome.value.replace('_', ' ')}"
        case Card():
            return f"{event.kind.value.replace('_', ' ')} card {team(event.side)}: {event.player}"
        case Substitution():
            return f"substitution {team(event.side)}: {event.player_on} for {event.player_off}"
        case MatchAbandoned():
            return "abandoned" + (f": {event.reason}" if event.reason else "")
        case MatchAwarded():
            return f"awarded {event.score}" + (f": {event.reason}" if event.reason else "")
        case MatchPostponed():
            later = "" if event.new_kickoff is None else f", new kick-off {event.new_kickoff}"
            return "postponed" + (f": {event.reason}" if event.reason else "") + later
        case _:
            return type(event).__name__


# -- printing -------------------------------------------------------------------------------------
class _Printer:
    """Aligned tables; bold headers on a terminal, plain text in a pipe."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.styled = out.isatty() and os.environ.get("NO_COLOR") is None

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def heading(self, text: str) -> None:
        self.line(f"\033[1m{text}\033[0m" if self.styled else text)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]], right: str) -> None:
        """Columns aligned; the columns whose letter in ``right`` is ``r`` align right."""
        cells = [[("" if c is None else str(c)) for c in row] for row in rows]
        widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(header)]

        def fmt(row: Sequence[str]) -> str:
            return "  ".join(
                cell.rjust(width) if right[i] == "r" else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()

        self.heading(fmt(header))
        for row in cells:
            self.line(fmt(row))


def _print_report(report: Report, only: str | None, out: TextIO) -> None:
    printer = _Printer(out)
    sections = 0
    if only in (None, "results") and report.results:
        by_competition: dict[tuple[str, str], list[MatchResult]] = {}
        for result in report.results:
            by_competition.setdefault((result.competition, result.season), []).append(result)
        for (competition, season), results in by_competition.items():
            if sections:
                printer.line()
            printer.heading(f"{competition} {season}")
            rows = [
                (
                    r.stage or "",
                    "" if r.day is None else r.day.isoformat(),
                    _result_text(r),
                )
                for r in results
            ]
            printer.table(("stage", "date", "result"), rows, "lll")
            sections += 1
    if only in (None, "ties") and report.ties:
        if sections:
            printer.line()
        printer.heading("Ties")
        for tie in report.ties:
            printer.line(f"  {tie}")
        sections += 1
    if only in (None, "table"):
        for table in report.tables:
            if sections:
                printer.line()
            printer.heading(f"{table.title} (rules: {table.rules.name})")
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
                for s in table.standings
            ]
            header = ("pos", "team", "P", "W", "D", "L", "GF", "GA", "GD", "Pts", "ded")
            printer.table(header, standings, "rlrrrrrrrrr")
            sections += 1


def _result_text(result: MatchResult) -> str:
    text = str(result)
    status = result.status.value
    if result.decided_by is None:
        if status == "scheduled":
            return f"{result.home} v {result.away} (scheduled)"
        text += f" [{status.replace('_', ' ')}]"
    aggregate = result.aggregate
    if aggregate is not None:
        text += f", aggregate {aggregate}"
    return text


def _write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _knock_on(problems: Sequence[LogProblem]) -> list[int | None]:
    """For each rule a match's timeline says is broken, the line of the first earlier problem of
    that match, if any: a bad line early in a match (an unreadable kick-off) makes the timeline
    refuse much of what follows, and the reader should start with the first. (An unreadable
    line is a problem of its own, never a consequence.)"""
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


def _message(problem: LogProblem, log: Path) -> str:
    """What is wrong, without the file and line a codec error's message starts with (the
    report gives them in their own place)."""
    message = problem.message
    prefix = f"{log}:{problem.line}: "
    if problem.rule is None and problem.code is None and message.startswith(prefix):
        return message[len(prefix) :]
    return message


def _problem_rows(problems: Sequence[LogProblem], log: Path) -> list[dict[str, Any]]:
    return [
        {
            "line": problem.line,
            "match_id": problem.match_id,
            "rule": None if problem.rule is None else problem.rule.value,
            "kind": problem.kind,
            "message": _message(problem, log),
            "after_bad_line": after,
        }
        for problem, after in zip(problems, _knock_on(problems), strict=True)
    ]


# -- commands -------------------------------------------------------------------------------------
def _progress(err: TextIO, quiet: bool) -> Callable[[int], None] | None:
    if quiet or not err.isatty():
        return None

    def report(lines: int) -> None:
        err.write(f"\rreplaying: {lines:,} lines read")
        err.flush()

    return report


def _open_log(path: str, err: TextIO) -> Path | None:
    log = Path(path)
    if log.is_dir():
        err.write(f"matchevents: {path}: a folder, not a log (give a .jsonl file in it)\n")
        return None
    if not log.is_file():
        err.write(f"matchevents: {path}: no such file\n")
        return None
    return log


def _nothing_read(events: int, problems: Sequence[LogProblem], log: Path) -> str:
    """A hint for a log of which no event was accepted: empty, or no line of it readable (not
    a log at all); nothing for a log whose events were read and refused."""
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


def _run_replay(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    log = _open_log(args.log, err)
    if log is None:
        return EXIT_USAGE
    if args.workers < 1 or (args.workers > 1 and args.until is not None):
        err.write("matchevents: --workers needs a number of 1 or more, without --until\n")
        return EXIT_USAGE
    progress = _progress(err, args.quiet or args.workers > 1)
    report = build_report(
        log,
        until=args.until,
        rules=PRESETS[args.rules] if args.rules else None,
        progress=progress,
        workers=args.workers,
    )
    if progress is not None:
        err.write("\r\033[K")
    if args.format == "json":
        json.dump(
            {
                "events": report.events,
                "results": result_rows(report.results),
                "ties": tie_rows(report.ties),
                "tables": table_rows(report.tables),
                "problems": _problem_rows(report.problems, log),
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    elif args.format == "csv":
        only = args.only or "results"
        if only == "results":
            _write_csv(result_rows(report.results), out)
        elif only == "ties":
            _write_csv(tie_rows(report.ties), out)
        else:
            _write_csv(table_rows(report.tables), out)
    else:
        _print_report(report, args.only, out)
    # Matches a cut at a date cannot place are not bad lines of the log: say each one here.
    undated = [problem for problem in report.problems if problem.code == "undated"]
    bad_lines = len(report.problems) - len(undated)
    for problem in undated:
        err.write(f"matchevents: {args.log}:{problem.line}: match {problem.match_id}: ")
        err.write(f"[{problem.kind}] {problem.message}\n")
    if not report.events:
        hint = _nothing_read(0, report.problems, log)
        if args.until is not None and not hint:
            err.write(f"matchevents: {args.log}: nothing happened by {args.until}\n")
        else:
            err.write(f"matchevents: {args.log}: no event accepted{hint}\n")
    if bad_lines:
        err.write(
            f"matchevents: {counted(bad_lines, 'bad line')} in {args.log} "
            f"{'was' if bad_lines == 1 else 'were'} skipped; "
            f"run 'matchevents validate {args.log}' to list them\n"
        )
    return EXIT_BAD_LINES if report.problems else EXIT_OK


def _run_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    log = _open_log(args.log, err)
    if log is None:
        return EXIT_USAGE
    progress = _progress(err, args.quiet)
    result = replay(log, strict=False, progress=progress, progress_every=_PROGRESS_EVERY)
    if progress is not None:
        err.write("\r\033[K")
    problems = result.problems
    if args.format == "json":
        json.dump(
            {
                "log": str(log),
                "events": result.events,
                "matches": result.matches,
                "problems": _problem_rows(problems, log),
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        for problem, after in zip(problems, _knock_on(problems), strict=True):
            match = f"match {problem.match_id}: " if problem.match_id else ""
            rule = f"[{problem.kind}] "
            message = _message(problem, log)
            if after is not None:
                message += f" (after bad line {after} of this match)"
            out.write(f"{log}:{problem.line}: {match}{rule}{message}\n")
        verdict = "valid" if not problems else counted(len(problems), "bad line")
        accepted = f"{counted(result.events, 'event')} of {counted(result.matches, 'match')}"
        hint = _nothing_read(result.events, problems, log)
        err.write(f"{log}: {accepted} accepted; {verdict}{hint}\n")
    return EXIT_BAD_LINES if problems else EXIT_OK


def _match_title(schedule: MatchScheduled) -> str:
    details = [f"{schedule.competition} {schedule.season}"]
    if schedule.stage:
        details.append(schedule.stage)
    if schedule.kickoff is not None:
        details.append(schedule.kickoff.strftime("%Y-%m-%d %H:%M"))
    elif schedule.date is not None:
        details.append(schedule.date.isoformat())
    if schedule.venue:
        details.append(schedule.venue)
    return f"{schedule.home} v {schedule.away}: {', '.join(details)}"


def _running(row: dict[str, Any]) -> str:
    penalties = row["penalties"]
    return row["score"] if penalties is None else f"{row['score']} (pens {penalties})"


def _find_match(log: Path, wanted: str) -> tuple[str | None, list[str]]:
    """The match id ``wanted`` names (exactly, or as the only id containing it), and the ids
    seen (for suggestions)."""
    ids: dict[str, None] = {}
    for _, event in numbered_events(log, on_error=lambda error: None):
        match_id = getattr(event, "match_id", None)
        if match_id is not None:
            ids[match_id] = None
    if wanted in ids:
        return wanted, list(ids)
    lowered = wanted.lower()
    containing = [match_id for match_id in ids if lowered in match_id.lower()]
    return (containing[0] if len(containing) == 1 else None), list(ids)


def _run_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    log = _open_log(args.log, err)
    if log is None:
        return EXIT_USAGE
    match_id, seen = _find_match(log, args.match)
    if match_id is None:
        wanted = args.match.lower()
        close = [i for i in seen if wanted in i.lower()] or difflib.get_close_matches(
            args.match, seen, n=5, cutoff=0.4
        )
        if close:
            hint = f"; did you mean: {', '.join(close[:5])}"
        elif seen:
            hint = (
                f"; it holds {counted(len(seen), 'match', 'matches')}, e.g. {', '.join(seen[:3])} "
                f"('matchevents replay {log} --only results --format csv' lists their ids)"
            )
        else:
            hint = "; it holds no match"
        err.write(f"matchevents: no single match {args.match!r} in {log}{hint}\n")
        return EXIT_USAGE
    timeline = Timeline(match_id)
    problems: list[str] = []
    for number, event in numbered_events(log, on_error=lambda error: None):
        if getattr(event, "match_id", None) != match_id:
            continue
        violation = timeline.check(event)
        if violation is None:
            timeline.append(event)
        else:
            problems.append(f"{log}:{number}: [{violation.rule.value}] {violation.detail}")
    events: list[Event] = list(timeline.events)
    if args.at is not None:
        events = list(events_until(events, args.at))
    rows = timeline_rows(events)
    if args.format == "json":
        json.dump({"match_id": match_id, "events": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        _write_csv(rows, out)
    else:
        printer = _Printer(out)
        schedule = events[0] if events and isinstance(events[0], MatchScheduled) else None
        if schedule is not None:
            printer.heading(_match_title(schedule))
        table = [
            (row["version"], row["minute"] or "", _running(row), row["event"])
            for row in rows[1 if schedule is not None else 0 :]
        ]
        printer.table(("v", "minute", "score", "event"), table, "rrll")
        if schedule is not None:
            final = SCORE.initial()
            for event in events:
                final = SCORE.apply(final, event)
            line = final.line
            at = f" at {MatchClock.parse(args.at)}" if args.at is not None else ""
            phases = f" ({line.phases})" if line.phases else ""
            printer.line()
            printer.line(f"{schedule.home} {line.final} {schedule.away}{phases}{at}")
    for problem in problems:
        err.write(f"matchevents: skipped {problem}\n")
    return EXIT_BAD_LINES if problems else EXIT_OK


# -- the parser -----------------------------------------------------------------------------------
def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (expected e.g. 2024-04-11)"
        ) from None


def _minute(text: str) -> str:
    try:
        MatchClock.parse(text)
    except InvalidValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def build_parser() -> argparse.ArgumentParser:
    """The ``matchevents`` argument parser, with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="matchevents",
        description="Replay, validate and inspect football match event logs (JSON Lines).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    replay_parser = commands.add_parser(
        "replay",
        help="print every match's score, every tie's outcome and the league tables of a log",
        description="Replay a log: score lines (HT/FT/AET/pens), ties (aggregate and outcome) "
        "and league tables. Bad lines are skipped and counted (exit status 1).",
    )
    replay_parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    replay_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    replay_parser.add_argument(
        "--only",
        choices=("results", "ties", "table"),
        help="print one section (with --format csv: which one; default results)",
    )
    replay_parser.add_argument(
        "--until", type=_date, metavar="DATE", help="stop the log at a date (YYYY-MM-DD)"
    )
    replay_parser.add_argument(
        "--rules", choices=sorted(PRESETS), help="the league table rules (default: by name)"
    )
    replay_parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="replay in N processes, the log split by match (same output; not with --until)",
    )
    replay_parser.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    replay_parser.set_defaults(handler=_run_replay)

    validate_parser = commands.add_parser(
        "validate",
        help="check a log and report every bad line (exit status 1 if there is one)",
        description="Check every line of a log: readable, accepted by its match's timeline, "
        "and every points deduction naming a team that plays in its season. Each bad line is "
        "reported with its line number, match and rule.",
    )
    validate_parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    validate_parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    validate_parser.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    validate_parser.set_defaults(handler=_run_validate)

    show_parser = commands.add_parser(
        "show",
        help="print one match's timeline with the running score",
        description="Print one match's events with the score after each. MATCH is a match id, "
        "or a part of one that names a single match.",
    )
    show_parser.add_argument("log", metavar="LOG", help="a JSON Lines event log")
    show_parser.add_argument("match", metavar="MATCH", help="the match id, or a unique part")
    show_parser.add_argument(
        "--at", type=_minute, metavar="MINUTE", help="stop at a minute, e.g. 60 or 45+2"
    )
    show_parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    show_parser.set_defaults(handler=_run_show)

    from matchevents.importers.command import register as register_import

    register_import(commands)
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the ``matchevents`` command; returns its exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    try:
        handler: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.handler
        status = handler(args, out, err)
    except BrokenPipeError:
        # The reader (``| head``) has gone: stop quietly, and keep Python from complaining
        # when it flushes standard output on exit.
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except CodecError as error:
        err.write(f"matchevents: {error}\n")
        return EXIT_BAD_LINES
    except (OSError, MatchEventsError) as error:
        err.write(f"matchevents: {error}\n")
        return EXIT_USAGE
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
