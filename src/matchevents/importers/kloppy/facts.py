"""What the adapter reads from a kloppy dataset, as plain values: the typed middle step.

:mod:`~matchevents.importers.kloppy.reading` turns a kloppy ``EventDataset`` into one
:class:`MatchFacts` (the only code that touches kloppy's objects), and
:mod:`~matchevents.importers.kloppy.building` turns the facts into matchevents events. Only what
a timeline records is kept: goals, shoot-out kicks, cards and substitutions, each with the
provider's event id so that a rejection names the event to look at.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

import attrs

from matchevents.clock import Period
from matchevents.events import CardKind
from matchevents.score import Score, Side


class ShotEnd(enum.Enum):
    """How a shot kept by the adapter ended, in kloppy's words (``ShotResult``)."""

    GOAL = "goal"
    OWN_GOAL = "own_goal"
    """Put into their own net: the shot's team is the player's, the goal counts for the other."""
    SAVED = "saved"
    MISSED = "missed"
    """Off target or against the woodwork."""
    NOT_SCORED = "not_scored"
    """Blocked, or with no result: it did not go in, and kloppy says no more."""


@attrs.frozen(slots=True, kw_only=True)
class Moment:
    """Where an event of the provider stands: its id, period and time since the period began."""

    event_id: str
    period: Period
    elapsed: timedelta


@attrs.frozen(slots=True, kw_only=True)
class Shot:
    """A goal or own goal during play, or any kick of a shoot-out.

    Attributes:
        side: the side of the shot's team: for an own goal, the side of the player who put the
            ball in, which is not the side the goal counts for.
        player: the player, as the provider names them, where it does.
    """

    at: Moment
    side: Side
    player: str | None
    end: ShotEnd
    penalty: bool = False


@attrs.frozen(slots=True, kw_only=True)
class Booking:
    """A card shown to a player (kloppy's ``CardEvent``)."""

    at: Moment
    side: Side
    player: str
    card: CardKind


@attrs.frozen(slots=True, kw_only=True)
class Change:
    """A substitution: ``player_off`` leaves, ``player_on`` comes on."""

    at: Moment
    side: Side
    player_off: str
    player_on: str


@attrs.frozen(slots=True, kw_only=True)
class Unreadable:
    """An event the adapter cannot turn into a fact (a substitution nobody comes on in, a card
    of an unknown kind): the provider's defect, reported with the match."""

    at: Moment
    detail: str


Happening = Shot | Booking | Change | Unreadable
"""Anything :class:`MatchFacts` lists, in the provider's order."""


@attrs.frozen(slots=True, kw_only=True)
class Squad:
    """One side's team and players as the metadata names them.

    Attributes:
        starting: the starting eleven, in the provider's order (empty when it gives none).
        substitutes: the other players of the match squad.
    """

    side: Side
    team: str
    starting: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class MatchFacts:
    """One match as an event-data provider records it, read through kloppy.

    Attributes:
        provider: kloppy's name of the provider (``"statsbomb"``, ``"opta"``, ...).
        home: the home side (kloppy's first team).
        away: the away side.
        kickoff: the kick-off, where the provider gives its time.
        day: the day of the match, where the provider gives the day but no time.
        game_week: the match day or stage, as the provider writes it.
        periods: the periods played, in order.
        score: the final score the provider records (kloppy's ``metadata.score``), where it does.
        half_time: the half-time score the provider records, where it does.
        happenings: goals, kicks, cards and substitutions, in the provider's order.
        left_out: events read but left out, in words (a card shown to a team official).
    """

    provider: str
    home: Squad
    away: Squad
    kickoff: datetime | None = None
    day: date | None = None
    game_week: str | None = None
    periods: tuple[Period, ...]
    score: Score | None = None
    half_time: Score | None = None
    happenings: tuple[Happening, ...] = ()
    left_out: tuple[str, ...] = ()

    def squad(self, side: Side) -> Squad:
        """The squad of one side."""
        return self.home if side is Side.HOME else self.away
