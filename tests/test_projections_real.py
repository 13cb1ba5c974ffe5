"""Projections on real matches from the shared public data (imported with matchevents.importers):
the scores by phase agree with what each source recorded, and the 2022 World Cup final reads as
it was played."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from matchevents import Period, PeriodEnded, Score, Side, clock
from matchevents.importers import ImportedMatch, import_football_data_csv, import_openfootball_json
from matchevents.projections import (
    OUTCOME,
    SCORERS,
    STORY,
    Decision,
    MatchStatus,
    ScoringRun,
    combine,
    fold,
    match_result,
    score_line,
    state_at_minute,
)

OPENFOOTBALL_FILES = [
    "worldcup.2018.json",
    "worldcup.2022.json",
    "euro.2020.json",
    "euro.2024.json",
    "uefa.cl.2018-19.json",
    "uefa.cl.2024-25.json",
    "en.1.2023-24.json",
]


def imported(shared_data: Path, name: str) -> tuple[ImportedMatch, ...]:
    return import_openfootball_json(shared_data / "openfootball" / name).matches


@pytest.mark.parametrize("name", OPENFOOTBALL_FILES)
def test_scores_by_phase_agree_with_the_source_record(shared_data: Path, name: str) -> None:
    matches = imported(shared_data, name)
    assert matches
    for match in matches:
        line = score_line(match.events)
        assert line.full_time == match.ft, match.where
        assert line.final == match.final, match.where
        assert line.penalties == match.shootout, match.where
        extra_time = any(
            isinstance(event, PeriodEnded) and event.period is Period.EXTRA_TIME_SECOND_HALF
            for event in match.events
        )
        assert (line.after_extra_time is not None) == extra_time, match.where
        if extra_time:
            assert line.after_extra_time == match.final, match.where


@pytest.mark.parametrize("name", OPENFOOTBALL_FILES)
def test_every_result_has_the_winner_its_scores_give(shared_data: Path, name: str) -> None:
    for match in imported(shared_data, name):
        result = match_result(match.events)
        assert result.status.is_finished, match.where
        if match.shootout is not None:
            assert result.decided_by is Decision.PENALTIES or not result.score.live.is_level
            assert result.tie_winner is match.shootout.leader, match.where
        elif result.winner is None:
            assert result.is_draw
            assert match.final is not None
            assert match.final.is_level, match.where
        else:
            assert match.final is not None
            assert match.final.leader is result.winner, match.where


def test_half_time_and_full_time_agree_with_the_football_data_csv(shared_data: Path) -> None:
    path = shared_data / "football-data" / "premier-league.season-2324.csv"
    with path.open(newline="", encoding="utf-8") as file:
        rows = {
            (row["Date"], row["HomeTeam"], row["AwayTeam"]): row for row in csv.DictReader(file)
        }
    result = import_football_data_csv(path)
    assert result.imported == len(rows) == 380
    for match in result.matches:
        row = rows[(match.date.isoformat(), *match.source_teams)]
        line = score_line(match.events)
        assert line.half_time == Score(int(row["HTHG"]), int(row["HTAG"])), match.where
        assert line.full_time == Score(int(row["FTHG"]), int(row["FTAG"])), match.where
        assert fold(OUTCOME, match.events).status is MatchStatus.FINISHED


# -- the 2022 World Cup final ------------------------------------------------------------------


@pytest.fixture
def lusail(shared_data: Path) -> ImportedMatch:
    """Argentina 3-3 France, 18 December 2022: Argentina won the shoot-out 4-2."""
    finals = [m for m in imported(shared_data, "worldcup.2022.json") if m.round == "Final"]
    assert len(finals) == 1
    return finals[0]


def test_the_2022_final_has_every_phase_and_argentina_win_on_penalties(
    lusail: ImportedMatch,
) -> None:
    result = match_result(lusail.events)
    assert str(result) == "Argentina 3-3 France (HT 2-0, FT 2-2, AET 3-3, pens 4-2)"
    assert result.status is MatchStatus.FINISHED_ON_PENALTIES
    assert (result.winner_team, result.decided_by) == ("Argentina", Decision.PENALTIES)


def test_the_2022_final_scorers_and_story(lusail: ImportedMatch) -> None:
    scorers, story = fold(combine(SCORERS, STORY), lusail.events)
    assert [str(entry) for entry in scorers.scorers(Side.HOME)] == [
        "Lionel Messi 23' (pen.), 108'",
        "Ángel Di María 36'",
    ]
    assert [str(entry) for entry in scorers.scorers(Side.AWAY)] == [
        "Kylian Mbappé 80' (pen.), 81', 118' (pen.)"
    ]
    assert story.away.largest_comeback == 2  # France, from 0-2 to 2-2, then from 2-3 to 3-3
    assert story.away.comeback_from == Score(2, 0)
    assert story.home.largest_deficit == 0  # Argentina never trailed
    assert story.lead_changes == 0
    assert story.away.longest_run == ScoringRun(side=Side.AWAY, minutes=(clock(80), clock(81)))
    assert story.longest_run == ScoringRun(side=Side.HOME, minutes=(clock(23), clock(36)))


def test_the_2022_final_minute_by_minute(lusail: ImportedMatch) -> None:
    def score_at(moment: str) -> str:
        return str(state_at_minute(OUTCOME, lusail.events, moment).score.live)

    assert [score_at(m) for m in ("22", "23", "79", "80", "81", "107", "108", "118")] == [
        "0-0", "1-0", "2-0", "2-1", "2-2", "2-2", "3-2", "3-3"
    ]  # fmt: skip
    assert state_at_minute(OUTCOME, lusail.events, "45+3").status is MatchStatus.HALF_TIME
