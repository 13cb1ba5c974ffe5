"""The schema history of the catalogue: upcasters from every older layout to the current one.

Only the goal has changed so far (see ``docs/how-to/evolve-schema.md``):

- **goal v1**: ``{"team", "player", "minute", "penalty", "own_goal"}``. ``team`` was the team of
  the player who put the ball in (an own goal was listed under the scorer's own team, the way
  line-up based feeds write it), ``minute`` the minute as the source wrote it (``"45+3'"``,
  ``"90 +2"``), and the kind two booleans.
- **goal v2**: ``{"side", "scorer", "at", "kind"}``. The minute in canonical form (``"45+3"``) and
  the kind an enum, but ``side`` still the scorer's team.
- **goal v3** (current): ``side`` is the side the goal *counts for*, so that a fold adds a goal to
  ``side`` without looking at the kind; an optional ``assist``.

An optional field that defaults to None and is left out when None needs no new version (older
objects are valid as they are; an older reader meets the new key in its unknown-field check):
``match_scheduled``'s ``date`` (a match day without a kick-off time) and ``period_ended``'s
``penalties`` (a shoot-out recorded by its score alone) were added so, at version 1.

Each upcaster takes the object at one version and returns it at the next (the codec sets ``v``);
it raises :class:`~matchevents.errors.CodecError` naming the field it could not read, whatever
the field holds (a list where a side should be is a bad line, not a crash).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from matchevents.clock import MatchClock
from matchevents.codec.converter import clock_to_text, got
from matchevents.errors import CodecError, InvalidValueError

JsonObject = dict[str, Any]
Upcaster = Callable[[JsonObject], JsonObject]

_OTHER_SIDE: Final = {"home": "away", "away": "home"}


def goal_v1_to_v2(obj: JsonObject) -> JsonObject:
    """Goal v1 -> v2: ``team``/``player``/``minute`` renamed ``side``/``scorer``/``at`` (the minute
    put in canonical form), and the ``penalty``/``own_goal`` flags folded into ``kind``."""
    out = {key: value for key, value in obj.items() if key not in _V1_ONLY}
    minute = obj.get("minute")
    if type(minute) is not str:
        raise CodecError("missing or not a string", field="minute", expected="a minute as text")
    try:
        out["at"] = clock_to_text(MatchClock.parse(minute))
    except InvalidValueError as error:
        raise CodecError(str(error), field="minute", expected="a minute such as '45+3'") from None
    penalty, own_goal = obj.get("penalty", False), obj.get("own_goal", False)
    for name, flag in (("penalty", penalty), ("own_goal", own_goal)):
        if type(flag) is not bool:
            raise CodecError(got(flag), field=name, expected="true or false")
    if penalty and own_goal:
        raise CodecError(
            "a goal cannot be both a penalty and an own goal",
            field="own_goal",
            expected="at most one of penalty and own_goal",
        )
    out["kind"] = "penalty" if penalty else "own_goal" if own_goal else "open_play"
    if "team" in obj:
        out["side"] = obj["team"]
    if "player" in obj:
        out["scorer"] = obj["player"]
    return out


_V1_ONLY: Final = frozenset({"team", "player", "minute", "penalty", "own_goal"})


def goal_v2_to_v3(obj: JsonObject) -> JsonObject:
    """Goal v2 -> v3: an own goal's ``side`` becomes the side it counts for (the other side from
    the scorer's); other goals are unchanged."""
    if obj.get("kind") != "own_goal":
        return obj
    side = obj.get("side")
    if type(side) is not str or side not in _OTHER_SIDE:
        raise CodecError(got(side), field="side", expected="one of 'home', 'away'")
    return {**obj, "side": _OTHER_SIDE[side]}


CATALOGUE_VERSIONS: Final = {"goal": 3}
"""The current schema version of each catalogue type that is not at version 1."""

CATALOGUE_UPCASTERS: Final[dict[tuple[str, int], Upcaster]] = {
    ("goal", 1): goal_v1_to_v2,
    ("goal", 2): goal_v2_to_v3,
}
"""Upcasters of the catalogue, by (type tag, version they read)."""
