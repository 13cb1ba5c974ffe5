"""JSON Lines logs: writing, streaming reads with line numbers, and replay into timelines and
projections."""

from __future__ import annotations

import io
import random
import tempfile
import tracemalloc
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matches import (
    ANFIELD_ID,
    ISTANBUL_ID,
    anfield_first_leg,
    bergamo_second_leg,
    istanbul_final,
)
from matchevents import (
    Event,
    Goal,
    KickOutcome,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchPostponed,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Rule,
    RuleViolation,
    Score,
    ShootoutKick,
    Side,
    Substitution,
    Timeline,
    full_time,
    half_time,
    kick_off,
)
from matchevents.codec import Codec, CodecError, dumps
from matchevents.events import Card, GoalAnnulled
from matchevents.log import LogProblem, Replayer, numbered_events, read_log, replay, write_log
from matchevents.projections import SCORE
from matchevents.testing import matches


def interleaved(streams: Sequence[Sequence[Any]], rng: random.Random) -> list[Any]:
    """The events of several matches merged as a live feed delivers them: each match in order."""
    queues = [list(stream) for stream in streams if stream]
    merged: list[Any] = []
    while queues:
        queue = rng.choice(queues)
        merged.append(queue.pop(0))
        if not queue:
            queues.remove(queue)
    return merged


@st.composite
def feeds(draw: st.DrawFn) -> list[Event]:
    """Several valid matches with distinct ids, interleaved."""
    count = draw(st.integers(1, 4))
    streams = [draw(matches(match_id=f"match-{number}")) for number in range(count)]
    return interleaved(streams, draw(st.randoms(use_true_random=False)))


def real_feed() -> list[Event]:
    return interleaved(
        [anfield_first_leg(), bergamo_second_leg(), istanbul_final()], random.Random(2024)
    )


# -- round trip through a file -------------------------------------------------------------------
@given(feeds())
def test_a_log_file_gives_back_exactly_the_events_written(events: list[Event]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        assert write_log(path, events) == len(events)
        assert list(read_log(path)) == events
        result = replay(path)
    assert result.problems == ()
    assert result.events == len(events)
    assert result.matches == len({event.match_id for event in events})


def test_appending_continues_a_log(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    events = real_feed()
    write_log(path, events[:10])
    write_log(path, events[10:], append=True, durable=True)
    assert list(read_log(path)) == events


@pytest.mark.parametrize("append", [False, True], ids=["replace", "append"])
def test_a_write_that_fails_midway_leaves_the_log_as_it_was(tmp_path: Path, append: bool) -> None:
    path = tmp_path / "feed.jsonl"
    events = real_feed()
    write_log(path, events)
    before = path.read_bytes()

    class NotAnEvent:
        pass

    with pytest.raises(CodecError):
        write_log(path, [*events[:5], NotAnEvent(), *events[5:]], append=append)  # type: ignore[list-item]

    def failing() -> Iterator[Event]:
        yield from events[:5]
        raise OSError("the source went away")

    with pytest.raises(OSError, match="went away"):
        write_log(path, failing(), append=append)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl"]  # no temporary file left


def test_a_log_is_written_through_a_symbolic_link_and_to_a_device(tmp_path: Path) -> None:
    target = tmp_path / "feed.jsonl"
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    events = real_feed()
    assert write_log(link, events, durable=True) == len(events)
    assert link.is_symlink()
    assert list(read_log(target)) == events
    assert write_log("/dev/null", events) == len(events)


def test_events_carry_their_line_numbers_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    events = anfield_first_leg()[:3]
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{dumps(events[0])}\n\n{dumps(events[1])}\n   \n{dumps(events[2])}\n")
    assert list(numbered_events(path)) == [(1, events[0]), (3, events[1]), (5, events[2])]


def test_a_binary_stream_can_be_read() -> None:
    events = anfield_first_leg()
    stream = io.BytesIO("".join(dumps(event) + "\n" for event in events).encode())
    assert list(read_log(stream)) == events


# -- bad lines ------------------------------------------------------------------------------------
def bad_log(tmp_path: Path) -> Path:
    events = anfield_first_leg()
    lines = [dumps(event) for event in events]
    lines.insert(2, '{"type": "goal", "v": 3, "match_id": "' + ANFIELD_ID + '", "side": "away"')
    first_goal = lines.index(dumps(events[2]))
    assert first_goal == 3
    lines.insert(5, lines[first_goal].replace('"side":"away"', '"side":"visitors"'))
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reading_stops_at_the_first_bad_line_naming_it(tmp_path: Path) -> None:
    path = bad_log(tmp_path)
    with pytest.raises(CodecError, match=r"bad\.jsonl:3: not valid JSON") as raised:
        list(read_log(path))
    assert raised.value.line == 3


def test_bad_lines_can_be_collected_and_skipped(tmp_path: Path) -> None:
    path = bad_log(tmp_path)
    errors: list[CodecError] = []
    numbers = [number for number, _ in numbered_events(path, on_error=errors.append)]
    assert [error.line for error in errors] == [3, 6]
    assert errors[1].field == "side"
    assert errors[1].match_id == ANFIELD_ID
    assert 3 not in numbers
    assert 6 not in numbers


def test_a_lenient_replay_reports_every_bad_line_with_its_match_and_rule(tmp_path: Path) -> None:
    events = anfield_first_leg()
    too_early = Goal(match_id=ANFIELD_ID, side=Side.HOME, scorer="Salah", at=MatchClock(12))
    path = tmp_path / "feed.jsonl"
    write_log(path, [events[0], too_early, *events[1:]])
    with path.open("a") as out:
        out.write("not json\n")
    result = replay(path, per_match=[SCORE], strict=False)
    assert result.problems[0] == LogProblem(
        2, ANFIELD_ID, Rule.NOT_STARTED, result.problems[0].message
    )
    assert result.problems[1].line == len(events) + 2
    assert result.problems[1].rule is None
    assert "not valid JSON" in result.problems[1].message
    assert str(result.per_match[ANFIELD_ID][0].line) == "0-3 (HT 0-1, FT 0-3)"


def test_a_strict_replay_raises_the_first_rule_violation() -> None:
    events = anfield_first_leg()
    events.insert(3, events[1])  # the first half kicks off twice
    with pytest.raises(RuleViolation) as raised:
        replay(events)
    assert (raised.value.match_id, raised.value.version) == (ANFIELD_ID, 4)


# -- replay -------------------------------------------------------------------------------------
def test_replaying_real_matches_gives_their_scores(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    write_log(path, real_feed())
    result = replay(path, per_match=[SCORE])
    scores = {match_id: str(states[0].line) for match_id, states in result.per_match.items()}
    assert scores == {
        ANFIELD_ID: "0-3 (HT 0-1, FT 0-3)",
        bergamo_second_leg()[0].match_id: "0-1 (HT 0-1, FT 0-1)",
        ISTANBUL_ID: "3-3 (HT 3-0, FT 3-3, AET 3-3, pens 2-3)",
    }
    assert result.matches == 3


@attrs.frozen
class EventCount:
    """A log-wide projection: how many events of each type."""

    def initial(self) -> dict[str, int]:
        return {}

    def apply(self, state: dict[str, int], event: object) -> dict[str, int]:
        name = type(event).__name__
        return {**state, name: state.get(name, 0) + 1}


@attrs.frozen(slots=True, kw_only=True)
class PointsDeducted:
    competition: str
    season: str
    team: str
    points: int


def test_competition_level_events_reach_the_log_wide_projections(tmp_path: Path) -> None:
    codec = Codec()
    codec.register(PointsDeducted, "points_deducted")
    deduction = PointsDeducted(competition="PL", season="2023-24", team="Everton", points=10)
    path = tmp_path / "feed.jsonl"
    write_log(path, [*anfield_first_leg(), deduction], codec=codec)
    result = replay(path, [EventCount()], codec=codec)
    assert result.states[0]["PointsDeducted"] == 1
    assert result.states[0]["Goal"] == 3


def test_progress_is_reported_on_long_replays(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    write_log(path, real_feed())
    seen: list[int] = []
    replay(path, progress=seen.append, progress_every=10)
    assert seen == [10, 20, 30, 40][: len(real_feed()) // 10]


# -- late events after a match is over ------------------------------------------------------------
def ended_matches() -> Iterator[list[Event]]:
    yield anfield_first_leg()
    yield istanbul_final()
    abandoned = anfield_first_leg()[:3]
    yield [*abandoned, MatchAbandoned(match_id=ANFIELD_ID, at=MatchClock(40), reason="fog")]
    yield [anfield_first_leg()[0], MatchAwarded(match_id=ANFIELD_ID, score=Score(3, 0))]
    annulled = [*abandoned, GoalAnnulled(match_id=ANFIELD_ID, goal_version=3)]
    yield [*annulled, MatchAbandoned(match_id=ANFIELD_ID)]


def late_events(match_id: str) -> list[Event]:
    at = MatchClock(70)
    return [
        MatchScheduled(match_id=match_id, home="A", away="B", competition="C", season="S"),
        LineupAnnounced(match_id=match_id, side=Side.HOME, starting=("A",)),
        kick_off(match_id),
        PeriodStarted(match_id=match_id, period=Period.SECOND_HALF),
        PeriodEnded(match_id=match_id, period=Period.SECOND_HALF),
        Goal(match_id=match_id, side=Side.HOME, scorer=None, at=at),
        GoalAnnulled(match_id=match_id, goal_version=1),
        GoalAnnulled(match_id=match_id, goal_version=3),
        ShootoutKick(match_id=match_id, side=Side.HOME, taker=None, outcome=KickOutcome.SAVED),
        Card(match_id=match_id, side=Side.AWAY, player="X", at=at),
        Substitution(match_id=match_id, side=Side.AWAY, player_off="X", player_on="Y", at=at),
        MatchAbandoned(match_id=match_id),
        MatchAwarded(match_id=match_id, score=Score(0, 3)),
        MatchPostponed(match_id=match_id),
    ]


@pytest.mark.parametrize(
    "ended", list(ended_matches()), ids=["ft", "pens", "abandoned", "awarded", "annulled"]
)
def test_a_replay_judges_late_events_as_the_full_timeline_does(ended: list[Event]) -> None:
    """A replay drops a match's timeline once it is over; late events get the same verdict (rule
    and version) the full timeline would give."""
    match_id = ended[0].match_id
    timeline = Timeline(match_id)
    timeline.extend(ended)
    for late in late_events(match_id):
        replayer = Replayer(strict=False)
        for event in ended:
            replayer.feed(event)
        accepted = replayer.feed(late, line=99)
        expected = timeline.check(late)
        problems = replayer.result().problems
        if expected is None:
            assert accepted
            assert problems == ()
            assert replayer.version_of(match_id) == len(ended) + 1
        else:
            assert not accepted
            assert problems == (LogProblem(99, match_id, expected.rule, expected.detail),)


# -- memory -------------------------------------------------------------------------------------
def synthetic_season(path: Path, matches_played: int) -> int:
    """A log of many real-looking matches played one after the other; returns its event count."""
    template = [dumps(event) + "\n" for event in istanbul_final()]
    with path.open("w", encoding="utf-8") as out:
        for number in range(matches_played):
            for line in template:
                out.write(line.replace(ISTANBUL_ID, f"match-{number}"))
    return matches_played * len(template)


def peak_memory_of_replay(path: Path) -> int:
    tracemalloc.start()
    try:
        replay(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_replay_memory_stays_flat_however_long_the_log(tmp_path: Path) -> None:
    """Timelines of finished matches are dropped: four times the log, about the same peak."""
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    synthetic_season(small, 150)
    events = synthetic_season(large, 600)
    small_peak, large_peak = peak_memory_of_replay(small), peak_memory_of_replay(large)
    assert events == 600 * len(istanbul_final())
    # What grows is only the packed state of each finished match (~40 bytes a match).
    assert large_peak < small_peak + 450 * 100


def test_log_wide_projections_fold_exactly_what_was_accepted() -> None:
    """Accepted events are folded in chunks (``apply_all`` where a projection has one): the
    result equals folding the accepted events one by one."""
    from matchevents.competitions import PREMIER_LEAGUE, LeagueTable
    from matchevents.projections import fold

    season = Path(__file__).resolve().parents[1] / "examples" / "premier-league-2023-24.jsonl"
    table = LeagueTable(PREMIER_LEAGUE, "English Premier League", "2023-24")
    replayed = replay(season, [table, EventCount()])
    by_fold = fold(table, read_log(season))
    assert table.standings(replayed.states[0]) == table.standings(by_fold)
    assert replayed.states[1]["PointsDeduction"] == 4
    assert sum(replayed.states[1].values()) == replayed.events == 1904


def test_thousands_of_finished_matches_are_each_remembered_exactly() -> None:
    """Finished matches are kept in a compact index: every one is still told apart from the
    others and from a new match, however many there are."""
    replayer = Replayer(strict=False)
    ids = [f"m-{number}" for number in range(5_000)]
    for match_id in ids:
        replayer.feed(
            MatchScheduled(match_id=match_id, home="A", away="B", competition="C", season="S")
        )
        replayer.feed(MatchAwarded(match_id=match_id, score=Score(3, 0)))
    rng = random.Random(8)
    for match_id in rng.sample(ids, 200):
        assert replayer.version_of(match_id) == 2
        assert replayer.feed(MatchAwarded(match_id=match_id, score=Score(0, 3)))
        assert replayer.version_of(match_id) == 3
        again = MatchScheduled(match_id=match_id, home="A", away="B", competition="C", season="S")
        assert not replayer.feed(again, line=1)
        assert replayer.result().problems[-1].rule is Rule.ALREADY_SCHEDULED
    fresh = MatchScheduled(match_id="m-5000", home="A", away="B", competition="C", season="S")
    assert replayer.feed(fresh)
    assert replayer.version_of("m-5000") == 1
    assert replayer.result().matches == 5_001


def test_a_deductions_problem_is_listed_where_the_deduction_is_whatever_the_line_numbers() -> None:
    """A deduction naming no team of its season is known to be wrong only once the replay is over,
    but it is listed where it came: a replayer fed file after file (line numbers starting again)
    keeps every problem in the order it was met."""
    from matchevents.competitions import PointsDeduction

    schedule = anfield_first_leg()[0]
    stray = Goal(match_id="never-scheduled", side=Side.HOME, scorer="X", at=MatchClock(3))
    replayer = Replayer(strict=False)
    replayer.feed(schedule, 5)  # the first file, from its line 5
    replayer.feed(stray, 6)
    phantom = PointsDeduction(
        competition=schedule.competition, season=schedule.season, team="Liverpool FC", points=3
    )
    replayer.feed(phantom, 1)  # the second file
    replayer.feed(attrs.evolve(stray, match_id="also-never-scheduled"), 2)
    problems = replayer.result().problems
    assert [(problem.line, problem.code or problem.rule.value) for problem in problems] == [
        (6, "first-event-must-be-schedule"),
        (1, "unknown-team"),
        (2, "first-event-must-be-schedule"),
    ]
    assert "did you mean 'Liverpool'?" in problems[1].message


# Any text a Python string can hold, lone surrogates included (no log holds one, but an id made in
# Python may, and an in-memory replay must not trip on it).
ANY_ID = st.text(st.characters(exclude_categories=()), min_size=1, max_size=8)


@given(st.lists(ANY_ID, min_size=1, max_size=60, unique=True), st.randoms())
def test_finished_matches_are_told_apart_by_any_id(ids: list[str], rng: random.Random) -> None:
    """The compact index of finished matches answers like a dict of their ids: non-ASCII ids, ids
    with lone surrogates, ids that are prefixes of one another."""
    replayer = Replayer(strict=False)
    for match_id in ids:
        replayer.feed(
            MatchScheduled(match_id=match_id, home="A", away="B", competition="C", season="S")
        )
        replayer.feed(MatchAwarded(match_id=match_id, score=Score(3, 0)))
    late = rng.sample(ids, len(ids) // 2)
    for match_id in late:
        assert replayer.feed(MatchAwarded(match_id=match_id, score=Score(0, 3)))
    assert {match_id: replayer.version_of(match_id) for match_id in ids} == {
        match_id: 3 if match_id in late else 2 for match_id in ids
    }
    assert replayer.result().matches == len(ids)


def test_a_match_id_with_a_lone_surrogate_replays_like_any_other() -> None:
    """Issue 16: the index of finished matches encoded ids as UTF-8, which a lone surrogate is
    not, and a lenient replay of such events crashed with UnicodeEncodeError."""
    m = "\ud800"
    events = [
        MatchScheduled(match_id=m, home="A", away="B", competition="C", season="S"),
        kick_off(m),
        half_time(m),
        PeriodStarted(match_id=m, period=Period.SECOND_HALF),
        full_time(m),  # the match is over: its timeline is packed into the index
        MatchAwarded(match_id=m, score=Score(3, 0)),  # found in the index by its id
    ]
    result = replay(events, per_match=[SCORE], strict=False)
    assert (result.events, result.matches, result.problems) == (len(events), 1, ())


@given(feeds(), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200))), st.booleans())
def test_feeding_many_events_at_once_equals_feeding_them_one_by_one(
    feed: list[Event], repeats: list[tuple[int, int]], chunked: bool
) -> None:
    """``Replayer.feed_all`` (what ``replay`` uses, the common case inline) gives exactly what
    ``feed`` gives event by event: the states, the problems (events repeated out of place are
    rejected, late ones after their match is over included) and the counts."""
    from matchevents.competitions import RESULTS

    events = list(feed)
    for source, target in repeats:  # an event again, somewhere else: mostly a bad line
        if events:
            events.insert(target % (len(events) + 1), events[source % len(events)])
    projections = [RESULTS, EventCount()] if chunked else [EventCount()]
    one_by_one = Replayer(projections, strict=False)
    for line, event in enumerate(events, 1):
        one_by_one.feed(event, line)
    at_once = Replayer(projections, strict=False)
    at_once.feed_all(enumerate(events, 1))
    assert at_once.result() == one_by_one.result()
