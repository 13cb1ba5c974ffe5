"""Comparing two sources of the same season match by match: every disagreement is reported, none
resolved, and the real ones in the shared data are named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matchevents import Score
from matchevents.importers import (
    Difference,
    ImportResult,
    compare_imports,
    import_football_data_csv,
    import_football_txt,
    import_openfootball_json,
)
from matchevents.teams import bundled_clubs


def openfootball(shared_data: Path, season: str) -> ImportResult:
    return import_openfootball_json(shared_data / "openfootball" / f"en.1.{season}.json")


@pytest.mark.parametrize(
    ("season", "code"), [("2022-23", "2223"), ("2023-24", "2324"), ("2024-25", "2425")]
)
def test_openfootball_and_football_data_differ_only_on_goalless_half_times(
    shared_data: Path, season: str, code: str
) -> None:
    csv = import_football_data_csv(
        shared_data / "football-data" / f"premier-league.season-{code}.csv"
    )
    differences = compare_imports(openfootball(shared_data, season), csv, bundled_clubs())
    assert differences  # openfootball leaves out the half-time score of 0-0 draws
    assert {d.difference for d in differences} == {Difference.HALF_TIME}
    assert {(d.left, d.right) for d in differences} == {(None, Score(0, 0))}


@pytest.mark.parametrize("season", ["2022-23", "2023-24"])
def test_openfootball_json_and_its_football_txt_agree_on_every_match(
    shared_data: Path, season: str
) -> None:
    txt = import_football_txt(shared_data / "openfootball" / f"premierleague.{season}.txt")
    assert compare_imports(openfootball(shared_data, season), txt, bundled_clubs()) == ()


def test_the_rsssf_conversion_misdates_two_matches_and_keeps_the_abandoned_one(
    shared_data: Path,
) -> None:
    rsssf = import_football_txt(shared_data / "openfootball" / "rsssf-eng2024-premierleague.txt")
    differences = compare_imports(openfootball(shared_data, "2023-24"), rsssf, bundled_clubs())
    beyond_half_time = [d for d in differences if d.difference is not Difference.HALF_TIME]
    assert [(d.home, d.away, d.difference, d.left, d.right) for d in beyond_half_time] == [
        ("Everton", "Newcastle United", Difference.DATE, date(2023, 12, 7), date(2023, 12, 2)),
        (
            "Tottenham Hotspur",
            "West Ham United",
            Difference.DATE,
            date(2023, 12, 7),
            date(2023, 12, 2),
        ),
        ("AFC Bournemouth", "Luton Town", Difference.ONLY_RIGHT, None, None),
    ]
    assert beyond_half_time[0].right_where is not None
    assert beyond_half_time[0].right_where.endswith("rsssf-eng2024-premierleague.txt:259")
    # RSSSF gives no half-time scores at all.
    assert all(d.right is None for d in differences if d.difference is Difference.HALF_TIME)
