"""The matchevents path: what a user writes to get league tables from a log.

``replay`` decodes every line with the codec into the library's event classes, validates every
event against its match's :class:`~matchevents.Timeline` (strict: the first bad line raises), and
folds the accepted events into the results projection that every :class:`LeagueTable` is built on
(``LeagueTable.apply`` is ``ResultsProjection.apply`` restricted to one competition and season; one
projection for the whole archive avoids folding every event into a hundred tables). Each
competition's season is then ranked with ``rank`` under :data:`RULES`.
"""

from __future__ import annotations

from benchmarks.baseline import Row, Tables
from matchevents.competitions import RESULTS, CompetitionRules, Criterion, rank
from matchevents.competitions.results import ResultsState
from matchevents.log import replay
from matchevents.projections.outcome import MatchResult

RULES = CompetitionRules(
    name="Benchmark leagues",
    tie_breakers=(Criterion.POINTS, Criterion.GOAL_DIFFERENCE, Criterion.GOALS_FOR),
    when_level="teams level on points, goal difference and goals for are listed by name",
)
"""Three points for a win; points, goal difference, goals for; then by name (unresolved)."""


def tables_of(state: ResultsState) -> Tables:
    """Every competition's season table from the results state, as plain rows."""
    seasons: dict[tuple[str, str], list[MatchResult]] = {}
    for result in state.results:
        seasons.setdefault((result.competition, result.season), []).append(result)
    tables: Tables = {}
    for key, results in seasons.items():
        rows: list[Row] = []
        for s in rank(RULES, results):
            rows.append((s.team, s.played, s.won, s.drawn, s.lost, s.goals_for, s.goals_against,
                         s.points))  # fmt: skip
        tables[key] = rows
    return tables


def run(path: str) -> tuple[int, Tables]:
    """Replay the log at ``path`` (decode, validate, fold): (events accepted, the tables)."""
    result = replay(path, [RESULTS])
    return result.events, tables_of(result.states[0])


def run_validate_only(path: str) -> tuple[int, Tables]:
    """Replay the log at ``path`` with no projection (decode and validate only): (events
    accepted, no tables). What the replay machinery itself holds, without any read model."""
    return replay(path).events, {}
