"""League tables: standings after any match day or date, ordered by the competition's rules.

:class:`LeagueTable` is a projection over the events of one competition's season (points
deductions included); :meth:`LeagueTable.standings` reads the table from its state, after a date or
a match day if asked. The ordering follows the rule set's tie-breakers in order; head-to-head
criteria build a mini-table of the matches between the teams still level when the criterion is
reached. Teams level on every criterion share a position where the rules say so; otherwise they are
listed by name and marked ``unresolved`` (the regulations then look outside the results: a
play-off, fair play, a coefficient or lots).

:func:`rank` orders plain per-team results, for tables built from anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date

import attrs

from matchevents.competitions.records import Record
from matchevents.competitions.results import ResultsProjection, ResultsState, played_on
from matchevents.competitions.rulesets import CompetitionRules, Criterion
from matchevents.competitions.sanctions import PointsDeduction, unknown_team_message
from matchevents.errors import CompetitionDataError
from matchevents.events import Event
from matchevents.projections.outcome import MatchResult


@attrs.frozen(slots=True, kw_only=True)
class Standing:
    """One line of a table.

    Attributes:
        position: 1 for the top; equal for teams sharing a position.
        team: the team.
        record: played, won, drawn, lost, goals for and against.
        points: points earned minus points deducted.
        deducted: points deducted (net of any given back).
        shared: True where the position is shared with another team.
        unresolved: True where the team is level with another on every criterion the results
            can decide and the rules decide outside them (play-off, fair play, lots); the order
            between such teams is by name.
    """

    position: int
    team: str
    record: Record
    points: int
    deducted: int = 0
    shared: bool = False
    unresolved: bool = False

    @property
    def played(self) -> int:
        """Matches played."""
        return self.record.played

    @property
    def won(self) -> int:
        """Matches won."""
        return self.record.won

    @property
    def drawn(self) -> int:
        """Matches drawn."""
        return self.record.drawn

    @property
    def lost(self) -> int:
        """Matches lost."""
        return self.record.lost

    @property
    def goals_for(self) -> int:
        """Goals scored."""
        return self.record.goals_for

    @property
    def goals_against(self) -> int:
        """Goals conceded."""
        return self.record.goals_against

    @property
    def goal_difference(self) -> int:
        """Goals for minus goals against."""
        return self.record.goal_difference


@attrs.frozen(slots=True)
class Table:
    """Standings in order, top first."""

    rules: CompetitionRules
    standings: tuple[Standing, ...]

    def __iter__(self) -> Iterator[Standing]:
        return iter(self.standings)

    def __len__(self) -> int:
        return len(self.standings)

    def __getitem__(self, team: str) -> Standing:
        """The standing of ``team``.

        Raises:
            KeyError: the team is not in the table.
        """
        for standing in self.standings:
            if standing.team == team:
                return standing
        raise KeyError(team)

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams in table order."""
        return tuple(s.team for s in self.standings)

    def __str__(self) -> str:
        width = max((len(s.team) for s in self.standings), default=4)
        lines = []
        for s in self.standings:
            mark = "=" if s.shared else " "
            deducted = f"  (-{s.deducted})" if s.deducted > 0 else ""
            lines.append(
                f"{s.position:>2}{mark} {s.team:<{width}} {s.played:>2} {s.won:>2} {s.drawn:>2} "
                f"{s.lost:>2} {s.goals_for:>3}-{s.goals_against:<3} {s.goal_difference:>+4} "
                f"{s.points:>3}{deducted}"
            )
        return "\n".join(lines)


# -- totals per team -----------------------------------------------------------------------


@attrs.define(slots=True)
class _Totals:
    """Mutable while a ranking is computed; never leaves this module."""

    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    away_goals_for: int = 0
    away_wins: int = 0
    opponents: list[str] = attrs.field(factory=list)

    def add(self, scored: int, conceded: int, away: bool, opponent: str) -> None:
        if scored > conceded:
            self.won += 1
            if away:
                self.away_wins += 1
        elif scored == conceded:
            self.drawn += 1
        else:
            self.lost += 1
        self.goals_for += scored
        self.goals_against += conceded
        if away:
            self.away_goals_for += scored
        self.opponents.append(opponent)

    def record(self) -> Record:
        return Record(
            self.won + self.drawn + self.lost,
            self.won,
            self.drawn,
            self.lost,
            self.goals_for,
            self.goals_against,
        )


def _totals(results: Iterable[MatchResult], teams: Iterable[str]) -> dict[str, _Totals]:
    totals = {team: _Totals() for team in teams}
    for result in results:
        home, away, score = result.home, result.away, result.score.final
        home_totals = totals.get(home)
        if home_totals is None:
            home_totals = totals[home] = _Totals()
        away_totals = totals.get(away)
        if away_totals is None:
            away_totals = totals[away] = _Totals()
        home_totals.add(score.home, score.away, False, away)
        away_totals.add(score.away, score.home, True, home)
    return totals


class _Ranking:
    """Orders teams by a rule set's criteria over given results and deductions."""

    def __init__(
        self,
        rules: CompetitionRules,
        results: Sequence[MatchResult],
        teams: Iterable[str],
        deducted: Mapping[str, int],
    ) -> None:
        self.rules = rules
        self.results = results
        self.totals = _totals(results, teams)
        self.deducted = deducted
        scheme = rules.points
        self.points = {
            team: scheme.points(t.won, t.drawn, t.lost) - deducted.get(team, 0)
            for team, t in self.totals.items()
        }

    def blocks(self) -> list[list[str]]:
        """The teams in order, in blocks of teams level on every criterion."""
        return self._order(sorted(self.totals), self.rules.tie_breakers, None)

    def _order(
        self, group: list[str], criteria: tuple[Criterion, ...], scope: frozenset[str] | None
    ) -> list[list[str]]:
        if len(group) <= 1 or not criteria:
            return [group]
        criterion, rest = criteria[0], criteria[1:]
        if criterion is Criterion.HEAD_TO_HEAD_REAPPLIED:
            if scope is not None and len(group) < len(scope):
                breakers = self.rules.tie_breakers
                at = breakers.index(Criterion.HEAD_TO_HEAD_REAPPLIED)
                head_to_head = tuple(c for c in breakers[:at] if c.is_head_to_head)
                return self._order(group, (*head_to_head, *criteria), None)
            return self._order(group, rest, None)
        if criterion.is_head_to_head:
            scope = frozenset(group) if scope is None else scope
            values = self._head_to_head(criterion, scope)
        else:
            scope = None
            values = self._overall(criterion, group)
        ordered = sorted(group, key=lambda team: -values[team])
        blocks: list[list[str]] = []
        start = 0
        for index in range(1, len(ordered) + 1):
            if index == len(ordered) or values[ordered[index]] != values[ordered[start]]:
                blocks.extend(self._order(ordered[start:index], rest, scope))
                start = index
        return blocks

    def _overall(self, criterion: Criterion, group: list[str]) -> dict[str, int]:
        totals = self.totals
        match criterion:
            case Criterion.POINTS:
                return {team: self.points[team] for team in group}
            case Criterion.GOAL_DIFFERENCE:
                return {t: totals[t].goals_for - totals[t].goals_against for t in group}
            case Criterion.GOALS_FOR:
                return {t: totals[t].goals_for for t in group}
            case Criterion.AWAY_GOALS_FOR:
                return {t: totals[t].away_goals_for for t in group}
            case Criterion.WINS:
                return {t: totals[t].won for t in group}
            case Criterion.AWAY_WINS:
                return {t: totals[t].away_wins for t in group}
            case Criterion.OPPONENTS_POINTS:
                return {t: self._opponents(t, lambda o: self.points[o]) for t in group}
            case Criterion.OPPONENTS_GOAL_DIFFERENCE:
                return {
                    t: self._opponents(t, lambda o: totals[o].goals_for - totals[o].goals_against)
                    for t in group
                }
            case Criterion.OPPONENTS_GOALS_FOR:
                return {t: self._opponents(t, lambda o: totals[o].goals_for) for t in group}
        raise AssertionError(f"unhandled criterion {criterion}")  # pragma: no cover

    def _opponents(self, team: str, value: Callable[[str], int]) -> int:
        return sum(value(opponent) for opponent in dict.fromkeys(self.totals[team].opponents))

    def _head_to_head(self, criterion: Criterion, scope: frozenset[str]) -> dict[str, int]:
        mini = _totals((r for r in self.results if r.home in scope and r.away in scope), scope)
        scheme = self.rules.points
        match criterion:
            case Criterion.HEAD_TO_HEAD_POINTS:
                return {t: scheme.points(m.won, m.drawn, m.lost) for t, m in mini.items()}
            case Criterion.HEAD_TO_HEAD_GOAL_DIFFERENCE:
                return {t: m.goals_for - m.goals_against for t, m in mini.items()}
            case Criterion.HEAD_TO_HEAD_GOALS_FOR:
                return {t: m.goals_for for t, m in mini.items()}
            case Criterion.HEAD_TO_HEAD_AWAY_GOALS_FOR:
                return {t: m.away_goals_for for t, m in mini.items()}
        raise AssertionError(f"unhandled criterion {criterion}")  # pragma: no cover


def rank(
    rules: CompetitionRules,
    results: Iterable[MatchResult],
    *,
    teams: Iterable[str] = (),
    deductions: Iterable[PointsDeduction] = (),
) -> Table:
    """The table of ``results`` under ``rules``.

    Args:
        rules: points, tie-breakers and whether positions are shared.
        results: the matches to count (of one competition's season).
        teams: teams to list even without a result yet.
        deductions: points deductions to subtract (every one given counts).

    Raises:
        CompetitionDataError: a deduction names a team that is neither in ``teams`` nor in any
            result (a spelling the matches do not use, such as ``"Everton FC"`` for
            ``"Everton"``): it would be a row of its own, and the team it meant would keep its
            points. The error names the deduction and the closest team names.
    """
    results = tuple(results)
    teams = dict.fromkeys(teams)
    for result in results:
        teams[result.home] = teams[result.away] = None
    deducted: dict[str, int] = {}
    for deduction in deductions:
        if deduction.team not in teams:
            raise CompetitionDataError(unknown_team_message(deduction, teams))
        deducted[deduction.team] = deducted.get(deduction.team, 0) + deduction.points
    ranking = _Ranking(rules, results, teams, deducted)
    standings: list[Standing] = []
    position = 1
    for block in ranking.blocks():
        level = len(block) > 1
        for offset, team in enumerate(block):
            standings.append(
                Standing(
                    position=position if rules.shared_positions else position + offset,
                    team=team,
                    record=ranking.totals[team].record(),
                    points=ranking.points[team],
                    deducted=deducted.get(team, 0),
                    shared=level and rules.shared_positions,
                    unresolved=level and not rules.shared_positions,
                )
            )
        position += len(block)
    return Table(rules, tuple(standings))


@attrs.frozen(slots=True)
class LeagueTable:
    """The table of one competition's season, as a projection of its events.

    Fold match events and :class:`~matchevents.competitions.sanctions.PointsDeduction` events;
    read the table with :meth:`standings`. Partial states merge when partitioned by match (see
    :mod:`matchevents.competitions.results`).

    A points deduction must name a team of the season as its schedules name it;
    :meth:`standings` raises :class:`~matchevents.errors.CompetitionDataError` for one that
    does not, rather than list a phantom team or drop the deduction.

    Args:
        rules: the competition's rules.
        competition: the competition, as the schedules name it.
        season: the season, as the schedules name it.
        stage: only the matches of this stage, for a group's table (e.g. ``"Group B"``); a
            points deduction of the competition's season counts in the table of the stage its
            team plays (deductions of teams of other stages are left to their tables).
    """

    rules: CompetitionRules
    competition: str
    season: str
    stage: str | None = None
    _results: ResultsProjection = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self,
            "_results",
            ResultsProjection(competition=self.competition, season=self.season, stage=self.stage),
        )

    def initial(self) -> ResultsState:
        """No match played."""
        return self._results.initial()

    def apply(self, state: ResultsState, event: Event | PointsDeduction) -> ResultsState:
        """The state after ``event`` (events of other competitions and seasons are skipped)."""
        return self._results.apply(state, event)

    def apply_all(
        self, state: ResultsState, events: Iterable[Event | PointsDeduction]
    ) -> ResultsState:
        """Fold many events at once."""
        return self._results.apply_all(state, events)

    def merge(self, left: ResultsState, right: ResultsState) -> ResultsState:
        """Combine partial states of events partitioned by match."""
        return self._results.merge(left, right)

    def standings(
        self,
        state: ResultsState,
        *,
        until: date | None = None,
        matchday: int | None = None,
    ) -> Table:
        """The table from ``state``: of every match over, or of those played on or before
        ``until`` (by :attr:`~matchevents.projections.outcome.MatchResult.day`: the kick-off's
        day, or the schedule's date where the source gives no time), or of match days up to
        ``matchday`` (deductions count from their date: up to ``until``, or up to the last match
        counted when only ``matchday`` is given).

        Raises:
            CompetitionDataError: a date or match day was asked but a result lacks one; or a
                points deduction names a team that has no match in the season (see
                :func:`rank`).
        """
        results = list(state.results)
        if matchday is not None:
            _require(results, "matchday", lambda r: r.matchday is not None)
            results = [r for r in results if r.matchday is not None and r.matchday <= matchday]
        if until is not None:
            _require(results, "date", lambda r: r.day is not None)
            results = [r for r in results if (day := played_on(r)) is not None and day <= until]
        cutoff = until
        if cutoff is None and matchday is not None:
            cutoff = max((d for r in results if (d := played_on(r)) is not None), default=None)
            if cutoff is None:
                cutoff = date.min
        deductions = [
            d for d in state.deductions if cutoff is None or d.on is None or d.on <= cutoff
        ]
        teams = [t for r in state.results for t in (r.home, r.away)]
        for schedule in state.scheduled:
            teams.extend((schedule.home, schedule.away))
        if self.stage is not None:
            # The table of one stage: other stages' teams' deductions belong to their tables.
            playing = set(teams)
            deductions = [d for d in deductions if d.team in playing]
        return rank(self.rules, results, teams=dict.fromkeys(teams), deductions=deductions)


def _require(results: list[MatchResult], what: str, has: Callable[[MatchResult], bool]) -> None:
    for result in results:
        if not has(result):
            raise CompetitionDataError(
                f"match {result.match_id!r} ({result}) has no {what}, so the table cannot be "
                f"cut by it"
            )
