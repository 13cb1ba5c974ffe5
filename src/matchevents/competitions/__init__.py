"""Across matches: competition rules, results, team records, head-to-head, league tables, ties.

These read models fold the events of many matches. The rules of each competition and era are
values (:mod:`~matchevents.competitions.rulesets`), so that the same code reproduces the official
records of any of them.
"""

from matchevents.competitions.head_to_head import HeadToHead, head_to_head
from matchevents.competitions.records import (
    EMPTY_RECORD,
    Record,
    RecordBook,
    Streak,
    StreakKind,
    Venue,
    record_of,
)
from matchevents.competitions.results import (
    RESULTS,
    ResultsProjection,
    ResultsState,
    SharedLog,
    TeamOutcome,
    chronological,
    goals_of,
    outcome_of,
    played_match,
    played_on,
)
from matchevents.competitions.rulesets import (
    BUNDESLIGA,
    LA_LIGA,
    PREMIER_LEAGUE,
    PRESETS,
    SERIE_A,
    THREE_POINTS_FOR_A_WIN,
    TWO_POINTS_FOR_A_WIN,
    UEFA_GROUP_STAGE,
    UEFA_GROUP_STAGE_UNTIL_2021,
    UEFA_KNOCKOUT_FROM_2021,
    UEFA_KNOCKOUT_SOURCE,
    UEFA_KNOCKOUT_UNTIL_2021,
    UEFA_LEAGUE_PHASE,
    CompetitionRules,
    Criterion,
    PointsScheme,
    TieRules,
)
from matchevents.competitions.sanctions import CompetitionEvent, PointsDeduction
from matchevents.competitions.table import LeagueTable, Standing, Table, rank
from matchevents.competitions.ties import (
    SecondLegNeeds,
    Tie,
    TieDecision,
    TieOutcome,
    TieState,
    second_leg_needs,
)

__all__ = [
    "BUNDESLIGA",
    "EMPTY_RECORD",
    "LA_LIGA",
    "PREMIER_LEAGUE",
    "PRESETS",
    "RESULTS",
    "SERIE_A",
    "THREE_POINTS_FOR_A_WIN",
    "TWO_POINTS_FOR_A_WIN",
    "UEFA_GROUP_STAGE",
    "UEFA_GROUP_STAGE_UNTIL_2021",
    "UEFA_KNOCKOUT_FROM_2021",
    "UEFA_KNOCKOUT_SOURCE",
    "UEFA_KNOCKOUT_UNTIL_2021",
    "UEFA_LEAGUE_PHASE",
    "CompetitionEvent",
    "CompetitionRules",
    "Criterion",
    "HeadToHead",
    "LeagueTable",
    "PointsDeduction",
    "PointsScheme",
    "Record",
    "RecordBook",
    "ResultsProjection",
    "ResultsState",
    "SecondLegNeeds",
    "SharedLog",
    "Standing",
    "Streak",
    "StreakKind",
    "Table",
    "TeamOutcome",
    "Tie",
    "TieDecision",
    "TieOutcome",
    "TieRules",
    "TieState",
    "Venue",
    "chronological",
    "goals_of",
    "head_to_head",
    "outcome_of",
    "played_match",
    "played_on",
    "rank",
    "record_of",
    "second_leg_needs",
]
