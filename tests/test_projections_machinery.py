"""The projection machinery: several projections in one pass, time travel by version and by
minute, and live projections kept current by a timeline."""

from __future__ import annotations

import pytest

from matches import ISTANBUL_ID, anfield_first_leg, bergamo_second_leg, istanbul_final
from matchevents import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    LineupAnnounced,
    MatchClock,
    MatchScheduled,
    Period,
    PeriodStarted,
    Score,
    Side,
    Substitution,
    Timeline,
    clock,
    half_time,
    kick_off,
)
from matchevents.errors import InvalidValueError, ListenerError, ProjectionError
from matchevents.projections import (
    DISCIPLINE,
    LINEUPS,
    OUTCOME,
    SCORE,
    SCORERS,
    STORY,
    CombinedMergeable,
    LiveProjection,
    MatchStatus,
    MergeableProjection,
    Projection,
    clock_of,
    combine,
    events_until,
    fold,
    scan,
    state_at_minute,
    state_at_version,
    with_clocks,
)

M = "machinery-test"


def test_the_library_projections_satisfy_the_protocol() -> None:
    for projection in (SCORE, OUTCOME, SCORERS, DISCIPLINE, LINEUPS, STORY):
        assert isinstance(projection, Projection)
    assert isinstance(DISCIPLINE, MergeableProjection)
    assert not isinstance(SCORE, MergeableProjection)


# -- several projections in one pass -----------------------------------------------------------


def test_combined_projections_give_what_each_gives_alone() -> None:
    events = istanbul_final()
    projections = (OUTCOME, SCORERS, STORY)
    assert fold(combine(*projections), events) == tuple(fold(p, events) for p in projections)


def test_combined_scan_yields_every_projection_state_after_every_event() -> None:
    events = anfield_first_leg()
    combined = list(scan(combine(SCORE, STORY), events))
    assert [score for score, _ in combined] == list(scan(SCORE, events))
    assert [story for _, story in combined] == list(scan(STORY, events))


def test_combining_mergeable_projections_gives_a_mergeable_projection() -> None:
    assert isinstance(combine(DISCIPLINE, DISCIPLINE), CombinedMergeable)
    assert not isinstance(combine(DISCIPLINE, SCORE), CombinedMergeable)
    both = combine(DISCIPLINE, DISCIPLINE)
    assert isinstance(both, CombinedMergeable)
    assert both.merge(both.initial(), both.initial()) == both.initial()


# -- time travel -------------------------------------------------------------------------------


def test_the_state_at_version_n_is_the_fold_of_the_first_n_events() -> None:
    events = istanbul_final()
    for version in range(len(events) + 1):
        assert state_at_version(OUTCOME, events, version) == fold(OUTCOME, events[:version])
    assert state_at_version(SCORE, events, 0) == SCORE.initial()


def test_a_version_beyond_the_stream_or_negative_is_a_clear_error() -> None:
    events = anfield_first_leg()
    with pytest.raises(
        ProjectionError, match=f"no version 99: the stream ends at version {len(events)}"
    ):
        state_at_version(SCORE, events, 99)
    with pytest.raises(ProjectionError, match="non-negative"):
        state_at_version(SCORE, events, -1)


def test_time_travel_reads_a_timeline_as_well_as_a_list() -> None:
    timeline = Timeline.from_events(istanbul_final())
    assert state_at_version(SCORE, timeline, 5).line.live == Score(3, 0)
    assert state_at_minute(SCORE, timeline, "55").line.live == Score(3, 1)


def test_the_score_at_a_minute_in_istanbul() -> None:
    events = istanbul_final()

    def at(moment: str) -> Score:
        return state_at_minute(SCORE, events, moment).line.live

    assert at("1") == Score(1, 0)  # Maldini scored in the first minute
    assert at("38") == Score(1, 0)
    assert at("44") == Score(3, 0)
    assert at("45+2") == Score(3, 0)
    assert at("55") == Score(3, 1)
    assert at("60") == Score(3, 3)
    assert at("120+3") == Score(3, 3)


def test_a_period_starts_at_its_first_minute_so_45_plus_2_is_still_the_first_half_break() -> None:
    # Bergamo carries no clocked event after Salah's 7th-minute penalty: half-time comes no
    # earlier than 45', the second half starts at 46', full-time comes no earlier than 90'.
    events = bergamo_second_leg()
    assert state_at_minute(OUTCOME, events, "45+2").status is MatchStatus.HALF_TIME
    assert state_at_minute(OUTCOME, events, "46").status is MatchStatus.SECOND_HALF
    assert state_at_minute(OUTCOME, events, "89").status is MatchStatus.SECOND_HALF
    assert state_at_minute(OUTCOME, events, "90").status is MatchStatus.FINISHED
    assert state_at_minute(OUTCOME, events, "6").score.live == Score(0, 0)


def test_the_shootout_comes_after_every_minute_of_play() -> None:
    events = istanbul_final()
    at_the_end = state_at_minute(OUTCOME, events, MatchClock(120, 30))
    assert at_the_end.status is MatchStatus.BREAK_BEFORE_SHOOTOUT
    assert at_the_end.score.penalties is None


def test_events_without_a_clock_take_the_clock_before_them() -> None:
    events = istanbul_final()
    clocks = dict(zip(range(len(events)), (at for at, _ in with_clocks(events)), strict=True))
    assert clocks[0] is None  # the schedule, before any clock
    assert clocks[1] == clock(1)  # the kick-off: the first minute
    assert clocks[4] == clock(44)  # Crespo's second goal
    assert clocks[5] == clock(45)  # half-time: no earlier than the 45th minute
    assert clocks[6] == clock(46)  # the second half starts at 46
    assert clock_of(events[5]) is None


def test_a_minute_that_is_not_one_is_a_clear_error() -> None:
    with pytest.raises(InvalidValueError, match="not a match minute"):
        list(events_until(istanbul_final(), "half-time"))


def test_who_was_on_the_pitch_in_the_70th_minute() -> None:
    events: list[Event] = [
        MatchScheduled(match_id=M, home="A", away="B", competition="Cup", season="2024"),
        LineupAnnounced(
            match_id=M, side=Side.HOME, starting=["Ann", "Bea", "Cy"], substitutes=["Di"]
        ),
        kick_off(M),
        half_time(M),
        PeriodStarted(match_id=M, period=Period.SECOND_HALF),
        Substitution(match_id=M, side=Side.HOME, player_off="Bea", player_on="Di", at=clock(65)),
        Card(
            match_id=M,
            side=Side.HOME,
            player="Cy",
            at=clock(80),
            kind=CardKind.RED,
        ),
    ]
    Timeline.from_events(events)
    assert state_at_minute(LINEUPS, events, "70").home.on_pitch == frozenset({"Ann", "Cy", "Di"})
    assert state_at_minute(LINEUPS, events, "64").home.on_pitch == frozenset({"Ann", "Bea", "Cy"})
    assert fold(LINEUPS, events).home.on_pitch == frozenset({"Ann", "Di"})


# -- live projections --------------------------------------------------------------------------


def test_a_live_projection_equals_the_fold_after_every_append() -> None:
    events = istanbul_final()
    timeline = Timeline(ISTANBUL_ID)
    live = LiveProjection.follow(timeline, combine(OUTCOME, STORY))
    for version, event in enumerate(events, start=1):
        timeline.append(event)
        assert live.version == version
        assert live.state == fold(combine(OUTCOME, STORY), events[:version])


def test_a_live_projection_catches_up_with_what_the_timeline_already_holds() -> None:
    events = istanbul_final()
    timeline = Timeline.from_events(events[:10])
    live = LiveProjection.follow(timeline, SCORE)
    assert live.version == 10
    timeline.extend(events[10:])
    assert live.state == fold(SCORE, events)


def test_a_closed_live_projection_stops_following() -> None:
    events = istanbul_final()
    timeline = Timeline.from_events(events[:3])
    live = LiveProjection.follow(timeline, SCORE)
    live.close()
    timeline.append(events[3])
    assert live.version == 3


def test_a_live_projection_refuses_a_missed_event_and_keeps_its_state() -> None:
    events = anfield_first_leg()
    live = LiveProjection(SCORE)
    live(events[0], 1)
    before = live.state
    with pytest.raises(ProjectionError, match="at version 1 received version 3"):
        live(events[2], 3)
    assert (live.state, live.version) == (before, 1)


def test_a_rejected_append_does_not_reach_a_live_projection() -> None:
    timeline = Timeline.from_events(anfield_first_leg()[:2])
    live = LiveProjection.follow(timeline, SCORE)
    bad = GoalAnnulled(match_id=timeline.match_id, goal_version=1)
    with pytest.raises(Exception, match="not a goal"):
        timeline.append(bad)
    assert live.version == 2
    timeline.append(Goal(match_id=timeline.match_id, side=Side.HOME, scorer=None, at=clock(3)))
    assert live.state.line.live == Score(1, 0)


def test_a_live_projection_subscribed_after_a_failing_listener_misses_nothing() -> None:
    events = istanbul_final()
    timeline = Timeline.from_events(events[:2])

    def broken(event: Event, version: int) -> None:
        raise OSError("disk full")

    timeline.subscribe(broken)
    live = LiveProjection.follow(timeline, STORY)
    for event in events[2:]:
        with pytest.raises(ListenerError) as caught:
            timeline.append(event)
        assert isinstance(caught.value.__cause__, OSError)
    assert live.version == len(events)
    assert live.state == fold(STORY, events)


class LastGoalMinute:
    """A user projection whose state is None until the first goal (no apply_all)."""

    def initial(self) -> MatchClock | None:
        return None

    def apply(self, state: MatchClock | None, event: Event) -> MatchClock | None:
        return event.at if isinstance(event, Goal) else state


def test_a_combined_fold_keeps_a_state_that_is_none_as_it_is() -> None:
    events = istanbul_final()
    last_goal = LastGoalMinute()
    state = fold(combine(last_goal, SCORE), events[:2])
    assert state[0] is None
    assert fold(combine(last_goal, SCORE), events[2:], state)[0] == clock(60)
    assert fold(combine(last_goal, SCORE), events) == (clock(60), fold(SCORE, events))
