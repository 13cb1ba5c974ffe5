"""Hypothesis strategies for the codec tests: every event type, with every field drawn widely.

The codec cares about values, not about whether a match would accept them, so these draw any
well-formed event (any text, including quotes, newlines and non-Latin scripts; every optional field
both set and left at its default). Valid whole timelines come from ``matchevents.testing``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from matchevents import (
    AnnulmentReason,
    AwayGoals,
    Card,
    CardKind,
    Goal,
    GoalAnnulled,
    GoalKind,
    KickOutcome,
    LineupAnnounced,
    MatchAbandoned,
    MatchAwarded,
    MatchClock,
    MatchFormat,
    MatchPostponed,
    MatchScheduled,
    Period,
    PeriodEnded,
    PeriodStarted,
    Score,
    ShootoutKick,
    Side,
    Substitution,
)
from matchevents.clock import MAX_STOPPAGE
from matchevents.competitions.sanctions import PointsDeduction

texts = st.text(max_size=30)
optional_texts = st.none() | texts
match_ids = st.text(min_size=1, max_size=20)
sides = st.sampled_from(Side)
scores = st.builds(Score, st.integers(0, 30), st.integers(0, 30))
clocks = st.builds(MatchClock, st.integers(1, 120)) | st.builds(
    MatchClock, st.sampled_from([45, 90, 105, 120]), st.integers(1, MAX_STOPPAGE)
)
offsets = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))])
datetimes = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1872, 1, 1), max_value=datetime(2100, 1, 1)),
    st.none() | offsets,
)
formats = st.one_of(
    st.just(MatchFormat.league()),
    st.just(MatchFormat.first_leg_of_tie()),
    st.builds(MatchFormat.knockout, extra_time=st.booleans(), shootout=st.booleans()),
    st.builds(
        MatchFormat.second_leg_of_tie,
        scores,
        away_goals=st.sampled_from(AwayGoals),
        extra_time=st.booleans(),
        shootout=st.booleans(),
    ),
)
names = st.lists(texts, max_size=14)


def events_of_every_type(match_id: st.SearchStrategy[str] = match_ids) -> st.SearchStrategy[object]:
    """Any event of the catalogue, match events and competition-level events alike."""
    return st.one_of(
        st.builds(
            MatchScheduled,
            match_id=match_id,
            home=texts,
            away=texts,
            competition=texts,
            season=texts,
            stage=optional_texts,
            matchday=st.none() | st.integers(1, 60),
            format=formats,
            kickoff=st.none() | datetimes,
            venue=optional_texts,
        ),
        st.builds(
            LineupAnnounced, match_id=match_id, side=sides, starting=names, substitutes=names
        ),
        st.builds(PeriodStarted, match_id=match_id, period=st.sampled_from(Period)),
        st.builds(
            PeriodEnded, match_id=match_id, period=st.sampled_from(Period), score=st.none() | scores
        ),
        st.builds(
            Goal,
            match_id=match_id,
            side=sides,
            scorer=optional_texts,
            at=clocks,
            kind=st.sampled_from(GoalKind),
            assist=optional_texts,
        ),
        st.builds(
            GoalAnnulled,
            match_id=match_id,
            goal_version=st.integers(1, 10_000),
            reason=st.sampled_from(AnnulmentReason),
        ),
        st.builds(
            ShootoutKick,
            match_id=match_id,
            side=sides,
            taker=optional_texts,
            outcome=st.sampled_from(KickOutcome),
        ),
        st.builds(
            Card,
            match_id=match_id,
            side=sides,
            player=texts,
            at=clocks,
            kind=st.sampled_from(CardKind),
        ),
        st.builds(
            Substitution,
            match_id=match_id,
            side=sides,
            player_off=texts,
            player_on=texts,
            at=clocks,
        ),
        st.builds(MatchAbandoned, match_id=match_id, at=st.none() | clocks, reason=texts),
        st.builds(MatchAwarded, match_id=match_id, score=scores, reason=texts),
        st.builds(
            MatchPostponed, match_id=match_id, reason=texts, new_kickoff=st.none() | datetimes
        ),
        st.builds(
            PointsDeduction,
            competition=st.text(min_size=1).filter(str.strip),
            season=st.text(min_size=1).filter(str.strip),
            team=st.text(min_size=1).filter(str.strip),
            points=st.integers(-20, 20).filter(bool),
            reason=texts,
            on=st.none() | st.dates(),
        ),
    )
