"""Team names from event-data providers: the one place where they are mapped.

Providers write clubs their own way ("Juventus FC", "Sport-Club Freiburg", "Hamburger SV"). As in
every import, a club registry (:mod:`matchevents.teams`, the bundled one by default) names them:
the events carry each club's canonical name, or the provider's with ``source_names``, and the
match id is made of canonical names, so that the same match imported from two sources gets one
id. A spelling the registry names no single club by is written as the provider writes it and
listed (:attr:`~matchevents.importers.ImportResult.unknown_teams`), or its match refused with
``strict_teams``. Players keep the provider's names: there is no registry of players.
"""

from __future__ import annotations

import attrs

from matchevents.importers.report import Problem
from matchevents.teams import ClubRegistry, bundled_clubs


def club_name(provider_name: str) -> str:
    """A club's spelling as an event-data provider gives it, stripped of surrounding spaces.

    >>> club_name(" Juventus FC ")
    'Juventus FC'
    """
    return provider_name.strip()


@attrs.frozen(slots=True)
class TeamNaming:
    """How an import of event data names teams.

    Attributes:
        registry: the club registry.
        source_names: the events keep the provider's spellings (the match id still uses the
            canonical names).
        strict: a match naming a team the registry names no single club by is refused.
    """

    registry: ClubRegistry = attrs.field(factory=bundled_clubs)
    source_names: bool = False
    strict: bool = False

    def written(self, spelling: str) -> str:
        """The name the events carry for a provider's ``spelling``.

        >>> TeamNaming().written("Juventus FC")
        'Juventus'
        """
        return spelling if self.source_names else self.registry.lookup(spelling).name

    def refusal(self, spelling: str) -> tuple[Problem, str] | None:
        """Why a strict import refuses a match naming ``spelling``, if it does."""
        if not self.strict:
            return None
        found = self.registry.lookup(spelling)
        if found.club is not None:
            return None
        problem = Problem.AMBIGUOUS_CLUB if found.candidates else Problem.UNKNOWN_CLUB
        return problem, str(found.error())
