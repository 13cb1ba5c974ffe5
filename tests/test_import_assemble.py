"""Records to events, the step every reader shares: rounds classified, legs paired in any order,
match ids stable across sources, checks applied the same whatever the format."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import FormatKind, MatchScheduled, Score
from matchevents.competitions import UEFA_KNOCKOUT_FROM_2021, UEFA_KNOCKOUT_UNTIL_2021
from matchevents.errors import BadRecordError
from matchevents.importers import (
    MatchRecord,
    OnError,
    Problem,
    assemble,
    default_tie_rules,
    match_id_of,
    tie_stage,
)
from matchevents.teams import ClubRegistry


def record(home: str, away: str, ft: Score, day: int, round_: str = "Round of 16") -> MatchRecord:
    return MatchRecord(
        file="hand.txt",
        line=day,
        date=date(2024, 3, day),
        round=round_,
        home=home,
        away=away,
        ft=ft,
    )


@pytest.mark.parametrize(
    ("round_", "stage"),
    [
        ("Group A", None),
        ("Gruppe G", None),
        ("Matchday 12", None),
        ("Round 5", None),
        ("League, Matchday 3", None),
        ("Group, Matchday 1", None),
        ("Group H, Matchday 15", None),
        ("Round of 16", "Round of 16"),
        ("Finals, Quarterfinals", "Finals, Quarterfinals"),
        ("Playoffs, Matchday 2", "Playoffs"),
        ("Final", "Final"),
        ("Match for third place", "Match for third place"),
        (None, None),
    ],
)
def test_rounds_are_league_rounds_or_knockout_stages(round_: str | None, stage: str | None) -> None:
    assert tie_stage(round_) == stage


def test_the_away_goals_rule_follows_the_season() -> None:
    assert default_tie_rules("2020-21") is UEFA_KNOCKOUT_UNTIL_2021
    assert default_tie_rules("2021-22") is UEFA_KNOCKOUT_FROM_2021
    assert default_tie_rules("2022") is UEFA_KNOCKOUT_FROM_2021


def test_match_ids_use_canonical_names_so_sources_agree() -> None:
    aliases = ClubRegistry.from_groups({"Manchester United": ["Man United"]})
    ours = record("Manchester United FC", "Atlético Madrid", Score(1, 0), 5)
    theirs = record("Man United", "Atlético Madrid", Score(1, 0), 5)
    more = ClubRegistry.from_groups({"Manchester United": ["Manchester United FC"]})
    both = aliases.merged(more)
    assert match_id_of("Cup", "2023-24", ours, both) == match_id_of("Cup", "2023-24", theirs, both)
    assert match_id_of("Cup", "2023-24", theirs, aliases) == (
        "cup:2023-24:2024-03-05:manchester-united-v-atletico-madrid"
    )


goals = st.integers(min_value=0, max_value=4)


@given(first=st.tuples(goals, goals), second=st.tuples(goals, goals), reverse=st.booleans())
def test_legs_pair_in_any_order_and_the_second_carries_the_first_legs_score(
    first: tuple[int, int], second: tuple[int, int], reverse: bool
) -> None:
    first_leg = record("Alpha", "Beta", Score(*first), 5)
    second_leg = record("Beta", "Alpha", Score(*second), 12)
    records = [second_leg, first_leg] if reverse else [first_leg, second_leg]
    matches, problems = assemble(records, competition="Cup", season="2023-24")
    by_day = {m.date.day: m for m in matches}
    if 5 in by_day:
        schedule = by_day[5].events[0]
        assert isinstance(schedule, MatchScheduled)
        assert schedule.format.kind is FormatKind.FIRST_LEG
    if 12 in by_day:
        schedule = by_day[12].events[0]
        assert isinstance(schedule, MatchScheduled)
        assert schedule.format.first_leg == Score(*first)
        assert by_day[12].first_leg == by_day[5].match_id
    # Level on aggregate after 90 minutes without extra time recorded: undecided, reported.
    level = first[0] + second[1] == first[1] + second[0]
    assert [p.problem for p in problems] == ([Problem.RESULT_UNDECIDED] if level else [])


def test_a_reader_problem_stops_a_strict_import_in_file_order() -> None:
    good = record("Alpha", "Beta", Score(2, 0), 5, "Final")
    bad = record("Gamma", "Delta", Score(1, 1), 6, "Final")
    with pytest.raises(BadRecordError) as raised:
        assemble([good, bad], competition="Cup", season="2023-24", on_error=OnError.STOP)
    assert raised.value.problem.home == "Gamma"
    assert raised.value.problem.problem is Problem.RESULT_UNDECIDED
