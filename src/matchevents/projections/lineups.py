"""The line-ups projection: who started, who came on and off, and who is on the pitch.

With line-ups announced, :meth:`TeamSheet.on_pitch` is known at every moment: starters, minus
players substituted off or sent off, plus players who came on. Without line-ups only the changes
are known, and ``on_pitch`` is None. Combine with time travel for 'who was on the pitch in the
70th minute': ``state_at_minute(LINEUPS, events, "70").home.on_pitch``.

>>> from matchevents import MatchScheduled, LineupAnnounced, Substitution, Side, clock, kick_off
>>> from matchevents.projections import fold
>>> events = [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     LineupAnnounced(match_id="m", side=Side.HOME, starting=["Ann", "Bea"], substitutes=["Cy"]),
...     kick_off("m"),
...     Substitution(match_id="m", side=Side.HOME, player_off="Bea", player_on="Cy", at=clock(60)),
... ]
>>> sorted(fold(LINEUPS, events).home.on_pitch)
['Ann', 'Cy']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, cast

import attrs

from matchevents.events import Card, Event, LineupAnnounced, Substitution
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import Side

_NO_SUBSTITUTIONS: Final[SharedLog[Substitution]] = SharedLog()
_NOBODY: Final[SharedLog[str]] = SharedLog()


def _substitutions_log(substitutions: Iterable[Substitution]) -> SharedLog[Substitution]:
    return substitutions if type(substitutions) is SharedLog else SharedLog(substitutions)


def _names_log(names: Iterable[str]) -> SharedLog[str]:
    return names if type(names) is SharedLog else SharedLog(names)


@attrs.frozen(slots=True, kw_only=True)
class TeamSheet:
    """One side's players.

    Attributes:
        starting: the starting players, or None where no line-up was announced.
        substitutes: the named substitutes (empty where no line-up was announced).
        on_pitch: the players on the pitch now, or None where no line-up was announced.
        substitutions: the side's substitutions, in order.
        sent_off: the players sent off (second yellow or red), in order.

    ``substitutions`` and ``sent_off`` are
    :class:`~matchevents.projections.sharedlog.SharedLog` sequences (each equal to the tuple of
    the same items; a tuple given here is turned into one), shared with the sheets folded from
    this one, so that a substitution or a dismissal costs O(1) however many came before.
    """

    starting: tuple[str, ...] | None = None
    substitutes: tuple[str, ...] = ()
    on_pitch: frozenset[str] | None = None
    substitutions: SharedLog[Substitution] = attrs.field(
        default=_NO_SUBSTITUTIONS, converter=_substitutions_log
    )
    sent_off: SharedLog[str] = attrs.field(default=_NOBODY, converter=_names_log)

    @property
    def unused_substitutes(self) -> tuple[str, ...]:
        """Named substitutes who have not come on."""
        came_on = {substitution.player_on for substitution in self.substitutions}
        return tuple(name for name in self.substitutes if name not in came_on)

    @property
    def players_used(self) -> tuple[str, ...]:
        """Everyone who played: the starters (where known), then the substitutes who came on."""
        starters = self.starting or ()
        return starters + tuple(substitution.player_on for substitution in self.substitutions)


_EMPTY_SHEET: Final = TeamSheet()


@attrs.frozen(slots=True, kw_only=True)
class Lineups:
    """Both sides' :class:`TeamSheet`."""

    home: TeamSheet = _EMPTY_SHEET
    away: TeamSheet = _EMPTY_SHEET

    def of(self, side: Side) -> TeamSheet:
        """One side's team sheet."""
        return self.home if side is Side.HOME else self.away

    def _with(self, side: Side, sheet: TeamSheet) -> Lineups:
        lineups = _new(Lineups)
        if side is Side.HOME:
            _set(lineups, "home", sheet)
            _set(lineups, "away", self.away)
        else:
            _set(lineups, "home", self.home)
            _set(lineups, "away", sheet)
        return lineups


_new = object.__new__
_set = object.__setattr__


def _sheet(
    starting: tuple[str, ...] | None,
    substitutes: tuple[str, ...],
    on_pitch: frozenset[str] | None,
    substitutions: SharedLog[Substitution],
    sent_off: SharedLog[str],
) -> TeamSheet:
    """A TeamSheet without the keyword-argument overhead."""
    sheet = _new(TeamSheet)
    _set(sheet, "starting", starting)
    _set(sheet, "substitutes", substitutes)
    _set(sheet, "on_pitch", on_pitch)
    _set(sheet, "substitutions", substitutions)
    _set(sheet, "sent_off", sent_off)
    return sheet


def _announced(sheet: TeamSheet, event: LineupAnnounced) -> TeamSheet:
    return _sheet(
        event.starting,
        event.substitutes,
        frozenset(event.starting),
        sheet.substitutions,
        sheet.sent_off,
    )


def _substituted(sheet: TeamSheet, event: Substitution) -> TeamSheet:
    on_pitch = sheet.on_pitch
    if on_pitch is not None:
        on_pitch = (on_pitch - {event.player_off}) | {event.player_on}
    return _sheet(
        sheet.starting,
        sheet.substitutes,
        on_pitch,
        sheet.substitutions.appended(event),
        sheet.sent_off,
    )


def _sent_off(sheet: TeamSheet, player: str) -> TeamSheet:
    on_pitch = sheet.on_pitch
    if on_pitch is not None:
        on_pitch = on_pitch - {player}
    return _sheet(
        sheet.starting,
        sheet.substitutes,
        on_pitch,
        sheet.substitutions,
        sheet.sent_off.appended(player),
    )


class LineupsProjection:
    """Folds a match's events into its :class:`Lineups`.

    Assumes the events of one match, in the order a timeline accepted them. Only line-ups,
    substitutions and dismissals change the state; every other event returns it unchanged. Each
    costs O(1) amortized however many came before (the players on the pitch, a set of at most
    eleven, are copied).
    """

    __slots__ = ()

    def initial(self) -> Lineups:
        """No line-up known, nobody changed."""
        return _INITIAL

    def apply(self, state: Lineups, event: Event) -> Lineups:
        """The line-ups after ``event``."""
        kind = type(event)
        if kind is Substitution:
            substitution = cast(Substitution, event)
            side = substitution.side
            return state._with(side, _substituted(state.of(side), substitution))
        if kind is Card:
            card = cast(Card, event)
            if card.kind.sends_off:
                return state._with(card.side, _sent_off(state.of(card.side), card.player))
        elif kind is LineupAnnounced:
            lineup = cast(LineupAnnounced, event)
            return state._with(lineup.side, _announced(state.of(lineup.side), lineup))
        return state


_INITIAL: Final = Lineups()

LINEUPS: Final = LineupsProjection()
"""The line-ups projection (it holds no configuration, so one instance serves everyone)."""
