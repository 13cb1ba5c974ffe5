"""Where projection checkpoints are kept: beside the events when the store is a database, in
files otherwise.

A **checkpoint** is a read model's state together with the store position it reflects (every
event up to that position folded, none after), saved and loaded as one record. The stores keep
it as text they do not read (:class:`SavedCheckpoint`, written by :mod:`matchevents.live`), like
events, and guard it as they guard streams:

- a save names the position it expects to replace (``expected_position``, 0 for none), and is
  refused with a :class:`~matchevents.errors.CheckpointConflictError` if another runner saved
  meanwhile, so two runners never both advance one read model;
- the state and the position are one record, written whole or not at all.

:class:`~matchevents.stores.SqliteStore` and ``PostgresStore`` keep checkpoints in their own
database (:class:`CheckpointStore`): the save is one transaction, which also checks that the store
holds the event at that position, so a checkpoint never gets ahead of the events it covers, and a
backup of the database holds both. For the other stores, :class:`FileCheckpoints` keeps one file a
checkpoint in a folder, replaced atomically (written beside it, fsynced, renamed, the folder
fsynced): a checkpoint file is either the old one or the new one, never a mix. It is a file apart
from the events, so a runner checks, on loading it, that the store still holds the event it says
it folded last (see :mod:`matchevents.live`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Protocol, runtime_checkable
from urllib.parse import quote

import attrs

from matchevents._files import Replacement
from matchevents.errors import CheckpointConflictError, CheckpointError, StoreError

__all__ = ["CheckpointStore", "FileCheckpoints", "SavedCheckpoint", "check_checkpoint_name"]


@attrs.frozen(slots=True)
class SavedCheckpoint:
    """A checkpoint as a store keeps it.

    Attributes:
        name: the read model's checkpoint name.
        position: the store position it reflects (every event up to it folded).
        data: the checkpoint's document (state, versions), as :mod:`matchevents.live` wrote it.
    """

    name: str
    position: int
    data: str


@runtime_checkable
class CheckpointStore(Protocol):
    """Keeps projection checkpoints by name. The shared suite
    (``tests/test_checkpoint_stores.py``) holds every implementation to it: the SQLite and
    PostgreSQL stores, and :class:`FileCheckpoints`."""

    def load_checkpoint(self, name: str) -> SavedCheckpoint | None:
        """The checkpoint saved under ``name``, or None."""
        ...

    def save_checkpoint(
        self, name: str, position: int, data: str, *, expected_position: int
    ) -> None:
        """Save the checkpoint ``name`` at ``position``, replacing the one saved at
        ``expected_position`` (0: there is none), all or nothing, durably before returning.

        Raises:
            CheckpointConflictError: the saved checkpoint is not at ``expected_position``;
                nothing was saved.
            StoreError: the storage failed, or (a database store) it holds no event at
                ``position``; nothing was saved.
        """
        ...

    def delete_checkpoint(self, name: str) -> None:
        """Forget the checkpoint ``name`` (harmless when there is none)."""
        ...


def check_checkpoint_name(name: str) -> None:
    """Refuse an empty checkpoint name, or one longer than 200 characters.

    Raises:
        StoreError: saying which.
    """
    if not isinstance(name, str) or not 0 < len(name) <= _MAX_NAME:
        raise StoreError(f"a checkpoint name has 1 to {_MAX_NAME} characters: {name!r}")


_MAX_NAME: Final = 200
_SUFFIX: Final = ".checkpoint"


class FileCheckpoints:
    """Checkpoints as files in a folder (created when first saved to): one file a name, replaced
    whole by each save (see the module's documentation).

    A save locks the file (``flock``) while it checks the expected position and replaces it, so
    two runners on one host never both advance it.

    Args:
        folder: where the files go, e.g. ``season.jsonl.checkpoints`` beside a JSON Lines store.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def _path(self, name: str) -> Path:
        check_checkpoint_name(name)
        # Percent-encoded, so any name is one safe file name ("/" and ".." included).
        return self.folder / (quote(name, safe="") + _SUFFIX)

    def load_checkpoint(self, name: str) -> SavedCheckpoint | None:
        """The checkpoint saved under ``name``, or None."""
        path = self._path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise CheckpointError(
                f"{path}: checkpoint {name!r} cannot be read ({error}); rebuild it"
            ) from error
        header, _, data = text.partition("\n")
        return SavedCheckpoint(name, _position_of(header, path, name), data)

    def save_checkpoint(
        self, name: str, position: int, data: str, *, expected_position: int
    ) -> None:
        """Replace the checkpoint's file atomically (see :meth:`CheckpointStore.save_checkpoint`:
        the position is not checked against a store here; the runner checks it on loading)."""
        path = self._path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        text = f"{_HEADER}{position}\n{data}"
        try:
            with _locked(path.with_name(f".{path.name}.lock")), Replacement(path) as replacement:
                # Locked from here until the rename: read what is saved now.
                current = self.load_checkpoint(name)
                actual = 0 if current is None else current.position
                if actual != expected_position:
                    raise CheckpointConflictError(name, expected_position, actual)
                replacement.path.write_text(text, encoding="utf-8")
                replacement.commit()
        except OSError as error:
            raise StoreError(f"{path}: cannot save checkpoint {name!r}: {error}") from error

    def delete_checkpoint(self, name: str) -> None:
        """Remove the checkpoint's file, if there is one."""
        path = self._path(name)
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: cannot delete checkpoint {name!r}: {error}") from error

    def __repr__(self) -> str:
        return f"FileCheckpoints({str(self.folder)!r})"


# A checkpoint file starts with its position on a line of its own, so that the position is read
# (and compared by a save) without parsing a state of megabytes.
_HEADER: Final = "matchevents checkpoint at position "


def _position_of(header: str, path: Path, name: str) -> int:
    number = header.removeprefix(_HEADER)
    if header == number or not number.isdigit():
        raise CheckpointError(
            f"{path}: checkpoint {name!r} is damaged or not a checkpoint (no position on its "
            "first line); rebuild it"
        )
    return int(number)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing): saves of one checkpoint
    take turns, the first save of a new one included (it has no file to lock yet)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
