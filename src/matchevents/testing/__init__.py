"""Hypothesis strategies and a state machine for testing code built on matchevents.

Install with ``pip install "matchevents[testing]"`` (it needs hypothesis). One source of truth
for "a valid match": matchevents' own property tests use these strategies too.

- values and single events: :func:`match_ids`, :func:`team_names`, :func:`teams`,
  :func:`player_names`, :func:`squads`, :func:`sides`, :func:`scores`, :func:`match_clocks`,
  :func:`match_formats`, :func:`schedules`, :func:`events`;
- whole matches: :func:`matches` (valid timelines of every format and ending),
  :func:`live_matches` (prefixes: a match at any moment), :func:`invalid_continuations` (a valid
  prefix and one bad event, labelled with the rule it breaks);
- many matches: :func:`round_robin_seasons`, :func:`two_legged_rounds`, :func:`interleaved_feeds`,
  :func:`interleavings`;
- :func:`projection_machine`: a state machine checking a projection after every append;
- :func:`register_profiles` and :func:`load_profile`: the ``dev`` and ``ci`` settings profiles.
"""

try:
    import hypothesis  # noqa: F401
except ImportError as missing:  # pragma: no cover - depends on the environment
    raise ImportError(
        "matchevents.testing needs hypothesis: pip install 'matchevents[testing]'"
    ) from missing

from matchevents.testing.competitions import (
    GeneratedCompetition,
    interleaved_feeds,
    interleavings,
    round_robin_pairings,
    round_robin_seasons,
    two_legged_rounds,
)
from matchevents.testing.invalid import InvalidContinuation, Situation, invalid_continuations
from matchevents.testing.machine import TimelineMachine, projection_machine
from matchevents.testing.matches import ALL_ENDINGS, Ending, can_be_played, live_matches, matches
from matchevents.testing.profiles import load_profile, register_profiles
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
    "GeneratedCompetition",
    "InvalidContinuation",
    "Situation",
    "Squad",
    "TimelineMachine",
    "can_be_played",
    "events",
    "interleaved_feeds",
    "interleavings",
    "invalid_continuations",
    "live_matches",
    "load_profile",
    "match_clocks",
    "match_formats",
    "match_ids",
    "matches",
    "player_names",
    "projection_machine",
    "register_profiles",
    "round_robin_pairings",
    "round_robin_seasons",
    "schedules",
    "scores",
    "sides",
    "squads",
    "team_names",
    "teams",
    "two_legged_rounds",
]
