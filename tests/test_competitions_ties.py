"""Knockout ties: the aggregate, what the trailing side needs, and who goes through and how.

The real tie is the Europa League 2023-24 quarter-final, Liverpool v Atalanta (tests/matches.py).
The away goals cases replay the same scores under the rules before and after UEFA dropped the away
goals rule in 2021-22.
"""

from __future__ import annotations

import pytest

from matches import (
    ANFIELD_ID,
    ANFIELD_SCORE,
    BERGAMO_ID,
    ISTANBUL_ID,
    anfield_first_leg,
    bergamo_second_leg,
    istanbul_final,
    shootout_by_its_score,
)
from matchevents import (
    AwayGoals,
    Event,
    Goal,
    KickOutcome,
    MatchClock,
    MatchFormat,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    Timeline,
    end_of_extra_time,
    end_of_shootout,
)
from matchevents.competitions import (
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_UNTIL_2021,
    Tie,
    TieDecision,
    TieRules,
    played_match,
    second_leg_needs,
)
from matchevents.errors import CompetitionDataError, InvalidValueError
from matchevents.projections import fold

EUROPA_QF = Tie(UEFA_KNOCKOUT_FROM_2021, [ANFIELD_ID, BERGAMO_ID])


def test_atalanta_go_through_3_1_on_aggregate() -> None:
    state = fold(EUROPA_QF, [*anfield_first_leg(), *bergamo_second_leg()])

    outcome = state.outcome
    assert outcome is not None
    assert (outcome.winner, outcome.loser) == ("Atalanta", "Liverpool")
    assert outcome.aggregate == Score(3, 1)
    assert outcome.decided_by is TieDecision.AGGREGATE
    assert not outcome.after_extra_time
    assert str(outcome) == "Atalanta through 3-1 on aggregate"
    assert state.aggregate("Liverpool") == (1, 3)


def test_between_the_legs_liverpool_need_three_to_force_extra_time_four_to_win() -> None:
    state = fold(EUROPA_QF, anfield_first_leg())

    assert state.outcome is None
    assert state.aggregate("Atalanta") == (3, 0)
    needs = state.needs("Liverpool")
    assert (needs.to_force_extra_time, needs.to_win) == (3, 4)
    assert str(needs) == "Liverpool need 3 goals to force extra time, 4 to win in normal time"
    if_atalanta_score = state.needs("Liverpool", conceding=1)
    assert (if_atalanta_score.to_force_extra_time, if_atalanta_score.to_win) == (4, 5)


def test_the_away_goals_rule_changes_what_the_trailing_side_needs() -> None:
    # Before 2021-22, after losing 0-3 at home: winning 3-0 away levels the aggregate *and* the
    # away goals (3 each), so extra time; 3-1 would have lost on away goals.
    before = second_leg_needs(
        UEFA_KNOCKOUT_UNTIL_2021, "Liverpool", "Atalanta", ANFIELD_SCORE, team="Liverpool"
    )
    assert (before.to_force_extra_time, before.to_win) == (3, 4)
    conceding_one = second_leg_needs(
        UEFA_KNOCKOUT_UNTIL_2021,
        "Liverpool",
        "Atalanta",
        ANFIELD_SCORE,
        team="Liverpool",
        conceding=1,
    )
    assert conceding_one.to_force_extra_time is None  # 4-1 away would level and win on away goals
    assert conceding_one.to_win == 4
    # A side that won 1-0 away needs nothing more at home, if it concedes nothing.
    assert (
        str(second_leg_needs(UEFA_KNOCKOUT_FROM_2021, "A", "B", Score(0, 1), team="B"))
        == "B go through without scoring, if they concede 0"
    )


def _two_legs(rules: TieRules, first: Score, second: Score) -> list[Event]:
    return [
        *played_match(
            "leg1",
            "Ajax",
            "Tottenham",
            first,
            competition="UCL",
            season="x",
            format=rules.first_leg_format(),
        ),
        *played_match(
            "leg2",
            "Tottenham",
            "Ajax",
            second,
            competition="UCL",
            season="x",
            format=rules.second_leg_format(first),
        ),
    ]


def test_a_tie_level_on_aggregate_goes_through_on_away_goals_under_the_pre_2021_rules() -> None:
    # Ajax 2-1 Tottenham, then Tottenham 1-0 Ajax: 2-2 on aggregate, Tottenham scored once away.
    events = _two_legs(UEFA_KNOCKOUT_UNTIL_2021, Score(2, 1), Score(1, 0))
    assert Timeline.from_events(events[5:]).is_over  # the second leg's timeline agrees: no ET

    outcome = fold(Tie(UEFA_KNOCKOUT_UNTIL_2021, ["leg1", "leg2"]), events).outcome

    assert outcome is not None
    assert outcome.winner == "Tottenham"
    assert outcome.decided_by is TieDecision.AWAY_GOALS
    assert outcome.aggregate == Score(2, 2)
    assert str(outcome) == "Tottenham through on away goals (2-2 on aggregate)"


def test_the_same_scores_go_to_extra_time_under_the_post_2021_rules() -> None:
    events = _two_legs(UEFA_KNOCKOUT_FROM_2021, Score(2, 1), Score(1, 0))
    tie = Tie(UEFA_KNOCKOUT_FROM_2021, ["leg1", "leg2"])
    second_leg = Timeline.from_events(events[5:])
    assert not second_leg.is_over  # level at full-time: extra time follows

    after_90 = fold(tie, events)
    assert after_90.outcome is None
    assert after_90.aggregate("Tottenham") == (1, 2)  # only the finished leg counts so far

    extra_time = [
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        Goal(match_id="leg2", side=Side.AWAY, scorer="Ziyech", at=MatchClock(97)),
        PeriodEnded(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_SECOND_HALF),
        end_of_extra_time("leg2"),
    ]
    second_leg.extend(extra_time)
    assert second_leg.is_over
    outcome = fold(tie, extra_time, after_90).outcome
    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Ajax", TieDecision.EXTRA_TIME)
    assert outcome.aggregate == Score(3, 2)
    assert outcome.after_extra_time


def test_away_goals_in_extra_time_count_before_2021() -> None:
    # 1-1 away, then 1-1 at home after 90: level, away goals level too, extra time; the visitors'
    # goal in extra time makes it 2-2 on the night, 3-3 on aggregate: through on away goals.
    rules = UEFA_KNOCKOUT_UNTIL_2021
    events = _two_legs(rules, Score(1, 1), Score(1, 1))
    events += [
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        Goal(match_id="leg2", side=Side.HOME, scorer=None, at=MatchClock(93)),
        Goal(match_id="leg2", side=Side.AWAY, scorer=None, at=MatchClock(101)),
        PeriodEnded(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_SECOND_HALF),
        end_of_extra_time("leg2"),
    ]
    Timeline.from_events(events[5:])

    outcome = fold(Tie(rules, ["leg1", "leg2"]), events).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Ajax", TieDecision.AWAY_GOALS)
    assert outcome.after_extra_time
    assert str(outcome) == "Ajax through on away goals (3-3 on aggregate, after extra time)"


def test_a_shootout_decides_a_tie_still_level_after_extra_time() -> None:
    rules = UEFA_KNOCKOUT_FROM_2021
    events = _two_legs(rules, Score(0, 0), Score(0, 0))
    events += [
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodEnded(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_SECOND_HALF),
        end_of_extra_time("leg2"),
        PeriodStarted(match_id="leg2", period=Period.PENALTY_SHOOTOUT),
    ]
    for _ in range(3):
        events += [
            ShootoutKick(match_id="leg2", side=Side.HOME, taker=None, outcome=KickOutcome.SAVED),
            ShootoutKick(match_id="leg2", side=Side.AWAY, taker=None, outcome=KickOutcome.SCORED),
        ]
    events.append(PeriodEnded(match_id="leg2", period=Period.PENALTY_SHOOTOUT))
    Timeline.from_events(events[5:])

    outcome = fold(Tie(rules, ["leg1", "leg2"]), events).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Ajax", TieDecision.PENALTIES)
    assert outcome.penalties == Score(3, 0)
    assert outcome.aggregate == Score(0, 0)


def test_a_shootout_known_only_by_its_score_decides_a_tie_as_its_kicks_would() -> None:
    rules = UEFA_KNOCKOUT_FROM_2021
    events = _two_legs(rules, Score(0, 0), Score(0, 0))
    events += [
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodEnded(match_id="leg2", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(match_id="leg2", period=Period.EXTRA_TIME_SECOND_HALF),
        end_of_extra_time("leg2"),
        PeriodStarted(match_id="leg2", period=Period.PENALTY_SHOOTOUT),
        end_of_shootout("leg2", Score(4, 5)),
    ]
    Timeline.from_events(events[5:])

    outcome = fold(Tie(rules, ["leg1", "leg2"]), events).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Ajax", TieDecision.PENALTIES)
    assert outcome.penalties == Score(5, 4)  # from the winner's view
    assert str(outcome) == "Ajax through 5-4 on penalties (0-0 on aggregate)"


def test_a_single_match_final_known_only_by_its_shootout_score_is_the_same_tie() -> None:
    coarse = shootout_by_its_score(istanbul_final())
    tie = Tie(UEFA_KNOCKOUT_UNTIL_2021, [ISTANBUL_ID])
    assert fold(tie, coarse).outcome == fold(tie, istanbul_final()).outcome


def test_a_single_match_final_is_a_tie_with_one_match() -> None:
    outcome = fold(Tie(UEFA_KNOCKOUT_UNTIL_2021, [ISTANBUL_ID]), istanbul_final()).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.loser) == ("Liverpool", "AC Milan")
    assert outcome.decided_by is TieDecision.PENALTIES
    assert outcome.penalties == Score(3, 2)
    assert outcome.aggregate == Score(3, 3)
    assert outcome.after_extra_time


def test_a_tie_folds_only_its_own_legs() -> None:
    state = fold(EUROPA_QF, [*istanbul_final(), *anfield_first_leg()])
    assert state.teams == ("Liverpool", "Atalanta")
    assert state.leg(2) is None


def test_a_second_leg_played_under_other_rules_than_the_ties_is_an_error() -> None:
    events = [
        *anfield_first_leg(),
        *bergamo_second_leg(),
    ]
    old_rules_tie = Tie(UEFA_KNOCKOUT_UNTIL_2021, [ANFIELD_ID, BERGAMO_ID])
    with pytest.raises(CompetitionDataError, match=BERGAMO_ID):
        _ = fold(old_rules_tie, events).outcome


def test_the_rules_give_the_formats_the_timeline_plays_by() -> None:
    assert UEFA_KNOCKOUT_FROM_2021.second_leg_format(ANFIELD_SCORE) == (
        MatchFormat.second_leg_of_tie(ANFIELD_SCORE, away_goals=AwayGoals.NOT_APPLIED)
    )
    assert UEFA_KNOCKOUT_UNTIL_2021.second_leg_format(ANFIELD_SCORE).away_goals is (
        AwayGoals.INCLUDING_EXTRA_TIME
    )
    assert UEFA_KNOCKOUT_FROM_2021.single_match_format() == MatchFormat.knockout()


def test_needs_are_asked_between_the_legs_of_a_two_legged_tie() -> None:
    with pytest.raises(CompetitionDataError):
        fold(EUROPA_QF, []).needs("Liverpool")
    with pytest.raises(CompetitionDataError, match="Everton"):
        second_leg_needs(UEFA_KNOCKOUT_FROM_2021, "A", "B", Score(0, 0), team="Everton")
    with pytest.raises(CompetitionDataError):
        Tie(UEFA_KNOCKOUT_FROM_2021, ["a", "b", "c"])
    with pytest.raises(InvalidValueError, match="-1"):
        second_leg_needs(UEFA_KNOCKOUT_FROM_2021, "A", "B", Score(0, 0), team="A", conceding=-1)
