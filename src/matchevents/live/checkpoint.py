"""Projection checkpoints as values and as documents: a read model's state with the store position
it reflects, versioned so that an old checkpoint is upcast, recognised as stale, or refused.

A :class:`ReadModel` names a projection for its checkpoints and says two versions apart:

- ``version``, the version of the **fold**: raise it when the projection counts differently (a
  fixed bug, a new rule). A checkpoint of another version, or of a projection configured
  otherwise (another competition), is *stale*: its state answers another question, so the runner
  rebuilds it from the store.
- ``layout``, the version of the **state's JSON**: raise it when the state's classes change shape,
  and register an upcaster from the old layout (``upcasters={1: v1_to_v2}``), as for events
  (``codec/history.py``). A checkpoint of an older layout is upcast one step at a time; one that
  no upcaster reaches, or of a newer layout, is refused with a
  :class:`~matchevents.errors.CheckpointError` that says to rebuild: never read as something else.

The document is JSON, the state written by :mod:`matchevents.codec.states` (events inside it
carry their own type tag and schema version, and are upcast as log lines are)::

    {"checkpoint": 1, "model": "results", "version": 1,
     "projection": "ResultsProjection(competition=None, season=None, match_ids=None, stage=None)",
     "layout": 1, "position": 990000, "last": ["L3-2003-04-R12-7", 14], "state": {...}}

``last`` is the stream and version of the event at ``position``: a runner checks that the store
still holds it there before resuming, so a checkpoint of another store, or of a log since
rewritten, is refused rather than resumed from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Generic, TypeVar

import attrs
import cattrs

from matchevents.codec import Codec, parse_json
from matchevents.codec.states import structure_state, unstructure_state
from matchevents.errors import CheckpointError
from matchevents.projections.base import Projection
from matchevents.stores.checkpoints import SavedCheckpoint

__all__ = [
    "CHECKPOINT_FORMAT",
    "Checkpoint",
    "ReadModel",
    "StaleCheckpoint",
    "StateUpcaster",
    "decode_checkpoint",
    "encode_checkpoint",
]

S = TypeVar("S")
StateUpcaster = Callable[[Any], Any]
"""Takes a state's JSON at one layout and returns it at the next."""

CHECKPOINT_FORMAT: Final = 1
"""The version of the checkpoint document's own keys (not of any state)."""


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"{attribute.name} is a whole number from 1, not {value!r}")


@attrs.frozen(slots=True, eq=False)
class ReadModel(Generic[S]):
    """A projection a runner keeps current, named and versioned for its checkpoints.

    Attributes:
        name: the checkpoint's name in the store (one checkpoint a name).
        projection: the projection folded.
        state_type: the type of its state, as the converter structures it (``ResultsState``).
        version: the fold's version: a checkpoint of another one is stale and rebuilt.
        layout: the state's JSON layout.
        upcasters: by the layout they read, functions to the next layout.
    """

    name: str
    projection: Projection[S]
    state_type: Any
    version: int = attrs.field(default=1, validator=_positive)
    layout: int = attrs.field(default=1, validator=_positive)
    upcasters: Mapping[int, StateUpcaster] = attrs.field(factory=dict)

    @property
    def configuration(self) -> str:
        """How the projection is configured, as the checkpoint records it: the repr of an attrs
        projection (``ResultsProjection(competition='Premier League', ...)``), else its class."""
        projection = self.projection
        if attrs.has(type(projection)):
            return repr(projection)
        return f"{type(projection).__module__}.{type(projection).__qualname__}"


@attrs.frozen(slots=True)
class Checkpoint(Generic[S]):
    """A read model's state and the store position it reflects.

    Attributes:
        model: the read model's name.
        position: every event up to this store position is folded, none after.
        last: the stream and version of the event at ``position``.
        state: the state.
    """

    model: str
    position: int
    last: tuple[str, int]
    state: S


@attrs.frozen(slots=True)
class StaleCheckpoint:
    """A checkpoint of another version or configuration of the fold: to be rebuilt.

    Attributes:
        model: the read model's name.
        position: where it was saved (a new save replaces it).
        reason: what changed, in words.
    """

    model: str
    position: int
    reason: str


def encode_checkpoint(model: ReadModel[S], checkpoint: Checkpoint[S], codec: Codec) -> str:
    """The checkpoint's JSON document (see the module's documentation).

    Raises:
        CodecError: the state holds an event the codec does not know.
    """
    state = unstructure_state(checkpoint.state, model.state_type, codec=codec)
    document = {
        "checkpoint": CHECKPOINT_FORMAT,
        "model": model.name,
        "version": model.version,
        "projection": model.configuration,
        "layout": model.layout,
        "position": checkpoint.position,
        "last": list(checkpoint.last),
        "state": state,
    }
    return _dumps(document)


def decode_checkpoint(
    model: ReadModel[S], saved: SavedCheckpoint, codec: Codec
) -> Checkpoint[S] | StaleCheckpoint:
    """The checkpoint a store kept for ``model``: its state, upcast to the current layout; or,
    when it was saved by another version or configuration of the fold, what changed.

    Raises:
        CheckpointError: the document is damaged, of a newer release, of a layout no upcaster
            reaches, or its state cannot be read as ``model.state_type``; the message says to
            rebuild.
    """
    where = f"checkpoint {saved.name!r} at position {saved.position}"

    def refuse(why: str) -> CheckpointError:
        return CheckpointError(f"{where}: {why}; rebuild it from the store ({_REBUILD})")

    try:
        document = parse_json(saved.data)
    except ValueError as error:
        raise refuse(f"not readable JSON ({error})") from None
    if type(document) is not dict or type(document.get("checkpoint")) is not int:
        raise refuse("not a checkpoint document")
    if document["checkpoint"] > CHECKPOINT_FORMAT:
        raise refuse(
            f"written by a newer matchevents (document format {document['checkpoint']}, this "
            f"release reads {CHECKPOINT_FORMAT})"
        )
    if document.get("model") != model.name or document.get("position") != saved.position:
        raise refuse("damaged: its name or position disagrees with where it was kept")
    version, configuration = document.get("version"), document.get("projection")
    if version != model.version:
        return StaleCheckpoint(
            model.name, saved.position, f"the fold's version is {model.version}, not {version}"
        )
    if configuration != model.configuration:
        return StaleCheckpoint(
            model.name,
            saved.position,
            f"the projection is {model.configuration}, not {configuration}",
        )
    last = document.get("last")
    if not (
        type(last) is list and len(last) == 2 and type(last[0]) is str and type(last[1]) is int
    ):
        raise refuse("damaged: no stream and version of its last event")
    state = _upcast(model, document.get("layout"), document.get("state"), refuse)
    try:
        structured = structure_state(state, model.state_type, codec=codec)
    except Exception as error:  # cattrs, the codec and the values each raise their own kind
        raise refuse(
            f"its state cannot be read as {_type_name(model.state_type)}: {_why(error)}"
        ) from None
    return Checkpoint(model.name, saved.position, (last[0], last[1]), structured)


def _upcast(
    model: ReadModel[Any], layout: object, state: Any, refuse: Callable[[str], CheckpointError]
) -> Any:
    """``state`` upcast from ``layout`` to the model's, one layout at a time."""
    if type(layout) is not int or layout < 1:
        raise refuse(f"damaged: its layout is {layout!r}")
    if layout > model.layout:
        raise refuse(
            f"its state has layout {layout}, written by a newer release (this one reads up to "
            f"layout {model.layout})"
        )
    while layout < model.layout:
        upcaster = model.upcasters.get(layout)
        if upcaster is None:
            raise refuse(
                f"its state has layout {layout}, which this release no longer reads (no "
                f"upcaster to layout {layout + 1})"
            )
        try:
            state = upcaster(state)
        except Exception as error:
            raise refuse(f"upcasting its state from layout {layout} failed: {error}") from None
        layout += 1
    return state


_REBUILD: Final = "Runner.start(rebuild=True), or matchevents follow --rebuild"


def _why(error: Exception) -> str:
    """What cattrs found wrong, where (``invalid value for type, expected int @ state.log``),
    rather than its summary ("While structuring ResultsState (1 sub-exception)")."""
    if isinstance(error, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(error, path="state"))
    return str(error)


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", str(tp))


def _dumps(document: dict[str, Any]) -> str:
    try:
        import orjson
    except ImportError:
        import json

        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return orjson.dumps(document).decode()
