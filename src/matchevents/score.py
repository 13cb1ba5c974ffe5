"""Sides of a match and the score between them."""

from __future__ import annotations

import enum
from typing import Final

import attrs

from matchevents.errors import InvalidValueError


class Side(enum.Enum):
    """One of the two sides of a match, named by where the match is played."""

    HOME = "home"
    AWAY = "away"

    # Members are singletons compared by identity, so identity hashing is consistent with
    # equality, and it runs in C: sides key sets and dicts on every hot path.
    __hash__ = object.__hash__

    @property
    def opponent(self) -> Side:
        """The other side."""
        return Side.AWAY if self is Side.HOME else Side.HOME


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError(f"{attribute.name} goals must be a non-negative int, got {value!r}")


@attrs.frozen(slots=True)
class Score:
    """Goals of the home and the away side. ``Score(3, 3)`` reads "3-3"."""

    home: int = attrs.field(default=0, validator=_non_negative)
    away: int = attrs.field(default=0, validator=_non_negative)

    def of(self, side: Side) -> int:
        """The goals of one side."""
        return self.home if side is Side.HOME else self.away

    def plus(self, side: Side, goals: int = 1) -> Score:
        """This score with ``goals`` more for ``side`` (negative to take goals away)."""
        if side is Side.HOME:
            return Score(self.home + goals, self.away)
        return Score(self.home, self.away + goals)

    def __add__(self, other: Score) -> Score:
        return Score(self.home + other.home, self.away + other.away)

    def reversed(self) -> Score:
        """The same score seen from the other side: home and away swapped."""
        return Score(self.away, self.home)

    @property
    def is_level(self) -> bool:
        """True when both sides have scored the same number of goals."""
        return self.home == self.away

    @property
    def leader(self) -> Side | None:
        """The side ahead, or None when level."""
        if self.home > self.away:
            return Side.HOME
        if self.away > self.home:
            return Side.AWAY
        return None

    def covers(self, other: Score) -> bool:
        """True when this score has at least as many goals per side as ``other``."""
        return self.home >= other.home and self.away >= other.away

    @classmethod
    def parse(cls, text: str) -> Score:
        """Read ``"3-0"`` (or ``"3:0"``) as a score.

        Raises:
            InvalidValueError: the text is not a score.
        """
        for sep in ("-", ":"):
            home, found, away = text.strip().partition(sep)
            if found and home.strip().isdecimal() and away.strip().isdecimal():
                return cls(int(home), int(away))
        raise InvalidValueError(f"not a score: {text!r} (expected e.g. '3-0')")

    def __str__(self) -> str:
        return f"{self.home}-{self.away}"


NIL_NIL = Score(0, 0)
"""The score before any goal."""

_SHARED: Final[dict[tuple[int, int], Score]] = {
    (home, away): Score(home, away) for home in range(16) for away in range(16)
}


def shared_score(home: int, away: int) -> Score:
    """``Score(home, away)``, one shared instance for each score of up to 15 goals a side (a
    Score is immutable): the state machine and the results fold read a score at every period
    end, and making one each time was a fifth of the fold.

    >>> shared_score(2, 1) is shared_score(2, 1)
    True
    """
    score = _SHARED.get((home, away))
    return Score(home, away) if score is None else score
