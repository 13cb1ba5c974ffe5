"""Importing openfootball's Football.TXT: cup knockout ties with extra time and penalties,
league seasons with dates written without a year, RSSSF conversions, planted bad lines."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import (
    FormatKind,
    MatchAbandoned,
    MatchAwarded,
    MatchScheduled,
    Rule,
    Score,
    Side,
)
from matchevents.competitions import PREMIER_LEAGUE, LeagueTable
from matchevents.importers import (
    ImportedMatch,
    ImportResult,
    Problem,
    import_football_txt,
    import_openfootball_json,
)
from matchevents.importers.football_txt import read_football_txt
from matchevents.importers.records import MatchRecord
from matchevents.projections import fold, score_line
from matchevents.projections.outcome import match_result

PLANTED = Path(__file__).parent / "fixtures" / "import" / "planted.txt"


def the_match(
    result: ImportResult, home: str, away: str, round_: str | None = None
) -> ImportedMatch:
    found = [
        m
        for m in result.matches
        if m.home == home and m.away == away and (round_ is None or m.round == round_)
    ]
    assert len(found) == 1, f"{home} v {away}: {len(found)} matches"
    return found[0]


@pytest.fixture(scope="module")
def europa_league_2023_24(shared_data: Path) -> ImportResult:
    return import_football_txt(shared_data / "openfootball" / "el.2023-24.txt")


def test_the_title_names_competition_and_season(europa_league_2023_24: ImportResult) -> None:
    assert (europa_league_2023_24.competition, europa_league_2023_24.season) == (
        "UEFA Europa League",
        "2023-24",
    )
    assert (europa_league_2023_24.imported, europa_league_2023_24.rejected) == (141, 0)


def test_atalanta_beat_liverpool_3_1_on_aggregate_in_the_quarter_final(
    europa_league_2023_24: ImportResult,
) -> None:
    first = the_match(europa_league_2023_24, "Liverpool", "Atalanta")
    second = the_match(europa_league_2023_24, "Atalanta", "Liverpool", "Quarterfinals")
    assert match_result(first.events).format.kind is FormatKind.FIRST_LEG
    result = match_result(second.events)
    assert result.format.first_leg == Score(0, 3)
    assert result.score.final == Score(0, 1)
    assert result.aggregate == Score(3, 1)
    assert result.tie_winner is Side.HOME
    assert result.home == "Atalanta"


@pytest.mark.parametrize(
    ("home", "away", "through", "after_extra_time", "penalties"),
    [
        ("SC Freiburg", "RC Lens", "SC Freiburg", Score(3, 2), None),
        ("Qarabağ FK", "Sporting Braga", "Qarabağ FK", Score(2, 3), None),
        ("AS Roma", "Feyenoord", "AS Roma", Score(1, 1), Score(4, 2)),
        (
            "Olympique Marseille",
            "SL Benfica",
            "Olympique Marseille",
            Score(1, 0),
            Score(4, 2),
        ),
    ],
)
def test_europa_league_2023_24_ties_decided_in_extra_time_or_on_penalties(
    europa_league_2023_24: ImportResult,
    home: str,
    away: str,
    through: str,
    after_extra_time: Score,
    penalties: Score | None,
) -> None:
    second_leg = the_match(europa_league_2023_24, home, away)
    result = match_result(second_leg.events)
    assert result.format.kind is FormatKind.SECOND_LEG
    assert result.score.full_time is not None
    assert result.format.aggregate(result.score.full_time).is_level
    assert (result.score.after_extra_time, result.score.penalties) == (after_extra_time, penalties)
    assert result.tie_winner is not None
    assert result.team(result.tie_winner) == through


def test_the_final_is_a_single_knockout_match(europa_league_2023_24: ImportResult) -> None:
    final = the_match(europa_league_2023_24, "Atalanta", "Bayer Leverkusen", "Final")
    schedule = final.events[0]
    assert isinstance(schedule, MatchScheduled)
    assert schedule.format.kind is FormatKind.KNOCKOUT
    assert schedule.kickoff == datetime(2024, 5, 22, 21, 0)
    assert match_result(final.events).winner_team == "Atalanta"


@pytest.mark.parametrize(
    "name", ["cl.2018-19", "cl.2023-24", "conf.2023-24", "el.2022-23", "el.2023-24"]
)
def test_a_txt_file_and_its_json_conversion_give_the_same_events(
    shared_data: Path, name: str
) -> None:
    from_txt = import_football_txt(shared_data / "openfootball" / f"{name}.txt")
    from_json = import_openfootball_json(shared_data / "openfootball" / f"{name}.derived.json")
    assert from_txt.rejected == from_json.rejected == 0
    assert [m.events for m in from_txt.matches] == [m.events for m in from_json.matches]


def test_dates_without_a_year_take_it_from_the_season(shared_data: Path) -> None:
    result = import_football_txt(shared_data / "openfootball" / "premierleague.2023-24.txt")
    dates = [m.date for m in result.matches]
    assert (dates[0], dates[-1]) == (date(2023, 8, 11), date(2024, 5, 19))
    assert (result.imported, result.rejected) == (380, 0)


def test_the_rsssf_conversion_keeps_the_abandoned_match_and_its_replay(shared_data: Path) -> None:
    result = import_football_txt(shared_data / "openfootball" / "rsssf-eng2024-premierleague.txt")
    meetings = [m for m in result.matches if m.source_teams == ("Bournemouth", "Luton")]
    abandoned, replay = meetings
    assert abandoned.date == date(2023, 12, 16)
    assert abandoned.final is None
    last = abandoned.events[-1]
    assert isinstance(last, MatchAbandoned)
    assert "1-1 in 65'" in last.reason
    assert replay.final is not None
    assert replay.date > abandoned.date
    assert (result.imported, result.rejected) == (381, 0)


def test_the_rsssf_lists_give_no_half_time_score_and_none_is_invented(shared_data: Path) -> None:
    """RSSSF writes full-time scores alone: Burnley 0-3 Manchester City on the opening night
    has a full-time score and no half-time score (it was 0-2), not an inferred 0-0."""
    result = import_football_txt(shared_data / "openfootball" / "rsssf-eng2024-premierleague.txt")
    opener = next(m for m in result.matches if (m.home, m.away) == ("Burnley", "Manchester City"))
    line = score_line(opener.events)
    assert (line.half_time, line.full_time) == (None, Score(0, 3))
    assert str(line) == "0-3 (FT 0-3)"
    goalless = [m for m in result.matches if m.ft == Score(0, 0)]
    assert goalless
    assert all(score_line(m.events).half_time == Score(0, 0) for m in goalless)


def test_a_file_without_kick_off_times_keeps_each_match_day(shared_data: Path) -> None:
    """RSSSF's lists give days, no times: each schedule has its day and no invented kick-off,
    and the table can be read on any date."""
    result = import_football_txt(shared_data / "openfootball" / "rsssf-eng2024-premierleague.txt")
    schedules = [m.events[0] for m in result.matches]
    assert all(isinstance(s, MatchScheduled) and s.kickoff is None for s in schedules)
    assert [s.day for s in schedules if isinstance(s, MatchScheduled)] == [
        m.date for m in result.matches
    ]
    table = LeagueTable(PREMIER_LEAGUE, "Premier League", "2023-24")
    at_new_year = table.standings(fold(table, result.events()), until=date(2023, 12, 31))
    assert sum(s.played for s in at_new_year) == 2 * 196


def test_planted_bad_lines_are_each_reported_with_their_line(tmp_path: Path) -> None:
    result = import_football_txt(PLANTED)
    assert [(p.line, p.problem, p.rule) for p in result.problems] == [
        (9, Problem.UNPARSABLE, None),
        (10, Problem.MISSING_SCORE, None),
        (12, Problem.UNPARSABLE, None),
        (13, Problem.INVALID_DATE, None),
        (14, Problem.INVALID_DATE, None),
        (18, Problem.SHOOTOUT_LEVEL, None),
        (19, Problem.RESULT_UNDECIDED, None),
        (23, Problem.RULE_BROKEN, Rule.RECORDED_SCORE_MISMATCH),
        (26, Problem.FIRST_LEG_REJECTED, None),
        (27, Problem.RULE_BROKEN, Rule.EXTRA_TIME_NEEDS_LEVEL),
    ]
    assert [m.line for m in result.matches] == [8, 24, 31]
    assert str(result.problems[0]).startswith(
        f"{PLANTED}:9: 2023-09-19 Gamma FC (CCC) v ? [Group A]: unparsable"
    )


def test_the_planted_final_goes_to_penalties(tmp_path: Path) -> None:
    final = import_football_txt(PLANTED).matches[-1]
    result = match_result(final.events)
    assert (result.score.full_time, result.score.after_extra_time) == (Score(1, 1), Score(1, 1))
    assert result.score.half_time == Score(0, 1)
    assert result.score.penalties == Score(4, 2)
    assert result.winner_team == "Gamma FC (CCC)"


# -- notes ----------------------------------------------------------------------------------------


def import_lines(tmp_path: Path, *lines: str, round_: str = "Group A") -> ImportResult:
    path = tmp_path / "notes.txt"
    body = "\n".join(f"    {line}" for line in lines)
    path.write_text(f"= Note Cup 2023/24\n» {round_}\n  Tue Sep/19 2023\n{body}\n", "utf-8")
    return import_football_txt(path)


def test_an_awarded_result_replaces_the_score_from_play(tmp_path: Path) -> None:
    result = import_lines(tmp_path, "Gamma FC v Delta FC  2-1 [awarded 0-3 to Delta]")
    [match] = result.matches
    assert (match.ft, match.awarded) == (Score(2, 1), Score(0, 3))
    award = match.events[-1]
    assert isinstance(award, MatchAwarded)
    assert (award.score, award.reason) == (Score(0, 3), "awarded 0-3 to Delta")
    outcome = match_result(match.events)
    assert (outcome.winner_team, outcome.score.final) == ("Delta FC", Score(0, 3))


def test_a_match_awarded_without_being_played_is_scheduled_then_awarded(tmp_path: Path) -> None:
    [match] = import_lines(tmp_path, "Epsilon FC v Zeta FC  [awarded 3-0]").matches
    assert [type(event) for event in match.events] == [MatchScheduled, MatchAwarded]
    assert match_result(match.events).winner_team == "Epsilon FC"


def test_an_abandonment_noted_beside_a_score_is_not_a_result(tmp_path: Path) -> None:
    """The score of a line noted as abandoned is the score when play stopped; an award may
    follow."""
    result = import_lines(
        tmp_path,
        "Alpha FC v Beta FC  1-1 [abandoned in 70']",
        "Gamma FC v Delta FC  0-1 [abandoned at 0-1, awarded 0-3]",
        "Epsilon FC abd Zeta FC  [floodlight failure]",
    )
    first, second, third = result.matches
    last = first.events[-1]
    assert isinstance(last, MatchAbandoned)
    assert last.reason == "abandoned in 70' (the line gives 1-1)"
    assert first.final is None
    assert isinstance(second.events[-2], MatchAbandoned)
    assert match_result(second.events).score.final == Score(0, 3)
    third_last = third.events[-1]
    assert isinstance(third_last, MatchAbandoned)
    assert third_last.reason == "floodlight failure"
    assert result.problems == ()


def test_notes_that_cannot_be_read_or_do_not_add_up_are_reported(tmp_path: Path) -> None:
    result = import_lines(
        tmp_path,
        "Alpha FC v Beta FC  2-1 [replay ordered]",
        "Gamma FC v Delta FC  2-1 [awarded 3-0 to Delta]",
        "Epsilon FC v Zeta FC  2-1 [awarded 0-3 to Omega]",
        "Eta FC v Theta FC  2-1 (1-0) [extra] [awarded 0-3]",
    )
    assert result.matches == ()
    assert [(p.line, p.problem) for p in result.problems] == [
        (4, Problem.UNREAD_NOTE),
        (5, Problem.AWARD_UNCLEAR),
        (6, Problem.AWARD_UNCLEAR),
        (7, Problem.UNREAD_NOTE),
    ]
    assert "3-0 (home goals first) does not make Delta FC the winner" in result.problems[1].detail
    assert "'Omega' is not one of the two teams" in result.problems[2].detail


def test_an_awarded_first_leg_counts_its_awarded_score_in_the_tie(tmp_path: Path) -> None:
    path = tmp_path / "tie.txt"
    path.write_text(
        "= Note Cup 2023/24\n» Round of 16\n"
        "  Tue Feb/13 2024\n    Alpha FC v Beta FC  2-0 [awarded 0-3]\n"
        "  Tue Feb/20 2024\n    Beta FC v Alpha FC  0-2\n",
        "utf-8",
    )
    _, second = import_football_txt(path).matches
    result = match_result(second.events)
    assert result.format.first_leg == Score(0, 3)
    assert (result.aggregate, result.team(result.tie_winner)) == (Score(3, 2), "Beta FC")  # type: ignore[arg-type]


# -- the score grammar, as a property ---------------------------------------------------------

TEAMS = ["Alpha FC (AAA)", "Beta 04", "1. FC Gamma", "Delta & Epsilon", "Zeta São Paulo"]


@st.composite
def written_scores(draw: st.DrawFn) -> tuple[Score | None, Score, Score | None, Score | None]:
    """(ht, ft, et, pens) as Football.TXT can write them."""
    goals = st.integers(min_value=0, max_value=9)
    ht = Score(draw(goals), draw(goals))
    ft = ht + Score(draw(goals), draw(goals))
    et = ft + Score(draw(goals), draw(goals)) if draw(st.booleans()) else None
    pens = Score(draw(goals), draw(goals)) if et is not None and draw(st.booleans()) else None
    return (ht if draw(st.booleans()) else None), ft, et, pens


def write_line(home: str, away: str, scores: tuple[Score | None, ...], middle: bool) -> str:
    ht, ft, et, pens = scores
    assert ft is not None
    if et is None:
        text = f"{ft}" + (f" ({ht})" if ht is not None else "")
    else:
        inner = f"{ft}, {ht}" if ht is not None else f"{ft}"
        text = f"{et} a.e.t. ({inner})"
    if pens is not None:
        text = f"{pens} pen. {text}"
    return f"  {home}  {text}  {away}" if middle else f"  {home}  v {away}   {text}"


@given(
    home=st.sampled_from(TEAMS),
    away=st.sampled_from(TEAMS),
    scores=written_scores(),
    middle=st.booleans(),
)
def test_every_written_score_reads_back_as_written(
    home: str, away: str, scores: tuple[Score | None, ...], middle: bool
) -> None:
    text = "= Test Cup 2023/24\n» Round of 16\n  Tue Feb/13 2024\n" + write_line(
        home, away, scores, middle
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cup.txt"
        path.write_text(text, encoding="utf-8")
        title, (record,) = read_football_txt(path)
    assert title == "Test Cup 2023/24"
    assert isinstance(record, MatchRecord)
    assert (record.home, record.away) == (home, away)
    assert (record.ht, record.ft, record.et, record.pens) == scores
    assert record.date == date(2024, 2, 13)
