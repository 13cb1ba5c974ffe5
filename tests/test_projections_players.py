"""Per-player projections: scorers and assists, cards and dismissals, line-ups, substitutions
and who is on the pitch. Hand-built streams are first accepted by a Timeline."""

from __future__ import annotations

import pytest

from matches import istanbul_final
from matchevents import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    LineupAnnounced,
    MatchScheduled,
    Period,
    PeriodStarted,
    Side,
    Substitution,
    Timeline,
    clock,
    half_time,
    kick_off,
)
from matchevents.errors import ProjectionError
from matchevents.projections import DISCIPLINE, LINEUPS, SCORERS, Discipline, fold

M = "players-test"


def accepted(events: list[Event]) -> list[Event]:
    Timeline.from_events(events)
    return events


def card(side: Side, player: str, minute: int, kind: CardKind = CardKind.YELLOW) -> Card:
    return Card(match_id=M, side=side, player=player, at=clock(minute), kind=kind)


def sub(side: Side, off: str, on: str, minute: int) -> Substitution:
    return Substitution(match_id=M, side=side, player_off=off, player_on=on, at=clock(minute))


def opening() -> list[Event]:
    return [
        MatchScheduled(match_id=M, home="Reds", away="Blues", competition="Cup", season="2024"),
        LineupAnnounced(
            match_id=M, side=Side.HOME, starting=["Ann", "Bea", "Cy"], substitutes=["Di", "Ed"]
        ),
        LineupAnnounced(match_id=M, side=Side.AWAY, starting=["Fay", "Gus"], substitutes=["Hal"]),
        kick_off(M),
    ]


# -- scorers and assists -----------------------------------------------------------------------


def test_scorers_are_listed_per_side_with_own_goals_and_penalties_marked() -> None:
    events = accepted(
        [
            *opening(),
            Goal(match_id=M, side=Side.HOME, scorer="Ann", at=clock(3), assist="Bea"),
            Goal(match_id=M, side=Side.HOME, scorer="Gus", at=clock(9), kind=GoalKind.OWN_GOAL),
            Goal(match_id=M, side=Side.AWAY, scorer="Fay", at=clock(20), kind=GoalKind.PENALTY),
            Goal(match_id=M, side=Side.HOME, scorer="Ann", at=clock(45, 1), assist="Bea"),
        ]
    )
    scorers = fold(SCORERS, events)
    home = scorers.scorers(Side.HOME)
    assert [str(entry) for entry in home] == ["Ann 3', 45+1'", "Gus 9' (o.g.)"]
    assert [(entry.player, entry.goals, entry.own_goal) for entry in home] == [
        ("Ann", 2, False),
        ("Gus", 1, True),
    ]
    assert [str(entry) for entry in scorers.scorers(Side.AWAY)] == ["Fay 20' (pen.)"]
    assists = scorers.assists(Side.HOME)
    assert [(a.player, a.assists, a.minutes) for a in assists] == [
        ("Bea", 2, (clock(3), clock(45, 1)))
    ]
    assert scorers.assists(Side.AWAY) == ()


def test_an_annulled_goal_leaves_the_scorers_list_and_its_assist_with_it() -> None:
    events = accepted(
        [
            *opening(),
            Goal(match_id=M, side=Side.HOME, scorer="Ann", at=clock(3), assist="Bea"),  # v5
            GoalAnnulled(match_id=M, goal_version=5),
            Goal(match_id=M, side=Side.HOME, scorer="Cy", at=clock(8)),
        ]
    )
    scorers = fold(SCORERS, events)
    assert [str(entry) for entry in scorers.scorers(Side.HOME)] == ["Cy 8'"]
    assert scorers.assists(Side.HOME) == ()
    assert [version for version, _ in scorers.goals] == [7]


def test_an_unknown_scorer_is_listed_as_unknown() -> None:
    events = accepted([*opening(), Goal(match_id=M, side=Side.AWAY, scorer=None, at=clock(40))])
    (entry,) = fold(SCORERS, events).scorers(Side.AWAY)
    assert entry.player is None
    assert str(entry) == "unknown 40'"


def test_annulling_a_version_that_is_no_goal_is_a_clear_error() -> None:
    events: list[Event] = [*opening(), GoalAnnulled(match_id=M, goal_version=1)]
    with pytest.raises(ProjectionError, match=r"version 5 names version 1"):
        fold(SCORERS, events)


def test_the_istanbul_scorers() -> None:
    scorers = fold(SCORERS, istanbul_final())
    assert [str(e) for e in scorers.scorers(Side.HOME)] == [
        "Paolo Maldini 1'",
        "Hernán Crespo 39', 44'",
    ]
    assert [e.player for e in scorers.scorers(Side.AWAY)] == [
        "Steven Gerrard",
        "Vladimír Šmicer",
        "Xabi Alonso",
    ]
    assert len(scorers.goals_of(Side.AWAY)) == 3


# -- cards and dismissals ----------------------------------------------------------------------


def test_cards_and_dismissals() -> None:
    events = accepted(
        [
            *opening(),
            card(Side.AWAY, "Fay", 10),
            card(Side.HOME, "Bea", 12),
            Card(
                match_id=M, side=Side.AWAY, player="Fay", at=clock(30), kind=CardKind.SECOND_YELLOW
            ),
            card(Side.HOME, "Cy", 40, CardKind.RED),
        ]
    )
    discipline = fold(DISCIPLINE, events)
    assert [card.player for card in discipline.yellow_cards] == ["Fay", "Bea"]
    assert [(card.player, card.kind) for card in discipline.dismissals] == [
        ("Fay", CardKind.SECOND_YELLOW),
        ("Cy", CardKind.RED),
    ]
    assert discipline.players_sent_off(Side.HOME) == ("Cy",)
    assert discipline.count(Side.AWAY, CardKind.YELLOW) == 1
    assert len(discipline.of(Side.AWAY)) == 2
    assert fold(LINEUPS, events).away.on_pitch == frozenset({"Gus"})


def test_discipline_of_several_matches_merges_in_order() -> None:
    first = Card(match_id="a", side=Side.HOME, player="X", at=clock(1))
    second = Card(match_id="b", side=Side.AWAY, player="Y", at=clock(2))
    left, right = fold(DISCIPLINE, [first]), fold(DISCIPLINE, [second])
    assert DISCIPLINE.merge(left, right) == fold(DISCIPLINE, [first, second])
    assert DISCIPLINE.merge(Discipline(), right) == right
    assert DISCIPLINE.merge(left, Discipline()) == left


# -- line-ups, substitutions, the players on the pitch -------------------------------------------


def test_substitutions_change_who_is_on_the_pitch() -> None:
    events = accepted(
        [
            *opening(),
            half_time(M),
            PeriodStarted(match_id=M, period=Period.SECOND_HALF),
            Substitution(
                match_id=M, side=Side.HOME, player_off="Bea", player_on="Di", at=clock(60)
            ),
            Substitution(
                match_id=M, side=Side.AWAY, player_off="Gus", player_on="Hal", at=clock(70)
            ),
        ]
    )
    lineups = fold(LINEUPS, events)
    home = lineups.of(Side.HOME)
    assert home.starting == ("Ann", "Bea", "Cy")
    assert home.on_pitch == frozenset({"Ann", "Cy", "Di"})
    assert home.unused_substitutes == ("Ed",)
    assert home.players_used == ("Ann", "Bea", "Cy", "Di")
    assert [(s.player_off, s.player_on, s.at) for s in home.substitutions] == [
        ("Bea", "Di", clock(60))
    ]
    assert lineups.away.on_pitch == frozenset({"Fay", "Hal"})


def test_without_line_ups_only_the_changes_are_known() -> None:
    events = accepted(
        [
            MatchScheduled(match_id=M, home="Reds", away="Blues", competition="Cup", season="2024"),
            kick_off(M),
            Substitution(
                match_id=M, side=Side.HOME, player_off="Ann", player_on="Di", at=clock(20)
            ),
            card(Side.HOME, "Cy", 30, CardKind.RED),
        ]
    )
    home = fold(LINEUPS, events).home
    assert home.starting is None
    assert home.on_pitch is None
    assert home.sent_off == ("Cy",)
    assert home.players_used == ("Di",)


def test_events_that_concern_no_player_leave_the_line_ups_as_they_are() -> None:
    events = istanbul_final()
    state = LINEUPS.initial()
    for event in events:
        assert LINEUPS.apply(state, event) is state
