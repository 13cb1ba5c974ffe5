"""``matchevents replay --workers N``: the log replayed in N processes, split by match, prints
exactly what one process prints, bad lines included, with ``--teams`` too."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from matchevents import Score
from matchevents.cli import main
from matchevents.competitions import played_match
from matchevents.log import write_log
from matchevents.parallel import partition_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PREMIER_LEAGUE = EXAMPLES / "premier-league-2023-24.jsonl"
UEL = EXAMPLES / "uel-2023-24-qf-liverpool-atalanta.jsonl"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def ids_in_reverse_partition_order(prefix: str) -> tuple[str, str]:
    """Two match ids, the first of which goes to the second of two partitions and the second
    to the first."""
    ids = [f"{prefix}-{number}" for number in range(50)]
    return (
        next(i for i in ids if partition_of(i, 2) == 1),
        next(i for i in ids if partition_of(i, 2) == 0),
    )


@pytest.mark.parametrize("log", [PREMIER_LEAGUE, UEL], ids=["premier-league", "europa-league"])
@pytest.mark.parametrize(
    "output", [[], ["--format", "json"], ["--format", "csv", "--only", "table"]]
)
def test_two_workers_print_what_one_process_prints(log: Path, output: list[str]) -> None:
    one = run("replay", log, *output)
    assert one[0] == 0
    assert run("replay", log, *output, "--workers", "2") == one


def test_matches_in_play_at_one_kick_off_are_listed_in_log_order_whatever_the_workers(
    tmp_path: Path,
) -> None:
    # Two matches kicking off together, both in play; the first of the log goes to the second
    # of two partitions, so a merge in partition order would list them the other way round.
    first, second = ids_in_reverse_partition_order("in-play")
    kickoff = datetime(2024, 5, 19, 15, 0, tzinfo=UTC)
    events = [
        event
        for match_id, home, away in [
            (first, "Arsenal", "Everton"),
            (second, "Brentford", "Newcastle"),
        ]
        for event in played_match(
            match_id,
            home,
            away,
            Score(1, 0),
            competition="League",
            season="2023-24",
            kickoff=kickoff,
        )[:2]  # scheduled and kicked off
    ]
    log = tmp_path / "in-play.jsonl"
    write_log(log, events)
    for output in ([], ["--format", "json"], ["--format", "csv"]):
        one = run("replay", log, *output)
        assert one[0] == 0
        assert one[1].index("Arsenal") < one[1].index("Brentford")  # the log's order
        assert run("replay", log, *output, "--workers", "2") == one


def test_bad_lines_are_counted_alike(tmp_path: Path) -> None:
    log = tmp_path / "damaged.jsonl"
    shutil.copy(PREMIER_LEAGUE, log)
    with open(log, "a", encoding="utf-8") as out:
        out.write("{torn\n")
    one = run("replay", log, "--format", "json")
    assert one[0] == 1
    assert "1 bad line in " in one[2]
    assert run("replay", log, "--format", "json", "--workers", "2") == one


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "0"], "--workers needs a number of 1 or more, not 0"),
        (["--workers", "2", "--until", "2024-01-01"], "--until replays in one process"),
    ],
)
def test_workers_must_be_positive_and_not_with_until(extra: list[str], message: str) -> None:
    status, out, err = run("replay", PREMIER_LEAGUE, *extra)
    assert (status, out) == (2, "")
    assert message in err


def test_two_workers_read_the_teams_by_the_registry_as_one_process_does(tmp_path: Path) -> None:
    # Manchester United spelt two ways, in matches that go to different partitions of two.
    first, second = ids_in_reverse_partition_order("spelt")
    season = partial(played_match, score=Score(2, 1), competition="PL", season="2023-24")
    log = tmp_path / "spelt-two-ways.jsonl"
    write_log(
        log,
        [
            *season(first, "Man United", "Everton"),
            *season(second, "Everton", "Manchester United FC"),
        ],
    )
    for output in ([], ["--format", "json"], ["--only", "table"]):
        one = run("replay", log, *output, "--teams", "bundled", "--workers", "1")
        assert one[0] == 0
        assert "Manchester United" in one[1]
        assert "Man United" not in one[1]
        assert run("replay", log, *output, "--teams", "bundled", "--workers", "2") == one
