"""One club's report (issue 17): ``matchevents team LOG NAME`` and the reports layer under it
(records overall, at home, away and by competition; current and longest streaks with their first
and last matches; form; head-to-head), on the bundled examples and small made-up seasons."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from matchevents import Score
from matchevents.cli import main
from matchevents.competitions import StreakKind, Venue, played_match
from matchevents.log import write_log
from matchevents.reports import find_team, team_report, team_results
from matchevents.reports.text import team_lines

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
UEL = EXAMPLES / "uel-2023-24-qf-liverpool-atalanta.jsonl"
PREMIER_LEAGUE = EXAMPLES / "premier-league-2023-24.jsonl"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def season(*scores: tuple[str, str, int, int]) -> list[object]:
    """Matches of one made-up league, a day apart, in the order given."""
    events: list[object] = []
    for day, (home, away, home_goals, away_goals) in enumerate(scores, start=1):
        events += played_match(
            f"m{day}",
            home,
            away,
            Score(home_goals, away_goals),
            competition="League" if day % 2 else "Cup",
            season="2024",
            kickoff=datetime(2024, 3, day, 15),
        )
    return events


RUN = season(
    ("Reds", "Blues", 0, 1),  # a home defeat
    ("Reds", "Greens", 2, 0),
    ("Whites", "Reds", 3, 3),
    ("Reds", "Blues", 1, 1),
    ("Reds", "Greens", 0, 2),  # ends the home unbeaten run of two
    ("Reds", "Whites", 4, 0),
)


# -- the reports layer --------------------------------------------------------------------------
def test_a_run_comes_with_its_first_and_last_matches_the_one_before_and_the_one_after() -> None:
    report = team_report(team_results(RUN), "Reds", venue=Venue.HOME)
    unbeaten = next(s for s in report.streaks if s.kind is StreakKind.UNBEATEN)
    assert unbeaten.longest is not None
    assert unbeaten.current is not None
    longest, current = unbeaten.longest, unbeaten.current
    assert (longest.length, longest.first.match_id, longest.last.match_id) == (2, "m2", "m4")
    assert longest.after is not None
    assert longest.ended_by is not None
    assert (longest.after.match_id, longest.ended_by.match_id) == ("m1", "m5")
    assert (current.length, current.first.match_id, current.ended_by) == (1, "m6", None)


def test_records_split_by_venue_and_competition_add_up() -> None:
    report = team_report(team_results(RUN), "Reds")
    assert str(report.overall) == "P6 W2 D2 L2 GF10 GA7"
    assert report.home + report.away == report.overall
    assert [name for name, _ in report.by_competition] == ["League", "Cup"]
    assert sum((r for _, r in report.by_competition), report.overall.__class__()) == report.overall


def test_form_and_recent_matches_are_the_last_ones_oldest_first() -> None:
    report = team_report(team_results(RUN), "Reds", last=3)
    assert report.form == "DLW"
    assert [r.match_id for r in report.recent] == ["m4", "m5", "m6"]


def test_filters_by_competition_and_date_still_apply() -> None:
    results = team_results(RUN, until=datetime(2024, 3, 4).date())
    assert team_report(results, "Reds").overall.played == 4
    assert team_report(team_results(RUN), "Reds", competition="Cup").overall.played == 3


def test_the_head_to_head_is_by_venue_and_competition() -> None:
    against = team_report(team_results(RUN), "Reds", against="Blues").against
    assert against is not None
    assert (str(against.overall), str(against.home), str(against.away)) == (
        "P2 W0 D1 L1 GF1 GA2",
        "P2 W0 D1 L1 GF1 GA2",
        "P0 W0 D0 L0 GF0 GA0",
    )


def test_a_name_is_found_by_any_spelling_of_its_club_or_gets_the_closest_names() -> None:
    names = ["Liverpool", "Atalanta"]
    assert find_team(names, "Liverpool FC (ENG)").team == "Liverpool"
    assert find_team(names, "liverpool").team == "Liverpool"
    assert find_team(["Arsenal FC", "Chelsea FC"], "Arsenal").team == "Arsenal FC"
    missing = find_team(names, "Livrepool")
    assert (missing.team, missing.closest) == (None, ("Liverpool",))


def test_a_log_with_two_spellings_of_one_club_says_so() -> None:
    found = find_team(["Liverpool FC", "Atalanta", "Liverpool FC (ENG)"], "Liverpool")
    assert (found.team, found.also_named) == ("Liverpool FC", ("Liverpool FC (ENG)",))


def test_a_team_without_matches_is_reported_as_such() -> None:
    assert team_lines(team_report(team_results(RUN), "Nobody")) == ["Nobody: 0 matches"]


# -- the command --------------------------------------------------------------------------------
def test_the_command_prints_records_streaks_form_and_head_to_head() -> None:
    status, out, err = run("team", UEL, "Liverpool FC (ENG)", "--against", "Atalanta")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:6] == [
        "Liverpool: 2 matches",
        "record              P  W  D  L  GF  GA  GD  Pts",
        "overall             2  1  0  1   1   3  -2    3",
        "home                1  0  0  1   0   3  -3    0",
        "away                1  1  0  0   1   0  +1    3",
        "UEFA Europa League  2  1  0  1   1   3  -2    3",
    ]
    assert "  losing        current   -" in lines
    assert "                             ended by 2024-04-18 Atalanta 0-1 Liverpool" in lines
    assert "Form, last 2: LW" in lines
    assert lines[-2:] == [
        "  2024-04-11 Liverpool 0-3 Atalanta (UEFA Europa League)",
        "  2024-04-18 Atalanta 0-1 Liverpool (UEFA Europa League)",
    ]


def test_an_unknown_name_gets_the_closest_names_and_how_to_list_them() -> None:
    status, out, err = run("team", UEL, "Atlanta")
    assert (status, out) == (2, "")
    assert err == (
        f"matchevents: no team 'Atlanta' in {UEL}; did you mean: Atalanta "
        f"('matchevents team {UEL}' lists its teams)\n"
    )


def test_a_competition_the_log_does_not_have_gets_the_closest_names_and_exit_status_2() -> None:
    """As an unknown team does: "Europa League" is no competition of a log holding the UEFA
    Europa League, where it once printed 'Liverpool in Europa League: 0 matches' and exited 0."""
    status, out, err = run("team", UEL, "Liverpool", "--competition", "Europa League")
    assert (status, out) == (2, "")
    assert err == (
        f"matchevents: no competition 'Europa League' in {UEL}; did you mean: UEFA Europa League\n"
    )
    assert run("team", UEL, "Liverpool", "--competition", "Serie A") == (
        2,
        "",
        f"matchevents: no competition 'Serie A' in {UEL}; its competitions: UEFA Europa League\n",
    )


def test_a_competition_is_found_in_any_letter_case_and_named_as_the_log_names_it() -> None:
    exact = run("team", UEL, "Liverpool", "--competition", "UEFA Europa League")
    assert exact[1].startswith("Liverpool in UEFA Europa League: 2 matches\n")
    assert run("team", UEL, "Liverpool", "--competition", "uefa europa league") == exact


def test_a_competition_of_the_log_the_team_did_not_play_in_counts_no_match(
    tmp_path: Path,
) -> None:
    """--competition asks the whole log (the head-to-head is counted in it too), not the team."""
    log = tmp_path / "two-competitions.jsonl"
    log.write_bytes(PREMIER_LEAGUE.read_bytes() + UEL.read_bytes())
    status, out, err = run("team", log, "Arsenal", "--competition", "UEFA Europa League")
    assert (status, err) == (0, "")
    assert out.startswith("Arsenal FC in UEFA Europa League: 0 matches\n")


def test_without_a_name_the_command_lists_the_logs_teams() -> None:
    assert run("team", UEL) == (
        0,
        "team       matches\nAtalanta         2\nLiverpool        2\n",
        "",
    )


def test_json_holds_records_streaks_form_and_the_meetings() -> None:
    status, out, _ = run("team", UEL, "Atalanta", "--format", "json", "--against", "Liverpool")
    assert status == 0
    report = json.loads(out)
    assert (report["team"], report["form"]) == ("Atalanta", "WL")
    assert report["records"][0]["played"] == 2
    unbeaten = [s for s in report["streaks"] if s["kind"] == "unbeaten" and s["run"] == "longest"]
    assert unbeaten[0]["first_match"] == "2024-04-11 Liverpool 0-3 Atalanta"
    assert unbeaten[0]["ended_by_match_id"] == "uel-2023-24-qf-atalanta-liverpool-2"
    assert [m["outcome"] for m in report["against"]["matches"]] == ["W", "L"]


def test_csv_gives_the_records_or_the_streaks() -> None:
    _, records, _ = run("team", UEL, "Liverpool", "--format", "csv")
    _, streaks, _ = run("team", UEL, "Liverpool", "--format", "csv", "--only", "streaks")
    assert [row["scope"] for row in csv.DictReader(io.StringIO(records))] == [
        "overall",
        "home",
        "away",
        "competition",
    ]
    rows = list(csv.DictReader(io.StringIO(streaks)))
    assert len(rows) == 12
    assert rows[0]["kind"] == "unbeaten"
    assert rows[0]["run"] == "current"


def test_a_log_with_the_sources_names_reads_as_one_club_with_teams_bundled(
    tmp_path: Path,
) -> None:
    log = tmp_path / "two-sources.jsonl"
    write_log(
        log,
        season(
            ("Liverpool FC", "Everton FC", 2, 0), ("Liverpool FC (ENG)", "Atalanta (ITA)", 0, 3)
        ),
    )
    status, out, err = run("team", log, "Liverpool", "--venue", "home")
    assert out.splitlines()[0] == "Liverpool FC: 1 match"
    assert err == (
        f"matchevents: note: {log} also names 'Liverpool FC' as 'Liverpool FC (ENG)'; "
        "--teams bundled counts them as one\n"
    )
    status, out, err = run("team", log, "Liverpool", "--venue", "home", "--teams", "bundled")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "Liverpool: 2 matches"
    assert "Form at home, last 2: WL" in out.splitlines()


def test_replay_reads_the_teams_canonically_with_teams_and_leaves_the_log_alone() -> None:
    before = PREMIER_LEAGUE.read_bytes()
    _, table, _ = run("replay", PREMIER_LEAGUE, "--only", "table", "--teams", "bundled")
    _, as_written, _ = run("replay", PREMIER_LEAGUE, "--only", "table")
    assert "  1  Manchester City " in table
    assert "  1  Manchester City FC " in as_written
    assert PREMIER_LEAGUE.read_bytes() == before


def test_a_bad_teams_file_is_a_usage_error_naming_the_file(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("Alpha (ENG),A\nBeta (ENG),A\n", encoding="utf-8")
    status, _, err = run("team", UEL, "Liverpool", "--teams", mine)
    assert status == 2
    assert err == (
        f"matchevents: {mine}: the spelling 'A' is given for both Alpha (ENG) and Beta (ENG), "
        "which nothing could tell apart\n"
    )


@pytest.mark.parametrize("last", ["-1", "five"])
def test_last_takes_a_number_of_matches(last: str) -> None:
    assert run("team", UEL, "Liverpool", "--last", last)[0] == 2
