"""The baseline: a hand-written loop, the practical limit for Python.

Each line is parsed with orjson into a dict and the league tables are counted with plain dicts and
lists: no types, no validation, nothing the table does not need. It still does everything a
correct table needs from this log: it counts the versions of each match (an annulment names its
goal by version), takes annulled goals back, and closes a match at the end of its second half.
"""

from __future__ import annotations

from typing import Any

import orjson

Row = tuple[str, int, int, int, int, int, int, int]
"""(team, played, won, drawn, lost, goals for, goals against, points) of one table line."""
Tables = dict[tuple[str, str], list[Row]]
"""The table lines in order, by (competition, season)."""


def ranked(counts: dict[str, list[int]]) -> list[Row]:
    """Table lines from ``team -> [won, drawn, lost, for, against]``: by points, goal difference,
    goals for, then name (the rule set the benchmark gives the library)."""
    rows = [
        (team, w + d + lost, w, d, lost, gf, ga, 3 * w + d)
        for team, (w, d, lost, gf, ga) in counts.items()
    ]
    rows.sort(key=lambda r: (-r[7], r[6] - r[5], -r[5], r[0]))
    return rows


def add_result(
    counts: dict[str, list[int]], home: str, away: str, home_goals: int, away_goals: int
) -> None:
    """Count one finished match into ``team -> [won, drawn, lost, for, against]``."""
    h = counts.get(home)
    if h is None:
        h = counts[home] = [0, 0, 0, 0, 0]
    a = counts.get(away)
    if a is None:
        a = counts[away] = [0, 0, 0, 0, 0]
    if home_goals > away_goals:
        h[0] += 1
        a[2] += 1
    elif home_goals < away_goals:
        h[2] += 1
        a[0] += 1
    else:
        h[1] += 1
        a[1] += 1
    h[3] += home_goals
    h[4] += away_goals
    a[3] += away_goals
    a[4] += home_goals


def run(path: str) -> tuple[int, Tables]:
    """Replay the log at ``path``: (events read, the tables)."""
    loads = orjson.loads
    # match id -> [table counts, home, away, home goals, away goals, version, {goal version: side}]
    matches: dict[str, list[Any]] = {}
    tables: dict[tuple[str, str], dict[str, list[int]]] = {}
    events = 0
    with open(path, "rb") as log:
        for line in log:
            o = loads(line)
            events += 1
            kind = o["type"]
            if kind == "match_scheduled":
                key = (o["competition"], o["season"])
                counts = tables.get(key)
                if counts is None:
                    counts = tables[key] = {}
                matches[o["match_id"]] = [counts, o["home"], o["away"], 0, 0, 1, {}]
                continue
            match = matches[o["match_id"]]
            version = match[5] = match[5] + 1
            if kind == "goal":
                home = o["side"] == "home"
                match[3 if home else 4] += 1
                match[6][version] = home
            elif kind == "goal_annulled":
                match[3 if match[6].pop(o["goal_version"]) else 4] -= 1
            elif kind == "period_ended" and o["period"] == "second_half":
                add_result(match[0], match[1], match[2], match[3], match[4])
                del matches[o["match_id"]]
    return events, {key: ranked(counts) for key, counts in tables.items()}
