"""ResultLog: finished results kept as columns read back as the results they were made from, and
behave as the tuple of those results (or a SharedLog of them) would."""

from __future__ import annotations

import operator
import pickle
import threading
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchevents.competitions import RESULTS
from matchevents.competitions.result_log import FIELDS, ResultLog
from matchevents.projections import SharedLog, fold
from matchevents.projections.outcome import MatchResult
from matchevents.testing import round_robin_seasons, two_legged_rounds


@st.composite
def results(draw: st.DrawFn) -> list[MatchResult]:
    """The results of a drawn league season and knockout round, in the order they ended."""
    league = draw(round_robin_seasons(max_teams=3))
    cup = draw(two_legged_rounds(max_ties=2))
    events = [event for match in (*league.matches, *cup.matches) for event in match]
    return list(fold(RESULTS, events).results)


def a_result(match_id: str = "m1", **changes: Any) -> MatchResult:
    from matches import anfield_first_leg

    result = fold(RESULTS, anfield_first_leg()).results[0]
    return attrs.evolve(result, match_id=match_id, **changes)


@settings(max_examples=25)
@given(results(), st.data())
def test_a_log_reads_back_the_results_it_was_made_from_like_a_shared_log(
    made: list[MatchResult], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(made)), label="cut")
    log = ResultLog(made[:cut]).extended(made[cut:])
    plain = SharedLog(made)
    assert list(log) == made
    assert log == plain
    assert plain == log
    assert log == tuple(made)
    assert list(reversed(log)) == list(reversed(plain))
    assert [log[i] for i in range(-len(made), len(made))] == [
        plain[i] for i in range(-len(made), len(made))
    ]
    assert log[1:-1:2] == plain[1:-1:2]
    assert list(log.match_ids()) == [result.match_id for result in made]
    assert hash(log) == hash(tuple(made))


@settings(max_examples=25)
@given(results())
def test_a_log_made_from_its_columns_or_unpickled_equals_it(made: list[MatchResult]) -> None:
    log = ResultLog(made)
    assert ResultLog.from_columns(*log.columns()) == log
    assert pickle.loads(pickle.dumps(log)) == log


def test_every_log_keeps_showing_the_results_it_was_made_with_and_a_branch_copies_once() -> None:
    first = ResultLog([a_result("m1")])
    second = first.appended(a_result("m2"))
    third = second.appended(a_result("m3"))
    branch = second.appended(a_result("b3"))  # second has a successor already: copied
    assert [r.match_id for r in first] == ["m1"]
    assert [r.match_id for r in third] == ["m1", "m2", "m3"]
    assert [r.match_id for r in branch] == ["m1", "m2", "b3"]
    assert third._columns is second._columns is not branch._columns
    assert branch.appended(a_result("b4"))._columns is branch._columns
    assert ResultLog([a_result("m1"), a_result("m2")]) == second != third


def test_logs_with_equal_results_are_equal_whatever_the_order_their_values_were_met() -> None:
    one, two = a_result("m1", home="A"), a_result("m2", home="B")
    other = ResultLog([attrs.evolve(two, match_id="x")]).extended([one, two])
    assert ResultLog([one, two]) == ResultLog.from_columns(*other.columns())[1:] == (one, two)
    assert ResultLog([one, two]) != ResultLog([one, attrs.evolve(two, home="C")])


def test_a_log_is_not_equal_to_a_list_as_a_tuple_is_not() -> None:
    one = a_result()
    assert ResultLog([one]) != [one]
    assert operator.eq((one,), ResultLog([one]))


def test_equal_kick_offs_in_other_time_zones_are_kept_as_they_were() -> None:
    utc = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)
    east = utc.astimezone(timezone(timedelta(hours=2)))  # equal to utc, and the next day there
    log = ResultLog([a_result("m1", kickoff=utc), a_result("m2", kickoff=east)])
    assert [r.kickoff.tzinfo for r in log if r.kickoff] == [UTC, east.tzinfo]
    assert [r.day for r in log] == [utc.date(), east.date()]


def test_non_ascii_match_ids_come_back_whole() -> None:
    ids = ["Malmö-Göteborg-1", "m2", "Zürich-Genève-2"]
    log = ResultLog(a_result(match_id) for match_id in ids)
    assert list(log.match_ids()) == ids == [log.match_id(i) for i in range(3)]
    assert list(ResultLog.from_columns(*log.columns()).match_ids()) == ids


def test_a_column_that_points_past_its_values_or_is_short_is_refused() -> None:
    match_ids, values, columns = ResultLog([a_result()]).columns()
    past = [*columns[:1], [5], *columns[2:]]
    with pytest.raises(ValueError, match="away column points past"):
        ResultLog.from_columns(match_ids, values, past)
    with pytest.raises(ValueError, match="home column has 0 rows"):
        ResultLog.from_columns(match_ids, values, [[], *columns[1:]])
    assert len(FIELDS) == len(columns) == 14


def test_threads_extending_one_log_each_get_their_own_results() -> None:
    base = ResultLog([a_result("m0")])
    grown: dict[int, ResultLog] = {}

    def grow(n: int) -> None:
        log = base
        for i in range(50):
            log = log.appended(a_result(f"t{n}-{i}"))
        grown[n] = log

    threads = [threading.Thread(target=grow, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, log in grown.items():
        assert list(log.match_ids()) == ["m0", *(f"t{n}-{i}" for i in range(50))]


@settings(max_examples=25)
@given(results())
def test_results_by_season_read_from_a_log_are_those_of_the_plain_grouping(
    made: list[MatchResult],
) -> None:
    from matchevents.competitions.results import by_season

    grouped = by_season(ResultLog(made))
    assert {key: list(season) for key, season in grouped.items()} == by_season(made)
    assert list(grouped) == list(by_season(made))  # the seasons in the order of their first result
    for season in grouped.values():
        assert season[-1] == list(season)[-1]
        assert tuple(season[::2]) == tuple(list(season)[::2])


def test_a_column_widens_when_its_values_outgrow_a_byte_and_reads_back_the_same() -> None:
    made = [a_result(f"m{n}", home=f"Team {n}") for n in range(300)]  # 300 home teams
    log = ResultLog(made[:10]).extended(made[10:])
    assert log._columns.columns[FIELDS.index("home")].typecode == "H"
    assert list(log) == made
    assert ResultLog.from_columns(*log.columns()) == log == pickle.loads(pickle.dumps(log))


def test_a_results_state_with_a_wide_column_comes_back_from_its_checkpoint_json() -> None:
    from matchevents.codec.states import structure_state, unstructure_state
    from matchevents.competitions import ResultsState

    state = ResultsState(log=[a_result(f"m{n}", home=f"Team {n}") for n in range(300)])
    assert structure_state(unstructure_state(state, ResultsState), ResultsState) == state


@settings(max_examples=25)
@given(results(), st.data())
def test_a_log_extended_with_another_log_equals_it_extended_with_that_logs_results(
    made: list[MatchResult], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(made)), label="cut")
    first = ResultLog(made[:cut])
    branch = first.appended(a_result("branch", home="Elsewhere"))  # shares first's tables
    for other in (ResultLog(made[cut:]), branch, ResultLog([*made[cut:], *made[:cut]]), first):
        assert first.extended(other) == first.extended(list(other))
        assert list(first.extended(other)) == [*first, *other]


def test_a_log_extended_with_another_log_widens_its_columns_as_rows_would() -> None:
    wide = ResultLog(a_result(f"m{n}", home=f"Team {n}") for n in range(300))
    log = ResultLog([a_result("m")]).extended(wide)
    assert log._columns.columns[FIELDS.index("home")].typecode == "H"
    assert list(log) == [a_result("m"), *wide]


@settings(max_examples=25)
@given(results(), st.data())
def test_a_log_with_results_replaced_reads_as_the_plain_replacement(
    made: list[MatchResult], data: st.DataObject
) -> None:
    log = ResultLog(made)
    chosen = data.draw(st.sets(st.sampled_from(made)) if made else st.just(set()), label="chosen")
    replacing = {r.match_id: attrs.evolve(r, home=f"{r.home} (awarded)") for r in chosen}
    replaced = log.replaced(replacing)
    assert replaced == tuple(replacing.get(r.match_id, r) for r in made)
    assert list(log) == made  # the log itself is unchanged
    assert log.replaced({"no such match": a_result("no such match")}) is log


def test_replacing_results_widens_a_column_their_values_outgrow() -> None:
    made = [a_result(f"m{n}") for n in range(300)]
    replacing = {r.match_id: attrs.evolve(r, home=f"Team {n}") for n, r in enumerate(made)}
    replaced = ResultLog(made).replaced(replacing)
    assert list(replaced) == list(replacing.values())


@settings(max_examples=25)
@given(results(), st.data())
def test_a_log_reordered_or_read_a_field_at_a_time_is_its_results_so_reordered_or_read(
    made: list[MatchResult], data: st.DataObject
) -> None:
    log = ResultLog(made)
    order = data.draw(st.permutations(range(len(made))), label="order")
    reordered = log.reordered(order)
    assert list(reordered) == [made[row] for row in order]
    assert list(reordered.match_ids()) == [made[row].match_id for row in order]
    for name in FIELDS:
        assert list(log.values_of(name)) == [getattr(result, name) for result in made]
    # The reordered log is one of its own: growing it leaves the log it came from as it was.
    if made:
        assert list(reordered.appended(made[0])) == [*(made[row] for row in order), made[0]]
        assert list(log) == made


def test_a_row_out_of_range_is_refused() -> None:
    log = ResultLog([a_result("m1"), a_result("m2")])
    assert list(log.reordered([1, 0])) == [a_result("m2"), a_result("m1")]
    with pytest.raises(IndexError, match="out of range of a log of 2 results"):
        log.reordered([2])
