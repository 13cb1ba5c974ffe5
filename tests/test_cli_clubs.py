"""``matchevents clubs NAME...``: what each name means in the club registry (the bundled one, or
it extended by a user's CSV), in text and JSON, with the closest names for a name it does not
know."""

from __future__ import annotations

import io
import json
from pathlib import Path

from matchevents.cli import main
from matchevents.teams import load_clubs


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_each_name_gets_its_club_country_and_other_spellings() -> None:
    assert run("clubs", "Man United", "Liverpool FC (ENG)", "Spain") == (
        0,
        "'Man United' is Manchester United (ENG); also spelt Man U, Man Utd, Manchester U, "
        "Manchester United FC, Manchester Utd\n"
        "'Liverpool FC (ENG)' is Liverpool (ENG); also spelt Liverpool FC\n"
        "'Spain' is Spain (ESP)\n",
        "",
    )


def test_an_unknown_name_gets_the_closest_known_names_and_exit_status_1() -> None:
    status, out, err = run("clubs", "Livrepool", "Arsenal", "Xyzzy")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "'Livrepool' is no known club; closest: Liverpool",
        "'Arsenal' is Arsenal (ENG); also spelt Arsenal FC",
        "'Xyzzy' is no known club",
    ]


def test_json_gives_each_name_its_resolution_club_country_spellings_and_closest_names() -> None:
    status, out, _ = run("clubs", "Man United", "Livrepool", "--format", "json")
    assert status == 1
    assert json.loads(out) == [
        {
            "spelling": "Man United",
            "resolution": "known",
            "club": "Manchester United",
            "country": "ENG",
            # All but the canonical name, the one asked about included: the club's own list.
            "other_spellings": list(load_clubs().resolve("Man United").other_spellings),
            "candidates": [],
            "closest": [],
        },
        {
            "spelling": "Livrepool",
            "resolution": "unknown",
            "club": None,
            "country": None,
            "other_spellings": [],
            "candidates": [],
            "closest": ["Liverpool"],
        },
    ]


def test_a_users_csv_adds_its_clubs_and_can_make_a_spelling_ambiguous(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(
        "Wrexham (WAL),Wrexham AFC,The Red Dragons\nLiverpool Montevideo (URU),Liverpool FC\n",
        encoding="utf-8",
    )
    assert run("clubs", "Wrexham AFC", "--teams", mine)[:2] == (
        0,
        "'Wrexham AFC' is Wrexham (WAL); also spelt The Red Dragons\n",
    )
    status, out, _ = run("clubs", "Liverpool FC", "--teams", mine, "--format", "json")
    assert status == 1
    [ambiguous] = json.loads(out)
    assert (ambiguous["resolution"], ambiguous["club"]) == ("ambiguous", None)
    assert ambiguous["candidates"] == [
        {"club": "Liverpool", "country": "ENG"},
        {"club": "Liverpool Montevideo", "country": "URU"},
    ]
    assert run("clubs", "Wrexham AFC")[:2] == (1, "'Wrexham AFC' is no known club\n")


def test_teams_bundled_is_the_registry_asked_without_teams() -> None:
    assert run("clubs", "Man City", "--teams", "bundled") == run("clubs", "Man City")


def test_a_bad_teams_file_or_no_name_is_a_usage_error(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("Alpha (ENG),A\nBeta (ENG),A\n", encoding="utf-8")
    assert run("clubs", "A", "--teams", mine) == (
        2,
        "",
        f"matchevents: {mine}: the spelling 'A' is given for both Alpha (ENG) and Beta (ENG), "
        "which nothing could tell apart\n",
    )
    assert run("clubs")[0] == 2


def test_an_empty_name_is_refused_before_any_name_is_looked_up() -> None:
    assert run("clubs", "Arsenal", " ") == (2, "", "matchevents: a club's name cannot be empty\n")
