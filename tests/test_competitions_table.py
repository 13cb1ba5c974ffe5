"""League tables: the order of each rule set, head-to-head mini-tables, shared positions,
deductions, and tables after a date or match day. Small made-up groups show each rule at work; the
real season is in test_table_real_season.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

from matchevents import (
    Event,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchScheduled,
    Score,
    Timeline,
)
from matchevents.competitions import (
    PREMIER_LEAGUE,
    SERIE_A,
    UEFA_GROUP_STAGE,
    UEFA_LEAGUE_PHASE,
    CompetitionRules,
    Criterion,
    LeagueTable,
    PointsDeduction,
    played_match,
)
from matchevents.errors import CompetitionDataError, InvalidValueError
from matchevents.projections import MergeableProjection, fold

_DAY_ONE = datetime(2024, 8, 17, 15, 0, tzinfo=UTC)


def season(*matches: tuple[str, int, int, str], competition: str = "League") -> list[Event]:
    """Events of ``(home, home goals, away goals, away)`` matches, one a day, one per match day."""
    events: list[Event] = []
    for number, (home, home_goals, away_goals, away) in enumerate(matches):
        events += played_match(
            f"{competition}-{number}",
            home,
            away,
            Score(home_goals, away_goals),
            competition=competition,
            season="2024-25",
            matchday=number + 1,
            kickoff=_DAY_ONE + timedelta(days=number),
        )
    return events


def table_of(rules: CompetitionRules, events: list[Event], **when: object) -> list[tuple]:
    projection = LeagueTable(rules, "League", "2024-25")
    table = projection.standings(fold(projection, events), **when)  # type: ignore[arg-type]
    return [(s.position, s.team, s.points) for s in table]


def test_a_league_table_is_a_mergeable_projection() -> None:
    assert isinstance(LeagueTable(PREMIER_LEAGUE, "League", "2024-25"), MergeableProjection)


def test_premier_league_head_to_head_separates_clubs_level_on_points_and_goals() -> None:
    events = season(
        ("Brentford", 1, 0, "Arsenal"),  # the head-to-head
        ("Arsenal", 1, 0, "Chelsea"),
        ("Derby", 1, 0, "Brentford"),
    )
    # Arsenal and Brentford: 3 points, 1-1 in goals each; Brentford won the match between them.
    assert table_of(PREMIER_LEAGUE, events) == [
        (1, "Derby", 3),
        (2, "Brentford", 3),
        (3, "Arsenal", 3),
        (4, "Chelsea", 0),
    ]


def test_serie_a_puts_head_to_head_before_goal_difference_the_premier_league_after() -> None:
    events = season(
        ("Atalanta", 1, 0, "Bologna"),  # Atalanta beat Bologna ...
        ("Bologna", 4, 0, "Cagliari"),  # ... but Bologna have the better goal difference
        ("Atalanta", 0, 2, "Dinamo"),
        ("Cagliari", 0, 0, "Dinamo"),
    )
    assert [team for _, team, _ in table_of(SERIE_A, events)] == [
        "Dinamo",
        "Atalanta",
        "Bologna",
        "Cagliari",
    ]
    assert [team for _, team, _ in table_of(PREMIER_LEAGUE, events)] == [
        "Dinamo",
        "Bologna",
        "Atalanta",
        "Cagliari",
    ]


GROUP = season(
    ("Salzburg", 1, 0, "Benfica"),
    ("Celtic", 2, 1, "Salzburg"),
    ("Benfica", 2, 1, "Celtic"),
    ("Salzburg", 1, 0, "Dinamo"),
    ("Benfica", 1, 0, "Dinamo"),
    ("Celtic", 1, 0, "Dinamo"),
)
"""Three teams on 6 points. Between them Celtic scored most (3); Salzburg and Benfica are level
on points, goal difference and goals both in the mini-table and overall, but Salzburg beat
Benfica."""


def test_uefa_group_stage_reapplies_head_to_head_to_the_teams_still_level() -> None:
    assert table_of(UEFA_GROUP_STAGE, GROUP) == [
        (1, "Celtic", 6),
        (2, "Salzburg", 6),
        (3, "Benfica", 6),
        (4, "Dinamo", 0),
    ]


def test_without_the_reapplication_the_teams_stay_level_and_unresolved() -> None:
    rules = CompetitionRules(
        name="a user's own: head-to-head, then goals, then lots",
        tie_breakers=[
            Criterion.POINTS,
            Criterion.HEAD_TO_HEAD_POINTS,
            Criterion.HEAD_TO_HEAD_GOAL_DIFFERENCE,
            Criterion.HEAD_TO_HEAD_GOALS_FOR,
            Criterion.GOAL_DIFFERENCE,
            Criterion.GOALS_FOR,
        ],
        when_level="the drawing of lots",
    )
    projection = LeagueTable(rules, "League", "2024-25")
    table = projection.standings(fold(projection, GROUP))

    assert table.teams == ("Celtic", "Benfica", "Salzburg", "Dinamo")  # by name when level
    assert [s.unresolved for s in table] == [False, True, True, False]
    assert [s.position for s in table] == [1, 2, 3, 4]


def test_clubs_level_on_everything_share_a_position_where_the_rules_say_so() -> None:
    # 0-0: a 1-1 would not do, Brentford's away goal would put them above Arsenal.
    events = season(("Arsenal", 0, 0, "Brentford"), ("Chelsea", 2, 0, "Derby"))

    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    table = projection.standings(fold(projection, events))

    assert [(s.position, s.team, s.shared) for s in table] == [
        (1, "Chelsea", False),
        (2, "Arsenal", True),
        (2, "Brentford", True),
        (4, "Derby", False),
    ]
    assert "2= Arsenal" in str(table)


def test_a_points_deduction_counts_from_its_date_and_can_be_reduced_on_appeal() -> None:
    events = season(("Everton", 2, 0, "Fulham"), ("Fulham", 1, 1, "Everton"))
    deductions = [
        PointsDeduction(
            competition="League",
            season="2024-25",
            team="Everton",
            points=10,
            on=date(2024, 8, 17),
            reason="financial rules",
        ),
        PointsDeduction(
            competition="League",
            season="2024-25",
            team="Everton",
            points=-4,
            on=date(2024, 9, 1),
            reason="reduced on appeal",
        ),
        PointsDeduction(competition="Other", season="2024-25", team="Fulham", points=3),
    ]
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    state = fold(projection, [*deductions, *events])

    assert [(s.team, s.points, s.deducted) for s in projection.standings(state)] == [
        ("Fulham", 1, 0),
        ("Everton", -2, 6),
    ]
    on_day_one = projection.standings(state, until=date(2024, 8, 17))
    assert on_day_one["Everton"].points == 3 - 10
    assert projection.standings(state, matchday=1)["Everton"].deducted == 10
    assert "(-6)" in str(projection.standings(state))


def test_a_deduction_naming_a_team_that_does_not_play_is_an_error_not_a_phantom_row() -> None:
    """A deduction spelt otherwise than the matches spell the team ("Everton FC" for
    "Everton") cannot count: the table would gain a team that never played and Everton would
    keep its points. The error says which deduction and what the team may be called."""
    events = season(("Everton", 2, 0, "Fulham"))
    deduction = PointsDeduction(competition="League", season="2024-25", team="Everton FC", points=8)
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    state = fold(projection, [*events, deduction])
    with pytest.raises(CompetitionDataError) as raised:
        projection.standings(state)
    assert str(raised.value) == (
        "points deduction of 8 from 'Everton FC' (League 2024-25): no match of League 2024-25 "
        "has that team; did you mean 'Everton'?"
    )
    nowhere = attrs.evolve(deduction, team="Chelsea")
    with pytest.raises(CompetitionDataError, match=r"its teams are Everton, Fulham$"):
        projection.standings(fold(projection, [*events, nowhere]))


def test_a_group_table_counts_the_deductions_of_its_own_teams_only() -> None:
    group_a = played_match(
        "a", "Alpha", "Beta", Score(1, 0), competition="Cup", season="1", stage="Group A"
    )
    group_b = played_match(
        "b", "Gamma", "Delta", Score(1, 0), competition="Cup", season="1", stage="Group B"
    )
    deduction = PointsDeduction(competition="Cup", season="1", team="Gamma", points=2)
    table = LeagueTable(PREMIER_LEAGUE, "Cup", "1", stage="Group A")
    standings = table.standings(fold(table, [*group_a, *group_b, deduction]))
    assert [(s.team, s.points) for s in standings] == [("Alpha", 3), ("Beta", 0)]
    other = LeagueTable(PREMIER_LEAGUE, "Cup", "1", stage="Group B")
    assert other.standings(fold(other, [*group_a, *group_b, deduction]))["Gamma"].points == 1


def test_teams_scheduled_but_not_yet_played_are_listed_with_nothing() -> None:
    events = [
        *season(("Arsenal", 1, 0, "Brentford")),
        MatchScheduled(
            match_id="later", home="Chelsea", away="Derby", competition="League", season="2024-25"
        ),
    ]
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    table = projection.standings(fold(projection, events))
    assert table["Chelsea"].played == 0
    assert len(table) == 4


def test_a_table_only_counts_its_own_competition_and_season() -> None:
    events = [
        *season(("Arsenal", 1, 0, "Brentford")),
        *season(("Brentford", 5, 0, "Arsenal"), competition="Cup"),
    ]
    assert table_of(PREMIER_LEAGUE, events) == [(1, "Arsenal", 3), (2, "Brentford", 0)]


def test_a_table_by_date_needs_every_match_to_have_a_date() -> None:
    events = played_match("x", "A", "B", Score(1, 0), competition="League", season="2024-25")
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    with pytest.raises(CompetitionDataError, match="'x'"):
        projection.standings(fold(projection, events), until=date(2024, 9, 1))
    with pytest.raises(CompetitionDataError, match="matchday"):
        projection.standings(fold(projection, events), matchday=1)


def test_rule_sets_and_deductions_reject_nonsense() -> None:
    with pytest.raises(InvalidValueError, match="twice"):
        CompetitionRules(name="x", tie_breakers=[Criterion.POINTS, Criterion.POINTS])
    with pytest.raises(InvalidValueError, match="HEAD_TO_HEAD_REAPPLIED"):
        CompetitionRules(name="x", tie_breakers=[Criterion.HEAD_TO_HEAD_REAPPLIED])
    with pytest.raises(InvalidValueError, match="non-zero"):
        PointsDeduction(competition="L", season="1", team="Everton", points=0)
    with pytest.raises(InvalidValueError, match="team"):
        PointsDeduction(competition="L", season="1", team=" ", points=3)


def test_premier_league_head_to_head_away_goals_break_a_level_draw() -> None:
    events = season(("Arsenal", 1, 1, "Brentford"))
    assert table_of(PREMIER_LEAGUE, events) == [(1, "Brentford", 1), (2, "Arsenal", 1)]


def test_uefa_league_phase_looks_at_the_opponents_of_teams_that_never_met() -> None:
    events = season(
        ("Zagreb", 1, 0, "Celtic"),
        ("Brest", 1, 0, "Dinamo"),
        ("Celtic", 2, 0, "Dinamo"),
    )
    # Zagreb and Brest: 3 points, 1-0, no away goal; Zagreb's opponents (Celtic) have 3 points,
    # Brest's (Dinamo) none.
    assert table_of(UEFA_LEAGUE_PHASE, events) == [
        (1, "Celtic", 3),
        (2, "Zagreb", 3),
        (3, "Brest", 3),
        (4, "Dinamo", 0),
    ]
    # The Premier League has nothing more to go on: they share second place.
    assert table_of(PREMIER_LEAGUE, events)[1:3] == [(2, "Brest", 3), (2, "Zagreb", 3)]


def test_an_awarded_result_replaces_the_score_from_play() -> None:
    played = season(("Arsenal", 2, 1, "Brentford"), ("Chelsea", 1, 1, "Derby"))
    # Arsenal fielded an ineligible player: their win is awarded to Brentford, 0-3, after the
    # match ended. Derby v Arsenal is abandoned, then awarded to Derby.
    abandoned = [
        *played_match(
            "abandoned", "Derby", "Arsenal", Score(0, 0), competition="League", season="2024-25"
        )[:2],
        MatchAbandoned(match_id="abandoned", at=MatchClock(30), reason="floodlight failure"),
    ]
    events = [*played, *abandoned]
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    state = fold(projection, events)
    assert projection.standings(state)["Derby"].played == 1  # the abandoned match: nothing yet

    decisions = [
        MatchAwarded(match_id="League-0", score=Score(0, 3), reason="ineligible player"),
        MatchAwarded(match_id="abandoned", score=Score(3, 0), reason="Arsenal left the pitch"),
    ]
    for match_id in ("League-0", "abandoned"):
        timeline = Timeline.from_events(e for e in events if e.match_id == match_id)
        timeline.extend(d for d in decisions if d.match_id == match_id)
    table = projection.standings(fold(projection, decisions, state))

    assert (table["Brentford"].won, table["Brentford"].goals_for) == (1, 3)
    assert (table["Arsenal"].lost, table["Arsenal"].goals_against) == (2, 6)
    assert table["Derby"].points == 4


def test_merging_parts_that_split_a_match_between_them_is_an_error() -> None:
    events = season(("Arsenal", 2, 1, "Brentford"))
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    left, right = fold(projection, events[:2]), fold(projection, events)
    with pytest.raises(CompetitionDataError, match="partitioned by match"):
        projection.merge(left, right)


# A log cut at any line may leave a match in one part and its late award in the next: the merge
# gives the award to the match, as one pass over the whole log does.
def test_a_late_award_in_the_next_part_overturns_the_result_of_the_part_before() -> None:
    events = season(("Arsenal", 2, 1, "Brentford"), ("Chelsea", 0, 0, "Derby"))
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    late = [
        MatchAwarded(match_id="League-0", score=Score(0, 3), reason="ineligible player"),
        *played_match(
            "League-2", "Derby", "Arsenal", Score(1, 1), competition="League", season="2024-25"
        ),
    ]
    whole = fold(projection, events + late)
    merged = projection.merge(fold(projection, events), fold(projection, late))
    assert merged == whole
    assert projection.standings(merged)["Brentford"].points == 3


def test_an_award_in_the_next_part_ends_a_match_abandoned_in_the_part_before() -> None:
    abandoned = [*season(("Arsenal", 0, 0, "Derby"))[:2], MatchAbandoned(match_id="League-0")]
    played = season(("Brentford", 1, 0, "Chelsea"), competition="Cup")
    award = MatchAwarded(match_id="League-0", score=Score(3, 0), reason="Derby left the pitch")
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    left, right = abandoned, [*played[:3], award, *played[3:]]
    merged = projection.merge(fold(projection, left), fold(projection, right))
    assert merged == fold(projection, left + right)
    assert projection.standings(merged)["Arsenal"].points == 3


def test_an_award_no_part_has_the_match_of_waits_for_the_part_that_has() -> None:
    events = season(("Arsenal", 2, 1, "Brentford"))
    award = [MatchAwarded(match_id="League-0", score=Score(0, 3))]
    projection = LeagueTable(PREMIER_LEAGUE, "League", "2024-25")
    first, middle, last = fold(projection, events), fold(projection, []), fold(projection, award)
    assert projection.merge(first, projection.merge(middle, last)) == fold(
        projection, events + award
    )
