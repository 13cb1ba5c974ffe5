"""The reports layer (:mod:`matchevents.reports`): what the command prints, as values, computed
without the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matches import ANFIELD_ID, BERGAMO_ID, anfield_first_leg
from matchevents import InvalidValueError, MatchFormat, Score
from matchevents.competitions import PRESETS, PointsDeduction, played_match
from matchevents.importers import import_football_txt, import_openfootball_json
from matchevents.log import write_log
from matchevents.projections import Decision
from matchevents.reports import (
    DEFAULT_RULES,
    Report,
    TieReport,
    build_report,
    find_match,
    league_tables,
    match_report,
    pair_ties,
    problem_rows,
    result_rows,
    rules_for,
    table_rows,
    tie_rows,
    to_dataframe,
    validate_log,
)
from matchevents.reports.text import match_lines, problem_lines, report_lines, validation_summary

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
UEL = EXAMPLES / "uel-2023-24-qf-liverpool-atalanta.jsonl"
PREMIER_LEAGUE = EXAMPLES / "premier-league-2023-24.jsonl"


def imported(source: Path, folder: Path) -> Path:
    """A shared file imported into a log of its own."""
    importer = import_football_txt if source.suffix == ".txt" else import_openfootball_json
    log = folder / f"{source.name}.jsonl"
    write_log(log, importer(source).events())
    return log


CHAMPIONS_LEAGUE_2023_24_GROUPS = {
    # Group A to H as UEFA drew them; the file's stages say only "Group, Matchday N".
    ("Bayern München", "FC København", "Galatasaray"),
    ("Arsenal", "PSV Eindhoven", "RC Lens", "Sevilla FC"),
    ("Real Madrid", "SSC Napoli", "Sporting Braga"),
    ("Real Sociedad", "Inter"),
    ("Atlético Madrid", "SS Lazio", "Feyenoord"),
    ("Borussia Dortmund", "Paris Saint-Germain", "AC Milan"),
    ("Manchester City", "RB Leipzig", "BSC Young Boys"),
    ("FC Barcelona", "FC Porto", "Shakhtar Donetsk"),
}


def test_replay_until_a_date_stops_the_log_there() -> None:
    report = build_report(PREMIER_LEAGUE, until=date(2023, 12, 31))
    table = {s.team: s for s in report.tables[0].standings}
    assert table["Everton FC"].deducted == 10
    assert table["Nottingham Forest FC"].deducted == 0
    assert max(s.played for s in table.values()) == 20
    assert all(r.kickoff is not None and r.kickoff.year == 2023 for r in report.results)


def test_rows_become_dataframes() -> None:
    pandas = pytest.importorskip("pandas")
    report = build_report(UEL)
    frame = to_dataframe(result_rows(report.results))
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["home"]) == ["Liverpool", "Atalanta"]
    assert to_dataframe(table_rows(report.tables)).empty
    with pytest.raises(InvalidValueError, match="pandas' or 'polars'"):
        to_dataframe([], "excel")


def test_a_real_champions_league_season_gives_its_groups_and_ties(
    shared_data: Path, tmp_path: Path
) -> None:
    """Champions League 2018-19 from openfootball, imported then replayed: head-to-head group
    rules of the era, away goals and extra time in the ties, as they happened."""
    report = build_report(imported(shared_data / "openfootball" / "uefa.cl.2018-19.json", tmp_path))
    groups = {table.group: [s.team for s in table.standings] for table in report.tables}
    assert groups["Group B"][:2] == ["FC Barcelona", "Tottenham Hotspur"]
    assert groups["Group A"][:2] == ["Borussia Dortmund", "Atlético Madrid"]
    assert all(table.rules.name.endswith("(until 2020-21)") for table in report.tables)
    ties = {str(tie) for tie in report.ties}
    for expected in (
        "Manchester United v Paris Saint-Germain: Manchester United through "
        "on away goals (3-3 on aggregate)",
        "AS Roma v FC Porto: FC Porto through 4-3 on aggregate after extra time",
        "Tottenham Hotspur v Manchester City: Tottenham Hotspur through on "
        "away goals (4-4 on aggregate)",
        "FC Barcelona v Liverpool: Liverpool through 4-3 on aggregate",
        "Tottenham Hotspur v Liverpool: Liverpool win 2-0",
    ):
        assert expected in ties
    assert report.problems == ()


def import_and_report(shared_data: Path, tmp_path: Path, name: str) -> Report:
    return build_report(imported(shared_data / "openfootball" / name, tmp_path))


@pytest.mark.parametrize(
    "name", ["cl.2023-24.txt", "el.2023-24.txt", "el.2022-23.txt", "conf.2023-24.txt"]
)
def test_a_real_group_stage_gives_one_table_of_four_per_group(
    shared_data: Path, tmp_path: Path, name: str
) -> None:
    """Every group stage of the Football.TXT files, whatever the stages say ("Group A", the
    German "Gruppe G", or "Group, Matchday 1" with no group at all): eight tables of four, no
    team in two of them."""
    report = import_and_report(shared_data, tmp_path, name)
    assert report.problems == ()
    assert [len(table.standings) for table in report.tables] == [4] * 8
    teams = [s.team for table in report.tables for s in table.standings]
    assert len(set(teams)) == 32


def test_groups_a_stage_does_not_name_are_inferred_from_who_played_whom(
    shared_data: Path, tmp_path: Path
) -> None:
    report = import_and_report(shared_data, tmp_path, "cl.2023-24.txt")
    groups = [[s.team for s in table.standings] for table in report.tables]
    for expected in CHAMPIONS_LEAGUE_2023_24_GROUPS:
        assert sum(set(expected) <= set(group) for group in groups) == 1, expected
    assert [table.group for table in report.tables] == [f"Group {n}" for n in range(1, 9)]
    assert all(table.group_inferred for table in report.tables)
    group_f = next(group for group in groups if "AC Milan" in group)
    assert group_f == [  # Paris above Milan on head-to-head (2-0, 1-2)
        "Borussia Dortmund",
        "Paris Saint-Germain",
        "AC Milan",
        "Newcastle United",
    ]
    assert report.tables[0].title == (
        "UEFA Champions League 2023-24, Group 1 (inferred from the fixtures)"
    )
    text = "\n".join(report_lines(report, only="table"))
    assert text.count("(inferred from the fixtures)") == 8
    rows = table_rows(report.tables)
    assert {
        (row["group"], row["group_inferred"]) for row in rows if row["team"] == "PSV Eindhoven"
    } == {(report.tables[6].group, True)}


def test_inferred_groups_stand_on_any_date(shared_data: Path, tmp_path: Path) -> None:
    """Cut after the first evening of the group stage, the groups are still the groups: the
    fixtures still to come say who is in which, and every team is listed."""
    log = imported(shared_data / "openfootball" / "cl.2023-24.txt", tmp_path)
    report = build_report(log, until=date(2023, 9, 19))
    assert [len(table.standings) for table in report.tables] == [4] * 8
    assert sum(s.played for table in report.tables for s in table.standings) == 2 * 8
    group_f = next(t for t in report.tables if "AC Milan" in {s.team for s in t.standings})
    assert group_f.standings[0].team == "Paris Saint-Germain"


def test_the_german_gruppe_is_a_group(shared_data: Path, tmp_path: Path) -> None:
    report = import_and_report(shared_data, tmp_path, "el.2023-24.txt")
    assert [table.group for table in report.tables] == [f"Group {g}" for g in "ABCDEFGH"]
    assert not any(table.group_inferred for table in report.tables)
    by_group = {table.group: {s.team for s in table.standings} for table in report.tables}
    assert by_group["Group G"] == {
        "Slavia Praha",
        "AS Roma",
        "Servette FC",
        "FC Sheriff",
    }
    assert by_group["Group H"] == {
        "Bayer Leverkusen",
        "Qarabağ FK",
        "Molde FK",
        "BK Häcken",
    }


def test_replay_until_a_date_still_reports_bad_lines_with_their_numbers(tmp_path: Path) -> None:
    log = tmp_path / "feed.jsonl"
    lines = UEL.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "{broken")
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build_report(log, until=date(2024, 4, 12))
    assert [str(result) for result in report.results] == ["Liverpool 0-3 Atalanta (HT 0-1, FT 0-3)"]
    assert [problem.line for problem in report.problems] == [3]


# -- rules, ties and tables -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("competition", "season", "preset"),
    [
        ("English Premier League", "2023-24", "premier-league"),
        ("UEFA Champions League", "2018-19", "uefa-group-stage-until-2021"),
        ("UEFA Europa League", "2023-24", "uefa-group-stage"),
        ("UEFA Conference League", "2024-25", "uefa-league-phase"),
    ],
)
def test_rules_for_a_competition_are_chosen_by_its_name_and_era(
    competition: str, season: str, preset: str
) -> None:
    assert rules_for(competition, season) is PRESETS[preset]


def test_a_competition_with_no_preset_is_ranked_by_points_goal_difference_and_goals() -> None:
    assert rules_for("Sunday League", "2024") is DEFAULT_RULES


def test_league_tables_rank_each_league_by_the_rules_given() -> None:
    events = [
        *played_match("a", "Alpha", "Beta", Score(1, 0), competition="L", season="1"),
        *played_match("b", "Beta", "Gamma", Score(3, 0), competition="L", season="1"),
        *played_match("c", "Gamma", "Alpha", Score(0, 0), competition="L", season="1"),
    ]
    report = build_report(events)
    [table] = league_tables(report.results, rules=DEFAULT_RULES)
    assert [(s.team, s.points) for s in table.standings] == [
        ("Alpha", 4),
        ("Beta", 3),
        ("Gamma", 1),
    ]
    assert table.title == "L 1"
    deduction = PointsDeduction(competition="L", season="1", team="Alpha", points=2, reason="x")
    [docked] = league_tables(report.results, [deduction], DEFAULT_RULES)
    assert [s.team for s in docked.standings] == ["Beta", "Alpha", "Gamma"]


def test_a_second_leg_is_paired_with_its_first_leg_into_a_tie() -> None:
    report = build_report(UEL)
    [tie] = pair_ties(report.results)
    assert [leg.match_id for leg in tie.legs] == [ANFIELD_ID, BERGAMO_ID]
    assert str(tie) == "Liverpool v Atalanta: Atalanta through 3-1 on aggregate"
    assert tie_rows([tie])[0]["aggregate"] == "3-1"


def test_a_first_leg_alone_is_a_tie_still_to_be_decided() -> None:
    [tie] = pair_ties(build_report(anfield_first_leg()).results)
    assert tie.outcome is None
    assert str(tie) == "Liverpool v Atalanta: 0-3 after the first leg, second leg to come"


def test_a_single_knockout_match_is_a_tie_of_one_leg() -> None:
    final = played_match(
        "f",
        "Alpha",
        "Beta",
        Score(2, 1),
        competition="Cup",
        season="1",
        format=MatchFormat.knockout(),
    )
    [tie] = build_report(final).ties
    assert str(tie) == "Alpha v Beta: Alpha win 2-1"
    assert (tie.decided_by, tie.aggregate) == (Decision.REGULAR_TIME, None)
    [row] = tie_rows([tie])
    assert (row["decided_by"], row["aggregate"]) == ("regular_time", None)


def the_final(report: Report) -> TieReport:
    [final] = [tie for tie in report.ties if tie.legs[0].stage == "Final"]
    return final


def test_the_euro_2024_final_row_says_it_was_won_in_regular_time_with_no_aggregate(
    shared_data: Path, tmp_path: Path
) -> None:
    """Spain 2-1 England, one match: decided as the match was (``regular_time``, as its result
    row says), and no aggregate, since a single match has none; the score is the summary's."""
    report = import_and_report(shared_data, tmp_path, "euro.2024.json")
    final = the_final(report)
    assert (final.decided_by, final.aggregate) == (Decision.REGULAR_TIME, None)
    [row] = tie_rows([final])
    assert row == {
        "competition": "Euro",
        "season": "2024",
        "stage": "Final",
        "team1": "Spain",
        "team2": "England",
        "legs": "euro:2024:2024-07-14:spain-v-england",
        "winner": "Spain",
        "decided_by": "regular_time",
        "aggregate": None,
        "penalties": None,
        "summary": "Spain v England: Spain win 2-1",
    }
    [result] = result_rows(final.legs)
    assert (result["decided_by"], result["aggregate"]) == (row["decided_by"], row["aggregate"])


@pytest.mark.parametrize(
    ("name", "decided_by", "penalties", "summary"),
    [
        (
            "worldcup.2022.json",
            "penalties",
            "4-2",
            "Argentina v France: Argentina win 4-2 on penalties (3-3 after extra time)",
        ),
        (
            "euro.2020.json",
            "penalties",
            "3-2",
            "Italy v England: Italy win 3-2 on penalties (1-1 after extra time)",
        ),
    ],
)
def test_a_final_on_penalties_row_says_penalties_with_no_aggregate(
    shared_data: Path, tmp_path: Path, name: str, decided_by: str, penalties: str, summary: str
) -> None:
    final = the_final(import_and_report(shared_data, tmp_path, name))
    [row] = tie_rows([final])
    assert (row["decided_by"], row["aggregate"], row["penalties"], row["summary"]) == (
        decided_by,
        None,
        penalties,
        summary,
    )


def test_a_single_match_won_after_extra_time_has_no_aggregate_either(
    shared_data: Path, tmp_path: Path
) -> None:
    report = import_and_report(shared_data, tmp_path, "euro.2020.json")
    rows = {row["summary"]: row for row in tie_rows(report.ties)}
    row = rows["England v Denmark: England win 2-1 after extra time"]
    assert (row["decided_by"], row["aggregate"], row["penalties"]) == ("extra_time", None, None)
    assert all(row["aggregate"] is None for row in rows.values())  # every tie is one match


def test_two_legged_tie_rows_keep_their_aggregate(shared_data: Path, tmp_path: Path) -> None:
    """A tie over two legs has an aggregate, and says how it was decided in the tie's terms."""
    [uel] = tie_rows(build_report(UEL).ties)
    assert (uel["decided_by"], uel["aggregate"], uel["penalties"]) == ("aggregate", "3-1", None)
    report = import_and_report(shared_data, tmp_path, "cl.2023-24.txt")
    rows = {row["summary"]: row for row in tie_rows(report.ties)}
    city = rows[
        "Real Madrid v Manchester City: Real Madrid through 4-3 on penalties (4-4 on aggregate)"
    ]
    assert (city["decided_by"], city["aggregate"], city["penalties"]) == ("penalties", "4-4", "4-3")
    for tie in report.ties:
        if len(tie.legs) == 2 and tie.outcome is not None:
            assert (tie.decided_by, tie.aggregate) == (
                tie.outcome.decided_by,
                tie.outcome.aggregate,
            )


# -- validate and show ----------------------------------------------------------------------------
def test_validate_log_reports_each_bad_line_and_the_bad_line_it_follows(tmp_path: Path) -> None:
    log = tmp_path / "feed.jsonl"
    lines = UEL.read_text(encoding="utf-8").splitlines()
    lines[1] = "{broken"  # the first leg's kick-off: what follows it in that match is refused
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate_log(log)
    assert not report.valid
    assert report.problems[0].line == 2
    assert report.problems[0].kind == "unreadable"
    rows = problem_rows(report.problems, log)
    assert rows[0]["after_bad_line"] is None
    assert rows[1]["line"] == 3
    assert rows[1]["after_bad_line"] is None  # the unreadable line names no match
    assert problem_lines(report)[0].startswith(f"{log}:2: [unreadable] ")
    assert validation_summary(report).startswith(f"{log}: ")


def test_validate_log_of_a_good_log_is_valid() -> None:
    report = validate_log(UEL)
    assert (report.valid, report.matches, report.problems) == (True, 2, ())
    assert validation_summary(report) == f"{UEL}: 14 events of 2 matches accepted; valid"


def test_a_match_is_found_by_its_id_or_the_one_id_containing_a_part_of_it() -> None:
    assert find_match(UEL, ANFIELD_ID).match_id == ANFIELD_ID
    assert find_match(UEL, "LIVERPOOL-2").match_id == BERGAMO_ID
    ambiguous = find_match(UEL, "atalanta")
    assert ambiguous.match_id is None
    assert ambiguous.suggestions == [ANFIELD_ID, BERGAMO_ID]
    assert find_match(UEL, "uel-2023-24-qf-liverpol-atalanta-1").suggestions[0] == ANFIELD_ID


def test_match_report_gives_the_timeline_up_to_a_minute() -> None:
    whole = match_report(UEL, ANFIELD_ID)
    assert str(whole.score.final) == "0-3"
    assert whole.schedule is not None
    assert whole.schedule.home == "Liverpool"
    half = match_report(UEL, ANFIELD_ID, at="45+1")
    assert str(half.score.final) == "0-1"
    assert match_lines(half)[-1] == "Liverpool 0-1 Atalanta (HT 0-1) at 45+1'"
    assert [row["event"] for row in half.rows][-1] == "half-time (recorded 0-1)"
    with pytest.raises(InvalidValueError):
        match_report(UEL, ANFIELD_ID, at="ninety")


def test_match_report_keeps_the_lines_its_timeline_refused(tmp_path: Path) -> None:
    log = tmp_path / "feed.jsonl"
    lines = UEL.read_text(encoding="utf-8").splitlines()
    log.write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")  # a second kick-off
    report = match_report(log, ANFIELD_ID)
    [skipped] = report.skipped
    assert skipped.line == len(lines) + 1
    assert skipped.rule is not None


def test_report_lines_are_what_replay_prints() -> None:
    assert report_lines(build_report(UEL), only="ties") == [
        "Ties",
        "  Liverpool v Atalanta: Atalanta through 3-1 on aggregate",
    ]
    bold = report_lines(build_report(UEL), only="ties", heading=lambda text: f"*{text}*")
    assert bold[0] == "*Ties*"
    assert result_rows(build_report(UEL).results)[1]["aggregate"] == "3-1"
