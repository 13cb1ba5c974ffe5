"""Strategies for many matches: round-robin seasons with points deductions, two-legged knockout
rounds, and interleaved multi-match logs as a live feed delivers them.

Each match of a competition is a valid match of :func:`~matchevents.testing.matches`; a team keeps
its squad all season. Matches shrink as single matches do, and a competition shrinks toward fewer
teams and no sanctions.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import InvalidValueError
from matchevents.events import Event
from matchevents.formats import AwayGoals, MatchFormat
from matchevents.testing.matches import ALL_ENDINGS, Ending, _chance, _matches, matches
from matchevents.testing.values import Squad, squads, team_names
from matchevents.timeline import Timeline

T = TypeVar("T")


@attrs.frozen(slots=True, kw_only=True)
class GeneratedCompetition:
    """A generated competition: its teams, each match's events, and its sanctions.

    Attributes:
        competition: the competition named in every schedule.
        season: the season named in every schedule.
        teams: the teams taking part.
        matches: the events of each match, in the order the matches were scheduled.
        sanctions: points deductions of the season (empty for a knockout round).
    """

    competition: str
    season: str
    teams: tuple[str, ...]
    matches: tuple[tuple[Event, ...], ...]
    sanctions: tuple[PointsDeduction, ...] = ()

    @property
    def events(self) -> tuple[Event, ...]:
        """Every match event, match after match."""
        return tuple(event for match in self.matches for event in match)


def round_robin_pairings(
    teams: Sequence[str], *, double: bool = True
) -> list[list[tuple[str, str]]]:
    """The matchdays of a round-robin (the circle method): every team meets every other once,
    or home and away with ``double``; a team with no opponent on a matchday (odd numbers) rests.
    """
    names: list[str | None] = list(teams)
    if len(names) % 2:
        names.append(None)
    rounds: list[list[tuple[str, str]]] = []
    for day in range(len(names) - 1):
        pairs = []
        for i in range(len(names) // 2):
            home, away = names[i], names[-1 - i]
            if home is not None and away is not None:
                # Alternate venues so that no team plays all its first-half matches away.
                pairs.append((home, away) if (day + i) % 2 == 0 else (away, home))
        rounds.append(pairs)
        names = [names[0], names[-1], *names[1:-1]]
    if double:
        rounds += [[(away, home) for home, away in day] for day in rounds]
    return rounds


@st.composite
def _team_squads(draw: st.DrawFn, names: Sequence[str], extreme: bool) -> dict[str, Squad]:
    return {name: draw(squads(extreme=extreme)) for name in names}


def _sides(
    squad_of: dict[str, Squad], home: str, away: str
) -> st.SearchStrategy[tuple[Squad, Squad]]:
    return st.just((squad_of[home], squad_of[away]))


@st.composite
def _points_deductions(
    draw: st.DrawFn, competition: str, season: str, names: Sequence[str]
) -> tuple[PointsDeduction, ...]:
    """Deductions, some later reduced on appeal (a deduction of negative points)."""
    found: list[PointsDeduction] = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        team = draw(st.sampled_from(names))
        points = draw(st.integers(min_value=1, max_value=10))
        found.append(
            PointsDeduction(
                competition=competition,
                season=season,
                team=team,
                points=points,
                reason="financial rules",
            )
        )
        if points > 1 and draw(st.booleans()):
            back = draw(st.integers(min_value=1, max_value=points - 1))
            found.append(
                PointsDeduction(
                    competition=competition,
                    season=season,
                    team=team,
                    points=-back,
                    reason="reduced on appeal",
                )
            )
    return tuple(found)


@st.composite
def _seasons(
    draw: st.DrawFn,
    *,
    min_teams: int,
    max_teams: int,
    double: bool,
    sanctions: bool,
    endings: tuple[Ending, ...],
    max_goals: int,
    extreme: bool,
    competition: str,
    season: str,
) -> GeneratedCompetition:
    names = draw(
        st.lists(team_names(extreme=extreme), min_size=min_teams, max_size=max_teams, unique=True)
    )
    squad_of = draw(_team_squads(names, extreme))
    # Now and then every home side wins: home and away, every team then ends level on points
    # (and on head-to-head points among any of them), so the tie-breakers order the whole table.
    home_wins = max_goals > 0 and _chance(draw, 3 if extreme else 6)
    played: list[tuple[Event, ...]] = []
    for matchday, pairs in enumerate(round_robin_pairings(names, double=double), start=1):
        for home, away in pairs:
            played.append(
                draw(
                    _matches(
                        match_id=st.just(f"{season}-md{matchday}-{len(played) + 1}"),
                        home_away=st.just((home, away)),
                        match_format=st.just(MatchFormat.league()),
                        squads_of=_sides(squad_of, home, away),
                        competition=competition,
                        season=season,
                        matchday=matchday,
                        goals=None,
                        max_goals=max_goals,
                        extra_time=None,
                        shootout=None,
                        lineups=None,
                        endings=endings,
                        extreme=extreme,
                        home_win=home_wins,
                    )
                )
            )
    deductions = draw(_points_deductions(competition, season, names)) if sanctions else ()
    return GeneratedCompetition(
        competition=competition,
        season=season,
        teams=tuple(names),
        matches=tuple(played),
        sanctions=deductions,
    )


def _endings(endings: Collection[Ending] | None) -> tuple[Ending, ...]:
    chosen = ALL_ENDINGS if endings is None else tuple(dict.fromkeys(endings))
    if not chosen:
        raise InvalidValueError("endings must name at least one Ending")
    return chosen


def round_robin_seasons(
    *,
    min_teams: int = 2,
    max_teams: int = 4,
    double: bool = True,
    sanctions: bool = True,
    endings: Collection[Ending] | None = None,
    max_goals: int = 5,
    extreme: bool = False,
    competition: str = "Test League",
    season: str = "2024-25",
) -> st.SearchStrategy[GeneratedCompetition]:
    """League seasons: every team plays every other, home and away (once each with
    ``double=False``), league-format matches, and points deductions when ``sanctions``. Now and
    then (more often with ``extreme``) every home side wins the matches played to the end: home
    and away, every team then ends level on points, and the tie-breakers order the whole table.

    Args:
        min_teams: the fewest teams (at least 2).
        max_teams: the most teams; a season of n teams has n(n-1) matches, so keep it small.
        double: home and away, or a single round.
        sanctions: draw points deductions (some reduced on appeal).
        endings: the match endings to draw (see :class:`~matchevents.testing.Ending`); all by
            default, played to the end being the common one.
        max_goals: at most this many goals in a match.
        extreme: the rare shapes, often (see :func:`~matchevents.testing.matches`).
        competition: the competition named in every schedule and deduction.
        season: the season named in every schedule and deduction.

    Raises:
        InvalidValueError: fewer than two teams, or ``max_teams < min_teams``.
    """
    if min_teams < 2 or max_teams < min_teams:
        raise InvalidValueError(
            f"a season needs 2 or more teams and max_teams >= min_teams, got {min_teams=}, "
            f"{max_teams=}"
        )
    return _seasons(
        min_teams=min_teams,
        max_teams=max_teams,
        double=double,
        sanctions=sanctions,
        endings=_endings(endings),
        max_goals=max_goals,
        extreme=extreme,
        competition=competition,
        season=season,
    )


@st.composite
def _knockout_rounds(
    draw: st.DrawFn,
    *,
    min_ties: int,
    max_ties: int,
    away_goals: st.SearchStrategy[AwayGoals],
    extreme: bool,
    competition: str,
    season: str,
    stage: str,
) -> GeneratedCompetition:
    ties = draw(st.integers(min_value=min_ties, max_value=max_ties))
    names = draw(
        st.lists(team_names(extreme=extreme), min_size=2 * ties, max_size=2 * ties, unique=True)
    )
    squad_of = draw(_team_squads(names, extreme))
    rule = draw(away_goals)
    played: list[tuple[Event, ...]] = []
    for tie in range(ties):
        first_home, first_away = names[2 * tie], names[2 * tie + 1]
        first_leg = draw(
            _matches(
                match_id=st.just(f"{season}-tie{tie + 1}-leg1"),
                home_away=st.just((first_home, first_away)),
                match_format=st.just(MatchFormat.first_leg_of_tie()),
                squads_of=_sides(squad_of, first_home, first_away),
                competition=competition,
                season=season,
                stage=stage,
                goals=None,
                max_goals=5,
                extra_time=None,
                shootout=None,
                lineups=None,
                endings=(Ending.PLAYED,),
                extreme=extreme,
            )
        )
        first_score = Timeline.from_events(first_leg).score
        second_leg = draw(
            _matches(
                match_id=st.just(f"{season}-tie{tie + 1}-leg2"),
                home_away=st.just((first_away, first_home)),
                match_format=st.just(MatchFormat.second_leg_of_tie(first_score, away_goals=rule)),
                squads_of=_sides(squad_of, first_away, first_home),
                competition=competition,
                season=season,
                stage=stage,
                goals=None,
                max_goals=5,
                extra_time=None,
                shootout=None,
                lineups=None,
                endings=(Ending.PLAYED,),
                extreme=extreme,
            )
        )
        played += [first_leg, second_leg]
    return GeneratedCompetition(
        competition=competition, season=season, teams=tuple(names), matches=tuple(played)
    )


def two_legged_rounds(
    *,
    min_ties: int = 1,
    max_ties: int = 4,
    away_goals: AwayGoals | None = None,
    extreme: bool = False,
    competition: str = "Test Cup",
    season: str = "2024-25",
    stage: str = "Round of 16",
) -> st.SearchStrategy[GeneratedCompetition]:
    """A knockout round of two-legged ties: each tie's first leg, then its second leg (home and
    away swapped) carrying the first leg's score, with extra time and a shoot-out when the
    aggregate is level. Matches come leg 1, leg 2 of the first tie, then of the next.

    Args:
        min_ties: the fewest ties.
        max_ties: the most ties.
        away_goals: the away goals rule of every tie; drawn once per round by default.
        extreme: the rare shapes, often (see :func:`~matchevents.testing.matches`).
        competition: the competition named in every schedule.
        season: the season named in every schedule.
        stage: the stage named in every schedule.

    Raises:
        InvalidValueError: fewer than one tie, or ``max_ties < min_ties``.
    """
    if min_ties < 1 or max_ties < min_ties:
        raise InvalidValueError(f"need 1 or more ties, got {min_ties=}, {max_ties=}")
    rules = st.just(away_goals) if away_goals is not None else st.sampled_from(AwayGoals)
    return _knockout_rounds(
        min_ties=min_ties,
        max_ties=max_ties,
        away_goals=rules,
        extreme=extreme,
        competition=competition,
        season=season,
        stage=stage,
    )


@st.composite
def _interleavings(draw: st.DrawFn, streams: tuple[tuple[T, ...], ...]) -> list[T]:
    positions = [0] * len(streams)
    active = [i for i, stream in enumerate(streams) if stream]
    merged: list[T] = []
    while active:
        k = draw(st.integers(min_value=0, max_value=len(active) - 1)) if len(active) > 1 else 0
        stream = active[k]
        merged.append(streams[stream][positions[stream]])
        positions[stream] += 1
        if positions[stream] == len(streams[stream]):
            active.pop(k)
    return merged


def interleavings(streams: Sequence[Sequence[T]]) -> st.SearchStrategy[list[T]]:
    """Every merge of ``streams`` that keeps each stream's own order, as a feed that delivers
    several matches at once does. Shrinks to the streams one after the other."""
    return _interleavings(tuple(tuple(stream) for stream in streams))


@st.composite
def _feeds(
    draw: st.DrawFn, count: st.SearchStrategy[int], wishes: dict[str, object]
) -> list[Event]:
    how_many = draw(count)
    logs = [
        draw(matches(match_id=f"m{number}", **wishes))  # type: ignore[arg-type]
        for number in range(1, how_many + 1)
    ]
    return draw(interleavings(logs))


def interleaved_feeds(
    *, min_matches: int = 2, max_matches: int = 4, **wishes: object
) -> st.SearchStrategy[list[Event]]:
    """The log of a live feed covering several matches at once (ids ``m1``, ``m2`` …): each
    match's events in order, the matches interleaved. Takes the keyword arguments of
    :func:`~matchevents.testing.matches` (but not ``match_id``) for every match.

    Raises:
        InvalidValueError: fewer than one match, ``max_matches < min_matches``, or a
            ``match_id`` among the wishes.
    """
    if min_matches < 1 or max_matches < min_matches:
        raise InvalidValueError(f"need 1 or more matches, got {min_matches=}, {max_matches=}")
    if "match_id" in wishes:
        raise InvalidValueError("interleaved_feeds names its matches m1, m2 …; drop match_id")
    return _feeds(st.integers(min_value=min_matches, max_value=max_matches), wishes)
