"""The adapter's pure parts, for any input: a moment of event data (period, time since its
kick-off) on the football clock, and the side an own goal counts for. No kloppy needed."""

from __future__ import annotations

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchevents.clock import MAX_STOPPAGE, Period
from matchevents.errors import InvalidValueError
from matchevents.events import Goal, GoalKind
from matchevents.formats import LEAGUE
from matchevents.importers import ImportedMatch
from matchevents.importers.kloppy import benefiting_side, football_clock, read_dataset
from matchevents.importers.kloppy.building import Fixture, build_match
from matchevents.importers.kloppy.clock import PERIODS_OF_PLAY
from matchevents.importers.kloppy.facts import MatchFacts, Moment, Shot, ShotEnd, Squad
from matchevents.score import Score, Side

periods = st.sampled_from(PERIODS_OF_PLAY)
LENGTH = {period: (period.last_minute - period.first_minute + 1) * 60 for period in PERIODS_OF_PLAY}
# Up to the longest stoppage time the clock accepts, to the millisecond.
elapsed = st.integers(min_value=0, max_value=(45 + MAX_STOPPAGE) * 60_000 - 1).map(
    lambda ms: timedelta(milliseconds=ms)
)
STOPPAGE = re.compile(r"^(45|90|105|120)\+([1-9]\d*)'$")


def length(period: Period) -> timedelta:
    return timedelta(seconds=LENGTH[period])


@given(periods, elapsed, elapsed)
def test_minutes_never_go_backwards_within_a_period(
    period: Period, first: timedelta, second: timedelta
) -> None:
    earlier, later = sorted((first, second))
    if later >= length(period) + timedelta(minutes=MAX_STOPPAGE):
        return
    assert football_clock(period, earlier) <= football_clock(period, later)


@given(periods, elapsed)
def test_a_moment_lies_in_its_period_and_stoppage_time_is_written_after_its_last_minute(
    period: Period, moment: timedelta
) -> None:
    if moment >= length(period) + timedelta(minutes=MAX_STOPPAGE):
        with pytest.raises(InvalidValueError, match="more stoppage time than any match plays"):
            football_clock(period, moment)
        return
    at = football_clock(period, moment)
    assert at.period is period
    written = str(at)
    if moment < length(period):
        assert (at.stoppage, "+" in written) == (0, False)
        assert at.minute == period.first_minute + int(moment.total_seconds() // 60)
    else:
        found = STOPPAGE.fullmatch(written)
        assert found is not None, written
        minutes_over = int((moment - length(period)).total_seconds() // 60) + 1
        assert (int(found[1]), int(found[2])) == (period.last_minute, minutes_over)


@pytest.mark.parametrize(
    ("period", "minutes", "seconds", "written"),
    [
        (Period.FIRST_HALF, 0, 0, "1'"),
        (Period.FIRST_HALF, 44, 59, "45'"),
        (Period.FIRST_HALF, 45, 0, "45+1'"),
        (Period.SECOND_HALF, 0, 0, "46'"),
        (Period.SECOND_HALF, 50, 21, "90+6'"),
        (Period.EXTRA_TIME_FIRST_HALF, 15, 30, "105+1'"),
        (Period.EXTRA_TIME_SECOND_HALF, 17, 0, "120+3'"),
    ],
)
def test_the_clock_at_period_edges(
    period: Period, minutes: int, seconds: int, written: str
) -> None:
    assert str(football_clock(period, timedelta(minutes=minutes, seconds=seconds))) == written


@given(periods, st.integers(min_value=1, max_value=10**6))
def test_a_moment_before_its_periods_kick_off_has_no_minute(period: Period, ms: int) -> None:
    with pytest.raises(InvalidValueError, match="before the kick-off"):
        football_clock(period, timedelta(milliseconds=-ms))


def test_a_moment_of_the_shootout_has_no_minute() -> None:
    with pytest.raises(InvalidValueError, match="shoot-out"):
        football_clock(Period.PENALTY_SHOOTOUT, timedelta(0))


@given(st.sampled_from(Side))
def test_an_own_goal_counts_for_the_other_side_and_a_goal_for_its_own(side: Side) -> None:
    assert benefiting_side(side, own_goal=True) is side.opponent
    assert benefiting_side(side, own_goal=False) is side
    assert benefiting_side(benefiting_side(side, own_goal=True), own_goal=True) is side


shots = st.builds(
    Shot,
    at=st.builds(
        Moment,
        event_id=st.just("1"),
        period=st.sampled_from((Period.FIRST_HALF, Period.SECOND_HALF)),
        elapsed=elapsed.filter(lambda moment: moment < timedelta(minutes=45)),
    ),
    side=st.sampled_from(Side),
    player=st.sampled_from(("A", "B", None)),
    end=st.sampled_from((ShotEnd.GOAL, ShotEnd.OWN_GOAL)),
    penalty=st.booleans(),
)


@given(shots)
def test_a_built_goal_counts_for_the_side_its_shot_benefits_and_its_scorer_plays_for_the_shots(
    shot: Shot,
) -> None:
    facts = MatchFacts(
        provider="test",
        home=Squad(side=Side.HOME, team="Home"),
        away=Squad(side=Side.AWAY, team="Away"),
        periods=(Period.FIRST_HALF, Period.SECOND_HALF),
        happenings=(shot,),
    )
    fixture = Fixture(file="f", competition="C", season="2020-21", knockout=LEAGUE)
    built = build_match(facts, date(2020, 9, 1), fixture)
    assert isinstance(built, ImportedMatch)
    (goal,) = (event for event in built.events if isinstance(event, Goal))
    own_goal = shot.end is ShotEnd.OWN_GOAL
    assert goal.player_side is shot.side
    assert goal.side is (shot.side.opponent if own_goal else shot.side)
    assert (goal.kind is GoalKind.OWN_GOAL) == own_goal
    assert built.final is not None
    assert built.final.of(goal.side) == 1


def dataset(score: object) -> SimpleNamespace:
    """The least a kloppy dataset holds for the adapter: two teams, one period, no events."""
    teams = [
        SimpleNamespace(
            team_id=str(number), name=name, ground=SimpleNamespace(value=ground), players=[]
        )
        for number, (name, ground) in enumerate((("Home", "home"), ("Away", "away")))
    ]
    metadata = SimpleNamespace(
        teams=teams,
        date=None,
        game_week=None,
        periods=[SimpleNamespace(id=1)],
        score=score,
        provider=SimpleNamespace(value="test"),
    )
    return SimpleNamespace(metadata=metadata, events=[])


@pytest.mark.parametrize(
    ("home", "away", "read"),
    [(2, 1, Score(2, 1)), ("3", "0", Score(3, 0)), (None, None, None), ("", "1", None)],
)
def test_a_metadata_score_is_read_where_it_holds_two_goal_counts(
    home: object, away: object, read: Score | None
) -> None:
    # Metrica's EPTS metadata can hold an empty score, which kloppy passes on as it is.
    facts = read_dataset(dataset(SimpleNamespace(home=home, away=away)))
    assert facts.score == read
