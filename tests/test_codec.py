"""The codec: every event to and from a JSON object with a type tag, a schema version and the match
id; precise errors for anything malformed; the public converter for user-defined types."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matches import anfield_first_leg, bergamo_second_leg, istanbul_final
from matchevents import (
    EVENT_TYPES,
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
from matchevents.codec import (
    Codec,
    CodecError,
    converter,
    decode,
    default_codec,
    dumps,
    encode,
    loads,
)
from matchevents.competitions.sanctions import PointsDeduction
from matchevents.errors import InvalidValueError, MatchEventsError
from matchevents.testing import matches

# -- strategies: every event type, every field drawn widely ------------------------------------
# The codec cares about values, not about whether a match would accept them: any text (quotes,
# newlines, any script), every optional field both set and at its default. Valid whole timelines
# come from matchevents.testing (see test_log.py and test_stores.py).
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
# A schedule's day: a date without a kick-off, a kick-off without a date, both (the date is then
# the kick-off's day), or neither.
kickoffs_and_dates = st.one_of(
    st.tuples(st.none(), st.none() | st.dates()),
    st.tuples(datetimes, st.none()),
    datetimes.map(lambda kickoff: (kickoff, kickoff.date())),
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
            lambda day, teams, **fields: MatchScheduled(
                kickoff=day[0], date=day[1], home=teams[0], away=teams[1], **fields
            ),
            kickoffs_and_dates,
            st.lists(texts, min_size=2, max_size=2, unique=True),  # a team never plays itself
            match_id=match_id,
            competition=texts,
            season=texts,
            stage=optional_texts,
            matchday=st.none() | st.integers(1, 60),
            format=formats,
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
            PeriodEnded,
            match_id=match_id,
            period=st.just(Period.PENALTY_SHOOTOUT),
            score=st.none() | scores,
            penalties=scores,
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


GOAL = {
    "type": "goal",
    "v": 3,
    "match_id": "m",
    "side": "away",
    "scorer": "Gianluca Scamacca",
    "at": "45+3",
}


# -- round trips ----------------------------------------------------------------------------------
@given(events_of_every_type())
def test_every_event_survives_encode_then_decode(event: object) -> None:
    assert decode(encode(event)) == event


@given(events_of_every_type())
def test_every_event_survives_one_line_of_json(event: object) -> None:
    line = dumps(event)
    assert "\n" not in line
    assert loads(line) == event
    assert loads(line.encode()) == event


@given(matches(extreme=True))
def test_valid_timelines_survive_the_codec(events: tuple[Any, ...]) -> None:
    assert tuple(decode(encode(event)) for event in events) == events
    assert tuple(loads(dumps(event)) for event in events) == events


@given(events_of_every_type())
def test_the_standard_json_module_reads_what_the_codec_writes(event: object) -> None:
    assert decode(json.loads(dumps(event))) == event


@given(events_of_every_type())
def test_the_fast_decoders_agree_with_the_public_converter(event: object) -> None:
    """The prebuilt per-type functions and the cattrs converter are two paths to the same events:
    same JSON written, same event read."""
    obj = encode(event)
    fields = {key: value for key, value in obj.items() if key not in ("type", "v")}
    assert converter.unstructure(event) == fields
    assert converter.structure(fields, type(event)) == event


def test_every_catalogue_type_has_a_tag_and_a_version() -> None:
    tags = {default_codec.tag_of(cls) for cls in (*EVENT_TYPES, PointsDeduction)}
    assert len(tags) == len(EVENT_TYPES) + 1
    assert all(default_codec.version_of(tag) >= 1 for tag in tags)


def test_real_matches_round_trip() -> None:
    for events in (anfield_first_leg(), bergamo_second_leg(), istanbul_final()):
        assert [loads(dumps(event)) for event in events] == events


# -- the layout ----------------------------------------------------------------------------------
def test_a_goal_reads_as_football_writes_it() -> None:
    goal = Goal(
        match_id="m",
        side=Side.HOME,
        scorer="Mandžukić",
        at=MatchClock(45, 3),
        kind=GoalKind.OWN_GOAL,
    )
    assert encode(goal) == {
        "type": "goal",
        "v": 3,
        "match_id": "m",
        "side": "home",
        "scorer": "Mandžukić",
        "at": "45+3",
        "kind": "own_goal",
    }
    assert dumps(goal).startswith('{"type":"goal","v":3,"match_id":"m",')
    assert "Mandžukić" in dumps(goal)


def test_optional_fields_at_their_default_are_left_out() -> None:
    schedule = MatchScheduled(match_id="m", home="A", away="B", competition="C", season="2024")
    assert encode(schedule) == {
        "type": "match_scheduled",
        "v": 1,
        "match_id": "m",
        "home": "A",
        "away": "B",
        "competition": "C",
        "season": "2024",
    }


def test_datetimes_are_iso_8601_with_their_offset() -> None:
    schedule = anfield_first_leg()[0]
    assert encode(schedule)["kickoff"] == "2024-04-11T20:00:00+01:00"


def test_a_match_day_without_a_kick_off_time_is_an_iso_date() -> None:
    """Results files often give the day but no time: the schedule keeps the day, invents no time,
    and the line reads back as it was (an older log, without the field, reads as before)."""
    schedule = MatchScheduled(
        match_id="m", home="A", away="B", competition="C", season="2023-24", date=date(2023, 12, 7)
    )
    obj = encode(schedule)
    assert (obj["v"], obj["date"], "kickoff" in obj) == (1, "2023-12-07", False)
    assert decode(obj) == schedule
    assert decode(obj).day == date(2023, 12, 7)
    without = {key: value for key, value in obj.items() if key != "date"}
    assert decode(without).date is None


@pytest.mark.parametrize(
    ("change", "said"),
    [({"away": "Liverpool"}, "cannot play itself"), ({"matchday": 0}, "match day 0 < 1")],
    ids=["team-plays-itself", "match-day-0"],
)
def test_a_schedule_breaking_its_own_rules_is_refused_with_the_rule(
    change: dict[str, Any], said: str
) -> None:
    obj = encode(anfield_first_leg()[0])
    with pytest.raises(CodecError, match=said) as raised:
        decode({**obj, "home": "Liverpool", **change}, line=3)
    assert (raised.value.line, raised.value.type_tag) == (3, "match_scheduled")


def test_a_schedule_whose_date_is_not_its_kick_offs_day_is_refused() -> None:
    obj = encode(anfield_first_leg()[0])
    assert decode({**obj, "date": "2024-04-11"}).day == date(2024, 4, 11)
    with pytest.raises(CodecError, match="not the day of the kick-off"):
        decode({**obj, "date": "2024-04-12"}, line=3)
    with pytest.raises(CodecError) as raised:
        decode({**obj, "date": "11/04/2024"})
    assert (raised.value.field, raised.value.expected) == (
        "date",
        "an ISO 8601 date such as '2024-04-11' or null",
    )
    with pytest.raises(CodecError) as raised:
        decode({**obj, "dates": "2024-04-11"})
    assert raised.value.field == "dates"


def test_a_shootout_known_only_by_its_score_is_written_as_penalties_at_version_1() -> None:
    """The added optional field needs no new version: a period end without it is written and
    read as before, and one with it carries the score as football writes it."""
    end = PeriodEnded(match_id="m", period=Period.PENALTY_SHOOTOUT, penalties=Score(4, 2))
    obj = encode(end)
    assert obj == {
        "type": "period_ended",
        "v": 1,
        "match_id": "m",
        "period": "penalty_shootout",
        "penalties": "4-2",
    }
    assert decode(obj) == end
    assert loads(dumps(end)) == end
    both = PeriodEnded(
        match_id="m", period=Period.PENALTY_SHOOTOUT, score=Score(3, 3), penalties=Score(4, 2)
    )
    assert decode(encode(both)) == both
    plain = PeriodEnded(match_id="m", period=Period.PENALTY_SHOOTOUT)
    assert encode(plain) == {k: v for k, v in obj.items() if k != "penalties"}
    assert decode(encode(plain)).penalties is None


def test_a_recorded_shootout_score_is_checked_like_any_field() -> None:
    obj = {
        "type": "period_ended",
        "v": 1,
        "match_id": "m",
        "period": "penalty_shootout",
        "penalties": "4-2",
    }
    with pytest.raises(CodecError) as raised:
        decode({**obj, "penalties": "4:2"}, line=5)
    assert (raised.value.field, raised.value.line) == ("penalties", 5)
    assert raised.value.expected == "a score such as '2-1' or null"
    with pytest.raises(CodecError) as raised:
        decode({**obj, "penalty": "4-2"})
    assert (raised.value.field, raised.value.message) == ("penalty", "unknown field")
    # Only the end of the shoot-out carries one: the event itself refuses any other period.
    with pytest.raises(CodecError, match="recorded at the end of the shoot-out") as raised:
        decode({**obj, "period": "extra_time_second_half"}, line=9)
    assert raised.value.line == 9
    # An explicit null is the field left out.
    assert decode({**obj, "penalties": None}).penalties is None


def test_decoded_clocks_and_sides_are_shared_objects() -> None:
    first, second = decode(dict(GOAL)), decode(dict(GOAL))
    assert first.at is second.at
    assert first.side is Side.AWAY


# -- errors ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"side": "hme"}, "side", "one of 'home', 'away'"),
        ({"side": None}, "side", "one of 'home', 'away'"),
        ({"at": "46+2"}, "at", "a minute such as '23' or '45+3'"),
        ({"at": 12}, "at", "a minute such as '23' or '45+3'"),
        ({"match_id": 7}, "match_id", "a string"),
        ({"scorer": ["a"]}, "scorer", "a string or null"),
        ({"kind": "header"}, "kind", "one of 'open_play', 'penalty', 'own_goal'"),
        ({"asist": "Pogba"}, "asist", "only the fields of a goal"),
        ({"v": "3"}, "v", "a schema version number"),
        ({"v": 4}, "v", "a version up to 3"),
    ],
)
def test_a_malformed_field_is_named_with_what_was_expected(
    change: dict[str, Any], field: str, expected: str
) -> None:
    with pytest.raises(CodecError) as raised:
        decode({**GOAL, **change}, line=12, source="feed.jsonl")
    error = raised.value
    assert (error.line, error.source, error.type_tag, error.field) == (
        12,
        "feed.jsonl",
        "goal",
        field,
    )
    assert error.expected is not None
    assert error.expected.startswith(expected)
    assert str(error).startswith(f"feed.jsonl:12: goal.{field}: ")
    assert error.match_id == (None if field == "match_id" else "m")


def test_a_missing_field_is_named() -> None:
    obj = {key: value for key, value in GOAL.items() if key != "at"}
    with pytest.raises(CodecError, match=r"goal\.at: missing; expected a minute") as raised:
        decode(obj)
    assert raised.value.field == "at"


def test_a_bad_period_is_answered_with_the_names_a_log_writes() -> None:
    obj = {"type": "period_started", "v": 1, "match_id": "m", "period": "third_half"}
    with pytest.raises(CodecError) as raised:
        decode(obj)
    assert raised.value.field == "period"
    assert raised.value.expected == (
        "one of 'first_half', 'second_half', 'extra_time_first_half', 'extra_time_second_half', "
        "'penalty_shootout'"
    )


def test_an_unknown_type_is_refused_and_nothing_is_imported() -> None:
    with pytest.raises(CodecError, match=r"unknown event type 'os\.system'") as raised:
        decode({"type": "os.system", "v": 1, "match_id": "m"}, line=3)
    assert raised.value.field == "type"
    assert "goal" in (raised.value.expected or "")


@pytest.mark.parametrize("obj", [None, [], "goal", 3, {"v": 1}, {"type": 5, "v": 1}])
def test_anything_but_a_tagged_object_is_refused(obj: object) -> None:
    with pytest.raises(CodecError):
        decode(obj)


def test_text_that_is_not_json_names_the_line() -> None:
    with pytest.raises(CodecError, match=r"^log\.jsonl:7: not valid JSON") as raised:
        loads('{"type": "goal", ', line=7, source="log.jsonl")
    assert raised.value.line == 7


def test_a_value_the_event_itself_refuses_is_reported() -> None:
    obj = {
        "type": "match_scheduled",
        "v": 1,
        "match_id": "m",
        "home": "A",
        "away": "B",
        "competition": "C",
        "season": "2024",
        "format": {"kind": "league", "shootout": True},
    }
    with pytest.raises(CodecError, match="a league match has no extra time") as raised:
        decode(obj)
    assert raised.value.field == "format"


def test_a_list_of_names_must_be_a_list() -> None:
    obj = {"type": "lineup_announced", "v": 1, "match_id": "m", "side": "home", "starting": "abc"}
    with pytest.raises(CodecError, match="starting") as raised:
        decode(obj)
    assert raised.value.expected == "a list of strings"


def test_codec_errors_are_library_errors_and_value_errors() -> None:
    assert issubclass(CodecError, MatchEventsError)
    assert issubclass(CodecError, ValueError)


def test_encoding_an_unregistered_class_is_an_error() -> None:
    @attrs.frozen
    class Unknown:
        match_id: str

    with pytest.raises(CodecError, match="Unknown is not a registered event type"):
        encode(Unknown(match_id="m"))


# -- user-defined types ---------------------------------------------------------------------------
@attrs.frozen(slots=True, kw_only=True)
class Transfer:
    """A user-defined event of no match: a date and a fee."""

    player: str
    to_team: str
    fee: int | None = None
    signed: datetime | None = None


@attrs.frozen(slots=True, kw_only=True)
class Tweet:
    match_id: str
    at: MatchClock
    text: str
    score: Score | None = None


def test_users_register_their_own_event_types_through_the_converter() -> None:
    codec = Codec()
    codec.register(Transfer, "transfer")
    codec.register(Tweet, "tweet", version=2)
    transfer = Transfer(
        player="Jude Bellingham",
        to_team="Real Madrid",
        signed=datetime.fromisoformat("2023-06-14T12:00:00+00:00"),
    )
    tweet = Tweet(match_id="m", at=MatchClock(90, 4), text="What a finish", score=Score(2, 1))
    assert codec.encode(transfer) == {
        "type": "transfer",
        "v": 1,
        "player": "Jude Bellingham",
        "to_team": "Real Madrid",
        "signed": "2023-06-14T12:00:00+00:00",
    }
    assert codec.encode(tweet) == {
        "type": "tweet",
        "v": 2,
        "match_id": "m",
        "at": "90+4",
        "text": "What a finish",
        "score": "2-1",
    }
    for event in (transfer, tweet):
        assert codec.loads(codec.dumps(event)) == event
    with pytest.raises(CodecError) as raised:
        codec.decode({"type": "transfer", "v": 1, "player": "X", "to_team": 5})
    assert (raised.value.field, raised.value.expected) == ("to_team", "a string")
    assert "transfer" not in default_codec.tags


def test_a_user_type_is_upcast_by_its_registered_upcaster() -> None:
    codec = Codec(catalogue=False)
    codec.register(Tweet, "tweet", version=2)

    def body_renamed_text(obj: dict[str, Any]) -> dict[str, Any]:
        fields = {key: value for key, value in obj.items() if key != "body"}
        return {**fields, "text": obj["body"]}

    codec.register_upcaster("tweet", 1, body_renamed_text)
    old = {"type": "tweet", "v": 1, "match_id": "m", "at": "12", "body": "Early goal"}
    assert codec.decode(old) == Tweet(match_id="m", at=MatchClock(12), text="Early goal")


def test_a_missing_upcaster_is_reported() -> None:
    codec = Codec(catalogue=False)
    codec.register(Tweet, "tweet", version=3)
    with pytest.raises(CodecError, match="no upcaster from version 1"):
        codec.decode({"type": "tweet", "v": 1, "match_id": "m", "at": "1", "text": ""})


def test_a_type_or_tag_is_registered_once() -> None:
    codec = Codec()
    with pytest.raises(InvalidValueError, match="already registered"):
        codec.register(Goal, "another_goal")
    with pytest.raises(InvalidValueError, match="already registered"):
        codec.register(Tweet, "goal")


def test_a_points_deduction_is_a_catalogue_event_without_a_match() -> None:
    deduction = PointsDeduction(
        competition="Premier League",
        season="2023-24",
        team="Everton",
        points=10,
        reason="breach of the profit and sustainability rules",
        on=date(2023, 11, 17),
    )
    assert encode(deduction) == {
        "type": "points_deduction",
        "v": 1,
        "competition": "Premier League",
        "season": "2023-24",
        "team": "Everton",
        "points": 10,
        "reason": "breach of the profit and sustainability rules",
        "on": "2023-11-17",
    }
    assert loads(dumps(deduction)) == deduction


def test_a_value_a_competition_event_refuses_is_reported_with_its_line() -> None:
    zero = {
        "type": "points_deduction",
        "v": 1,
        "competition": "PL",
        "season": "2023-24",
        "team": "Everton",
        "points": 0,
    }
    with pytest.raises(CodecError, match=r"^line 9: points_deduction: .*non-zero"):
        decode(zero, line=9)


def test_an_optional_field_written_as_null_reads_as_its_default() -> None:
    assert decode({**GOAL, "assist": None}) == decode(GOAL)
    schedule = {
        "type": "match_scheduled",
        "v": 1,
        "match_id": "m",
        "home": "A",
        "away": "B",
        "competition": "C",
        "season": "2024",
        "venue": None,
        "kickoff": None,
    }
    assert decode(schedule).venue is None
    with pytest.raises(CodecError) as raised:
        decode({**GOAL, "kind": None})
    assert raised.value.field == "kind"


# -- both JSON backends ---------------------------------------------------------------------------
_WITHOUT_ORJSON = """
import sys
sys.modules["orjson"] = None  # as if orjson were not installed
from matchevents.codec import JSON_BACKEND, CodecError, dumps, loads
from matchevents.log import read_log, write_log
from matches import istanbul_final

assert JSON_BACKEND == "json", JSON_BACKEND
events = istanbul_final()
write_log(sys.argv[1], events)
assert list(read_log(sys.argv[1])) == events
assert [loads(dumps(event)) for event in events] == events
try:
    loads('{"type": "goal", "v": 3, "match_id": "m", "side": "hone"', line=7, source="feed.jsonl")
except CodecError as error:
    assert error.line == 7 and "not valid JSON" in str(error), error
else:
    raise AssertionError("a torn line was read")
print("ok")
"""


def test_the_standard_json_module_serves_when_orjson_is_not_installed(tmp_path: Path) -> None:
    """orjson is an optional extra: without it the codec reads and writes the same logs, and a
    line that is not JSON is reported alike."""
    tests = Path(__file__).resolve().parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tests), os.environ.get("PYTHONPATH", "")]),
    }
    ran = subprocess.run(
        [sys.executable, "-c", _WITHOUT_ORJSON, str(tmp_path / "final.jsonl")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "ok"
