"""The story projection: how a match unfolded. Comebacks, lead changes and scoring runs.

- The largest deficit a side *overcame* is the most it trailed by before getting back level (or
  ahead): Liverpool's 3 in Istanbul in 2005, from 0-3 at half-time to 3-3. It counts even if the
  side went behind again later; :meth:`SideStory.largest_deficit` is the most it ever trailed by.
- A lead change is the lead passing from one side to the other (directly or through a level
  score); taking the lead from 0-0 is not one.
- A scoring run is a series of goals by one side without reply, with their minutes.

The story is told from the goals that stand: an annulled goal is taken out, and the story
retold without it. Coarse matches (scores recorded at period ends, no goal events) tell what the
recorded scores show: deficits and comebacks, but no runs, whose goals have no minutes.

>>> from matchevents import MatchScheduled, Goal, Side, clock, kick_off
>>> from matchevents.projections import fold
>>> def goal(side, minute):
...     return Goal(match_id="m", side=side, scorer=None, at=clock(minute))
>>> story = fold(STORY, [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     kick_off("m"),
...     goal(Side.HOME, 10), goal(Side.HOME, 20),
...     goal(Side.AWAY, 50), goal(Side.AWAY, 60), goal(Side.AWAY, 70),
... ])
>>> story.away.largest_comeback, story.lead_changes, str(story.longest_run)
(2, 1, "3 for away (50', 60', 70')")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, cast

import attrs

from matchevents.clock import MatchClock
from matchevents.errors import ProjectionError
from matchevents.events import Event, Goal, GoalAnnulled, PeriodEnded
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import NIL_NIL, Score, Side


def _minutes_log(minutes: Iterable[MatchClock]) -> SharedLog[MatchClock]:
    return minutes if type(minutes) is SharedLog else SharedLog(minutes)


@attrs.frozen(slots=True, kw_only=True)
class ScoringRun:
    """Goals by one side without reply.

    Attributes:
        side: the side that scored them.
        minutes: when, in order: a :class:`~matchevents.projections.sharedlog.SharedLog` (a
            sequence equal to the tuple of the same minutes; a tuple given here is turned into
            one), shared with the run it extends, so that a run grows at O(1) a goal.
    """

    side: Side
    minutes: SharedLog[MatchClock] = attrs.field(converter=_minutes_log)

    @property
    def goals(self) -> int:
        """How many goals in the run."""
        return len(self.minutes)

    def __str__(self) -> str:
        """E.g. ``3 for away (54', 56', 60')``."""
        minutes = ", ".join(str(at) for at in self.minutes)
        return f"{self.goals} for {self.side.value} ({minutes})"


@attrs.frozen(slots=True, kw_only=True)
class SideStory:
    """One side's part of the story.

    Attributes:
        largest_deficit: the most goals the side ever trailed by (0 if never behind).
        largest_comeback: the largest deficit it overcame: trailed by, then got back level or
            ahead.
        longest_run: its longest run of unanswered goals (the first, of equal ones), or None.
        trailing_by: the most it has trailed by since it was last level or ahead (0 while level
            or ahead); what a comeback now would overcome.
        comeback_from: the score (home-away) when the side first trailed by its largest
            overcome deficit, e.g. ``3-0`` for Liverpool in Istanbul; None without a comeback.
        trailing_from: the score when the side first trailed by ``trailing_by``; None while
            level or ahead.
    """

    largest_deficit: int = 0
    largest_comeback: int = 0
    longest_run: ScoringRun | None = None
    trailing_by: int = 0
    comeback_from: Score | None = None
    trailing_from: Score | None = None


_NO_STORY: Final = SideStory()

# A step of the story: a goal with its version, or a score recorded at a period end.
_Step = tuple[int, Goal] | Score
_UNTOLD: Final[SharedLog[_Step]] = SharedLog()


def _steps_log(steps: Iterable[_Step]) -> SharedLog[_Step]:
    return steps if type(steps) is SharedLog else SharedLog(steps)


@attrs.frozen(slots=True, kw_only=True)
class MatchStory:
    """How a match unfolded, as far as its events tell.

    Attributes:
        home: the home side's story.
        away: the away side's story.
        lead_changes: how many times the lead passed from one side to the other.
        leader: the side that led last (it may be level now), or None if nobody has led.
        score: the score the story has reached.
        current_run: the run of goals without reply still going, or None.
        steps: the goals that stand (with their versions) and the recorded scores that moved
            the score, in order: what the story is retold from when a goal is annulled. A
            :class:`~matchevents.projections.sharedlog.SharedLog` (a sequence equal to the tuple
            of the same steps; a tuple given here is turned into one), shared with the stories
            folded from this one, so that a goal costs O(1) however many came before.
        version: how many events were folded, so that an annulment can find its goal.
    """

    home: SideStory = _NO_STORY
    away: SideStory = _NO_STORY
    lead_changes: int = 0
    leader: Side | None = None
    score: Score = NIL_NIL
    current_run: ScoringRun | None = None
    steps: SharedLog[_Step] = attrs.field(default=_UNTOLD, converter=_steps_log)
    version: int = 0

    def of(self, side: Side) -> SideStory:
        """One side's story."""
        return self.home if side is Side.HOME else self.away

    @property
    def longest_run(self) -> ScoringRun | None:
        """The longest run of unanswered goals by either side (the earlier one, when equal)."""
        home, away = self.home.longest_run, self.away.longest_run
        if home is None or away is None:
            return home or away
        if home.goals != away.goals:
            return home if home.goals > away.goals else away
        return home if home.minutes[0] <= away.minutes[0] else away


def _side_after(story: SideStory, score: Score, deficit: int, run: ScoringRun | None) -> SideStory:
    largest_comeback, comeback_from = story.largest_comeback, story.comeback_from
    trailing_from: Score | None
    if deficit > story.trailing_by:
        trailing_by, trailing_from = deficit, score
    elif deficit > 0:
        trailing_by, trailing_from = story.trailing_by, story.trailing_from
    else:
        if story.trailing_by > largest_comeback:
            largest_comeback, comeback_from = story.trailing_by, story.trailing_from
        trailing_by, trailing_from = 0, None
    longest = story.longest_run
    if run is not None and (longest is None or run.goals > longest.goals):
        longest = run
    return SideStory(
        largest_deficit=max(story.largest_deficit, deficit),
        largest_comeback=largest_comeback,
        longest_run=longest,
        trailing_by=trailing_by,
        comeback_from=comeback_from,
        trailing_from=trailing_from,
    )


def _advance(story: MatchStory, step: _Step, version: int) -> MatchStory:
    """The story after one more step (a goal, or a recorded score that moved the score)."""
    if isinstance(step, Score):
        score, run = step, None
        home_run = away_run = None
    else:
        goal = step[1]
        score = story.score.plus(goal.side)
        current = story.current_run
        if current is not None and current.side is goal.side:
            run = _run(goal.side, current.minutes.appended(goal.at))
        else:
            run = _run(goal.side, SharedLog((goal.at,)))
        home_run, away_run = (run, None) if goal.side is Side.HOME else (None, run)
    leader = score.leader
    lead_changes = story.lead_changes
    if leader is not None and story.leader is not None and leader is not story.leader:
        lead_changes += 1
    return _story(
        _side_after(story.home, score, score.away - score.home, home_run),
        _side_after(story.away, score, score.home - score.away, away_run),
        lead_changes,
        story.leader if leader is None else leader,
        score,
        run,
        story.steps.appended(step),
        version,
    )


def _retold(steps: Iterable[_Step], version: int) -> MatchStory:
    story = _INITIAL
    for step in steps:
        story = _advance(story, step, version)
    return story if story.version == version else attrs.evolve(story, version=version)


class StoryProjection:
    """Folds a match's events into its :class:`MatchStory`.

    Assumes the events of one match, in the order a timeline accepted them. A goal (and every
    other event) costs O(1) amortized however many came before, even in a run of thousands; an
    annulment, which is rare, retells the story from the goals that stand: O(goals).
    """

    __slots__ = ()

    def initial(self) -> MatchStory:
        """Nothing has happened."""
        return _INITIAL

    def apply(self, state: MatchStory, event: Event) -> MatchStory:
        """The story after ``event``."""
        version = state.version + 1
        kind = type(event)
        if kind is Goal:
            return _advance(state, (version, cast(Goal, event)), version)
        if kind is PeriodEnded:
            recorded = cast(PeriodEnded, event).score
            if recorded is not None and recorded != state.score:
                return _advance(state, recorded, version)
        elif kind is GoalAnnulled:
            return _annulled(state, cast(GoalAnnulled, event), version)
        return _moved_on(state, version)

    def apply_all(self, state: MatchStory, events: Iterable[Event]) -> MatchStory:
        """Fold many events: exactly what repeated :meth:`apply` gives, counting the events that
        cannot change the story instead of copying the state for each."""
        apply = self.apply
        version = state.version
        for event in events:
            if type(event) in _TOLD:
                if version != state.version:
                    state = _moved_on(state, version)
                state = apply(state, event)
                version = state.version
            else:
                version += 1
        return state if version == state.version else _moved_on(state, version)


_TOLD: Final = frozenset({Goal, GoalAnnulled, PeriodEnded})
"""The event types a story is told from; every other one only moves the version on."""


def _annulled(state: MatchStory, annulment: GoalAnnulled, version: int) -> MatchStory:
    target = annulment.goal_version
    steps = [step for step in state.steps if isinstance(step, Score) or step[0] != target]
    if len(steps) == len(state.steps):
        raise ProjectionError(
            f"match {annulment.match_id!r}: the annulment at version {version} names "
            f"version {target}, which is not a goal that stands"
        )
    return _retold(steps, version)


def _moved_on(state: MatchStory, version: int) -> MatchStory:
    """``state`` at a later version, nothing else changed (without keyword-argument overhead)."""
    story = _new(MatchStory)
    _set(story, "home", state.home)
    _set(story, "away", state.away)
    _set(story, "lead_changes", state.lead_changes)
    _set(story, "leader", state.leader)
    _set(story, "score", state.score)
    _set(story, "current_run", state.current_run)
    _set(story, "steps", state.steps)
    _set(story, "version", version)
    return story


def _story(
    home: SideStory,
    away: SideStory,
    lead_changes: int,
    leader: Side | None,
    score: Score,
    current_run: ScoringRun | None,
    steps: SharedLog[_Step],
    version: int,
) -> MatchStory:
    """A MatchStory without the keyword-argument and converter overhead."""
    story = _new(MatchStory)
    _set(story, "home", home)
    _set(story, "away", away)
    _set(story, "lead_changes", lead_changes)
    _set(story, "leader", leader)
    _set(story, "score", score)
    _set(story, "current_run", current_run)
    _set(story, "steps", steps)
    _set(story, "version", version)
    return story


def _run(side: Side, minutes: SharedLog[MatchClock]) -> ScoringRun:
    """A ScoringRun without the keyword-argument and converter overhead."""
    run = _new(ScoringRun)
    _set(run, "side", side)
    _set(run, "minutes", minutes)
    return run


_new = object.__new__
_set = object.__setattr__


_INITIAL: Final = MatchStory()

STORY: Final = StoryProjection()
"""The story projection (it holds no configuration, so one instance serves everyone)."""
