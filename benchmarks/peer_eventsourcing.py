"""The peer: the same log replayed through aggregates of the ``eventsourcing`` library.

Each match is a :class:`FootballMatch` aggregate whose methods are decorated with ``@event``, the
library's idiomatic style. Two ways to replay, both timed by the benchmark:

- :func:`run` (``peer``), the library's own path: the log is first loaded, untimed, into an
  :class:`~eventsourcing.application.Application` with its in-memory event store (each line is a
  command on the match's aggregate; the aggregate is saved when its match ends). The timed replay
  then rebuilds every aggregate with ``app.repository.get`` (the store's events decoded by the
  library's mapper and JSON transcoder, applied by ``event.mutate``) and counts the table.
- :func:`run_lean` (``peer-lean``), a hand-tuned shortcut: each line parsed with orjson straight
  into the aggregate's domain event (``FootballMatch.GoalScored(...)``) and
  ``event.mutate(aggregate)``, which checks the aggregate id and version and applies it.

Either way a match's result joins the table (plain dicts, as in the baseline) when its second
half ends.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import get_topic

from benchmarks.baseline import Tables, add_result, ranked


class FootballMatch(Aggregate):
    """One match: its teams, its running score, the goals by version, who is booked, sent off
    or substituted, and the period being played."""

    @staticmethod
    def create_id(match_id: str) -> UUID:
        """A stable id from the match's id."""
        return uuid5(NAMESPACE_URL, match_id)

    @event("Scheduled")
    def __init__(self, match_id: str, home: str, away: str, competition: str, season: str) -> None:
        self.match_id = match_id
        self.home, self.away = home, away
        self.competition, self.season = competition, season
        self.home_goals = self.away_goals = 0
        self.goals: dict[int, bool] = {}
        self.period: str | None = None
        self.finished = False
        self.booked: set[tuple[str, str]] = set()
        self.sent_off: set[tuple[str, str]] = set()
        self.subbed_off: set[tuple[str, str]] = set()

    @event("LineupAnnounced")
    def announce_lineup(self, side: str, starting: list[str], substitutes: list[str]) -> None:
        pass

    @event("PeriodStarted")
    def start_period(self, period: str) -> None:
        self.period = period

    @event("PeriodEnded")
    def end_period(self, period: str) -> None:
        if period != self.period:
            raise ValueError(f"{period} is not being played")
        self.period = None
        self.finished = period == "second_half"

    @event("GoalScored")
    def score_goal(self, side: str, scorer: str | None, at: str) -> None:
        if self.period is None:
            raise ValueError("no period is being played")
        home = side == "home"
        if home:
            self.home_goals += 1
        else:
            self.away_goals += 1
        self.goals[self.version + 1] = home

    @event("GoalAnnulled")
    def annul_goal(self, goal_version: int) -> None:
        if self.goals.pop(goal_version):
            self.home_goals -= 1
        else:
            self.away_goals -= 1

    @event("CardShown")
    def show_card(self, side: str, player: str, at: str, kind: str) -> None:
        key = (side, player)
        if key in self.sent_off:
            raise ValueError(f"{player} was sent off")
        if kind == "yellow":
            self.booked.add(key)
        else:
            self.sent_off.add(key)

    @event("PlayerSubstituted")
    def substitute(self, side: str, player_off: str, player_on: str, at: str) -> None:
        if (side, player_off) in self.subbed_off:
            raise ValueError(f"{player_off} was substituted off")
        self.subbed_off.add((side, player_off))


_TOPIC = get_topic(FootballMatch)
_WHEN = datetime(2024, 1, 1, tzinfo=UTC)  # the log carries no recording time
Scheduled: Any = FootballMatch.Scheduled  # type: ignore[attr-defined]
LineupAnnounced: Any = FootballMatch.LineupAnnounced  # type: ignore[attr-defined]
PeriodStarted: Any = FootballMatch.PeriodStarted  # type: ignore[attr-defined]
PeriodEnded: Any = FootballMatch.PeriodEnded  # type: ignore[attr-defined]
GoalScored: Any = FootballMatch.GoalScored  # type: ignore[attr-defined]
GoalAnnulled: Any = FootballMatch.GoalAnnulled  # type: ignore[attr-defined]
CardShown: Any = FootballMatch.CardShown  # type: ignore[attr-defined]
PlayerSubstituted: Any = FootballMatch.PlayerSubstituted  # type: ignore[attr-defined]


def run_lean(path: str) -> tuple[int, Tables]:
    """Replay the log at ``path`` straight into the aggregates' domain events: (events read,
    the tables)."""
    loads = orjson.loads
    live: dict[str, FootballMatch] = {}
    tables: dict[tuple[str, str], dict[str, list[int]]] = {}
    events = 0
    with open(path, "rb") as log:
        for line in log:
            o = loads(line)
            events += 1
            kind = o["type"]
            match_id = o["match_id"]
            if kind == "match_scheduled":
                created = Scheduled(
                    originator_id=FootballMatch.create_id(match_id),
                    originator_version=1,
                    timestamp=_WHEN,
                    originator_topic=_TOPIC,
                    match_id=match_id,
                    home=o["home"],
                    away=o["away"],
                    competition=o["competition"],
                    season=o["season"],
                )
                live[match_id] = created.mutate(None)
                continue
            match = live[match_id]
            ids = {
                "originator_id": match.id,
                "originator_version": match.version + 1,
                "timestamp": _WHEN,
            }
            if kind == "goal":
                domain_event = GoalScored(**ids, side=o["side"], scorer=o["scorer"], at=o["at"])
            elif kind == "substitution":
                domain_event = PlayerSubstituted(
                    **ids,
                    side=o["side"],
                    player_off=o["player_off"],
                    player_on=o["player_on"],
                    at=o["at"],
                )
            elif kind == "card":
                domain_event = CardShown(
                    **ids,
                    side=o["side"],
                    player=o["player"],
                    at=o["at"],
                    kind=o.get("kind", "yellow"),
                )
            elif kind == "period_started":
                domain_event = PeriodStarted(**ids, period=o["period"])
            elif kind == "period_ended":
                domain_event = PeriodEnded(**ids, period=o["period"])
            elif kind == "lineup_announced":
                domain_event = LineupAnnounced(
                    **ids, side=o["side"], starting=o["starting"], substitutes=o["substitutes"]
                )
            elif kind == "goal_annulled":
                domain_event = GoalAnnulled(**ids, goal_version=o["goal_version"])
            else:
                raise ValueError(f"line {events}: the peer does not know {kind!r} events")
            domain_event.mutate(match)
            if match.finished:
                counts = tables.get((match.competition, match.season))
                if counts is None:
                    counts = tables[(match.competition, match.season)] = {}
                add_result(counts, match.home, match.away, match.home_goals, match.away_goals)
                del live[match_id]
    return events, {key: ranked(counts) for key, counts in tables.items()}


class _Archive(Application[UUID]):
    """An eventsourcing application holding the matches, in its default in-memory store."""


def load(path: str) -> tuple[_Archive, list[UUID]]:
    """Load the log into an application's in-memory store, one command per line; returns it and
    the ids of the matches in the order they were scheduled."""
    app = _Archive()
    live: dict[str, FootballMatch] = {}
    ids: list[UUID] = []
    with open(path, "rb") as log:
        for line in log:
            o = orjson.loads(line)
            kind = o["type"]
            match_id = o["match_id"]
            if kind == "match_scheduled":
                scheduled = live[match_id] = FootballMatch(
                    match_id=match_id,
                    home=o["home"],
                    away=o["away"],
                    competition=o["competition"],
                    season=o["season"],
                )
                ids.append(scheduled.id)
                continue
            match = live[match_id]
            if kind == "goal":
                match.score_goal(side=o["side"], scorer=o["scorer"], at=o["at"])
            elif kind == "substitution":
                match.substitute(side=o["side"], player_off=o["player_off"],
                                 player_on=o["player_on"], at=o["at"])  # fmt: skip
            elif kind == "card":
                match.show_card(side=o["side"], player=o["player"], at=o["at"],
                                kind=o.get("kind", "yellow"))  # fmt: skip
            elif kind == "period_started":
                match.start_period(period=o["period"])
            elif kind == "period_ended":
                match.end_period(period=o["period"])
            elif kind == "lineup_announced":
                match.announce_lineup(side=o["side"], starting=o["starting"],
                                      substitutes=o["substitutes"])  # fmt: skip
            elif kind == "goal_annulled":
                match.annul_goal(goal_version=o["goal_version"])
            else:
                raise ValueError(f"the peer does not know {kind!r} events")
            if match.finished:
                app.save(match)
                del live[match_id]
    app.save(*live.values())
    return app, ids


def replay_store(app: _Archive, ids: list[UUID]) -> tuple[int, Tables]:
    """Rebuild every match from the store and count the tables: (events replayed, tables)."""
    tables: dict[tuple[str, str], dict[str, list[int]]] = {}
    events = 0
    get = app.repository.get
    for aggregate_id in ids:
        match: FootballMatch = get(aggregate_id)
        events += match.version
        if match.finished:
            counts = tables.get((match.competition, match.season))
            if counts is None:
                counts = tables[(match.competition, match.season)] = {}
            add_result(counts, match.home, match.away, match.home_goals, match.away_goals)
    return events, {key: ranked(counts) for key, counts in tables.items()}
