"""Sanctions: events of a competition rather than of a match.

A points deduction is decided by the competition's authority, on a date, against a team. It is a
fact of the competition's history like a result, so it is an event too: folded into a league table
beside the match events, it makes the table equal the official one.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from datetime import date

import attrs

from matchevents.errors import InvalidValueError


def _points(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value == 0:
        raise InvalidValueError(
            f"a points deduction takes a non-zero int of points, got {value!r} "
            f"(team {getattr(instance, 'team', '?')!r})"
        )


def _name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"a points deduction needs a {attribute.name}, got {value!r}")


@attrs.frozen(slots=True, kw_only=True)
class PointsDeduction:
    """Points taken from a team's total in a competition's season by its authority.

    A reduction on appeal is a later deduction of negative points (Everton in 2023-24: 10 points
    deducted in November, reduced to 6 in February, then 2 more in April, 8 in all), so that the
    history stays append-only and the table after any date is right.

    Attributes:
        competition: the competition, as the matches' schedules name it.
        season: the season, as the matches' schedules name it.
        team: the team sanctioned, as the matches name it.
        points: the points taken away; negative for points given back.
        reason: why, as the authority gave it.
        on: the date the decision took effect; None when unknown (it then counts from the start).
    """

    competition: str = attrs.field(validator=_name)
    season: str = attrs.field(validator=_name)
    team: str = attrs.field(validator=_name)
    points: int = attrs.field(validator=_points)
    reason: str = ""
    on: date | None = None


CompetitionEvent = PointsDeduction
"""An event of a competition that is not an event of one match (so far: points deductions)."""


def unknown_team_message(deduction: PointsDeduction, known: Collection[str]) -> str:
    """Why ``deduction`` cannot count: its team is none of ``known``, the teams of its season;
    with the closest names, or the names of all of them."""
    season = f"{deduction.competition} {deduction.season}"
    what = f"points deduction of {deduction.points} from {deduction.team!r} ({season})"
    if not known:
        return f"{what}: there is no match of {season}"
    close = difflib.get_close_matches(deduction.team, sorted(known), n=3, cutoff=0.6)
    if not close:
        lowered = deduction.team.casefold()
        close = sorted(t for t in known if lowered in t.casefold() or t.casefold() in lowered)
    if close:
        hint = "did you mean " + " or ".join(repr(name) for name in close) + "?"
    else:
        hint = "its teams are " + ", ".join(sorted(known))
    return f"{what}: no match of {season} has that team; {hint}"
