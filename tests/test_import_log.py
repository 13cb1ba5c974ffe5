"""Imported events go to a log through the log module and replay from it unchanged: the importers
produce events, and writing is the log's job."""

from __future__ import annotations

from pathlib import Path

from matchevents.importers import import_football_txt, import_openfootball_json
from matchevents.log import read_log, replay, write_log
from matchevents.projections.outcome import OUTCOME


def test_an_imported_tournament_survives_the_log_round_trip(
    shared_data: Path, tmp_path: Path
) -> None:
    imported = import_openfootball_json(shared_data / "openfootball" / "worldcup.2022.json")
    log = tmp_path / "worldcup.jsonl"
    written = write_log(log, imported.events())
    assert written == sum(len(m.events) for m in imported.matches)
    assert list(read_log(log)) == list(imported.events())


def test_an_imported_cup_replays_from_its_log_without_a_problem(
    shared_data: Path, tmp_path: Path
) -> None:
    imported = import_football_txt(shared_data / "openfootball" / "el.2023-24.txt")
    log = tmp_path / "el.jsonl"
    write_log(log, imported.events())
    replayed = replay(log, per_match=[OUTCOME])
    assert replayed.problems == ()
    assert replayed.matches == imported.imported == 141
