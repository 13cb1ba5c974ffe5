"""What a replay keeps of a match that is over: its phase, version and goals packed into one int,
in an index of a few dozen bytes a match, so that a log of millions of matches replays in flat
memory and a late event (an award, a stray goal, an annulment) is still judged exactly as the
match's whole timeline would judge it.

Internal to :class:`matchevents.log.Replayer`; the test suite holds its verdicts to the
timeline's.
"""

from __future__ import annotations

from array import array
from typing import Any, Final

from matchevents.clock import Period
from matchevents.errors import RuleViolation
from matchevents.events import (
    Event,
    GoalAnnulled,
    MatchAbandoned,
    MatchAwarded,
    MatchScheduled,
    PeriodStarted,
    full_time,
    half_time,
    kick_off,
)
from matchevents.rules import Rule
from matchevents.score import Score
from matchevents.timeline import MatchPhase, MatchValidator, Timeline

__all__ = ["VERSION_BITS", "ClosedIndex", "ClosedMatch"]

_CLOSED_PHASES: Final = (MatchPhase.FINISHED, MatchPhase.ABANDONED, MatchPhase.AWARDED)
VERSION_BITS: Final = 24
"""Versions a closed match can reach: a longer timeline is kept open, as it is."""


class ClosedMatch:
    """What a replay keeps of a match that is over, packed into one int so that a log of
    hundreds of thousands of matches costs a few dozen bytes a match: the phase (2 bits), the
    version (24 bits) and a bit mask of the versions that are goals. The rare annulled goals are
    kept apart, as a mask per match."""

    @staticmethod
    def pack(match: MatchValidator) -> tuple[int, int]:
        """(packed, annulled mask) of a match that is over, from its state machine (which
        keeps the version of every goal, annulled or not, and of every annulled one)."""
        goals = annulled = 0
        for version in match.goal_sides:
            goals |= 1 << version
        for version in match.annulled:
            annulled |= 1 << version
        phase = _CLOSED_PHASES.index(match.phase)
        return phase | match.version << 2 | goals << (2 + VERSION_BITS), annulled

    @staticmethod
    def version(packed: int) -> int:
        return (packed >> 2) & ((1 << VERSION_BITS) - 1)

    @staticmethod
    def phase(packed: int) -> MatchPhase:
        return _CLOSED_PHASES[packed & 3]

    @staticmethod
    def is_goal(packed: int, version: int) -> bool:
        return version > 0 and bool(packed >> (2 + VERSION_BITS + version) & 1)

    @staticmethod
    def awarded(packed: int) -> int:
        """The packed state after an accepted award: one version more, phase awarded."""
        version = ClosedMatch.version(packed) + 1
        goals = packed >> (2 + VERSION_BITS)
        return 2 | version << 2 | goals << (2 + VERSION_BITS)

    @staticmethod
    def check(packed: int, annulled: int, match_id: str, event: Any) -> RuleViolation | None:
        """The verdict the match's full timeline would give ``event`` (the test suite compares
        them): an annulment is checked against the match's goals, then finds no period in play;
        for every other late event the phase alone decides, which a short history reaching that
        phase reproduces."""
        version = ClosedMatch.version(packed) + 1
        phase = ClosedMatch.phase(packed)
        if type(event) is GoalAnnulled and event.match_id == match_id:
            target = event.goal_version
            if not ClosedMatch.is_goal(packed, target):
                detail = f"version {target} is not a goal of this match"
                return RuleViolation(match_id, version, Rule.ANNULLED_EVENT_NOT_A_GOAL, detail)
            if annulled >> target & 1:
                detail = f"the goal at version {target} is annulled"
                return RuleViolation(match_id, version, Rule.GOAL_ALREADY_ANNULLED, detail)
            # A real goal, but no period is being played any more.
            rule = Rule.MATCH_ABANDONED if phase is MatchPhase.ABANDONED else Rule.MATCH_OVER
            detail = f"no period is being played ({phase.described})"
            return RuleViolation(match_id, version, rule, detail, event)
        verdict = _probe(match_id, phase).check(event)
        if verdict is None:
            return None
        return RuleViolation(match_id, version, verdict.rule, verdict.detail, event)


class ClosedIndex:
    """The packed states of finished matches by match id: exact, and a few dozen bytes a match.

    A dict of strings would cost some 150 bytes a match (the key string, the int, the slot); a
    log of millions of short matches would then hold hundreds of megabytes of them. Here the ids'
    UTF-8 bytes sit end to end in one ``bytearray``, the states in an ``array`` of 64-bit words
    (the rare larger ones in a dict), and an open-addressing table of 32-bit row numbers finds a
    row by the id's hash, comparing the id's bytes on every hit, so that ids are never confused.
    """

    # 42 bytes a match against 68 for a dict of the packed ints (tracemalloc, 432,900 ids of the
    # benchmark's 10M-event log: 11 MB); tests/test_closed_matches.py holds it equal to a dict.

    __slots__ = ("_big", "_ids", "_starts", "_states", "_table")

    _EMPTY: Final = -1
    _OVERFLOW: Final = (1 << 64) - 1

    def __init__(self) -> None:
        self._ids = bytearray()
        self._starts = array("Q", [0])
        self._states = array("Q")
        self._big: dict[int, int] = {}
        self._table = array("i", [self._EMPTY]) * 1024

    def __len__(self) -> int:
        return len(self._states)

    def _find(self, key: bytes) -> tuple[int, int]:
        """(slot, row) of ``key``, or (the free slot it would take, -1)."""
        table, ids, starts = self._table, self._ids, self._starts
        mask = len(table) - 1
        slot = hash(key) & mask
        while True:
            row = table[slot]
            if row == self._EMPTY or ids[starts[row] : starts[row + 1]] == key:
                return slot, row
            slot = (slot + 1) & mask

    def get(self, match_id: str) -> int | None:
        """The packed state of a finished match, or None."""
        row = self._find(_key(match_id))[1]
        if row == self._EMPTY:
            return None
        state = self._states[row]
        return self._big[row] if state == self._OVERFLOW else state

    def put(self, match_id: str, packed: int) -> None:
        """Record or replace a finished match's packed state."""
        key = _key(match_id)
        slot, row = self._find(key)
        if row == self._EMPTY:
            row = len(self._states)
            self._ids += key
            self._starts.append(len(self._ids))
            self._states.append(0)
            self._table[slot] = row
            if 4 * len(self._states) > 3 * len(self._table):
                self._grow()
        if packed >= self._OVERFLOW:
            self._states[row] = self._OVERFLOW
            self._big[row] = packed
        else:
            self._states[row] = packed
            self._big.pop(row, None)

    def _grow(self) -> None:
        table = array("i", [self._EMPTY]) * (2 * len(self._table))
        mask = len(table) - 1
        ids, starts = self._ids, self._starts
        for row in range(len(self._states)):
            slot = hash(bytes(ids[starts[row] : starts[row + 1]])) & mask
            while table[slot] != self._EMPTY:
                slot = (slot + 1) & mask
            table[slot] = row
        self._table = table


def _key(match_id: str) -> bytes:
    """A match id's bytes in the index: UTF-8, a lone surrogate (which no log holds, but an id
    made in Python may) passed through, so that every id has its own key."""
    return match_id.encode("utf-8", "surrogatepass")


def _probe(match_id: str, phase: MatchPhase) -> Timeline:
    """A timeline with a short synthetic history that ends in ``phase``."""
    probe = Timeline(match_id)
    history: list[Event] = [
        MatchScheduled(match_id=match_id, home="home", away="away", competition="", season="")
    ]
    if phase is MatchPhase.FINISHED:
        history += [
            kick_off(match_id),
            half_time(match_id),
            PeriodStarted(match_id=match_id, period=Period.SECOND_HALF),
            full_time(match_id),
        ]
    elif phase is MatchPhase.ABANDONED:
        history += [kick_off(match_id), MatchAbandoned(match_id=match_id)]
    else:
        history.append(MatchAwarded(match_id=match_id, score=Score(3, 0)))
    probe.extend(history)
    return probe
