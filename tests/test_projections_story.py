"""The match's story: comebacks, lead changes and scoring runs."""

from __future__ import annotations

from matches import anfield_first_leg, bergamo_second_leg, istanbul_final
from matchevents import (
    Event,
    Goal,
    GoalAnnulled,
    MatchScheduled,
    Period,
    PeriodStarted,
    Score,
    Side,
    Timeline,
    clock,
    full_time,
    half_time,
    kick_off,
)
from matchevents.projections import STORY, MatchStory, ScoringRun, fold, scan

M = "story-test"
HOME, AWAY = Side.HOME, Side.AWAY


def match(*goals: tuple[Side, int]) -> list[Event]:
    """A league match with goals at the given minutes, checked by a timeline."""
    first = [Goal(match_id=M, side=side, scorer=None, at=clock(m)) for side, m in goals if m <= 45]
    second = [Goal(match_id=M, side=side, scorer=None, at=clock(m)) for side, m in goals if m > 45]
    events: list[Event] = [
        MatchScheduled(match_id=M, home="A", away="B", competition="League", season="2024"),
        kick_off(M),
        *first,
        half_time(M),
        PeriodStarted(match_id=M, period=Period.SECOND_HALF),
        *second,
        full_time(M),
    ]
    Timeline.from_events(events)
    return events


def run(side: Side, *minutes: int) -> ScoringRun:
    return ScoringRun(side=side, minutes=tuple(clock(m) for m in minutes))


def told(story: MatchStory) -> tuple[object, ...]:
    """What a story tells (without its bookkeeping)."""
    return (
        story.home,
        story.away,
        story.lead_changes,
        story.leader,
        story.score,
        story.current_run,
    )


def test_istanbul_liverpool_came_back_from_three_goals_down() -> None:
    story = fold(STORY, istanbul_final())
    assert story.away.largest_comeback == 3
    assert story.away.comeback_from == Score(3, 0)
    assert story.away.largest_deficit == 3
    assert story.home.largest_comeback == 0
    assert story.home.comeback_from is None
    assert story.lead_changes == 0  # Milan led, then level: the lead never passed to Liverpool
    assert story.home.longest_run == ScoringRun(side=HOME, minutes=(clock(1), clock(39), clock(44)))
    assert story.away.longest_run == ScoringRun(
        side=AWAY, minutes=(clock(54), clock(56), clock(60))
    )
    assert story.longest_run == story.home.longest_run  # equal length: the earlier one
    assert str(story.away.longest_run) == "3 for away (54', 56', 60')"


def test_the_anfield_rout_has_no_comeback_and_one_run() -> None:
    story = fold(STORY, anfield_first_leg())
    assert story.home.largest_deficit == 3
    assert story.home.largest_comeback == 0
    assert story.home.trailing_by == 3
    assert story.home.trailing_from == Score(0, 3)
    assert story.longest_run == run(AWAY, 38, 60, 83)


def test_lead_changes_count_the_lead_passing_from_one_side_to_the_other() -> None:
    story = fold(STORY, match((HOME, 5), (AWAY, 10), (AWAY, 20), (HOME, 50), (HOME, 60)))
    # 1-0 home leads, 1-1, 1-2 away leads (change), 2-2, 3-2 home leads (change)
    assert story.lead_changes == 2
    assert story.leader is HOME
    assert story.home.largest_comeback == 1
    assert story.away.largest_comeback == 1
    assert story.current_run == run(HOME, 50, 60)


def test_a_comeback_is_the_largest_deficit_before_getting_back_level() -> None:
    # 0-1, 0-2, 1-2, 1-3, 2-3, 3-3, 3-4: home trailed by 3 at most before levelling
    story = fold(
        STORY,
        match((AWAY, 1), (AWAY, 2), (HOME, 3), (AWAY, 4), (HOME, 50), (HOME, 60), (AWAY, 89)),
    )
    assert story.home.largest_comeback == 2
    assert story.home.comeback_from == Score(0, 2)  # first two down at 0-2 (again at 1-3)
    assert story.home.largest_deficit == 2
    assert story.home.trailing_by == 1
    assert story.home.trailing_from == Score(3, 4)
    assert story.lead_changes == 0


def test_an_annulled_goal_is_taken_out_of_the_story() -> None:
    events = match((HOME, 10), (AWAY, 20))
    goal_version = 3
    assert isinstance(events[goal_version - 1], Goal)
    annulled = [*events[:4], GoalAnnulled(match_id=M, goal_version=goal_version), *events[4:]]
    Timeline.from_events(annulled)
    story = fold(STORY, annulled)
    assert story.score == Score(0, 1)
    assert story.home.largest_deficit == 1
    assert story.home.largest_comeback == 0
    assert story.away.longest_run == run(AWAY, 20)
    assert told(story) == told(fold(STORY, match((AWAY, 20))))


def test_a_coarse_match_tells_deficits_from_its_recorded_scores_but_no_runs() -> None:
    events = istanbul_final()
    coarse: list[Event] = [e for e in events if not isinstance(e, Goal)]
    Timeline.from_events(coarse)
    story = fold(STORY, coarse)
    assert story.away.largest_comeback == 3
    assert story.home.longest_run is None
    assert story.away.longest_run is None


def test_bergamo_one_goal_no_story_to_speak_of() -> None:
    story = fold(STORY, bergamo_second_leg())
    assert (story.lead_changes, story.leader, story.home.largest_comeback) == (0, AWAY, 0)


def test_the_story_only_moves_on_goals_and_recorded_scores() -> None:
    states = list(scan(STORY, istanbul_final()))
    assert states[-1].score == Score(3, 3)
    assert len(states[-1].steps) == 6
