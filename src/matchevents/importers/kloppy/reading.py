"""A kloppy ``EventDataset`` read as :class:`~matchevents.importers.kloppy.facts.MatchFacts`.

This is the narrow boundary with kloppy, which ships no type information: every value read from
its objects is checked and converted here (names to ``str``, periods to
:class:`~matchevents.clock.Period`, kloppy's enums by their values through the tables below), and
nothing past this module sees a kloppy object. It needs no import of kloppy itself, so it is
typed and tested apart from the installed version.

How kloppy represents what a timeline needs, for every provider it reads:

- a goal is a ``ShotEvent`` whose result is ``GOAL``; a penalty carries a ``SetPieceQualifier``
  of ``PENALTY``;
- an own goal is a ``ShotEvent`` whose result is ``OWN_GOAL``, of the team of the player who put
  the ball in (so it counts for the other side);
- a kick of the shoot-out is a ``ShotEvent`` in period 5;
- a card is a ``CardEvent`` (first yellow, second yellow, red), a substitution a
  ``SubstitutionEvent`` (``player`` off, ``replacement_player`` on).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, Final

from matchevents.clock import Period
from matchevents.errors import ImportSourceError
from matchevents.events import CardKind
from matchevents.importers.kloppy.facts import (
    Booking,
    Change,
    Happening,
    MatchFacts,
    Moment,
    Shot,
    ShotEnd,
    Squad,
    Unreadable,
)
from matchevents.score import Score, Side

# kloppy's enums, by value: the adapter reads them without importing kloppy.
SHOT_ENDS: Final[dict[str, ShotEnd]] = {
    "GOAL": ShotEnd.GOAL,
    "OWN_GOAL": ShotEnd.OWN_GOAL,
    "SAVED": ShotEnd.SAVED,
    "OFF_TARGET": ShotEnd.MISSED,
    "POST": ShotEnd.MISSED,
    "BLOCKED": ShotEnd.NOT_SCORED,
}
"""kloppy's ``ShotResult`` values; a shot without a result did not go in either."""
CARDS: Final[dict[str, CardKind]] = {
    "FIRST_YELLOW": CardKind.YELLOW,
    "SECOND_YELLOW": CardKind.SECOND_YELLOW,
    "RED": CardKind.RED,
}
"""kloppy's ``CardType`` values."""
GROUNDS: Final[dict[str, Side]] = {"home": Side.HOME, "away": Side.AWAY}
"""kloppy's ``Ground`` values."""
PERIODS: Final[dict[int, Period]] = {period.value: period for period in Period}
"""kloppy's period ids: 1 and 2 the halves, 3 and 4 extra time, 5 the shoot-out."""


def read_dataset(dataset: Any) -> MatchFacts:
    """The facts of one match in a kloppy ``EventDataset``: its teams, squads, periods, recorded
    score, and its goals, shoot-out kicks, cards and substitutions in the provider's order.

    Raises:
        ImportSourceError: the dataset is not one match's event data (no two teams, home and
            away; a period kloppy numbers outside 1 to 5).
    """
    metadata = dataset.metadata
    teams = list(metadata.teams)
    sides = [_side(team) for team in teams]
    if len(teams) != 2 or set(sides) != {Side.HOME, Side.AWAY}:
        raise ImportSourceError(
            f"a match has a home and an away team; the dataset has {len(teams)} team(s)"
        )
    squads = {side: _squad(team, side) for team, side in zip(teams, sides, strict=True)}
    side_of_team = {str(team.team_id): side for team, side in zip(teams, sides, strict=True)}
    happenings: list[Happening] = []
    left_out: list[str] = []
    for event in dataset.events:
        kind = str(event.event_type.value)
        if kind == "SHOT":
            shot = _shot(event, side_of_team)
            if shot is not None:
                happenings.append(shot)
        elif kind == "CARD":
            booking = _booking(event, side_of_team)
            if isinstance(booking, str):
                left_out.append(booking)
            else:
                happenings.append(booking)
        elif kind == "SUBSTITUTION":
            happenings.append(_change(event, side_of_team))
    kickoff, day = _when(metadata.date)
    return MatchFacts(
        provider=str(metadata.provider.value),
        home=squads[Side.HOME],
        away=squads[Side.AWAY],
        kickoff=kickoff,
        day=day,
        game_week=None if metadata.game_week is None else str(metadata.game_week),
        periods=tuple(_period(period.id) for period in metadata.periods),
        score=_score(metadata.score),
        happenings=tuple(happenings),
        left_out=tuple(left_out),
    )


def player_name(player: Any) -> str | None:
    """A player's name as the provider writes it: its full name, else first and last name;
    None where it gives neither (kloppy's ``full_name`` would make one up from the shirt)."""
    if player is None:
        return None
    name = player.name
    if name:
        return str(name)
    parts = [str(part) for part in (player.first_name, player.last_name) if part]
    return " ".join(parts) or None


def _side(team: Any) -> Side:
    ground = GROUNDS.get(str(team.ground.value))
    if ground is None:
        raise ImportSourceError(f"team {team.name!r} is neither home nor away: {team.ground}")
    return ground


def _squad(team: Any, side: Side) -> Squad:
    starting: list[str] = []
    substitutes: list[str] = []
    for player in team.players:
        name = player_name(player)
        if name is not None:
            (starting if player.starting else substitutes).append(name)
    return Squad(
        side=side, team=str(team.name), starting=tuple(starting), substitutes=tuple(substitutes)
    )


def _period(number: object) -> Period:
    period = PERIODS.get(number) if isinstance(number, int) else None
    if period is None:
        raise ImportSourceError(f"kloppy numbers a period {number!r}: not one of 1 to 5")
    return period


def _moment(event: Any) -> Moment:
    return Moment(
        event_id=str(event.event_id),
        period=_period(event.period.id),
        elapsed=_elapsed(event.timestamp),
    )


def _elapsed(value: object) -> timedelta:
    if not isinstance(value, timedelta):
        raise ImportSourceError(
            f"an event's timestamp is not a time since its period began: {value!r}"
        )
    return value


def _team_side(event: Any, side_of_team: dict[str, Side]) -> Side:
    team = event.team
    side = None if team is None else side_of_team.get(str(team.team_id))
    if side is None:
        raise ImportSourceError(f"event {event.event_id} belongs to neither team: {team!r}")
    return side


def _shot(event: Any, side_of_team: dict[str, Side]) -> Shot | None:
    result = event.result
    end = ShotEnd.NOT_SCORED if result is None else SHOT_ENDS.get(str(result.value))
    if end is None:
        end = ShotEnd.NOT_SCORED
    at = _moment(event)
    if end not in (ShotEnd.GOAL, ShotEnd.OWN_GOAL) and at.period is not Period.PENALTY_SHOOTOUT:
        return None
    return Shot(
        at=at,
        side=_team_side(event, side_of_team),
        player=player_name(event.player),
        end=end,
        penalty=_is_penalty(event.qualifiers or ()),
    )


def _is_penalty(qualifiers: Iterable[Any]) -> bool:
    return any(
        str(getattr(qualifier, "name", "")) == "set_piece"
        and str(getattr(qualifier.value, "value", "")) == "PENALTY"
        for qualifier in qualifiers
    )


def _booking(event: Any, side_of_team: dict[str, Side]) -> Booking | Unreadable | str:
    at = _moment(event)
    player = player_name(event.player)
    if player is None:
        # A card of the team's bench (Stats Perform names the official, not a player): no
        # player's card, which is all a timeline records.
        return f"event {at.event_id}: a card shown to no player of {event.team}"
    card_type = event.card_type
    card = None if card_type is None else CARDS.get(str(card_type.value))
    side = _team_side(event, side_of_team)
    if card is None:
        return Unreadable(at=at, detail=f"a card of no known kind ({card_type!r}) for {player}")
    return Booking(at=at, side=side, player=player, card=card)


def _change(event: Any, side_of_team: dict[str, Side]) -> Change | Unreadable:
    at = _moment(event)
    side = _team_side(event, side_of_team)
    off, on = player_name(event.player), player_name(event.replacement_player)
    if off is None or on is None:
        missing = "the player coming off" if off is None else "the player coming on"
        return Unreadable(at=at, detail=f"a substitution ({side.value}) without {missing}")
    return Change(at=at, side=side, player_off=off, player_on=on)


def _when(value: object) -> tuple[datetime | None, date | None]:
    """The kick-off, or only the day where the provider gives a day without a time (kloppy makes
    it midnight: Stats Perform's MA1 ``date``)."""
    if not isinstance(value, datetime):
        return None, None
    if value.time() == time(0):
        return None, value.date()
    return value.replace(microsecond=0), None


def _score(value: Any) -> Score | None:
    """kloppy's ``metadata.score``; None where it holds no two goal counts (Metrica's EPTS
    metadata can carry an empty score)."""
    if value is None:
        return None
    home, away = _goals(value.home), _goals(value.away)
    return None if home is None or away is None else Score(home, away)


def _goals(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None
