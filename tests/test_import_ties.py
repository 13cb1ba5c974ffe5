"""Imported cup data feeds the tie projection: legs are paired into ties by stage and teams, and
each tie comes out as the competition decided it, under the rules of its era."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchevents import Score
from matchevents.competitions import (
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_UNTIL_2021,
    Tie,
    TieDecision,
    TieOutcome,
)
from matchevents.competitions.rulesets import TieRules
from matchevents.importers import (
    ImportResult,
    Problem,
    import_football_txt,
    import_openfootball_json,
)
from matchevents.projections import fold
from matchevents.projections.outcome import match_result


def outcomes(result: ImportResult, rules: TieRules) -> dict[frozenset[str], TieOutcome]:
    events = list(result.events())
    decided: dict[frozenset[str], TieOutcome] = {}
    for legs in result.ties():
        outcome = fold(Tie(rules, legs), events).outcome
        assert outcome is not None, legs
        decided[frozenset((outcome.winner, outcome.loser))] = outcome
    return decided


def tie(decided: dict[frozenset[str], TieOutcome], one: str, other: str) -> TieOutcome:
    return decided[frozenset((one, other))]


@pytest.fixture(scope="module")
def europa_league_2023_24(shared_data: Path) -> dict[frozenset[str], TieOutcome]:
    result = import_football_txt(shared_data / "openfootball" / "el.2023-24.txt")
    return outcomes(result, UEFA_KNOCKOUT_FROM_2021)


def test_atalanta_beat_liverpool_3_1_on_aggregate(
    europa_league_2023_24: dict[frozenset[str], TieOutcome],
) -> None:
    outcome = tie(europa_league_2023_24, "Atalanta", "Liverpool")
    assert outcome.winner == "Atalanta"
    assert outcome.decided_by is TieDecision.AGGREGATE
    assert outcome.aggregate == Score(3, 1)


@pytest.mark.parametrize(
    ("winner", "loser", "decided_by", "penalties"),
    [
        ("SC Freiburg", "RC Lens", TieDecision.EXTRA_TIME, None),
        ("Qarabağ FK", "Sporting Braga", TieDecision.EXTRA_TIME, None),
        ("AS Roma", "Feyenoord", TieDecision.PENALTIES, Score(4, 2)),
        ("Olympique Marseille", "SL Benfica", TieDecision.PENALTIES, Score(4, 2)),
    ],
)
def test_europa_league_2023_24_ties_decided_by_extra_time_or_penalties(
    europa_league_2023_24: dict[frozenset[str], TieOutcome],
    winner: str,
    loser: str,
    decided_by: TieDecision,
    penalties: Score | None,
) -> None:
    outcome = tie(europa_league_2023_24, winner, loser)
    assert (outcome.winner, outcome.decided_by, outcome.penalties) == (
        winner,
        decided_by,
        penalties,
    )
    assert outcome.after_extra_time


def test_the_europa_league_2023_24_knockout_rounds_are_all_ties(
    europa_league_2023_24: dict[frozenset[str], TieOutcome],
) -> None:
    # 8 play-offs, 8 round of 16, 4 quarter-finals, 2 semi-finals, the final
    assert len(europa_league_2023_24) == 23
    final = tie(europa_league_2023_24, "Atalanta", "Bayer Leverkusen")
    assert (final.winner, final.aggregate) == ("Atalanta", Score(3, 0))


@pytest.mark.parametrize(
    ("winner", "loser"),
    [
        ("Manchester United", "Paris Saint-Germain"),
        ("Tottenham Hotspur", "Manchester City"),
        ("Tottenham Hotspur", "AFC Ajax"),
    ],
)
def test_champions_league_2018_19_ties_decided_on_away_goals(
    shared_data: Path, winner: str, loser: str
) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2018-19.json")
    outcome = tie(outcomes(result, UEFA_KNOCKOUT_UNTIL_2021), winner, loser)
    assert outcome.winner == winner
    assert outcome.decided_by is TieDecision.AWAY_GOALS
    assert outcome.aggregate.is_level


def test_porto_beat_roma_in_extra_time_after_away_goals_left_it_level(shared_data: Path) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / "uefa.cl.2018-19.json")
    outcome = tie(outcomes(result, UEFA_KNOCKOUT_UNTIL_2021), "FC Porto", "AS Roma")
    assert (outcome.winner, outcome.decided_by, outcome.aggregate) == (
        "FC Porto",
        TieDecision.EXTRA_TIME,
        Score(4, 3),
    )


def test_the_world_cup_2022_final_is_a_single_match_tie_won_on_penalties(
    shared_data: Path,
) -> None:
    result = import_openfootball_json(shared_data / "openfootball" / "worldcup.2022.json")
    outcome = tie(outcomes(result, UEFA_KNOCKOUT_FROM_2021), "Argentina", "France")
    assert (outcome.winner, outcome.decided_by, outcome.penalties) == (
        "Argentina",
        TieDecision.PENALTIES,
        Score(4, 2),
    )


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("cl.2018-19.txt", UEFA_KNOCKOUT_UNTIL_2021),
        ("cl.2023-24.txt", UEFA_KNOCKOUT_FROM_2021),
        ("conf.2023-24.txt", UEFA_KNOCKOUT_FROM_2021),
        ("el.2022-23.txt", UEFA_KNOCKOUT_FROM_2021),
        ("uefa.cl.2024-25.json", UEFA_KNOCKOUT_FROM_2021),
    ],
)
def test_every_tie_agrees_with_its_deciding_match(
    shared_data: Path, name: str, rules: TieRules
) -> None:
    path = shared_data / "openfootball" / name
    result = (import_football_txt if name.endswith(".txt") else import_openfootball_json)(path)
    by_id = {m.match_id: m for m in result.matches}
    assert result.ties()
    for legs in result.ties():
        outcome = fold(Tie(rules, legs), result.events()).outcome
        deciding = match_result(by_id[legs[-1]].events)
        assert outcome is not None
        assert deciding.tie_winner is not None
        assert outcome.winner == deciding.team(deciding.tie_winner)


@pytest.mark.parametrize("repeated", ["first leg", "second leg"])
def test_a_repeated_line_is_a_duplicate_and_the_two_legs_still_make_a_tie(
    tmp_path: Path, repeated: str
) -> None:
    """The real Atalanta - Liverpool quarter-final, one of its legs listed twice: the repeat is
    reported as a duplicate, and the two real legs are still one tie (not two single matches
    that must each be won)."""
    first = "    21.00  Liverpool FC (ENG) v Atalanta (ITA)  0-3 (0-1)\n"
    second = "    21.00  Atalanta (ITA) v Liverpool FC (ENG)  0-1 (0-1)\n"
    path = tmp_path / "repeated.txt"
    path.write_text(
        "= UEFA Europa League 2023/24\n» Quarterfinals\n"
        f"  Thu Apr/11 2024\n{first}{first if repeated == 'first leg' else ''}"
        f"  Thu Apr/18 2024\n{second}{second if repeated == 'second leg' else ''}",
        encoding="utf-8",
    )
    result = import_football_txt(path)
    [(first_leg, second_leg)] = result.ties()
    assert match_result(result.matches[1].events).aggregate == Score(3, 1)
    outcome = fold(Tie(UEFA_KNOCKOUT_FROM_2021, (first_leg, second_leg)), result.events()).outcome
    assert outcome is not None
    assert (outcome.winner, outcome.aggregate) == ("Atalanta", Score(3, 1))
    [problem] = result.problems
    assert problem.problem is Problem.DUPLICATE_MATCH
    assert problem.line == (5 if repeated == "first leg" else 7)
    assert f"(line {problem.line - 1})" in problem.detail  # where the match already is
