"""SharedLog: the immutable sequence that successive projection states share (O(1) appends)."""

from __future__ import annotations

import operator
import pickle
import threading

import pytest

from matchevents.projections import SharedLog


def test_every_log_keeps_showing_the_items_it_was_made_with() -> None:
    first = SharedLog(["a"])
    second = first.appended("b")
    third = second.extended(["c", "d"])
    assert list(first) == ["a"]
    assert list(second) == ["a", "b"]
    assert list(third) == ["a", "b", "c", "d"]
    assert (len(first), len(second), len(third)) == (1, 2, 4)


def test_successive_logs_share_one_list_and_a_branch_copies_it_once() -> None:
    first = SharedLog([1])
    second = first.appended(2)
    third = second.appended(3)
    assert first._items is second._items is third._items
    branch = second.appended(30)  # second already has a successor: copied, not overwritten
    assert branch._items is not third._items
    assert list(third) == [1, 2, 3]
    assert list(branch) == [1, 2, 30]
    assert branch.appended(40)._items is branch._items


def test_an_empty_log_shares_nothing_so_a_module_wide_empty_log_keeps_no_items_alive() -> None:
    empty: SharedLog[int] = SharedLog()
    one, other = empty.appended(1), empty.appended(2)
    assert empty._items == []
    assert (list(one), list(other)) == ([1], [2])
    assert one._items is not other._items
    assert empty.extended([5])._items is not empty._items


def test_iterating_an_old_log_does_not_see_what_its_successors_add() -> None:
    log = SharedLog([1, 2])
    seen = []
    for item in log:
        seen.append(item)
        log.appended(item * 10)  # appends to the shared list in place, once
    assert seen == [1, 2]
    assert list(reversed(log)) == [2, 1]


def test_a_log_equals_a_tuple_or_log_of_the_same_items_and_hashes_as_the_tuple() -> None:
    log = SharedLog(["a"]).appended("b")
    assert log == ("a", "b")
    assert operator.eq(("a", "b"), log)  # the tuple on the left defers to the log
    assert log == SharedLog(["a", "b"])
    assert log not in (("a",), ("a", "c"), SharedLog(["a"]))
    assert log != ["a", "b"]  # as a tuple is not equal to a list
    assert hash(log) == hash(("a", "b"))
    assert {log: 1}[("a", "b")] == 1


def test_a_log_reads_as_a_sequence() -> None:
    log = SharedLog(range(5)).appended(5)
    log.appended(6)
    assert (log[0], log[-1], log[1:3], log[::-1]) == (0, 5, (1, 2), (5, 4, 3, 2, 1, 0))
    assert (5 in log, 6 in log, log.index(3), log.count(2)) == (True, False, 3, 1)
    with pytest.raises(IndexError):
        log[6]
    with pytest.raises(IndexError):
        log[-7]
    assert repr(log) == "SharedLog([0, 1, 2, 3, 4, 5])"


def test_a_log_pickles_as_its_own_items_only() -> None:
    log = SharedLog([1, 2])
    log.appended(3)  # in the shared list, not in log
    copy = pickle.loads(pickle.dumps(log))
    assert copy == log
    assert copy._items == [1, 2]
    assert copy.appended(4) == (1, 2, 4)


def test_threads_appending_to_the_same_log_each_get_their_own_branch() -> None:
    root = SharedLog([0])
    results: list[SharedLog[int]] = []
    lock = threading.Lock()

    def grow(tag: int) -> None:
        log = root
        for n in range(200):
            log = log.appended(tag * 1000 + n)
        with lock:
            results.append(log)

    threads = [threading.Thread(target=grow, args=(tag,)) for tag in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for log in results:
        tag = log[1] // 1000
        assert log == (0, *(tag * 1000 + n for n in range(200)))


class _Rival(list[object]):
    """A list that another thread extends between a log's check and its own append."""

    def append(self, item: object) -> None:
        super().append("rival")
        super().append(item)

    def extend(self, items: object) -> None:
        super().append("rival")
        super().extend(items)  # type: ignore[arg-type]


def test_a_log_that_loses_a_race_for_the_shared_list_takes_a_list_of_its_own() -> None:
    log = SharedLog._of(_Rival([0]), 1)
    assert log.appended(1) == (0, 1)
    log = SharedLog._of(_Rival([0]), 1)
    assert log.extended([1, 2]) == (0, 1, 2)
    assert list(log) == [0]


def test_the_log_is_importable_where_the_results_projection_used_to_define_it() -> None:
    from matchevents.competitions import SharedLog as from_competitions
    from matchevents.competitions.results import SharedLog as from_results

    assert from_competitions is from_results is SharedLog
