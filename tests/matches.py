"""Three real matches, written event by event with the public API.

Shared test data for every module: import the functions (``from matches import anfield_first_leg``)
and feed their events to a timeline, a projection, the codec or a store. Each call returns a fresh
list. Only facts of the public record are written down: goals, the recorded half-time and full-time
scores and the shoot-out; no cards, substitutions or line-ups.

- :func:`anfield_first_leg`: Europa League 2023-24 quarter-final, first leg, Liverpool 0-3 Atalanta.
- :func:`bergamo_second_leg`: the second leg, Atalanta 0-1 Liverpool; Atalanta through 3-1 on
  aggregate, so the match ends at full-time.
- :func:`istanbul_final`: 2005 Champions League final, AC Milan 3-3 Liverpool after extra time,
  Liverpool win the shoot-out 3-2.

:func:`shootout_by_its_score` turns a match with shoot-out kicks into the match as a source that
gives only the shoot-out's score records it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from matchevents import (
    Event,
    Goal,
    GoalKind,
    KickOutcome,
    MatchClock,
    MatchFormat,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    end_of_extra_time,
    end_of_shootout,
    full_time,
    half_time,
    kick_off,
)
from matchevents.formats import AwayGoals

ANFIELD_ID: Final = "uel-2023-24-qf-liverpool-atalanta-1"
"""Europa League 2023-24 quarter-final, first leg: Liverpool 0-3 Atalanta."""
BERGAMO_ID: Final = "uel-2023-24-qf-atalanta-liverpool-2"
"""Europa League 2023-24 quarter-final, second leg: Atalanta 0-1 Liverpool."""
ISTANBUL_ID: Final = "ucl-2004-05-final-milan-liverpool"
"""Champions League final 2005: AC Milan 3-3 Liverpool, Liverpool win 3-2 on penalties."""

ANFIELD_SCORE: Final = Score(0, 3)
"""The first leg's final score, written as that match was (Liverpool first)."""

_UK: Final = ZoneInfo("Europe/London")
_ITALY: Final = ZoneInfo("Europe/Rome")
_TURKEY: Final = ZoneInfo("Europe/Istanbul")


def anfield_first_leg() -> list[Event]:
    """Liverpool 0-3 Atalanta, Anfield, 11 April 2024: Scamacca 38', 60', Pašalić 83'."""
    m = ANFIELD_ID
    return [
        MatchScheduled(
            match_id=m,
            home="Liverpool",
            away="Atalanta",
            competition="UEFA Europa League",
            season="2023-24",
            stage="Quarter-final",
            format=MatchFormat.first_leg_of_tie(),
            kickoff=datetime(2024, 4, 11, 20, 0, tzinfo=_UK),
            venue="Anfield",
        ),
        kick_off(m),
        Goal(match_id=m, side=Side.AWAY, scorer="Gianluca Scamacca", at=MatchClock(38)),
        half_time(m, Score(0, 1)),
        PeriodStarted(match_id=m, period=Period.SECOND_HALF),
        Goal(match_id=m, side=Side.AWAY, scorer="Gianluca Scamacca", at=MatchClock(60)),
        Goal(match_id=m, side=Side.AWAY, scorer="Mario Pašalić", at=MatchClock(83)),
        full_time(m, Score(0, 3)),
    ]


def bergamo_second_leg(first_leg: Score = ANFIELD_SCORE) -> list[Event]:
    """Atalanta 0-1 Liverpool, Stadio di Bergamo, 18 April 2024: Salah (penalty) 7'.

    No away goals rule (UEFA, 2023-24); extra time and penalties if the tie were level.
    ``first_leg`` is the first leg's score as that match was written (Liverpool first); give
    another one to replay the same second leg in a tie that would still be level at full-time.
    """
    m = BERGAMO_ID
    return [
        MatchScheduled(
            match_id=m,
            home="Atalanta",
            away="Liverpool",
            competition="UEFA Europa League",
            season="2023-24",
            stage="Quarter-final",
            format=MatchFormat.second_leg_of_tie(
                first_leg, away_goals=AwayGoals.NOT_APPLIED, extra_time=True, shootout=True
            ),
            kickoff=datetime(2024, 4, 18, 21, 0, tzinfo=_ITALY),
            venue="Stadio di Bergamo (Gewiss Stadium)",
        ),
        kick_off(m),
        Goal(
            match_id=m,
            side=Side.AWAY,
            scorer="Mohamed Salah",
            at=MatchClock(7),
            kind=GoalKind.PENALTY,
        ),
        half_time(m, Score(0, 1)),
        PeriodStarted(match_id=m, period=Period.SECOND_HALF),
        full_time(m, Score(0, 1)),
    ]


def istanbul_final() -> list[Event]:
    """AC Milan 3-3 Liverpool (a.e.t.), Liverpool win 3-2 on penalties; Istanbul, 25 May 2005.

    A neutral venue: AC Milan are listed first (home) and kicked first in the shoot-out.
    """
    m = ISTANBUL_ID

    def milan(scorer: str, minute: int) -> Goal:
        return Goal(match_id=m, side=Side.HOME, scorer=scorer, at=MatchClock(minute))

    def liverpool(scorer: str, minute: int) -> Goal:
        return Goal(match_id=m, side=Side.AWAY, scorer=scorer, at=MatchClock(minute))

    def kick(side: Side, taker: str, outcome: KickOutcome) -> ShootoutKick:
        return ShootoutKick(match_id=m, side=side, taker=taker, outcome=outcome)

    return [
        MatchScheduled(
            match_id=m,
            home="AC Milan",
            away="Liverpool",
            competition="UEFA Champions League",
            season="2004-05",
            stage="Final",
            format=MatchFormat.knockout(),
            kickoff=datetime(2005, 5, 25, 21, 45, tzinfo=_TURKEY),
            venue="Atatürk Olympic Stadium, Istanbul",
        ),
        kick_off(m),
        milan("Paolo Maldini", 1),
        milan("Hernán Crespo", 39),
        milan("Hernán Crespo", 44),
        half_time(m, Score(3, 0)),
        PeriodStarted(match_id=m, period=Period.SECOND_HALF),
        liverpool("Steven Gerrard", 54),
        liverpool("Vladimír Šmicer", 56),
        # Dida saved Xabi Alonso's penalty and Alonso scored the rebound: the goal itself came
        # from open play, so it is not a GoalKind.PENALTY.
        liverpool("Xabi Alonso", 60),
        full_time(m, Score(3, 3)),
        PeriodStarted(match_id=m, period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodEnded(match_id=m, period=Period.EXTRA_TIME_FIRST_HALF, score=Score(3, 3)),
        PeriodStarted(match_id=m, period=Period.EXTRA_TIME_SECOND_HALF),
        end_of_extra_time(m, Score(3, 3)),
        PeriodStarted(match_id=m, period=Period.PENALTY_SHOOTOUT),
        kick(Side.HOME, "Serginho", KickOutcome.MISSED),
        kick(Side.AWAY, "Dietmar Hamann", KickOutcome.SCORED),
        kick(Side.HOME, "Andrea Pirlo", KickOutcome.SAVED),
        kick(Side.AWAY, "Djibril Cissé", KickOutcome.SCORED),
        kick(Side.HOME, "Jon Dahl Tomasson", KickOutcome.SCORED),
        kick(Side.AWAY, "John Arne Riise", KickOutcome.SAVED),
        kick(Side.HOME, "Kaká", KickOutcome.SCORED),
        kick(Side.AWAY, "Vladimír Šmicer", KickOutcome.SCORED),
        kick(Side.HOME, "Andriy Shevchenko", KickOutcome.SAVED),
        PeriodEnded(match_id=m, period=Period.PENALTY_SHOOTOUT),
    ]


def shootout_by_its_score(events: Sequence[Event]) -> list[Event]:
    """The match as a coarse source knows it: no shoot-out kicks, and the shoot-out's score (the
    kicks scored) recorded at its end. A match without kicks is returned as it is."""
    kicks = [e for e in events if isinstance(e, ShootoutKick)]
    if not kicks:
        return list(events)  # no shoot-out, or one already known only by its score
    scored = Score(
        sum(k.scored for k in kicks if k.side is Side.HOME),
        sum(k.scored for k in kicks if k.side is Side.AWAY),
    )
    coarse: list[Event] = []
    for event in events:
        if isinstance(event, ShootoutKick):
            continue
        if isinstance(event, PeriodEnded) and event.period is Period.PENALTY_SHOOTOUT:
            event = end_of_shootout(event.match_id, scored)
        coarse.append(event)
    return coarse


def all_matches() -> dict[str, list[Event]]:
    """Every match of this module by match id, each a fresh list of events."""
    return {
        ANFIELD_ID: anfield_first_leg(),
        BERGAMO_ID: bergamo_second_leg(),
        ISTANBUL_ID: istanbul_final(),
    }
