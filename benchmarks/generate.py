"""A seeded, realistic multi-match log for the benchmarks, written with the library's own events
and codec, so that the log is exactly what users replay.

Four leagues of 20 teams play double round-robin seasons one after another; the ten matches of
each league's round are played at the same time, so the log interleaves the events of 40 matches
as a live feed delivers them. A match has about 25 events: the schedule, both line-ups, the
period starts and ends, goals (some own goals and penalties, a few annulled by VAR), cards (some
second yellows and straight reds) and substitutions, each at a minute consistent with its period.
Scores are not recorded at the period ends: the table has to be counted from the goals.

    python -m benchmarks.generate out.jsonl --matches 40000 --seed 2024
"""

from __future__ import annotations

import argparse
import heapq
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import count

from matchevents import (
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    LineupAnnounced,
    MatchClock,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Side,
    Substitution,
)
from matchevents.events import GoalKind
from matchevents.log import write_log

LEAGUES = ("Northern League", "Southern League", "Eastern League", "Western League")
TEAMS_PER_LEAGUE = 20
SQUAD_SIZE = 25
BENCH_SIZE = 7
FIRST_SEASON = 1960

_PLACES = [
    "Ashford",
    "Arlington",
    "Barnby",
    "Carsfield",
    "Dunmore",
    "Eastleigh",
    "Fairhaven",
    "Glenrock",
    "Harwick",
    "Ilston",
    "Kingsmere",
    "Langley",
    "Marlow",
    "Northam",
    "Oakridge",
    "Pembury",
    "Queensbridge",
    "Redcliffe",
    "Stanmore",
    "Thornbury",
    "Upton",
    "Valemouth",
    "Westbrook",
    "Yarford",
    "Ambleside",
    "Brampton",
    "Coldwater",
    "Dalston",
    "Elmbridge",
    "Foxton",
    "Grantham",
    "Holloway",
    "Ivybridge",
    "Kelford",
    "Lydney",
    "Moorgate",
    "Newbold",
    "Ormsby",
    "Priestley",
    "Rushden",
    "Selby",
    "Tanfield",
    "Ulverton",
    "Wexcombe",
    "Ashby",
    "Brackley",
    "Chilton",
    "Darnell",
    "Edgeworth",
    "Felling",
    "Garside",
    "Hexley",
    "Inkpen",
    "Jarrow",
    "Kirkby",
    "Lowther",
    "Milford",
    "Netherby",
    "Otley",
    "Padstow",
    "Quarley",
    "Radstock",
    "Sedbury",
    "Tadley",
    "Uffington",
    "Ventnor",
    "Whitby",
    "Yelland",
    "Alnmouth",
    "Bexley",
    "Clevedon",
    "Dorking",
    "Egremont",
    "Frome",
    "Goring",
    "Hythe",
    "Ilkley",
    "Keswick",
    "Ludlow",
    "Malton",
]
_SUFFIXES = ("United", "Town", "City", "Rovers", "Athletic", "Wanderers", "Albion", "County")
_GIVEN = [
    "Adam",
    "Ben",
    "Carl",
    "Dan",
    "Eli",
    "Finn",
    "Gus",
    "Hal",
    "Ian",
    "Jack",
    "Kai",
    "Leo",
    "Max",
    "Ned",
    "Oli",
    "Pat",
    "Ray",
    "Sam",
    "Tom",
    "Will",
    "Zak",
    "Alex",
    "Bruno",
    "Cole",
    "Dev",
    "Ezra",
    "Joel",
    "Luca",
    "Marco",
    "Nico",
    "Omar",
    "Rafa",
    "Seb",
    "Theo",
    "Vic",
    "Yusuf",
]
_FAMILY = [
    "Smith",
    "Jones",
    "Brown",
    "Taylor",
    "Wilson",
    "Evans",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Hughes",
    "Lewis",
    "Ward",
    "Turner",
    "Hill",
    "Moore",
    "Cooper",
    "King",
    "Baker",
    "Harris",
    "Lee",
    "Martin",
    "Young",
    "Allen",
    "Bell",
    "Price",
    "Reid",
    "Kaur",
    "Silva",
    "Costa",
    "Novak",
    "Keller",
    "Moreau",
    "Rossi",
    "Dubois",
    "Okafor",
    "Mensah",
    "Haddad",
    "Sato",
    "Kowalski",
]


def _teams(rng: random.Random, league: int) -> list[str]:
    places = _PLACES[league * TEAMS_PER_LEAGUE : (league + 1) * TEAMS_PER_LEAGUE]
    return [f"{place} {rng.choice(_SUFFIXES)}" for place in places]


def _squad(rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < SQUAD_SIZE:
        names.add(f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}")
    return sorted(names)


def _rounds(teams: list[str]) -> list[list[tuple[str, str]]]:
    """A double round-robin by the circle method: 2 * (n - 1) rounds of n / 2 matches."""
    n = len(teams)
    order = list(teams)
    first_half: list[list[tuple[str, str]]] = []
    for round_index in range(n - 1):
        pairs = []
        for i in range(n // 2):
            a, b = order[i], order[n - 1 - i]
            pairs.append((a, b) if (round_index + i) % 2 == 0 else (b, a))
        first_half.append(pairs)
        order = [order[0], order[-1], *order[1:-1]]
    return first_half + [[(away, home) for home, away in pairs] for pairs in first_half]


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for the small means of football.
    limit, k, p = pow(2.718281828459045, -mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _minute(rng: random.Random, period: Period) -> MatchClock:
    if period is Period.FIRST_HALF:
        if rng.random() < 0.06:
            return MatchClock(45, rng.randint(1, 4))
        return MatchClock(rng.randint(1, 45))
    if rng.random() < 0.08:
        return MatchClock(90, rng.randint(1, 6))
    return MatchClock(rng.randint(46, 90))


class _Match:
    """The simulation of one match: its events in order, each with a time key (minutes since the
    kick-off of the round, half-time included) that interleaves matches played at once."""

    def __init__(
        self,
        rng: random.Random,
        match_id: str,
        schedule: MatchScheduled,
        squads: dict[str, list[str]],
    ) -> None:
        self.rng = rng
        self.match_id = match_id
        self.events: list[tuple[float, Event]] = []
        self.on_pitch: dict[Side, list[str]] = {}
        self.bench: dict[Side, list[str]] = {}
        self.booked: set[tuple[Side, str]] = set()
        self.subs_left = {Side.HOME: 5, Side.AWAY: 5}
        self.add(-30.0, schedule)
        for side, team in ((Side.HOME, schedule.home), (Side.AWAY, schedule.away)):
            picked = rng.sample(squads[team], 11 + BENCH_SIZE)
            self.on_pitch[side], self.bench[side] = picked[:11], picked[11:]
            self.add(-20.0, LineupAnnounced(match_id=match_id, side=side, starting=picked[:11],
                                            substitutes=picked[11:]))  # fmt: skip
        self.play(Period.FIRST_HALF, 0.0, home_goals=0.65, away_goals=0.5, cards=1.9, subs=0.4)
        self.play(Period.SECOND_HALF, 15.0, home_goals=0.85, away_goals=0.7, cards=2.7, subs=11.0)

    def add(self, key: float, event: Event) -> None:
        # Keys never go back within a match, so that merging matches keeps each one's order.
        if self.events and key < self.events[-1][0]:
            key = self.events[-1][0]
        self.events.append((key, event))

    def play(
        self,
        period: Period,
        break_minutes: float,
        *,
        home_goals: float,
        away_goals: float,
        cards: float,
        subs: float,
    ) -> None:
        rng, match_id = self.rng, self.match_id
        start = (0.0 if period is Period.FIRST_HALF else 45.0) + break_minutes
        self.add(start, PeriodStarted(match_id=match_id, period=period))
        incidents: list[tuple[MatchClock, str, Side]] = []
        for side, mean in ((Side.HOME, home_goals), (Side.AWAY, away_goals)):
            incidents += [(_minute(rng, period), "goal", side) for _ in range(_poisson(rng, mean))]
        for _ in range(_poisson(rng, cards)):
            incidents.append((_minute(rng, period), "card", rng.choice((Side.HOME, Side.AWAY))))
        for _ in range(_poisson(rng, subs)):
            incidents.append((_minute(rng, period), "sub", rng.choice((Side.HOME, Side.AWAY))))
        incidents.sort(key=lambda incident: (incident[0].minute, incident[0].stoppage))
        offset = break_minutes if period is Period.SECOND_HALF else 0.0
        last = start
        for at, what, side in incidents:
            key = at.minute + at.stoppage + offset
            if what == "goal":
                self.goal(key, at, side)
            elif what == "card":
                self.card(key, at, side)
            else:
                self.substitution(key, at, side)
            last = key
        self.add(last + 0.5, PeriodEnded(match_id=match_id, period=period))

    def goal(self, key: float, at: MatchClock, side: Side) -> None:
        rng = self.rng
        roll = rng.random()
        kind = (
            GoalKind.OWN_GOAL
            if roll < 0.03
            else GoalKind.PENALTY
            if roll < 0.12
            else GoalKind.OPEN_PLAY
        )
        players = self.on_pitch[side.opponent if kind is GoalKind.OWN_GOAL else side]
        scorer = rng.choice(players)
        assist = None
        if kind is GoalKind.OPEN_PLAY and rng.random() < 0.7 and len(players) > 1:
            assist = rng.choice([name for name in players if name != scorer])
        self.add(
            key,
            Goal(match_id=self.match_id, side=side, scorer=scorer, at=at, kind=kind, assist=assist),
        )
        if rng.random() < 0.03:  # taken back after a VAR review, before play restarts
            version = len(self.events)
            self.add(key + 0.1, GoalAnnulled(match_id=self.match_id, goal_version=version))

    def card(self, key: float, at: MatchClock, side: Side) -> None:
        rng = self.rng
        players = self.on_pitch[side]
        if len(players) <= 8:
            return  # a team reduced to seven players would be abandoned; keep matches played out
        player = rng.choice(players)
        if (side, player) in self.booked:
            kind = CardKind.SECOND_YELLOW
        else:
            kind = CardKind.RED if rng.random() < 0.04 else CardKind.YELLOW
        if kind is CardKind.YELLOW:
            self.booked.add((side, player))
        else:
            players.remove(player)
        self.add(key, Card(match_id=self.match_id, side=side, player=player, at=at, kind=kind))

    def substitution(self, key: float, at: MatchClock, side: Side) -> None:
        rng = self.rng
        bench = self.bench[side]
        if self.subs_left[side] == 0 or not bench:
            return
        self.subs_left[side] -= 1
        players = self.on_pitch[side]
        off = rng.choice(players)
        on = bench.pop(rng.randrange(len(bench)))
        players[players.index(off)] = on
        self.add(
            key,
            Substitution(match_id=self.match_id, side=side, player_off=off, player_on=on, at=at),
        )


def events(matches: int, seed: int = 2024) -> Iterator[Event]:
    """The events of ``matches`` league matches, lazily, in the order a live feed gives them.

    Seasons follow one another; in each round the four leagues play their ten matches at once.
    The same ``matches`` and ``seed`` always give the same events.
    """
    rng = random.Random(seed)
    produced = 0
    leagues = [(name, _teams(rng, index)) for index, name in enumerate(LEAGUES)]
    for season_index in count():
        year = FIRST_SEASON + season_index
        season = f"{year}-{(year + 1) % 100:02d}"
        squads = {team: _squad(rng) for _, teams in leagues for team in teams}
        schedules = [(name, _rounds(teams)) for name, teams in leagues]
        first_day = datetime(year, 8, 10, 15, 0, tzinfo=UTC)
        for round_index in range(2 * (TEAMS_PER_LEAGUE - 1)):
            kickoff = first_day + timedelta(days=7 * round_index)
            streams: list[list[tuple[float, int, Event]]] = []
            for league_index, (name, rounds) in enumerate(schedules):
                for pair_index, (home, away) in enumerate(rounds[round_index]):
                    if produced == matches:
                        break
                    produced += 1
                    match_id = f"L{league_index + 1}-{season}-R{round_index + 1:02d}-{pair_index}"
                    schedule = MatchScheduled(
                        match_id=match_id,
                        home=home,
                        away=away,
                        competition=name,
                        season=season,
                        stage=f"Matchday {round_index + 1}",
                        matchday=round_index + 1,
                        kickoff=kickoff,
                    )
                    match = _Match(rng, match_id, schedule, squads)
                    streams.append([(key, len(streams), event) for key, event in match.events])
            for _, _, event in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
                yield event
            if produced == matches:
                return


def write(path: str, matches: int, seed: int = 2024) -> int:
    """Write the log of ``matches`` matches to ``path`` with the library's codec; returns the
    number of events."""
    return write_log(path, events(matches, seed))


def main() -> None:
    """Command line: write a log."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--matches", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=2024)
    options = parser.parse_args()
    print(f"{write(options.path, options.matches, options.seed):,} events")


if __name__ == "__main__":
    main()
