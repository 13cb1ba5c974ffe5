"""The matchevents path: what a user writes to get league tables from a log.

``replay`` decodes every line with the codec into the library's event classes, validates every
event against its match's :class:`~matchevents.Timeline` (strict: the first bad line raises), and
folds the accepted events into the results projection that every :class:`LeagueTable` is built on
(``LeagueTable.apply`` is ``ResultsProjection.apply`` restricted to one competition and season; one
projection for the whole archive avoids folding every event into a hundred tables). Each
competition's season is then ranked with ``rank`` under :data:`RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from benchmarks.baseline import Row, Tables
from matchevents.clock import Period
from matchevents.competitions import RESULTS, CompetitionRules, Criterion, rank
from matchevents.competitions.results import ResultsState, by_season
from matchevents.log import replay

RULES = CompetitionRules(
    name="Benchmark leagues",
    tie_breakers=(Criterion.POINTS, Criterion.GOAL_DIFFERENCE, Criterion.GOALS_FOR),
    when_level="teams level on points, goal difference and goals for are listed by name",
)
"""Three points for a win; points, goal difference, goals for; then by name (unresolved)."""


def tables_of(state: ResultsState) -> Tables:
    """Every competition's season table from the results state, as plain rows (by_season makes
    each season's results only while its table is ranked)."""
    tables: Tables = {}
    for key, results in by_season(state.results).items():
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


def run_decode_only(path: str) -> tuple[int, Tables]:
    """A stage, not a contender: the log read and decoded into the library's events (the codec's
    fast path), nothing else. The first stage of :func:`run`."""
    from matchevents.log import read_log

    events = 0
    for _event in read_log(path):
        events += 1
    return events, {}


def fold_only(path: str) -> Callable[[], tuple[int, Tables]]:
    """A stage, not a contender: the log decoded into a list first (untimed), then the returned
    function folds it into the results projection alone, in the replayer's chunks through
    ``apply_all``: what the fold costs without decoding or validation."""
    from matchevents.log import _CHUNK, read_log

    decoded = list(read_log(path))

    def run() -> tuple[int, Tables]:
        state = RESULTS.initial()
        apply_all = RESULTS.apply_all
        for start in range(0, len(decoded), _CHUNK):
            state = apply_all(state, decoded[start : start + _CHUNK])
        return len(decoded), {}

    return run


def run_validate_only(path: str) -> tuple[int, Tables]:
    """Replay the log at ``path`` with no projection (decode and validate only): (events
    accepted, no tables). What the replay machinery itself holds, without any read model."""
    return replay(path).events, {}


def run_typed_floor(path: str) -> tuple[int, Tables]:
    """A reference, not a contender: the log decoded into the library's attrs events (the
    codec's fast path) and counted into plain-dict tables like the baseline, with no validation
    and no projection. What having typed events costs before anything is done with them."""
    from benchmarks.baseline import add_result, ranked
    from matchevents.events import Goal, GoalAnnulled, MatchScheduled, PeriodEnded
    from matchevents.log import read_log
    from matchevents.score import Side

    home_side, second_half = Side.HOME, Period.SECOND_HALF
    matches: dict[str, list[Any]] = {}
    tables: dict[tuple[str, str], dict[str, list[int]]] = {}
    events = 0
    for event in read_log(path):
        events += 1
        kind = type(event)
        if kind is MatchScheduled:
            key = (event.competition, event.season)
            counts = tables.get(key)
            if counts is None:
                counts = tables[key] = {}
            matches[event.match_id] = [counts, event.home, event.away, 0, 0, 1, {}]
            continue
        match = matches[event.match_id]
        version = match[5] = match[5] + 1
        if kind is Goal:
            home = event.side is home_side
            match[3 if home else 4] += 1
            match[6][version] = home
        elif kind is GoalAnnulled:
            match[3 if match[6].pop(event.goal_version) else 4] -= 1
        elif kind is PeriodEnded and event.period is second_half:
            add_result(match[0], match[1], match[2], match[3], match[4])
            del matches[event.match_id]
    return events, {key: ranked(counts) for key, counts in tables.items()}


def run_naive(path: str) -> tuple[int, Tables]:
    """A reference, not a contender: the straightforward path the issue compares against. Each
    line parsed with orjson and structured by the public cattrs converter into its event class,
    then the same validation and fold as :func:`run` (``replay`` over the decoded events)."""
    import orjson

    from matchevents.codec import converter
    from matchevents.codec.builtin import BUILTIN

    classes = {tag: cls for cls, tag, _encode, _decode in BUILTIN}
    structure = converter.structure

    def events() -> Iterator[Any]:
        with open(path, "rb") as log:
            for line in log:
                obj = orjson.loads(line)
                cls = classes[obj.pop("type")]
                del obj["v"]
                yield structure(obj, cls)

    result = replay(events(), [RESULTS])
    return result.events, tables_of(result.states[0])
