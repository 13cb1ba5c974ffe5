"""The projection protocol: an initial state and a pure step ``(state, event) -> state``.

Anything with ``initial()`` and ``apply(state, event)`` is a projection; users write their own the
same way the library does. States are immutable values that compare equal by content, so the state
after any prefix of a stream can be kept, compared and shared.

A projection that sums over matches (goals, points, records) can also ``merge`` two partial states
folded from disjoint parts of a log; ``merge(initial(), s) == s`` and merge is associative, which is
what lets a replay be split and combined.

A projection may offer ``apply_all(state, events) -> state``, an equivalent but faster fold of many
events (for example one that accumulates into private mutable structures and freezes the result at
the end). :func:`fold` uses it when present; it must give exactly what repeated ``apply`` gives.

:func:`combine` runs several projections in one pass over the events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

from matchevents.events import Event

S = TypeVar("S")


@runtime_checkable
class Projection(Protocol[S]):
    """A read model folded from events."""

    def initial(self) -> S:
        """The state before any event."""
        ...

    def apply(self, state: S, event: Event) -> S:
        """The state after ``event``. Must not mutate ``state``."""
        ...


@runtime_checkable
class MergeableProjection(Projection[S], Protocol):
    """A projection whose partial states, folded from disjoint parts of a log, can be combined."""

    def merge(self, left: S, right: S) -> S:
        """The state of folding ``left``'s events and then ``right``'s."""
        ...


def fold(projection: Projection[S], events: Iterable[object], state: S | None = None) -> S:
    """Fold ``events`` into ``projection``'s state, starting from ``state`` or the initial one.

    ``events`` are what the projection reads: match events, and a league table's points
    deductions too, or the event types of your own that your projection is written for.
    """
    current = projection.initial() if state is None else state
    apply_all = getattr(projection, "apply_all", None)
    if apply_all is not None:
        result: S = apply_all(current, events)
        return result
    apply: Callable[[S, Any], S] = projection.apply
    for event in events:
        current = apply(current, event)
    return current


def scan(
    projection: Projection[S], events: Iterable[object], state: S | None = None
) -> Iterator[S]:
    """Yield the state after each event in turn (the last one equals :func:`fold`'s result)."""
    current = projection.initial() if state is None else state
    apply: Callable[[S, Any], S] = projection.apply
    for event in events:
        current = apply(current, event)
        yield current


class Combined:
    """Several projections run in one pass: the state is the tuple of their states, in order.

    Build one with :func:`combine`. Reading a long log once for five read models is five times
    cheaper in I/O and decoding than reading it five times.
    """

    __slots__ = ("_applies", "projections")

    def __init__(self, projections: Sequence[Projection[Any]]) -> None:
        self.projections: tuple[Projection[Any], ...] = tuple(projections)
        self._applies = tuple(projection.apply for projection in self.projections)

    def initial(self) -> tuple[Any, ...]:
        """The tuple of the initial states."""
        return tuple(projection.initial() for projection in self.projections)

    def apply(self, state: tuple[Any, ...], event: Event) -> tuple[Any, ...]:
        """Every state, after ``event``."""
        return tuple([apply(part, event) for apply, part in zip(self._applies, state, strict=True)])

    def apply_all(self, state: tuple[Any, ...], events: Iterable[Event]) -> tuple[Any, ...]:
        """Fold many events: the events are read once, in chunks of :data:`CHUNK`, and each
        chunk is folded into each projection with its own :func:`fold` (and fast path)."""
        parts = list(state)
        projections = self.projections
        chunk: list[Event] = []
        for event in events:
            chunk.append(event)
            if len(chunk) == CHUNK:
                parts = [_fold_on(p, chunk, s) for p, s in zip(projections, parts, strict=True)]
                chunk = []
        if chunk:
            parts = [_fold_on(p, chunk, s) for p, s in zip(projections, parts, strict=True)]
        return tuple(parts)


def _fold_on(projection: Projection[S], events: Sequence[Event], state: S) -> S:
    """:func:`fold` from ``state`` exactly (even a state that is None)."""
    apply_all = getattr(projection, "apply_all", None)
    if apply_all is not None:
        result: S = apply_all(state, events)
        return result
    apply = projection.apply
    for event in events:
        state = apply(state, event)
    return state


CHUNK = 4096
"""Events a combined fold reads before handing them to each projection in turn."""


class CombinedMergeable(Combined):
    """:class:`Combined` projections that are all mergeable: merged part by part."""

    __slots__ = ()

    def merge(self, left: tuple[Any, ...], right: tuple[Any, ...]) -> tuple[Any, ...]:
        """Each part merged with its counterpart."""
        return tuple(
            projection.merge(a, b)  # type: ignore[attr-defined]
            for projection, a, b in zip(self.projections, left, right, strict=True)
        )


def combine(*projections: Projection[Any]) -> Combined:
    """One projection running ``projections`` side by side (a :class:`CombinedMergeable` when
    every one of them is mergeable).

    >>> from matchevents.projections import OUTCOME, SCORE, combine, fold
    >>> outcome, score = fold(combine(OUTCOME, SCORE), [])
    >>> outcome.status.short, str(score.line)
    ('NS', '0-0')
    """
    if all(isinstance(projection, MergeableProjection) for projection in projections):
        return CombinedMergeable(projections)
    return Combined(projections)
