"""Invalid continuations: one bad event after a valid prefix, labelled with the rule it breaks.

:func:`invalid_continuations` draws a valid match, a moment in it, and an event that breaks one
:class:`~matchevents.rules.Rule` at that moment, as a :class:`InvalidContinuation`. The label is
worked out independently of the timeline's validator, from what the prefix says (who is booked,
whose turn it is in the shoot-out, which goals can still be annulled), so a test that checks
``Timeline.check(case.event).rule is case.rule`` is a real specification of the validator.

:func:`breaking_events` gives every labelled bad event for one moment; the state machine of
:mod:`matchevents.testing.machine` uses it to try invalid appends.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Final

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from matchevents.clock import MatchClock, Period
from matchevents.errors import InvalidValueError
from matchevents.events import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    KickOutcome,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchEvent,
    MatchPostponed,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.formats import KNOCKOUT, MatchFormat
from matchevents.rules import Rule, shootout_winner
from matchevents.score import Score, Side
from matchevents.testing.matches import Ending, matches
from matchevents.timeline import MatchPhase, Timeline


@attrs.frozen(slots=True, kw_only=True)
class InvalidContinuation:
    """A valid prefix of a match, and one event that breaks ``rule`` if appended after it.

    Attributes:
        match_id: the match (the prefix may be empty, and the bad event may name another).
        prefix: events a fresh timeline accepts, in order.
        event: the bad event.
        rule: the rule ``event`` breaks after ``prefix``.
    """

    match_id: str
    prefix: tuple[Event, ...]
    event: Event
    rule: Rule

    def timeline(self) -> Timeline:
        """A fresh timeline of the match, holding the prefix."""
        return Timeline.from_events(self.prefix, match_id=self.match_id)


UNKNOWN_PLAYER: Final = "Nobody Atall"
"""A name no generated squad uses: a player who is not on the pitch."""


@attrs.define
class Situation:
    """What a prefix of a match says, as the breakers need it. Kept up to date event by event
    with :meth:`advance`; the phase, period and score come from a real timeline."""

    timeline: Timeline
    last_clock: MatchClock | None = None
    booked: set[tuple[Side, str]] = attrs.field(factory=set)
    sent_off: set[tuple[Side, str]] = attrs.field(factory=set)
    substituted: set[tuple[Side, str]] = attrs.field(factory=set)
    lineups: dict[Side, set[str]] = attrs.field(factory=dict)
    goals: dict[int, Goal] = attrs.field(factory=dict)
    annulled: set[int] = attrs.field(factory=set)
    goals_since_record: bool = False
    kicks: dict[Side, int] = attrs.field(factory=lambda: {Side.HOME: 0, Side.AWAY: 0})
    kick_goals: dict[Side, int] = attrs.field(factory=lambda: {Side.HOME: 0, Side.AWAY: 0})
    first_kicker: Side | None = None
    play_period: Period | None = None
    """The last period of play started (not the shoot-out)."""

    @classmethod
    def start(cls, match_id: str) -> Situation:
        """The situation before any event of ``match_id``."""
        return cls(Timeline(match_id))

    def advance(self, event: Event) -> None:
        """Take one more accepted event into account (it is appended to the timeline)."""
        version = self.timeline.append(event)
        match event:
            case Goal(at=at):
                self.last_clock = at
                self.goals[version] = event
                self.goals_since_record = True
            case GoalAnnulled(goal_version=target):
                self.annulled.add(target)
                self.goals_since_record = True
            case PeriodEnded():
                self.goals_since_record = False
            case PeriodStarted(period=period) if period is not Period.PENALTY_SHOOTOUT:
                self.play_period = period
            case Card(side=side, player=player, at=at, kind=kind):
                self.last_clock = at
                if kind is CardKind.YELLOW:
                    self.booked.add((side, player))
                else:
                    self.sent_off.add((side, player))
                    self.lineups.get(side, set()).discard(player)
            case Substitution(side=side, player_off=off, player_on=on, at=at):
                self.last_clock = at
                self.substituted.add((side, off))
                if side in self.lineups:
                    self.lineups[side].discard(off)
                    self.lineups[side].add(on)
            case LineupAnnounced(side=side, starting=starting):
                self.lineups[side] = set(starting)
            case ShootoutKick(side=side):
                self.kicks[side] += 1
                self.kick_goals[side] += event.scored
                if self.first_kicker is None:
                    self.first_kicker = side
            case _:
                pass

    # -- what the breakers ask -------------------------------------------------------------

    @property
    def match_id(self) -> str:
        return self.timeline.match_id

    @property
    def phase(self) -> MatchPhase:
        return self.timeline.phase

    @property
    def scheduled(self) -> bool:
        return self.timeline.schedule is not None

    @property
    def format(self) -> MatchFormat:
        schedule = self.timeline.schedule
        return schedule.format if schedule is not None else KNOCKOUT

    @property
    def clock_period(self) -> Period | None:
        """The period an event's minute must lie in now: the period being played, the last
        period of play during a shoot-out (the clock stopped) or at a break; None otherwise."""
        if self.phase is MatchPhase.IN_PLAY or self.phase is MatchPhase.BREAK:
            return self.play_period
        return None

    @property
    def running(self) -> Period | None:
        """The period being played, or None outside play."""
        return self.timeline.period if self.phase is MatchPhase.IN_PLAY else None

    def in_play_clock(self) -> MatchClock | None:
        """A minute a goal, card or substitution could carry now, or None outside a period of
        play (the shoot-out included)."""
        period = self.running
        if period is None or period is Period.PENALTY_SHOOTOUT:
            return None
        start = MatchClock(period.first_minute)
        last = self.last_clock
        return last if last is not None and start < last else start

    def shootout_clock(self) -> MatchClock | None:
        """A minute a card could carry during the shoot-out (the clock stopped at the end of the
        last period of play), or None outside the shoot-out."""
        period = self.play_period
        if self.running is not Period.PENALTY_SHOOTOUT or period is None:
            return None
        last = self.last_clock
        if last is not None and last.period is period:
            return last
        return MatchClock(period.last_minute)

    def shootout_winner(self) -> Side | None:
        kicks, goals = self.kicks, self.kick_goals
        return shootout_winner(
            (kicks[Side.HOME], kicks[Side.AWAY]), (goals[Side.HOME], goals[Side.AWAY])
        )

    def due_kicker(self) -> Side | None:
        """The side that must kick next, or None when either may (the first kick)."""
        home, away = self.kicks[Side.HOME], self.kicks[Side.AWAY]
        if home != away:
            return Side.HOME if home < away else Side.AWAY
        return self.first_kicker

    def available(self, side: Side, name: str) -> bool:
        """Whether ``name`` may score, assist or kick for ``side`` now."""
        key = (side, name)
        if key in self.sent_off or key in self.substituted:
            return False
        on_pitch = self.lineups.get(side)
        return on_pitch is None or name in on_pitch

    def someone_available(self, side: Side) -> str | None:
        """A player of ``side`` who may play now (a name nobody uses, without a line-up)."""
        on_pitch = self.lineups.get(side)
        if on_pitch is None:
            return UNKNOWN_PLAYER if self.available(side, UNKNOWN_PLAYER) else None
        return min(on_pitch, default=None)


Breaker = Callable[[Situation], Iterator[Event]]
"""Yields events that break one rule in a situation (nothing where the rule cannot be broken)."""

_BREAKERS: dict[Rule, Breaker] = {}


def _breaks(rule: Rule) -> Callable[[Breaker], Breaker]:
    def register(breaker: Breaker) -> Breaker:
        _BREAKERS[rule] = breaker
        return breaker

    return register


_PLAY_RULE: Final = {
    MatchPhase.SCHEDULED: Rule.NOT_STARTED,
    MatchPhase.POSTPONED: Rule.NOT_STARTED,
    MatchPhase.BREAK: Rule.OUTSIDE_RUNNING_PERIOD,
    MatchPhase.FINISHED: Rule.MATCH_OVER,
    MatchPhase.AWARDED: Rule.MATCH_OVER,
    MatchPhase.ABANDONED: Rule.MATCH_ABANDONED,
}


_KICK_OFF_MINUTE: Final = MatchClock(1)


def _goal(s: Situation, at: MatchClock = _KICK_OFF_MINUTE) -> Goal:
    return Goal(match_id=s.match_id, side=Side.HOME, scorer=None, at=at)


@_breaks(Rule.FIRST_EVENT_MUST_BE_SCHEDULE)
def _first_not_schedule(s: Situation) -> Iterator[Event]:
    if not s.scheduled:
        yield PeriodStarted(match_id=s.match_id, period=Period.FIRST_HALF)
        yield _goal(s)


@_breaks(Rule.ALREADY_SCHEDULED)
def _scheduled_twice(s: Situation) -> Iterator[Event]:
    schedule = s.timeline.schedule
    if schedule is not None:
        yield attrs.evolve(schedule, venue="elsewhere")


@_breaks(Rule.WRONG_MATCH)
def _wrong_match(s: Situation) -> Iterator[Event]:
    other = f"{s.match_id}-other"
    yield PeriodStarted(match_id=other, period=Period.FIRST_HALF)
    if s.scheduled:
        yield MatchPostponed(match_id=other)


@_breaks(Rule.NOT_A_MATCH_EVENT)
def _not_in_catalogue(s: Situation) -> Iterator[Event]:
    if s.scheduled:
        yield MatchEvent(match_id=s.match_id)  # type: ignore[misc]


_BEFORE_KICKOFF: Final = (MatchPhase.SCHEDULED, MatchPhase.POSTPONED)


@_breaks(Rule.INVALID_LINEUP)
def _invalid_lineup(s: Situation) -> Iterator[Event]:
    if s.scheduled and s.phase in _BEFORE_KICKOFF:
        yield LineupAnnounced(match_id=s.match_id, side=Side.HOME, starting=())
        twelve = [f"Player {n}" for n in range(12)]
        yield LineupAnnounced(match_id=s.match_id, side=Side.AWAY, starting=twelve)
        yield LineupAnnounced(
            match_id=s.match_id, side=Side.HOME, starting=["Kane"], substitutes=["Kane"]
        )


@_breaks(Rule.LINEUP_AFTER_KICKOFF)
def _late_lineup(s: Situation) -> Iterator[Event]:
    if s.scheduled and s.phase not in _BEFORE_KICKOFF:
        yield LineupAnnounced(match_id=s.match_id, side=Side.HOME, starting=["Kane"])


def _play_events(s: Situation) -> Iterator[Event]:
    """Events that need a period being played: a goal, a card, a substitution."""
    yield _goal(s)
    yield Card(match_id=s.match_id, side=Side.AWAY, player=UNKNOWN_PLAYER, at=MatchClock(1))
    yield Substitution(
        match_id=s.match_id, side=Side.HOME, player_off="Kane", player_on="Sané", at=MatchClock(1)
    )


def _rule_outside_play(rule: Rule) -> Breaker:
    def breaker(s: Situation) -> Iterator[Event]:
        if s.scheduled and _PLAY_RULE.get(s.phase) is rule:
            yield from _play_events(s)
            if s.phase is not MatchPhase.BREAK and rule is not Rule.MATCH_OVER:
                yield MatchAbandoned(match_id=s.match_id)
            if s.phase is not MatchPhase.FINISHED:
                yield PeriodEnded(match_id=s.match_id, period=Period.FIRST_HALF)
            else:
                # Whatever was played last is not played again.
                yield PeriodStarted(match_id=s.match_id, period=Period.FIRST_HALF)
                played = s.timeline.period
                if played is not None and played >= Period.EXTRA_TIME_FIRST_HALF:
                    yield PeriodStarted(match_id=s.match_id, period=Period.EXTRA_TIME_FIRST_HALF)

    return breaker


for _rule in (Rule.NOT_STARTED, Rule.OUTSIDE_RUNNING_PERIOD, Rule.MATCH_OVER, Rule.MATCH_ABANDONED):
    _BREAKERS[_rule] = _rule_outside_play(_rule)


@_breaks(Rule.NOT_IN_SHOOTOUT)
def _play_in_shootout(s: Situation) -> Iterator[Event]:
    if s.running is Period.PENALTY_SHOOTOUT:
        yield _goal(s, MatchClock(120))
        yield Substitution(
            match_id=s.match_id,
            side=Side.AWAY,
            player_off="Kane",
            player_on="Sané",
            at=MatchClock(120),
        )


@_breaks(Rule.PERIOD_OUT_OF_ORDER)
def _period_out_of_order(s: Situation) -> Iterator[Event]:
    if not s.scheduled:
        return
    mid = s.match_id
    if s.phase in _BEFORE_KICKOFF:
        yield PeriodStarted(match_id=mid, period=Period.SECOND_HALF)
    elif s.phase is MatchPhase.IN_PLAY:
        running = s.running
        assert running is not None
        yield PeriodStarted(match_id=mid, period=running)
        other = Period.FIRST_HALF if running is not Period.FIRST_HALF else Period.SECOND_HALF
        yield PeriodEnded(match_id=mid, period=other)
    elif s.phase is MatchPhase.BREAK:
        # The period that just ended can never start again.
        yield PeriodStarted(match_id=mid, period=Period.FIRST_HALF)


def _after_final_whistle(period: Period, rule: Rule, not_in_format: bool) -> Breaker:
    """Starting ``period`` after the final whistle: against the format, or needing a level
    score that the match did not have."""

    def breaker(s: Situation) -> Iterator[Event]:
        fmt = s.format
        in_format = fmt.extra_time if period is Period.EXTRA_TIME_FIRST_HALF else fmt.shootout
        played = s.timeline.period
        # A period already played is not played again: that is MATCH_OVER, not this rule.
        if (
            s.phase is MatchPhase.FINISHED
            and played is not None
            and period > played
            and in_format is not not_in_format
        ):
            yield PeriodStarted(match_id=s.match_id, period=period)
        # Level after 90 minutes in a format without extra time: the shoot-out comes next.
        if (
            rule is Rule.EXTRA_TIME_NOT_IN_FORMAT
            and s.phase is MatchPhase.BREAK
            and played is Period.SECOND_HALF
            and not fmt.extra_time
        ):
            yield PeriodStarted(match_id=s.match_id, period=period)

    return breaker


_BREAKERS[Rule.EXTRA_TIME_NOT_IN_FORMAT] = _after_final_whistle(
    Period.EXTRA_TIME_FIRST_HALF, Rule.EXTRA_TIME_NOT_IN_FORMAT, not_in_format=True
)
_BREAKERS[Rule.EXTRA_TIME_NEEDS_LEVEL] = _after_final_whistle(
    Period.EXTRA_TIME_FIRST_HALF, Rule.EXTRA_TIME_NEEDS_LEVEL, not_in_format=False
)
_BREAKERS[Rule.SHOOTOUT_NOT_IN_FORMAT] = _after_final_whistle(
    Period.PENALTY_SHOOTOUT, Rule.SHOOTOUT_NOT_IN_FORMAT, not_in_format=True
)
_BREAKERS[Rule.SHOOTOUT_NEEDS_LEVEL] = _after_final_whistle(
    Period.PENALTY_SHOOTOUT, Rule.SHOOTOUT_NEEDS_LEVEL, not_in_format=False
)


def _kick(s: Situation, side: Side, taker: str | None = None) -> ShootoutKick:
    return ShootoutKick(match_id=s.match_id, side=side, taker=taker, outcome=KickOutcome.SCORED)


@_breaks(Rule.KICK_OUTSIDE_SHOOTOUT)
def _kick_outside(s: Situation) -> Iterator[Event]:
    if s.scheduled and s.running is not Period.PENALTY_SHOOTOUT:
        yield _kick(s, Side.HOME)


@_breaks(Rule.SHOOTOUT_KICK_OUT_OF_TURN)
def _kick_out_of_turn(s: Situation) -> Iterator[Event]:
    due = s.due_kicker()
    if s.running is Period.PENALTY_SHOOTOUT and s.shootout_winner() is None and due is not None:
        yield _kick(s, due.opponent)


def _end_of_shootout(s: Situation, penalties: Score | None, score: Score | None = None) -> Event:
    return PeriodEnded(
        match_id=s.match_id, period=Period.PENALTY_SHOOTOUT, score=score, penalties=penalties
    )


def _no_kicks(s: Situation) -> bool:
    return s.kicks[Side.HOME] == s.kicks[Side.AWAY] == 0


@_breaks(Rule.SHOOTOUT_ALREADY_DECIDED)
def _kick_after_decision(s: Situation) -> Iterator[Event]:
    if s.running is not Period.PENALTY_SHOOTOUT:
        return
    if s.shootout_winner() is not None:
        yield _kick(s, Side.HOME)
    elif _no_kicks(s):
        # Recorded by its score alone, past the point it was decided: 5-0 is over at 3-0, and
        # sudden death ends one goal apart.
        yield _end_of_shootout(s, Score(5, 0))
        yield _end_of_shootout(s, Score(5, 7))


@_breaks(Rule.SHOOTOUT_NOT_DECIDED)
def _shootout_ends_undecided(s: Situation) -> Iterator[Event]:
    if s.running is Period.PENALTY_SHOOTOUT and s.shootout_winner() is None:
        yield _end_of_shootout(s, None)
        if _no_kicks(s):
            yield _end_of_shootout(s, Score(3, 3))  # a level shoot-out is not decided
        else:
            # Kicks are recorded and do not decide it: a recorded score does not finish them.
            yield _end_of_shootout(s, Score(4, 2))


_OTHER_PERIOD_MINUTE: Final = {
    Period.FIRST_HALF: MatchClock(46),
    Period.SECOND_HALF: MatchClock(45, 2),
    Period.EXTRA_TIME_FIRST_HALF: MatchClock(106),
    Period.EXTRA_TIME_SECOND_HALF: MatchClock(90, 4),
}


@_breaks(Rule.CLOCK_OUTSIDE_PERIOD)
def _clock_outside(s: Situation) -> Iterator[Event]:
    period = s.clock_period
    if period is None:
        return
    at = _OTHER_PERIOD_MINUTE[period]
    yield MatchAbandoned(match_id=s.match_id, at=at)
    running = s.running
    if running is None:
        return
    yield Card(match_id=s.match_id, side=Side.AWAY, player=UNKNOWN_PLAYER, at=at)
    if running is not Period.PENALTY_SHOOTOUT:
        yield _goal(s, at)


@_breaks(Rule.CLOCK_WENT_BACKWARDS)
def _clock_backwards(s: Situation) -> Iterator[Event]:
    last, period = s.last_clock, s.clock_period
    if last is None or period is None or last.period is not period:
        return
    earlier = _earlier(last)
    if earlier is None or earlier.period is not period:
        return
    yield MatchAbandoned(match_id=s.match_id, at=earlier)
    if s.running is not None:
        yield Card(match_id=s.match_id, side=Side.AWAY, player=UNKNOWN_PLAYER, at=earlier)


def _earlier(at: MatchClock) -> MatchClock | None:
    if at.stoppage:
        return MatchClock(at.minute, at.stoppage - 1) if at.stoppage > 1 else MatchClock(at.minute)
    return MatchClock(at.minute - 1) if at.minute > 1 else None


def _players(s: Situation, pool: Collection[tuple[Side, str]]) -> Iterator[tuple[Side, str]]:
    yield from sorted(pool, key=lambda key: (key[0].value, key[1]))


@_breaks(Rule.PLAYER_SENT_OFF)
def _sent_off_plays(s: Situation) -> Iterator[Event]:
    at = s.in_play_clock()
    for side, name in _players(s, s.sent_off):
        if at is not None:
            yield Goal(match_id=s.match_id, side=side, scorer=name, at=at)
            yield Card(match_id=s.match_id, side=side, player=name, at=at, kind=CardKind.RED)
        elif s.running is Period.PENALTY_SHOOTOUT and s.shootout_winner() is None:
            due = s.due_kicker()
            if due in (None, side):
                yield _kick(s, side, name)


@_breaks(Rule.PLAYER_SUBSTITUTED)
def _substituted_plays(s: Situation) -> Iterator[Event]:
    at = s.in_play_clock()
    for side, name in _players(s, s.substituted - s.sent_off):
        if at is not None:
            yield Goal(match_id=s.match_id, side=side, scorer=name, at=at)
        elif s.running is Period.PENALTY_SHOOTOUT and s.shootout_winner() is None:
            due = s.due_kicker()
            if due in (None, side):
                yield _kick(s, side, name)


@_breaks(Rule.PLAYER_NOT_ON_PITCH)
def _not_on_pitch(s: Situation) -> Iterator[Event]:
    at = s.in_play_clock()
    if at is None:
        return
    for side in s.lineups:
        if s.available(side, UNKNOWN_PLAYER) or (side, UNKNOWN_PLAYER) in s.substituted:
            continue
        yield Goal(match_id=s.match_id, side=side, scorer=UNKNOWN_PLAYER, at=at)
        yield Substitution(
            match_id=s.match_id, side=side, player_off=UNKNOWN_PLAYER, player_on="Sané", at=at
        )


@_breaks(Rule.PLAYER_NOT_AVAILABLE)
def _not_available(s: Situation) -> Iterator[Event]:
    at = s.in_play_clock()
    if at is None:
        return
    for side in Side:
        player = s.someone_available(side)
        if player is not None:
            yield Substitution(
                match_id=s.match_id, side=side, player_off=player, player_on=player, at=at
            )


def _unbooked(s: Situation, side: Side) -> str:
    n = 0
    while (side, name := f"Fresh {n}") in s.booked or (side, name) in s.sent_off:
        n += 1
    return name


@_breaks(Rule.SECOND_YELLOW_WITHOUT_YELLOW)
def _second_yellow_first(s: Situation) -> Iterator[Event]:
    at = s.in_play_clock() or s.shootout_clock()
    if at is not None:
        yield Card(
            match_id=s.match_id,
            side=Side.HOME,
            player=_unbooked(s, Side.HOME),
            at=at,
            kind=CardKind.SECOND_YELLOW,
        )


@_breaks(Rule.ALREADY_BOOKED)
def _booked_again(s: Situation) -> Iterator[Event]:
    at = s.in_play_clock()
    if at is None:
        return
    for side, name in _players(s, s.booked - s.sent_off):
        yield Card(match_id=s.match_id, side=side, player=name, at=at, kind=CardKind.YELLOW)


@_breaks(Rule.ANNULLED_EVENT_NOT_A_GOAL)
def _annul_no_goal(s: Situation) -> Iterator[Event]:
    if s.scheduled:
        yield GoalAnnulled(match_id=s.match_id, goal_version=1)
        yield GoalAnnulled(match_id=s.match_id, goal_version=s.timeline.version + 1)


@_breaks(Rule.GOAL_ALREADY_ANNULLED)
def _annul_twice(s: Situation) -> Iterator[Event]:
    for version in sorted(s.annulled):
        yield GoalAnnulled(match_id=s.match_id, goal_version=version)


def _annulment_rule(s: Situation, goal: Goal) -> Rule | None:
    """The rule annulling a not yet annulled goal breaks now, or None if it may be annulled."""
    rule = _PLAY_RULE.get(s.phase)
    if rule is not None:
        return rule
    return None if goal.at.period is s.running else Rule.ANNULMENT_TOO_LATE


def _annul_rule(rule: Rule) -> Breaker:
    def breaker(s: Situation) -> Iterator[Event]:
        for version, goal in sorted(s.goals.items()):
            if version not in s.annulled and _annulment_rule(s, goal) is rule:
                yield GoalAnnulled(match_id=s.match_id, goal_version=version)

    return breaker


_ANNUL_TOO_LATE: Final = _annul_rule(Rule.ANNULMENT_TOO_LATE)
_BREAKERS[Rule.ANNULMENT_TOO_LATE] = _ANNUL_TOO_LATE


@_breaks(Rule.RECORDED_SCORE_MISMATCH)
def _wrong_recorded_score(s: Situation) -> Iterator[Event]:
    running = s.running
    if running is None:
        return
    score = s.timeline.score
    if running is Period.PENALTY_SHOOTOUT:
        if _no_kicks(s):
            # A shoot-out score it can end on, but the match score recorded beside it is wrong.
            yield _end_of_shootout(s, Score(4, 2), score.plus(Side.AWAY))
        if s.shootout_winner() is None:
            return  # ending it otherwise breaks SHOOTOUT_NOT_DECIDED first
        # Kicks decided it: a recorded shoot-out score must be theirs.
        home, away = s.kick_goals[Side.HOME], s.kick_goals[Side.AWAY]
        yield _end_of_shootout(s, Score(home + 1, away))
    # After goals in the period, or at the end of a shoot-out, only the exact score will do.
    if s.goals_since_record or running is Period.PENALTY_SHOOTOUT:
        yield PeriodEnded(match_id=s.match_id, period=running, score=score.plus(Side.AWAY))
    if score.home:
        yield PeriodEnded(match_id=s.match_id, period=running, score=score.plus(Side.HOME, -1))


@_breaks(Rule.AWARD_DURING_PLAY)
def _award_in_play(s: Situation) -> Iterator[Event]:
    if s.phase in (MatchPhase.IN_PLAY, MatchPhase.BREAK):
        yield MatchAwarded(match_id=s.match_id, score=Score(3, 0))


@_breaks(Rule.POSTPONED_AFTER_KICKOFF)
def _postponed_late(s: Situation) -> Iterator[Event]:
    if s.scheduled and s.phase not in (*_BEFORE_KICKOFF, MatchPhase.AWARDED):
        yield MatchPostponed(match_id=s.match_id)


def _extra_annulment_events(s: Situation) -> Iterator[tuple[Rule, Event]]:
    """Annulments of live goals outside their period break the rule of the phase."""
    for version, goal in sorted(s.goals.items()):
        if version in s.annulled:
            continue
        rule = _annulment_rule(s, goal)
        if rule is not None and rule is not Rule.ANNULMENT_TOO_LATE:
            yield rule, GoalAnnulled(match_id=s.match_id, goal_version=version)


MISSING_RULES: Final = frozenset(Rule) - frozenset(_BREAKERS)
"""Rules no breaker covers (empty: every rule of the catalogue can be broken on purpose)."""


def breaking_events(
    situation: Situation, rules: Collection[Rule] | None = None
) -> list[tuple[Rule, Event]]:
    """Every labelled bad event this module knows for ``situation`` (for the given rules only,
    if given), in a fixed order."""
    wanted = _BREAKERS if rules is None else {r: _BREAKERS[r] for r in rules if r in _BREAKERS}
    found = [(rule, event) for rule, breaker in wanted.items() for event in breaker(situation)]
    found += [
        (rule, event)
        for rule, event in _extra_annulment_events(situation)
        if rules is None or rule in rules
    ]
    return found


# The match shape that makes each rule likely to be breakable somewhere along the match.
_SHAPE_FOR: Final[dict[Rule, dict[str, object]]] = {
    Rule.NOT_IN_SHOOTOUT: {"shootout": True},
    Rule.SHOOTOUT_KICK_OUT_OF_TURN: {"shootout": True},
    Rule.SHOOTOUT_ALREADY_DECIDED: {"shootout": True},
    Rule.SHOOTOUT_NOT_DECIDED: {"shootout": True},
    Rule.SHOOTOUT_NEEDS_LEVEL: {
        "shootout": False,
        "match_format": KNOCKOUT,
        "endings": (Ending.PLAYED,),
    },
    Rule.EXTRA_TIME_NEEDS_LEVEL: {
        "extra_time": False,
        "match_format": KNOCKOUT,
        "endings": (Ending.PLAYED,),
    },
    Rule.PLAYER_NOT_ON_PITCH: {"lineups": True, "endings": (Ending.PLAYED,)},
    Rule.GOAL_ALREADY_ANNULLED: {"extreme": True, "endings": (Ending.PLAYED,)},
    Rule.ANNULMENT_TOO_LATE: {"min_goals": 1, "endings": (Ending.PLAYED,)},
    Rule.PLAYER_SENT_OFF: {"extreme": True, "endings": (Ending.PLAYED,)},
    Rule.PLAYER_SUBSTITUTED: {"endings": (Ending.PLAYED,)},
    Rule.ALREADY_BOOKED: {"endings": (Ending.PLAYED,)},
    Rule.MATCH_ABANDONED: {"endings": (Ending.ABANDONED,)},
    Rule.RECORDED_SCORE_MISMATCH: {"goals": 2, "endings": (Ending.PLAYED,)},
    Rule.CLOCK_WENT_BACKWARDS: {"min_goals": 1, "endings": (Ending.PLAYED,)},
}


@st.composite
def _continuations(
    draw: st.DrawFn, rules: tuple[Rule, ...] | None, wishes: dict[str, object]
) -> InvalidContinuation:
    match_wishes = dict(wishes)
    if rules is not None and len(rules) == 1 and not wishes:
        match_wishes = {k: v for k, v in _SHAPE_FOR.get(rules[0], {}).items() if k != "min_goals"}
        if "min_goals" in _SHAPE_FOR.get(rules[0], {}):
            match_wishes["goals"] = draw(st.integers(1, 4))
    events = draw(matches(**match_wishes))  # type: ignore[arg-type]
    situation = Situation.start(events[0].match_id)
    # Every moment of the match: before the first event, after each one.
    candidates: list[tuple[int, Rule, Event]] = []
    for cut in range(len(events) + 1):
        if cut:
            situation.advance(events[cut - 1])
        candidates += [(cut, rule, bad) for rule, bad in breaking_events(situation, rules)]
    if not candidates:
        reject()
    # Draw the rule first, so that rare rules are as likely as common ones.
    by_rule: dict[Rule, list[tuple[int, Event]]] = {}
    for cut, rule, bad in candidates:
        by_rule.setdefault(rule, []).append((cut, bad))
    rule = draw(st.sampled_from([r for r in Rule if r in by_rule]))
    cut, bad = draw(st.sampled_from(by_rule[rule]))
    return InvalidContinuation(
        match_id=situation.match_id, prefix=events[:cut], event=bad, rule=rule
    )


def invalid_continuations(
    rules: Rule | Sequence[Rule] | None = None, **wishes: object
) -> st.SearchStrategy[InvalidContinuation]:
    """A valid prefix of a match and one event that breaks a rule after it, labelled with the
    rule (:class:`InvalidContinuation`).

    Args:
        rules: only bad events that break one of these rules (every rule by default). For a
            single rule, the matches are shaped so that it can be broken (a shoot-out for the
            shoot-out rules, line-ups for a player not on the pitch).
        wishes: keyword arguments of :func:`~matchevents.testing.matches` for the valid part.

    Raises:
        InvalidValueError: a rule given is not a :class:`~matchevents.rules.Rule`.
    """
    wanted: tuple[Rule, ...] | None
    if rules is None:
        wanted = None
    else:
        wanted = (rules,) if isinstance(rules, Rule) else tuple(rules)
        wrong = [r for r in wanted if not isinstance(r, Rule)]
        if wrong or not wanted:
            raise InvalidValueError(f"rules must be Rule members, got {wrong or 'none'}")
    return _continuations(wanted, wishes)
