"""The benchmark's own checks: the generated log is valid, realistic and reproducible, and the
contenders compute the same tables (run with ``pytest benchmarks``)."""

from __future__ import annotations

import collections
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from benchmarks import baseline, generate, library, peer_eventsourcing
from benchmarks.baseline import Tables
from matchevents import (
    CardKind,
    Goal,
    GoalAnnulled,
    MatchScheduled,
    Period,
    PeriodStarted,
    Side,
    Timeline,
    clock,
    full_time,
    half_time,
    kick_off,
)
from matchevents.log import read_log, write_log

Runner = Callable[[str], tuple[int, Tables]]

MATCHES = 400  # ten rounds of the four leagues


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bench") / "log.jsonl"
    generate.write(str(path), MATCHES, seed=11)
    return str(path)


def test_every_generated_event_is_accepted_by_its_timeline(log: str) -> None:
    timelines: dict[str, Timeline] = {}
    for event in read_log(log):
        timeline = timelines.setdefault(event.match_id, Timeline(event.match_id))
        timeline.append(event)  # raises RuleViolation on an invalid event
    assert len(timelines) == MATCHES
    assert all(timeline.is_over for timeline in timelines.values())


def test_a_match_has_about_25_events_of_every_kind_a_feed_carries(log: str) -> None:
    events = list(read_log(log))
    kinds = collections.Counter(type(event).__name__ for event in events)
    assert 21 <= len(events) / MATCHES <= 26
    assert kinds["MatchScheduled"] == MATCHES
    assert kinds["LineupAnnounced"] == kinds["PeriodStarted"] == kinds["PeriodEnded"] == 2 * MATCHES
    assert 2.2 <= kinds["Goal"] / MATCHES <= 3.3
    assert kinds["GoalAnnulled"] > 0
    assert 3 <= kinds["Card"] / MATCHES <= 6
    assert 6 <= kinds["Substitution"] / MATCHES <= 10
    sent_off = [
        e for e in events if getattr(e, "kind", None) in (CardKind.RED, CardKind.SECOND_YELLOW)
    ]
    assert sent_off


def test_matches_of_a_round_are_interleaved_as_a_live_feed_delivers_them(log: str) -> None:
    first_ids = [event.match_id for event in list(read_log(log))[:200]]
    assert len(set(first_ids)) == 40  # all 40 matches of the first round are under way at once
    switches = sum(a != b for a, b in pairwise(first_ids))
    assert switches > 100


def test_the_same_seed_gives_the_same_log(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate.write(str(first), 50, seed=3)
    generate.write(str(second), 50, seed=3)
    generate.write(str(other), 50, seed=4)
    assert first.read_bytes() == second.read_bytes() != other.read_bytes()


def test_the_contenders_and_references_compute_the_same_tables(log: str) -> None:
    events, expected = baseline.run(log)
    app, ids = peer_eventsourcing.load(log)
    assert peer_eventsourcing.replay_store(app, ids) == (events, expected)
    assert peer_eventsourcing.run_lean(log) == (events, expected)
    assert library.run(log) == (events, expected)
    assert library.run_typed_floor(log) == (events, expected)
    assert library.run_naive(log) == (events, expected)
    assert len(expected) == 4  # one season of each league
    assert all(len(rows) == 20 for rows in expected.values())


@pytest.mark.parametrize(
    "run",
    [
        baseline.run,
        peer_eventsourcing.run_lean,
        library.run,
        library.run_typed_floor,
        library.run_naive,
    ],
    ids=["baseline", "peer-lean", "matchevents", "typed-floor", "naive"],
)
def test_an_annulled_goal_does_not_count_in_any_table(tmp_path: Path, run: Runner) -> None:
    m = "annulled"
    path = tmp_path / "log.jsonl"
    schedule = MatchScheduled(match_id=m, home="Home", away="Away", competition="C", season="S")
    write_log(
        path,
        [
            schedule,
            kick_off(m),
            Goal(match_id=m, side=Side.HOME, scorer="H", at=clock(10)),
            GoalAnnulled(match_id=m, goal_version=3),
            half_time(m),
            PeriodStarted(match_id=m, period=Period.SECOND_HALF),
            Goal(match_id=m, side=Side.AWAY, scorer="A", at=clock(80)),
            full_time(m),
        ],
    )
    events, tables = run(str(path))
    assert events == 8
    assert tables == {
        ("C", "S"): [("Away", 1, 1, 0, 0, 1, 0, 3), ("Home", 1, 0, 0, 1, 0, 1, 0)],
    }


def test_decoded_schedules_share_what_recurs_across_matches(log: str) -> None:
    # A league table keeps every match's result; its teams, competition, season and kick-off
    # are then one object each, however many matches name them (the streaming memory figure).
    schedules = [event for event in read_log(log) if isinstance(event, MatchScheduled)]
    by_team: dict[str, set[int]] = collections.defaultdict(set)
    by_kickoff: dict[object, set[int]] = collections.defaultdict(set)
    for schedule in schedules:
        by_team[schedule.home].add(id(schedule.home))
        by_team[schedule.away].add(id(schedule.away))
        by_kickoff[schedule.kickoff].add(id(schedule.kickoff))
    assert len({id(schedule.competition) for schedule in schedules}) == 4
    assert all(len(ids) == 1 for ids in by_team.values())
    assert all(len(ids) == 1 for ids in by_kickoff.values())


def test_the_append_benchmark_times_every_projection_on_a_timeline_it_made_long() -> None:
    from benchmarks.appends import PER_PROJECTION, long_match, per_projection

    figures = per_projection(60, 5)
    assert set(figures) == set(PER_PROJECTION)
    assert all(f["late_at"] == 60 and f["early_us"] > 0 < f["late_us"] for f in figures.values())
    assert long_match(60, 5)["append_only_late_at"] == 60
