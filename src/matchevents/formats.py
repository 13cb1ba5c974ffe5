"""Match formats: which periods a match may have, and when a tie is still level.

The format travels in the match's schedule, so that the timeline knows, without looking anything
up, whether a level score after 90 minutes means full-time, extra time or a shoot-out.
"""

from __future__ import annotations

import enum

import attrs

from matchevents.clock import Period
from matchevents.errors import InvalidValueError
from matchevents.score import Score, Side


class FormatKind(enum.Enum):
    """What kind of match this is."""

    LEAGUE = "league"
    """A match that may end in a draw: league, group stage, league phase, friendly."""
    KNOCKOUT = "knockout"
    """A single match that must produce a winner (a final, a one-off cup tie)."""
    FIRST_LEG = "first_leg"
    """The first match of a two-legged tie: may end level, never goes to extra time."""
    SECOND_LEG = "second_leg"
    """The second match of a two-legged tie: decided on aggregate under the tie's rules."""


class AwayGoals(enum.Enum):
    """Whether away goals break a level aggregate in a two-legged tie."""

    NOT_APPLIED = "not_applied"
    """No away goals rule (UEFA club competitions from 2021-22)."""
    NORMAL_TIME_ONLY = "normal_time_only"
    """Away goals count after 90 minutes of the second leg, but not in extra time."""
    INCLUDING_EXTRA_TIME = "including_extra_time"
    """Away goals count, also those scored in extra time (UEFA club competitions until 2020-21)."""


_NEXT_PERIOD = {
    Period.FIRST_HALF: Period.SECOND_HALF,
    Period.EXTRA_TIME_FIRST_HALF: Period.EXTRA_TIME_SECOND_HALF,
}


@attrs.frozen(slots=True)
class MatchFormat:
    """The format of one match: its kind, whether extra time and a shoot-out can follow a level
    score, and for a second leg the first leg's result and the away goals rule.

    Build one with the constructors :meth:`league`, :meth:`knockout`, :meth:`first_leg_of_tie`
    and :meth:`second_leg_of_tie`; they check that the combination makes sense.

    Attributes:
        kind: league match, single knockout match, or a leg of a two-legged tie.
        extra_time: whether a level score after 90 minutes leads to extra time.
        shootout: whether a level score after extra time (or after 90 minutes, without extra
            time) leads to a penalty shoot-out.
        first_leg: for a second leg, the first leg's final score as that match was written
            (its home side is this match's away side).
        away_goals: for a second leg, whether away goals break a level aggregate.

    Raises:
        InvalidValueError: a field has the wrong type, or the combination makes no sense (extra
            time in a league match, a second leg without the first leg's score, ...).
    """

    kind: FormatKind
    extra_time: bool = False
    shootout: bool = False
    first_leg: Score | None = None
    away_goals: AwayGoals = AwayGoals.NOT_APPLIED

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, FormatKind):
            raise InvalidValueError(f"kind must be a FormatKind, got {self.kind!r}")
        if type(self.extra_time) is not bool or type(self.shootout) is not bool:
            raise InvalidValueError(
                f"extra_time and shootout must be bools, got {self.extra_time!r} and "
                f"{self.shootout!r}"
            )
        if self.first_leg is not None and not isinstance(self.first_leg, Score):
            raise InvalidValueError(f"first_leg must be a Score, got {self.first_leg!r}")
        if not isinstance(self.away_goals, AwayGoals):
            raise InvalidValueError(f"away_goals must be an AwayGoals, got {self.away_goals!r}")
        decides = self.kind in (FormatKind.KNOCKOUT, FormatKind.SECOND_LEG)
        if not decides and (self.extra_time or self.shootout):
            raise InvalidValueError(
                f"a {self.kind.value} match has no extra time or shoot-out; "
                "use a knockout match or a second leg"
            )
        if (self.kind is FormatKind.SECOND_LEG) != (self.first_leg is not None):
            raise InvalidValueError("a second leg, and only a second leg, carries the first leg")
        if self.kind is not FormatKind.SECOND_LEG and self.away_goals is not AwayGoals.NOT_APPLIED:
            raise InvalidValueError("the away goals rule applies only to a second leg")

    @classmethod
    def league(cls) -> MatchFormat:
        """A match that may end in a draw."""
        return LEAGUE

    @classmethod
    def knockout(cls, *, extra_time: bool = True, shootout: bool = True) -> MatchFormat:
        """A single match that must be won: extra time then penalties, unless told otherwise."""
        return cls(FormatKind.KNOCKOUT, extra_time=extra_time, shootout=shootout)

    @classmethod
    def first_leg_of_tie(cls) -> MatchFormat:
        """The first leg of a two-legged tie."""
        return FIRST_LEG

    @classmethod
    def second_leg_of_tie(
        cls,
        first_leg: Score,
        *,
        away_goals: AwayGoals = AwayGoals.NOT_APPLIED,
        extra_time: bool = True,
        shootout: bool = True,
    ) -> MatchFormat:
        """The second leg of a tie whose first leg ended ``first_leg`` (written as that match
        was: its home side first)."""
        return cls(
            FormatKind.SECOND_LEG,
            extra_time=extra_time,
            shootout=shootout,
            first_leg=first_leg,
            away_goals=away_goals,
        )

    @property
    def leg(self) -> int | None:
        """1 or 2 for a leg of a two-legged tie, None otherwise."""
        if self.kind is FormatKind.FIRST_LEG:
            return 1
        if self.kind is FormatKind.SECOND_LEG:
            return 2
        return None

    @property
    def must_have_winner(self) -> bool:
        """True for a knockout match or a second leg: the match (or tie) cannot end level."""
        return self.kind in (FormatKind.KNOCKOUT, FormatKind.SECOND_LEG)

    def aggregate(self, score: Score) -> Score:
        """The tie's aggregate from this match's home and away sides' view.

        For anything but a second leg, the aggregate is the match's own score.
        """
        first = self.first_leg
        if first is None:
            return score
        return Score(score.home + first.away, score.away + first.home)

    def away_goals_count(self, after_extra_time: bool) -> bool:
        """Whether the away goals rule breaks a level aggregate at this stage of a second leg."""
        rule = self.away_goals
        if rule is AwayGoals.NOT_APPLIED:
            return False
        return rule is AwayGoals.INCLUDING_EXTRA_TIME or not after_extra_time

    def away_goals_of(self, score: Score) -> Score:
        """Goals each side of this match scored away from home over the tie (second legs only).

        This match's home side played away in the first leg; its away side plays away now.
        """
        first = self.first_leg
        if first is None:
            raise InvalidValueError("away goals exist only in a second leg")
        return Score(first.away, score.away)

    def decided_by(self, score: Score, *, after_extra_time: bool) -> Side | None:
        """The side that wins the match or tie on this score under the format's rules, or None
        while it is level (or for a league match or first leg that ends level).

        The score is this match's score, after 90 minutes or after extra time.
        """
        leader = self.aggregate(score).leader
        if leader is not None or not self.away_goals_count(after_extra_time):
            return leader
        return self.away_goals_of(score).leader

    def period_after(self, period: Period, score: Score) -> Period | None:
        """The period that must follow ``period`` ending on ``score``, or None when the match is
        over. This is the whole of the format's say in the match's state machine."""
        following = _NEXT_PERIOD.get(period)
        if following is not None:
            return following
        if period is Period.PENALTY_SHOOTOUT or not self.must_have_winner:
            return None
        after_extra_time = period is Period.EXTRA_TIME_SECOND_HALF
        if self.decided_by(score, after_extra_time=after_extra_time) is not None:
            return None
        if not after_extra_time and self.extra_time:
            return Period.EXTRA_TIME_FIRST_HALF
        if self.shootout:
            return Period.PENALTY_SHOOTOUT
        return None


LEAGUE = MatchFormat(FormatKind.LEAGUE)
"""A match that may end in a draw."""
FIRST_LEG = MatchFormat(FormatKind.FIRST_LEG)
"""The first leg of a two-legged tie."""
KNOCKOUT = MatchFormat(FormatKind.KNOCKOUT, extra_time=True, shootout=True)
"""A single match decided by extra time and then penalties if level."""
