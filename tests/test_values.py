"""Value objects: sides, scores, and match formats (aggregate, away goals, periods that follow)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents import (
    AwayGoals,
    FormatKind,
    InvalidValueError,
    MatchEventsError,
    MatchFormat,
    Period,
    Score,
    Side,
)
from matchevents.formats import FIRST_LEG, KNOCKOUT, LEAGUE
from matchevents.score import NIL_NIL

goals = st.integers(0, 30)
scores = st.builds(Score, goals, goals)
sides = st.sampled_from(Side)

# -- sides --------------------------------------------------------------------------------------


def test_each_side_has_the_other_as_opponent() -> None:
    assert Side.HOME.opponent is Side.AWAY
    assert Side.AWAY.opponent is Side.HOME


def test_sides_key_sets_and_dicts() -> None:
    assert {Side.HOME: 1, Side.AWAY: 2}[Side("home")] == 1
    assert len({Side.HOME, Side("home"), Side.AWAY}) == 2


# -- scores -------------------------------------------------------------------------------------


def test_a_score_reads_home_first() -> None:
    score = Score(3, 1)
    assert str(score) == "3-1"
    assert score.of(Side.HOME) == 3
    assert score.of(Side.AWAY) == 1
    assert Score() == NIL_NIL == Score(0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3-0", Score(3, 0)),
        ("3:0", Score(3, 0)),
        (" 2 - 1 ", Score(2, 1)),
        ("10-11", Score(10, 11)),
    ],
)
def test_parse_reads_a_score(text: str, expected: Score) -> None:
    assert Score.parse(text) == expected


@pytest.mark.parametrize("text", ["", "3", "3-", "-1-0", "a-b", "3-0-1", "1.5-0", "²-1"])
def test_parse_rejects_what_is_not_a_score(text: str) -> None:
    with pytest.raises(InvalidValueError, match="not a score"):
        Score.parse(text)


@given(scores)
def test_parse_reads_back_what_str_writes(score: Score) -> None:
    assert Score.parse(str(score)) == score


@pytest.mark.parametrize(("home", "away"), [(-1, 0), (0, -2), (1.0, 0), (True, 0), ("1", 0)])
def test_goals_must_be_non_negative_ints(home: object, away: object) -> None:
    with pytest.raises(InvalidValueError, match="non-negative int"):
        Score(home, away)  # type: ignore[arg-type]


def test_plus_adds_goals_to_one_side() -> None:
    assert Score(1, 1).plus(Side.HOME) == Score(2, 1)
    assert Score(1, 1).plus(Side.AWAY, 2) == Score(1, 3)
    assert Score(1, 1).plus(Side.AWAY, -1) == Score(1, 0)


def test_plus_cannot_take_a_score_below_zero() -> None:
    with pytest.raises(InvalidValueError):
        Score(0, 0).plus(Side.HOME, -1)


def test_adding_scores_adds_goals_side_by_side() -> None:
    assert Score(1, 2) + Score(3, 0) == Score(4, 2)


def test_reversed_swaps_the_sides() -> None:
    assert Score(0, 3).reversed() == Score(3, 0)


@pytest.mark.parametrize(
    ("score", "leader", "level"),
    [(Score(2, 1), Side.HOME, False), (Score(0, 3), Side.AWAY, False), (Score(3, 3), None, True)],
)
def test_leader_is_the_side_ahead(score: Score, leader: Side | None, level: bool) -> None:
    assert score.leader is leader
    assert score.is_level is level


def test_covers_means_at_least_as_many_goals_for_each_side() -> None:
    assert Score(2, 1).covers(Score(2, 1))
    assert Score(2, 1).covers(Score(1, 0))
    assert not Score(2, 1).covers(Score(0, 2))


def test_scores_are_immutable_and_hashable() -> None:
    score = Score(1, 0)
    with pytest.raises(AttributeError):
        score.home = 2  # type: ignore[misc]
    assert len({Score(1, 0), Score(1, 0), Score(0, 1)}) == 2


@given(scores, scores, scores)
def test_addition_is_commutative_and_associative(a: Score, b: Score, c: Score) -> None:
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert a + NIL_NIL == a


@given(scores, sides, st.integers(0, 5))
def test_plus_changes_only_the_side_named(score: Score, side: Side, n: int) -> None:
    after = score.plus(side, n)
    assert after.of(side) == score.of(side) + n
    assert after.of(side.opponent) == score.of(side.opponent)
    assert after.covers(score)
    assert after.plus(side, -n) == score


@given(scores)
def test_reversing_swaps_the_leader(score: Score) -> None:
    assert score.reversed().reversed() == score
    flipped = score.reversed().leader
    assert flipped is (None if score.leader is None else score.leader.opponent)
    assert score.is_level == (score.leader is None)


# -- match formats: construction ----------------------------------------------------------------


def test_constructors_build_the_usual_formats() -> None:
    assert MatchFormat.league() == LEAGUE
    assert MatchFormat.first_leg_of_tie() == FIRST_LEG
    assert MatchFormat.knockout() == KNOCKOUT
    assert KNOCKOUT.extra_time
    assert KNOCKOUT.shootout
    second = MatchFormat.second_leg_of_tie(Score(0, 3))
    assert second.kind is FormatKind.SECOND_LEG
    assert second.first_leg == Score(0, 3)
    assert second.away_goals is AwayGoals.NOT_APPLIED
    assert second.extra_time
    assert second.shootout


def test_leg_and_must_have_winner() -> None:
    second = MatchFormat.second_leg_of_tie(Score(1, 0))
    assert [f.leg for f in (LEAGUE, KNOCKOUT, FIRST_LEG, second)] == [None, None, 1, 2]
    assert [f.must_have_winner for f in (LEAGUE, KNOCKOUT, FIRST_LEG, second)] == [
        False,
        True,
        False,
        True,
    ]


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: MatchFormat(FormatKind.LEAGUE, extra_time=True), id="league-et"),
        pytest.param(lambda: MatchFormat(FormatKind.LEAGUE, shootout=True), id="league-pens"),
        pytest.param(lambda: MatchFormat(FormatKind.FIRST_LEG, extra_time=True), id="leg1-et"),
        pytest.param(lambda: MatchFormat(FormatKind.FIRST_LEG, shootout=True), id="leg1-pens"),
        pytest.param(lambda: MatchFormat(FormatKind.SECOND_LEG), id="leg2-no-first-leg"),
        pytest.param(
            lambda: MatchFormat(FormatKind.FIRST_LEG, first_leg=Score(1, 0)), id="leg1-first-leg"
        ),
        pytest.param(
            lambda: MatchFormat(FormatKind.KNOCKOUT, first_leg=Score(1, 0)), id="ko-first-leg"
        ),
        pytest.param(
            lambda: MatchFormat(FormatKind.KNOCKOUT, away_goals=AwayGoals.INCLUDING_EXTRA_TIME),
            id="ko-away-goals",
        ),
        pytest.param(
            lambda: MatchFormat(FormatKind.FIRST_LEG, away_goals=AwayGoals.NORMAL_TIME_ONLY),
            id="leg1-away-goals",
        ),
        pytest.param(
            lambda: MatchFormat(FormatKind.LEAGUE, away_goals=AwayGoals.NORMAL_TIME_ONLY),
            id="league-away-goals",
        ),
    ],
)
def test_nonsense_formats_are_rejected(build: Callable[[], MatchFormat]) -> None:
    with pytest.raises(InvalidValueError):
        build()


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: MatchFormat.second_leg_of_tie((0, 3)), id="first-leg-a-tuple"),  # type: ignore[arg-type]
        pytest.param(
            lambda: MatchFormat.second_leg_of_tie(Score(0, 3), away_goals="including_extra_time"),  # type: ignore[arg-type]
            id="away-goals-a-string",
        ),
        pytest.param(lambda: MatchFormat("knockout"), id="kind-a-string"),  # type: ignore[arg-type]
        pytest.param(lambda: MatchFormat.knockout(extra_time="no"), id="extra-time-a-string"),  # type: ignore[arg-type]
    ],
)
def test_format_fields_of_the_wrong_type_are_rejected(build: Callable[[], MatchFormat]) -> None:
    # Accepted, they would fail much later (a tuple has no .away) or silently change the rules
    # (an unknown away goals value behaved as NORMAL_TIME_ONLY).
    with pytest.raises(InvalidValueError, match="must be"):
        build()


def test_format_errors_are_library_errors_and_value_errors() -> None:
    with pytest.raises(MatchEventsError, match="no extra time"):
        MatchFormat(FormatKind.LEAGUE, extra_time=True)
    with pytest.raises(ValueError, match="away goals"):
        MatchFormat(FormatKind.KNOCKOUT, away_goals=AwayGoals.INCLUDING_EXTRA_TIME)


# -- match formats: aggregate and away goals ------------------------------------------------------

# Europa League 2023-24 quarter-final: Liverpool 0-3 Atalanta, then Atalanta 0-1 Liverpool.
BERGAMO = MatchFormat.second_leg_of_tie(Score(0, 3))
# Champions League 2018-19 semi-final: Tottenham 0-1 Ajax, then Ajax 2-3 Tottenham, 3-3 on
# aggregate; Tottenham through on away goals (3 to 1).
AMSTERDAM = MatchFormat.second_leg_of_tie(Score(0, 1), away_goals=AwayGoals.INCLUDING_EXTRA_TIME)


def test_aggregate_sees_the_tie_from_this_matchs_sides() -> None:
    assert BERGAMO.aggregate(Score(0, 1)) == Score(3, 1)
    assert AMSTERDAM.aggregate(Score(2, 3)) == Score(3, 3)


def test_aggregate_of_a_single_match_is_its_score() -> None:
    assert KNOCKOUT.aggregate(Score(2, 1)) == Score(2, 1)
    assert LEAGUE.aggregate(Score(0, 0)) == Score(0, 0)


def test_away_goals_count_each_sides_goals_away_from_home() -> None:
    # Ajax (home now) scored one at Tottenham; Tottenham (away now) three in Amsterdam.
    assert AMSTERDAM.away_goals_of(Score(2, 3)) == Score(1, 3)


def test_away_goals_exist_only_in_a_second_leg() -> None:
    with pytest.raises(InvalidValueError, match="second leg"):
        KNOCKOUT.away_goals_of(Score(1, 1))


def test_decided_by_aggregate() -> None:
    assert BERGAMO.decided_by(Score(0, 1), after_extra_time=False) is Side.HOME
    assert BERGAMO.decided_by(Score(4, 0), after_extra_time=False) is Side.HOME
    assert BERGAMO.decided_by(Score(0, 4), after_extra_time=False) is Side.AWAY
    assert BERGAMO.decided_by(Score(0, 3), after_extra_time=False) is None


def test_decided_by_a_single_match() -> None:
    assert KNOCKOUT.decided_by(Score(3, 3), after_extra_time=True) is None
    assert KNOCKOUT.decided_by(Score(1, 2), after_extra_time=False) is Side.AWAY
    assert LEAGUE.decided_by(Score(0, 0), after_extra_time=False) is None


@pytest.mark.parametrize(
    ("rule", "winner"),
    [
        (AwayGoals.NOT_APPLIED, None),
        (AwayGoals.NORMAL_TIME_ONLY, Side.AWAY),
        (AwayGoals.INCLUDING_EXTRA_TIME, Side.AWAY),
    ],
)
def test_away_goals_after_90_minutes(rule: AwayGoals, winner: Side | None) -> None:
    tie = MatchFormat.second_leg_of_tie(Score(0, 1), away_goals=rule)
    assert tie.decided_by(Score(2, 3), after_extra_time=False) is winner


@pytest.mark.parametrize(
    ("rule", "winner"),
    [
        (AwayGoals.NOT_APPLIED, None),
        (AwayGoals.NORMAL_TIME_ONLY, None),
        (AwayGoals.INCLUDING_EXTRA_TIME, Side.AWAY),
    ],
)
def test_away_goals_after_extra_time(rule: AwayGoals, winner: Side | None) -> None:
    # First leg 0-0; second leg 1-1 after extra time: the visitors scored once away, the hosts
    # never did.
    tie = MatchFormat.second_leg_of_tie(Score(0, 0), away_goals=rule)
    assert tie.decided_by(Score(1, 1), after_extra_time=True) is winner


def test_away_goals_level_too_leaves_the_tie_level() -> None:
    tie = MatchFormat.second_leg_of_tie(Score(1, 1), away_goals=AwayGoals.INCLUDING_EXTRA_TIME)
    assert tie.decided_by(Score(1, 1), after_extra_time=False) is None


def test_away_goals_count_only_in_a_second_leg() -> None:
    assert not BERGAMO.away_goals_count(after_extra_time=False)
    nt = MatchFormat.second_leg_of_tie(Score(0, 0), away_goals=AwayGoals.NORMAL_TIME_ONLY)
    assert nt.away_goals_count(after_extra_time=False)
    assert not nt.away_goals_count(after_extra_time=True)
    assert AMSTERDAM.away_goals_count(after_extra_time=True)


# -- match formats: the period that follows -------------------------------------------------------

NO_EXTRA_TIME = MatchFormat.knockout(extra_time=False)
NO_SHOOTOUT = MatchFormat.knockout(shootout=False)
REPLAY_IF_LEVEL = MatchFormat.knockout(extra_time=False, shootout=False)


@pytest.mark.parametrize(
    ("fmt", "period", "score", "following"),
    [
        # Half-time is always followed by the second half, extra time's break by its second half.
        (LEAGUE, Period.FIRST_HALF, Score(3, 0), Period.SECOND_HALF),
        (KNOCKOUT, Period.EXTRA_TIME_FIRST_HALF, Score(3, 3), Period.EXTRA_TIME_SECOND_HALF),
        # Matches that may end level.
        (LEAGUE, Period.SECOND_HALF, Score(1, 1), None),
        (FIRST_LEG, Period.SECOND_HALF, Score(0, 0), None),
        # A single knockout match.
        (KNOCKOUT, Period.SECOND_HALF, Score(2, 1), None),
        (KNOCKOUT, Period.SECOND_HALF, Score(3, 3), Period.EXTRA_TIME_FIRST_HALF),
        (KNOCKOUT, Period.EXTRA_TIME_SECOND_HALF, Score(3, 3), Period.PENALTY_SHOOTOUT),
        (KNOCKOUT, Period.EXTRA_TIME_SECOND_HALF, Score(4, 3), None),
        (KNOCKOUT, Period.PENALTY_SHOOTOUT, Score(3, 3), None),
        (NO_EXTRA_TIME, Period.SECOND_HALF, Score(1, 1), Period.PENALTY_SHOOTOUT),
        (NO_SHOOTOUT, Period.EXTRA_TIME_SECOND_HALF, Score(1, 1), None),
        (REPLAY_IF_LEVEL, Period.SECOND_HALF, Score(1, 1), None),
        # A second leg goes by the aggregate.
        (BERGAMO, Period.SECOND_HALF, Score(0, 1), None),
        (BERGAMO, Period.SECOND_HALF, Score(0, 3), Period.EXTRA_TIME_FIRST_HALF),
        (BERGAMO, Period.EXTRA_TIME_SECOND_HALF, Score(1, 4), Period.PENALTY_SHOOTOUT),
        (BERGAMO, Period.EXTRA_TIME_SECOND_HALF, Score(0, 4), None),
        (AMSTERDAM, Period.SECOND_HALF, Score(2, 3), None),
        # 1-1 on aggregate and one away goal each: extra time.
        (AMSTERDAM, Period.SECOND_HALF, Score(0, 1), Period.EXTRA_TIME_FIRST_HALF),
        # 2-2 on aggregate after extra time, Tottenham's two away goals to Ajax's one.
        (AMSTERDAM, Period.EXTRA_TIME_SECOND_HALF, Score(1, 2), None),
    ],
)
def test_period_after(
    fmt: MatchFormat, period: Period, score: Score, following: Period | None
) -> None:
    assert fmt.period_after(period, score) is following


@given(scores)
def test_a_league_match_ends_after_90_minutes_whatever_the_score(score: Score) -> None:
    assert LEAGUE.period_after(Period.SECOND_HALF, score) is None
    assert FIRST_LEG.period_after(Period.SECOND_HALF, score) is None


@given(scores)
def test_a_knockout_match_goes_on_exactly_when_level(score: Score) -> None:
    following = KNOCKOUT.period_after(Period.SECOND_HALF, score)
    assert (following is Period.EXTRA_TIME_FIRST_HALF) == score.is_level
    assert (following is None) == (not score.is_level)
