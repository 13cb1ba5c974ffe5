"""A match in progress, for the results projection: between batches a small tuple
(:class:`RunningMatch`), within one batch a mutable row.

:meth:`ResultsProjection.apply_all <matchevents.competitions.results.ResultsProjection.apply_all>`
unfolds each match a batch touches into a row (:func:`_row`), folds goals and period starts into
it in place and period ends here (:func:`_period_ended`), and freezes it back into a
:class:`RunningMatch` at the batch's end (:func:`_running_of`): no state object is made per event.
The plain step (:func:`_step`, through the outcome projection) is the twin the fast batch is held
to: the rare events go through it, and the property tests hold the batches equal to
:func:`~matchevents.competitions.results.apply_plainly`, which folds every event with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, NamedTuple

import attrs

from matchevents.clock import Period
from matchevents.competitions.result_log import Row
from matchevents.events import Event, MatchPostponed, MatchScheduled, PeriodEnded
from matchevents.projections.outcome import (
    _BREAK_BEFORE,
    OUTCOME,
    Decision,
    MatchOutcome,
    MatchResult,
    MatchStatus,
    _decide,
    _over_after,
)
from matchevents.projections.score import (
    _COUNTED_AT,
    FULL_TIME_COUNTED,
    HALF_TIME_COUNTED,
    ScoreLine,
    ScoreState,
)
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import Score, Side, shared_score

# -- between batches: the match as a tuple -----------------------------------------------------


class RunningMatch(NamedTuple):
    """A match not over yet (or abandoned, awaiting a decision): its outcome so far unfolded into
    fields, and its kick-off (a postponement with a new date moves it).

    A tuple, so that a batch's rows become states again in one call each, not four objects each
    (with finished matches handed to the log as rows, ``RESULTS.apply_all`` costs 25-33% less
    than with attrs states and results made a match, A/B in one process on the 300k log of
    ``benchmarks/replay.py``).
    """

    schedule: MatchScheduled
    kickoff: datetime | None
    status: MatchStatus
    version: int
    home_goals: int
    away_goals: int
    goals: SharedLog[tuple[int, Side]]
    counted: int
    half_time: Score | None
    full_time: Score | None
    after_extra_time: Score | None
    penalties: Score | None
    awarded: Score | None
    winner: Side | None
    decided_by: Decision | None
    tie_winner: Side | None

    @classmethod
    def of(cls, outcome: MatchOutcome, kickoff: datetime | None) -> RunningMatch:
        """The running match of a folded outcome (one with its schedule)."""
        assert outcome.schedule is not None
        score = outcome.score_state
        line = score.line
        return cls(outcome.schedule, kickoff, outcome.status, score.version, line.live.home,
                   line.live.away, score.goals, score.counted, line.half_time, line.full_time,
                   line.after_extra_time, line.penalties, line.awarded, outcome.winner,
                   outcome.decided_by, outcome.tie_winner)  # fmt: skip

    @property
    def outcome(self) -> MatchOutcome:
        """The outcome projection's state of the match."""
        line = ScoreLine(
            live=shared_score(self.home_goals, self.away_goals),
            half_time=self.half_time,
            full_time=self.full_time,
            after_extra_time=self.after_extra_time,
            penalties=self.penalties,
            awarded=self.awarded,
        )
        score = ScoreState(line=line, version=self.version, goals=self.goals, counted=self.counted)
        return MatchOutcome(schedule=self.schedule, status=self.status, score_state=score,
                            winner=self.winner, decided_by=self.decided_by,
                            tie_winner=self.tie_winner)  # fmt: skip


def _start(schedule: MatchScheduled) -> RunningMatch:
    return RunningMatch.of(OUTCOME.apply(OUTCOME.initial(), schedule), schedule.kickoff)


def _step(running: RunningMatch, event: Event) -> RunningMatch | MatchResult:
    """The running match after ``event``, or its result if ``event`` ends it."""
    outcome = OUTCOME.apply(running.outcome, event)
    status = outcome.status
    if status.is_over and status is not MatchStatus.ABANDONED:
        result = MatchResult.of(outcome)
        kickoff = running.kickoff
        if kickoff == result.kickoff:
            return result
        # Postponed to a new kick-off: its day replaces the schedule's.
        return attrs.evolve(result, kickoff=kickoff, date=None)
    if type(event) is MatchPostponed and event.new_kickoff is not None:
        return RunningMatch.of(outcome, event.new_kickoff)
    return RunningMatch.of(outcome, running.kickoff)


# -- within a batch: the match as a mutable row ------------------------------------------------

# A running match as a mutable row, for the length of one apply_all: the fields of its
# RunningMatch (the goals since the batch began wait in _ADDED to join the shared log).
(_SCHEDULE, _KICKOFF, _STATUS, _VERSION, _HOME_GOALS, _AWAY_GOALS, _GOALS, _COUNTED, _HALF_TIME,
 _FULL_TIME, _AFTER_EXTRA_TIME, _PENALTIES, _AWARDED, _WINNER, _DECIDED_BY, _TIE_WINNER,
 _ADDED) = range(17)  # fmt: skip
_NO_GOALS: Final = ScoreState().goals


def _scheduled_row(schedule: MatchScheduled) -> list[Any]:
    """The row of a match just scheduled: what :func:`_start` gives, unfolded."""
    return [schedule, schedule.kickoff, MatchStatus.SCHEDULED, 1, 0, 0, _NO_GOALS, 0, None, None,
            None, None, None, None, None, None, []]  # fmt: skip


def _row(running: RunningMatch) -> list[Any]:
    """``running`` unfolded into a mutable row."""
    return [*running, []]


def _line_of(row: list[Any], live: Score) -> ScoreLine:
    return ScoreLine(
        live=live,
        half_time=row[_HALF_TIME],
        full_time=row[_FULL_TIME],
        after_extra_time=row[_AFTER_EXTRA_TIME],
        penalties=row[_PENALTIES],
        awarded=row[_AWARDED],
    )


def _running_of(row: list[Any]) -> RunningMatch:
    """The row frozen back into the state it stands for (equal to what the plain fold gives)."""
    fields = row[:_ADDED]
    added = row[_ADDED]
    if added:
        fields[_GOALS] = fields[_GOALS].extended(added)
    return RunningMatch._make(fields)


def _period_ended(row: list[Any], event: PeriodEnded) -> Row | None:
    """Fold a period's end into ``row`` (the score projection's and the outcome's arithmetic);
    the match's result, as a row of the log, if it is over now, else None."""
    row[_VERSION] += 1
    recorded, period = event.score, event.period
    counted = row[_COUNTED]
    if recorded is None:
        counted |= _COUNTED_AT.get(period, 0)
        live = shared_score(row[_HOME_GOALS], row[_AWAY_GOALS])
    else:
        if counted and (recorded.home, recorded.away) != (row[_HOME_GOALS], row[_AWAY_GOALS]):
            # Goals the events do not carry: what was counted since the last record is unknown.
            if counted & HALF_TIME_COUNTED:
                row[_HALF_TIME] = None
            if counted & FULL_TIME_COUNTED:
                row[_FULL_TIME] = None
        counted = 0
        live = recorded
        row[_HOME_GOALS], row[_AWAY_GOALS] = recorded.home, recorded.away
    row[_COUNTED] = counted
    if period is Period.FIRST_HALF:
        row[_HALF_TIME] = live
    elif period is Period.SECOND_HALF:
        row[_FULL_TIME] = live
    elif period is Period.EXTRA_TIME_SECOND_HALF:
        row[_AFTER_EXTRA_TIME] = live
    elif event.penalties is not None:  # only the end of the shoot-out carries one
        row[_PENALTIES] = event.penalties
    schedule = row[_SCHEDULE]
    fmt = schedule.format
    following = fmt.period_after(period, live)
    if following is not None:
        row[_STATUS] = _BREAK_BEFORE[following]
        row[_WINNER] = row[_DECIDED_BY] = row[_TIE_WINNER] = None
        return None
    status = _over_after(period)
    line = _line_of(row, live)  # shared by the log's table of score lines
    winner, decided_by, tie_winner = _decide(fmt, line, status)
    kickoff = row[_KICKOFF]
    moved = kickoff != schedule.kickoff  # postponed to a new kick-off: its day replaces the date
    return (schedule.match_id, schedule.home, schedule.away, schedule.competition,
            schedule.season, schedule.stage, schedule.matchday, kickoff,
            None if moved else schedule.date, fmt, status, line, winner, decided_by,
            tie_winner)  # fmt: skip
