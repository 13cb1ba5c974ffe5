"""The source-neutral shape of one match as the sources give it, before it becomes events.

Every format reader turns its file into :class:`MatchRecord` values (or problems, for records it
cannot read); :mod:`matchevents.importers.assemble` turns records into validated events. Keeping
this middle step plain data is what lets three formats share one set of checks.
"""

from __future__ import annotations

from datetime import date, time

import attrs

from matchevents.importers.report import CardCounts
from matchevents.score import Score, Side


@attrs.frozen(slots=True, kw_only=True)
class GoalRecord:
    """One goal of a goal list, as the source lists it.

    Attributes:
        listed_under: the side whose list holds the goal. The sources list an own goal under the
            team that benefits, so this is always the side the goal counts for.
        scorer: the player, as written.
        minute: the minute, e.g. 90 for 90+3.
        offset: the stoppage-time minute, e.g. 3 for 90+3 (0 when none).
        penalty: scored from a penalty during play.
        own_goal: put into their own net by a player of the other side.
    """

    listed_under: Side
    scorer: str | None
    minute: int
    offset: int = 0
    penalty: bool = False
    own_goal: bool = False


@attrs.frozen(slots=True, kw_only=True)
class MatchRecord:
    """One match as a source records it.

    Attributes:
        file: the source file.
        line: the 1-based line, for line-based sources.
        record: the 1-based record number, for record-based sources.
        date: the match date.
        time: the local kick-off time, where given.
        round: the round or stage, as written.
        home: the first-listed team, as written.
        away: the second-listed team, as written.
        ht: the half-time score, where given.
        ft: the score after 90 minutes (None when the source has none: a bad record).
        et: the score after extra time, cumulative, where extra time was played.
        pens: the shoot-out score, where there was one.
        goals: the goal list, or None when the source does not list goals.
        venue: the ground, where given.
        cards: card counts, where the source gives only counts.
        abandoned: for a match abandoned during play, the source's words about it (a bad
            record's missing score is None here and in ``ft``).
        awarded: the score awarded by the competition's authority, where the source says the
            result was awarded (after play, the score from play is in ``ft``; for a match not
            played, ``ft`` is None).
        note: the source's note about the match as written, where it has one (the reason of
            an award).
    """

    file: str
    line: int | None = None
    record: int | None = None
    date: date
    time: time | None = None
    round: str | None = None
    home: str
    away: str
    ht: Score | None = None
    ft: Score | None
    et: Score | None = None
    pens: Score | None = None
    goals: tuple[GoalRecord, ...] | None = None
    venue: str | None = None
    cards: CardCounts | None = None
    abandoned: str | None = None
    awarded: Score | None = None
    note: str | None = None
