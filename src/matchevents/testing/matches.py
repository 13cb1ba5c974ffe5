"""Strategies for whole valid matches, and for live matches (prefixes of valid ones).

Matches are built constructively, never by filtering: the strategy first plans the score at the
end of each stage so that the format's rules and the caller's wishes hold (extra time happens,
a shoot-out happens, so many goals), then walks the match period by period and draws only events
that are legal at that moment (a scorer who is on the pitch, a second yellow for a booked player, a
shoot-out kick by the side whose turn it is). Every draw shrinks toward *less*: fewer goals, no
cards, no line-ups, the match played to the end, so that a failing case shrinks to a handful of
events.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Collection, Sequence
from typing import Final

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from matchevents.clock import MAX_STOPPAGE, MatchClock, Period
from matchevents.errors import InvalidValueError
from matchevents.events import (
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
    MatchPostponed,
    MatchScheduled,
    PeriodEnded,
    PeriodStarted,
    ShootoutKick,
    Substitution,
)
from matchevents.formats import AwayGoals, MatchFormat
from matchevents.rules import shootout_winner
from matchevents.score import Score, Side
from matchevents.testing.values import (
    REALISTIC_STOPPAGE,
    Squad,
    match_formats,
    match_ids,
    scores,
    squads,
    teams,
)


class Ending(enum.Enum):
    """How a generated match ends."""

    PLAYED = "played"
    """Played to the end: full-time, or extra time and a shoot-out where the format and score
    call for them."""
    ABANDONED = "abandoned"
    """Kicked off and abandoned at some moment before the end."""
    ABANDONED_AND_AWARDED = "abandoned_and_awarded"
    """Abandoned, then awarded by the competition's authority."""
    WALKOVER = "walkover"
    """Never played (possibly after postponements) and awarded."""
    POSTPONED = "postponed"
    """Postponed, and not played yet."""
    OVERTURNED = "overturned"
    """Played to the end, then the result replaced by an award (an ineligible player, say)."""


ALL_ENDINGS: Final = tuple(Ending)
"""Every ending, for ``matches(endings=ALL_ENDINGS)``."""

_MAX_SUDDEN_DEATH: Final = 8
_MAX_SUBSTITUTIONS: Final = 5


@attrs.define
class _Side:
    """One side's players during generation (mutable, private to one draw)."""

    on_pitch: list[str]
    bench: list[str]
    booked: set[str] = attrs.field(factory=set)
    substitutions: int = 0


@attrs.define
class _Builder:
    """The match being generated: its events so far and the little state legal draws need."""

    match_id: str
    extreme: bool
    sides: dict[Side, _Side]
    events: list[Event] = attrs.field(factory=list)
    score: Score = attrs.field(factory=Score)
    last_clock: MatchClock | None = None

    def add(self, event: Event) -> int:
        self.events.append(event)
        return len(self.events)


def _chance(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in ``one_in`` draws; shrinks to False."""
    return draw(st.integers(min_value=0, max_value=one_in - 1)) == one_in - 1


def _pick(draw: st.DrawFn, names: Sequence[str | None]) -> str | None:
    """One of ``names`` (shrinks to the first); None when there are none."""
    if not names:
        return None
    return names[draw(st.integers(min_value=0, max_value=len(names) - 1))]


# -- planning the score ---------------------------------------------------------------------


def _scores_with_total(total: int) -> list[Score]:
    return [Score(home, total - home) for home in range(total + 1)]


@functools.lru_cache(maxsize=4096)
def _after_extra_time(
    match_format: MatchFormat, at_90: Score, low: int, high: int, shootout: bool | None
) -> tuple[Score, ...]:
    """Scores after extra time that follow ``at_90`` and meet the goal and shoot-out wishes."""
    found = []
    base = at_90.home + at_90.away
    for extra in range(high - base + 1):
        if base + extra < low:
            continue
        for added in _scores_with_total(extra):
            final = at_90 + added
            then = match_format.period_after(Period.EXTRA_TIME_SECOND_HALF, final)
            if shootout is None or shootout == (then is Period.PENALTY_SHOOTOUT):
                found.append(final)
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def _after_90(
    match_format: MatchFormat,
    low: int,
    high: int,
    extra_time: bool | None,
    shootout: bool | None,
) -> tuple[Score, ...]:
    """Scores after 90 minutes from which a match meeting every wish can be played out."""
    found = []
    for total in range(high + 1):
        for at_90 in _scores_with_total(total):
            then = match_format.period_after(Period.SECOND_HALF, at_90)
            goes_to_extra_time = then is Period.EXTRA_TIME_FIRST_HALF
            if extra_time is not None and extra_time != goes_to_extra_time:
                continue
            if goes_to_extra_time:
                if _after_extra_time(match_format, at_90, low, high, shootout):
                    found.append(at_90)
            elif total >= low and (
                shootout is None or shootout == (then is Period.PENALTY_SHOOTOUT)
            ):
                found.append(at_90)
    return tuple(found)


def can_be_played(
    match_format: MatchFormat,
    *,
    goals: int | None = None,
    max_goals: int = 6,
    extra_time: bool | None = None,
    shootout: bool | None = None,
) -> bool:
    """Whether a match of this format can be played out with these wishes (for example, a
    knockout match with exactly one goal cannot go to a shoot-out)."""
    low, high = (goals, goals) if goals is not None else (0, max_goals)
    return bool(_after_90(match_format, low, high, extra_time, shootout))


def _split(draw: st.DrawFn, total: Score) -> Score:
    """A part of ``total``: the goals of the first of two periods."""
    return Score(
        draw(st.integers(min_value=0, max_value=total.home)),
        draw(st.integers(min_value=0, max_value=total.away)),
    )


# -- playing it out ----------------------------------------------------------------------------


def _play_period(draw: st.DrawFn, match: _Builder, period: Period, goals: Score) -> None:
    """One period of play scoring exactly ``goals``, with cards, substitutions and annulled goals
    as the shape allows."""
    match.add(PeriodStarted(match_id=match.match_id, period=period))
    extreme = match.extreme
    # A coarse source knows only the score at the end of the period, not the goals.
    coarse = _chance(draw, 3 if extreme else 12)
    actions: list[str] = []
    if not coarse:
        actions += ["goal-home"] * goals.home + ["goal-away"] * goals.away
        actions += ["annulled"] * draw(st.integers(0, 2 if extreme else 1))
    actions += ["card"] * draw(st.integers(0, 6 if extreme else 3))
    actions += ["substitution"] * draw(st.integers(0, 6 if extreme else 3))
    max_stoppage = MAX_STOPPAGE if extreme else REALISTIC_STOPPAGE
    if actions:
        # Each action happens at a clock of its own drawing; their order is that of the clocks.
        clock = _clock_in(period, max_stoppage)
        clocks = [draw(clock) for _ in actions]
        timed = sorted(
            zip(clocks, actions, strict=True), key=lambda pair: (pair[0].minute, pair[0].stoppage)
        )
        pending_annulments: list[int] = []
        for at, action in timed:
            match action:
                case "goal-home":
                    _goal(draw, match, Side.HOME, at)
                case "goal-away":
                    _goal(draw, match, Side.AWAY, at)
                case "annulled":
                    side = draw(st.sampled_from(Side))
                    version = _goal(draw, match, side, at)
                    if draw(st.booleans()):
                        pending_annulments.append(version)
                    else:
                        _annul(draw, match, version, side)
                case "card":
                    _card(draw, match, at)
                case _:
                    _substitution(draw, match, at)
        for version in pending_annulments:
            goal = match.events[version - 1]
            assert isinstance(goal, Goal)
            _annul(draw, match, version, goal.side)
    if coarse:
        match.score = match.score + goals
    recorded = match.score if coarse or draw(st.booleans()) else None
    match.add(PeriodEnded(match_id=match.match_id, period=period, score=recorded))


@functools.cache
def _clock_in(period: Period, max_stoppage: int) -> st.SearchStrategy[MatchClock]:
    """Clocks of one period, each one draw: its minutes, then its stoppage time as the minutes
    past the last (45+3 is 48 here). Shrinks to the period's first minute."""
    last = period.last_minute

    def clock(minute: int) -> MatchClock:
        return MatchClock(minute) if minute <= last else MatchClock(last, minute - last)

    return st.integers(period.first_minute, last + max_stoppage).map(clock)


def _goal(draw: st.DrawFn, match: _Builder, side: Side, at: MatchClock) -> int:
    own_goal = _chance(draw, 4 if match.extreme else 15)
    kind = (
        GoalKind.OWN_GOAL
        if own_goal
        else draw(st.sampled_from((GoalKind.OPEN_PLAY, GoalKind.PENALTY)))
    )
    player_side = side.opponent if own_goal else side
    players = match.sides[player_side].on_pitch
    scorer = None if match.extreme and _chance(draw, 4) else _pick(draw, players)
    assist = None
    if kind is GoalKind.OPEN_PLAY:
        # One draw for both whether and who: no assist first, then each team-mate.
        assist = _pick(draw, [None, *(p for p in players if p != scorer)])
    match.last_clock = at
    match.score = match.score.plus(side)
    return match.add(
        Goal(match_id=match.match_id, side=side, scorer=scorer, at=at, kind=kind, assist=assist)
    )


def _annul(draw: st.DrawFn, match: _Builder, version: int, side: Side) -> None:
    reason = draw(st.sampled_from(AnnulmentReason))
    match.score = match.score.plus(side, -1)
    match.add(GoalAnnulled(match_id=match.match_id, goal_version=version, reason=reason))


def _on_pitch(draw: st.DrawFn, match: _Builder) -> tuple[Side, str] | None:
    """A side and one of its players on the pitch, in one draw (shrinks to the home side's
    first); None when neither side has anyone left."""
    home, away = match.sides[Side.HOME].on_pitch, match.sides[Side.AWAY].on_pitch
    if not home and not away:
        return None
    index = draw(st.integers(0, len(home) + len(away) - 1))
    return (Side.HOME, home[index]) if index < len(home) else (Side.AWAY, away[index - len(home)])


def _card(draw: st.DrawFn, match: _Builder, at: MatchClock) -> None:
    picked = _on_pitch(draw, match)
    if picked is None:
        return
    side, player = picked
    players = match.sides[side]
    if player in players.booked:
        kind = CardKind.SECOND_YELLOW
    else:
        kind = CardKind.RED if _chance(draw, 3 if match.extreme else 20) else CardKind.YELLOW
    if kind is CardKind.YELLOW:
        players.booked.add(player)
    else:
        players.on_pitch.remove(player)
    match.last_clock = at
    match.add(Card(match_id=match.match_id, side=side, player=player, at=at, kind=kind))


def _substitution(draw: st.DrawFn, match: _Builder, at: MatchClock) -> None:
    picked = _on_pitch(draw, match)
    if picked is None:
        return
    side, off = picked
    players = match.sides[side]
    if players.substitutions >= _MAX_SUBSTITUTIONS and not match.extreme:
        return
    on = _pick(draw, players.bench)
    if on is None:
        return
    players.on_pitch.remove(off)
    players.bench.remove(on)
    players.on_pitch.append(on)
    players.substitutions += 1
    match.last_clock = at
    match.add(Substitution(match_id=match.match_id, side=side, player_off=off, player_on=on, at=at))


def _shootout(draw: st.DrawFn, match: _Builder) -> None:
    """A shoot-out kicked in turn until decided. The unshrunk draw is the shortest one: the side
    kicking first scores every kick, the other misses, decided after three rounds. A coarse
    source knows only its score: the kicks are drawn all the same (so the score is one a
    shoot-out ends on), then left out, and the end records the score."""
    match.add(PeriodStarted(match_id=match.match_id, period=Period.PENALTY_SHOOTOUT))
    coarse = _chance(draw, 3 if match.extreme else 12)
    first = draw(st.sampled_from(Side))
    kicks = {Side.HOME: 0, Side.AWAY: 0}
    goals = {Side.HOME: 0, Side.AWAY: 0}
    winner = None
    rounds = 0
    while winner is None:
        rounds += 1
        for side in (first, first.opponent):
            forced = rounds > 5 + _MAX_SUDDEN_DEATH
            surprise = False if forced else draw(st.booleans())
            scored = (side is first) != surprise
            if not coarse:
                if scored:
                    outcome = KickOutcome.SCORED
                else:
                    outcome = draw(
                        st.sampled_from(
                            (KickOutcome.SAVED, KickOutcome.MISSED, KickOutcome.NOT_SCORED)
                        )
                    )
                taker = _pick(draw, match.sides[side].on_pitch)
                match.add(
                    ShootoutKick(match_id=match.match_id, side=side, taker=taker, outcome=outcome)
                )
            kicks[side] += 1
            goals[side] += scored
            winner = shootout_winner(
                (kicks[Side.HOME], kicks[Side.AWAY]), (goals[Side.HOME], goals[Side.AWAY])
            )
            if winner is not None:
                break
    # With kicks, a source may record their score too; it must then add up.
    penalties = Score(goals[Side.HOME], goals[Side.AWAY])
    recorded = penalties if coarse or draw(st.booleans()) else None
    match.add(
        PeriodEnded(match_id=match.match_id, period=Period.PENALTY_SHOOTOUT, penalties=recorded)
    )


def _play(
    draw: st.DrawFn,
    match: _Builder,
    match_format: MatchFormat,
    at_90: Score,
    after_extra_time: Score | None,
) -> None:
    """Kick-off to the final whistle: the halves, extra time and the shoot-out as planned."""
    first_half = _split(draw, at_90)
    _play_period(draw, match, Period.FIRST_HALF, first_half)
    _play_period(draw, match, Period.SECOND_HALF, _minus(at_90, first_half))
    following = match_format.period_after(Period.SECOND_HALF, at_90)
    if following is Period.EXTRA_TIME_FIRST_HALF:
        assert after_extra_time is not None
        extra = _minus(after_extra_time, at_90)
        first_extra = _split(draw, extra)
        _play_period(draw, match, Period.EXTRA_TIME_FIRST_HALF, first_extra)
        _play_period(draw, match, Period.EXTRA_TIME_SECOND_HALF, _minus(extra, first_extra))
        following = match_format.period_after(Period.EXTRA_TIME_SECOND_HALF, after_extra_time)
    if following is Period.PENALTY_SHOOTOUT:
        _shootout(draw, match)


def _minus(total: Score, part: Score) -> Score:
    """The goals of ``total`` not in ``part`` (``part`` is never more than ``total``)."""
    return Score(total.home - part.home, total.away - part.away)


def _awarded_score(draw: st.DrawFn) -> Score:
    """The usual 3-0 (or 0-3) of a forfeit, or any score an authority may confirm."""
    forfeit = st.sampled_from((Score(3, 0), Score(0, 3)))
    return draw(forfeit | st.builds(Score, st.integers(0, 5), st.integers(0, 5)))


@st.composite
def _matches(
    draw: st.DrawFn,
    *,
    match_id: st.SearchStrategy[str],
    home_away: st.SearchStrategy[tuple[str, str]],
    match_format: st.SearchStrategy[MatchFormat],
    squads_of: st.SearchStrategy[tuple[Squad, Squad]],
    competition: str,
    season: str,
    goals: int | None,
    max_goals: int,
    stage: str | None = None,
    matchday: int | None = None,
    extra_time: bool | None,
    shootout: bool | None,
    lineups: bool | None,
    endings: tuple[Ending, ...],
    extreme: bool,
    home_win: bool = False,
) -> tuple[Event, ...]:
    fmt = draw(match_format)
    low, high = (goals, goals) if goals is not None else (0, max_goals)
    options_at_90 = _after_90(fmt, low, high, extra_time, shootout)
    if home_win:
        options_at_90 = tuple(s for s in options_at_90 if s.home > s.away)
    if not options_at_90:
        reject()
    mid = draw(match_id)
    home, away = draw(home_away)
    home_squad, away_squad = draw(squads_of)
    match = _Builder(
        match_id=mid,
        extreme=extreme,
        sides={
            Side.HOME: _Side(list(home_squad.starting), list(home_squad.substitutes)),
            Side.AWAY: _Side(list(away_squad.starting), list(away_squad.substitutes)),
        },
    )
    match.add(
        MatchScheduled(
            match_id=mid,
            home=home,
            away=away,
            competition=competition,
            season=season,
            stage=stage,
            matchday=matchday,
            format=fmt,
        )
    )
    # The first ending is the one a failing case shrinks to.
    ending = (
        endings[0]
        if len(endings) == 1 or not _chance(draw, 2 if extreme else 8)
        else (draw(st.sampled_from(endings)))
    )
    for _ in range(draw(st.integers(0, 2)) if extreme or ending is Ending.POSTPONED else 0):
        match.add(MatchPostponed(match_id=mid, reason="waterlogged pitch"))
    if ending is Ending.POSTPONED:
        if len(match.events) == 1:
            match.add(MatchPostponed(match_id=mid, reason="waterlogged pitch"))
        return tuple(match.events)
    if lineups if lineups is not None else draw(st.booleans()):
        for side, squad in ((Side.HOME, home_squad), (Side.AWAY, away_squad)):
            match.add(
                LineupAnnounced(
                    match_id=mid, side=side, starting=squad.starting, substitutes=squad.substitutes
                )
            )
    if ending is Ending.WALKOVER:
        match.add(MatchAwarded(match_id=mid, score=_awarded_score(draw), reason="walkover"))
        return tuple(match.events)
    at_90 = draw(st.sampled_from(options_at_90))
    after_extra_time = None
    if fmt.period_after(Period.SECOND_HALF, at_90) is Period.EXTRA_TIME_FIRST_HALF:
        after_extra_time = draw(st.sampled_from(_after_extra_time(fmt, at_90, low, high, shootout)))
    kick_off_at = len(match.events)
    _play(draw, match, fmt, at_90, after_extra_time)
    if ending in (Ending.ABANDONED, Ending.ABANDONED_AND_AWARDED):
        # Cut after kick-off and before the final whistle (the last event).
        cut = draw(st.integers(kick_off_at + 1, len(match.events) - 1))
        played = match.events[:cut]
        # The minute play stopped: in the last period of play started (the clock stops for a
        # shoot-out), not before the last minute seen.
        last, period = None, Period.FIRST_HALF
        for event in played:
            if isinstance(event, Goal | Card | Substitution):
                last = event.at
            elif isinstance(event, PeriodStarted) and event.period is not Period.PENALTY_SHOOTOUT:
                period = event.period
        if last is None or last.period is not period:
            last = MatchClock(period.first_minute)
        at = last if draw(st.booleans()) else None
        match.events = [*played, MatchAbandoned(match_id=mid, at=at, reason="floodlight failure")]
    if ending in (Ending.ABANDONED_AND_AWARDED, Ending.OVERTURNED):
        match.add(MatchAwarded(match_id=mid, score=_awarded_score(draw), reason="ruling"))
    return tuple(match.events)


def _formats_for(extra_time: bool | None, shootout: bool | None) -> st.SearchStrategy[MatchFormat]:
    """Formats in which the wished extra time or shoot-out can happen at all."""
    if not extra_time and not shootout:
        return match_formats()
    with_et = st.just(True) if extra_time else st.booleans()
    with_so = st.just(True) if shootout else st.booleans()
    return st.builds(MatchFormat.knockout, extra_time=with_et, shootout=with_so) | st.builds(
        MatchFormat.second_leg_of_tie,
        scores(max_goals=4),
        away_goals=st.sampled_from(AwayGoals),
        extra_time=with_et,
        shootout=with_so,
    )


def matches(
    *,
    match_format: MatchFormat | st.SearchStrategy[MatchFormat] | None = None,
    match_id: str | None = None,
    teams_playing: tuple[str, str] | None = None,
    goals: int | None = None,
    max_goals: int = 6,
    extra_time: bool | None = None,
    shootout: bool | None = None,
    lineups: bool | None = None,
    endings: Collection[Ending] | None = None,
    extreme: bool = False,
    competition: str = "Test Cup",
    season: str = "2024-25",
) -> st.SearchStrategy[tuple[Event, ...]]:
    """Whole valid matches: every event is accepted, in order, by a fresh
    :class:`~matchevents.timeline.Timeline`.

    Args:
        match_format: the format, or a strategy of formats; by default any format in which the
            wished extra time and shoot-out can happen.
        match_id: the match id; drawn by default.
        teams_playing: the home and the away team; drawn by default.
        goals: exactly this many goals count at the end of play (annulled goals and shoot-out
            kicks do not count; an abandoned match stops before the end).
        max_goals: at most this many goals count, where ``goals`` is not given.
        extra_time: True for matches that go to extra time, False for matches that do not.
        shootout: True for matches decided by a shoot-out, False for matches that are not.
        lineups: True to announce both line-ups, False not to; either by default.
        endings: the endings to draw from (see :class:`Ending`); by default every ending, or only
            ``PLAYED`` when ``goals``, ``extra_time`` or ``shootout`` is given. The first
            one given is the common one, and the one failures shrink to.
        extreme: shapes real feeds deliver now and then, drawn often: long stoppage time, own
            goals, annulled goals, red cards, scores known only at the end of a period, shoot-outs
            known only by their score (no kicks), unnamed scorers, postponements, unusual names.
        competition: the competition named in the schedule.
        season: the season named in the schedule.

    Raises:
        InvalidValueError: the wishes cannot all hold for the given format (a league match
            cannot go to extra time; a knockout match with exactly one goal has no shoot-out).
    """
    if (goals is not None and goals < 0) or max_goals < 0:
        raise InvalidValueError(f"goals must not be negative, got {goals=}, {max_goals=}")
    if endings is None:
        wished = goals is not None or extra_time is not None or shootout is not None
        chosen = (Ending.PLAYED,) if wished else ALL_ENDINGS
    else:
        chosen = tuple(dict.fromkeys(endings))
        if not chosen:
            raise InvalidValueError("endings must name at least one Ending")
    if isinstance(match_format, MatchFormat):
        if not can_be_played(
            match_format,
            goals=goals,
            max_goals=max_goals,
            extra_time=extra_time,
            shootout=shootout,
        ):
            raise InvalidValueError(
                f"no {match_format.kind.value} match of format {match_format} has "
                f"goals={goals}, max_goals={max_goals}, extra_time={extra_time}, "
                f"shootout={shootout}"
            )
        formats: st.SearchStrategy[MatchFormat] = st.just(match_format)
    elif match_format is None:
        formats = _formats_for(extra_time, shootout)
    else:
        formats = match_format
    return _matches(
        match_id=st.just(match_id) if match_id is not None else match_ids(extreme=extreme),
        home_away=st.just(teams_playing) if teams_playing is not None else teams(extreme=extreme),
        match_format=formats,
        squads_of=st.tuples(squads(extreme=extreme), squads(extreme=extreme)),
        competition=competition,
        season=season,
        goals=goals,
        max_goals=max_goals,
        extra_time=extra_time,
        shootout=shootout,
        lineups=lineups,
        endings=chosen,
        extreme=extreme,
    )


@st.composite
def _prefixes(
    draw: st.DrawFn, whole: st.SearchStrategy[tuple[Event, ...]], min_size: int
) -> tuple[Event, ...]:
    events = draw(whole)
    return events[: draw(st.integers(min(min_size, len(events)), len(events)))]


def live_matches(*, min_size: int = 1, **wishes: object) -> st.SearchStrategy[tuple[Event, ...]]:
    """Prefixes of valid matches: a match as a live feed knows it at any moment, from just the
    schedule (``min_size=0``: nothing at all) to the final whistle. Takes the keyword arguments
    of :func:`matches`."""
    return _prefixes(matches(**wishes), min_size)  # type: ignore[arg-type]
