"""The football clock of an event-data moment, and the side an own goal counts for.

Event data times a moment by its period and the time since that period's kick-off (kloppy's
``event.period`` and ``event.timestamp``). Football writes the same moment as a minute: the
first 60 seconds of a period are its first minute (46' in the second half), and a moment past
the period's regular length is stoppage time of its last minute (47:10 into the first half is
45+3'). Both functions here are pure: they need neither kloppy nor a dataset.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from matchevents.clock import MatchClock, Period
from matchevents.errors import InvalidValueError
from matchevents.score import Side

PERIODS_OF_PLAY: Final = (
    Period.FIRST_HALF,
    Period.SECOND_HALF,
    Period.EXTRA_TIME_FIRST_HALF,
    Period.EXTRA_TIME_SECOND_HALF,
)
"""The periods whose moments have a minute on the clock (a shoot-out has none)."""


def football_clock(period: Period, elapsed: timedelta) -> MatchClock:
    """The minute on the football clock of a moment ``elapsed`` after ``period`` kicked off.

    >>> str(football_clock(Period.FIRST_HALF, timedelta(minutes=12, seconds=44)))
    "13'"
    >>> str(football_clock(Period.FIRST_HALF, timedelta(minutes=47, seconds=10)))
    "45+3'"
    >>> str(football_clock(Period.SECOND_HALF, timedelta(0)))
    "46'"
    >>> str(football_clock(Period.EXTRA_TIME_SECOND_HALF, timedelta(minutes=16)))
    "120+2'"

    Raises:
        InvalidValueError: the moment is before the kick-off of its period, in the shoot-out, or
            more stoppage time after the period's end than any match plays
            (:data:`~matchevents.clock.MAX_STOPPAGE`).
    """
    if period is Period.PENALTY_SHOOTOUT:
        raise InvalidValueError("a moment of the penalty shoot-out has no minute on the clock")
    seconds = elapsed.total_seconds()
    if seconds < 0:
        raise InvalidValueError(f"{_written(elapsed)} is before the kick-off of its period")
    minute = period.first_minute + int(seconds // 60)
    if minute <= period.last_minute:
        return MatchClock(minute)
    try:
        return MatchClock(period.last_minute, minute - period.last_minute)
    except InvalidValueError:
        raise InvalidValueError(
            f"{_written(elapsed)} into the {period.name.lower().replace('_', ' ')} is "
            f"{minute - period.last_minute} minutes after its end: more stoppage time than any "
            "match plays"
        ) from None


def benefiting_side(team_side: Side, *, own_goal: bool) -> Side:
    """The side a goal counts for, from the side of the team whose player put the ball in: that
    team for a goal, the other one for an own goal.

    >>> benefiting_side(Side.HOME, own_goal=True)
    <Side.AWAY: 'away'>
    """
    return team_side.opponent if own_goal else team_side


def _written(elapsed: timedelta) -> str:
    """``elapsed`` as minutes and seconds, ``"-0:03"`` or ``"47:10"``."""
    seconds = int(elapsed.total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"
