"""Projections: pure folds of events into read models (scores, outcomes, tables, …)."""

from matchevents.projections.base import MergeableProjection, Projection, fold, scan
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

__all__ = [
    "OUTCOME",
    "SCORE",
    "Decision",
    "MatchOutcome",
    "MatchResult",
    "MatchStatus",
    "MergeableProjection",
    "OutcomeProjection",
    "Projection",
    "ScoreLine",
    "ScoreProjection",
    "ScoreState",
    "fold",
    "match_result",
    "scan",
    "score_line",
]
