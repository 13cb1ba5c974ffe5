"""The ``matchevents`` command: replay, validate and show, on the bundled real examples."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

import pytest

from matches import (
    ANFIELD_ID,
    BERGAMO_ID,
    ISTANBUL_ID,
    anfield_first_leg,
    istanbul_final,
    shootout_by_its_score,
)
from matchevents import Goal, MatchClock, Score, Side
from matchevents.cli import build_report, main
from matchevents.codec import dumps
from matchevents.competitions import PointsDeduction, played_match
from matchevents.log import write_log
from matchevents.reports import find_match

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
UEL = EXAMPLES / "uel-2023-24-qf-liverpool-atalanta.jsonl"
PREMIER_LEAGUE = EXAMPLES / "premier-league-2023-24.jsonl"


def run(*argv: str | Path) -> tuple[int, str, str]:
    """Run the command as a pipe would: output captured, no terminal."""
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


# -- replay ---------------------------------------------------------------------------------------
def test_replay_prints_the_europa_league_quarter_final() -> None:
    status, out, err = run("replay", UEL)
    assert (status, err) == (0, "")
    assert out == (
        "UEFA Europa League 2023-24\n"
        "stage          date        result\n"
        "Quarter-final  2024-04-11  Liverpool 0-3 Atalanta (HT 0-1, FT 0-3)\n"
        "Quarter-final  2024-04-18  Atalanta 0-1 Liverpool (HT 0-1, FT 0-1), aggregate 3-1\n"
        "\n"
        "Ties\n"
        "  Liverpool v Atalanta: Atalanta through 3-1 on aggregate\n"
    )


def test_replay_of_a_final_shows_extra_time_and_penalties(tmp_path: Path) -> None:
    log = tmp_path / "istanbul.jsonl"
    write_log(log, istanbul_final())
    status, out, _ = run("replay", log)
    assert status == 0
    assert "AC Milan 3-3 Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)" in out
    assert "AC Milan v Liverpool: Liverpool win 3-2 on penalties (3-3 after extra time)" in out


def test_replay_of_a_season_gives_the_official_final_table(shared_data: Path) -> None:
    """The bundled season, deductions included, replays into the official 2023-24 table."""
    status, out, _ = run("replay", PREMIER_LEAGUE, "--format", "csv", "--only", "table")
    assert status == 0
    ours = {row["team"].removesuffix(" FC"): row for row in csv.DictReader(io.StringIO(out))}
    official = shared_data / "premier-league-2023-24-final-table.csv"
    with official.open(encoding="utf-8") as table:
        for row in csv.DictReader(table):
            mine = ours[row["team"]]
            assert mine["position"] == row["pos"]
            for column, theirs in (
                ("played", "played"),
                ("won", "won"),
                ("drawn", "drawn"),
                ("lost", "lost"),
                ("goals_for", "gf"),
                ("goals_against", "ga"),
                ("points", "points"),
                ("deducted", "points_deducted"),
            ):
                assert mine[column] == row[theirs], (row["team"], column)


def test_replay_until_a_date_cuts_a_season_known_by_its_days_only(
    shared_data: Path, tmp_path: Path
) -> None:
    """football-data.co.uk's CSV has dates but no kick-off times: --until still cuts the season
    there, and the results are in the order played."""
    log = tmp_path / "pl.jsonl"
    source = shared_data / "football-data" / "premier-league.season-2324.csv"
    assert run("import", "football-data-csv", source, "-o", log)[0] == 0
    report = build_report(log, until=date(2023, 12, 31))
    assert report.problems == ()
    assert len(report.results) == 196
    assert all(r.day is not None and r.day.year == 2023 for r in report.results)
    assert [r.day for r in report.results] == sorted(r.day for r in report.results)  # type: ignore[type-var]
    assert max(s.played for s in report.tables[0].standings) == 20
    status, out, err = run("replay", log, "--until", "2023-12-31", "--only", "results")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1].split()[0] == "2023-12-31"  # no stage: the date comes first


def test_replay_until_a_date_reports_a_match_with_no_date_and_leaves_it_out(
    tmp_path: Path,
) -> None:
    log = tmp_path / "feed.jsonl"
    undated = played_match("x", "Alpha", "Beta", Score(1, 0), competition="L", season="1")
    dated = played_match(
        "y", "Beta", "Alpha", Score(2, 0), competition="L", season="1", date=date(2024, 1, 6)
    )
    write_log(log, [*undated, *dated])
    report = build_report(log, until=date(2024, 1, 31))
    assert [r.match_id for r in report.results] == ["y"]
    [problem] = report.problems
    assert (problem.line, problem.match_id, problem.kind) == (1, "x", "undated")
    status, _, err = run("replay", log, "--until", "2024-01-31", "--only", "table")
    assert status == 1
    assert err == (
        f"matchevents: {log}:1: match x: [undated] Alpha v Beta has no date (no kick-off, no "
        "date), so it cannot be placed before or after 2024-01-31: left out\n"
    )
    assert run("replay", log)[0] == 0  # without a cut, the match counts


def test_replay_as_json_for_scripts() -> None:
    status, out, _ = run("replay", UEL, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [row["match_id"] for row in data["results"]] == [ANFIELD_ID, BERGAMO_ID]
    second = data["results"][1]
    assert (second["home_goals"], second["away_goals"], second["aggregate"]) == (0, 1, "3-1")
    assert second["half_time"] == "0-1"
    assert data["ties"][0]["winner"] == "Atalanta"
    assert data["ties"][0]["decided_by"] == "aggregate"
    assert data["tables"] == []
    assert data["problems"] == []


def test_replay_results_as_csv() -> None:
    status, out, _ = run("replay", UEL, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["home"], r["home_goals"], r["away_goals"], r["away"]) for r in rows] == [
        ("Liverpool", "0", "3", "Atalanta"),
        ("Atalanta", "0", "1", "Liverpool"),
    ]


def test_replay_skips_bad_lines_says_so_and_exits_1(tmp_path: Path) -> None:
    log = tmp_path / "feed.jsonl"
    log.write_text(UEL.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    status, out, err = run("replay", log)
    assert status == 1
    assert "Atalanta through 3-1 on aggregate" in out
    assert "1 bad line in " in err
    assert "was skipped" in err
    assert "matchevents validate" in err


# -- validate -------------------------------------------------------------------------------------
def test_validate_reports_every_bad_line_and_exits_non_zero(tmp_path: Path) -> None:
    events = anfield_first_leg()
    offside = Goal(match_id=ANFIELD_ID, side=Side.HOME, scorer="Salah", at=MatchClock(50))
    lines = [dumps(event) for event in events]
    lines.insert(3, dumps(offside))  # a second-half minute in the first half
    lines.insert(5, '{"type": "goal", "v": 3, "match_id": "x", "side": "home"}')
    log = tmp_path / "feed.jsonl"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, err = run("validate", log)
    assert status == 1
    reported = out.splitlines()
    assert len(reported) == 2
    assert reported[0].startswith(f"{log}:4: match {ANFIELD_ID}: [clock-outside-period] ")
    assert reported[1].startswith(f"{log}:6: match x: [unreadable] goal.scorer: missing")
    assert "2 bad lines" in err


def test_validate_accepts_a_good_log() -> None:
    status, out, err = run("validate", UEL)
    assert (status, out) == (0, "")
    assert "14 events of 2 matches accepted; valid" in err


def misspelt_deduction_log(tmp_path: Path) -> Path:
    """The bundled season with one more deduction, naming Everton as the log does not."""
    log = tmp_path / "season.jsonl"
    deduction = PointsDeduction(
        competition="English Premier League", season="2023-24", team="Everton", points=3
    )
    log.write_text(
        PREMIER_LEAGUE.read_text(encoding="utf-8") + dumps(deduction) + "\n", encoding="utf-8"
    )
    return log


def test_validate_reports_a_deduction_of_a_team_with_no_match(tmp_path: Path) -> None:
    log = misspelt_deduction_log(tmp_path)
    status, out, err = run("validate", log)
    assert status == 1
    assert out == (
        f"{log}:1905: [unknown-team] points deduction of 3 from 'Everton' (English Premier "
        "League 2023-24): no match of English Premier League 2023-24 has that team; did you "
        "mean 'Everton FC'?\n"
    )
    assert err.endswith("; 1 bad line\n")


def test_replay_leaves_a_deduction_of_a_team_with_no_match_out_of_the_table(
    tmp_path: Path,
) -> None:
    """No phantom 'Everton' row, Everton FC's table as official, and the problem said."""
    log = misspelt_deduction_log(tmp_path)
    status, out, err = run("replay", log, "--format", "csv", "--only", "table")
    assert status == 1
    rows = {row["team"]: row for row in csv.DictReader(io.StringIO(out))}
    assert len(rows) == 20
    assert "Everton" not in rows
    assert rows["Everton FC"]["deducted"] == "8"
    assert "1 bad line in " in err
    report = build_report(log, until=date(2024, 5, 31))
    assert [problem.kind for problem in report.problems] == ["unknown-team"]
    assert len(report.tables[0].standings) == 20


def test_validate_as_json(tmp_path: Path) -> None:
    log = tmp_path / "feed.jsonl"
    log.write_text(dumps(anfield_first_leg()[1]) + "\n", encoding="utf-8")
    status, out, _ = run("validate", log, "--format", "json")
    assert status == 1
    problem = json.loads(out)["problems"][0]
    assert problem == {
        "line": 1,
        "match_id": ANFIELD_ID,
        "rule": "first-event-must-be-schedule",
        "kind": "first-event-must-be-schedule",
        "message": problem["message"],
        "after_bad_line": None,
    }


def test_validate_points_each_knock_on_refusal_to_the_first_bad_line_of_its_match(
    tmp_path: Path,
) -> None:
    """An unreadable kick-off: every later event of the match is refused, and each refusal says
    which line to look at first, in text and in JSON."""
    lines = UEL.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("period_started", "period_startd")
    log = tmp_path / "feed.jsonl"
    log.write_text("".join(lines), encoding="utf-8")
    status, out, _ = run("validate", log)
    assert status == 1
    reported = out.splitlines()
    assert reported[0].startswith(f"{log}:2: match {ANFIELD_ID}: [unreadable] type: unknown")
    assert "after bad line" not in reported[0]
    assert reported[1].startswith(f"{log}:3: match {ANFIELD_ID}: [match-not-started] ")
    assert all(line.endswith("(after bad line 2 of this match)") for line in reported[1:])
    _, out, _ = run("validate", log, "--format", "json")
    afters = [problem["after_bad_line"] for problem in json.loads(out)["problems"]]
    assert afters == [None] + [2] * (len(reported) - 1)


# -- show -----------------------------------------------------------------------------------------
def test_show_prints_a_match_with_the_running_score() -> None:
    status, out, _ = run("show", UEL, BERGAMO_ID)
    assert status == 0
    assert out.splitlines() == [
        "Atalanta v Liverpool: UEFA Europa League 2023-24, Quarter-final, 2024-04-18 21:00, "
        "Stadio di Bergamo (Gewiss Stadium)",
        "v  minute  score  event",
        "2      1'  0-0    kick-off",
        "3      7'  0-1    goal Liverpool: Mohamed Salah (pen.)",
        "4     45'  0-1    half-time (recorded 0-1)",
        "5     46'  0-1    second half begins",
        "6     90'  0-1    full-time (recorded 0-1)",
        "",
        "Atalanta 0-1 Liverpool (HT 0-1, FT 0-1), aggregate 3-1",
    ]


def test_show_says_when_a_shootout_is_known_only_by_its_score(tmp_path: Path) -> None:
    log = tmp_path / "istanbul.jsonl"
    write_log(log, shootout_by_its_score(istanbul_final()))
    status, out, _ = run("show", log, ISTANBUL_ID)
    assert status == 0
    lines = out.splitlines()
    assert lines[-3].split(maxsplit=1)[1] == (
        "3-3 (pens 2-3)  end of the shoot-out: 2-3 on penalties, kicks not recorded"
    )
    assert lines[-1] == "AC Milan 3-3 Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)"
    status, out, _ = run("show", log, ISTANBUL_ID, "--format", "json")
    last = json.loads(out)["events"][-1]
    assert (last["penalties"], last["event"]) == (
        "2-3",
        "end of the shoot-out: 2-3 on penalties, kicks not recorded",
    )
    # Replayed, the recorded score decides the final as the kicks did.
    status, out, _ = run("replay", log)
    assert "AC Milan 3-3 Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)" in out
    assert "AC Milan v Liverpool: Liverpool win 3-2 on penalties (3-3 after extra time)" in out


def test_show_of_a_shootout_with_its_kicks_names_every_kick(tmp_path: Path) -> None:
    log = tmp_path / "istanbul.jsonl"
    write_log(log, istanbul_final())
    status, out, _ = run("show", log, ISTANBUL_ID)
    assert status == 0
    assert "penalty Liverpool: Dietmar Hamann scored" in out
    assert "kicks not recorded" not in out
    assert out.splitlines()[-3].endswith("3-3 (pens 2-3)  end of the shoot-out")


def test_show_at_a_minute_and_by_a_unique_part_of_the_id() -> None:
    status, out, _ = run("show", UEL, "liverpool-atalanta-1", "--at", "60")
    assert status == 0
    assert out.splitlines()[-1] == "Liverpool 0-2 Atalanta (HT 0-1) at 60'"
    assert "Pašalić" not in out


def test_show_as_csv() -> None:
    status, out, _ = run("show", UEL, ANFIELD_ID, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["score"] for row in rows][-1] == "0-3"
    assert rows[2]["minute"] == "38'"


def test_show_an_unknown_match_suggests_close_ids() -> None:
    status, out, err = run("show", UEL, "liverpool")
    assert (status, out) == (2, "")
    assert "no single match 'liverpool'" in err
    assert ANFIELD_ID in err


def test_show_a_match_like_no_other_names_some_ids_and_how_to_list_them() -> None:
    status, out, err = run("show", UEL, "zzz")
    assert (status, out) == (2, "")
    assert "no single match 'zzz'" in err
    assert f"it holds 2 matches, e.g. {ANFIELD_ID}" in err
    assert "--only results --format csv' lists their ids" in err


def test_a_folder_given_as_the_log_is_called_a_folder(tmp_path: Path) -> None:
    status, _, err = run("replay", tmp_path)
    assert status == 2
    assert f"{tmp_path}: a folder, not a log" in err


def test_an_empty_log_is_valid_and_said_to_be_empty(tmp_path: Path) -> None:
    log = tmp_path / "empty.jsonl"
    log.write_bytes(b"")
    status, _, err = run("validate", log)
    assert status == 0
    assert err.endswith("0 events of 0 matches accepted; valid (the file is empty)\n")
    status, out, err = run("replay", log)
    assert (status, out) == (0, "")
    assert "no event accepted (the file is empty)" in err


def test_a_cut_before_the_first_match_says_nothing_happened_by_then() -> None:
    status, out, err = run("replay", UEL, "--until", "2000-01-01")
    assert (status, out) == (0, "")
    assert err.endswith(": nothing happened by 2000-01-01\n")


def test_a_file_that_is_no_log_gets_a_hint_beside_its_bad_lines(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nnot a log\n", encoding="utf-8")
    status, _, err = run("validate", notes)
    assert status == 1
    assert "2 bad lines (is it a matchevents log? one JSON event per line" in err


def test_a_log_whose_events_are_all_refused_is_not_taken_for_no_log(tmp_path: Path) -> None:
    log = tmp_path / "no-schedules.jsonl"
    log.write_text("".join(UEL.read_text(encoding="utf-8").splitlines(True)[1:6]), "utf-8")
    status, _, err = run("validate", log)
    assert status == 1
    assert "is it a matchevents log?" not in err
    _, _, err = run("replay", tmp_path / "no-schedules.jsonl", "--until", "2030-01-01")
    assert "is it a matchevents log?" not in err
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    _, _, err = run("replay", notes, "--until", "2024-01-01")
    assert "no event accepted (is it a matchevents log?" in err


def test_a_log_in_a_folder_with_a_colon_in_its_name_keeps_its_messages_whole(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "feeds: april"
    folder.mkdir()
    log = folder / "feed.jsonl"
    log.write_text("{broken\n", encoding="utf-8")
    _, out, _ = run("validate", log)
    assert out.startswith(f"{log}:1: [unreadable] not valid JSON")
    _, out, _ = run("validate", log, "--format", "json")
    assert json.loads(out)["problems"][0]["message"].startswith("not valid JSON")


def test_json_problems_give_what_is_wrong_without_the_file_and_line(tmp_path: Path) -> None:
    log = tmp_path / "feed.jsonl"
    log.write_text(UEL.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    for command in ("validate", "replay"):
        _, out, _ = run(command, log, "--format", "json")
        (problem,) = json.loads(out)["problems"]
        assert problem["line"] == 15
        assert problem["kind"] == "unreadable"
        assert problem["message"].startswith("not valid JSON")


# -- usage ----------------------------------------------------------------------------------------
def test_a_missing_log_exits_2() -> None:
    status, _, err = run("replay", "no-such-log.jsonl")
    assert status == 2
    assert "no-such-log.jsonl: no such file" in err


def test_a_bad_argument_exits_2() -> None:
    assert run("show", UEL, ANFIELD_ID, "--at", "200")[0] == 2
    assert run("replay", UEL, "--until", "yesterday")[0] == 2


def test_the_installed_command_runs() -> None:
    command = Path(sys.executable).with_name("matchevents")
    if not command.exists():
        pytest.skip("the matchevents entry point is not installed in this environment")
    result = subprocess.run(
        [str(command), "replay", str(UEL)], capture_output=True, text=True, check=True
    )
    assert "Atalanta through 3-1 on aggregate" in result.stdout
    assert "\033[" not in result.stdout  # plain text in a pipe


class Terminal(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_bold_headers_and_a_progress_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("matchevents.cli._PROGRESS_EVERY", 5)
    out, err = Terminal(), Terminal()
    assert main(["replay", str(UEL), "--only", "ties"], out=out, err=err) == 0
    assert out.getvalue().startswith("\033[1mTies\033[0m\n")
    assert "\rreplaying: 10 lines read" in err.getvalue()
    quiet = Terminal()
    assert main(["replay", str(UEL), "--only", "ties", "-q"], out=Terminal(), err=quiet) == 0
    assert quiet.getvalue() == ""


def test_a_tie_between_its_legs_says_what_is_known(tmp_path: Path) -> None:
    log = tmp_path / "first-leg.jsonl"
    write_log(log, anfield_first_leg())
    status, out, _ = run("replay", log, "--only", "ties")
    assert status == 0
    assert out == "Ties\n  Liverpool v Atalanta: 0-3 after the first leg, second leg to come\n"


def test_a_real_world_cup_gives_its_groups_and_its_final(shared_data: Path, tmp_path: Path) -> None:
    """World Cup 2022 from openfootball: one table per group (the stage's match day is not a
    group), knockout matches told as single matches, the final on penalties."""
    log = tmp_path / "wc.jsonl"
    source = shared_data / "openfootball" / "worldcup.2022.json"
    run("import", "openfootball-json", source, "-o", log)  # exit 1: the file has bad records
    report = build_report(log)
    assert {table.group for table in report.tables} == {f"Group {g}" for g in "ABCDEFGH"}
    group_a = next(table for table in report.tables if table.group == "Group A")
    assert [s.team for s in group_a.standings][:2] == ["Netherlands", "Senegal"]
    ties = {str(tie) for tie in report.ties}
    assert "Argentina v France: Argentina win 4-2 on penalties (3-3 after extra time)" in ties
    status, out, _ = run("show", log, "argentina-v-france")
    assert status == 0
    assert out.splitlines()[-1] == "Argentina 3-3 France (HT 2-0, FT 2-2, AET 3-3, pens 4-2)"


# -- what a new user met (issue 16) ---------------------------------------------------------------
def test_the_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"matchevents {metadata.version('matchevents')}\n"


def test_an_internal_error_is_called_a_bug_with_its_own_exit_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr("matchevents.cli.build_report", broken)
    status, out, err = run("replay", UEL)
    assert (status, out) == (3, "")
    assert err == (
        "matchevents: internal error (RuntimeError: something inside broke): this is a bug in "
        f"matchevents {metadata.version('matchevents')}, not in your data; run again with "
        "--debug (or MATCHEVENTS_DEBUG=1) to see the traceback, and please report it\n"
    )
    with pytest.raises(RuntimeError, match="something inside broke"):
        run("--debug", "replay", UEL)
    monkeypatch.setenv("MATCHEVENTS_DEBUG", "1")
    with pytest.raises(RuntimeError, match="something inside broke"):
        run("replay", UEL)


def test_a_log_that_is_no_regular_file_is_read_like_one() -> None:
    status, out, err = run("validate", "/dev/null")
    assert (status, out) == (0, "")
    assert err == "/dev/null: 0 events of 0 matches accepted; valid (the file is empty)\n"


@pytest.mark.parametrize(
    ("only", "said"),
    [
        ("table", "No table: the log has no league match.\n"),
        ("ties", "No ties: the log has no knockout match.\n"),
    ],
)
def test_a_section_asked_for_that_the_log_does_not_have_says_so(only: str, said: str) -> None:
    log = UEL if only == "table" else PREMIER_LEAGUE
    assert run("replay", log, "--only", only) == (0, said, "")


def test_show_of_a_match_with_no_accepted_event_says_so(tmp_path: Path) -> None:
    log = tmp_path / "kick-off-only.jsonl"
    log.write_text(
        '{"type":"period_started","v":1,"match_id":"m1","period":"first_half"}\n', encoding="utf-8"
    )
    status, out, err = run("show", log, "m1")
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "matchevents: no event of match 'm1' was accepted (a match's first event is its "
        f"schedule); 'matchevents validate {log}' lists what is wrong",
        f"matchevents: skipped {log}:1: [first-event-must-be-schedule] the first event must be "
        "MatchScheduled, not PeriodStarted",
    ]


def test_a_log_whose_name_is_not_utf8_is_named_escaped_not_a_crash(tmp_path: Path) -> None:
    log = Path(os.fsdecode(bytes(tmp_path) + b"/log-\xff.jsonl"))
    log.write_bytes(UEL.read_bytes())
    result = subprocess.run(
        [str(Path(sys.executable).with_name("matchevents")), "validate", str(log)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr.endswith(b"/log-\\udcff.jsonl: 14 events of 2 matches accepted; valid\n")


# -- what a second new user met -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("workers", "said"),
    [
        ("0", "matchevents: --workers needs a number of 1 or more, not 0\n"),
        ("-2", "matchevents: --workers needs a number of 1 or more, not -2\n"),
    ],
)
def test_workers_below_one_are_refused_saying_so(workers: str, said: str) -> None:
    assert run("replay", UEL, "--workers", workers) == (2, "", said)


def test_workers_with_until_are_refused_saying_until_replays_in_one_process() -> None:
    assert run("replay", UEL, "--until", "2024-04-11", "--workers", "2") == (
        2,
        "",
        "matchevents: --until replays in one process: leave out --workers\n",
    )
    assert run("replay", UEL, "--until", "2024-04-11", "--workers", "1") == run(
        "replay", UEL, "--until", "2024-04-11"
    )


@pytest.mark.parametrize(
    ("only", "key"), [("results", "results"), ("ties", "ties"), ("table", "tables")]
)
def test_json_with_only_prints_the_object_with_that_sections_key_only(only: str, key: str) -> None:
    _, whole, _ = run("replay", PREMIER_LEAGUE, "--format", "json")
    status, out, err = run("replay", PREMIER_LEAGUE, "--format", "json", "--only", only)
    assert (status, err) == (0, "")
    assert json.loads(out) == {key: json.loads(whole)[key]}


def test_json_with_only_ties_prints_the_ties_of_the_europa_league_quarter_final() -> None:
    status, out, _ = run("replay", UEL, "--only", "ties", "--format", "json")
    assert status == 0
    ties = json.loads(out)
    assert list(ties) == ["ties"]
    assert [tie["summary"] for tie in ties["ties"]] == [
        "Liverpool v Atalanta: Atalanta through 3-1 on aggregate"
    ]


def final_rows(shared_data: Path, tmp_path: Path, name: str) -> tuple[dict[str, object], ...]:
    """The final's tie row of a shared file, imported, from ``replay --format json --only ties``
    and from ``--format csv --only ties`` (CSV's empty cells read as None)."""
    log = tmp_path / "cup.jsonl"
    run("import", "openfootball-json", shared_data / "openfootball" / name, "-o", log)
    status, out, _ = run("replay", log, "--format", "json", "--only", "ties")
    assert status == 0
    [from_json] = [tie for tie in json.loads(out)["ties"] if tie["stage"] == "Final"]
    status, out, _ = run("replay", log, "--format", "csv", "--only", "ties")
    assert status == 0
    [from_csv] = [tie for tie in csv.DictReader(io.StringIO(out)) if tie["stage"] == "Final"]
    return from_json, {key: value or None for key, value in from_csv.items()}


def test_the_euro_2024_final_tie_row_is_a_match_won_in_regular_time_not_an_aggregate(
    shared_data: Path, tmp_path: Path
) -> None:
    """Spain 2-1 England was one match: the row says how it was decided, as the match's result
    row does, and has no aggregate, in JSON and in CSV alike."""
    for row in final_rows(shared_data, tmp_path, "euro.2024.json"):
        assert {key: row[key] for key in ("winner", "decided_by", "aggregate", "penalties")} == {
            "winner": "Spain",
            "decided_by": "regular_time",
            "aggregate": None,
            "penalties": None,
        }
        assert row["summary"] == "Spain v England: Spain win 2-1"


def test_the_world_cup_2022_final_tie_row_is_won_on_penalties_with_no_aggregate(
    shared_data: Path, tmp_path: Path
) -> None:
    for row in final_rows(shared_data, tmp_path, "worldcup.2022.json"):
        assert (row["decided_by"], row["aggregate"], row["penalties"]) == ("penalties", None, "4-2")
        assert row["summary"] == (
            "Argentina v France: Argentina win 4-2 on penalties (3-3 after extra time)"
        )


def test_a_two_legged_tie_row_keeps_its_aggregate_in_json_and_csv() -> None:
    expected = {
        "competition": "UEFA Europa League",
        "season": "2023-24",
        "stage": "Quarter-final",
        "team1": "Liverpool",
        "team2": "Atalanta",
        "legs": f"{ANFIELD_ID} {BERGAMO_ID}",
        "winner": "Atalanta",
        "decided_by": "aggregate",
        "aggregate": "3-1",
        "penalties": None,
        "summary": "Liverpool v Atalanta: Atalanta through 3-1 on aggregate",
    }
    _, out, _ = run("replay", UEL, "--format", "json", "--only", "ties")
    assert json.loads(out)["ties"] == [expected]
    _, out, _ = run("replay", UEL, "--format", "csv", "--only", "ties")
    [row] = csv.DictReader(io.StringIO(out))
    assert {key: value or None for key, value in row.items()} == expected


def test_json_with_only_still_says_the_bad_lines_and_exits_1(tmp_path: Path) -> None:
    log = tmp_path / "torn.jsonl"
    log.write_bytes(UEL.read_bytes() + b"{torn\n")
    status, out, err = run("replay", log, "--format", "json", "--only", "results")
    assert status == 1
    assert list(json.loads(out)) == ["results"]
    assert f"1 bad line in {log} was skipped" in err


def test_show_a_part_of_many_ids_names_five_and_says_how_many_more() -> None:
    """38 Premier League matches contain 'liverpool': five are named, and the 33 others counted
    (the message named five and stopped, as if there were no more)."""
    status, out, err = run("show", PREMIER_LEAGUE, "liverpool")
    assert (status, out) == (2, "")
    lookup = find_match(PREMIER_LEAGUE, "liverpool")
    assert (len(lookup.suggestions), len(lookup.containing), lookup.more) == (5, 38, 33)
    assert lookup.suggestions[0] == "english-premier-league:2023-24:2023-08-13:chelsea-v-liverpool"
    assert err == (
        f"matchevents: no single match 'liverpool' in {PREMIER_LEAGUE}; did you mean: "
        f"{', '.join(lookup.suggestions)}, and 33 more containing 'liverpool' ('matchevents "
        f"replay {PREMIER_LEAGUE} --only results --format csv' lists every match's id)\n"
    )


def test_show_a_part_of_few_ids_names_them_all_and_no_more() -> None:
    status, _, err = run("show", UEL, "liverpool")
    assert status == 2
    assert err.endswith(f"did you mean: {ANFIELD_ID}, uel-2023-24-qf-atalanta-liverpool-2\n")
