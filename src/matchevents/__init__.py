"""matchevents: event-sourced football match timelines.

Immutable, typed events (:mod:`matchevents.events`) are appended to a match's
:class:`~matchevents.timeline.Timeline`, which validates them against the rules of the match
(:mod:`matchevents.rules`). The names most code needs are importable from here.
"""

from matchevents.clock import MatchClock, Period, clock
from matchevents.errors import (
    CodecError,
    ConcurrencyError,
    InvalidValueError,
    ListenerError,
    MatchEventsError,
    ParallelReplayError,
    ProjectionError,
    RuleViolation,
    StoreBusyError,
    StoreError,
    TornTailError,
)
from matchevents.events import (
    EVENT_TYPES,
    AnnulmentReason,
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    KickOutcome,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchEvent,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
    end_of_extra_time,
    end_of_shootout,
    full_time,
    half_time,
    kick_off,
    second_half,
)
from matchevents.formats import AwayGoals, FormatKind, MatchFormat
from matchevents.rules import Rule
from matchevents.score import Score, Side
from matchevents.timeline import MatchPhase, Timeline

__version__ = "0.1.0"

__all__ = [
    "EVENT_TYPES",
    "AnnulmentReason",
    "AwayGoals",
    "Card",
    "CardKind",
    "CodecError",
    "ConcurrencyError",
    "Event",
    "FormatKind",
    "Goal",
    "GoalAnnulled",
    "GoalKind",
    "InvalidValueError",
    "KickOutcome",
    "LineupAnnounced",
    "ListenerError",
    "MatchAbandoned",
    "MatchAwarded",
    "MatchClock",
    "MatchEvent",
    "MatchEventsError",
    "MatchFormat",
    "MatchPhase",
    "MatchPostponed",
    "MatchScheduled",
    "ParallelReplayError",
    "Period",
    "PeriodEnded",
    "PeriodStarted",
    "ProjectionError",
    "Rule",
    "RuleViolation",
    "Score",
    "ShootoutKick",
    "Side",
    "StoreBusyError",
    "StoreError",
    "Substitution",
    "Timeline",
    "TornTailError",
    "__version__",
    "clock",
    "end_of_extra_time",
    "end_of_shootout",
    "full_time",
    "half_time",
    "kick_off",
    "second_half",
]
