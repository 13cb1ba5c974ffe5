"""Hypothesis strategies and a state machine for testing code built on matchevents.

Install with ``pip install matchevents[testing]`` (it needs hypothesis).
"""

from matchevents.testing.matches import ALL_ENDINGS, Ending, can_be_played, live_matches, matches
from matchevents.testing.values import (
    Squad,
    events,
    match_clocks,
    match_formats,
    match_ids,
    player_names,
    schedules,
    scores,
    sides,
    squads,
    team_names,
    teams,
)

__all__ = [
    "ALL_ENDINGS",
    "Ending",
    "Squad",
    "can_be_played",
    "events",
    "live_matches",
    "match_clocks",
    "match_formats",
    "match_ids",
    "matches",
    "player_names",
    "schedules",
    "scores",
    "sides",
    "squads",
    "team_names",
    "teams",
]
