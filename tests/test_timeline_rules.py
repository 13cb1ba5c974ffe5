"""The timeline's state machine: every rule rejects what breaks it, and a rejection changes nothing.

Each test builds a match up to a point with :func:`match_at`, then offers events. A rejected event
must name its rule, the match and the version it would have had, leave the timeline exactly as it
was, and the next valid event must still be accepted (:func:`assert_rejected`).
"""

from __future__ import annotations

import enum
import itertools
import pickle
from collections.abc import Callable, Iterable
from typing import NamedTuple

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchevents import (
    AwayGoals,
    Card,
    CardKind,
    ConcurrencyError,
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    InvalidValueError,
    KickOutcome,
    LineupAnnounced,
    ListenerError,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchEvent,
    MatchFormat,
    MatchPhase,
    MatchPostponed,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Rule,
    RuleViolation,
    Score,
    ShootoutKick,
    Side,
    Substitution,
    Timeline,
    end_of_shootout,
)
from matchevents.rules import SHOOTOUT_ROUNDS, shootout_can_end_on
from matchevents.testing import ALL_ENDINGS, InvalidContinuation, invalid_continuations, matches

M = "rules-test-match"
HOME, AWAY = Side.HOME, Side.AWAY

LEAGUE = MatchFormat.league()
FIRST_LEG = MatchFormat.first_leg_of_tie()
KNOCKOUT = MatchFormat.knockout()
KNOCKOUT_NO_EXTRA_TIME = MatchFormat.knockout(extra_time=False)
KNOCKOUT_NO_SHOOTOUT = MatchFormat.knockout(shootout=False)

# -- building events and matches ------------------------------------------------------------------


def scheduled(fmt: MatchFormat = LEAGUE, match_id: str = M) -> MatchScheduled:
    return MatchScheduled(
        match_id=match_id,
        home="Home FC",
        away="Away FC",
        competition="Test",
        season="2024-25",
        format=fmt,
    )


def start(period: Period) -> PeriodStarted:
    return PeriodStarted(match_id=M, period=period)


def end(period: Period, score: Score | None = None) -> PeriodEnded:
    return PeriodEnded(match_id=M, period=period, score=score)


def goal(
    side: Side,
    minute: int,
    scorer: str | None = None,
    *,
    stoppage: int = 0,
    kind: GoalKind = GoalKind.OPEN_PLAY,
    match_id: str = M,
) -> Goal:
    return Goal(
        match_id=match_id, side=side, scorer=scorer, at=MatchClock(minute, stoppage), kind=kind
    )


def card(side: Side, player: str, minute: int, kind: CardKind = CardKind.YELLOW) -> Card:
    return Card(match_id=M, side=side, player=player, at=MatchClock(minute), kind=kind)


def sub(side: Side, off: str, on: str, minute: int) -> Substitution:
    return Substitution(match_id=M, side=side, player_off=off, player_on=on, at=MatchClock(minute))


def annul(goal_version: int) -> GoalAnnulled:
    return GoalAnnulled(match_id=M, goal_version=goal_version)


WALKOVER = Score(3, 0)


def award(score: Score = WALKOVER) -> MatchAwarded:
    return MatchAwarded(match_id=M, score=score, reason="decided by the competition")


def kick(side: Side, scored: bool, taker: str | None = None) -> ShootoutKick:
    outcome = KickOutcome.SCORED if scored else KickOutcome.SAVED
    return ShootoutKick(match_id=M, side=side, taker=taker, outcome=outcome)


def kicks(notation: str) -> list[ShootoutKick]:
    """Shoot-out kicks written compactly: ``"H+ A- H+"`` is home scores, away misses, home
    scores."""
    sides = {"H": HOME, "A": AWAY}
    return [kick(sides[k[0]], k[1] == "+") for k in notation.split()]


HOME_XI = tuple(f"Home {n}" for n in range(1, 12))
HOME_BENCH = ("Home 12", "Home 13", "Home 14")
AWAY_XI = tuple(f"Away {n}" for n in range(1, 12))
AWAY_BENCH = ("Away 12", "Away 13", "Away 14")


def lineups() -> list[LineupAnnounced]:
    return [
        LineupAnnounced(match_id=M, side=HOME, starting=HOME_XI, substitutes=HOME_BENCH),
        LineupAnnounced(match_id=M, side=AWAY, starting=AWAY_XI, substitutes=AWAY_BENCH),
    ]


class At(enum.IntEnum):
    """Points a test match can be built up to, in the order they are reached."""

    SCHEDULED = 0
    FIRST_HALF = 1
    HALF_TIME = 2
    SECOND_HALF = 3
    FULL_TIME = 4
    EXTRA_TIME = 5
    EXTRA_TIME_BREAK = 6
    EXTRA_TIME_SECOND_HALF = 7
    END_OF_EXTRA_TIME = 8
    SHOOTOUT = 9


_STEPS: tuple[Event, ...] = (
    start(Period.FIRST_HALF),
    end(Period.FIRST_HALF),
    start(Period.SECOND_HALF),
    end(Period.SECOND_HALF),
    start(Period.EXTRA_TIME_FIRST_HALF),
    end(Period.EXTRA_TIME_FIRST_HALF),
    start(Period.EXTRA_TIME_SECOND_HALF),
    end(Period.EXTRA_TIME_SECOND_HALF),
    start(Period.PENALTY_SHOOTOUT),
)


def match_at(
    point: At,
    fmt: MatchFormat = LEAGUE,
    *,
    with_lineups: bool = False,
    first_half: Iterable[Event] = (),
) -> Timeline:
    """A goalless match (but for ``first_half``'s events) built up to ``point``.

    Without extra time in ``fmt``, the shoot-out follows full-time directly.
    """
    steps = list(_STEPS[:point])
    if point > At.FULL_TIME and not fmt.extra_time:
        assert point is At.SHOOTOUT, "this format has no extra time"
        steps = [*_STEPS[: At.FULL_TIME], start(Period.PENALTY_SHOOTOUT)]
    timeline = Timeline(M)
    timeline.append(scheduled(fmt))
    if with_lineups:
        timeline.extend(lineups())
    if steps:
        timeline.append(steps[0])
        timeline.extend(first_half)
        timeline.extend(steps[1:])
    return timeline


def shootout(notation: str, fmt: MatchFormat = KNOCKOUT) -> Timeline:
    """A goalless match in its shoot-out, after the kicks of ``notation`` (see :func:`kicks`)."""
    timeline = match_at(At.SHOOTOUT, fmt)
    timeline.extend(kicks(notation))
    return timeline


class Snapshot(NamedTuple):
    """Everything a reader can see of a timeline."""

    version: int
    events: list[Event]
    phase: MatchPhase
    period: Period | None
    score: Score

    @classmethod
    def of(cls, timeline: Timeline) -> Snapshot:
        return cls(
            timeline.version,
            list(timeline.events),
            timeline.phase,
            timeline.period,
            timeline.score,
        )


def assert_rejected(timeline: Timeline, event: object, rule: Rule, *, then: Event) -> RuleViolation:
    """``event`` is rejected for exactly ``rule``, naming the match and the version it would have
    had; ``check`` foresaw it; the timeline is unchanged; and ``then`` is still accepted."""
    before = Snapshot.of(timeline)
    foreseen = timeline.check(event)  # type: ignore[arg-type]
    assert foreseen is not None, f"check() accepted {event!r}"
    assert foreseen.rule is rule, foreseen
    with pytest.raises(RuleViolation) as caught:
        timeline.append(event)  # type: ignore[arg-type]
    err = caught.value
    assert err.rule is rule, err
    assert err.match_id == timeline.match_id
    assert err.version == before.version + 1
    assert err.event is event
    assert err.detail
    assert Snapshot.of(timeline) == before
    assert timeline.append(then) == before.version + 1
    return err


# -- every rule, one violation each ---------------------------------------------------------------


class Violation(NamedTuple):
    """A timeline, an event that breaks a rule there, and a valid event to append afterwards."""

    timeline: Timeline
    event: object
    then: Event


def _in_first_half(*events: Event, fmt: MatchFormat = LEAGUE, lineups: bool = False) -> Timeline:
    return match_at(At.FIRST_HALF, fmt, with_lineups=lineups, first_half=events)


VIOLATIONS: dict[Rule, Callable[[], Violation]] = {
    Rule.FIRST_EVENT_MUST_BE_SCHEDULE: lambda: Violation(
        Timeline(M), start(Period.FIRST_HALF), scheduled()
    ),
    Rule.ALREADY_SCHEDULED: lambda: Violation(
        match_at(At.SCHEDULED), scheduled(), start(Period.FIRST_HALF)
    ),
    Rule.WRONG_MATCH: lambda: Violation(
        _in_first_half(), goal(HOME, 10, match_id="another-match"), goal(HOME, 10)
    ),
    Rule.NOT_A_MATCH_EVENT: lambda: Violation(
        _in_first_half(), MatchEvent(match_id=M), goal(HOME, 10)
    ),
    Rule.INVALID_LINEUP: lambda: Violation(
        match_at(At.SCHEDULED),
        LineupAnnounced(match_id=M, side=HOME, starting=(*HOME_XI, "Home 12")),
        lineups()[0],
    ),
    Rule.LINEUP_AFTER_KICKOFF: lambda: Violation(_in_first_half(), lineups()[0], goal(HOME, 3)),
    Rule.NOT_STARTED: lambda: Violation(
        match_at(At.SCHEDULED), goal(HOME, 3), start(Period.FIRST_HALF)
    ),
    Rule.OUTSIDE_RUNNING_PERIOD: lambda: Violation(
        match_at(At.HALF_TIME), goal(HOME, 45, stoppage=5), start(Period.SECOND_HALF)
    ),
    Rule.NOT_IN_SHOOTOUT: lambda: Violation(
        match_at(At.SHOOTOUT, KNOCKOUT), goal(HOME, 120, stoppage=3), kick(HOME, True)
    ),
    Rule.PERIOD_OUT_OF_ORDER: lambda: Violation(
        match_at(At.HALF_TIME), start(Period.EXTRA_TIME_FIRST_HALF), start(Period.SECOND_HALF)
    ),
    Rule.EXTRA_TIME_NOT_IN_FORMAT: lambda: Violation(
        match_at(At.FULL_TIME, LEAGUE), start(Period.EXTRA_TIME_FIRST_HALF), award()
    ),
    Rule.EXTRA_TIME_NEEDS_LEVEL: lambda: Violation(
        match_at(At.FULL_TIME, KNOCKOUT, first_half=[goal(HOME, 10)]),
        start(Period.EXTRA_TIME_FIRST_HALF),
        award(),
    ),
    Rule.SHOOTOUT_NOT_IN_FORMAT: lambda: Violation(
        match_at(At.FULL_TIME, LEAGUE), start(Period.PENALTY_SHOOTOUT), award()
    ),
    Rule.SHOOTOUT_NEEDS_LEVEL: lambda: Violation(
        match_at(At.FULL_TIME, KNOCKOUT, first_half=[goal(AWAY, 10)]),
        start(Period.PENALTY_SHOOTOUT),
        award(),
    ),
    Rule.KICK_OUTSIDE_SHOOTOUT: lambda: Violation(
        _in_first_half(), kick(HOME, True), goal(HOME, 3)
    ),
    Rule.SHOOTOUT_KICK_OUT_OF_TURN: lambda: Violation(
        shootout("H+"), kick(HOME, True), kick(AWAY, True)
    ),
    Rule.SHOOTOUT_ALREADY_DECIDED: lambda: Violation(
        shootout("H+ A- H+ A- H+ A-"), kick(HOME, True), end(Period.PENALTY_SHOOTOUT)
    ),
    Rule.SHOOTOUT_NOT_DECIDED: lambda: Violation(
        shootout("H+ A+"), end(Period.PENALTY_SHOOTOUT), kick(HOME, True)
    ),
    Rule.CLOCK_OUTSIDE_PERIOD: lambda: Violation(
        _in_first_half(), goal(HOME, 46), goal(HOME, 45, stoppage=1)
    ),
    Rule.CLOCK_WENT_BACKWARDS: lambda: Violation(
        _in_first_half(goal(HOME, 30)), card(AWAY, "Away 4", 29), card(AWAY, "Away 4", 30)
    ),
    Rule.MATCH_OVER: lambda: Violation(match_at(At.FULL_TIME), goal(HOME, 90, stoppage=6), award()),
    Rule.MATCH_ABANDONED: lambda: Violation(
        _in_first_half(MatchAbandoned(match_id=M, at=MatchClock(30))), goal(HOME, 31), award()
    ),
    Rule.PLAYER_SENT_OFF: lambda: Violation(
        _in_first_half(card(HOME, "Home 9", 20, CardKind.RED)),
        goal(HOME, 25, "Home 9"),
        goal(HOME, 25, "Home 10"),
    ),
    Rule.PLAYER_SUBSTITUTED: lambda: Violation(
        _in_first_half(sub(HOME, "Home 9", "Home 12", 20), lineups=True),
        goal(HOME, 25, "Home 9"),
        goal(HOME, 25, "Home 12"),
    ),
    Rule.PLAYER_NOT_ON_PITCH: lambda: Violation(
        _in_first_half(lineups=True), goal(HOME, 25, "Home 12"), goal(HOME, 25, "Home 9")
    ),
    Rule.PLAYER_NOT_AVAILABLE: lambda: Violation(
        _in_first_half(lineups=True),
        sub(HOME, "Home 9", "Somebody Else", 30),
        sub(HOME, "Home 9", "Home 12", 30),
    ),
    Rule.SECOND_YELLOW_WITHOUT_YELLOW: lambda: Violation(
        _in_first_half(),
        card(AWAY, "Away 4", 30, CardKind.SECOND_YELLOW),
        card(AWAY, "Away 4", 30),
    ),
    Rule.ALREADY_BOOKED: lambda: Violation(
        _in_first_half(card(AWAY, "Away 4", 30)),
        card(AWAY, "Away 4", 40),
        card(AWAY, "Away 4", 40, CardKind.SECOND_YELLOW),
    ),
    Rule.ANNULLED_EVENT_NOT_A_GOAL: lambda: Violation(
        _in_first_half(goal(HOME, 10)), annul(2), annul(3)
    ),
    Rule.GOAL_ALREADY_ANNULLED: lambda: Violation(
        _in_first_half(goal(HOME, 10), annul(3)), annul(3), goal(HOME, 12)
    ),
    Rule.ANNULMENT_TOO_LATE: lambda: Violation(
        match_at(At.SECOND_HALF, first_half=[goal(HOME, 10)]), annul(3), goal(HOME, 50)
    ),
    Rule.RECORDED_SCORE_MISMATCH: lambda: Violation(
        _in_first_half(goal(HOME, 10)), end(Period.FIRST_HALF, Score(0, 0)), end(Period.FIRST_HALF)
    ),
    Rule.AWARD_DURING_PLAY: lambda: Violation(
        _in_first_half(), award(), MatchAbandoned(match_id=M, reason="floodlight failure")
    ),
    Rule.POSTPONED_AFTER_KICKOFF: lambda: Violation(
        _in_first_half(), MatchPostponed(match_id=M, reason="fog"), goal(AWAY, 2)
    ),
}


def test_every_rule_has_a_violation() -> None:
    assert set(VIOLATIONS) == set(Rule)


@pytest.mark.parametrize("rule", list(Rule), ids=lambda rule: rule.value)
def test_a_violation_is_rejected_for_its_rule_and_changes_nothing(rule: Rule) -> None:
    timeline, event, then = VIOLATIONS[rule]()
    assert_rejected(timeline, event, rule, then=then)


@given(matches(endings=ALL_ENDINGS))
def test_a_valid_match_is_accepted_event_by_event(events: tuple[Event, ...]) -> None:
    timeline = Timeline(events[0].match_id)
    for version, event in enumerate(events, start=1):
        assert timeline.check(event) is None
        assert timeline.append(event, expected_version=version - 1) == version
    at_once = Timeline(events[0].match_id)
    assert at_once.extend(events) == len(events)
    assert Snapshot.of(at_once) == Snapshot.of(timeline)


@given(invalid_continuations())
def test_any_invalid_continuation_is_rejected_for_its_rule(case: InvalidContinuation) -> None:
    timeline = case.timeline()
    before = Snapshot.of(timeline)
    with pytest.raises(RuleViolation) as caught:
        timeline.append(case.event)
    err = caught.value
    assert err.rule is case.rule, err
    assert (err.match_id, err.version) == (case.match_id, len(case.prefix) + 1)
    assert Snapshot.of(timeline) == before
    # The whole stream in one batch: nothing of it is kept.
    batch = Timeline(case.match_id)
    with pytest.raises(RuleViolation):
        batch.extend([*case.prefix, case.event])
    assert batch.version == 0


@settings(max_examples=5)
@given(data=st.data())
@pytest.mark.parametrize("rule", list(Rule), ids=lambda rule: rule.value)
def test_every_rule_rejects_generated_violations(rule: Rule, data: st.DataObject) -> None:
    case = data.draw(invalid_continuations(rule))
    violation = case.timeline().check(case.event)
    assert violation is not None
    assert violation.rule is rule, violation


# -- how a rejection reads -------------------------------------------------------------------------


def _goal_rejected_at(timeline: Timeline) -> str:
    violation = timeline.check(goal(HOME, 50))
    assert violation is not None
    return violation.detail


@pytest.mark.parametrize(
    ("point", "fmt", "reads"),
    [
        (At.SCHEDULED, LEAGUE, "no period is being played (the match has not kicked off)"),
        (At.HALF_TIME, LEAGUE, "no period is being played (it is half-time)"),
        (At.FULL_TIME, LEAGUE, "no period is being played (the match is over)"),
        (At.FULL_TIME, KNOCKOUT, "no period is being played (it is the break before extra time)"),
        (
            At.EXTRA_TIME_BREAK,
            KNOCKOUT,
            "no period is being played (it is the break between the halves of extra time)",
        ),
        (
            At.END_OF_EXTRA_TIME,
            KNOCKOUT,
            "no period is being played (it is the break before the penalty shoot-out)",
        ),
    ],
    ids=lambda value: value.name.lower() if isinstance(value, At) else None,
)
def test_a_goal_outside_play_says_in_words_where_the_match_stands(
    point: At, fmt: MatchFormat, reads: str
) -> None:
    assert _goal_rejected_at(match_at(point, fmt)) == reads


def test_a_goal_after_an_abandonment_an_award_or_a_postponement_says_so_in_words() -> None:
    abandoned = match_at(At.FIRST_HALF)
    abandoned.append(MatchAbandoned(match_id=M, reason="fog"))
    awarded = match_at(At.SCHEDULED)
    awarded.append(award())
    postponed = match_at(At.SCHEDULED)
    postponed.append(MatchPostponed(match_id=M, reason="fog"))
    assert _goal_rejected_at(abandoned) == "no period is being played (the match was abandoned)"
    assert _goal_rejected_at(awarded) == "no period is being played (the match was awarded)"
    assert _goal_rejected_at(postponed) == "no period is being played (the match is postponed)"
    assert abandoned.check(start(Period.SECOND_HALF)).detail == "the match was abandoned"  # type: ignore[union-attr]


def test_every_phase_has_words() -> None:
    for phase in MatchPhase:
        assert phase.described.startswith(("the match ", "a period ")), phase
        assert "_" not in phase.described


# -- versions, concurrency, batches, dry runs, subscribers -----------------------------------------


def test_append_returns_the_events_version() -> None:
    timeline = Timeline(M)
    assert timeline.version == 0
    assert timeline.append(scheduled()) == 1
    assert timeline.append(start(Period.FIRST_HALF), expected_version=1) == 2
    assert timeline.event_at(2) == start(Period.FIRST_HALF)
    with pytest.raises(IndexError):
        timeline.event_at(3)


def test_a_stale_expected_version_is_a_concurrency_error_and_changes_nothing() -> None:
    timeline = match_at(At.FIRST_HALF)
    before = Snapshot.of(timeline)
    with pytest.raises(ConcurrencyError) as caught:
        timeline.append(goal(HOME, 10), expected_version=1)
    err = caught.value
    assert (err.match_id, err.expected_version, err.actual_version) == (M, 1, 2)
    with pytest.raises(ConcurrencyError):
        timeline.extend([goal(HOME, 10)], expected_version=3)
    assert Snapshot.of(timeline) == before
    assert timeline.append(goal(HOME, 10), expected_version=2) == 3


def test_extend_appends_all_or_nothing() -> None:
    timeline = match_at(At.FIRST_HALF)
    heard: list[int] = []
    timeline.subscribe(lambda event, version: heard.append(version))
    before = Snapshot.of(timeline)
    batch = [goal(HOME, 10), goal(AWAY, 20), goal(HOME, 15), goal(HOME, 30)]
    with pytest.raises(RuleViolation) as caught:
        timeline.extend(batch)
    assert caught.value.rule is Rule.CLOCK_WENT_BACKWARDS
    assert caught.value.version == before.version + 3
    assert caught.value.event is batch[2]
    assert Snapshot.of(timeline) == before
    assert heard == []
    # The batch is validated event by event: later events see the earlier ones.
    assert timeline.extend([goal(HOME, 10), annul(3), goal(AWAY, 20)]) == before.version + 3
    assert timeline.score == Score(0, 1)
    assert heard == [3, 4, 5]


def test_check_never_appends_nor_changes_state() -> None:
    timeline = match_at(At.FIRST_HALF)
    heard: list[Event] = []
    timeline.subscribe(lambda event, version: heard.append(event))
    before = Snapshot.of(timeline)
    booking = card(AWAY, "Away 4", 30)
    assert timeline.check(booking) is None
    # Had the first check booked the player, the second would be ALREADY_BOOKED.
    assert timeline.check(booking) is None
    assert timeline.check(goal(HOME, 10)) is None
    violation = timeline.check(goal(HOME, 60))
    assert violation is not None
    assert violation.rule is Rule.CLOCK_OUTSIDE_PERIOD
    assert violation.version == before.version + 1
    assert Snapshot.of(timeline) == before
    assert heard == []


def test_subscribers_hear_accepted_events_only() -> None:
    timeline = match_at(At.FIRST_HALF)
    heard: list[tuple[Event, int]] = []
    also: list[int] = []
    unsubscribe = timeline.subscribe(lambda event, version: heard.append((event, version)))
    timeline.subscribe(lambda event, version: also.append(version))
    first = goal(HOME, 10)
    timeline.append(first)
    with pytest.raises(RuleViolation):
        timeline.append(goal(HOME, 5))
    timeline.check(goal(HOME, 11))
    unsubscribe()
    timeline.append(goal(HOME, 12))
    assert heard == [(first, 3)]
    assert also == [3, 4]


def test_a_listener_that_raises_neither_unstores_the_event_nor_keeps_it_from_the_others() -> None:
    timeline = match_at(At.FIRST_HALF)
    heard: list[int] = []
    failure = RuntimeError("projection store is down")

    def failing(event: Event, version: int) -> None:
        raise failure

    timeline.subscribe(lambda event, version: heard.append(version))
    timeline.subscribe(failing)
    timeline.subscribe(lambda event, version: heard.append(-version))
    scored = goal(HOME, 10)
    with pytest.raises(ListenerError) as caught:
        timeline.append(scored)
    err = caught.value
    assert (err.match_id, err.version, err.failures) == (M, 3, ((3, failure),))
    assert err.__cause__ is failure
    assert str(err) == (
        f"match {M!r}: a listener raised RuntimeError (projection store is down) when told of "
        "version 3, which is stored"
    )
    assert timeline.version == 3
    assert timeline.event_at(3) is scored
    assert timeline.score == Score(1, 0)
    assert heard == [3, -3]  # the listener after the failing one was told too
    with pytest.raises(ListenerError):  # the failing listener is still subscribed
        timeline.append(goal(AWAY, 11), expected_version=3)
    assert timeline.version == 4


def test_extend_tells_every_listener_of_every_event_and_names_each_failure() -> None:
    timeline = match_at(At.FIRST_HALF)
    heard: list[int] = []

    def fails_on_goals_by_home(event: Event, version: int) -> None:
        if isinstance(event, Goal) and event.side is HOME:
            raise ValueError(f"no room for version {version}")

    timeline.subscribe(fails_on_goals_by_home)
    timeline.subscribe(lambda event, version: heard.append(version))
    with pytest.raises(ListenerError) as caught:
        timeline.extend([goal(HOME, 10), goal(AWAY, 20), goal(HOME, 30)])
    err = caught.value
    assert err.version == timeline.version == 5
    assert [(at, str(error)) for at, error in err.failures] == [
        (3, "no room for version 3"),
        (5, "no room for version 5"),
    ]
    assert str(err).endswith("which is stored; 1 more listener error")
    assert heard == [3, 4, 5]


def test_a_listener_error_survives_pickling() -> None:
    err = ListenerError(M, 7, [(6, ValueError("a")), (7, KeyError("b"))])
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.match_id, copy.version, str(copy)) == (M, 7, str(err))
    assert [(at, type(error), error.args) for at, error in copy.failures] == [
        (6, ValueError, ("a",)),
        (7, KeyError, ("b",)),
    ]


def test_a_listener_that_unsubscribes_itself_does_not_make_the_next_one_miss_the_event() -> None:
    timeline = match_at(At.FIRST_HALF)
    heard: list[str] = []

    def once(event: Event, version: int) -> None:
        heard.append("once")
        unsubscribe()

    unsubscribe = timeline.subscribe(once)
    timeline.subscribe(lambda event, version: heard.append(f"always {version}"))
    timeline.append(goal(HOME, 10))
    timeline.append(goal(HOME, 11))
    assert heard == ["once", "always 3", "always 4"]


def test_from_events_validates_every_event() -> None:
    events: list[Event] = [scheduled(), start(Period.FIRST_HALF), goal(HOME, 10), goal(HOME, 9)]
    assert Timeline.from_events(events[:3]).version == 3
    with pytest.raises(RuleViolation) as caught:
        Timeline.from_events(events)
    assert (caught.value.rule, caught.value.version) == (Rule.CLOCK_WENT_BACKWARDS, 4)


@pytest.mark.parametrize("match_id", ["", None, 7])
def test_a_timeline_needs_a_match_id(match_id: object) -> None:
    with pytest.raises(InvalidValueError, match="match id"):
        Timeline(match_id)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="no match id"):
        Timeline.from_events([])


def test_the_events_view_is_read_only() -> None:
    timeline = match_at(At.HALF_TIME)
    view = timeline.events
    assert not hasattr(view, "append")
    assert view[0] == scheduled()
    assert view[1:3] == (start(Period.FIRST_HALF), end(Period.FIRST_HALF))
    timeline.append(start(Period.SECOND_HALF))
    assert len(view) == 4


def test_errors_survive_pickling_with_their_fields() -> None:
    violation = match_at(At.HALF_TIME).check(goal(HOME, 50))
    assert violation is not None
    copy = pickle.loads(pickle.dumps(violation))
    assert (copy.match_id, copy.version, copy.rule, copy.detail, copy.event) == (
        M,
        4,
        Rule.OUTSIDE_RUNNING_PERIOD,
        violation.detail,
        goal(HOME, 50),
    )
    assert str(copy) == str(violation)
    conflict = pickle.loads(pickle.dumps(ConcurrencyError(M, 3, 5)))
    assert (conflict.match_id, conflict.expected_version, conflict.actual_version) == (M, 3, 5)


def test_a_rejection_says_what_and_where() -> None:
    err = assert_rejected(
        match_at(At.FIRST_HALF, first_half=[goal(HOME, 30)]),
        card(AWAY, "Away 4", 20),
        Rule.CLOCK_WENT_BACKWARDS,
        then=card(AWAY, "Away 4", 31),
    )
    assert "20'" in err.detail
    assert "30'" in err.detail
    assert str(err).startswith(f"match {M!r}: Card rejected as version 4: [clock-went-backwards]")


@pytest.mark.parametrize("not_an_event", ["goal!", None, 42, {"match_id": M}])
def test_objects_outside_the_catalogue_are_rejected(not_an_event: object) -> None:
    assert_rejected(
        match_at(At.FIRST_HALF), not_an_event, Rule.NOT_A_MATCH_EVENT, then=goal(HOME, 1)
    )


def test_the_catalogue_is_closed_its_event_types_cannot_be_subclassed() -> None:
    """Timelines and projections read an event by its exact type, so a subclass of one would be
    half-understood; it is refused when the class is made, saying what to do instead."""
    with pytest.raises(TypeError, match="Card is final: the event catalogue is closed"):

        @attrs.frozen(slots=True, kw_only=True)
        class ReviewedCard(Card):
            reviewed: bool = True

    @attrs.frozen(slots=True, kw_only=True)
    class Tweet(MatchEvent):
        """A type of one's own is fine, and no timeline takes it for an event of the match."""

        text: str

    assert_rejected(
        match_at(At.FIRST_HALF),
        Tweet(match_id=M, text="Limbs!"),
        Rule.NOT_A_MATCH_EVENT,
        then=goal(HOME, 1),
    )


# -- periods and formats -------------------------------------------------------------------------


def test_periods_start_and_end_in_order() -> None:
    timeline = match_at(At.SCHEDULED)
    assert_rejected(
        timeline, start(Period.SECOND_HALF), Rule.PERIOD_OUT_OF_ORDER, then=start(Period.FIRST_HALF)
    )
    assert_rejected(
        timeline, start(Period.FIRST_HALF), Rule.PERIOD_OUT_OF_ORDER, then=goal(HOME, 1)
    )
    assert_rejected(
        timeline, end(Period.SECOND_HALF), Rule.PERIOD_OUT_OF_ORDER, then=end(Period.FIRST_HALF)
    )
    assert_rejected(
        timeline,
        end(Period.FIRST_HALF),
        Rule.OUTSIDE_RUNNING_PERIOD,
        then=start(Period.SECOND_HALF),
    )


@pytest.mark.parametrize("fmt", [LEAGUE, FIRST_LEG], ids=["league", "first-leg"])
def test_matches_that_may_end_level_have_no_extra_time_or_shootout(fmt: MatchFormat) -> None:
    timeline = match_at(At.FULL_TIME, fmt)
    assert timeline.phase is MatchPhase.FINISHED
    assert timeline.score == Score(0, 0)
    for period, rule in [
        (Period.EXTRA_TIME_FIRST_HALF, Rule.EXTRA_TIME_NOT_IN_FORMAT),
        (Period.PENALTY_SHOOTOUT, Rule.SHOOTOUT_NOT_IN_FORMAT),
    ]:
        violation = timeline.check(start(period))
        assert violation is not None
        assert violation.rule is rule
    assert_rejected(
        timeline, start(Period.EXTRA_TIME_FIRST_HALF), Rule.EXTRA_TIME_NOT_IN_FORMAT, then=award()
    )


def test_a_level_knockout_match_goes_to_extra_time_then_penalties() -> None:
    timeline = match_at(At.FULL_TIME, KNOCKOUT)
    assert timeline.phase is MatchPhase.BREAK
    assert_rejected(
        timeline,
        start(Period.PENALTY_SHOOTOUT),
        Rule.PERIOD_OUT_OF_ORDER,
        then=start(Period.EXTRA_TIME_FIRST_HALF),
    )
    timeline.extend(_STEPS[At.EXTRA_TIME : At.END_OF_EXTRA_TIME])
    assert timeline.phase is MatchPhase.BREAK
    timeline.append(start(Period.PENALTY_SHOOTOUT))
    assert timeline.period is Period.PENALTY_SHOOTOUT


def test_a_knockout_match_decided_in_extra_time_has_no_shootout() -> None:
    timeline = match_at(At.EXTRA_TIME_SECOND_HALF, KNOCKOUT)
    timeline.extend([goal(AWAY, 118), end(Period.EXTRA_TIME_SECOND_HALF)])
    assert timeline.phase is MatchPhase.FINISHED
    assert_rejected(
        timeline, start(Period.PENALTY_SHOOTOUT), Rule.SHOOTOUT_NEEDS_LEVEL, then=award()
    )


def test_a_knockout_match_without_extra_time_goes_straight_to_penalties() -> None:
    timeline = match_at(At.FULL_TIME, KNOCKOUT_NO_EXTRA_TIME)
    assert timeline.phase is MatchPhase.BREAK
    assert_rejected(
        timeline,
        start(Period.EXTRA_TIME_FIRST_HALF),
        Rule.EXTRA_TIME_NOT_IN_FORMAT,
        then=start(Period.PENALTY_SHOOTOUT),
    )
    timeline.extend([*kicks("H+ A+ H+ A+ H+ A+ H+ A+ H+ A-"), end(Period.PENALTY_SHOOTOUT)])
    assert Snapshot.of(timeline).phase is MatchPhase.FINISHED
    assert timeline.score == Score(0, 0)


def test_a_knockout_match_without_shootout_may_end_level_after_extra_time() -> None:
    timeline = match_at(At.END_OF_EXTRA_TIME, KNOCKOUT_NO_SHOOTOUT)
    assert timeline.phase is MatchPhase.FINISHED
    assert_rejected(
        timeline, start(Period.PENALTY_SHOOTOUT), Rule.SHOOTOUT_NOT_IN_FORMAT, then=award()
    )


def test_a_finished_shootout_is_not_played_again() -> None:
    timeline = shootout("H+ A- H+ A- H+ A-")
    timeline.append(end(Period.PENALTY_SHOOTOUT))
    assert_rejected(timeline, start(Period.PENALTY_SHOOTOUT), Rule.MATCH_OVER, then=award())


def test_extra_time_is_not_played_twice() -> None:
    timeline = match_at(At.EXTRA_TIME_SECOND_HALF, KNOCKOUT)
    timeline.extend([goal(HOME, 110), end(Period.EXTRA_TIME_SECOND_HALF)])
    assert_rejected(timeline, start(Period.EXTRA_TIME_FIRST_HALF), Rule.MATCH_OVER, then=award())


# -- second legs and the away goals rule ---------------------------------------------------------


def second_leg(first_leg: Score, rule: AwayGoals) -> MatchFormat:
    return MatchFormat.second_leg_of_tie(first_leg, away_goals=rule)


@pytest.mark.parametrize(
    ("rule", "extra_time"),
    [
        (AwayGoals.NOT_APPLIED, True),
        (AwayGoals.NORMAL_TIME_ONLY, False),
        (AwayGoals.INCLUDING_EXTRA_TIME, False),
    ],
)
def test_away_goals_after_90_minutes(rule: AwayGoals, extra_time: bool) -> None:
    # First leg 2-1 to this match's visitors; 1-0 to the hosts now: 2-2 on aggregate, and the
    # hosts scored one away goal to none.
    timeline = match_at(At.SECOND_HALF, second_leg(Score(2, 1), rule))
    timeline.extend([goal(HOME, 70), end(Period.SECOND_HALF)])
    if extra_time:
        assert timeline.phase is MatchPhase.BREAK
        timeline.append(start(Period.EXTRA_TIME_FIRST_HALF))
    else:
        assert timeline.phase is MatchPhase.FINISHED
        assert_rejected(
            timeline, start(Period.EXTRA_TIME_FIRST_HALF), Rule.EXTRA_TIME_NEEDS_LEVEL, then=award()
        )


@pytest.mark.parametrize(
    ("rule", "shootout_follows"),
    [
        (AwayGoals.NOT_APPLIED, True),
        (AwayGoals.NORMAL_TIME_ONLY, True),
        (AwayGoals.INCLUDING_EXTRA_TIME, False),
    ],
)
def test_away_goals_in_extra_time(rule: AwayGoals, shootout_follows: bool) -> None:
    # First leg 0-0, second leg 0-0 after 90 minutes, 1-1 after extra time: the visitors scored
    # the only away goal, in extra time.
    timeline = match_at(At.EXTRA_TIME, second_leg(Score(0, 0), rule))
    timeline.extend(
        [
            goal(HOME, 95),
            end(Period.EXTRA_TIME_FIRST_HALF),
            start(Period.EXTRA_TIME_SECOND_HALF),
            goal(AWAY, 112),
            end(Period.EXTRA_TIME_SECOND_HALF),
        ]
    )
    if shootout_follows:
        assert timeline.phase is MatchPhase.BREAK
        timeline.append(start(Period.PENALTY_SHOOTOUT))
    else:
        assert timeline.phase is MatchPhase.FINISHED
        assert_rejected(
            timeline, start(Period.PENALTY_SHOOTOUT), Rule.SHOOTOUT_NEEDS_LEVEL, then=award()
        )


def test_a_second_leg_goes_by_the_aggregate_not_the_match() -> None:
    # Lost 0-1 away, won 1-0 at home: level on aggregate, so extra time though the match is won.
    fmt = MatchFormat.second_leg_of_tie(Score(1, 0))
    timeline = match_at(At.SECOND_HALF, fmt)
    timeline.extend([goal(HOME, 50), end(Period.SECOND_HALF)])
    assert timeline.phase is MatchPhase.BREAK
    # Level match, but 0-1 down on aggregate: over.
    drawn = match_at(At.FULL_TIME, fmt)
    assert drawn.phase is MatchPhase.FINISHED


# -- recorded scores -------------------------------------------------------------------------------


def test_coarse_scores_without_goal_events_are_accepted() -> None:
    timeline = match_at(At.FIRST_HALF)
    timeline.extend(
        [
            end(Period.FIRST_HALF, Score(0, 1)),
            start(Period.SECOND_HALF),
            end(Period.SECOND_HALF, Score(2, 3)),
        ]
    )
    assert timeline.phase is MatchPhase.FINISHED
    assert timeline.score == Score(2, 3)


def test_a_recorded_score_must_match_the_goals_of_its_period() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[goal(HOME, 10), goal(AWAY, 20)])
    for wrong in (Score(0, 0), Score(1, 0), Score(2, 1)):
        assert_rejected(
            timeline,
            end(Period.FIRST_HALF, wrong),
            Rule.RECORDED_SCORE_MISMATCH,
            then=goal(HOME, 21),
        )
    timeline.append(end(Period.FIRST_HALF, Score(4, 1)))
    assert timeline.score == Score(4, 1)


def test_goals_after_a_coarse_half_add_to_its_recorded_score() -> None:
    timeline = match_at(At.FIRST_HALF)
    timeline.extend(
        [end(Period.FIRST_HALF, Score(0, 1)), start(Period.SECOND_HALF), goal(HOME, 60)]
    )
    assert_rejected(
        timeline,
        end(Period.SECOND_HALF, Score(1, 2)),
        Rule.RECORDED_SCORE_MISMATCH,
        then=end(Period.SECOND_HALF, Score(1, 1)),
    )


def test_a_recorded_score_never_takes_goals_away() -> None:
    timeline = match_at(At.SECOND_HALF, first_half=[goal(HOME, 10)])
    assert_rejected(
        timeline,
        end(Period.SECOND_HALF, Score(0, 2)),
        Rule.RECORDED_SCORE_MISMATCH,
        then=end(Period.SECOND_HALF, Score(1, 2)),
    )


def test_an_annulled_goal_is_not_in_the_recorded_score() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[goal(HOME, 10), annul(3)])
    assert_rejected(
        timeline,
        end(Period.FIRST_HALF, Score(1, 0)),
        Rule.RECORDED_SCORE_MISMATCH,
        then=end(Period.FIRST_HALF, Score(0, 0)),
    )


def test_the_shootouts_own_score_is_not_the_match_score() -> None:
    # 0-0 after extra time, 4-3 on penalties: a source recording "4-3" at the end of the
    # shoot-out must not turn the match score into 4-3.
    timeline = shootout("H+ A+ H+ A+ H+ A+ H+ A+ H- A-  H+ A-")
    assert_rejected(
        timeline,
        end(Period.PENALTY_SHOOTOUT, Score(5, 4)),
        Rule.RECORDED_SCORE_MISMATCH,
        then=end(Period.PENALTY_SHOOTOUT, Score(0, 0)),
    )
    assert timeline.score == Score(0, 0)


# -- line-ups, substitutions, cards ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("starting", "substitutes"),
    [
        ((), ()),
        ((*HOME_XI, "Home 12"), ()),
        (("Home 1", "Home 2", "Home 1"), ()),
        (HOME_XI, ("Home 12", "Home 1")),
        (HOME_XI, ("Home 12", "Home 12")),
    ],
    ids=["no-starters", "twelve-starters", "starter-twice", "starter-on-bench", "sub-twice"],
)
def test_invalid_lineups_are_rejected(
    starting: tuple[str, ...], substitutes: tuple[str, ...]
) -> None:
    lineup = LineupAnnounced(match_id=M, side=HOME, starting=starting, substitutes=substitutes)
    assert_rejected(match_at(At.SCHEDULED), lineup, Rule.INVALID_LINEUP, then=lineups()[0])


def test_with_lineups_a_substitute_comes_from_the_bench_for_a_player_on_the_pitch() -> None:
    timeline = match_at(At.FIRST_HALF, with_lineups=True)
    assert_rejected(
        timeline,
        sub(HOME, "Home 12", "Home 13", 30),
        Rule.PLAYER_NOT_ON_PITCH,
        then=sub(HOME, "Home 9", "Home 12", 30),
    )
    # Home 12 is on now, no longer on the bench; a starter never was; nor a visitor.
    for on in ("Home 12", "Home 3", "Away 12"):
        assert_rejected(
            timeline, sub(HOME, "Home 10", on, 31), Rule.PLAYER_NOT_AVAILABLE, then=goal(AWAY, 31)
        )
    timeline.append(goal(HOME, 35, "Home 12"))


def test_a_player_substituted_off_does_not_come_back() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[sub(AWAY, "Away 9", "Away 12", 30)])
    assert_rejected(
        timeline,
        sub(AWAY, "Away 12", "Away 9", 40),
        Rule.PLAYER_SUBSTITUTED,
        then=sub(AWAY, "Away 12", "Away 13", 40),
    )
    assert_rejected(
        timeline,
        sub(AWAY, "Away 9", "Away 14", 41),
        Rule.PLAYER_SUBSTITUTED,
        then=sub(AWAY, "Away 10", "Away 14", 41),
    )


def test_without_lineups_a_player_comes_on_once_and_not_for_himself() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[sub(AWAY, "Away 9", "Away 12", 30)])
    assert_rejected(
        timeline,
        sub(AWAY, "Away 10", "Away 12", 31),
        Rule.PLAYER_NOT_AVAILABLE,
        then=sub(AWAY, "Away 10", "Away 13", 31),
    )
    assert_rejected(
        timeline,
        sub(AWAY, "Away 11", "Away 11", 32),
        Rule.PLAYER_NOT_AVAILABLE,
        then=sub(AWAY, "Away 11", "Away 14", 32),
    )


@pytest.mark.parametrize(
    "sending_off",
    [
        [card(HOME, "Home 5", 10, CardKind.RED)],
        [card(HOME, "Home 5", 10), card(HOME, "Home 5", 20, CardKind.SECOND_YELLOW)],
        [card(HOME, "Home 5", 10), card(HOME, "Home 5", 20, CardKind.RED)],
    ],
    ids=["straight-red", "second-yellow", "yellow-then-red"],
)
def test_a_player_sent_off_takes_no_further_part(sending_off: list[Event]) -> None:
    timeline = match_at(At.FIRST_HALF, with_lineups=True, first_half=sending_off)
    for event in (
        goal(HOME, 30, "Home 5"),
        card(HOME, "Home 5", 30),
        card(HOME, "Home 5", 30, CardKind.RED),
        sub(HOME, "Home 5", "Home 12", 30),
        sub(HOME, "Home 6", "Home 5", 30),
    ):
        assert_rejected(timeline, event, Rule.PLAYER_SENT_OFF, then=card(HOME, "Home 6", 30))
        timeline = match_at(At.FIRST_HALF, with_lineups=True, first_half=sending_off)


def test_a_substitute_sent_off_on_the_bench_never_comes_on() -> None:
    timeline = match_at(
        At.FIRST_HALF, with_lineups=True, first_half=[card(HOME, "Home 12", 10, CardKind.RED)]
    )
    assert_rejected(
        timeline,
        sub(HOME, "Home 9", "Home 12", 30),
        Rule.PLAYER_SENT_OFF,
        then=sub(HOME, "Home 9", "Home 13", 30),
    )


def test_players_are_told_apart_by_side() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[card(HOME, "Silva", 10, CardKind.RED)])
    assert_rejected(
        timeline, goal(HOME, 20, "Silva"), Rule.PLAYER_SENT_OFF, then=goal(AWAY, 20, "Silva")
    )


def test_own_goal_scorers_play_for_the_other_side() -> None:
    timeline = match_at(At.FIRST_HALF, with_lineups=True)
    assert_rejected(
        timeline,
        goal(HOME, 10, "Home 4", kind=GoalKind.OWN_GOAL),
        Rule.PLAYER_NOT_ON_PITCH,
        then=goal(HOME, 10, "Away 4", kind=GoalKind.OWN_GOAL),
    )
    assert timeline.score == Score(1, 0)


# -- annulments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [0, -1, 2, 4, 99], ids=lambda v: f"version-{v}")
def test_an_annulment_names_a_goal_of_this_match(target: int) -> None:
    # Version 2 is the kick-off, 3 the goal, 4 a card.
    timeline = match_at(At.FIRST_HALF, first_half=[goal(HOME, 10), card(AWAY, "Away 2", 12)])
    assert_rejected(timeline, annul(target), Rule.ANNULLED_EVENT_NOT_A_GOAL, then=annul(3))
    assert timeline.score == Score(0, 0)


def test_a_goal_is_annulled_once() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[goal(HOME, 10), goal(HOME, 20), annul(3)])
    assert timeline.score == Score(1, 0)
    assert_rejected(timeline, annul(3), Rule.GOAL_ALREADY_ANNULLED, then=annul(4))
    assert timeline.score == Score(0, 0)


def test_a_goal_is_annulled_only_while_its_period_is_played() -> None:
    timeline = match_at(At.HALF_TIME, first_half=[goal(HOME, 10)])
    # At half-time no period is being played at all.
    assert_rejected(timeline, annul(3), Rule.OUTSIDE_RUNNING_PERIOD, then=start(Period.SECOND_HALF))
    assert_rejected(timeline, annul(3), Rule.ANNULMENT_TOO_LATE, then=goal(AWAY, 50))
    assert timeline.score == Score(1, 1)


# -- abandoned, awarded, postponed -----------------------------------------------------------------


def test_an_abandoned_match_is_then_only_awarded() -> None:
    timeline = match_at(At.SECOND_HALF, first_half=[goal(HOME, 10)])
    timeline.append(MatchAbandoned(match_id=M, at=MatchClock(70), reason="pitch invasion"))
    assert timeline.is_over
    assert_rejected(timeline, start(Period.SECOND_HALF), Rule.MATCH_ABANDONED, then=award())
    assert timeline.phase is MatchPhase.AWARDED
    assert timeline.score == Score(3, 0)
    assert_rejected(timeline, goal(HOME, 80), Rule.MATCH_OVER, then=award(Score(0, 3)))


def test_a_match_not_started_can_be_postponed_then_played_or_awarded() -> None:
    timeline = match_at(At.SCHEDULED)
    timeline.append(MatchPostponed(match_id=M, reason="frozen pitch"))
    assert timeline.phase is MatchPhase.POSTPONED
    assert_rejected(timeline, goal(HOME, 1), Rule.NOT_STARTED, then=start(Period.FIRST_HALF))
    walkover = match_at(At.SCHEDULED)
    walkover.append(award())
    assert_rejected(walkover, MatchPostponed(match_id=M), Rule.MATCH_OVER, then=award())


@pytest.mark.parametrize(
    ("point", "fmt", "rule"),
    [
        (At.SCHEDULED, LEAGUE, Rule.NOT_STARTED),
        (At.FULL_TIME, LEAGUE, Rule.MATCH_OVER),
    ],
)
def test_only_a_match_under_way_is_abandoned(point: At, fmt: MatchFormat, rule: Rule) -> None:
    assert_rejected(match_at(point, fmt), MatchAbandoned(match_id=M), rule, then=award())


def test_a_match_is_abandoned_once_in_play_or_at_a_break() -> None:
    timeline = match_at(At.HALF_TIME)
    timeline.append(MatchAbandoned(match_id=M, reason="storm"))
    assert_rejected(timeline, MatchAbandoned(match_id=M), Rule.MATCH_ABANDONED, then=award())


def test_the_abandonment_clock_does_not_go_backwards() -> None:
    timeline = match_at(At.FIRST_HALF, first_half=[goal(HOME, 30)])
    assert_rejected(
        timeline,
        MatchAbandoned(match_id=M, at=MatchClock(20)),
        Rule.CLOCK_WENT_BACKWARDS,
        then=MatchAbandoned(match_id=M, at=MatchClock(30)),
    )


@pytest.mark.parametrize(
    ("point", "wrong", "right"),
    [
        (At.FIRST_HALF, MatchClock(80), MatchClock(45, 2)),
        (At.SECOND_HALF, MatchClock(30), MatchClock(46)),
        # At a break, play stopped in the period just played.
        (At.HALF_TIME, MatchClock(60), MatchClock(45, 1)),
        (At.FULL_TIME, MatchClock(100), MatchClock(90, 4)),
    ],
)
def test_a_match_is_abandoned_at_a_minute_of_the_period_it_stopped_in(
    point: At, wrong: MatchClock, right: MatchClock
) -> None:
    timeline = match_at(point, KNOCKOUT)
    abandoned = assert_rejected(
        timeline,
        MatchAbandoned(match_id=M, at=wrong),
        Rule.CLOCK_OUTSIDE_PERIOD,
        then=MatchAbandoned(match_id=M, at=right),
    )
    assert str(wrong) in abandoned.detail


@pytest.mark.parametrize(
    ("fmt", "stopped", "wrong"),
    [
        (KNOCKOUT, MatchClock(120, 2), MatchClock(1)),
        (KNOCKOUT, MatchClock(120), MatchClock(90, 3)),
        (MatchFormat.knockout(extra_time=False), MatchClock(90, 3), MatchClock(120)),
    ],
)
def test_a_card_in_the_shootout_carries_the_minute_the_clock_stopped(
    fmt: MatchFormat, stopped: MatchClock, wrong: MatchClock
) -> None:
    timeline = match_at(At.SHOOTOUT, fmt)
    booked = Card(match_id=M, side=AWAY, player="Away 1", at=stopped)
    violation = assert_rejected(
        timeline,
        Card(match_id=M, side=AWAY, player="Away 1", at=wrong),
        Rule.CLOCK_OUTSIDE_PERIOD,
        then=booked,
    )
    assert "clock stopped" in violation.detail


# -- the penalty shoot-out -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "notation",
    [
        "H+ A- H+ A- H+ A-",  # 3-0 after three kicks each: the visitors cannot catch up.
        "H+ A+ H+ A+ H+ A- H+ A-",  # 4-2 after four each.
        "H+ A- H+ A- H+ A+ H+",  # 4-1 with the visitors' fourth kick still to come.
        "H- A+ H- A+ H- A+",  # 0-3.
        "H+ A+ H+ A+ H+ A+ H+ A+ H+ A-",  # 5-4 after five each.
        "H+ A+ H+ A+ H+ A+ H+ A+ H- A+",  # 4-5 on the last kick of the fifth round.
        "H+ A+ H+ A+ H+ A+ H+ A+ H+ A+ H- A+",  # sudden death, decided in the sixth round.
        "H+ A+ H+ A+ H+ A+ H+ A+ H+ A+ H+ A+ H+ A+ H- A-  H+ A-",  # ninth round.
        "A+ H- A+ H- A+ H-",  # the visitors kicking first.
    ],
)
def test_a_decided_shootout_ends_and_takes_no_more_kicks(notation: str) -> None:
    timeline = shootout(notation)
    last = timeline.events[-1]
    assert isinstance(last, ShootoutKick)
    assert_rejected(
        timeline,
        kick(last.side.opponent, True),
        Rule.SHOOTOUT_ALREADY_DECIDED,
        then=end(Period.PENALTY_SHOOTOUT),
    )
    assert timeline.phase is MatchPhase.FINISHED


@pytest.mark.parametrize(
    ("notation", "next_kick"),
    [
        ("", kick(HOME, True)),
        ("H+ A- H+ A-", kick(HOME, True)),  # 2-0 after two each: three kicks each to come.
        ("H+ A- H+ A- H+", kick(AWAY, True)),  # 3-0, the visitors can still draw level.
        ("H+ A+ H+ A+ H+ A+ H+ A+ H+ A+", kick(HOME, True)),  # 5-5: sudden death.
        ("H+ A+ H+ A+ H+ A+ H+ A+ H+ A+ H+", kick(AWAY, True)),  # sudden death, half a round.
        ("H- A- H- A- H- A- H- A- H- A- H- A-", kick(HOME, False)),  # 0-0 after six rounds.
    ],
)
def test_an_undecided_shootout_does_not_end(notation: str, next_kick: ShootoutKick) -> None:
    timeline = shootout(notation)
    assert_rejected(
        timeline, end(Period.PENALTY_SHOOTOUT), Rule.SHOOTOUT_NOT_DECIDED, then=next_kick
    )


@pytest.mark.parametrize("first", [HOME, AWAY])
def test_the_side_kicking_first_opens_every_round(first: Side) -> None:
    second = first.opponent
    timeline = match_at(At.SHOOTOUT, KNOCKOUT)
    # Every kick scores, so the shoot-out runs into sudden death; each pass plays two rounds.
    for _ in range(4):
        timeline.append(kick(first, True))
        assert_rejected(
            timeline, kick(first, True), Rule.SHOOTOUT_KICK_OUT_OF_TURN, then=kick(second, True)
        )
        assert_rejected(
            timeline, kick(second, True), Rule.SHOOTOUT_KICK_OUT_OF_TURN, then=kick(first, True)
        )
        timeline.append(kick(second, True))


def test_shootout_kicks_do_not_change_the_match_score() -> None:
    timeline = shootout("H+ A- H+ A- H+ A-")
    timeline.append(end(Period.PENALTY_SHOOTOUT))
    assert timeline.score == Score(0, 0)


@pytest.mark.parametrize(
    ("taker", "rule"),
    [
        ("Home 5", Rule.PLAYER_SENT_OFF),
        ("Home 9", Rule.PLAYER_SUBSTITUTED),
        ("Home 13", Rule.PLAYER_NOT_ON_PITCH),
        ("Away 1", Rule.PLAYER_NOT_ON_PITCH),
    ],
)
def test_shootout_takers_must_be_on_the_pitch(taker: str, rule: Rule) -> None:
    timeline = match_at(
        At.SHOOTOUT,
        KNOCKOUT,
        with_lineups=True,
        first_half=[card(HOME, "Home 5", 10, CardKind.RED), sub(HOME, "Home 9", "Home 12", 20)],
    )
    assert_rejected(timeline, kick(HOME, True, taker), rule, then=kick(HOME, True, "Home 12"))


def test_no_substitutions_during_a_shootout() -> None:
    timeline = match_at(At.SHOOTOUT, KNOCKOUT)
    assert_rejected(
        timeline, sub(HOME, "Home 1", "Home 12", 120), Rule.NOT_IN_SHOOTOUT, then=kick(AWAY, False)
    )


def _winner_by_exhaustion(kicks_taken: list[ShootoutKick]) -> Side | None:
    """Who has won after these kicks, by trying every way the remaining kicks could go: in the
    first five rounds a side has won when every outcome of the kicks left leaves it ahead; after
    that, when both have taken as many kicks and one has scored more."""
    taken = {side: sum(1 for k in kicks_taken if k.side is side) for side in Side}
    scored = {side: sum(1 for k in kicks_taken if k.side is side and k.scored) for side in Side}
    if max(taken.values()) <= SHOOTOUT_ROUNDS:
        left = {side: SHOOTOUT_ROUNDS - taken[side] for side in Side}
        finals = {
            (scored[HOME] + h, scored[AWAY] + a)
            for h, a in itertools.product(range(left[HOME] + 1), range(left[AWAY] + 1))
        }
        if all(h > a for h, a in finals):
            return HOME
        if all(a > h for h, a in finals):
            return AWAY
        return None
    if taken[HOME] == taken[AWAY] and scored[HOME] != scored[AWAY]:
        return HOME if scored[HOME] > scored[AWAY] else AWAY
    return None


@given(first=st.sampled_from(Side), outcomes=st.lists(st.booleans(), min_size=1, max_size=30))
def test_a_shootout_ends_exactly_when_one_side_cannot_be_caught(
    first: Side, outcomes: list[bool]
) -> None:
    timeline = match_at(At.SHOOTOUT, KNOCKOUT)
    taken: list[ShootoutKick] = []
    side = first
    for scored in outcomes:
        this_kick = kick(side, scored)
        if _winner_by_exhaustion(taken) is not None:
            violation = timeline.check(this_kick)
            assert violation is not None
            assert violation.rule is Rule.SHOOTOUT_ALREADY_DECIDED
            break
        ending = timeline.check(end(Period.PENALTY_SHOOTOUT))
        assert ending is not None
        assert ending.rule is Rule.SHOOTOUT_NOT_DECIDED
        timeline.append(this_kick)
        taken.append(this_kick)
        side = side.opponent
    decided = _winner_by_exhaustion(taken) is not None
    assert (timeline.check(end(Period.PENALTY_SHOOTOUT)) is None) == decided


def _shootout_finals(max_rounds: int) -> set[tuple[int, int]]:
    """Every score (home, away) a shoot-out of at most ``max_rounds`` rounds ends on, either side
    kicking first: every sequence of kicks walked, each step judged by
    :func:`_winner_by_exhaustion` (sequences reaching the same tallies are walked once)."""
    finals: set[tuple[int, int]] = set()
    for first in Side:
        frontier: dict[tuple[int, int, int, int], list[ShootoutKick]] = {(0, 0, 0, 0): []}
        for number in range(2 * max_rounds):
            side = first if number % 2 == 0 else first.opponent
            following: dict[tuple[int, int, int, int], list[ShootoutKick]] = {}
            for taken in frontier.values():
                for scored in (True, False):
                    after = [*taken, kick(side, scored)]
                    goals = (
                        sum(k.scored for k in after if k.side is HOME),
                        sum(k.scored for k in after if k.side is AWAY),
                    )
                    if _winner_by_exhaustion(after) is not None:
                        finals.add(goals)
                    else:
                        home_kicks = sum(1 for k in after if k.side is HOME)
                        following[(home_kicks, len(after) - home_kicks, *goals)] = after
            frontier = following
    return finals


def test_a_shootout_can_end_on_exactly_the_scores_some_sequence_of_kicks_ends_on() -> None:
    """The closed form behind a shoot-out recorded by its score alone, against every sequence of
    kicks of up to fifteen rounds (ten of sudden death): each score up to 14 a side."""
    finals = _shootout_finals(max_rounds=SHOOTOUT_ROUNDS + 10)
    for home, away in itertools.product(range(15), repeat=2):
        assert shootout_can_end_on((home, away)) == ((home, away) in finals), (home, away)
    assert all(shootout_can_end_on(goals) for goals in [(4, 2), (5, 4), (3, 0), (2, 4), (0, 3)])
    assert not any(shootout_can_end_on(goals) for goals in [(3, 3), (5, 0), (7, 5), (0, 0)])


# -- a shoot-out recorded by its score alone ---------------------------------------------------


def test_a_shootout_known_only_by_its_score_ends_the_match_without_kicks() -> None:
    timeline = match_at(At.SHOOTOUT, KNOCKOUT)
    timeline.append(end_of_shootout(M, Score(4, 2)))
    assert timeline.phase is MatchPhase.FINISHED
    assert timeline.score == Score(0, 0)  # the shoot-out's score is not the match's
    assert_rejected(timeline, kick(HOME, True), Rule.KICK_OUTSIDE_SHOOTOUT, then=award())


@pytest.mark.parametrize("fmt", [KNOCKOUT, KNOCKOUT_NO_EXTRA_TIME], ids=["aet", "after-90"])
@pytest.mark.parametrize("penalties", [Score(4, 2), Score(5, 4), Score(3, 0), Score(6, 7)])
def test_any_score_a_shootout_can_end_on_is_accepted(fmt: MatchFormat, penalties: Score) -> None:
    timeline = match_at(At.SHOOTOUT, fmt)
    assert timeline.check(end_of_shootout(M, penalties)) is None


@pytest.mark.parametrize(
    ("penalties", "rule"),
    [
        (Score(3, 3), Rule.SHOOTOUT_NOT_DECIDED),  # level: a shoot-out ends only when decided
        (Score(0, 0), Rule.SHOOTOUT_NOT_DECIDED),
        (Score(5, 0), Rule.SHOOTOUT_ALREADY_DECIDED),  # decided at 3-0
        (Score(4, 0), Rule.SHOOTOUT_ALREADY_DECIDED),
        (Score(2, 5), Rule.SHOOTOUT_ALREADY_DECIDED),  # decided at 2-4 or before
        (Score(7, 5), Rule.SHOOTOUT_ALREADY_DECIDED),  # sudden death ends one goal apart
    ],
)
def test_a_recorded_shootout_score_no_shootout_ends_on_is_refused(
    penalties: Score, rule: Rule
) -> None:
    timeline = match_at(At.SHOOTOUT, KNOCKOUT)
    err = assert_rejected(
        timeline, end_of_shootout(M, penalties), rule, then=end_of_shootout(M, Score(4, 2))
    )
    assert str(penalties) in err.detail


def test_recorded_kicks_must_add_up_to_the_recorded_shootout_score() -> None:
    timeline = shootout("H+ A- H+ A- H+ A-")  # 3-0 after three rounds
    assert_rejected(
        timeline,
        end_of_shootout(M, Score(4, 2)),
        Rule.RECORDED_SCORE_MISMATCH,
        then=end_of_shootout(M, Score(3, 0)),
    )
    assert timeline.phase is MatchPhase.FINISHED


def test_undecided_kicks_are_not_completed_by_a_recorded_shootout_score() -> None:
    timeline = shootout("H+ A- H+ A-")  # 2-0: the rest of the kicks are not recorded
    assert_rejected(
        timeline,
        end_of_shootout(M, Score(3, 0)),
        Rule.SHOOTOUT_NOT_DECIDED,
        then=kick(HOME, True),
    )


@pytest.mark.parametrize("period", [p for p in Period if p is not Period.PENALTY_SHOOTOUT])
def test_only_the_end_of_the_shootout_carries_a_shootout_score(period: Period) -> None:
    with pytest.raises(InvalidValueError, match="end of the shoot-out"):
        PeriodEnded(match_id=M, period=period, penalties=Score(4, 2))
    assert end_of_shootout(M).penalties is None
    assert end_of_shootout(M, Score(4, 2)).period is Period.PENALTY_SHOOTOUT
