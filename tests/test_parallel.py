"""A replay split across partitions (processes, a Dask cluster, or one process) gives what one
sequential replay of the same files gives: every mergeable projection's state (results in the
order matches ended, so tables, form and streaks; cards in the order shown), the per-match states
in order of first appearance, the problems with their file and line, and the counts; read by a
club registry (``teams=``) too.

The sequential reference is the library's own :class:`~matchevents.log.Replayer` fed the files
one after the other, exactly as :func:`~matchevents.log.replay` reads one file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from matchevents import Score
from matchevents.codec import dumps
from matchevents.competitions import (
    PREMIER_LEAGUE,
    RESULTS,
    LeagueTable,
    PointsDeduction,
    RecordBook,
    ResultsState,
    StreakKind,
    played_match,
    rank,
)
from matchevents.errors import (
    CodecError,
    CompetitionDataError,
    InvalidValueError,
    MatchEventsError,
    ParallelReplayError,
    RuleViolation,
)
from matchevents.events import (
    Event,
    Goal,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchScheduled,
    Side,
)
from matchevents.log import (
    LogProblem,
    Replayer,
    ReplayResult,
    numbered_events,
    read_log,
    replay,
    write_log,
)
from matchevents.parallel import (
    ArchiveReplay,
    PartitionBy,
    SourcedProblem,
    partition_of,
    replay_parallel,
    replay_store_parallel,
)
from matchevents.projections import DISCIPLINE, OUTCOME, SCORE, combine
from matchevents.stores import MemoryStore, SqliteStore, stream_of
from matchevents.teams import Club, ClubRegistry
from matchevents.testing import (
    ALL_ENDINGS,
    interleaved_feeds,
    interleavings,
    round_robin_seasons,
)

LEAGUE = LeagueTable(PREMIER_LEAGUE, "Test League", "2024-25")
MERGEABLE = (RESULTS, LEAGUE, DISCIPLINE, combine(RESULTS, DISCIPLINE))
"""Every mergeable projection the library ships, and a combination of them."""
PER_MATCH = (SCORE, OUTCOME)

# Temporary directories per example: hypothesis forbids function-scoped fixtures in @given.
_suppress = settings(suppress_health_check=[HealthCheck.too_slow])


# -- the sequential reference and helpers ------------------------------------------------------
class Reference(Replayer):
    """The sequential replayer, noting the file of each problem it records."""

    def __init__(self, *, strict: bool) -> None:
        super().__init__(MERGEABLE, per_match=PER_MATCH, strict=strict)
        self.source = ""
        self.sources: list[str] = []
        self.deduction_sources: list[str] = []

    def report(self, problem: LogProblem, error: MatchEventsError | None = None) -> None:
        self.sources.append(self.source)
        super().report(problem, error)

    def note_deduction(self, deduction: PointsDeduction, line: int | None) -> None:
        self.deduction_sources.append(self.source)
        super().note_deduction(deduction, line)

    def problem_sources(self, problems: Sequence[LogProblem]) -> list[str]:
        """The file of each problem of the result: a deduction naming no team of its season is
        reported once the replay is over, from the file the deduction is in."""
        unknown = iter(
            source
            for (_, deduction), source in zip(self.deductions, self.deduction_sources, strict=True)
            if deduction.team not in self.teams.get((deduction.competition, deduction.season), ())
        )
        others = iter(self.sources)
        return [next(unknown if p.code == "unknown-team" else others) for p in problems]


def sequential(
    paths: Sequence[Path], *, strict: bool = True, teams: ClubRegistry | None = None
) -> tuple[ReplayResult, list[str]]:
    """The files replayed one after the other in one process, each event read by ``teams`` (as
    :func:`~matchevents.log.replay` reads it); the problems' files beside."""
    replayer = Reference(strict=strict)

    def unreadable(error: CodecError) -> None:
        replayer.report(LogProblem(error.line, error.match_id, None, str(error)), error)

    for path in paths:
        replayer.source = str(path)
        for number, event in numbered_events(path, on_error=unreadable):
            replayer.feed(event if teams is None else teams.renamed(event), number)
    result = replayer.result()
    return result, replayer.problem_sources(result.problems)


def write_split(directory: Path, lines: Sequence[str], cuts: Sequence[int]) -> list[Path]:
    """``lines`` written to consecutive files, cut before each index of ``cuts``."""
    bounds = [0, *sorted(cuts), len(lines)]
    paths = []
    for number, (start, end) in enumerate(pairwise(bounds)):
        path = directory / f"part-{number:03}.jsonl"
        path.write_text("".join(line + "\n" for line in lines[start:end]), encoding="utf-8")
        paths.append(path)
    return paths


def orders(states: Sequence[Any]) -> list[tuple[list[str], list[str]]]:
    """What equality of states leaves out (dicts compare without their order): the order of the
    matches in progress and of the overturned results in every results state, combined or not."""
    found: list[tuple[list[str], list[str]]] = []
    for state in states:
        if isinstance(state, tuple):
            found += orders(state)
        elif isinstance(state, ResultsState):
            found.append((list(state.running), list(state.overturned)))
    return found


def assert_same(parallel: ArchiveReplay, reference: ReplayResult, sources: list[str]) -> None:
    assert parallel.states == reference.states
    assert orders(parallel.states) == orders(reference.states)  # in progress: in log order too
    assert parallel.per_match == reference.per_match
    assert list(parallel.per_match) == list(reference.per_match)  # first appearance order
    assert parallel.as_replay_result().problems == reference.problems
    assert [p.source for p in parallel.problems] == sources
    assert (parallel.events, parallel.matches) == (reference.events, reference.matches)


def what_went_wrong(error: BaseException | None) -> tuple[str | None, Any, str]:
    """The match, rule and message of a strict replay's error, as its problem gives them."""
    if isinstance(error, RuleViolation):
        return error.match_id, error.rule, error.detail
    if isinstance(error, CodecError):
        return error.match_id, None, str(error)
    assert isinstance(error, CompetitionDataError)
    return None, None, str(error)


def assert_lenient_and_strict_as_sequential(
    paths: list[Path], partitions: int, teams: ClubRegistry | None = None
) -> tuple[ParallelReplayError, LogProblem] | None:
    """Replayed leniently, the partitions merge to what one process gives, bad lines included;
    strictly, the problem a lenient replay lists first stops the replay, in one process or in
    partitions (named by its file and line); both read the teams by ``teams``, if given. Returns
    that error and the first problem, if any."""
    reference, sources = sequential(paths, strict=False, teams=teams)
    merged = replay_parallel(
        paths, MERGEABLE, per_match=PER_MATCH, partitions=partitions, strict=False, teams=teams
    )
    assert_same(merged, reference, sources)
    if not reference.problems:
        return None
    with pytest.raises(ParallelReplayError) as raised:
        replay_parallel(paths, MERGEABLE, partitions=partitions, teams=teams)
    first = merged.problems[0]
    assert (raised.value.source, raised.value.line) == (first.source, first.problem.line)
    problem = (first.problem.match_id, first.problem.rule, first.problem.message)
    assert what_went_wrong(raised.value.error) == problem
    with pytest.raises(MatchEventsError) as alone:
        sequential(paths, teams=teams)
    assert what_went_wrong(alone.value) == problem
    return raised.value, first.problem


def streaks_of(state: Any) -> dict[tuple[str, StreakKind], tuple[Any, ...]]:
    book = RecordBook.of(state)
    teams = sorted({team for r in state.results for team in (r.home, r.away)})
    return {(team, kind): book.streaks(team, kind) for team in teams for kind in StreakKind}


@st.composite
def archives(draw: st.DrawFn) -> tuple[list[Event], list[int]]:
    """Multi-match logs (a season's matches interleaved with deductions, or a live feed of
    matches of every ending) and arbitrary cut points, which may cut a match anywhere."""
    if draw(st.booleans()):
        season = draw(round_robin_seasons(max_teams=3, endings=ALL_ENDINGS, max_goals=3))
        events: list[Event] = draw(interleavings([*season.matches, season.sanctions]))
    else:
        events = draw(interleaved_feeds(max_matches=4, endings=ALL_ENDINGS, max_goals=3))
    cuts = draw(st.lists(st.integers(min_value=0, max_value=len(events)), max_size=4))
    return events, cuts


def renaming(events: Sequence[Event]) -> ClubRegistry:
    """A club registry that names every other team of the events' schedules otherwise
    (``Arsenal`` is ``The Arsenal``, its deductions too) and leaves the others as they are."""
    teams = sorted({t for e in events if isinstance(e, MatchScheduled) for t in (e.home, e.away)})
    return ClubRegistry([Club(f"The {team}", None, [team]) for team in teams[::2]])


def ids_in_reverse_partition_order(prefix: str, partitions: int = 2) -> tuple[str, str]:
    """Two match ids of which the first goes to a later partition than the second, so that a
    merge in partition order would put them the other way round."""
    candidates = [f"{prefix}-{number}" for number in range(50)]
    later = next(c for c in candidates if partition_of(c, partitions) == partitions - 1)
    earlier = next(c for c in candidates if partition_of(c, partitions) == 0)
    return later, earlier


def order_bearing_archive() -> tuple[list[Event], list[int]]:
    """A log whose merge in partition order would go wrong (with two partitions): two matches in
    play, a match abandoned and two finished, in log order but in reverse partition order; then,
    after a cut, the awards that end the abandoned one and overturn the finished ones."""
    first, second = ids_in_reverse_partition_order("in-play")
    abandoned, scheduled = ids_in_reverse_partition_order("unfinished")
    overturned_first, overturned_second = ids_in_reverse_partition_order("overturned")

    def match(match_id: str) -> list[Event]:
        return played_match(
            match_id,
            f"{match_id} home",
            f"{match_id} away",
            Score(1, 0),
            competition="Test League",
            season="2024-25",
        )

    events = [
        *match(first)[:2],  # scheduled, kicked off
        *match(second)[:2],
        *match(abandoned)[:2],
        MatchAbandoned(match_id=abandoned),
        *match(scheduled)[:1],  # scheduled only
        *match(overturned_first),
        *match(overturned_second),
    ]
    awards = [
        MatchAwarded(match_id=abandoned, score=Score(3, 0)),
        MatchAwarded(match_id=overturned_first, score=Score(0, 3)),
        MatchAwarded(match_id=overturned_second, score=Score(0, 3)),
        MatchAwarded(match_id=overturned_first, score=Score(0, 5)),
    ]
    return [*events, *awards], [len(events)]


# -- properties ---------------------------------------------------------------------------------
@_suppress
@given(archives(), st.integers(min_value=1, max_value=4), st.booleans())
@example(order_bearing_archive(), 2, False)
def test_a_log_cut_anywhere_and_partitioned_by_match_merges_to_the_sequential_result(
    archive: tuple[list[Event], list[int]], partitions: int, renamed: bool
) -> None:
    import tempfile

    events, cuts = archive
    teams = renaming(events) if renamed else None
    with tempfile.TemporaryDirectory() as directory:
        paths = write_split(Path(directory), [dumps(e) for e in events], cuts)
        reference, sources = sequential(paths, teams=teams)
        merged = replay_parallel(
            paths, MERGEABLE, per_match=PER_MATCH, partitions=partitions, teams=teams
        )
    assert_same(merged, reference, sources)
    assert merged.partitions == partitions
    # Order-dependent questions are answered alike: streaks and form over the merged results.
    assert streaks_of(merged.states[0]) == streaks_of(reference.states[0])


@_suppress
@given(archives(), st.integers(min_value=1, max_value=3), st.data())
def test_bad_lines_are_reported_with_their_file_and_line_in_archive_order(
    archive: tuple[list[Event], list[int]], partitions: int, data: st.DataObject
) -> None:
    import tempfile

    events, cuts = archive
    lines = [dumps(e) for e in events]
    # Bad lines anywhere: unreadable text, an unknown type, an event of a match never scheduled,
    # and a goal repeated after its match may be over (rejected by its timeline, or not).
    bad = [
        "{not json",
        '{"type":"no_such_event","v":1,"match_id":"m1"}',
        dumps(Goal(match_id="ghost", side=Side.HOME, scorer="X", at=MatchClock(10))),
        "",
    ]
    if lines:
        bad.append(data.draw(st.sampled_from(lines)))
    for line in data.draw(st.lists(st.sampled_from(bad), max_size=4)):
        lines.insert(data.draw(st.integers(min_value=0, max_value=len(lines))), line)
    with tempfile.TemporaryDirectory() as directory:
        paths = write_split(Path(directory), lines, cuts)
        stopped = assert_lenient_and_strict_as_sequential(paths, partitions)
        if stopped is not None:
            error, first = stopped
            assert error.match_id == first.match_id
            assert isinstance(error.error, CodecError | RuleViolation)


@_suppress
@given(archives(), st.integers(min_value=2, max_value=4), st.data())
def test_batch_lines_holding_several_matches_replay_as_in_one_process(
    archive: tuple[list[Event], list[int]], partitions: int, data: st.DataObject
) -> None:
    """A line may be a JSON array of events (a batch, accepted or refused whole when unreadable),
    whatever matches they belong to: each event counts in its own match, at the batch's line."""
    import tempfile

    events, cuts = archive
    # Besides the archive's events: an unreadable one (refusing its line), and goals of matches
    # never scheduled (each rejected, at its line, by its own match's partition).
    strays = [
        '{"type":"no_such_event","v":1}',
        *(
            dumps(Goal(match_id=f"ghost-{n}", side=Side.HOME, scorer="X", at=MatchClock(9)))
            for n in range(3)
        ),
    ]
    lines: list[str] = []
    rest = [dumps(event) for event in events]
    while rest:
        size = data.draw(st.integers(min_value=1, max_value=4), label="batch size")
        batch, rest = rest[:size], rest[size:]
        if size > 1:
            for stray in data.draw(st.lists(st.sampled_from(strays), max_size=2), label="strays"):
                batch.insert(data.draw(st.integers(0, len(batch))), stray)
        lines.append(batch[0] if size == 1 else "[" + ",".join(batch) + "]")
    teams = renaming(events) if data.draw(st.booleans(), label="renamed") else None
    with tempfile.TemporaryDirectory() as directory:
        paths = write_split(Path(directory), lines, [min(cut, len(lines)) for cut in cuts])
        assert_lenient_and_strict_as_sequential(paths, partitions, teams)


@given(st.text(min_size=1, max_size=20), st.integers(min_value=1, max_value=16))
def test_a_match_id_goes_to_the_same_partition_read_from_bytes_or_text(
    match_id: str, partitions: int
) -> None:
    from matchevents.parallel._routing import _owner

    schedule = played_match(match_id, "A", "B", Score(0, 0), competition="c", season="s")[0]
    line = dumps(schedule).encode()
    assert _owner(line, partitions) == partition_of(match_id, partitions)
    assert _owner(b"[" + line + b"," + line + b"]", partitions) == partition_of(
        match_id, partitions
    )
    assert 0 <= partition_of(match_id, partitions) < partitions


# -- examples: partitioned by file, errors, executors ------------------------------------------
def season_files(directory: Path, files: int = 3) -> list[Path]:
    """A small league, one file per round: whole matches in each file."""
    teams = ["Arsenal", "Chelsea", "Everton", "Fulham"]
    paths = []
    for round_number in range(files):
        home, away = teams[round_number % 4], teams[(round_number + 1) % 4]
        other_home, other_away = teams[(round_number + 2) % 4], teams[(round_number + 3) % 4]
        events = [
            *played_match(
                f"r{round_number}a",
                home,
                away,
                Score(round_number % 3, 1),
                competition="Test League",
                season="2024-25",
            ),
            *played_match(
                f"r{round_number}b",
                other_home,
                other_away,
                Score(2, round_number % 2),
                competition="Test League",
                season="2024-25",
            ),
        ]
        path = directory / f"round-{round_number}.jsonl"
        write_log(path, interleave(events[:5], events[5:]))
        paths.append(path)
    return paths


def interleave(left: list[Event], right: list[Event]) -> list[Event]:
    return [event for pair in zip(left, right, strict=True) for event in pair]


def test_files_holding_whole_matches_replay_one_partition_per_file(tmp_path: Path) -> None:
    paths = season_files(tmp_path, files=4)
    reference, sources = sequential(paths)
    merged = replay_parallel(paths, MERGEABLE, per_match=PER_MATCH, partition_by=PartitionBy.FILE)
    assert merged.partitions == 4
    assert_same(merged, reference, sources)
    table = LEAGUE.standings(merged.states[1])
    assert table.teams == LEAGUE.standings(reference.states[1]).teams


def test_partitioned_by_file_a_match_split_between_files_is_an_error_naming_both(
    tmp_path: Path,
) -> None:
    events = played_match("split", "A", "B", Score(1, 0), competition="c", season="s")
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_log(first, events[:2])
    write_log(second, events[2:])
    with pytest.raises(ParallelReplayError, match=r"also in .*a\.jsonl") as raised:
        replay_parallel([first, second], [RESULTS], partition_by=PartitionBy.FILE)
    assert (raised.value.source, raised.value.match_id) == (str(second), "split")
    # Partitioned by match, the same files replay as one log.
    merged = replay_parallel([first, second], [RESULTS], partitions=2)
    assert [r.match_id for r in merged.states[0].results] == ["split"]


def test_a_projection_that_cannot_merge_is_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"not mergeable.*replay it sequentially"):
        replay_parallel(season_files(tmp_path), [SCORE])


def test_the_strict_error_names_the_file_the_line_and_the_match(tmp_path: Path) -> None:
    paths = season_files(tmp_path, files=2)
    with open(paths[1], "a", encoding="utf-8") as out:
        out.write(dumps(Goal(match_id="r1a", side=Side.AWAY, scorer="Y", at=MatchClock(30))))
        out.write("\n")
    with pytest.raises(ParallelReplayError) as raised:
        replay_parallel(paths, [RESULTS], partitions=2)
    error = raised.value
    assert (error.source, error.line, error.match_id) == (str(paths[1]), 11, "r1a")
    assert isinstance(error.error, RuleViolation)
    assert str(error).startswith(f"{paths[1]}:11: match 'r1a': Goal rejected as version 6")


def test_problems_name_their_file(tmp_path: Path) -> None:
    paths = season_files(tmp_path, files=2)
    with open(paths[0], "a", encoding="utf-8") as out:
        out.write("{oops\n")
    merged = replay_parallel(paths, [RESULTS], partitions=2, strict=False)
    (problem,) = merged.problems
    assert isinstance(problem, SourcedProblem)
    assert (problem.source, problem.problem.line, problem.problem.rule) == (str(paths[0]), 11, None)
    assert str(problem).startswith(f"{paths[0]}: line 11:")
    assert merged.events == 20  # nothing else lost


def test_a_deduction_of_a_team_with_no_match_is_found_across_partitions(tmp_path: Path) -> None:
    """A deduction's team is checked against the teams of every partition (each worker sees
    only some matches): reported at its file and line as a sequential replay reports it, and
    raised when strict."""
    paths = season_files(tmp_path, files=3)
    deductions = [
        PointsDeduction(competition="Test League", season="2024-25", team=team, points=1)
        for team in ("Fulham", "Fulham FC")
    ]
    with open(paths[1], "a", encoding="utf-8") as out:
        out.writelines(dumps(deduction) + "\n" for deduction in deductions)
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    whole = tmp_path / "whole.jsonl"
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [expected] = replay(whole, [RESULTS], strict=False).problems
    first_file = len(paths[0].read_text(encoding="utf-8").splitlines())
    assert (expected.line, expected.kind) == (first_file + 12, "unknown-team")
    assert "did you mean 'Fulham'?" in expected.message
    for partitions in (1, 2, 3):
        merged = replay_parallel(paths, [RESULTS], partitions=partitions, strict=False)
        [problem] = merged.problems
        assert problem.source == str(paths[1])
        assert (problem.problem.line, problem.problem.message) == (12, expected.message)
        with pytest.raises(ParallelReplayError) as raised:
            replay_parallel(paths, [RESULTS], partitions=partitions)
        assert (raised.value.source, raised.value.line) == (str(paths[1]), 12)
        assert isinstance(raised.value.error, CompetitionDataError)
    with pytest.raises(CompetitionDataError, match="'Fulham FC'"):
        replay(whole, [RESULTS])


def deduction_then_a_refused_batch() -> list[str]:
    """The archive the batch property once failed on: a deduction for Arsenal (line 1), then a
    batch whose unreadable stray refuses the whole line (line 2), Arsenal's only schedule with
    it; the rest of the match follows line by line, each refused for want of its schedule."""
    schedule, *rest = played_match(
        "2024-25-md1-1",
        "Arsenal",
        "Chelsea",
        Score(1, 0),
        competition="Test League",
        season="2024-25",
    )
    deduction = PointsDeduction(
        competition="Test League",
        season="2024-25",
        team="Arsenal",
        points=1,
        reason="financial rules",
    )
    batch = [dumps(schedule), *map(dumps, rest[:3]), '{"type":"no_such_event","v":1}']
    return [dumps(deduction), "[" + ",".join(batch) + "]", *map(dumps, rest[3:])]


@pytest.mark.parametrize("partitions", [1, 2, 3])
def test_a_deduction_whose_team_is_scheduled_only_in_a_refused_batch_is_the_first_bad_line(
    tmp_path: Path, partitions: int
) -> None:
    """Its team is never scheduled, since the line naming it is refused: the deduction's problem
    is listed first, at line 1, so a strict replay, sequential or in partitions, stops there
    rather than at the refused line 2 (known bad first, but listed second)."""
    [path] = write_split(tmp_path, deduction_then_a_refused_batch(), [])
    stopped = assert_lenient_and_strict_as_sequential([path], partitions)
    assert stopped is not None
    error, first = stopped
    assert (error.source, error.line, first.kind) == (str(path), 1, "unknown-team")
    assert isinstance(error.error, CompetitionDataError)
    with pytest.raises(CompetitionDataError, match="'Arsenal'"):
        replay(path, MERGEABLE)


def test_a_strict_replay_stops_at_a_bad_line_when_a_later_schedule_names_the_deductions_team(
    tmp_path: Path,
) -> None:
    """A deduction whose team is not yet scheduled when a bad line comes is no problem once a
    later schedule names the team: the bad line is the first problem, strict or not."""
    lines = deduction_then_a_refused_batch()
    schedule = played_match(
        "2024-25-md2-1",
        "Chelsea",
        "Arsenal",
        Score(0, 0),
        competition="Test League",
        season="2024-25",
    )[0]
    paths = write_split(tmp_path, [*lines, dumps(schedule)], [2])
    stopped = assert_lenient_and_strict_as_sequential(paths, 2)
    assert stopped is not None
    error, first = stopped
    assert (error.source, error.line, first.kind) == (str(paths[0]), 2, "unreadable")
    assert isinstance(error.error, CodecError)


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    paths = season_files(tmp_path, files=1)
    with pytest.raises(InvalidValueError, match="workers must be 1 or more"):
        replay_parallel(paths, [RESULTS], workers=0)
    with pytest.raises(InvalidValueError, match="partitions must be 1 or more"):
        replay_parallel(paths, [RESULTS], partitions=0)


def test_a_process_pool_gives_the_sequential_result(tmp_path: Path) -> None:
    paths = season_files(tmp_path, files=3)
    reference, sources = sequential(paths)
    with ProcessPoolExecutor(max_workers=2) as pool:
        merged = replay_parallel(paths, MERGEABLE, per_match=PER_MATCH, executor=pool)
    assert merged.partitions == (os.cpu_count() or 1)
    assert_same(merged, reference, sources)
    assert_same(
        replay_parallel(paths, MERGEABLE, per_match=PER_MATCH, workers=2), reference, sources
    )


def require_distributed() -> Any:
    """Dask's ``distributed``: without it the test skips, saying why, except under ``CI=true``,
    where the test extra installs it and a skip would hide that it never ran."""
    try:
        import distributed
    except ModuleNotFoundError as missing:
        reason = f'Dask is optional: pip install "matchevents[dask]" ({missing})'
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"the Dask test must run on CI: {reason}")
        pytest.skip(reason)
    return distributed


@pytest.mark.parametrize("ci", ["true", ""])
def test_without_dask_the_dask_test_fails_on_ci_and_skips_elsewhere(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match=r"matchevents\[dask\]"):
        require_distributed()


def test_a_dask_local_cluster_gives_the_sequential_result(tmp_path: Path) -> None:
    distributed = require_distributed()
    paths = season_files(tmp_path, files=3)
    reference, sources = sequential(paths)
    with (
        # Workers as threads of this process: up in about a second on 2 cores (pickling to other
        # processes is the process pool test's part; the benchmark times a process cluster).
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        merged = replay_parallel(
            paths, MERGEABLE, per_match=PER_MATCH, executor=client.get_executor(), partitions=2
        )
        by_file = replay_parallel(
            paths,
            MERGEABLE,
            per_match=PER_MATCH,
            executor=client.get_executor(),
            partition_by=PartitionBy.FILE,
        )
    assert_same(merged, reference, sources)
    assert_same(by_file, reference, sources)


# -- a store's streams ---------------------------------------------------------------------------
def stored(store: Any, events: Sequence[Event]) -> Any:
    """``events`` appended one by one, each to its stream, in the order given (the store's global
    order is then the feed's order)."""
    for event in events:
        store.append(stream_of(event), [event])
    return store


@_suppress
@given(archives(), st.integers(min_value=1, max_value=4), st.booleans())
@example(order_bearing_archive(), 2, False)
def test_a_stores_streams_partitioned_by_match_merge_to_the_sequential_result(
    archive: tuple[list[Event], list[int]], partitions: int, renamed: bool
) -> None:
    events, _ = archive
    teams = renaming(events) if renamed else None
    store = stored(MemoryStore(), events)
    reference = replay(
        [s.event for s in store.read_all()],
        MERGEABLE,
        per_match=PER_MATCH,
        strict=False,
        teams=teams,
    )
    merged = replay_store_parallel(
        lambda: store,
        MERGEABLE,
        per_match=PER_MATCH,
        partitions=partitions,
        strict=False,
        teams=teams,
    )
    assert merged.states == reference.states
    assert orders(merged.states) == orders(reference.states)
    assert list(merged.per_match.items()) == list(reference.per_match.items())
    assert (merged.events, merged.matches) == (reference.events, reference.matches)
    assert [(p.problem.match_id, p.problem.rule) for p in merged.problems] == [
        (p.match_id, p.rule) for p in reference.problems
    ]


def test_an_sqlite_store_replays_on_a_process_pool(tmp_path: Path) -> None:
    paths = season_files(tmp_path, files=3)
    events = [event for path in paths for event in read_log(path)]
    database = tmp_path / "events.db"
    stored(SqliteStore(database), events).close()
    reference = replay(events, MERGEABLE, per_match=PER_MATCH)
    with ProcessPoolExecutor(max_workers=2) as pool:
        merged = replay_store_parallel(
            partial(SqliteStore, database), MERGEABLE, per_match=PER_MATCH, executor=pool
        )
    assert merged.as_replay_result() == reference
    # A bad event in a stream is named by its stream and its position in the store.
    with SqliteStore(database) as store:
        late = Goal(match_id="r0a", side=Side.HOME, scorer="Z", at=MatchClock(88))
        assert store.append("r0a", [late]) == 6  # after the match's five events
    with pytest.raises(ParallelReplayError) as raised:
        replay_store_parallel(partial(SqliteStore, database), [RESULTS], workers=2)
    assert (raised.value.source, raised.value.line, raised.value.match_id) == (
        "r0a",
        len(events) + 1,
        "r0a",
    )


class UnpositionedStore:
    """A store of one's own whose read of ``stream`` fails at ``version`` with a ``CodecError``
    that gives no position, after giving the events before it."""

    def __init__(self, store: MemoryStore, stream: str, version: int) -> None:
        self.store, self.stream, self.version = store, stream, version

    def streams(self) -> list[str]:
        return self.store.streams()

    def read(self, stream: str, from_version: int = 1) -> Any:
        for stored in self.store.read(stream, from_version):
            if stream == self.stream and stored.version == self.version:
                raise CodecError("not valid JSON", match_id=stream)
            yield stored

    def close(self) -> None:
        pass


def test_a_store_row_unreadable_at_no_position_names_its_stream_and_leaves_the_rest_out(
    tmp_path: Path,
) -> None:
    paths = season_files(tmp_path, files=1)
    events = list(read_log(paths[0]))
    store = stored(MemoryStore(), events)
    damaged = UnpositionedStore(store, "r0a", 3)
    # Strict: the stream it was reading is named, though the error gives no position.
    with pytest.raises(ParallelReplayError) as raised:
        replay_store_parallel(lambda: damaged, [RESULTS], partitions=2)
    assert (raised.value.source, raised.value.match_id) == ("r0a", "r0a")
    assert isinstance(raised.value.error, CodecError)
    # Lenient: the row is an unreadable line of its stream; the store cannot be read past it,
    # so the rest of the stream is left out, as the problem says, and every other stream is
    # replayed.
    lenient = replay_store_parallel(lambda: damaged, [RESULTS], partitions=2, strict=False)
    first_two = [e for e in events if e.match_id == "r0a"][:2]
    kept = [e for e in events if e.match_id != "r0a" or e in first_two]
    assert [(p.source, p.problem.line, p.problem.kind) for p in lenient.problems] == [
        ("r0a", None, "unreadable")
    ]
    assert "the rest of r0a (from version 3) is left out" in lenient.problems[0].problem.message
    reference = replay(kept, [RESULTS], strict=False)
    assert (lenient.states, lenient.events) == (reference.states, reference.events)


def test_an_archive_of_no_file_replays_to_the_initial_states() -> None:
    for partition_by in PartitionBy:
        empty = replay_parallel([], MERGEABLE, per_match=PER_MATCH, partition_by=partition_by)
        assert empty.states == tuple(p.initial() for p in MERGEABLE)
        assert (empty.per_match, empty.problems, empty.events, empty.matches) == ({}, (), 0, 0)


# -- real matches ----------------------------------------------------------------------------------
REAL = (
    "football-data/premier-league.season-2223.csv",
    "football-data/premier-league.season-2324.csv",
    "football-data/premier-league.season-2425.csv",
    "openfootball/cl.2018-19.txt",
    "openfootball/el.2023-24.txt",
    "openfootball/worldcup.2022.json",
)


def real_logs(shared_data: Path, directory: Path) -> list[Path]:
    """Each real file imported into its own log: whole matches in each."""
    from matchevents.importers import (
        import_football_data_csv,
        import_football_txt,
        import_openfootball_json,
    )

    paths = []
    for name in REAL:
        source = shared_data / name
        reader = {
            ".csv": import_football_data_csv,
            ".txt": import_football_txt,
            ".json": import_openfootball_json,
        }[source.suffix]
        log = directory / f"{source.stem}.jsonl"
        write_log(log, [event for match in reader(source).matches for event in match.events])
        paths.append(log)
    return paths


def test_real_seasons_replay_alike_by_file_and_by_match_on_a_process_pool(
    shared_data: Path, tmp_path: Path
) -> None:
    paths = real_logs(shared_data, tmp_path)
    reference, sources = sequential(paths)
    assert reference.matches == 380 * 3 + 125 + 141 + 61
    with ProcessPoolExecutor(max_workers=2) as pool:
        by_file = replay_parallel(
            paths, MERGEABLE, per_match=PER_MATCH, executor=pool, partition_by=PartitionBy.FILE
        )
        # The same archive as one feed cut at arbitrary lines, matches across files.
        lines = [line for path in paths for line in path.read_text().splitlines()]
        (tmp_path / "cut").mkdir()
        cut = write_split(tmp_path / "cut", lines, [1_000, 9_999, 10_000, 20_001])
        by_match = replay_parallel(cut, MERGEABLE, per_match=PER_MATCH, executor=pool)
    assert_same(by_file, reference, sources)
    assert by_match.as_replay_result().states == reference.states
    assert by_match.per_match == reference.per_match
    # The official 2023-24 table's top (before deductions, which these files do not hold).
    season = [
        r
        for r in by_match.states[0].results
        if (r.competition, r.season) == ("Premier League", "2023-24")
    ]
    table = rank(PREMIER_LEAGUE, season)
    assert (table.teams[0], table["Manchester City"].points, table["Arsenal"].points) == (
        "Manchester City",
        91,
        89,
    )


@pytest.mark.parametrize("partitions", [1, 2, 3])
def test_an_empty_batch_and_a_batch_of_no_objects_are_bad_lines_as_in_one_process(
    tmp_path: Path, partitions: int
) -> None:
    log = tmp_path / "batches.jsonl"
    match = played_match("m", "Alpha", "Beta", Score(1, 0), competition="L", season="1")
    good = [dumps(event) for event in match]
    log.write_text("\n".join([good[0], "[]", "[1, 2]", *good[1:]]) + "\n", encoding="utf-8")
    sequential = replay(log, strict=False)
    merged = replay_parallel([log], [], partitions=partitions, strict=False)
    assert [(p.problem.line, p.problem.message) for p in merged.problems] == [
        (p.line, p.message) for p in sequential.problems
    ]
    assert [p.line for p in sequential.problems] == [2, 3]
