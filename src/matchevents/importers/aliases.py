"""Deprecated: team aliases are the club registry now (:mod:`matchevents.teams`).

``TeamAliases`` is :class:`~matchevents.teams.ClubRegistry` (its ``from_groups``, ``from_csv``,
``canonical``, ``merged``, ``names`` and ``in`` work as they did, and its CSV files, rows of
``canonical,alias,...``, are registry files), and ``PREMIER_LEAGUE_ALIASES`` is the bundled
registry (:func:`~matchevents.teams.bundled_clubs`), which maps every spelling it did to the same
canonical name. Both names warn (``DeprecationWarning``) and will go in a later release.
"""

from __future__ import annotations

import warnings
from typing import Any

from matchevents.teams import ClubRegistry, bundled_clubs

__all__ = ["PREMIER_LEAGUE_ALIASES", "TeamAliases"]  # noqa: F822 - given by __getattr__


def deprecated(name: str) -> Any:
    """The value of a deprecated name (``TeamAliases``, ``PREMIER_LEAGUE_ALIASES``), with its
    warning; AttributeError for any other name."""
    if name == "TeamAliases":
        warnings.warn(
            "TeamAliases is deprecated: use matchevents.teams.ClubRegistry",
            DeprecationWarning,
            stacklevel=3,
        )
        return ClubRegistry
    if name == "PREMIER_LEAGUE_ALIASES":
        warnings.warn(
            "PREMIER_LEAGUE_ALIASES is deprecated: use matchevents.teams.bundled_clubs()",
            DeprecationWarning,
            stacklevel=3,
        )
        return bundled_clubs()
    raise AttributeError(name)


def __getattr__(name: str) -> Any:
    try:
        return deprecated(name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
