"""Projection checkpoints as documents: a state and its position written together and read back
exactly, versioned by the fold and by the state's layout; an old checkpoint upcast, a stale one
recognised, and anything else refused with a message that says to rebuild."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchevents import Goal, MatchClock, Side
from matchevents.codec import default_codec
from matchevents.codec.states import structure_state, unstructure_state
from matchevents.competitions.results import RESULTS, ResultsProjection, ResultsState
from matchevents.errors import CheckpointError
from matchevents.events import Event
from matchevents.live import (
    RESULTS_MODEL,
    Checkpoint,
    ReadModel,
    StaleCheckpoint,
    decode_checkpoint,
    encode_checkpoint,
)
from matchevents.projections import fold
from matchevents.stores.checkpoints import SavedCheckpoint
from matchevents.testing import interleavings, round_robin_seasons, two_legged_rounds


@st.composite
def competition_logs(draw: st.DrawFn) -> list[Any]:
    """A league season (with points deductions) and a knockout round, their matches interleaved
    as a feed delivers them, the deductions among them."""
    league = draw(round_robin_seasons(max_teams=3))
    cup = draw(two_legged_rounds(max_ties=2))
    streams: list[Iterable[Any]] = [*league.matches, *cup.matches, league.sanctions]
    return draw(interleavings([list(stream) for stream in streams]))


def saved(model: ReadModel[Any], state: Any, position: int = 7) -> SavedCheckpoint:
    checkpoint = Checkpoint(model.name, position, ("m1", 3), state)
    return SavedCheckpoint(
        model.name, position, encode_checkpoint(model, checkpoint, default_codec)
    )


def edited(record: SavedCheckpoint, **changes: Any) -> SavedCheckpoint:
    document = json.loads(record.data)
    document.update(changes)
    return attrs.evolve(record, data=json.dumps(document))


# -- states written and read back -----------------------------------------------------------------
@settings(max_examples=15)
@given(competition_logs(), st.data())
def test_a_results_state_comes_back_equal_and_folds_on_as_the_original(
    log: list[Any], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(log)), label="cut")
    state = fold(RESULTS, log[:cut])
    text = json.dumps(unstructure_state(state, ResultsState))
    back = structure_state(json.loads(text), ResultsState)
    assert back == state
    assert fold(RESULTS, log[cut:], back) == fold(RESULTS, log)


def test_a_log_of_results_is_written_as_columns_of_each_value_written_once() -> None:
    from matches import anfield_first_leg, bergamo_second_leg

    state = fold(RESULTS, [*anfield_first_leg(), *bergamo_second_leg()])
    table = unstructure_state(state, ResultsState)["log"]
    assert table["values"]["competition"] == ["UEFA Europa League"]
    assert sorted(table["values"]["home"]) == ["Atalanta", "Liverpool"]
    columns = table["columns"]
    assert columns["match_id"] == [result.match_id for result in state.log]
    assert packed(columns["competition"]) == [0, 0]  # one competition, written once


def packed(column: str) -> list[int]:
    """A column of fewer than 256 values: one byte an index, in Base64."""
    return list(base64.b64decode(column))


def pack(indexes: list[int]) -> str:
    return base64.b64encode(bytes(indexes)).decode()


def test_a_checkpoint_comes_back_with_its_position_and_last_event() -> None:
    state = fold(RESULTS, [])
    found = decode_checkpoint(RESULTS_MODEL, saved(RESULTS_MODEL, state, 42), default_codec)
    assert found == Checkpoint("results", 42, ("m1", 3), state)


def damage_table(table: dict[str, Any], how: str) -> None:
    columns = table["columns"]
    if how == "match day as text":
        table["values"]["matchday"][0] = "3"
    elif how == "index beyond the values":
        columns["home"] = pack([99, *packed(columns["home"])[1:]])
    elif how == "short column":
        columns["away"] = pack(packed(columns["away"])[:-1])
    elif how == "column not packed":
        columns["away"] = packed(columns["away"])
    elif how == "column not Base64":
        columns["away"] = "not base64!"
    elif how == "value of the wrong kind":
        table["values"]["kickoff"][0] = 20240411
    else:
        del table["values"]["status"]


@pytest.mark.parametrize(
    "how",
    [
        "match day as text",
        "index beyond the values",
        "short column",
        "column not packed",
        "column not Base64",
        "value of the wrong kind",
        "no values of a field",
    ],
)
def test_a_damaged_log_of_results_is_refused_never_guessed(how: str) -> None:
    from matches import anfield_first_leg

    state = fold(RESULTS, anfield_first_leg())
    record = saved(RESULTS_MODEL, state)
    document = json.loads(record.data)
    damage_table(document["state"]["log"], how)
    damaged = attrs.evolve(record, data=json.dumps(document))
    with pytest.raises(CheckpointError, match=r"cannot be read as ResultsState.*rebuild"):
        decode_checkpoint(RESULTS_MODEL, damaged, default_codec)


# -- versions -------------------------------------------------------------------------------------
LAYOUT_1 = Path(__file__).parent / "fixtures" / "checkpoints" / "results-layout1.json"
"""A results checkpoint the release before layout 2 wrote (its columns as lists of numbers): the
Europa League quarter-final's first leg and the 2005 final over, the second leg in play."""


def layout_1_events() -> list[Event]:
    from matches import anfield_first_leg, bergamo_second_leg, istanbul_final

    return [*anfield_first_leg(), *istanbul_final(), *bergamo_second_leg()]


def test_a_results_checkpoint_of_layout_1_is_upcast_and_resumes_as_a_fold_from_scratch() -> None:
    events = layout_1_events()
    record = SavedCheckpoint("results", 38, LAYOUT_1.read_text())
    found = decode_checkpoint(RESULTS_MODEL, record, default_codec)
    assert isinstance(found, Checkpoint)
    assert found.state == fold(RESULTS, events[:38])
    assert fold(RESULTS, events[38:], found.state) == fold(RESULTS, events)


def test_a_damaged_results_checkpoint_of_layout_1_is_refused_with_a_rebuild_hint() -> None:
    document = json.loads(LAYOUT_1.read_text())
    document["state"]["log"]["columns"]["home"][0] = True  # no index
    record = SavedCheckpoint("results", 38, json.dumps(document))
    with pytest.raises(CheckpointError, match=r"upcasting its state from layout 1 failed.*rebuild"):
        decode_checkpoint(RESULTS_MODEL, record, default_codec)


def test_a_checkpoint_of_another_version_of_the_fold_is_stale() -> None:
    record = saved(RESULTS_MODEL, fold(RESULTS, []))
    newer = attrs.evolve(RESULTS_MODEL, version=2)
    assert decode_checkpoint(newer, record, default_codec) == StaleCheckpoint(
        "results", 7, "the fold's version is 2, not 1"
    )


def test_a_checkpoint_of_a_projection_configured_otherwise_is_stale() -> None:
    record = saved(RESULTS_MODEL, fold(RESULTS, []))
    league_only = attrs.evolve(RESULTS_MODEL, projection=ResultsProjection(competition="PL"))
    found = decode_checkpoint(league_only, record, default_codec)
    assert isinstance(found, StaleCheckpoint)
    assert "competition='PL'" in found.reason


@attrs.frozen
class TallyV1:
    n: int = 0


@attrs.frozen
class Tally:
    count: int = 0


class Counting:
    """Counts events (its state's layout changed from ``n`` to ``count``)."""

    def initial(self) -> Tally:
        return Tally()

    def apply(self, state: Tally, event: Event) -> Tally:
        return Tally(state.count + 1)


COUNTING = Counting()


def test_an_older_layout_is_upcast_one_layout_at_a_time() -> None:
    old = ReadModel("tally", COUNTING, TallyV1)
    record = saved(old, TallyV1(n=5))
    current = ReadModel(
        "tally",
        COUNTING,
        Tally,
        layout=3,
        upcasters={1: lambda state: {"m": state["n"]}, 2: lambda state: {"count": state["m"]}},
    )
    found = decode_checkpoint(current, record, default_codec)
    assert isinstance(found, Checkpoint)
    assert found.state == Tally(count=5)


def test_an_older_layout_no_upcaster_reaches_is_refused_with_a_rebuild_hint() -> None:
    record = saved(ReadModel("tally", COUNTING, TallyV1), TallyV1(n=5))
    current = ReadModel("tally", COUNTING, Tally, layout=2)
    with pytest.raises(CheckpointError) as raised:
        decode_checkpoint(current, record, default_codec)
    assert "layout 1, which this release no longer reads" in str(raised.value)
    assert "rebuild it from the store" in str(raised.value)


def test_a_newer_layout_is_refused_never_misread() -> None:
    record = saved(ReadModel("tally", COUNTING, Tally, layout=2), Tally(count=5))
    with pytest.raises(CheckpointError, match=r"layout 2, written by a newer release.*rebuild"):
        decode_checkpoint(ReadModel("tally", COUNTING, Tally), record, default_codec)


def test_a_newer_document_format_is_refused() -> None:
    record = edited(saved(RESULTS_MODEL, fold(RESULTS, [])), checkpoint=2)
    with pytest.raises(CheckpointError, match=r"newer matchevents.*rebuild"):
        decode_checkpoint(RESULTS_MODEL, record, default_codec)


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: attrs.evolve(record, data="{not json"),
        lambda record: attrs.evolve(record, data="[1, 2]"),
        lambda record: edited(record, model="tables"),
        lambda record: edited(record, position=8),
        lambda record: edited(record, last=None),
        lambda record: edited(record, layout="1"),
    ],
    ids=["not-json", "not-a-document", "other-name", "other-position", "no-last", "bad-layout"],
)
def test_a_damaged_checkpoint_is_refused_with_a_rebuild_hint(damage: Any) -> None:
    record = damage(saved(RESULTS_MODEL, fold(RESULTS, [])))
    with pytest.raises(CheckpointError, match=r"checkpoint 'results' at position 7: .*rebuild"):
        decode_checkpoint(RESULTS_MODEL, record, default_codec)


@attrs.frozen
class Goals:
    goals: tuple[Goal, ...] = ()


class Scorers:
    def initial(self) -> Goals:
        return Goals()

    def apply(self, state: Goals, event: Event) -> Goals:
        return Goals((*state.goals, event)) if isinstance(event, Goal) else state


def test_an_event_of_an_older_schema_in_a_state_is_upcast_as_a_log_line_is() -> None:
    model = ReadModel("goals", Scorers(), Goals)
    goal = Goal(match_id="m1", side=Side.HOME, scorer="Salah", at=MatchClock(45, 3))
    record = saved(model, Goals((goal,)))
    document = json.loads(record.data)
    document["state"]["goals"][0] = {
        "type": "goal",
        "v": 1,
        "match_id": "m1",
        "team": "home",
        "player": "Salah",
        "minute": "45+3'",
    }
    found = decode_checkpoint(model, attrs.evolve(record, data=json.dumps(document)), default_codec)
    assert isinstance(found, Checkpoint)
    assert found.state == Goals((goal,))
