"""Knockout ties in a list of results: second legs paired with their first legs, single knockout
matches as ties of one leg, each with its outcome under the rules its legs were played by."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from matchevents.competitions.results import ResultsState
from matchevents.competitions.rulesets import TieRules
from matchevents.competitions.ties import TieDecision, TieOutcome, TieState
from matchevents.errors import MatchEventsError
from matchevents.formats import FormatKind
from matchevents.projections import Decision, MatchResult
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import Score

__all__ = ["TieReport", "pair_ties"]


@attrs.frozen(slots=True)
class TieReport:
    """A knockout tie: its legs (one for a single match) and its outcome, if decided.

    Attributes:
        legs: the legs' results, first leg first.
        outcome: who went through and how, or None while undecided. For a tie of one match, read
            :attr:`decided_by` and :attr:`aggregate` rather than the outcome's own: the tie
            rules count a single match's score as its aggregate, which a report does not.
    """

    legs: tuple[MatchResult, ...]
    outcome: TieOutcome | None

    @property
    def teams(self) -> tuple[str, str]:
        """The first leg's home and away teams."""
        return self.legs[0].home, self.legs[0].away

    @property
    def decided_by(self) -> TieDecision | Decision | None:
        """How the tie was decided, or None while undecided. A tie of one match was decided as
        that match was (its :attr:`MatchResult.decided_by
        <matchevents.projections.MatchResult.decided_by>`: regular time, extra time, penalties or
        an award), so a final won in 90 minutes says ``regular_time``, as its result row does,
        not ``aggregate``; a two-legged tie gives its outcome's :class:`TieDecision
        <matchevents.competitions.TieDecision>`."""
        outcome = self.outcome
        if outcome is None:
            return None
        if len(self.legs) == 1:
            return self.legs[0].decided_by
        return outcome.decided_by

    @property
    def aggregate(self) -> Score | None:
        """The aggregate over both legs from the winner's view (winner's goals first), or None:
        while undecided, and always for a tie of one match, which has a score, not an
        aggregate (the match's result and ``str(report)`` give it)."""
        outcome = self.outcome
        if outcome is None or len(self.legs) == 1:
            return None
        return outcome.aggregate

    def __str__(self) -> str:
        home, away = self.teams
        outcome = self.outcome
        if outcome is not None and len(self.legs) == 1:
            return f"{home} v {away}: {_single_match_outcome(outcome)}"
        if outcome is not None:
            return f"{home} v {away}: {outcome}"
        first = self.legs[0]
        if len(self.legs) == 1 and first.format.kind is FormatKind.FIRST_LEG:
            return f"{home} v {away}: {first.score.final} after the first leg, second leg to come"
        return f"{home} v {away}: undecided"


def _single_match_outcome(outcome: TieOutcome) -> str:
    """E.g. ``Argentina win 4-2 on penalties (3-3 after extra time)``: a one-match tie has a
    score, not an aggregate."""
    after = "after extra time" if outcome.after_extra_time else "after 90 minutes"
    match outcome.decided_by:
        case TieDecision.PENALTIES:
            score = f"{outcome.aggregate} {after}"
            return f"{outcome.winner} win {outcome.penalties} on penalties ({score})"
        case TieDecision.EXTRA_TIME:
            return f"{outcome.winner} win {outcome.aggregate} after extra time"
        case TieDecision.AWARDED:
            return f"{outcome.winner} awarded the match {outcome.aggregate}"
        case _:
            return f"{outcome.winner} win {outcome.aggregate}"


def pair_ties(results: Sequence[MatchResult]) -> tuple[TieReport, ...]:
    """The ties among ``results``, in the order of their deciding matches: each knockout match
    is a tie of one leg; each second leg is paired with the first leg its teams played the other
    way round in the same competition's season, under the away-goals, extra-time and shoot-out
    rules the second leg was played by. First legs with no second leg yet follow, undecided."""
    first_legs = {
        (r.competition, r.season, r.home, r.away): r
        for r in results
        if r.format.kind is FormatKind.FIRST_LEG
    }
    paired: set[str] = set()
    ties: list[TieReport] = []
    for result in results:
        kind = result.format.kind
        if kind is FormatKind.KNOCKOUT:
            ties.append(_tie((result,), TieRules()))
        elif kind is FormatKind.SECOND_LEG:
            first = first_legs.get((result.competition, result.season, result.away, result.home))
            fmt = result.format
            tie_rules = TieRules(
                away_goals=fmt.away_goals, extra_time=fmt.extra_time, shootout=fmt.shootout
            )
            if first is None:
                continue
            paired.add(first.match_id)
            ties.append(_tie((first, result), tie_rules))
    ties += [
        TieReport((first,), None) for first in first_legs.values() if first.match_id not in paired
    ]
    return tuple(ties)


def _tie(legs: tuple[MatchResult, ...], tie_rules: TieRules) -> TieReport:
    over = tuple(leg for leg in legs if leg.decided_by is not None)
    state = TieState(
        rules=tie_rules,
        legs=tuple(leg.match_id for leg in legs),
        results=ResultsState(log=SharedLog(over)),
    )
    try:
        outcome = state.outcome
    except MatchEventsError:
        outcome = None
    return TieReport(legs, outcome)
