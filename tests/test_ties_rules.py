"""Knockout ties, rule by rule: how a final is decided, awarded legs, a second leg that is no
return match, what the trailing side needs in words, and the tie folded one event at a time.
The real Europa League tie and the 2005 final are in test_competitions_ties.py."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matches import ANFIELD_ID, BERGAMO_ID, anfield_first_leg, bergamo_second_leg
from matchevents import (
    Event,
    Goal,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchFormat,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    Side,
    Timeline,
    end_of_extra_time,
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
from matchevents.projections import Decision, fold, match_result, scan
from matchevents.testing import Ending, matches

RULES = UEFA_KNOCKOUT_FROM_2021


def final(home: str, away: str, at_90: Score) -> list[Event]:
    """A single-match final as a results-only source knows it: over at 90 minutes unless level."""
    return played_match(
        "final",
        home,
        away,
        at_90,
        competition="Cup",
        season="2024-25",
        format=MatchFormat.knockout(),
    )


def leg(match_id: str, home: str, away: str, score: Score, fmt: MatchFormat) -> list[Event]:
    return played_match(
        match_id, home, away, score, competition="Cup", season="2024-25", format=fmt
    )


def abandoned_and_awarded(events: list[Event], awarded: Score) -> list[Event]:
    """The match abandoned in its first half, then awarded ``awarded``."""
    match_id = events[0].match_id
    return [
        *events[:2],
        MatchAbandoned(match_id=match_id, at=MatchClock(30), reason="crowd trouble"),
        MatchAwarded(match_id=match_id, score=awarded, reason="crowd trouble"),
    ]


# -- finals ---------------------------------------------------------------------------------------


def test_a_final_won_in_90_minutes_is_decided_by_its_score_not_by_extra_time() -> None:
    events = final("Real Madrid", "Dortmund", Score(2, 0))
    assert Timeline.from_events(events).is_over

    outcome = fold(Tie(RULES, ["final"]), events).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.loser) == ("Real Madrid", "Dortmund")
    assert outcome.decided_by is TieDecision.AGGREGATE
    assert not outcome.after_extra_time
    assert outcome.penalties is None
    assert str(outcome) == "Real Madrid through 2-0 on aggregate"


def test_a_final_won_in_extra_time_is_decided_by_extra_time() -> None:
    # Lisbon 2014: 1-1 after 90 minutes, Real Madrid 4-1 after extra time.
    events = final("Real Madrid", "Atlético Madrid", Score(1, 1))
    events += [
        PeriodStarted(match_id="final", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodEnded(match_id="final", period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(match_id="final", period=Period.EXTRA_TIME_SECOND_HALF),
        Goal(match_id="final", side=Side.HOME, scorer="Gareth Bale", at=MatchClock(110)),
        Goal(match_id="final", side=Side.HOME, scorer="Marcelo", at=MatchClock(118)),
        Goal(match_id="final", side=Side.HOME, scorer="Cristiano Ronaldo", at=MatchClock(120)),
        end_of_extra_time("final"),
    ]
    assert Timeline.from_events(events).is_over

    outcome = fold(Tie(RULES, ["final"]), events).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Real Madrid", TieDecision.EXTRA_TIME)
    assert outcome.after_extra_time
    assert str(outcome) == "Real Madrid through 4-1 on aggregate after extra time"


def test_an_awarded_final_is_decided_by_the_award() -> None:
    events = abandoned_and_awarded(final("Ajax", "Tottenham", Score(0, 0)), Score(0, 3))
    Timeline.from_events(events)

    outcome = fold(Tie(RULES, ["final"]), events).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Tottenham", TieDecision.AWARDED)
    assert str(outcome) == "Tottenham through 3-0 on aggregate (awarded)"


# -- awarded legs ---------------------------------------------------------------------------------


def test_a_tie_whose_second_leg_is_awarded_is_decided_by_the_award() -> None:
    first = leg("leg1", "Ajax", "Tottenham", Score(1, 0), RULES.first_leg_format())
    second = leg("leg2", "Tottenham", "Ajax", Score(0, 0), RULES.second_leg_format(Score(1, 0)))
    second = abandoned_and_awarded(second, Score(0, 3))
    Timeline.from_events(second)

    outcome = fold(Tie(RULES, ["leg1", "leg2"]), [*first, *second]).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Ajax", TieDecision.AWARDED)
    assert outcome.aggregate == Score(4, 0)
    assert str(outcome) == "Ajax through 4-0 on aggregate (awarded)"


def test_a_tie_whose_first_leg_is_awarded_is_decided_by_the_award() -> None:
    # Ajax won the first leg 2-1 on the pitch; it was awarded to Tottenham, 0-3, before the
    # second leg, which was played on that score and drawn 1-1.
    first = [
        *leg("leg1", "Ajax", "Tottenham", Score(2, 1), RULES.first_leg_format()),
        MatchAwarded(match_id="leg1", score=Score(0, 3), reason="ineligible player"),
    ]
    second = leg("leg2", "Tottenham", "Ajax", Score(1, 1), RULES.second_leg_format(Score(0, 3)))
    Timeline.from_events(first)

    outcome = fold(Tie(RULES, ["leg1", "leg2"]), [*first, *second]).outcome

    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Tottenham", TieDecision.AWARDED)
    assert outcome.aggregate == Score(4, 1)


# -- a second leg that is not the return match ----------------------------------------------------


def test_a_second_leg_at_the_same_home_ground_as_the_first_is_an_error() -> None:
    first = leg("leg1", "Ajax", "Tottenham", Score(1, 0), RULES.first_leg_format())
    second = leg("leg2", "Ajax", "Tottenham", Score(0, 1), RULES.second_leg_format(Score(1, 0)))
    state = fold(Tie(RULES, ["leg1", "leg2"]), [*first, *second])
    with pytest.raises(CompetitionDataError) as raised:
        _ = state.outcome
    assert str(raised.value) == (
        "second leg 'leg2' (Ajax v Tottenham) is not the return of first leg 'leg1' "
        "(Ajax v Tottenham)"
    )


def test_a_second_leg_between_other_teams_is_an_error() -> None:
    first = leg("leg1", "Ajax", "Tottenham", Score(1, 0), RULES.first_leg_format())
    second = leg("leg2", "Tottenham", "Inter", Score(2, 0), RULES.second_leg_format(Score(1, 0)))
    state = fold(Tie(RULES, ["leg1", "leg2"]), [*first, *second])
    with pytest.raises(CompetitionDataError, match="not the return of first leg 'leg1'"):
        _ = state.outcome


# -- one event at a time --------------------------------------------------------------------------

EUROPA_QF = Tie(RULES, [ANFIELD_ID, BERGAMO_ID])


def test_a_tie_folded_one_event_at_a_time_reaches_the_outcome_of_the_whole_fold() -> None:
    events = [*anfield_first_leg(), *bergamo_second_leg()]
    states = list(scan(EUROPA_QF, events))

    outcome = states[-1].outcome
    assert outcome is not None
    assert (outcome.winner, outcome.decided_by) == ("Atalanta", TieDecision.AGGREGATE)
    assert states[-1] == fold(EUROPA_QF, events)
    assert [state.outcome is not None for state in states].count(True) == 1  # the last only


def test_a_tie_folded_one_event_at_a_time_knows_its_needs_between_the_legs() -> None:
    state = EUROPA_QF.initial()
    for event in anfield_first_leg():
        state = EUROPA_QF.apply(state, event)
    assert state.aggregate("Atalanta") == (3, 0)
    assert str(state.needs("Liverpool")) == (
        "Liverpool need 3 goals to force extra time, 4 to win in normal time"
    )


def test_an_event_of_another_match_leaves_a_ties_state_as_it_was() -> None:
    state = fold(EUROPA_QF, anfield_first_leg())
    other = final("Real Madrid", "Dortmund", Score(2, 0))
    for event in other:
        assert EUROPA_QF.apply(state, event) == state


# -- what the trailing side needs, in words -------------------------------------------------------


def test_a_side_the_away_goals_rule_leaves_no_level_score_needs_only_goals_to_win() -> None:
    # Liverpool lost 0-3 at home; if Atalanta score once in Bergamo, 4-1 levels the aggregate
    # but Liverpool's four away goals win it: there is no score that forces extra time.
    needs = second_leg_needs(
        UEFA_KNOCKOUT_UNTIL_2021,
        "Liverpool",
        "Atalanta",
        Score(0, 3),
        team="Liverpool",
        conceding=1,
    )
    assert str(needs) == "Liverpool need 4 goals to win in normal time"


def test_one_goal_is_a_goal_in_what_a_side_needs() -> None:
    # 1-1 in Amsterdam. If Tottenham do not score at home, 0-0 puts them through on their away
    # goal and 0-1 puts Ajax through: no score forces extra time.
    needs = second_leg_needs(
        UEFA_KNOCKOUT_UNTIL_2021, "Ajax", "Tottenham", Score(1, 1), team="Ajax"
    )
    assert str(needs) == "Ajax need 1 goal to win in normal time"


def test_without_extra_time_a_level_tie_goes_to_penalties_and_the_needs_say_so() -> None:
    rules = TieRules(extra_time=False)
    needs = second_leg_needs(rules, "Ajax", "Tottenham", Score(1, 0), team="Tottenham")
    assert (needs.to_force_extra_time, needs.to_win, needs.extra_time) == (1, 2, False)
    assert str(needs) == "Tottenham need 1 goal to force penalties, 2 to win in normal time"


@pytest.mark.parametrize("conceding", [-1, 1.5, True, "1"])
def test_what_a_tie_needs_is_asked_for_a_whole_number_of_goals_conceded(conceding: object) -> None:
    state = fold(EUROPA_QF, anfield_first_leg())
    with pytest.raises(InvalidValueError, match="conceding is a number of goals, 0 or more"):
        state.needs("Liverpool", conceding=conceding)  # type: ignore[arg-type]


def test_needs_are_not_asked_of_a_final() -> None:
    state = fold(Tie(RULES, ["final"]), final("Real Madrid", "Dortmund", Score(2, 0)))
    with pytest.raises(CompetitionDataError, match="between the legs of a two-legged tie"):
        state.needs("Dortmund")


# -- the legs -------------------------------------------------------------------------------------


def test_a_tie_knows_its_teams_once_its_first_leg_is_scheduled() -> None:
    assert EUROPA_QF.initial().teams is None
    schedule = anfield_first_leg()[0]
    assert fold(EUROPA_QF, [schedule]).teams == ("Liverpool", "Atalanta")


def test_a_tie_of_the_same_match_twice_is_an_error() -> None:
    with pytest.raises(CompetitionDataError, match="one match or two legs"):
        Tie(RULES, [ANFIELD_ID, ANFIELD_ID])


# -- any final ------------------------------------------------------------------------------------

FINALS = matches(
    match_format=st.builds(MatchFormat.knockout, extra_time=st.booleans(), shootout=st.booleans()),
    match_id="final",
    endings=[Ending.PLAYED, Ending.OVERTURNED, Ending.ABANDONED_AND_AWARDED, Ending.WALKOVER],
)
"""Single knockout matches over: won in 90 minutes (the common case), in extra time, on
penalties, awarded, or level with neither extra time nor a shoot-out left."""

TIE_DECISION = {
    Decision.REGULAR_TIME: TieDecision.AGGREGATE,
    Decision.EXTRA_TIME: TieDecision.EXTRA_TIME,
    Decision.PENALTIES: TieDecision.PENALTIES,
    Decision.AWARDED: TieDecision.AWARDED,
}


@given(FINALS)
def test_a_final_is_decided_as_its_match_was(events: tuple[Event, ...]) -> None:
    result = match_result(events)
    outcome = fold(Tie(RULES, ["final"]), events).outcome
    if result.winner_team is None:
        assert outcome is None
        return
    assert outcome is not None
    assert outcome.winner == result.winner_team
    assert result.decided_by is not None
    assert outcome.decided_by is TIE_DECISION[result.decided_by]
    assert outcome.after_extra_time == (result.score.after_extra_time is not None)
