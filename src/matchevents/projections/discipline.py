"""The discipline projection: the cards shown in a match, and the players sent off.

>>> from matchevents import MatchScheduled, Card, CardKind, Side, clock, kick_off
>>> from matchevents.projections import fold
>>> events = [
...     MatchScheduled(match_id="m", home="A", away="B", competition="Cup", season="2024"),
...     kick_off("m"),
...     Card(match_id="m", side=Side.AWAY, player="Dee", at=clock(20)),
...     Card(match_id="m", side=Side.AWAY, player="Dee", at=clock(70), kind=CardKind.SECOND_YELLOW),
... ]
>>> [str(card.at) for card in fold(DISCIPLINE, events).dismissals]
["70'"]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from matchevents.events import Card, CardKind, Event
from matchevents.projections.sharedlog import SharedLog
from matchevents.score import Side

_NO_CARDS: Final[SharedLog[Card]] = SharedLog()


def _cards_log(cards: Iterable[Card]) -> SharedLog[Card]:
    return cards if type(cards) is SharedLog else SharedLog(cards)


@attrs.frozen(slots=True, kw_only=True)
class Discipline:
    """The cards of a match, in the order they were shown.

    Attributes:
        cards: every card (the :class:`~matchevents.events.Card` events themselves). A
            :class:`~matchevents.projections.sharedlog.SharedLog` (a sequence equal to the tuple
            of the same cards; a tuple given here is turned into one), shared with the states
            folded from this one, so that a card costs O(1) however many came before.
    """

    cards: SharedLog[Card] = attrs.field(default=_NO_CARDS, converter=_cards_log)

    @property
    def yellow_cards(self) -> tuple[Card, ...]:
        """First cautions (a second yellow is a dismissal, see :attr:`dismissals`)."""
        return tuple(card for card in self.cards if card.kind is CardKind.YELLOW)

    @property
    def dismissals(self) -> tuple[Card, ...]:
        """The cards that sent a player off: second yellows and straight reds."""
        return tuple(card for card in self.cards if card.kind.sends_off)

    def of(self, side: Side) -> tuple[Card, ...]:
        """One side's cards."""
        return tuple(card for card in self.cards if card.side is side)

    def players_sent_off(self, side: Side) -> tuple[str, ...]:
        """The names of one side's players sent off, in order."""
        return tuple(card.player for card in self.dismissals if card.side is side)

    def count(self, side: Side, kind: CardKind) -> int:
        """How many cards of ``kind`` one side received."""
        return sum(1 for card in self.cards if card.side is side and card.kind is kind)


class DisciplineProjection:
    """Folds events into their :class:`Discipline`; only cards change it.

    A card costs O(1) amortized however many were shown before (a season's bookings fold at the
    same cost per card as one match's). Mergeable: the cards of several matches fold in parts
    and combine, the left part's cards before the right part's.
    """

    __slots__ = ()

    def initial(self) -> Discipline:
        """No card shown."""
        return _INITIAL

    def apply(self, state: Discipline, event: Event) -> Discipline:
        """The discipline after ``event``."""
        if type(event) is Card:
            return _discipline(state.cards.appended(event))
        return state

    def merge(self, left: Discipline, right: Discipline) -> Discipline:
        """The cards of ``left`` followed by those of ``right``."""
        if not right.cards:
            return left
        if not left.cards:
            return right
        return _discipline(left.cards.extended(right.cards))


def _discipline(cards: SharedLog[Card]) -> Discipline:
    """A Discipline without the keyword-argument and converter overhead."""
    state = _new(Discipline)
    _set(state, "cards", cards)
    return state


_new = object.__new__
_set = object.__setattr__

_INITIAL: Final = Discipline()

DISCIPLINE: Final = DisciplineProjection()
"""The discipline projection (it holds no configuration, so one instance serves everyone)."""
