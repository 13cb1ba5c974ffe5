"""Projections: pure folds of events into read models (scores, outcomes, line-ups, the story).

The machinery (:mod:`~matchevents.projections.base`, :mod:`~matchevents.projections.timetravel`,
:mod:`~matchevents.projections.live`) works with any projection, the library's or your own; the
per-match projections each fold the events of one match. What they collect (goals, cards,
substitutions) is held in a :class:`~matchevents.projections.sharedlog.SharedLog`, shared between
successive states, so that each event costs the same however many came before.
"""

from matchevents.projections.base import (
    Combined,
    CombinedMergeable,
    MergeableProjection,
    Projection,
    combine,
    fold,
    scan,
)
from matchevents.projections.discipline import DISCIPLINE, Discipline, DisciplineProjection
from matchevents.projections.lineups import LINEUPS, Lineups, LineupsProjection, TeamSheet
from matchevents.projections.live import LiveProjection
from matchevents.projections.outcome import (
    OUTCOME,
    Decision,
    MatchOutcome,
    MatchResult,
    MatchStatus,
    OutcomeProjection,
    match_result,
)
from matchevents.projections.score import SCORE, ScoreLine, ScoreProjection, ScoreState, score_line
from matchevents.projections.scorers import (
    SCORERS,
    AssistEntry,
    ScorerEntry,
    Scorers,
    ScorersProjection,
)
from matchevents.projections.sharedlog import SharedLog
from matchevents.projections.story import (
    STORY,
    MatchStory,
    ScoringRun,
    SideStory,
    StoryProjection,
)
from matchevents.projections.timetravel import (
    clock_of,
    events_until,
    state_at_minute,
    state_at_version,
    with_clocks,
)

__all__ = [
    "DISCIPLINE",
    "LINEUPS",
    "OUTCOME",
    "SCORE",
    "SCORERS",
    "STORY",
    "AssistEntry",
    "Combined",
    "CombinedMergeable",
    "Decision",
    "Discipline",
    "DisciplineProjection",
    "Lineups",
    "LineupsProjection",
    "LiveProjection",
    "MatchOutcome",
    "MatchResult",
    "MatchStatus",
    "MatchStory",
    "MergeableProjection",
    "OutcomeProjection",
    "Projection",
    "ScoreLine",
    "ScoreProjection",
    "ScoreState",
    "ScorerEntry",
    "Scorers",
    "ScorersProjection",
    "ScoringRun",
    "SharedLog",
    "SideStory",
    "StoryProjection",
    "TeamSheet",
    "clock_of",
    "combine",
    "events_until",
    "fold",
    "match_result",
    "scan",
    "score_line",
    "state_at_minute",
    "state_at_version",
    "with_clocks",
]
