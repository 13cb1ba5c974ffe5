"""matchevents.testing, values and matches: generated matches are valid, honour every wish, cover
every event type, format and ending, and shrink to a few readable events."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, event, find, given, settings
from hypothesis import strategies as st

from matchevents import (
    EVENT_TYPES,
    Card,
    CardKind,
    Event,
    FormatKind,
    Goal,
    GoalAnnulled,
    GoalKind,
    InvalidValueError,
    LineupAnnounced,
    MatchClock,
    MatchFormat,
    MatchPhase,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    Timeline,
)
from matchevents.testing import (
    ALL_ENDINGS,
    Ending,
    Squad,
    can_be_played,
    events,
    live_matches,
    match_clocks,
    match_formats,
    matches,
    schedules,
    squads,
    teams,
)

# find() searches for one example that meets a condition, then shrinks it; no database.
SEARCH = settings(
    max_examples=2000,
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# Coverage only needs one example: stop at the first, do not shrink.
FIRST = settings(SEARCH, phases=[Phase.generate])


def periods_started(events: tuple[Event, ...]) -> list[Period]:
    return [e.period for e in events if isinstance(e, PeriodStarted)]


def schedule_of(events: tuple[Event, ...]) -> MatchScheduled:
    first = events[0]
    assert isinstance(first, MatchScheduled)
    return first


# -- values and single events ------------------------------------------------------------------


@given(match_clocks())
def test_clocks_lie_in_a_period_of_play_with_stoppage_only_at_its_end(at: MatchClock) -> None:
    assert 1 <= at.minute <= 120
    assert at.stoppage == 0 or at.minute in (45, 90, 105, 120)


@pytest.mark.parametrize("period", [p for p in Period if p is not Period.PENALTY_SHOOTOUT])
@given(data=st.data())
def test_clocks_of_one_period_stay_in_it(period: Period, data: st.DataObject) -> None:
    assert data.draw(match_clocks(period)).period is period


def test_the_shootout_has_no_clock_to_draw() -> None:
    with pytest.raises(InvalidValueError, match="shoot-out"):
        match_clocks(Period.PENALTY_SHOOTOUT)


@given(teams())
def test_the_two_teams_of_a_match_differ(pair: tuple[str, str]) -> None:
    assert pair[0] != pair[1]


@given(squads(extreme=True))
def test_a_squad_names_each_player_once_and_makes_a_valid_lineup(squad: Squad) -> None:
    names = squad.starting + squad.substitutes
    assert len(set(names)) == len(names)
    lineup = LineupAnnounced(
        match_id="m1", side=Side.HOME, starting=squad.starting, substitutes=squad.substitutes
    )
    timeline = Timeline("m1")
    timeline.append(MatchScheduled(match_id="m1", home="A", away="B", competition="C", season="S"))
    assert timeline.check(lineup) is None


@given(match_formats())
def test_formats_cover_every_kind(fmt: MatchFormat) -> None:
    event(f"format: {fmt.kind.value}")
    assert (fmt.first_leg is not None) == (fmt.kind is FormatKind.SECOND_LEG)


@given(schedules())
def test_a_drawn_schedule_starts_a_timeline(schedule: MatchScheduled) -> None:
    timeline = Timeline(schedule.match_id)
    assert timeline.append(schedule) == 1


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_single_events_of_every_type(event_type: type, data: st.DataObject) -> None:
    drawn = data.draw(events(event_types=event_type, match_id="m7"))
    assert type(drawn) is event_type
    assert drawn.match_id == "m7"


def test_events_refuse_a_class_outside_the_catalogue() -> None:
    with pytest.raises(InvalidValueError, match="not event types"):
        events(event_types=(int,))  # type: ignore[arg-type]


# -- whole matches ---------------------------------------------------------------------------------


@given(matches(endings=ALL_ENDINGS, extreme=True))
def test_every_generated_match_is_accepted_event_by_event(events: tuple[Event, ...]) -> None:
    timeline = Timeline(events[0].match_id)
    for version, one in enumerate(events, start=1):
        assert timeline.append(one) == version
    event(f"phase: {timeline.phase.value}")
    event(f"format: {schedule_of(events).format.kind.value}")
    assert timeline.phase in {
        MatchPhase.FINISHED,
        MatchPhase.ABANDONED,
        MatchPhase.AWARDED,
        MatchPhase.POSTPONED,
    }


@given(matches(extra_time=True))
def test_a_match_asked_to_go_to_extra_time_does(events: tuple[Event, ...]) -> None:
    Timeline.from_events(events)
    assert Period.EXTRA_TIME_FIRST_HALF in periods_started(events)
    assert schedule_of(events).format.must_have_winner


@given(matches(shootout=True))
def test_a_match_asked_for_a_shootout_ends_with_one(events: tuple[Event, ...]) -> None:
    timeline = Timeline.from_events(events)
    assert periods_started(events)[-1] is Period.PENALTY_SHOOTOUT
    assert timeline.phase is MatchPhase.FINISHED


@given(matches(extra_time=False, shootout=False, match_format=MatchFormat.knockout()))
def test_a_knockout_match_asked_for_neither_is_decided_in_90_minutes(
    events: tuple[Event, ...],
) -> None:
    timeline = Timeline.from_events(events)
    assert periods_started(events) == [Period.FIRST_HALF, Period.SECOND_HALF]
    assert not timeline.score.is_level


@given(
    st.integers(min_value=0, max_value=8).flatmap(lambda n: st.tuples(st.just(n), matches(goals=n)))
)
def test_a_match_asked_for_n_goals_ends_with_n_goals_counting(
    case: tuple[int, tuple[Event, ...]],
) -> None:
    goals, events = case
    score = Timeline.from_events(events).score
    assert score.home + score.away == goals


@pytest.mark.parametrize(
    "fmt",
    [
        MatchFormat.league(),
        MatchFormat.first_leg_of_tie(),
        MatchFormat.knockout(),
        MatchFormat.knockout(extra_time=False),
        MatchFormat.second_leg_of_tie(Score(1, 0)),
    ],
    ids=lambda f: f.kind.value,
)
@given(data=st.data())
def test_matches_of_a_given_format_carry_it(fmt: MatchFormat, data: st.DataObject) -> None:
    events = data.draw(matches(match_format=fmt))
    assert schedule_of(events).format == fmt
    Timeline.from_events(events)


@pytest.mark.parametrize("ending", list(Ending), ids=lambda e: e.value)
@given(data=st.data())
def test_each_ending_gives_its_final_phase(ending: Ending, data: st.DataObject) -> None:
    events = data.draw(matches(endings=[ending]))
    phase = Timeline.from_events(events).phase
    expected = {
        Ending.PLAYED: MatchPhase.FINISHED,
        Ending.ABANDONED: MatchPhase.ABANDONED,
        Ending.ABANDONED_AND_AWARDED: MatchPhase.AWARDED,
        Ending.WALKOVER: MatchPhase.AWARDED,
        Ending.POSTPONED: MatchPhase.POSTPONED,
        Ending.OVERTURNED: MatchPhase.AWARDED,
    }
    assert phase is expected[ending]


@given(matches(lineups=True))
def test_with_lineups_both_sides_announce_theirs_before_kickoff(events: tuple[Event, ...]) -> None:
    lineups = [e for e in events if isinstance(e, LineupAnnounced)]
    if any(isinstance(e, PeriodStarted) for e in events):
        assert len(lineups) == 2
    Timeline.from_events(events)


@given(live_matches(min_size=0, endings=ALL_ENDINGS))
def test_live_matches_are_prefixes_a_timeline_accepts(events: tuple[Event, ...]) -> None:
    if events:
        Timeline.from_events(events)


def test_impossible_wishes_are_refused_with_the_reason() -> None:
    assert not can_be_played(MatchFormat.knockout(), goals=1, shootout=True)
    with pytest.raises(InvalidValueError, match="shootout=True"):
        matches(match_format=MatchFormat.knockout(), goals=1, shootout=True)
    with pytest.raises(InvalidValueError, match="extra_time=True"):
        matches(match_format=MatchFormat.league(), extra_time=True)
    with pytest.raises(InvalidValueError, match="negative"):
        matches(goals=-1)
    with pytest.raises(InvalidValueError, match="at least one"):
        matches(endings=[])


# -- coverage: every event type, format, period and ending is generated --------------------------


def first_match_where(condition: Callable[[tuple[Event, ...]], bool]) -> tuple[Event, ...]:
    """The first generated match (any format, ending and shape) that meets ``condition``;
    hypothesis.errors.NoSuchExample if none of 2000 does."""
    return find(matches(endings=ALL_ENDINGS, extreme=True), condition, settings=FIRST)


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda cls: cls.__name__)
def test_every_event_type_is_generated_in_a_valid_match(event_type: type) -> None:
    found = first_match_where(lambda events: any(type(e) is event_type for e in events))
    Timeline.from_events(found)


@pytest.mark.parametrize("kind", list(FormatKind), ids=lambda k: k.value)
def test_every_format_is_generated(kind: FormatKind) -> None:
    found = first_match_where(lambda events: schedule_of(events).format.kind is kind)
    assert schedule_of(found).format.kind is kind


@pytest.mark.parametrize(
    ("name", "condition"),
    [
        ("extra time", lambda evs: Period.EXTRA_TIME_SECOND_HALF in periods_started(evs)),
        ("shoot-out", lambda evs: Period.PENALTY_SHOOTOUT in periods_started(evs)),
        ("stoppage time", lambda evs: any(getattr(e, "at", None) and e.at.stoppage for e in evs)),
        (
            "own goal",
            lambda evs: any(isinstance(e, Goal) and e.kind is GoalKind.OWN_GOAL for e in evs),
        ),
        (
            "penalty",
            lambda evs: any(isinstance(e, Goal) and e.kind is GoalKind.PENALTY for e in evs),
        ),
        (
            "straight red",
            lambda evs: any(isinstance(e, Card) and e.kind is CardKind.RED for e in evs),
        ),
        (
            "second yellow",
            lambda evs: any(isinstance(e, Card) and e.kind is CardKind.SECOND_YELLOW for e in evs),
        ),
        ("annulled goal", lambda evs: any(isinstance(e, GoalAnnulled) for e in evs)),
        (
            "score known only at the end of a period",
            lambda evs: (
                any(
                    isinstance(e, PeriodEnded)
                    and e.score is not None
                    and (e.score.home or e.score.away)
                    for e in evs
                )
                and not any(isinstance(e, Goal) for e in evs)
            ),
        ),
        (
            "shoot-out known only by its score",
            lambda evs: (
                any(isinstance(e, PeriodEnded) and e.penalties is not None for e in evs)
                and not any(isinstance(e, ShootoutKick) for e in evs)
            ),
        ),
        (
            "shoot-out kicked and its score recorded",
            lambda evs: (
                any(isinstance(e, PeriodEnded) and e.penalties is not None for e in evs)
                and any(isinstance(e, ShootoutKick) for e in evs)
            ),
        ),
    ],
)
def test_every_shape_is_generated(
    name: str, condition: Callable[[tuple[Event, ...]], bool]
) -> None:
    if name.startswith("shoot-out"):
        # Among matches decided by a shoot-out, where a shoot-out's shapes are drawn (a few
        # examples); among all matches they are a few in a thousand.
        found = find(matches(shootout=True, extreme=True), condition, settings=FIRST)
    else:
        found = first_match_where(condition)
    Timeline.from_events(found)


def test_a_failing_case_shrinks_to_a_few_readable_events() -> None:
    # "No match has an annulled goal" is false: the counterexample is the smallest match with one.
    found = find(
        matches(), lambda evs: any(isinstance(e, GoalAnnulled) for e in evs), settings=SEARCH
    )
    kinds = sorted(type(e).__name__ for e in found)
    # The schedule, two halves started and ended, and the goal with its annulment: 7 events.
    halves = ["PeriodStarted", "PeriodEnded"] * 2
    assert kinds == sorted(["MatchScheduled", *halves, "Goal", "GoalAnnulled"]), found
    assert schedule_of(found).format == MatchFormat.league()
