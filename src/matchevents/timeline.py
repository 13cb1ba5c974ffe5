"""A match's timeline: its append-only event stream, guarded by the match's state machine.

``Timeline.append`` validates an event against everything that happened before, and either stores
it and returns its version (1 for the first event) or raises :class:`RuleViolation` and leaves the
timeline exactly as it was. Appending costs O(1) however long the timeline is: the validator keeps
a small running state (phase, period, score, players booked, sent off or substituted, shoot-out
count) instead of looking back over the stream.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final, overload

from matchevents.clock import _PERIOD_OF_MINUTE, MatchClock, Period
from matchevents.errors import ConcurrencyError, InvalidValueError, ListenerError, RuleViolation
from matchevents.events import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.rules import Rule, shootout_can_end_on, shootout_winner
from matchevents.score import Score, Side, shared_score

Listener = Callable[[Event, int], None]
"""Called with each event accepted by a timeline and its version (see
:meth:`Timeline.subscribe`)."""


class MatchPhase(enum.Enum):
    """Where a match stands, as far as the state machine is concerned."""

    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    IN_PLAY = "in_play"
    """A period (possibly the shoot-out) is being played; see ``Timeline.period``."""
    BREAK = "break"
    """Between two periods: half-time, before extra time, before the shoot-out."""
    FINISHED = "finished"
    ABANDONED = "abandoned"
    AWARDED = "awarded"

    @property
    def described(self) -> str:
        """The phase in words, as a clause: ``"the match has not kicked off"``, ``"the match
        was abandoned"``; error messages use it (a break is named more precisely where the
        next period is known, e.g. ``"it is half-time"``)."""
        return _PHASE_WORDS[self]


_PHASE_WORDS: Final = {
    MatchPhase.SCHEDULED: "the match has not kicked off",
    MatchPhase.POSTPONED: "the match is postponed",
    MatchPhase.IN_PLAY: "a period is being played",
    MatchPhase.BREAK: "the match is between two periods",
    MatchPhase.FINISHED: "the match is over",
    MatchPhase.ABANDONED: "the match was abandoned",
    MatchPhase.AWARDED: "the match was awarded",
}
_BREAK_WORDS: Final = {
    Period.SECOND_HALF: "it is half-time",
    Period.EXTRA_TIME_FIRST_HALF: "it is the break before extra time",
    Period.EXTRA_TIME_SECOND_HALF: "it is the break between the halves of extra time",
    Period.PENALTY_SHOOTOUT: "it is the break before the penalty shoot-out",
}

_NOT_PLAYING_RULE: Final = {
    MatchPhase.SCHEDULED: Rule.NOT_STARTED,
    MatchPhase.POSTPONED: Rule.NOT_STARTED,
    MatchPhase.BREAK: Rule.OUTSIDE_RUNNING_PERIOD,
    MatchPhase.FINISHED: Rule.MATCH_OVER,
    MatchPhase.AWARDED: Rule.MATCH_OVER,
    MatchPhase.ABANDONED: Rule.MATCH_ABANDONED,
}
_BEFORE_KICKOFF: Final = frozenset({MatchPhase.SCHEDULED, MatchPhase.POSTPONED})
_OVER: Final = frozenset({MatchPhase.FINISHED, MatchPhase.ABANDONED, MatchPhase.AWARDED})
_IN_PLAY: Final = MatchPhase.IN_PLAY
_HOME: Final = Side.HOME
_SHOOTOUT: Final = Period.PENALTY_SHOOTOUT
_MAX_STARTERS: Final = 11

Player = tuple[Side, str]


class _Reject(Exception):
    """Raised inside the validator; turned into a RuleViolation naming match and version."""

    def __init__(self, rule: Rule, detail: str) -> None:
        self.rule = rule
        self.detail = detail


class MatchValidator:
    """A match's state machine: the running state every append is checked against, mutated only
    after every check of an event has passed. A :class:`Timeline` keeps one beside its events;
    a replay keeps only this, a few sets and counters a match, for the matches in play."""

    __slots__ = (
        "annulled",
        "away_goals",
        "bench",
        "booked",
        "came_on",
        "first_kicker",
        "goal_periods",
        "goal_sides",
        "goals_since_record",
        "home_goals",
        "kicks",
        "last_clock",
        "last_tick",
        "match_id",
        "next_period",
        "on_pitch",
        "period",
        "phase",
        "play_period",
        "schedule",
        "sent_off",
        "shootout_goals",
        "shootout_winner",
        "subbed_off",
        "version",
    )

    def __init__(self, match_id: str) -> None:
        self.match_id = match_id
        self.version = 0
        self.schedule: MatchScheduled | None = None
        self.phase = MatchPhase.SCHEDULED
        self.period: Period | None = None
        # The last period of play (not the shoot-out): what the clock of an event shows while a
        # shoot-out is kicked, since the clock stops when play does.
        self.play_period: Period | None = None
        self.next_period: Period | None = None
        self.last_clock: MatchClock | None = None
        # The last clock as one int (minute * 100 + stoppage): the hot checks compare ints
        # instead of calling MatchClock.__lt__.
        self.last_tick = 0
        self.home_goals = 0
        self.away_goals = 0
        self.goals_since_record = False
        self.goal_periods: dict[int, Period] = {}
        self.goal_sides: dict[int, Side] = {}
        self.annulled: set[int] = set()
        self.booked: set[Player] = set()
        self.sent_off: set[Player] = set()
        self.subbed_off: set[Player] = set()
        self.came_on: set[Player] = set()  # of a side with no bench known (else: left the bench)
        self.on_pitch: dict[Side, set[str]] = {}
        self.bench: dict[Side, set[str]] = {}
        self.kicks = (0, 0)
        self.shootout_goals = (0, 0)
        self.shootout_winner: Side | None = None
        self.first_kicker: Side | None = None

    @property
    def is_over(self) -> bool:
        """True once the match is finished, abandoned or awarded."""
        return self.phase in _OVER

    def append(self, event: Event) -> int:
        """Check ``event`` and, if it passes, apply it: the new version. One dispatch on the
        event's exact type (the catalogue's types are final) to its check-and-apply.

        Raises:
            RuleViolation: the event breaks a rule; the state is unchanged.
        """
        handler = _HANDLERS.get(type(event))
        # The usual event: of the catalogue, of this match, after its schedule. The first event
        # and any other one go through _append_unusual, which says what is wrong with them.
        if handler is None or self.schedule is None or event.match_id != self.match_id:
            return self._append_unusual(event)
        try:
            handler(self, event)
        except _Reject as reject:
            raise RuleViolation(
                self.match_id, self.version + 1, reject.rule, reject.detail, event
            ) from None
        self.version = version = self.version + 1
        return version

    def _append_unusual(self, event: Event) -> int:
        """:meth:`append` for the schedule, and for an event of no catalogue type or of another
        match, each with its rule."""
        version = self.version + 1
        try:
            try:
                event_match_id = event.match_id
            except AttributeError:
                raise _Reject(
                    Rule.NOT_A_MATCH_EVENT,
                    f"{type(event).__name__} is not an event of the match catalogue",
                ) from None
            if event_match_id != self.match_id:
                raise _Reject(
                    Rule.WRONG_MATCH,
                    f"the event belongs to match {event_match_id!r}, not {self.match_id!r}",
                )
            kind = type(event)
            if self.schedule is None:
                if kind is not MatchScheduled:
                    raise _Reject(
                        Rule.FIRST_EVENT_MUST_BE_SCHEDULE,
                        f"the first event must be MatchScheduled, not {kind.__name__}",
                    )
                self.schedule = event  # type: ignore[assignment]
            else:
                handler = _HANDLERS.get(kind)
                if handler is None:  # the catalogue's types are final: anything else is not of it
                    raise _Reject(
                        Rule.NOT_A_MATCH_EVENT,
                        f"{kind.__name__} is not an event of the match catalogue",
                    )
                handler(self, event)
        except _Reject as reject:
            raise RuleViolation(self.match_id, version, reject.rule, reject.detail, event) from None
        self.version = version
        return version

    def copy(self) -> MatchValidator:
        other = type(self).__new__(type(self))
        for name in MatchValidator.__slots__:
            value = getattr(self, name)
            if isinstance(value, set | dict):
                value = value.copy()
            setattr(other, name, value)
        # The line-up sets are nested: copy them one level deeper.
        other.on_pitch = {side: names.copy() for side, names in self.on_pitch.items()}
        other.bench = {side: names.copy() for side, names in self.bench.items()}
        return other

    @property
    def score(self) -> Score:
        return shared_score(self.home_goals, self.away_goals)

    def add_goal(self, side: Side, goals: int) -> None:
        if side is Side.HOME:
            self.home_goals += goals
        else:
            self.away_goals += goals

    # -- checks shared by several events ---------------------------------------------------

    def described_phase(self) -> str:
        """Where the match stands, in words; a break is named by the period that follows it."""
        if self.phase is MatchPhase.BREAK and self.next_period in _BREAK_WORDS:
            return _BREAK_WORDS[self.next_period]
        return self.phase.described

    def require_play(self) -> Period:
        """The running period, or a rejection naming why nothing can happen now."""
        if self.phase is not MatchPhase.IN_PLAY:
            rule = _NOT_PLAYING_RULE[self.phase]
            raise _Reject(rule, f"no period is being played ({self.described_phase()})")
        assert self.period is not None
        return self.period

    def require_clock(self, at: MatchClock, period: Period) -> None:
        """``at`` lies in ``period`` (during the shoot-out: in the last period of play, when the
        clock stopped) and not before the last minute seen."""
        if period is Period.PENALTY_SHOOTOUT:
            play = self.play_period
            if play is not None and at.period is not play:
                raise _Reject(
                    Rule.CLOCK_OUTSIDE_PERIOD,
                    f"minute {at} lies in the {_name(at.period)}, but the clock stopped in the "
                    f"{_name(play)} when the shoot-out began",
                )
        elif at.period is not period:
            doing = "is being played" if self.phase is MatchPhase.IN_PLAY else "was played last"
            raise _Reject(
                Rule.CLOCK_OUTSIDE_PERIOD,
                f"minute {at} lies in the {_name(at.period)}, but the {_name(period)} {doing}",
            )
        last = self.last_clock
        if last is not None and at < last:
            raise _Reject(
                Rule.CLOCK_WENT_BACKWARDS, f"minute {at} comes before minute {last} already seen"
            )

    def require_on_pitch(self, side: Side, player: str | None, role: str) -> None:
        if player is None:
            return
        on_pitch = self.on_pitch.get(side)
        if on_pitch is not None and player in on_pitch:
            return  # the pitch is exact: no one sent off or substituted is on it
        key = (side, player)
        if key in self.sent_off:
            raise _Reject(Rule.PLAYER_SENT_OFF, f"{role} {player!r} ({side.value}) was sent off")
        if key in self.subbed_off:
            raise _Reject(
                Rule.PLAYER_SUBSTITUTED, f"{role} {player!r} ({side.value}) was substituted off"
            )
        if on_pitch is not None:
            raise _Reject(
                Rule.PLAYER_NOT_ON_PITCH, f"{role} {player!r} is not on the pitch for {side.value}"
            )

    # -- one method per event type: checks first, then changes ------------------------------

    def scheduled(self, event: MatchScheduled) -> None:
        raise _Reject(Rule.ALREADY_SCHEDULED, "the match is already scheduled")

    def lineup(self, event: LineupAnnounced) -> None:
        if self.phase not in _BEFORE_KICKOFF:
            raise _Reject(Rule.LINEUP_AFTER_KICKOFF, "line-ups are announced before kick-off")
        starting, substitutes = event.starting, event.substitutes
        if not 1 <= len(starting) <= _MAX_STARTERS:
            raise _Reject(Rule.INVALID_LINEUP, f"{len(starting)} starters (1 to 11 expected)")
        on_pitch, bench = set(starting), set(substitutes)
        if (
            len(on_pitch) != len(starting)
            or len(bench) != len(substitutes)
            or not on_pitch.isdisjoint(bench)
        ):
            raise _Reject(Rule.INVALID_LINEUP, "a player is named twice in the line-up")
        self.on_pitch[event.side] = on_pitch
        self.bench[event.side] = bench

    def period_started(self, event: PeriodStarted) -> None:
        period, phase = event.period, self.phase
        if phase in _BEFORE_KICKOFF:
            expected: Period | None = Period.FIRST_HALF
        elif phase is MatchPhase.BREAK:
            expected = self.next_period
        elif phase is MatchPhase.FINISHED:
            raise _Reject(*self._why_not_after_finish(period))
        elif phase is MatchPhase.IN_PLAY:
            assert self.period is not None
            raise _Reject(
                Rule.PERIOD_OUT_OF_ORDER,
                f"the {_name(self.period)} has not ended, so the {_name(period)} cannot start",
            )
        else:
            raise _Reject(_NOT_PLAYING_RULE[phase], self.described_phase())
        if period is not expected:
            assert expected is not None
            if (
                period is Period.EXTRA_TIME_FIRST_HALF
                and expected is Period.PENALTY_SHOOTOUT
                and self.period is Period.SECOND_HALF
            ):
                # Level after 90 minutes and straight to penalties: the format has no extra time.
                raise _Reject(
                    Rule.EXTRA_TIME_NOT_IN_FORMAT,
                    "this match has no extra time: the penalty shoot-out comes next",
                )
            raise _Reject(
                Rule.PERIOD_OUT_OF_ORDER,
                f"the {_name(expected)} comes next, not the {_name(period)}",
            )
        self.phase = MatchPhase.IN_PLAY
        if period is not Period.PENALTY_SHOOTOUT:
            self.play_period = period
        self.period = period
        self.next_period = None

    def _why_not_after_finish(self, period: Period) -> tuple[Rule, str]:
        fmt = self.schedule.format if self.schedule is not None else None
        played = self.period
        if played is None or period <= played:
            # Extra time or a shoot-out already played is not played again.
            return Rule.MATCH_OVER, "the match is over"
        if fmt is not None and period is Period.EXTRA_TIME_FIRST_HALF:
            if not fmt.extra_time:
                return Rule.EXTRA_TIME_NOT_IN_FORMAT, f"a {fmt.kind.value} match has no extra time"
            return Rule.EXTRA_TIME_NEEDS_LEVEL, f"the match was decided at {self._decision()}"
        if fmt is not None and period is Period.PENALTY_SHOOTOUT:
            if not fmt.shootout:
                return Rule.SHOOTOUT_NOT_IN_FORMAT, f"a {fmt.kind.value} match has no shoot-out"
            return Rule.SHOOTOUT_NEEDS_LEVEL, f"the match was decided at {self._decision()}"
        return Rule.MATCH_OVER, "the match is over"

    def _decision(self) -> str:
        assert self.schedule is not None
        fmt = self.schedule.format
        aggregate = fmt.aggregate(self.score)
        if aggregate == self.score:
            return f"{self.score}"
        return f"{self.score} ({aggregate} on aggregate)"

    def period_ended(self, event: PeriodEnded) -> None:
        period = event.period
        running = self.require_play()
        if period is not running:
            raise _Reject(
                Rule.PERIOD_OUT_OF_ORDER,
                f"the {_name(running)} is being played, not the {_name(period)}",
            )
        penalties = event.penalties
        recorded_winner = None
        if period is Period.PENALTY_SHOOTOUT:
            recorded_winner = self._shootout_decided(penalties)
        score = self.score
        recorded = event.score
        if recorded is not None:
            if period is Period.PENALTY_SHOOTOUT and recorded != score:
                # No goal is scored in a shoot-out: a different score is the shoot-out's own.
                raise _Reject(
                    Rule.RECORDED_SCORE_MISMATCH,
                    f"recorded score {recorded} differs from the score after play ({score}); "
                    "a shoot-out's score is its kicks, or its recorded penalties, not part of "
                    "the score",
                )
            if self.goals_since_record and recorded != score:
                raise _Reject(
                    Rule.RECORDED_SCORE_MISMATCH,
                    f"recorded score {recorded} disagrees with the goals in the timeline ({score})",
                )
            if not recorded.covers(score):
                raise _Reject(
                    Rule.RECORDED_SCORE_MISMATCH,
                    f"recorded score {recorded} is lower than the score already known ({score})",
                )
            score = recorded
        assert self.schedule is not None
        following = self.schedule.format.period_after(period, score)
        self.home_goals, self.away_goals = score.home, score.away
        self.goals_since_record = False
        if recorded_winner is not None:
            assert penalties is not None
            self.shootout_goals = (penalties.home, penalties.away)
            self.shootout_winner = recorded_winner
        if following is None:
            self.phase = MatchPhase.FINISHED
        else:
            self.phase = MatchPhase.BREAK
            self.next_period = following

    def _shootout_decided(self, penalties: Score | None) -> Side | None:
        """Check that the shoot-out can end: decided by its kicks (which then add up to a
        recorded score), or, without kicks, by a recorded score a shoot-out can end on. Returns
        the winner by the recorded score where that is what decides it (None otherwise)."""
        goals = self.shootout_goals
        if self.shootout_winner is not None:
            if penalties is not None and (penalties.home, penalties.away) != goals:
                raise _Reject(
                    Rule.RECORDED_SCORE_MISMATCH,
                    f"recorded shoot-out score {penalties} disagrees with the kicks in the "
                    f"timeline ({goals[0]}-{goals[1]})",
                )
            return None
        kicks = self.kicks
        if penalties is None or kicks != (0, 0):
            raise _Reject(
                Rule.SHOOTOUT_NOT_DECIDED,
                f"the shoot-out stands {goals[0]}-{goals[1]} after {kicks[0]}+{kicks[1]} kicks "
                "and is not decided",
            )
        winner = penalties.leader
        if winner is None:
            raise _Reject(
                Rule.SHOOTOUT_NOT_DECIDED,
                f"the shoot-out is recorded as {penalties}, level: a shoot-out ends only when "
                "it is decided",
            )
        if not shootout_can_end_on((penalties.home, penalties.away)):
            raise _Reject(
                Rule.SHOOTOUT_ALREADY_DECIDED,
                f"no shoot-out ends {penalties}: it is decided before that, and no kick is "
                "taken once one side cannot be caught",
            )
        return winner

    def goal(self, event: Goal) -> None:
        period = self.period
        if period is None or self.phase is not _IN_PLAY:
            period = self.require_play()
        if period is _SHOOTOUT:
            raise _Reject(Rule.NOT_IN_SHOOTOUT, "shoot-out kicks are ShootoutKick events")
        at = event.at
        tick = at.minute * 100 + at.stoppage
        if _PERIOD_OF_MINUTE[at.minute] is not period or tick < self.last_tick:
            self.require_clock(at, period)
        player_side = event.player_side
        self.require_on_pitch(player_side, event.scorer, "scorer")
        self.require_on_pitch(player_side, event.assist, "assist")
        self.last_clock, self.last_tick = at, tick
        version, side = self.version + 1, event.side
        if side is _HOME:
            self.home_goals += 1
        else:
            self.away_goals += 1
        self.goals_since_record = True
        self.goal_periods[version] = period
        self.goal_sides[version] = side

    def goal_annulled(self, event: GoalAnnulled) -> None:
        target = event.goal_version
        goal_period = self.goal_periods.get(target)
        if goal_period is None:
            raise _Reject(
                Rule.ANNULLED_EVENT_NOT_A_GOAL, f"version {target} is not a goal of this match"
            )
        if target in self.annulled:
            raise _Reject(Rule.GOAL_ALREADY_ANNULLED, f"the goal at version {target} is annulled")
        running = self.require_play()
        if goal_period is not running:
            raise _Reject(
                Rule.ANNULMENT_TOO_LATE,
                f"the goal at version {target} was scored in the {_name(goal_period)}, "
                f"which is over",
            )
        self.annulled.add(target)
        self.add_goal(self.goal_sides[target], -1)
        self.goals_since_record = True

    def card(self, event: Card) -> None:
        period = self.period
        if period is None or self.phase is not _IN_PLAY:
            period = self.require_play()
        at = event.at
        tick = at.minute * 100 + at.stoppage
        if _PERIOD_OF_MINUTE[at.minute] is not period or tick < self.last_tick:
            self.require_clock(at, period)  # the whole check, and its message
        key = (event.side, event.player)
        if key in self.sent_off:
            raise _Reject(Rule.PLAYER_SENT_OFF, f"{event.player!r} was already sent off")
        kind = event.kind
        booked = key in self.booked
        if kind is CardKind.SECOND_YELLOW and not booked:
            raise _Reject(
                Rule.SECOND_YELLOW_WITHOUT_YELLOW, f"{event.player!r} has not been booked before"
            )
        if kind is CardKind.YELLOW and booked:
            raise _Reject(
                Rule.ALREADY_BOOKED,
                f"{event.player!r} is already booked: a second caution is a SECOND_YELLOW",
            )
        self.last_clock, self.last_tick = at, tick
        if kind is CardKind.YELLOW:
            self.booked.add(key)
        else:
            self.sent_off.add(key)
            on_pitch, bench = self.on_pitch.get(event.side), self.bench.get(event.side)
            if on_pitch is not None:
                on_pitch.discard(event.player)
            if bench is not None:  # a substitute sent off never comes on
                bench.discard(event.player)

    def substitution(self, event: Substitution) -> None:
        period = self.period
        if period is None or self.phase is not _IN_PLAY:
            period = self.require_play()
        if period is _SHOOTOUT:
            raise _Reject(Rule.NOT_IN_SHOOTOUT, "no substitutions during a shoot-out")
        at = event.at
        tick = at.minute * 100 + at.stoppage
        if _PERIOD_OF_MINUTE[at.minute] is not period or tick < self.last_tick:
            self.require_clock(at, period)
        side, off, on = event.side, event.player_off, event.player_on
        on_pitch, bench = self.on_pitch.get(side), self.bench.get(side)
        # With line-ups known, the pitch and the bench are exact (a player leaves them when sent
        # off, substituted or brought on), so these lookups settle the usual substitution.
        if on_pitch is None or bench is None or off not in on_pitch or on not in bench:
            self._check_substitution(side, off, on, bench)
        self.last_clock, self.last_tick = at, tick
        self.subbed_off.add((side, off))
        if bench is None:
            self.came_on.add((side, on))
        else:  # leaving the bench is all a later substitution reads of who came on
            bench.discard(on)
        if on_pitch is not None:
            on_pitch.discard(off)
            on_pitch.add(on)

    def _check_substitution(self, side: Side, off: str, on: str, bench: set[str] | None) -> None:
        """Every check of a substitution's players, with the rule and words of a rejection."""
        self.require_on_pitch(side, off, "player coming off")
        key_on = (side, on)
        if on == off:
            raise _Reject(Rule.PLAYER_NOT_AVAILABLE, f"{on!r} cannot replace themselves")
        if key_on in self.sent_off:
            raise _Reject(Rule.PLAYER_SENT_OFF, f"{on!r} was sent off and cannot come on")
        if key_on in self.subbed_off:
            raise _Reject(Rule.PLAYER_SUBSTITUTED, f"{on!r} was substituted off: no re-entry")
        if key_on in self.came_on or (bench is not None and on not in bench):
            raise _Reject(
                Rule.PLAYER_NOT_AVAILABLE, f"{on!r} is not an unused substitute of {side.value}"
            )

    def shootout_kick(self, event: ShootoutKick) -> None:
        period = self.require_play() if self.phase is MatchPhase.IN_PLAY else None
        if period is not Period.PENALTY_SHOOTOUT:
            raise _Reject(Rule.KICK_OUTSIDE_SHOOTOUT, "no penalty shoot-out is being played")
        if self.shootout_winner is not None:
            raise _Reject(
                Rule.SHOOTOUT_ALREADY_DECIDED,
                f"the shoot-out is already won by {self.shootout_winner.value}",
            )
        side = event.side
        home_kicks, away_kicks = self.kicks
        if home_kicks != away_kicks:
            due = Side.HOME if home_kicks < away_kicks else Side.AWAY
            if side is not due:
                raise _Reject(
                    Rule.SHOOTOUT_KICK_OUT_OF_TURN, f"{due.value} kicks next, not {side.value}"
                )
        elif self.first_kicker is not None and side is not self.first_kicker:
            raise _Reject(
                Rule.SHOOTOUT_KICK_OUT_OF_TURN,
                f"{self.first_kicker.value} kicked first and opens each round",
            )
        self.require_on_pitch(side, event.taker, "taker")
        scored = 1 if event.scored else 0
        home_goals, away_goals = self.shootout_goals
        if side is Side.HOME:
            self.kicks = (home_kicks + 1, away_kicks)
            self.shootout_goals = (home_goals + scored, away_goals)
        else:
            self.kicks = (home_kicks, away_kicks + 1)
            self.shootout_goals = (home_goals, away_goals + scored)
        if self.first_kicker is None:
            self.first_kicker = side
        self.shootout_winner = shootout_winner(self.kicks, self.shootout_goals)

    def abandoned(self, event: MatchAbandoned) -> None:
        phase = self.phase
        if phase is not MatchPhase.IN_PLAY and phase is not MatchPhase.BREAK:
            raise _Reject(_NOT_PLAYING_RULE[phase], self.described_phase())
        at = event.at
        if at is not None:
            # In play, the minute play stopped; at a break, a minute of the period just played.
            assert self.period is not None
            self.require_clock(at, self.period)
        self.phase = MatchPhase.ABANDONED

    def awarded(self, event: MatchAwarded) -> None:
        if self.phase is MatchPhase.IN_PLAY or self.phase is MatchPhase.BREAK:
            raise _Reject(
                Rule.AWARD_DURING_PLAY, "a match in play is abandoned before it is awarded"
            )
        self.phase = MatchPhase.AWARDED
        self.home_goals, self.away_goals = event.score.home, event.score.away

    def postponed(self, event: MatchPostponed) -> None:
        phase = self.phase
        if phase not in _BEFORE_KICKOFF:
            rule = Rule.MATCH_OVER if phase is MatchPhase.AWARDED else Rule.POSTPONED_AFTER_KICKOFF
            raise _Reject(rule, self.described_phase())
        self.phase = MatchPhase.POSTPONED


def _name(period: Period) -> str:
    return period.name.lower().replace("_", " ")


class _EventsView(Sequence[Event]):
    """A read-only view of a timeline's events; costs nothing to take."""

    __slots__ = ("_events",)

    def __init__(self, events: list[Event]) -> None:
        self._events = events

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return tuple(self._events[index])
        return self._events[index]

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __repr__(self) -> str:
        return f"<{len(self._events)} events>"


class Timeline:
    """One match's append-only event stream.

    >>> from matchevents import Timeline, MatchScheduled, kick_off
    >>> timeline = Timeline("demo")
    >>> timeline.append(MatchScheduled(match_id="demo", home="A", away="B",
    ...                                competition="Friendly", season="2024"))
    1
    >>> timeline.append(kick_off("demo"))
    2

    Args:
        match_id: the id every event of this timeline must carry.
    """

    __slots__ = ("_events", "_listeners", "_state", "match_id")

    def __init__(self, match_id: str) -> None:
        if not isinstance(match_id, str) or not match_id:
            raise InvalidValueError(f"a match id is a non-empty string, got {match_id!r}")
        self.match_id = match_id
        self._events: list[Event] = []
        self._state = MatchValidator(match_id)
        # A tuple, replaced on (un)subscribing: a listener that subscribes or unsubscribes while
        # being told of an event changes who hears the next one, not who hears this one.
        self._listeners: tuple[Listener, ...] = ()

    @classmethod
    def from_events(cls, events: Iterable[Event], match_id: str | None = None) -> Timeline:
        """Build a timeline by appending ``events`` in order, validating each.

        The match id is taken from the first event unless given.

        Raises:
            RuleViolation: an event breaks a rule (naming its version).
            InvalidValueError: there are no events and no match id.
        """
        iterator = iter(events)
        if match_id is None:
            first = next(iterator, None)
            if first is None:
                raise InvalidValueError("no events, and no match id to start a timeline with")
            timeline = cls(first.match_id)
            timeline.append(first)
        else:
            timeline = cls(match_id)
        append = timeline.append
        for event in iterator:
            append(event)
        return timeline

    # -- reading ------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """The number of events in the stream: the version of the last one (0 when empty)."""
        return len(self._events)

    @property
    def events(self) -> Sequence[Event]:
        """The events in order, as a read-only view (index ``v - 1`` holds version ``v``)."""
        return _EventsView(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def event_at(self, version: int) -> Event:
        """The event with this version (1-based).

        Raises:
            IndexError: no such version.
        """
        if not 1 <= version <= len(self._events):
            raise IndexError(f"match {self.match_id!r} has no version {version}")
        return self._events[version - 1]

    @property
    def schedule(self) -> MatchScheduled | None:
        """The match's schedule: its first event, or None while the timeline is empty."""
        return self._state.schedule

    @property
    def phase(self) -> MatchPhase:
        """Where the match stands: scheduled, in play, in a break, finished …"""
        return self._state.phase

    @property
    def period(self) -> Period | None:
        """The period being played, or the last one played; None before kick-off."""
        return self._state.period

    @property
    def score(self) -> Score:
        """The score as the state machine reckons it (awarded scores included; shoot-out kicks
        not). For richer views (half-time, extra time, penalties) use the score projection."""
        return self._state.score

    @property
    def is_over(self) -> bool:
        """True once the match is finished, abandoned or awarded."""
        return self._state.phase in _OVER

    # -- writing ------------------------------------------------------------------------------

    def append(self, event: Event, *, expected_version: int | None = None) -> int:
        """Validate ``event`` and add it to the end of the stream.

        Args:
            event: the event to add.
            expected_version: if given, the version the caller believes the stream is at; the
                append fails if another writer got there first.

        Once the event is stored, every listener (see :meth:`subscribe`) is called with it, in
        the order they subscribed, even if one of them raises: the event was accepted, and a
        failing subscriber must not keep it from the others. A listener error is raised after
        that, as a :class:`~matchevents.errors.ListenerError` that says the event is stored and
        gives its version.

        Returns:
            The new version of the stream, which is the event's own version.

        Raises:
            ConcurrencyError: ``expected_version`` is not the current version.
            RuleViolation: the event breaks a rule of the match; the timeline is unchanged.
            ListenerError: the event is stored (``error.version`` is its version), but a
                listener raised; the first listener error is its ``__cause__``.
        """
        events = self._events
        if expected_version is not None and expected_version != len(events):
            raise ConcurrencyError(self.match_id, expected_version, len(events))
        version = self._state.append(event)
        events.append(event)
        if not self._listeners:
            return version
        failures: list[tuple[int, Exception]] | None = None
        for listener in self._listeners:
            try:
                listener(event, version)
            except Exception as error:
                if failures is None:
                    failures = []
                failures.append((version, error))
        if failures is not None:
            raise ListenerError(self.match_id, version, failures) from failures[0][1]
        return version

    def extend(self, events: Iterable[Event], *, expected_version: int | None = None) -> int:
        """Append several events at once: all of them are accepted, or none is.

        Once they are stored, every listener is called with each of them in turn, as
        :meth:`append` calls them, even if one raises.

        Returns:
            The new version of the stream.

        Raises:
            ConcurrencyError: ``expected_version`` is not the current version.
            RuleViolation: one of the events breaks a rule; the timeline is unchanged.
            ListenerError: every event is stored (``error.version`` is the stream's version),
                but a listener raised; ``error.failures`` says at which versions.
        """
        current = len(self._events)
        if expected_version is not None and expected_version != current:
            raise ConcurrencyError(self.match_id, expected_version, current)
        batch = list(events)
        state = self._state.copy()
        for event in batch:
            state.append(event)
        self._state = state
        self._events.extend(batch)
        failures: list[tuple[int, Exception]] = []
        for offset, event in enumerate(batch):
            version = current + offset + 1
            for listener in self._listeners:
                try:
                    listener(event, version)
                except Exception as error:
                    failures.append((version, error))
        if failures:
            raise ListenerError(self.match_id, len(self._events), failures) from failures[0][1]
        return len(self._events)

    def check(self, event: Event) -> RuleViolation | None:
        """The rule ``event`` would break if appended now, or None if it would be accepted.

        Nothing is appended.
        """
        try:
            self._state.copy().append(event)
        except RuleViolation as violation:
            return violation
        return None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event, version)`` after each event this timeline accepts from now on.

        Listeners are called in the order they subscribed, once the event is stored. One that
        raises does not stop the others: each is called, and then the append raises a
        :class:`~matchevents.errors.ListenerError` (the event stays stored). A listener that
        subscribes or unsubscribes from inside a call takes effect from the next event.

        Returns:
            A function that unsubscribes the listener.
        """
        self._listeners = (*self._listeners, listener)

        def unsubscribe() -> None:
            listeners = list(self._listeners)
            if listener in listeners:
                listeners.remove(listener)
                self._listeners = tuple(listeners)

        return unsubscribe

    def __repr__(self) -> str:
        return (
            f"Timeline({self.match_id!r}, version={len(self._events)}, "
            f"phase={self._state.phase.value})"
        )


_HANDLERS: Final[dict[type, Callable[[MatchValidator, Any], None]]] = {
    Goal: MatchValidator.goal,
    Card: MatchValidator.card,
    Substitution: MatchValidator.substitution,
    PeriodStarted: MatchValidator.period_started,
    PeriodEnded: MatchValidator.period_ended,
    GoalAnnulled: MatchValidator.goal_annulled,
    ShootoutKick: MatchValidator.shootout_kick,
    LineupAnnounced: MatchValidator.lineup,
    MatchAbandoned: MatchValidator.abandoned,
    MatchAwarded: MatchValidator.awarded,
    MatchPostponed: MatchValidator.postponed,
    MatchScheduled: MatchValidator.scheduled,
}
"""Each event type's check-and-apply, looked up by its exact type (the catalogue's types are
final), on the hot path of every append."""
