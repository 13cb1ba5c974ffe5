"""Schema evolution: logs written in every earlier layout read as today's events.

The fixtures hold the same two real matches in the goal layouts v1 and v2; both must decode to
exactly the events the current layout writes (see docs/how-to/evolve-schema.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matchevents import Goal, GoalKind, MatchClock, Side, Timeline
from matchevents.codec import CodecError, decode, default_codec
from matchevents.codec.history import goal_v1_to_v2, goal_v2_to_v3
from matchevents.log import read_log

FIXTURES = Path(__file__).parent / "fixtures" / "codec"
FINAL = "wc-2018-final-france-croatia"


def test_the_current_goal_layout_is_version_3() -> None:
    assert default_codec.version_of("goal") == 3


@pytest.mark.parametrize("layout", ["wc2018.goal-v1.jsonl", "wc2018.goal-v2.jsonl"])
def test_old_logs_read_as_current_events(layout: str) -> None:
    events = list(read_log(FIXTURES / layout))
    final_goals = [
        (event.side, event.scorer, str(event.at), event.kind)
        for event in events
        if isinstance(event, Goal) and event.match_id == FINAL
    ]
    assert final_goals == [
        (Side.HOME, "Mandžukić", "18'", GoalKind.OWN_GOAL),
        (Side.AWAY, "Perišić", "28'", GoalKind.OPEN_PLAY),
        (Side.HOME, "Griezmann", "38'", GoalKind.PENALTY),
        (Side.HOME, "Pogba", "59'", GoalKind.OPEN_PLAY),
        (Side.HOME, "Mbappé", "65'", GoalKind.OPEN_PLAY),
        (Side.AWAY, "Mandžukić", "69'", GoalKind.OPEN_PLAY),
    ]
    # Each match is a valid timeline whose recorded scores agree with the upcast goals.
    for match_id in (FINAL, "wc-2018-g-tunisia-england"):
        timeline = Timeline(match_id)
        timeline.extend(event for event in events if event.match_id == match_id)
        assert timeline.is_over


def test_both_old_layouts_give_the_same_events() -> None:
    assert list(read_log(FIXTURES / "wc2018.goal-v1.jsonl")) == list(
        read_log(FIXTURES / "wc2018.goal-v2.jsonl")
    )


def test_an_own_goal_listed_under_the_scorers_team_now_counts_for_the_other_side() -> None:
    own_goal = next(
        event
        for event in read_log(FIXTURES / "wc2018.goal-v1.jsonl")
        if isinstance(event, Goal) and event.kind is GoalKind.OWN_GOAL
    )
    assert own_goal == Goal(
        match_id=FINAL,
        side=Side.HOME,
        scorer="Mandžukić",
        at=MatchClock(18),
        kind=GoalKind.OWN_GOAL,
    )
    assert own_goal.player_side is Side.AWAY


def test_a_v1_free_text_minute_becomes_a_clock() -> None:
    v1 = {
        "type": "goal",
        "v": 1,
        "match_id": "m",
        "team": "away",
        "player": "Kane",
        "minute": "90 +1'",
        "penalty": False,
        "own_goal": False,
    }
    assert decode(v1).at == MatchClock(90, 1)


def test_each_upcaster_moves_one_version() -> None:
    v1 = {"type": "goal", "v": 1, "match_id": "m", "team": "home", "player": "P", "minute": "7'"}
    v2 = goal_v1_to_v2(v1)
    assert v2 == {
        "type": "goal",
        "v": 1,
        "match_id": "m",
        "side": "home",
        "scorer": "P",
        "at": "7",
        "kind": "open_play",
    }
    assert goal_v2_to_v3({**v2, "kind": "own_goal"})["side"] == "away"
    assert goal_v2_to_v3(v2) == v2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minute": "first half"}, "minute"),
        ({"minute": 12}, "minute"),
        ({"penalty": "yes"}, "penalty"),
        ({"penalty": True, "own_goal": True}, "own_goal"),
    ],
)
def test_a_bad_old_object_is_reported_in_the_terms_of_its_layout(
    change: dict[str, object], field: str
) -> None:
    v1 = {"type": "goal", "v": 1, "match_id": "m", "team": "home", "player": "P", "minute": "7"}
    with pytest.raises(CodecError, match=r"\(reading the v1 layout\)") as raised:
        decode({**v1, **change}, line=4)
    assert (raised.value.field, raised.value.line) == (field, 4)
