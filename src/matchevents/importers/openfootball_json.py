"""openfootball's football.json: league seasons, cups with two-legged ties, tournaments with goals.

The layout (github.com/openfootball/football.json)::

    {"name": "English Premier League 2023/24",
     "matches": [{"round": "Matchday 1", "date": "2023-08-11", "time": "20:00",
                  "team1": "Burnley FC", "team2": "Manchester City FC",
                  "score": {"ht": [0, 2], "ft": [0, 3]}}, ...]}

``score.ft`` is the score after 90 minutes, ``score.et`` after extra time (cumulative),
``score.p`` the shoot-out. Tournament files (worldcup.json, euro.json) add ``goals1``/``goals2``
lists of ``{name, minute, offset, penalty, owngoal}``, an own goal listed under the team that
benefits; euro.json groups matches under ``rounds`` and writes teams as ``{"name", "code"}``.
Where a match names its ``group``, the stage becomes ``"<group>, <round>"``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, time, timedelta, timezone
from pathlib import Path
from typing import Any, Final

from matchevents.competitions.rulesets import TieRules
from matchevents.errors import ImportSourceError
from matchevents.importers.records import GoalRecord, MatchRecord
from matchevents.importers.report import ImportProblem, ImportResult, OnError, Problem
from matchevents.importers.source import check_format, finish_import
from matchevents.score import Score, Side
from matchevents.teams import ClubRegistry

_KICKOFF: Final = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*UTC\s*(?P<offset>[+-]\d{1,2})(?::?(?P<minutes>\d{2}))?)?"
)
_NAMED_BY: Final = 'football.json names them in its "name", such as "UEFA Champions League 2024/25"'


class _Unreadable(Exception):
    def __init__(self, problem: Problem, detail: str) -> None:
        self.problem = problem
        self.detail = detail


def import_openfootball_json(
    path: str | Path,
    *,
    competition: str | None = None,
    season: str | None = None,
    ties: TieRules | None = None,
    teams: ClubRegistry | None = None,
    source_names: bool = False,
    strict_teams: bool = False,
    aliases: ClubRegistry | None = None,
    on_error: OnError = OnError.SKIP,
) -> ImportResult:
    """Import a football.json file (league, cup or tournament) as validated match events.

    Args:
        path: the file.
        competition: the competition's name; by default the file's ``name`` without the season.
        season: the season, e.g. ``"2023-24"``; by default the season the ``name`` ends with.
        ties: how knockout ties are decided (away goals, extra time, penalties); by default
            UEFA's rules of the season (see :func:`~matchevents.importers.assemble.
            default_tie_rules`).
        teams: the club registry that names the teams (by default the bundled one,
            :func:`~matchevents.teams.bundled_clubs`): the events carry canonical names, and
            the match id is made of them.
        source_names: keep the teams' names as the file writes them in the events (the match id
            is still made of the canonical names).
        strict_teams: refuse a match naming a team the registry names no single club by
            (``unknown-club``, ``ambiguous-club``), instead of importing it as written and
            listing the name in :attr:`~matchevents.importers.report.ImportResult.unknown_teams`.
        aliases: deprecated: the same as ``teams``.
        on_error: stop at the first bad record, or skip bad matches and report them all.

    Raises:
        ImportSourceError: the file is not football.json (what it looks like instead is named),
            or the competition or season can be neither read nor inferred
            (:class:`~matchevents.errors.UnnamedSourceError`).
        BadRecordError: ``on_error`` is ``OnError.STOP`` and a record is bad.
    """
    title, items = read_openfootball_json(path)
    return finish_import(
        path,
        items,
        title=title,
        named_by=_NAMED_BY,
        competition=competition,
        season=season,
        ties=ties,
        on_error=on_error,
        teams=teams,
        source_names=source_names,
        strict_teams=strict_teams,
        aliases=aliases,
    )


def read_openfootball_json(
    path: str | Path,
) -> tuple[str | None, list[MatchRecord | ImportProblem]]:
    """The file's ``name`` and its matches as records, or as problems where a record cannot be
    read.

    Raises:
        ImportSourceError: the file cannot be read, is not JSON, or has no ``matches`` or
            ``rounds`` list.
    """
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportSourceError(f"{file}: cannot read as football.json: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        check_format(file, text, "openfootball-json")
        raise ImportSourceError(f"{file}: cannot read as football.json: {error}") from None
    if not isinstance(document, dict):
        raise ImportSourceError(
            f"{file}: football.json holds an object, not {type(document).__name__}"
        )
    name = document.get("name")
    title = name if isinstance(name, str) else None
    items = [
        _record(file, number, raw, round_name)
        for number, (raw, round_name) in enumerate(_raw_matches(file, document), start=1)
    ]
    return title, items


def _raw_matches(file: str, document: dict[str, Any]) -> Iterator[tuple[object, str | None]]:
    matches = document.get("matches")
    rounds = document.get("rounds")
    if isinstance(matches, list):
        for raw in matches:
            yield raw, None
    elif isinstance(rounds, list):
        for round_ in rounds:
            if not isinstance(round_, dict) or not isinstance(round_.get("matches"), list):
                raise ImportSourceError(f"{file}: a round without a 'matches' list: {round_!r:.80}")
            name = round_.get("name")
            for raw in round_["matches"]:
                yield raw, name if isinstance(name, str) else None
    else:
        raise ImportSourceError(f"{file}: football.json needs a 'matches' or 'rounds' list")


def _record(
    file: str, number: int, raw: object, round_name: str | None
) -> MatchRecord | ImportProblem:
    if not isinstance(raw, dict):
        return ImportProblem(
            file=file,
            record=number,
            problem=Problem.UNPARSABLE,
            detail=f"a match is an object, not {type(raw).__name__}",
        )
    home, away = _team(raw.get("team1")), _team(raw.get("team2"))
    stage = raw.get("round", round_name)
    stage = stage if isinstance(stage, str) else None
    group = raw.get("group")
    if isinstance(group, str) and stage is not None and group not in stage:
        stage = f"{group}, {stage}"
    day: date | None = None
    try:
        day = _date(raw.get("date"))
        if home is None or away is None:
            raise _Unreadable(Problem.UNPARSABLE, "team1 and team2 must be team names")
        score = raw.get("score", {})
        if not isinstance(score, dict):
            raise _Unreadable(Problem.UNPARSABLE, f"score must be an object, got {score!r}")
        return MatchRecord(
            file=file,
            record=number,
            date=day,
            time=_time(raw.get("time")),
            round=stage,
            home=home,
            away=away,
            ht=_score(score, "ht"),
            ft=_score(score, "ft"),
            et=_score(score, "et"),
            pens=_score(score, "p"),
            goals=_goals(raw),
            venue=raw.get("ground") if isinstance(raw.get("ground"), str) else None,
        )
    except _Unreadable as unreadable:
        return ImportProblem(
            file=file,
            record=number,
            date=day,
            home=home,
            away=away,
            round=stage,
            problem=unreadable.problem,
            detail=unreadable.detail,
        )


def _team(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _date(value: object) -> date:
    if not isinstance(value, str):
        raise _Unreadable(Problem.INVALID_DATE, f"no date (got {value!r})")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _Unreadable(Problem.INVALID_DATE, f"not a date: {value!r}") from None


def _time(value: object) -> time | None:
    """``"20:00"``, or ``"17:00 UTC+3"`` (a time-zone-aware time, as the World Cup files write)."""
    if not isinstance(value, str) or not value.strip():
        return None
    found = _KICKOFF.fullmatch(value.strip())
    if found is None:
        raise _Unreadable(Problem.UNPARSABLE, f"not a kick-off time: {value!r}")
    zone = None
    if found["offset"] is not None:
        hours, minutes = int(found["offset"]), int(found["minutes"] or 0)
        zone = timezone(timedelta(hours=hours, minutes=minutes if hours >= 0 else -minutes))
    try:
        return time(int(found["hour"]), int(found["minute"]), tzinfo=zone)
    except ValueError:
        raise _Unreadable(Problem.UNPARSABLE, f"not a kick-off time: {value!r}") from None


def _score(score: dict[str, Any], key: str) -> Score | None:
    value = score.get(key)
    if value is None:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(type(goals) is int and goals >= 0 for goals in value)
    ):
        return Score(value[0], value[1])
    raise _Unreadable(Problem.UNPARSABLE, f"score.{key} must be two goal counts, got {value!r}")


def _goals(raw: dict[str, Any]) -> tuple[GoalRecord, ...] | None:
    if "goals1" not in raw and "goals2" not in raw:
        return None
    goals: list[GoalRecord] = []
    for key, side in (("goals1", Side.HOME), ("goals2", Side.AWAY)):
        listed = raw.get(key) or []
        if not isinstance(listed, list):
            raise _Unreadable(Problem.UNPARSABLE, f"{key} must be a list, got {listed!r}")
        for goal in listed:
            goals.append(_goal(key, side, goal))
    return tuple(goals)


def _goal(key: str, side: Side, goal: object) -> GoalRecord:
    if not isinstance(goal, dict):
        raise _Unreadable(Problem.UNPARSABLE, f"a goal of {key} is an object, got {goal!r}")
    minute, offset = goal.get("minute"), goal.get("offset", 0)
    if type(minute) is not int or type(offset) is not int:
        raise _Unreadable(Problem.INVALID_GOAL, f"a goal of {key} has no valid minute: {goal!r}")
    name = goal.get("name")
    return GoalRecord(
        listed_under=side,
        scorer=name if isinstance(name, str) else None,
        minute=minute,
        offset=offset,
        penalty=goal.get("penalty") is True,
        own_goal=goal.get("owngoal") is True,
    )
