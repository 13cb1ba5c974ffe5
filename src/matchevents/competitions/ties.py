"""Knockout ties: two legs (or one match, for a final), the aggregate, what the trailing side needs,
and who went through and how.

The tie follows its :class:`~matchevents.competitions.rulesets.TieRules`, and decides a second leg
through the very :class:`~matchevents.formats.MatchFormat` the rules give that leg
(:meth:`TieRules.second_leg_format <matchevents.competitions.rulesets.TieRules.second_leg_format>`),
so the tie and the second leg's timeline never disagree on extra time or the shoot-out.

>>> from matchevents import Score
>>> from matchevents.competitions import UEFA_KNOCKOUT_FROM_2021, second_leg_needs
>>> needs = second_leg_needs(UEFA_KNOCKOUT_FROM_2021, "Liverpool", "Atalanta", Score(0, 3),
...                          team="Liverpool")
>>> print(needs)
Liverpool need 3 goals to force extra time, 4 to win in normal time
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from matchevents.competitions.results import ResultsProjection, ResultsState, goals_of
from matchevents.competitions.rulesets import TieRules
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import CompetitionDataError, InvalidValueError
from matchevents.events import Event
from matchevents.projections.outcome import MatchResult
from matchevents.score import Score, Side

_MOST_GOALS_CONSIDERED = 30


class TieDecision(enum.Enum):
    """How a tie was decided."""

    AGGREGATE = "aggregate"
    """More goals over the legs (or in the single match) in normal time."""
    AWAY_GOALS = "away_goals"
    """Level on aggregate, more goals away from home (see :attr:`TieOutcome.after_extra_time`)."""
    EXTRA_TIME = "extra_time"
    """More goals on aggregate after extra time."""
    PENALTIES = "penalties"
    """A penalty shoot-out."""
    AWARDED = "awarded"
    """An authority decided a leg's result."""


@attrs.frozen(slots=True, kw_only=True)
class TieOutcome:
    """Who went through, and how.

    Attributes:
        winner: the team through.
        loser: the team out.
        decided_by: aggregate, away goals, extra time, penalties or an award.
        aggregate: the aggregate from the winner's view (winner's goals first).
        after_extra_time: True where extra time was played.
        penalties: the shoot-out from the winner's view, where there was one.
    """

    winner: str
    loser: str
    decided_by: TieDecision
    aggregate: Score
    after_extra_time: bool = False
    penalties: Score | None = None

    def __str__(self) -> str:
        how = {
            TieDecision.AGGREGATE: f"{self.aggregate} on aggregate",
            TieDecision.AWAY_GOALS: f"on away goals ({self.aggregate} on aggregate"
            + (", after extra time)" if self.after_extra_time else ")"),
            TieDecision.EXTRA_TIME: f"{self.aggregate} on aggregate after extra time",
            TieDecision.PENALTIES: f"{self.penalties} on penalties ({self.aggregate} on aggregate)",
            TieDecision.AWARDED: f"{self.aggregate} on aggregate (awarded)",
        }[self.decided_by]
        return f"{self.winner} through {how}"


@attrs.frozen(slots=True, kw_only=True)
class SecondLegNeeds:
    """What ``team`` must score in the second leg, if the opponent scores ``conceding``.

    Attributes:
        team: whose needs.
        conceding: goals the opponent is assumed to score in the second leg.
        to_force_extra_time: goals that leave the tie level after 90 minutes (extra time, or
            penalties without it); None where no number of goals does (the away goals rule
            breaks the level) or the team would win anyway.
        to_win: the fewest goals that win the tie in normal time.
        extra_time: whether a level tie goes to extra time (else straight to penalties).
    """

    team: str
    conceding: int
    to_force_extra_time: int | None
    to_win: int
    extra_time: bool = True

    def __str__(self) -> str:
        what = "extra time" if self.extra_time else "penalties"
        if self.to_win == 0:
            return f"{self.team} go through without scoring, if they concede {self.conceding}"
        goals = "goal" if self.to_win == 1 else "goals"
        if self.to_force_extra_time is None:
            return f"{self.team} need {self.to_win} {goals} to win in normal time"
        level = "goal" if self.to_force_extra_time == 1 else "goals"
        return (
            f"{self.team} need {self.to_force_extra_time} {level} to force {what}, "
            f"{self.to_win} to win in normal time"
        )


def second_leg_needs(
    rules: TieRules,
    first_leg_home: str,
    first_leg_away: str,
    first_leg: Score,
    *,
    team: str,
    conceding: int = 0,
) -> SecondLegNeeds:
    """What ``team`` needs in the second leg after ``first_leg`` (written as that match was: its
    home side first), if the opponent scores ``conceding`` goals.

    Raises:
        CompetitionDataError: ``team`` is not in the tie.
        InvalidValueError: ``conceding`` is negative.
    """
    if type(conceding) is not int or conceding < 0:
        raise InvalidValueError(f"conceding is a number of goals, 0 or more; got {conceding!r}")
    if team not in (first_leg_home, first_leg_away):
        raise CompetitionDataError(
            f"{team!r} is not in the tie {first_leg_home!r} v {first_leg_away!r}"
        )
    second_leg = rules.second_leg_format(first_leg)
    # In the second leg, the first leg's away side plays at home.
    side = Side.HOME if team == first_leg_away else Side.AWAY
    to_win: int | None = None
    to_level: int | None = None
    for goals in range(_MOST_GOALS_CONSIDERED + conceding + first_leg.home + first_leg.away):
        score = Score(goals, conceding) if side is Side.HOME else Score(conceding, goals)
        decided = second_leg.decided_by(score, after_extra_time=False)
        if decided is side:
            to_win = goals
            break
        if decided is None and to_level is None:
            to_level = goals
    assert to_win is not None
    return SecondLegNeeds(
        team=team,
        conceding=conceding,
        to_force_extra_time=to_level,
        to_win=to_win,
        extra_time=rules.extra_time,
    )


@attrs.frozen(slots=True, kw_only=True)
class TieState:
    """A tie's legs so far and what follows from them.

    Attributes:
        rules: how the tie is decided.
        legs: the match ids of the legs, in order (one for a single-match tie).
        results: the legs' results as folded so far.
    """

    rules: TieRules
    legs: tuple[str, ...]
    results: ResultsState

    def leg(self, number: int) -> MatchResult | None:
        """The result of leg ``number`` (1 or 2), or None while it is not over."""
        match_id = self.legs[number - 1]
        for result in self.results.results:
            if result.match_id == match_id:
                return result
        return None

    @property
    def teams(self) -> tuple[str, str] | None:
        """The two teams (the first leg's home side first), once a leg has been scheduled."""
        first = self.leg(1)
        if first is not None:
            return first.home, first.away
        for schedule in self.results.scheduled:
            if schedule.match_id == self.legs[0]:
                return schedule.home, schedule.away
        return None

    def aggregate(self, team: str) -> tuple[int, int]:
        """``(goals for, goals against)`` of ``team`` over the legs over so far.

        Raises:
            CompetitionDataError: ``team`` did not play a leg.
        """
        scored = conceded = 0
        for number in range(1, len(self.legs) + 1):
            result = self.leg(number)
            if result is not None:
                goals_for, goals_against = goals_of(result, team)
                scored += goals_for
                conceded += goals_against
        return scored, conceded

    def away_goals(self, team: str) -> int:
        """Goals ``team`` scored away from home in the legs over so far."""
        total = 0
        for number in range(1, len(self.legs) + 1):
            result = self.leg(number)
            if result is not None and result.away == team:
                total += result.score.final.away
        return total

    def needs(self, team: str, *, conceding: int = 0) -> SecondLegNeeds:
        """What ``team`` needs in the second leg, once the first is over.

        Raises:
            CompetitionDataError: the tie has one leg, or the first leg is not over.
        """
        first = self.leg(1)
        if len(self.legs) != 2 or first is None:
            raise CompetitionDataError(
                f"tie {self.legs!r}: needs are known between the legs of a two-legged tie"
            )
        return second_leg_needs(
            self.rules, first.home, first.away, first.score.final, team=team, conceding=conceding
        )

    @property
    def outcome(self) -> TieOutcome | None:
        """Who went through and how, or None while the deciding match is not over.

        Raises:
            CompetitionDataError: the second leg is not between the first leg's teams, or its
                format disagrees with the tie's rules and the first leg's score.
        """
        if len(self.legs) == 1:
            final = self.leg(1)
            return None if final is None else _single_match(final)
        first, second = self.leg(1), self.leg(2)
        if first is None or second is None:
            return None
        return _two_legs(self.rules, first, second)


def _single_match(result: MatchResult) -> TieOutcome | None:
    winner = result.winner_team
    if winner is None:
        return None
    loser = result.away if winner == result.home else result.home
    scored, conceded = goals_of(result, winner)
    line = result.score
    penalties = line.penalties
    after_extra_time = line.after_extra_time is not None
    if line.awarded is not None:
        decided_by = TieDecision.AWARDED
    elif scored == conceded:
        decided_by = TieDecision.PENALTIES
    elif after_extra_time:
        decided_by = TieDecision.EXTRA_TIME
    else:
        decided_by = TieDecision.AGGREGATE
    return TieOutcome(
        winner=winner,
        loser=loser,
        decided_by=decided_by,
        aggregate=Score(scored, conceded),
        after_extra_time=after_extra_time,
        penalties=None
        if penalties is None
        else (penalties if winner == result.home else penalties.reversed()),
    )


def _two_legs(rules: TieRules, first: MatchResult, second: MatchResult) -> TieOutcome | None:
    if (second.home, second.away) != (first.away, first.home):
        raise CompetitionDataError(
            f"second leg {second.match_id!r} ({second.home} v {second.away}) is not the return "
            f"of first leg {first.match_id!r} ({first.home} v {first.away})"
        )
    expected = rules.second_leg_format(first.score.final)
    if second.format != expected:
        raise CompetitionDataError(
            f"second leg {second.match_id!r} was played under {second.format}, but the tie's "
            f"rules after a first leg of {first.score.final} give {expected}"
        )
    side = second.tie_winner  # decided by the leg's format, as its timeline decided it
    if side is None:
        return None
    line = second.score
    after_extra_time = line.after_extra_time is not None
    aggregate = expected.aggregate(line.final)
    penalties = line.penalties
    if first.score.awarded is not None or line.awarded is not None:
        decided_by = TieDecision.AWARDED
    elif aggregate.leader is side:
        decided_by = TieDecision.EXTRA_TIME if after_extra_time else TieDecision.AGGREGATE
    elif penalties is None:
        decided_by = TieDecision.AWAY_GOALS
    else:
        decided_by = TieDecision.PENALTIES
    return TieOutcome(
        winner=second.team(side),
        loser=second.team(side.opponent),
        decided_by=decided_by,
        aggregate=Score(aggregate.of(side), aggregate.of(side.opponent)),
        after_extra_time=after_extra_time,
        penalties=None
        if penalties is None
        else Score(penalties.of(side), penalties.of(side.opponent)),
    )


def _match_ids(legs: Iterable[str]) -> tuple[str, ...]:
    return tuple(legs)


@attrs.frozen(slots=True)
class Tie:
    """A knockout tie as a projection: fold the legs' events (others are skipped), read
    :attr:`TieState.outcome`, :meth:`TieState.aggregate` and :meth:`TieState.needs`.

    Args:
        rules: how the tie is decided.
        legs: the legs' match ids in order; one id for a single-match tie such as a final.
    """

    rules: TieRules
    legs: tuple[str, ...] = attrs.field(converter=_match_ids)
    _results: ResultsProjection = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        if len(self.legs) not in (1, 2) or len(set(self.legs)) != len(self.legs):
            raise CompetitionDataError(f"a tie has one match or two legs, got {self.legs!r}")
        object.__setattr__(self, "_results", ResultsProjection(match_ids=self.legs))

    def initial(self) -> TieState:
        """No leg played."""
        return TieState(rules=self.rules, legs=self.legs, results=self._results.initial())

    def apply(self, state: TieState, event: Event | PointsDeduction) -> TieState:
        """The state after ``event``."""
        results = self._results.apply(state.results, event)
        return state if results is state.results else attrs.evolve(state, results=results)

    def apply_all(self, state: TieState, events: Iterable[Event | PointsDeduction]) -> TieState:
        """Fold many events at once."""
        return attrs.evolve(state, results=self._results.apply_all(state.results, events))
