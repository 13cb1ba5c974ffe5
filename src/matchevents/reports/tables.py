"""League tables in a list of results: one per league's season, one per group of a group stage
(named by the stages, or found from who played whom), each ranked by its competition's rules
with its points deductions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from matchevents.competitions.rulesets import PRESETS, CompetitionRules, Criterion
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.competitions.table import Standing, rank
from matchevents.events import MatchScheduled
from matchevents.formats import FormatKind
from matchevents.projections import MatchResult

__all__ = ["DEFAULT_RULES", "TableReport", "league_tables", "rules_for"]

DEFAULT_RULES: Final = CompetitionRules(
    name="points, goal difference, goals scored",
    tie_breakers=(Criterion.POINTS, Criterion.GOAL_DIFFERENCE, Criterion.GOALS_FOR),
    shared_positions=True,
)
"""The table rules used for a competition with no preset: 3 points for a win, then goal
difference and goals scored; teams level on all three share a position."""


@attrs.frozen(slots=True)
class TableReport:
    """A league table of one competition's season (one group, for a group stage).

    Attributes:
        competition: the competition.
        season: the season.
        group: the group, or None for a whole league: ``"Group A"`` from stages such as
            ``"Group A"``, ``"Group A, Matchday 3"`` or the German ``"Gruppe A"``. Where a group
            stage's stages name no group (``"Group, Matchday 1"``), the groups are inferred
            from who played whom (teams joined by their fixtures form a group) and numbered
            ``"Group 1"``, ``"Group 2"``, ... in order of their first match: the official
            letters cannot be known from the fixtures.
        rules: the rules it was ranked by.
        standings: the table, top first.
        group_inferred: True for a group inferred from the fixtures.
    """

    competition: str
    season: str
    group: str | None
    rules: CompetitionRules
    standings: tuple[Standing, ...]
    group_inferred: bool = False

    @property
    def title(self) -> str:
        """E.g. ``"Premier League 2023-24"``, ``"UEFA Champions League 2018-19, Group A"``, or
        for a group found from the fixtures ``"UEFA Champions League 2023-24, Group 1 (inferred
        from the fixtures)"``."""
        title = f"{self.competition} {self.season}"
        if not self.group:
            return title
        inferred = " (inferred from the fixtures)" if self.group_inferred else ""
        return f"{title}, {self.group}{inferred}"


def rules_for(competition: str, season: str = "") -> CompetitionRules:
    """The table rules for a competition's season, by its name.

    A UEFA club competition (Champions, Europa or Conference League) gets the group stage rules
    of its era (head-to-head first; until 2020-21 with away goals, from 2024-25 the league
    phase's); otherwise the preset whose key the name contains (``"English Premier League"``:
    ``premier-league``); otherwise :data:`DEFAULT_RULES`.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", competition.lower())
    if any(name in slug for name in _UEFA_CLUB_COMPETITIONS):
        year = int(season[:4]) if season[:4].isdigit() else None
        if year is not None and year <= 2020:
            return PRESETS["uefa-group-stage-until-2021"]
        if year is not None and year >= 2024:
            return PRESETS["uefa-league-phase"]
        return PRESETS["uefa-group-stage"]
    for key, preset in PRESETS.items():
        if key in slug:
            return preset
    return DEFAULT_RULES


_UEFA_CLUB_COMPETITIONS: Final = ("champions-league", "europa-league", "conference-league")


def league_tables(
    results: Sequence[MatchResult],
    deductions: Sequence[PointsDeduction] = (),
    rules: CompetitionRules | None = None,
    fixtures: Sequence[MatchScheduled] = (),
) -> tuple[TableReport, ...]:
    """The table of every league and group among ``results`` (their league matches).

    Args:
        results: matches, finished or not (only finished ones count; every team is listed).
        deductions: points deductions; each counts in its season's whole-league table, for a
            team of that season (a deduction naming no team of its season is left out: the
            replay reports it).
        rules: the rules for every table; by default :func:`rules_for` each competition.
        fixtures: schedules of matches left out (by a cut at a date) whose teams still belong
            in the tables and whose pairings still say who is in which group.

    Returns:
        Per competition's season, in order of first match: the whole league, then its groups by
        name (Group 2 before Group 10).
    """
    matches: list[MatchResult | MatchScheduled] = [
        *(r for r in results if r.format.kind is FormatKind.LEAGUE),
        *(f for f in fixtures if f.format.kind is FormatKind.LEAGUE),
    ]
    inferred = _inferred_groups(
        ((m.competition, m.season), m.home, m.away)
        for m in matches
        if _group_of(m.stage) == _INFERRED
    )

    def group_of(match: MatchResult | MatchScheduled) -> tuple[str | None, bool]:
        group = _group_of(match.stage)
        if group != _INFERRED:
            return group, False
        return inferred[(match.competition, match.season, match.home)], True

    leagues: dict[tuple[str, str, str | None, bool], list[MatchResult]] = {}
    teams: dict[tuple[str, str, str | None, bool], dict[str, None]] = {}
    for match in matches:
        key = (match.competition, match.season, *group_of(match))
        played = leagues.setdefault(key, [])
        if isinstance(match, MatchResult):
            played.append(match)
        teams.setdefault(key, {}).update(dict.fromkeys((match.home, match.away)))
    season_teams: dict[tuple[str, str], set[str]] = {}
    for (competition, season, _, _), names in teams.items():
        season_teams.setdefault((competition, season), set()).update(names)
    tables = []
    for key, played in leagues.items():
        competition, season, group, guessed = key
        chosen = rules or rules_for(competition, season)
        over = [result for result in played if result.decided_by is not None]
        known = season_teams[(competition, season)]
        own = [
            d
            for d in deductions
            if (d.competition, d.season) == (competition, season) and d.team in known
        ]
        table = rank(chosen, over, teams=teams[key], deductions=own if group is None else ())
        tables.append(
            TableReport(competition, season, group, chosen, table.standings, group_inferred=guessed)
        )
    first: dict[tuple[str, str], int] = {}
    for index, table_report in enumerate(tables):
        first.setdefault((table_report.competition, table_report.season), index)
    return tuple(
        sorted(
            tables,
            key=lambda t: (
                first[(t.competition, t.season)],
                t.group is not None,
                _natural(t.group or ""),
            ),
        )
    )


_NAMED_GROUP: Final = re.compile(r"(?:group|gruppe)\s+(?P<name>[a-z0-9]{1,2})", re.IGNORECASE)
_UNNAMED_GROUP: Final = re.compile(
    r"(?:group|gruppe)(?:n?phase|\s+stage|\s+phase)?|group-stage", re.IGNORECASE
)
_INFERRED: Final = "inferred"
"""The group of a group-stage match whose stage names no group: found from the fixtures."""


def _group_of(stage: str | None) -> str | None:
    """The group of a group-stage match by its stage: ``"Group A"`` from ``"Group A"``,
    ``"Group A, Matchday 1"`` or the German ``"Gruppe A"``; ``"inferred"`` for a stage of a
    group stage that names no group (``"Group, Matchday 1"``); None outside a group stage (a
    whole league)."""
    first = (stage or "").split(",", 1)[0].strip()
    named = _NAMED_GROUP.fullmatch(first)
    if named is not None:
        return f"Group {named['name'].upper()}"
    return _INFERRED if _UNNAMED_GROUP.fullmatch(first) else None


def _inferred_groups(
    pairs: Iterable[tuple[tuple[str, str], str, str]],
) -> dict[tuple[str, str, str], str]:
    """Each team's group, found from who plays whom in a group stage whose stages name no
    group: the teams joined by the fixtures (the connected components of the graph of matches)
    form a group. Groups are numbered in order of their first match, per competition's season:
    ``"Group 1"``, ``"Group 2"``, ... (the official letters cannot be known from the fixtures).

    Args:
        pairs: ``((competition, season), home, away)`` of every match of such a stage, played or
            to come, in the order played.

    Returns:
        ``(competition, season, team)`` -> the group's name.
    """
    parent: dict[tuple[str, str, str], tuple[str, str, str]] = {}

    def root(node: tuple[str, str, str]) -> tuple[str, str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    ordered: list[tuple[str, str, str]] = []
    for (competition, season), home, away in pairs:
        first, second = (competition, season, home), (competition, season, away)
        ordered += (first, second)
        a, b = root(first), root(second)
        if a != b:
            parent[b] = a
    numbers: dict[tuple[str, str, str], str] = {}
    counts: dict[tuple[str, str], int] = {}
    groups: dict[tuple[str, str, str], str] = {}
    for team in ordered:
        component = root(team)
        if component not in numbers:
            of = (team[0], team[1])
            counts[of] = counts.get(of, 0) + 1
            numbers[component] = f"Group {counts[of]}"
        groups[team] = numbers[component]
    return groups


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders the numbers in ``text`` by value: "Group 2" before "Group 10"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )
