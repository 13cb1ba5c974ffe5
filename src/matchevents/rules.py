"""The rules of the match state machine, named, and the shoot-out arithmetic they rely on.

Every rejection by a :class:`~matchevents.timeline.Timeline` names one :class:`Rule`, so that code
can react to the kind of mistake (``err.rule is Rule.CLOCK_WENT_BACKWARDS``) without parsing text.
"""

from __future__ import annotations

import enum
from typing import Final

from matchevents.score import Side


class Rule(enum.Enum):
    """A rule an event can break. The value is a stable, greppable identifier."""

    FIRST_EVENT_MUST_BE_SCHEDULE = "first-event-must-be-schedule"
    """A timeline starts with ``MatchScheduled`` and only one."""
    ALREADY_SCHEDULED = "already-scheduled"
    """A match is scheduled once; a new date is a ``MatchPostponed`` with a new kick-off."""
    WRONG_MATCH = "wrong-match"
    """The event names another match than the timeline's."""
    NOT_A_MATCH_EVENT = "not-a-match-event"
    """Only events of the catalogue (``matchevents.events``) can be appended to a timeline."""
    INVALID_LINEUP = "invalid-lineup"
    """A line-up names a player twice, or has no starters or more than eleven."""
    LINEUP_AFTER_KICKOFF = "lineup-after-kickoff"
    """Line-ups are announced before kick-off."""
    NOT_STARTED = "match-not-started"
    """Play-related events need the match to have kicked off (a match that never started is
    postponed or awarded, not abandoned)."""
    OUTSIDE_RUNNING_PERIOD = "outside-running-period"
    """Goals, cards and substitutions happen while a period is being played, not in a break."""
    NOT_IN_SHOOTOUT = "not-in-shootout"
    """Goals and substitutions have no place in a penalty shoot-out."""
    PERIOD_OUT_OF_ORDER = "period-out-of-order"
    """Periods start and end in order: first half, second half, extra time, shoot-out."""
    EXTRA_TIME_NOT_IN_FORMAT = "extra-time-not-in-format"
    """Only a knockout match or a second leg can go to extra time, if its format says so."""
    EXTRA_TIME_NEEDS_LEVEL = "extra-time-needs-level"
    """Extra time is played only when the match (or the tie, for a second leg) is level."""
    SHOOTOUT_NOT_IN_FORMAT = "shootout-not-in-format"
    """Only a knockout match or a second leg can have a shoot-out, if its format says so."""
    SHOOTOUT_NEEDS_LEVEL = "shootout-needs-level"
    """A shoot-out is held only when extra time (or normal time, without extra time) left the
    match or tie level."""
    KICK_OUTSIDE_SHOOTOUT = "kick-outside-shootout"
    """Shoot-out kicks are taken during the shoot-out."""
    SHOOTOUT_KICK_OUT_OF_TURN = "shootout-kick-out-of-turn"
    """Sides kick alternately, starting with the side that kicks first."""
    SHOOTOUT_ALREADY_DECIDED = "shootout-already-decided"
    """No kick is taken once one side cannot be caught; so a shoot-out recorded by its score
    alone cannot have run past its decision (5-0 is decided at 3-0, and sudden death ends one
    goal apart: never 7-5)."""
    SHOOTOUT_NOT_DECIDED = "shootout-not-decided"
    """A shoot-out ends only when it is decided: best of five kicks each, then sudden death. A
    shoot-out recorded by its score alone is decided by it (never level, such as 3-3)."""
    CLOCK_OUTSIDE_PERIOD = "clock-outside-period"
    """An event's minute must lie in the period being played (46 is not in the first half)."""
    CLOCK_WENT_BACKWARDS = "clock-went-backwards"
    """Minutes never go backwards within a period."""
    MATCH_OVER = "match-over"
    """Nothing follows the end of a match but a decision that awards it."""
    MATCH_ABANDONED = "match-abandoned"
    """Nothing follows an abandonment but a decision that awards the match."""
    PLAYER_SENT_OFF = "player-sent-off"
    """A player sent off takes no further part."""
    PLAYER_SUBSTITUTED = "player-substituted"
    """A player substituted off takes no further part on the pitch."""
    PLAYER_NOT_ON_PITCH = "player-not-on-pitch"
    """With line-ups known: a player coming off, scoring or kicking must be on the pitch."""
    PLAYER_NOT_AVAILABLE = "player-not-available"
    """With line-ups known: a player coming on must be an unused substitute."""
    SECOND_YELLOW_WITHOUT_YELLOW = "second-yellow-without-yellow"
    """A second yellow needs a first one."""
    ALREADY_BOOKED = "already-booked"
    """A player already booked who is cautioned again gets a second yellow, not a yellow."""
    ANNULLED_EVENT_NOT_A_GOAL = "annulled-event-not-a-goal"
    """An annulment names the version of an existing goal of this match."""
    GOAL_ALREADY_ANNULLED = "goal-already-annulled"
    """A goal is annulled once."""
    ANNULMENT_TOO_LATE = "annulment-too-late"
    """A goal is annulled while the period it was scored in is still being played; a later
    change would rewrite a period (and a decision on extra time) already settled."""
    RECORDED_SCORE_MISMATCH = "recorded-score-mismatch"
    """A recorded score must agree with the goals the timeline knows of, and a recorded
    shoot-out score with the shoot-out kicks it knows of."""
    AWARD_DURING_PLAY = "award-during-play"
    """A match in play is abandoned first, then awarded."""
    POSTPONED_AFTER_KICKOFF = "postponed-after-kickoff"
    """A match that has kicked off is abandoned, not postponed."""


SHOOTOUT_ROUNDS: Final = 5
"""Kicks each side takes before sudden death."""


def shootout_winner(kicks: tuple[int, int], goals: tuple[int, int]) -> Side | None:
    """The side that has won a shoot-out, or None while it is undecided.

    ``kicks`` and ``goals`` are (home, away) counts. In the first five rounds a side wins as soon as
    the other cannot catch it with the kicks it has left; after that, in sudden death, a round
    decides when both sides have kicked and only one has scored.
    """
    home_kicks, away_kicks = kicks
    home_goals, away_goals = goals
    if home_kicks <= SHOOTOUT_ROUNDS and away_kicks <= SHOOTOUT_ROUNDS:
        if home_goals > away_goals + SHOOTOUT_ROUNDS - away_kicks:
            return Side.HOME
        if away_goals > home_goals + SHOOTOUT_ROUNDS - home_kicks:
            return Side.AWAY
        return None
    if home_kicks == away_kicks and home_goals != away_goals:
        return Side.HOME if home_goals > away_goals else Side.AWAY
    return None


def shootout_can_end_on(goals: tuple[int, int]) -> bool:
    """Whether a shoot-out can end with ``goals`` (home, away) kicks scored: the check for a
    shoot-out recorded by its score alone, whose kicks are unknown.

    It can end only once decided (never level), and it ends as soon as it is: within the first
    five rounds the moment one side cannot be caught, so the winner is at most three ahead and
    the more it leads by, the fewer it can have scored (3-0, 4-1 and 4-2 are possible, 4-0, 5-2
    and 5-0 are decided earlier); after five rounds, in sudden death, one goal apart (5-4, 6-5,
    but never 7-5).

    >>> shootout_can_end_on((4, 2)), shootout_can_end_on((3, 3)), shootout_can_end_on((5, 0))
    (True, False, False)
    """
    home, away = goals
    winner, loser = (home, away) if home > away else (away, home)
    if winner == loser:
        return False
    if winner == loser + 1:
        return True  # the last kick of a round, in the first five or in sudden death
    # Decided within the first five rounds, by a goal of the winner or a failure of the loser:
    # a lead of d is out of reach only with fewer than d kicks left to the loser, which leaves
    # the winner at most SHOOTOUT_ROUNDS + 2 - d kicks (and goals).
    return winner + (winner - loser) <= SHOOTOUT_ROUNDS + 2
