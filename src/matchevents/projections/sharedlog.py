"""An immutable sequence that successive states share, so that appending to it costs O(1).

A projection state that collects what happened (goals, cards, substitutions, results) cannot copy
its collection on every event without making each event cost in proportion to the ones before.
:class:`SharedLog` is the persistent alternative: every state keeps its own log, which never
changes, while successive logs share one underlying list.

>>> from matchevents.projections import SharedLog
>>> first = SharedLog(["a"])
>>> second = first.appended("b")
>>> branch = first.appended("c")  # appending to an older log copies its items, once
>>> list(first), list(second), list(branch)
(['a'], ['a', 'b'], ['a', 'c'])
>>> second == ("a", "b")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import is_
from typing import TypeVar, overload

T = TypeVar("T")
_new = object.__new__


class SharedLog(Sequence[T]):
    """An immutable sequence whose :meth:`appended` and :meth:`extended` are O(1) amortized.

    Successive logs share one list: a log is the first ``len(log)`` items of it. Appending to the
    newest log extends the list in place; appending to an older one (a branch, such as a fold
    resumed from a saved state while another fold went on from it) copies its items first, once.
    So every log, once made, always shows the same items. An empty log shares nothing: the first
    item starts a list of its own, so that an empty log kept module-wide (a projection's initial
    state) keeps no fold's items alive.

    A log stands in for the tuple a state would otherwise hold: it equals a tuple or another log
    with the same items (and hashes as that tuple does), but, like a tuple, not a list. It pickles
    as its own items only. An older log keeps the shared list, and so the newer items, alive in
    memory, though it never shows them.
    """

    __slots__ = ("_items", "_length")

    _items: list[T]
    _length: int

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items = list(items)
        self._length = len(self._items)

    @staticmethod
    def _of(items: list[T], length: int) -> SharedLog[T]:
        """The first ``length`` items of ``items`` (no copy, no check: the caller's list)."""
        log: SharedLog[T] = _new(SharedLog)
        log._items = items
        log._length = length
        return log

    # No lock: ``list.append``, ``list.extend`` of a list and slicing are each atomic in CPython
    # (one C call on one list), and lists here never shrink. A log extends the shared list in place
    # only if it is the list's newest log (its length is the list's); it then checks that its own
    # items landed right after its own (another thread extending the same log at the same moment
    # may have got there first), and otherwise, as a branch does, starts a list of its own. The
    # loser's items stay in the shared list beyond every log's length, where no log shows them.

    def appended(self, item: T) -> SharedLog[T]:
        """This log with ``item`` at the end (``self`` is unchanged)."""
        length = self._length
        items = self._items
        if length and len(items) == length:
            items.append(item)
            if items[length] is not item:  # lost a race: see above
                items = items[:length]
                items.append(item)
        else:
            items = items[:length]
            items.append(item)
        log: SharedLog[T] = _new(SharedLog)
        log._items = items
        log._length = length + 1
        return log

    def extended(self, new: Iterable[T]) -> SharedLog[T]:
        """This log with the items of ``new`` at the end (``self`` is unchanged)."""
        added = list(new)
        count = len(added)
        if not count:
            return self
        length = self._length
        items = self._items
        if not length:
            items = added
        elif len(items) == length:
            items.extend(added)
            # A slice, not islice: islice would step through the first ``length`` items.
            if not all(map(is_, items[length : length + count], added)):
                items = items[:length] + added  # lost a race: see above
        else:
            items = items[:length] + added
        return SharedLog._of(items, length + count)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[T]:
        # islice even at the tip: a successor may append to the shared list while this iterates.
        return islice(self._items, self._length)

    def __reversed__(self) -> Iterator[T]:
        items = self._items
        return (items[index] for index in range(self._length - 1, -1, -1))

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self._items[: self._length][index])
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("log index out of range")
        return self._items[index]

    def __eq__(self, other: object) -> bool:
        length = self._length
        if isinstance(other, SharedLog):
            if length != other._length:
                return False
            items = self._items
            return items is other._items or items[:length] == other._items[:length]
        if isinstance(other, tuple):
            return length == len(other) and tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple[type[SharedLog[T]], tuple[list[T]]]:
        return SharedLog, (list(self),)

    def __repr__(self) -> str:
        return f"SharedLog({list(self)!r})"
