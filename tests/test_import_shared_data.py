"""Every file of the shared real data imports: a summary of matches imported and records rejected,
every record accounted for, nothing crashed on."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchevents import Timeline
from matchevents.importers import (
    ImportResult,
    import_football_data_csv,
    import_football_txt,
    import_openfootball_json,
)

# Matches imported and records rejected per file: any change is a change in what the importers
# accept, or in the data, and should be looked at.
EXPECTED = {
    "openfootball/cl.2018-19.derived.json": (125, 0),
    "openfootball/cl.2018-19.txt": (125, 0),
    "openfootball/cl.2023-24.derived.json": (125, 0),
    "openfootball/cl.2023-24.txt": (125, 0),
    "openfootball/conf.2023-24.derived.json": (141, 0),
    "openfootball/conf.2023-24.txt": (141, 0),
    "openfootball/el.2022-23.derived.json": (141, 0),
    "openfootball/el.2022-23.txt": (141, 0),
    "openfootball/el.2023-24.derived.json": (141, 0),
    "openfootball/el.2023-24.txt": (141, 0),
    "openfootball/en.1.2022-23.json": (380, 0),
    "openfootball/en.1.2023-24.json": (380, 0),
    "openfootball/en.1.2024-25.json": (380, 0),
    "openfootball/euro.2020.json": (50, 1),
    "openfootball/euro.2024.json": (49, 2),
    "openfootball/premierleague.2022-23.txt": (380, 0),
    "openfootball/premierleague.2023-24.txt": (380, 0),
    "openfootball/rsssf-eng2024-premierleague.txt": (381, 0),
    "openfootball/uefa.cl.2018-19.json": (125, 0),
    "openfootball/uefa.cl.2024-25.json": (186, 3),
    "openfootball/worldcup.2018.json": (62, 2),
    "openfootball/worldcup.2022.json": (61, 3),
    "football-data/premier-league.season-2223.csv": (380, 0),
    "football-data/premier-league.season-2324.csv": (380, 0),
    "football-data/premier-league.season-2425.csv": (380, 0),
}


def import_any(path: Path) -> ImportResult:
    if path.suffix == ".csv":
        return import_football_data_csv(path)
    if path.suffix == ".txt":
        return import_football_txt(path)
    return import_openfootball_json(path)


def test_every_shared_file_imports_with_a_summary(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(
        [*(shared_data / "openfootball").iterdir(), *(shared_data / "football-data").glob("*.csv")]
    )
    summary = {}
    problems = []
    for path in files:
        result = import_any(path)
        summary[str(path.relative_to(shared_data))] = (result.imported, result.rejected)
        problems.extend(result.problems)
    imported = sum(i for i, _ in summary.values())
    with capsys.disabled():  # the summary is part of the suite's output, on purpose
        print(
            f"\nshared data: {len(files)} files, {imported} matches imported, "
            f"{len(problems)} records rejected:"
        )
        for problem in problems:
            print("   ", problem)
    assert summary == EXPECTED


def test_every_imported_match_replays_into_a_finished_timeline(shared_data: Path) -> None:
    for path in [
        shared_data / "openfootball" / "worldcup.2022.json",
        shared_data / "openfootball" / "conf.2023-24.txt",
        shared_data / "football-data" / "premier-league.season-2425.csv",
    ]:
        for match in import_any(path).matches:
            assert Timeline.from_events(match.events).is_over, match.match_id
