"""The runner: read models kept current from a store, resumed from their checkpoints.

A :class:`Runner` holds one or more read models
(:class:`~matchevents.live.checkpoint.ReadModel`). It
**starts** each from its checkpoint (or from nothing), **catches up** by reading the store's log
in chunks and folding each chunk at once (:func:`~matchevents.projections.fold`, so a
projection's fast ``apply_all`` does the work), then **follows** the store (its catch-up
subscription, or polling for a store without one), folding each new event as it comes and calling
back once the events of a burst are in. It **checkpoints** every ``every`` events or ``interval``
seconds (whichever comes first), when it stops, and when asked; **stops** cleanly on a signal
(:meth:`Runner.stop_on_signals`); and **rebuilds** on request, or by itself when a checkpoint is
stale (the fold's version or configuration changed).

Folding is idempotent by position: each model remembers the position of the last event it folded
and skips anything at or before it, so models resumed from different positions share one read of
the log, and an event read twice is folded once. A model's state and position change together
(one assignment), so a checkpoint is always a state with the position it reflects.

Where checkpoints live decides what a crash can do (see ``docs/how-to/run-a-live-table.md``): in
the SQLite or PostgreSQL store's own database (:func:`checkpoints_for`), a save is one transaction
that also checks the position against the events; beside any other store, a file replaced
atomically. Either way, a runner killed at any moment resumes from its last checkpoint and folds
every later event once: the state equals a fresh replay.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from types import FrameType
from typing import Any, Final

import attrs

from matchevents.codec import Codec, default_codec
from matchevents.errors import CheckpointError
from matchevents.live.checkpoint import (
    Checkpoint,
    ReadModel,
    StaleCheckpoint,
    decode_checkpoint,
    encode_checkpoint,
)
from matchevents.projections.base import fold
from matchevents.stores.base import CatchUpStore, EventStore, StoredEvent, catch_up
from matchevents.stores.checkpoints import CheckpointStore, FileCheckpoints

__all__ = ["CHUNK", "Progress", "Runner", "Started", "checkpoints_for"]

CHUNK: Final = 4096
"""Events the runner reads before folding them at once while catching up."""


def checkpoints_for(
    store: EventStore, folder: str | os.PathLike[str] | None = None
) -> CheckpointStore:
    """Where ``store``'s checkpoints go: the store itself when it keeps them (SQLite,
    PostgreSQL), else files in ``folder`` (by default, for a store with a ``path``, the folder
    ``<path>.checkpoints`` beside it).

    Raises:
        CheckpointError: the store keeps no checkpoints, has no path and no folder was given.
    """
    if folder is None and isinstance(store, CheckpointStore):
        return store
    if folder is None:
        path = getattr(store, "path", None)
        if path is None:
            raise CheckpointError(
                f"{type(store).__name__} keeps no checkpoints: give a folder for checkpoint files"
            )
        folder = f"{path}.checkpoints"
    return FileCheckpoints(folder)


@attrs.frozen(slots=True)
class Started:
    """How a read model started.

    Attributes:
        model: its name.
        position: the position it resumes after (0: from the start).
        how: ``"resumed"`` from its checkpoint, ``"new"`` (no checkpoint), ``"rebuilt"`` (asked
            for), or ``"stale"`` (its checkpoint was of another version or configuration of the
            fold, so it is rebuilt).
        detail: for a stale checkpoint, what changed.
    """

    model: str
    position: int
    how: str
    detail: str = ""


@attrs.frozen(slots=True)
class Progress:
    """Where a catch-up is: ``events`` folded so far by this runner, up to ``position``."""

    events: int
    position: int


@attrs.frozen(slots=True)
class _Folded:
    """A model's state with the position it reflects: replaced whole, never one without the
    other."""

    state: Any
    position: int
    last: tuple[str, int] | None


@attrs.define
class _Live:
    model: ReadModel[Any]
    folded: _Folded
    saved: int  # the position of the checkpoint in the store (0: none)


class _Interrupted(BaseException):
    """Raised by the signal handler while the runner waits for the store, to stop waiting."""


class Runner:
    """Keeps ``models`` current from ``store`` (see the module's documentation).

    Args:
        store: the event store read.
        models: the read models, each with a checkpoint name of its own.
        checkpoints: where checkpoints are kept; by default :func:`checkpoints_for` the store.
        codec: the codec states' events are written with; the default one.
        every: checkpoint after this many events folded (None: no count).
        interval: checkpoint when this many seconds have passed since the last one and events
            were folded since (None: no clock).
        progress: called after each chunk while catching up.
    """

    def __init__(
        self,
        store: EventStore,
        models: Sequence[ReadModel[Any]],
        *,
        checkpoints: CheckpointStore | None = None,
        codec: Codec | None = None,
        every: int | None = None,
        interval: float | None = 5.0,
        progress: Callable[[Progress], None] | None = None,
    ) -> None:
        names = [model.name for model in models]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"a runner needs read models of different names, got {names}")
        self.store = store
        self.checkpoints = checkpoints if checkpoints is not None else checkpoints_for(store)
        self.codec = codec or default_codec
        self.every = every
        self.interval = interval
        self.progress = progress
        self._models = list(models)
        self._live: list[_Live] = []
        self._unsaved = 0  # events folded since the last checkpoint
        self._saved_at = time.monotonic()
        self._stopping = False
        self._waiting = False

    # -- starting ---------------------------------------------------------------------------------
    def start(self, *, rebuild: bool = False, require_checkpoint: bool = False) -> list[Started]:
        """Load each model's checkpoint (or start it from nothing); returns how each started.

        Args:
            rebuild: ignore the checkpoints and fold the whole store again (the first save
                replaces them).
            require_checkpoint: refuse to start a model without a usable checkpoint.

        Raises:
            CheckpointError: a checkpoint cannot be read, or is of another store (the event it
                folded last is not at its position), or none is there and one is required.
        """
        self._live = []
        started = []
        for model in self._models:
            saved = self.checkpoints.load_checkpoint(model.name)
            initial = _Folded(model.projection.initial(), 0, None)
            at = 0 if saved is None else saved.position
            if saved is None or rebuild:
                if require_checkpoint:
                    raise CheckpointError(f"no checkpoint {model.name!r} to start from")
                if saved is not None:
                    # Forgotten now (as a stale one is): a rebuild cut short must not resume
                    # from what it replaces.
                    self.checkpoints.delete_checkpoint(model.name)
                self._live.append(_Live(model, initial, 0))
                started.append(Started(model.name, 0, "new" if saved is None else "rebuilt"))
                continue
            found = decode_checkpoint(model, saved, self.codec)
            if isinstance(found, StaleCheckpoint):
                if require_checkpoint:
                    raise CheckpointError(
                        f"checkpoint {model.name!r} is stale ({found.reason}); rebuild it"
                    )
                self.checkpoints.delete_checkpoint(model.name)
                self._live.append(_Live(model, initial, 0))
                started.append(Started(model.name, 0, "stale", found.reason))
                continue
            self._check_store_holds(found)
            self._live.append(_Live(model, _Folded(found.state, at, found.last), at))
            started.append(Started(model.name, at, "resumed"))
        self._unsaved = 0
        self._saved_at = time.monotonic()
        return started

    def _check_store_holds(self, checkpoint: Checkpoint[Any]) -> None:
        stream, version = checkpoint.last
        held = next(iter(self.store.read(stream, version)), None)
        if held is None or (held.position, held.version) != (checkpoint.position, version):
            there = "nothing" if held is None else f"it at position {held.position}"
            raise CheckpointError(
                f"checkpoint {checkpoint.model!r} folded {stream} version {version} last, at "
                f"position {checkpoint.position}, but the store holds {there}: it is a "
                "checkpoint of another store, or of events since rewritten; rebuild it"
            )

    def _started(self) -> list[_Live]:
        if not self._live:
            self.start()
        return self._live

    # -- what it holds ----------------------------------------------------------------------------
    def state(self, name: str) -> Any:
        """The current state of the model ``name``."""
        return self._one(name).folded.state

    def position_of(self, name: str) -> int:
        """The position of the last event the model ``name`` folded (0: none)."""
        return self._one(name).folded.position

    @property
    def position(self) -> int:
        """The position every model has folded up to (the lowest of theirs)."""
        return min(live.folded.position for live in self._started())

    def _one(self, name: str) -> _Live:
        for live in self._started():
            if live.model.name == name:
                return live
        raise KeyError(f"no read model {name!r} in this runner")

    # -- folding ----------------------------------------------------------------------------------
    def _fold(self, chunk: Sequence[StoredEvent]) -> None:
        """Fold a chunk (in global order) into every model that has not folded it yet."""
        end = chunk[-1]
        positions = [stored.position for stored in chunk]
        for live in self._live:
            folded = live.folded
            if folded.position >= end.position:
                continue
            first = bisect.bisect_right(positions, folded.position)
            events = [stored.event for stored in chunk[first:]]
            state = fold(live.model.projection, events, folded.state)
            live.folded = _Folded(state, end.position, (end.stream, end.version))
        self._unsaved += len(chunk)

    def step(self, limit: int | None = None) -> int:
        """Fold the events the store holds now after :attr:`position` (at most ``limit``), a
        chunk at a time, checkpointing when due; returns how many were read."""
        self._started()
        read = 0
        while not self._stopping and (limit is None or read < limit):
            # With ``every``, a chunk ends where a checkpoint is due.
            size = min(CHUNK, self.every or CHUNK, CHUNK if limit is None else limit - read)
            chunk = list(islice(self.store.read_all(self.position), size))
            if not chunk:
                break
            self._fold(chunk)
            read += len(chunk)
            if self._due():
                self.checkpoint()
            if self.progress is not None:
                self.progress(Progress(read, chunk[-1].position))
        return read

    def catch_up(self) -> int:
        """Fold everything the store holds (see :meth:`step`); returns how many events."""
        return self.step()

    # -- checkpoints ------------------------------------------------------------------------------
    def _due(self) -> bool:
        if not self._unsaved:
            return False
        if self.every is not None and self._unsaved >= self.every:
            return True
        return self.interval is not None and time.monotonic() - self._saved_at >= self.interval

    def checkpoint(self) -> int:
        """Save each model that folded events since its checkpoint; returns how many were saved.

        Raises:
            CheckpointConflictError: another runner saved one of them meanwhile.
        """
        saved = 0
        for live in self._started():
            folded = live.folded
            if folded.position == live.saved or folded.last is None:
                continue
            checkpoint = Checkpoint(live.model.name, folded.position, folded.last, folded.state)
            data = encode_checkpoint(live.model, checkpoint, self.codec)
            self.checkpoints.save_checkpoint(
                live.model.name, folded.position, data, expected_position=live.saved
            )
            live.saved = folded.position
            saved += 1
        self._unsaved = 0
        self._saved_at = time.monotonic()
        return saved

    # -- following --------------------------------------------------------------------------------
    def follow(
        self,
        on_change: Callable[[], object] | None = None,
        *,
        idle_timeout: float | None = None,
        settle: float = 0.2,
        wake: float = 5.0,
        poll_interval: float = 0.1,
    ) -> None:
        """Catch up, then follow the store until stopped (:meth:`stop`, a signal under
        :meth:`stop_on_signals`) or ``idle_timeout`` seconds pass without a new event; then
        checkpoint.

        Args:
            on_change: called once the store is caught up, then whenever events were folded and
                none came for ``settle`` seconds (or every ``settle`` seconds while they keep
                coming), and on stopping if events were folded since the last call, so that the
                last call sees the state checkpointed.
            idle_timeout: stop after this long without a new event (None: never).
            settle: how long a burst of events may go on before ``on_change`` is called.
            wake: the longest wait for the store before the runner looks at its stop flag again
                (a :meth:`stop` from another thread; a signal stops a wait at once).
            poll_interval: how often a store without a subscription is read for new events.

        Each wait is a subscription of its own, ended by ``settle``, the checkpoint interval or
        ``wake``: on PostgreSQL, a connection (and ``LISTEN``) per burst of events, and one every
        ``wake`` seconds while the store is quiet.
        """
        self.catch_up()
        if on_change is not None and not self._stopping:
            on_change()
        changed = False
        notified = idle_since = time.monotonic()
        try:
            while not self._stopping:
                now = time.monotonic()
                wait = wake
                if changed:
                    wait = min(wait, settle)
                if self._unsaved and self.interval is not None:
                    wait = min(wait, max(0.0, self.interval - (now - self._saved_at)))
                if idle_timeout is not None:
                    left = idle_timeout - (now - idle_since)
                    if left <= 0:
                        break
                    wait = min(wait, left)
                for stored in self._waiting_for(self._subscribe(wait, poll_interval)):
                    self._fold([stored])
                    changed = True
                    idle_since = now = time.monotonic()
                    if self._due():
                        self.checkpoint()
                    if self._stopping:
                        break
                    if on_change is not None and now - notified >= settle:
                        on_change()
                        changed, notified = False, now
                # The subscription went quiet for ``wait`` seconds (or the runner was stopped).
                if changed:
                    if on_change is not None:
                        on_change()
                    changed, notified = False, time.monotonic()
                if self._due():
                    self.checkpoint()
        finally:
            self.checkpoint()

    def _subscribe(self, idle_timeout: float | None, poll_interval: float) -> Iterator[StoredEvent]:
        position = self.position
        if isinstance(self.store, CatchUpStore):
            return self.store.subscribe(position, idle_timeout=idle_timeout)
        return catch_up(
            self.store.read_all,
            position,
            time.sleep,
            idle_timeout=idle_timeout,
            poll_interval=poll_interval,
        )

    def _waiting_for(self, events: Iterator[StoredEvent]) -> Iterable[StoredEvent]:
        """The events of a subscription; a signal while waiting for the next one ends them."""
        try:
            while True:
                self._waiting = True
                try:
                    stored = next(events)
                except StopIteration:
                    return
                finally:
                    self._waiting = False
                yield stored
        except _Interrupted:
            return
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                close()

    # -- stopping ---------------------------------------------------------------------------------
    @property
    def stopping(self) -> bool:
        """Whether the runner was asked to stop (:meth:`stop`, or a signal)."""
        return self._stopping

    def stop(self) -> None:
        """Ask the runner to stop: it finishes the chunk or event in hand, checkpoints and
        returns from :meth:`follow` (or :meth:`step`)."""
        self._stopping = True

    @contextlib.contextmanager
    def stop_on_signals(self, *signals: signal.Signals) -> Iterator[None]:
        """Within the block, SIGINT and SIGTERM (or ``signals``) stop the runner cleanly (as
        :meth:`stop`, and at once while it waits for new events); the previous handlers come
        back after it. Main thread only, as Python's signal handlers are."""
        wanted = signals or (signal.SIGINT, signal.SIGTERM)

        def handle(number: int, frame: FrameType | None) -> None:
            self.stop()
            if self._waiting:
                raise _Interrupted

        previous = {number: signal.signal(number, handle) for number in wanted}
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
