"""A parallel replay with a club registry (``teams=``) reads every event's teams by it in each
worker, before validation, as :func:`~matchevents.log.replay` does: a log whose sources spell one
club several ways gives, split across processes, what one process gives with the same registry.
The registry travels to the workers by pickling."""

from __future__ import annotations

import pickle
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import matchevents.reports.replay
from matchevents import Score
from matchevents.competitions import (
    PREMIER_LEAGUE,
    RESULTS,
    LeagueTable,
    PointsDeduction,
    played_match,
)
from matchevents.errors import ParallelReplayError
from matchevents.events import Event
from matchevents.log import replay, write_log
from matchevents.parallel import (
    ArchiveReplay,
    partition_of,
    replay_parallel,
    replay_store_parallel,
)
from matchevents.projections import OUTCOME
from matchevents.reports import build_report
from matchevents.stores import SqliteStore, stream_of
from matchevents.teams import load_clubs

CLUBS = load_clubs()
TABLE = LeagueTable(PREMIER_LEAGUE, "Premier League", "2023-24")


def spelt_two_ways() -> list[Event]:
    """Two matches of one season whose schedules spell Manchester United differently, in two
    different partitions of two, and a deduction that spells Everton as no schedule does."""
    ids = [f"pl-{number}" for number in range(50)]
    second = next(i for i in ids if partition_of(i, 2) == 1)
    first = next(i for i in ids if partition_of(i, 2) == 0)

    def match(match_id: str, home: str, away: str, score: Score) -> list[Event]:
        return played_match(
            match_id, home, away, score, competition="Premier League", season="2023-24"
        )

    return [
        *match(first, "Man United", "Everton", Score(2, 0)),
        *match(second, "Everton", "Manchester United FC", Score(1, 1)),
        PointsDeduction(
            competition="Premier League", season="2023-24", team="Everton FC", points=6
        ),
    ]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "spelt-two-ways.jsonl"
    write_log(path, spelt_two_ways())
    return path


def test_the_bundled_registry_pickles_to_an_equal_registry_that_names_every_spelling_alike() -> (
    None
):
    again = pickle.loads(pickle.dumps(CLUBS))
    assert again == CLUBS
    for club in CLUBS:
        for spelling in club.spellings:
            assert again.canonical(spelling) == CLUBS.canonical(spelling) == club.name


def test_two_processes_with_a_registry_give_what_one_replay_with_it_gives(log: Path) -> None:
    one = replay(log, [RESULTS, TABLE], per_match=[OUTCOME], teams=CLUBS)
    two = replay_parallel([log], [RESULTS, TABLE], per_match=[OUTCOME], workers=2, teams=CLUBS)
    assert two.as_replay_result() == one
    assert two.partitions == 2
    standings = TABLE.standings(two.states[1])
    assert [(s.team, s.played, s.points) for s in standings] == [
        ("Manchester United", 2, 4),
        ("Everton", 2, 1 - 6),
    ]


def test_without_the_registry_the_deduction_names_no_team_of_its_season(log: Path) -> None:
    with pytest.raises(ParallelReplayError, match="Everton FC"):
        replay_parallel([log], [RESULTS], workers=2)


def test_a_report_in_two_processes_with_a_registry_is_the_one_process_report(
    log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = build_report(log, teams=CLUBS)
    parallel_calls: list[int | None] = []

    def counted(*args: Any, **kwargs: Any) -> ArchiveReplay:
        parallel_calls.append(kwargs.get("workers"))
        return replay_parallel(*args, **kwargs)

    monkeypatch.setattr(matchevents.reports.replay, "replay_parallel", counted)
    assert build_report(log, workers=2, teams=CLUBS) == one
    assert parallel_calls == [2]  # replayed in two processes, not in this one
    assert [s.team for table in one.tables for s in table.standings] == [
        "Manchester United",
        "Everton",
    ]
    assert one.problems == ()


def test_a_stores_streams_with_a_registry_replay_as_one_replay_with_it(tmp_path: Path) -> None:
    events = spelt_two_ways()
    database = tmp_path / "events.db"
    with SqliteStore(database) as store:
        for event in events:
            store.append(stream_of(event), [event])
    merged = replay_store_parallel(
        partial(SqliteStore, database), [RESULTS, TABLE], workers=2, teams=CLUBS
    )
    assert merged.as_replay_result() == replay(events, [RESULTS, TABLE], teams=CLUBS)
