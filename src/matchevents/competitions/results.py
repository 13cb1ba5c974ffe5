"""Match results across many matches: the fold every cross-match read model starts from.

:class:`ResultsProjection` reads the events of many matches, interleaved in any way, keeps a small
running state per match not over yet (the per-match outcome projection, keyed by match id:
:mod:`~matchevents.competitions.running`), and keeps each match's
:class:`~matchevents.projections.outcome.MatchResult` once it is over: at the final whistle (its
format decides when that is) or when the result is awarded. Points deductions
(:class:`~matchevents.competitions.sanctions.PointsDeduction`) are kept beside the results.
Tables, records, head-to-head and ties are queries over this state.

``apply`` costs the same whatever the number of results (O(1) amortized): results go into an
append-only log shared between successive states (a state only ever sees the first ``n`` entries it
was built with, so older states stay exactly as they were), and only a fold branching from an older
state copies the log. Per event, ``apply`` copies the small map of matches in progress (a handful
in a replay, a round's worth live); ``apply_all`` (what :func:`~matchevents.projections.fold`
uses) updates one map in place.

Partial states merge when their events were **partitioned by match** (every event of a match in
one part, as a log split at match boundaries or sharded by match id), except that a match's late
awards may be in a later part than the match: a log cut at any line between matches can cut a
match off from the award that overturns its result, or ends it when it was abandoned or never
played. A part keeps the awards of matches it never saw (:attr:`ResultsState.unmatched_awards`),
with where they came in its results, and a merge gives them to the matches of the part before,
exactly as one pass over both parts would. A match whose schedule or result shows up in both parts
is a :class:`~matchevents.errors.CompetitionDataError`; other events of a match whose schedule a
part never saw are not counted by that part.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Final, cast

import attrs

from matchevents.clock import Period
from matchevents.competitions.result_log import ResultLog, Row, row_of
from matchevents.competitions.running import (
    _ADDED,
    _AWAY_GOALS,
    _DECIDED_BY,
    _HOME_GOALS,
    _PENALTIES,
    _STATUS,
    _TIE_WINNER,
    _VERSION,
    _WINNER,
    RunningMatch,
    _period_ended,
    _row,
    _running_of,
    _scheduled_row,
    _start,
    _step,
)
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import CompetitionDataError
from matchevents.events import (
    Card,
    Event,
    Goal,
    LineupAnnounced,
    MatchAwarded,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    Substitution,
)
from matchevents.formats import LEAGUE, MatchFormat
from matchevents.projections.outcome import _PLAYING, Decision, MatchResult, MatchStatus
from matchevents.projections.sharedlog import SharedLog as SharedLog  # re-exported
from matchevents.score import NIL_NIL, Score, Side


class TeamOutcome(enum.Enum):
    """A match's outcome for one team, by the score that counts (a shoot-out does not change it:
    a match decided on penalties is a draw in every record and table)."""

    WIN = "W"
    DRAW = "D"
    LOSS = "L"

    @property
    def letter(self) -> str:
        """``"W"``, ``"D"`` or ``"L"``, as form guides write it."""
        return self.value


def goals_of(result: MatchResult, team: str) -> tuple[int, int]:
    """``(goals for, goals against)`` of ``team`` in ``result``, by the score that counts (the
    awarded score, else every goal of the match, extra time included).

    Raises:
        CompetitionDataError: ``team`` did not play the match.
    """
    score = result.score.final
    if team == result.home:
        return score.home, score.away
    if team == result.away:
        return score.away, score.home
    raise CompetitionDataError(f"{team!r} did not play match {result.match_id!r} ({result})")


def outcome_of(result: MatchResult, team: str) -> TeamOutcome:
    """Win, draw or loss for ``team`` by the score that counts.

    Raises:
        CompetitionDataError: ``team`` did not play the match.
    """
    scored, conceded = goals_of(result, team)
    if scored > conceded:
        return TeamOutcome.WIN
    return TeamOutcome.DRAW if scored == conceded else TeamOutcome.LOSS


def by_season(results: Iterable[MatchResult]) -> dict[tuple[str, str], Sequence[MatchResult]]:
    """``results`` by ``(competition, season)``, each season's in order, the seasons in the order
    of their first result: what each league table is ranked from.

    The results of a state (:attr:`ResultsState.results`) are grouped by their columns and made
    only when a season's are read, so that an archive's tables need not hold all of its results
    at once.
    """
    if isinstance(results, ResultLog):
        return cast(dict[tuple[str, str], Sequence[MatchResult]],
                    results.grouped("competition", "season"))  # fmt: skip
    seasons: dict[tuple[str, str], list[MatchResult]] = {}
    for result in results:
        seasons.setdefault((result.competition, result.season), []).append(result)
    return dict(seasons)


def played_on(result: MatchResult) -> date | None:
    """The day the match was played (in its kick-off's own time zone, or the schedule's date
    where the source gives no time), where known: :attr:`MatchResult.day
    <matchevents.projections.outcome.MatchResult.day>`."""
    return result.day


# -- the projection ----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class UnmatchedAward:
    """An award of a match the state never saw (not scheduled in it, or not counted by it), kept
    for a merge with the part of the log before, which may hold the match.

    Attributes:
        award: the award.
        results: how many results the state's log held when the award came.
        overturned: how many results the state had overturned when the award came.
    """

    award: MatchAwarded
    results: int
    overturned: int


def _result_log(results: Iterable[MatchResult]) -> ResultLog:
    return results if type(results) is ResultLog else ResultLog(results)


@attrs.frozen(slots=True, kw_only=True)
class ResultsState:
    """Finished matches, matches not over yet, and points deductions.

    Attributes:
        running: the matches scheduled and not over (or abandoned and not awarded), by id, in
            the order they were scheduled.
        log: the results in the order the matches ended (kept as columns: a
            :class:`~matchevents.competitions.result_log.ResultLog`; any sequence of results
            given is made one).
        overturned: results replaced by an award after the match had ended, by match id, in the
            order they were first overturned.
        deductions: the points deductions, in order.
        unmatched_awards: the awards of matches this state never saw, in order: those of other
            competitions' matches (a few a season), and, in a part of a log, the late awards of
            the part before's matches, which a merge gives them.
    """

    running: Mapping[str, RunningMatch] = attrs.field(factory=dict)
    log: ResultLog = attrs.field(factory=ResultLog, converter=_result_log)
    overturned: Mapping[str, MatchResult] = attrs.field(factory=dict)
    deductions: tuple[PointsDeduction, ...] = ()
    unmatched_awards: tuple[UnmatchedAward, ...] = ()

    @property
    def results(self) -> Sequence[MatchResult]:
        """Every result, in the order the matches ended (an award after the end replaces the
        result in place)."""
        overturned = self.overturned
        if not overturned:
            return self.log
        return self.log.replaced(overturned)

    @property
    def scheduled(self) -> tuple[MatchScheduled, ...]:
        """The schedules of the matches not over yet."""
        return tuple(run.schedule for run in self.running.values())

    def chronological(self) -> tuple[MatchResult, ...]:
        """Every result in the order the matches were played (see :func:`chronological`)."""
        return chronological(self.results)


def chronological(results: Iterable[MatchResult]) -> tuple[MatchResult, ...]:
    """``results`` in the order played: by kick-off where each has one; else by day where each
    has at least a day (a source without kick-off times), matches of one day keeping their
    order; else as given. The sorts are stable: equal kick-offs keep their order too.

    Kick-offs with a time zone are compared in UTC; those without one (many sources give local
    times only) are taken as they are, so sources of both kinds can be mixed.
    """
    ordered = list(results)
    if all(r.kickoff is not None for r in ordered):
        ordered.sort(key=_kickoff)
    elif all(r.day is not None for r in ordered):
        ordered.sort(key=_day)
    return tuple(ordered)


def _day(result: MatchResult) -> date:
    day = result.day
    assert day is not None
    return day


def _kickoff(result: MatchResult) -> datetime:
    kickoff = result.kickoff
    assert kickoff is not None
    if kickoff.tzinfo is None:
        return kickoff
    return kickoff.astimezone(UTC).replace(tzinfo=None)


def _optional_ids(match_ids: Iterable[str] | None) -> frozenset[str] | None:
    return None if match_ids is None else frozenset(match_ids)


_NO_BEARING_ON_RESULT: Final = frozenset({Card, Substitution, LineupAnnounced})
"""Event types that change neither a match's score nor its status."""

_HOME: Final = Side.HOME


@attrs.frozen(slots=True)
class ResultsProjection:
    """Folds the events of many matches (and points deductions) into a :class:`ResultsState`.

    Each match's events go through the outcome projection
    (:class:`~matchevents.projections.outcome.OutcomeProjection`); when it reports the match
    over (finished or awarded; an abandoned match waits for an award), its
    :class:`~matchevents.projections.outcome.MatchResult` joins the log.

    Args:
        competition: count only matches (and deductions) of this competition; None for all.
        season: count only this season; None for all.
        match_ids: count only these matches; None for all.
        stage: count only matches of this stage (e.g. ``"Group B"``); None for all.
    """

    competition: str | None = None
    season: str | None = None
    match_ids: frozenset[str] | None = attrs.field(default=None, converter=_optional_ids)
    stage: str | None = None

    def initial(self) -> ResultsState:
        """No match, no deduction (a fresh state each time: the log of a state is shared with the
        states folded from it, so a module-wide initial state would keep every fold's results
        alive)."""
        return ResultsState()

    def wants(self, schedule: MatchScheduled) -> bool:
        """True if the match belongs to what this projection counts."""
        return (
            (self.competition is None or schedule.competition == self.competition)
            and (self.season is None or schedule.season == self.season)
            and (self.match_ids is None or schedule.match_id in self.match_ids)
            and (self.stage is None or schedule.stage == self.stage)
        )

    def wants_deduction(self, deduction: PointsDeduction) -> bool:
        """True if the deduction belongs to the competition and season counted."""
        return (self.competition is None or deduction.competition == self.competition) and (
            self.season is None or deduction.season == self.season
        )

    def apply(self, state: ResultsState, event: Event | PointsDeduction) -> ResultsState:
        """The state after ``event`` (O(1) amortized; ``state`` is left as it was): a batch of
        one for :meth:`apply_all`, so that a live feed folding event by event takes the same
        path as a replay (making the match's outcome and unfolding it again at every event cost
        twice as much). :func:`apply_plainly` is the plain fold both are held equal to."""
        return self.apply_all(state, (event,))

    def apply_all(
        self, state: ResultsState, events: Iterable[Event | PointsDeduction]
    ) -> ResultsState:
        """Fold many events at once: equal to repeated :meth:`apply` (which is its plain twin,
        and the property tests hold them equal), with no state object made per event.

        Each match the batch touches is kept as a mutable row (:func:`_row`) for the length of
        the batch and frozen back into its :class:`RunningMatch` state at the end; cards,
        substitutions and line-ups only move its version on. Goals, period starts and ends are
        folded into the row; the rare events (annulments, kicks, awards, abandonments,
        postponements) go through the plain :func:`_step`.
        """
        running: dict[str, RunningMatch | None] = dict(state.running)
        rows: dict[str, list[Any]] = {}  # the matches this batch touches, as mutable rows
        finished: list[Row] = []  # the results of the matches over, as rows of the log
        deductions = list(state.deductions)
        settled = state  # the state up to the last award of a match already over
        wants, wants_deduction = self.wants, self.wants_deduction
        no_bearing = _NO_BEARING_ON_RESULT
        # Any: the loop tells the events apart by their exact type (a cast() on each use costs
        # a call an event).
        batch: Iterable[Any] = events
        for event in batch:
            kind = type(event)
            if kind is PointsDeduction:
                if wants_deduction(event):
                    deductions.append(event)
                continue
            match_id = event.match_id
            row = rows.get(match_id)
            if row is None:
                before = running.get(match_id)
                if before is None:
                    if kind is MatchScheduled:
                        if wants(event):
                            running[match_id] = None  # its place in the order of schedules
                            rows[match_id] = _scheduled_row(event)
                    elif kind is MatchAwarded:
                        settled = self._outside(
                            ResultsState(
                                running={},
                                log=settled.log.extended_rows(finished),
                                overturned=settled.overturned,
                                unmatched_awards=settled.unmatched_awards,
                            ),
                            event,
                        )
                        finished = []
                    continue
                row = rows[match_id] = _row(before)
            if kind in no_bearing:
                row[_VERSION] += 1
            elif kind is Goal:
                version = row[_VERSION] = row[_VERSION] + 1
                side = event.side
                row[_HOME_GOALS if side is _HOME else _AWAY_GOALS] += 1
                row[_ADDED].append((version, side))
            elif kind is PeriodStarted:
                row[_VERSION] += 1
                period = event.period
                row[_STATUS] = _PLAYING[period]
                row[_WINNER] = row[_DECIDED_BY] = row[_TIE_WINNER] = None
                if period is Period.PENALTY_SHOOTOUT:
                    row[_PENALTIES] = NIL_NIL
            else:
                if kind is PeriodEnded:
                    result = _period_ended(row, event)
                    if result is None:
                        continue
                else:  # rare: the plain step, on the state the row stands for
                    after = _step(_running_of(row), event)
                    if type(after) is RunningMatch:
                        rows[match_id] = _row(after)
                        continue
                    assert isinstance(after, MatchResult)
                    result = row_of(after)
                del rows[match_id], running[match_id]
                finished.append(result)
        for match_id, row in rows.items():
            running[match_id] = _running_of(row)
        return ResultsState(
            running=cast(dict[str, RunningMatch], running),
            log=settled.log.extended_rows(finished),
            overturned=settled.overturned,
            deductions=tuple(deductions),
            unmatched_awards=settled.unmatched_awards,
        )

    def merge(self, left: ResultsState, right: ResultsState) -> ResultsState:
        """The state of ``left``'s events followed by ``right``'s, for parts partitioned by match
        (a match's late awards may be in ``right``: they end or overturn it as one pass would).

        Raises:
            CompetitionDataError: a match is in both parts (its events were split between them).
        """
        seen = set(left.running)
        seen.update(left.log.match_ids())
        for match_id in (*right.running, *right.log.match_ids()):
            if match_id in seen:
                raise CompetitionDataError(
                    f"match {match_id!r} is in both partial states; merge parts partitioned by "
                    "match (every event of a match in one part, its late awards in any later one)"
                )
        if right.unmatched_awards and seen:
            return _merge_with_awards(left, right)
        return ResultsState(
            running={**left.running, **right.running},
            log=left.log.extended(right.log),
            overturned={**left.overturned, **right.overturned},
            deductions=(*left.deductions, *right.deductions),
            unmatched_awards=(*left.unmatched_awards, *_shifted(right.unmatched_awards, left)),
        )

    def _outside(self, state: ResultsState, event: Event) -> ResultsState:
        """An event of a match not running: a new schedule, or an award after the end."""
        match event:
            case MatchScheduled() if self.wants(event):
                return attrs.evolve(state, running={**state.running, event.match_id: _start(event)})
            case MatchAwarded(match_id=match_id, score=score):
                log = state.log
                for index in range(len(log) - 1, -1, -1):
                    if log.match_id(index) == match_id:
                        before = state.overturned.get(match_id, log[index])
                        after = _overturned(before, score)
                        return attrs.evolve(state, overturned={**state.overturned, match_id: after})
                unmatched = UnmatchedAward(event, len(state.log), len(state.overturned))
                return attrs.evolve(state, unmatched_awards=(*state.unmatched_awards, unmatched))
        return state


def _shifted(awards: Iterable[UnmatchedAward], before: ResultsState) -> list[UnmatchedAward]:
    """``awards`` of a part, counted in the state of ``before`` followed by that part."""
    results, overturned = len(before.log), len(before.overturned)
    return [UnmatchedAward(a.award, a.results + results, a.overturned + overturned) for a in awards]


def _merge_with_awards(left: ResultsState, right: ResultsState) -> ResultsState:
    """``left`` merged with ``right``, whose awards of matches it never saw may end a match
    running in ``left`` or overturn one of its results: each in turn, at the place in the log
    and among the overturned results where one pass would have put it."""
    running = dict(left.running)
    log = [*left.log, *right.log]
    finished = dict(zip(left.log.match_ids(), left.log, strict=True))
    overturned_ids = [*left.overturned, *right.overturned]
    overturned = {**left.overturned, **right.overturned}
    unmatched = list(left.unmatched_awards)
    added_results = added_overturned = 0  # results and overturned ones the awards put in
    for waiting in right.unmatched_awards:
        award, match_id = waiting.award, waiting.award.match_id
        at_result = len(left.log) + waiting.results + added_results
        at_overturned = len(left.overturned) + waiting.overturned + added_overturned
        playing = running.get(match_id)
        if playing is not None:
            after = _step(playing, award)
            if type(after) is RunningMatch:
                running[match_id] = after
                continue
            assert isinstance(after, MatchResult)
            del running[match_id]
            log.insert(at_result, after)
            finished[match_id] = after
            added_results += 1
        elif match_id in finished:
            if match_id not in overturned:
                overturned_ids.insert(at_overturned, match_id)
                added_overturned += 1
            before = overturned.get(match_id, finished[match_id])
            overturned[match_id] = _overturned(before, award.score)
        else:
            unmatched.append(UnmatchedAward(award, at_result, at_overturned))
    return ResultsState(
        running={**running, **right.running},
        log=ResultLog(log),
        overturned={match_id: overturned[match_id] for match_id in overturned_ids},
        deductions=(*left.deductions, *right.deductions),
        unmatched_awards=tuple(unmatched),
    )


def apply_plainly(
    projection: ResultsProjection, state: ResultsState, event: Event | PointsDeduction
) -> ResultsState:
    """The plain fold of one event, through the outcome projection (:func:`_step`): what
    :meth:`ResultsProjection.apply` and :meth:`~ResultsProjection.apply_all` give, by the
    straightest route. The property tests hold the projection's batches equal to it."""
    if isinstance(event, PointsDeduction):
        if not projection.wants_deduction(event):
            return state
        return attrs.evolve(state, deductions=(*state.deductions, event))
    match_id = event.match_id
    running = state.running.get(match_id)
    if running is None:
        return projection._outside(state, event)
    after = _step(running, event)
    others = dict(state.running)
    if type(after) is RunningMatch:
        others[match_id] = after
        return attrs.evolve(state, running=others)
    assert isinstance(after, MatchResult)
    del others[match_id]
    return attrs.evolve(state, running=others, log=state.log.appended(after))


def _overturned(result: MatchResult, score: Score) -> MatchResult:
    """``result`` after an authority awarded ``score`` once the match was over."""
    fmt = result.format
    return attrs.evolve(
        result,
        status=MatchStatus.AWARDED,
        score=attrs.evolve(result.score, awarded=score),
        winner=score.leader,
        decided_by=Decision.AWARDED,
        tie_winner=fmt.decided_by(score, after_extra_time=False) if fmt.must_have_winner else None,
    )


RESULTS: Final = ResultsProjection()
"""Every match's result, whatever the competition."""


def played_match(
    match_id: str,
    home: str,
    away: str,
    score: Score,
    *,
    competition: str,
    season: str,
    stage: str | None = None,
    matchday: int | None = None,
    kickoff: datetime | None = None,
    venue: str | None = None,
    format: MatchFormat = LEAGUE,
    half_time: Score | None = None,
    date: date | None = None,
) -> list[Event]:
    """The events of a match known only by its score after 90 minutes, as results-only sources
    (a fixtures list, a final table's matches) know it: the schedule, the two halves, and the
    recorded scores. A timeline accepts them; a second leg or knockout match that would still be
    level is not over after them.
    """
    return [
        MatchScheduled(
            match_id=match_id,
            home=home,
            away=away,
            competition=competition,
            season=season,
            stage=stage,
            matchday=matchday,
            kickoff=kickoff,
            date=date,
            venue=venue,
            format=format,
        ),
        PeriodStarted(match_id=match_id, period=Period.FIRST_HALF),
        PeriodEnded(match_id=match_id, period=Period.FIRST_HALF, score=half_time),
        PeriodStarted(match_id=match_id, period=Period.SECOND_HALF),
        PeriodEnded(match_id=match_id, period=Period.SECOND_HALF, score=score),
    ]
