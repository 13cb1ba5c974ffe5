"""Strategies for the building blocks: identifiers, teams, players, minutes, scores, formats and
single events of every type.

Single events are well-formed values, not necessarily valid *in a match*: a ``Goal`` drawn here
may name a minute its match has not reached. For events that a timeline accepts, draw whole
matches with :func:`matchevents.testing.matches`.

Every strategy takes ``extreme=False`` where it makes sense: realistic values read like real data
and shrink to short, readable ones; ``extreme=True`` adds what real feeds also deliver (accented
and unusual names, long stoppage time, scorers the source does not name).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Final, TypeVar

import attrs
from hypothesis import strategies as st

from matchevents.clock import MAX_STOPPAGE, MatchClock, Period
from matchevents.errors import InvalidValueError
from matchevents.events import (
    EVENT_TYPES,
    AnnulmentReason,
    Card,
    CardKind,
    Event,
    Goal,
    GoalAnnulled,
    GoalKind,
    KickOutcome,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchEvent,
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.formats import AwayGoals, MatchFormat
from matchevents.score import Score, Side

T = TypeVar("T")

REALISTIC_TEAMS: Final = (
    "Arsenal",
    "Chelsea",
    "Liverpool",
    "Everton",
    "Atalanta",
    "AC Milan",
    "Inter",
    "Real Madrid",
    "Barcelona",
    "Bayern München",
    "Borussia Dortmund",
    "Ajax",
    "PSV",
    "Benfica",
    "FC Porto",
    "Celtic",
    "Rangers",
    "Paris Saint-Germain",
    "Olympique Lyon",
    "Galatasaray",
)
"""Club names that realistic strategies draw from."""

REALISTIC_PLAYERS: Final = (
    "Alisson",
    "Salah",
    "Núñez",
    "Gakpo",
    "Szoboszlai",
    "Mac Allister",
    "Van Dijk",
    "Robertson",
    "Saka",
    "Ødegaard",
    "Rice",
    "Havertz",
    "Palmer",
    "Jackson",
    "Scamacca",
    "Pašalić",
    "Lookman",
    "De Ketelaere",
    "Koopmeiners",
    "Ederson",
    "Leão",
    "Pulisic",
    "Giroud",
    "Theo Hernández",
    "Lautaro",
    "Barella",
    "Bellingham",
    "Vinícius Júnior",
    "Rodrygo",
    "Lewandowski",
    "Pedri",
    "Kane",
    "Musiala",
    "Sané",
    "Füllkrug",
    "Brandt",
    "Di María",
    "João Neves",
    "Mbappé",
    "Dembélé",
    "Icardi",
    "Mertens",
    "Furuhashi",
    "McGregor",
    "Tavernier",
    "Kudus",
    "Berghuis",
    "De Jong",
)
"""Player names that realistic strategies draw from (accents included, as sources write them)."""

REALISTIC_STOPPAGE: Final = 10
"""The longest stoppage time realistic strategies draw, in minutes."""

_PLAYING_PERIODS: Final = (
    Period.FIRST_HALF,
    Period.SECOND_HALF,
    Period.EXTRA_TIME_FIRST_HALF,
    Period.EXTRA_TIME_SECOND_HALF,
)


@functools.cache
def _unusual_names() -> st.SearchStrategy[str]:
    """Names real feeds do deliver: accents, apostrophes, hyphens, one letter, other scripts."""
    return st.text(
        st.characters(codec="utf-8", categories=("L", "Zs", "Pd", "Po")),
        min_size=1,
        max_size=30,
    ).filter(lambda name: name.strip() == name and name != "")


def match_ids(*, extreme: bool = False) -> st.SearchStrategy[str]:
    """Match identifiers: short, readable ``m1``, ``m2`` … or, with ``extreme``, any non-empty
    text (a timeline accepts any non-empty string as a match id)."""
    readable = st.integers(min_value=1, max_value=9999).map(lambda n: f"m{n}")
    if not extreme:
        return readable
    return readable | st.text(min_size=1, max_size=40)


def team_names(*, extreme: bool = False) -> st.SearchStrategy[str]:
    """Team names: real club names, or with ``extreme`` also unusual text."""
    realistic = st.sampled_from(REALISTIC_TEAMS)
    return realistic | _unusual_names() if extreme else realistic


def teams(*, extreme: bool = False) -> st.SearchStrategy[tuple[str, str]]:
    """A home and an away team: two different names."""
    if not extreme:
        return _realistic_teams()
    return st.lists(team_names(extreme=extreme), min_size=2, max_size=2, unique=True).map(
        lambda pair: (pair[0], pair[1])
    )


@st.composite
def _realistic_teams(draw: st.DrawFn) -> tuple[str, str]:
    """Two different real clubs in two draws, where a list of unique names would retry on a
    repeat (shrinks to the first two)."""
    home = draw(st.integers(0, len(REALISTIC_TEAMS) - 1))
    away = draw(st.integers(0, len(REALISTIC_TEAMS) - 2))
    return REALISTIC_TEAMS[home], REALISTIC_TEAMS[away + (away >= home)]


def player_names(*, extreme: bool = False) -> st.SearchStrategy[str]:
    """Player names as sources write them: real names, or with ``extreme`` also unusual text."""
    realistic = st.sampled_from(REALISTIC_PLAYERS)
    return realistic | _unusual_names() if extreme else realistic


@attrs.frozen(slots=True, kw_only=True)
class Squad:
    """The players of one side for one match: the starting eleven and the substitutes."""

    starting: tuple[str, ...]
    substitutes: tuple[str, ...]


_PLAYER_STEPS: Final = st.sampled_from(
    [
        step
        for step in range(1, len(REALISTIC_PLAYERS))
        if math.gcd(step, len(REALISTIC_PLAYERS)) == 1
    ]
)
"""Steps through the real names that visit every one of them (shrinks to 1: names in order)."""

_MAX_UNUSUAL: Final = 4
"""The most unusual names an extreme squad has in place of real ones."""


@st.composite
def squads(
    draw: st.DrawFn,
    *,
    starters: int | None = None,
    substitutes: int | None = None,
    extreme: bool = False,
) -> Squad:
    """A side's squad: distinct names, eleven starters (1 to 11 with ``extreme``, as a line-up
    may name), and 0 to 9 substitutes (0 to 12 with ``extreme``), unless told how many. Real
    names, and with ``extreme`` up to four unusual ones among them."""
    if starters is None:
        starters = draw(st.integers(1, 11)) if extreme else 11
    if substitutes is None:
        substitutes = draw(st.integers(0, 12 if extreme else 9))
    size = starters + substitutes
    if size > len(REALISTIC_PLAYERS):
        names = draw(
            st.lists(player_names(extreme=extreme), min_size=size, max_size=size, unique=True)
        )
    else:
        # Two draws, not one a name with retries for uniqueness: a walk through the real names
        # from any start with a step coprime to their number visits each name once.
        start = draw(st.integers(0, len(REALISTIC_PLAYERS) - 1))
        step = draw(_PLAYER_STEPS)
        names = [
            REALISTIC_PLAYERS[(start + i * step) % len(REALISTIC_PLAYERS)] for i in range(size)
        ]
        # A few unusual names in place of real ones: text costs a draw a character.
        for _ in range(draw(st.integers(0, _MAX_UNUSUAL)) if extreme else 0):
            slot, name = draw(st.integers(0, size - 1)), draw(_unusual_names())
            if name not in names:
                names[slot] = name
    return Squad(starting=tuple(names[:starters]), substitutes=tuple(names[starters:]))


def sides() -> st.SearchStrategy[Side]:
    """Home or away (shrinks to home)."""
    return st.sampled_from(Side)


def scores(*, max_goals: int = 6) -> st.SearchStrategy[Score]:
    """Scores with at most ``max_goals`` goals a side (shrinks to 0-0)."""
    goals = st.integers(min_value=0, max_value=max_goals)
    return st.builds(Score, goals, goals)


def match_clocks(
    period: Period | None = None, *, max_stoppage: int = REALISTIC_STOPPAGE
) -> st.SearchStrategy[MatchClock]:
    """Minutes of play, with stoppage time at the end of each period (45+3 is
    ``MatchClock(45, 3)``), optionally within one period of play. Shrinks to the period's first
    minute."""
    if not 0 <= max_stoppage <= MAX_STOPPAGE:
        raise InvalidValueError(f"max_stoppage must be 0 to {MAX_STOPPAGE}, got {max_stoppage}")
    periods = _PLAYING_PERIODS if period is None else (period,)
    if period is Period.PENALTY_SHOOTOUT:
        raise InvalidValueError(
            "the shoot-out has no minutes of its own; draw a clock of a period of play"
        )
    return st.sampled_from(periods).flatmap(lambda p: _clocks_in(p, max_stoppage))


def _clocks_in(period: Period, max_stoppage: int) -> st.SearchStrategy[MatchClock]:
    regular = st.builds(MatchClock, st.integers(period.first_minute, period.last_minute))
    if max_stoppage == 0:
        return regular
    added = st.builds(
        MatchClock, st.just(period.last_minute), st.integers(min_value=1, max_value=max_stoppage)
    )
    return regular | added


def match_formats() -> st.SearchStrategy[MatchFormat]:
    """Every kind of format: league, knockout (with or without extra time and shoot-out), first
    leg, and second leg (with a first-leg score and each away goals rule). Shrinks to league."""
    knockout = st.builds(MatchFormat.knockout, extra_time=st.booleans(), shootout=st.booleans())
    second_leg = st.builds(
        MatchFormat.second_leg_of_tie,
        scores(max_goals=4),
        away_goals=st.sampled_from(AwayGoals),
        extra_time=st.booleans(),
        shootout=st.booleans(),
    )
    return st.sampled_from([MatchFormat.league(), MatchFormat.first_leg_of_tie()]) | (
        knockout | second_leg
    )


def schedules(
    *,
    match_id: str | None = None,
    match_format: MatchFormat | None = None,
    extreme: bool = False,
) -> st.SearchStrategy[MatchScheduled]:
    """``MatchScheduled`` events: two different teams, a competition and season, a format."""
    return st.builds(
        _schedule,
        match_id=st.just(match_id) if match_id is not None else match_ids(extreme=extreme),
        pair=teams(extreme=extreme),
        competition=st.sampled_from(("Premier League", "UEFA Champions League", "FA Cup")),
        season=st.sampled_from(("2023-24", "2024-25")),
        match_format=st.just(match_format) if match_format is not None else match_formats(),
        matchday=st.none() | st.integers(1, 38),
    )


def _schedule(
    *,
    match_id: str,
    pair: tuple[str, str],
    competition: str,
    season: str,
    match_format: MatchFormat,
    matchday: int | None,
) -> MatchScheduled:
    return MatchScheduled(
        match_id=match_id,
        home=pair[0],
        away=pair[1],
        competition=competition,
        season=season,
        format=match_format,
        matchday=matchday,
    )


def _event_builders(
    match_id: st.SearchStrategy[str], extreme: bool
) -> dict[type[MatchEvent], st.SearchStrategy[Event]]:
    names = player_names(extreme=extreme)
    clocks = match_clocks(max_stoppage=MAX_STOPPAGE if extreme else REALISTIC_STOPPAGE)
    maybe_name = st.none() | names
    reasons = st.sampled_from(("", "waterlogged pitch", "crowd trouble", "floodlight failure"))

    def build(cls: Callable[..., T], **fields: st.SearchStrategy[object]) -> st.SearchStrategy[T]:
        return st.builds(cls, match_id=match_id, **fields)

    builders: dict[type[MatchEvent], st.SearchStrategy[Event]] = {
        MatchScheduled: match_id.flatmap(lambda m: schedules(match_id=m, extreme=extreme)),
        LineupAnnounced: build(
            LineupAnnounced,
            side=sides(),
            starting=st.lists(names, min_size=1, max_size=11, unique=True),
            substitutes=st.lists(names, max_size=9, unique=True),
        ),
        PeriodStarted: build(PeriodStarted, period=st.sampled_from(Period)),
        PeriodEnded: st.one_of(
            build(PeriodEnded, period=st.sampled_from(Period), score=st.none() | scores()),
            # Only the end of the shoot-out may carry a recorded shoot-out score.
            build(
                PeriodEnded,
                period=st.just(Period.PENALTY_SHOOTOUT),
                score=st.none() | scores(),
                penalties=scores(max_goals=12),
            ),
        ),
        Goal: build(
            Goal,
            side=sides(),
            scorer=maybe_name,
            at=clocks,
            kind=st.sampled_from(GoalKind),
            assist=maybe_name,
        ),
        GoalAnnulled: build(
            GoalAnnulled,
            goal_version=st.integers(min_value=1, max_value=200),
            reason=st.sampled_from(AnnulmentReason),
        ),
        ShootoutKick: build(
            ShootoutKick, side=sides(), taker=maybe_name, outcome=st.sampled_from(KickOutcome)
        ),
        Card: build(Card, side=sides(), player=names, at=clocks, kind=st.sampled_from(CardKind)),
        Substitution: build(
            Substitution, side=sides(), player_off=names, player_on=names, at=clocks
        ),
        MatchAbandoned: build(MatchAbandoned, at=st.none() | clocks, reason=reasons),
        MatchAwarded: build(
            MatchAwarded,
            score=st.sampled_from((Score(3, 0), Score(0, 3))) | scores(),
            reason=reasons,
        ),
        MatchPostponed: build(MatchPostponed, reason=reasons),
    }
    return builders


def events(
    *,
    event_types: type[MatchEvent] | tuple[type[MatchEvent], ...] = EVENT_TYPES,
    match_id: str | None = None,
    extreme: bool = False,
) -> st.SearchStrategy[Event]:
    """Single, well-formed events of the given types (every type of the catalogue by default).

    The events are valid values, not necessarily valid in a match: for events a timeline accepts,
    draw whole matches with :func:`~matchevents.testing.matches`.
    """
    wanted = event_types if isinstance(event_types, tuple) else (event_types,)
    unknown = [cls for cls in wanted if cls not in EVENT_TYPES]
    if unknown or not wanted:
        raise InvalidValueError(f"not event types of the catalogue: {unknown or 'none given'}")
    ids = st.just(match_id) if match_id is not None else match_ids(extreme=extreme)
    builders = _event_builders(ids, extreme)
    return st.one_of([builders[cls] for cls in wanted])
