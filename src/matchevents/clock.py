"""The match clock: periods, and minutes with stoppage time as a totally ordered value.

A minute is written as football writes it: ``23`` is the 23rd minute, ``45+3`` the third minute of
stoppage time of the first half, which comes after ``45`` and before ``46``. The period is derived
from the minute (1-45 first half, 46-90 second half, 91-105 and 106-120 the halves of extra time),
so ordering by ``(minute, stoppage)`` is ordering by ``(period, minute, stoppage)``.
"""

from __future__ import annotations

import enum
import re
from typing import Final

import attrs

from matchevents.errors import InvalidValueError


class Period(enum.IntEnum):
    """A period of play, in the order periods are played."""

    FIRST_HALF = 1
    SECOND_HALF = 2
    EXTRA_TIME_FIRST_HALF = 3
    EXTRA_TIME_SECOND_HALF = 4
    PENALTY_SHOOTOUT = 5

    @property
    def first_minute(self) -> int:
        """The first regular minute of the period (1, 46, 91, 106); 121 for the shoot-out."""
        return _FIRST_MINUTE[self]

    @property
    def last_minute(self) -> int:
        """The last regular minute, after which stoppage time is added (45, 90, 105, 120)."""
        return _LAST_MINUTE[self]

    @property
    def is_extra_time(self) -> bool:
        """True for either half of extra time."""
        return self in (Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF)

    @property
    def label(self) -> str:
        """A short human label: '1H', '2H', 'ET1', 'ET2', 'PEN'."""
        return _LABEL[self]


_FIRST_MINUTE: Final = {
    Period.FIRST_HALF: 1,
    Period.SECOND_HALF: 46,
    Period.EXTRA_TIME_FIRST_HALF: 91,
    Period.EXTRA_TIME_SECOND_HALF: 106,
    Period.PENALTY_SHOOTOUT: 121,
}
_LAST_MINUTE: Final = {
    Period.FIRST_HALF: 45,
    Period.SECOND_HALF: 90,
    Period.EXTRA_TIME_FIRST_HALF: 105,
    Period.EXTRA_TIME_SECOND_HALF: 120,
    Period.PENALTY_SHOOTOUT: 120,
}
_LABEL: Final = {
    Period.FIRST_HALF: "1H",
    Period.SECOND_HALF: "2H",
    Period.EXTRA_TIME_FIRST_HALF: "ET1",
    Period.EXTRA_TIME_SECOND_HALF: "ET2",
    Period.PENALTY_SHOOTOUT: "PEN",
}

#: Longest stoppage time accepted, in minutes: far above any real match, low enough to catch typos.
MAX_STOPPAGE: Final = 30

# The period each regular minute belongs to, indexed by minute (index 0 unused).
_PERIODS_OF_PLAY: Final = (
    Period.FIRST_HALF,
    Period.SECOND_HALF,
    Period.EXTRA_TIME_FIRST_HALF,
    Period.EXTRA_TIME_SECOND_HALF,
)
_PERIOD_OF_MINUTE: Final[tuple[Period, ...]] = (
    Period.FIRST_HALF,
    *(p for p in _PERIODS_OF_PLAY for _ in range(p.first_minute, p.last_minute + 1)),
)
_STOPPAGE_ALLOWED_AT: Final = frozenset({45, 90, 105, 120})
_CLOCK_TEXT: Final = re.compile(r"\s*(\d{1,3})\s*(?:\+\s*(\d{1,2}))?\s*'?\s*")


@attrs.frozen(slots=True, order=False)
class MatchClock:
    """A moment of play: the minute, and the minute of stoppage time where there is one.

    ``MatchClock(45, 3)`` is 45+3: the third minute of stoppage time of the first half. Clocks are
    totally ordered, ``MatchClock(45) < MatchClock(45, 3) < MatchClock(46)``, and hashable.

    Raises:
        InvalidValueError: the minute is not an int from 1 to 120, the stoppage time is not an int,
            or stoppage time is given for a minute that is not the end of a period (only 45, 90,
            105 and 120 take stoppage time).
    """

    minute: int
    stoppage: int = 0

    def __attrs_post_init__(self) -> None:
        minute, stoppage = self.minute, self.stoppage
        if not (type(minute) is int and 1 <= minute <= 120):
            raise InvalidValueError(f"minute must be an int from 1 to 120, got {minute!r}")
        if type(stoppage) is not int:
            raise InvalidValueError(f"stoppage time must be an int, got {stoppage!r}")
        if stoppage and not (0 < stoppage <= MAX_STOPPAGE and minute in _STOPPAGE_ALLOWED_AT):
            raise InvalidValueError(
                f"stoppage time {stoppage!r} is not possible at minute {minute}: only 45, 90, "
                f"105 and 120 take stoppage time, of 1 to {MAX_STOPPAGE} minutes"
            )

    @property
    def period(self) -> Period:
        """The period this moment belongs to (45+3 is in the first half, 46 in the second)."""
        return _PERIOD_OF_MINUTE[self.minute]

    @classmethod
    def parse(cls, text: str) -> MatchClock:
        """Read a minute as football writes it: ``"23"``, ``"45+3"``, ``"90+7'"``.

        Raises:
            InvalidValueError: the text is not a minute.
        """
        match = _CLOCK_TEXT.fullmatch(text)
        if match is None:
            raise InvalidValueError(f"not a match minute: {text!r} (expected e.g. '23' or '45+3')")
        return cls(int(match[1]), int(match[2] or 0))

    def __str__(self) -> str:
        return f"{self.minute}+{self.stoppage}'" if self.stoppage else f"{self.minute}'"

    # Hand-written ordering: attrs' generated one builds tuples through a helper on every
    # comparison, and the timeline compares clocks on every goal, card and substitution.
    def __lt__(self, other: MatchClock) -> bool:
        if type(other) is not MatchClock:
            return NotImplemented
        return self.minute < other.minute or (
            self.minute == other.minute and self.stoppage < other.stoppage
        )

    def __le__(self, other: MatchClock) -> bool:
        if type(other) is not MatchClock:
            return NotImplemented
        return self.minute < other.minute or (
            self.minute == other.minute and self.stoppage <= other.stoppage
        )

    def __gt__(self, other: MatchClock) -> bool:
        if type(other) is not MatchClock:
            return NotImplemented
        return other < self

    def __ge__(self, other: MatchClock) -> bool:
        if type(other) is not MatchClock:
            return NotImplemented
        return other <= self


def clock(minute: int, stoppage: int = 0) -> MatchClock:
    """Shorthand for ``MatchClock(minute, stoppage)``."""
    return MatchClock(minute, stoppage)
