"""Team names from event-data providers: the one place where they are mapped.

Providers write clubs their own way ("Sport-Club Freiburg", "Juventus FC", "Hamburger SV"). The
events keep the provider's spelling, as every importer's do, and the match id is made of the
canonical names where the import is given a map of names (team aliases, or a club registry: any
value with a ``canonical(name)`` method), so that the same match imported from two sources gets
one id. Players keep the provider's names: there is no registry of players to map them to.
"""

from __future__ import annotations

from typing import Protocol


class TeamNames(Protocol):
    """A map of team names: a spelling to the canonical name (``TeamAliases`` is one)."""

    def canonical(self, name: str) -> str:
        """The canonical name of ``name`` (``name`` itself when it knows no other)."""
        ...


def club_name(provider_name: str) -> str:
    """The name a club's events carry, for the name an event-data provider gives it: the
    provider's own, stripped of surrounding spaces.

    >>> club_name(" Juventus FC ")
    'Juventus FC'
    """
    return provider_name.strip()


def id_name(name: str, names: TeamNames | None) -> str:
    """The name a match id is made of: the canonical name where ``names`` has one."""
    return name if names is None else names.canonical(name)
