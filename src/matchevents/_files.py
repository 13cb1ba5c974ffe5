"""Replacing a file whole or not at all.

A :class:`Replacement` writes a file's new content to a temporary file beside it, flushes it to
disk and renames it over the file: a crash or a kill at any moment leaves either the old content,
byte for byte, or the new, never a mix or nothing. Appending is the same replacement, the new
file starting as a copy of the old. A kill may leave the temporary file behind (hidden, named
``.NAME.<random>.tmp``); the file itself is never touched until the rename, and the next
replacement of the file removes what a killed one left.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import shutil
import stat
from pathlib import Path
from types import TracebackType

__all__ = ["Replacement", "fsync_directory"]


def fsync_directory(folder: str | os.PathLike[str]) -> None:
    """Make the entries of ``folder`` durable: a file created or renamed in it survives a crash."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Replacement:
    """The new content of a file, written beside it and put in its place by :meth:`commit`.

    The file is locked (``flock``, as the JSON Lines store locks it) from the start until the
    replacement is committed or discarded, so that no store or other import writes to it in
    between and loses what it wrote. Leaving the ``with`` block without :meth:`commit` (an
    error, or nothing to write) discards the replacement and leaves the file as it was.

    Args:
        path: the file to replace; it need not exist. A symbolic link is followed: the file it
            points to is replaced, and the link stays.
        keep: start the new content as a copy of the old (to append to it).

    Raises:
        BlockingIOError: another process holds the file's lock (a store has it open).
        OSError: the folder cannot be written, or the file cannot be read.
    """

    def __init__(self, path: str | os.PathLike[str], *, keep: bool = False) -> None:
        self.target = Path(os.path.realpath(path))
        """The file to replace."""
        self.existed = False
        """Whether the file existed when the replacement began."""
        self.path = self.target.with_name(f".{self.target.name}.{secrets.token_hex(4)}.tmp")
        """The temporary file to write the new content to."""
        self._lock = -1
        self._own = -1
        self._committed = False
        try:
            old = self._locked_original()
            self.existed = old is not None
            # The new file gets the old one's permissions, or those a new file gets (umask).
            # It stays locked while this replacement lives: a temporary file nobody has locked
            # was left by a killed process, and is removed below.
            self._own = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            fcntl.flock(self._own, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._remove_left_behind()
            if old is not None:
                os.fchmod(self._own, stat.S_IMODE(old.st_mode))
                if keep:
                    with (
                        open(self.target, "rb") as source,
                        open(self._own, "wb", closefd=False) as to,
                    ):
                        shutil.copyfileobj(source, to, 1 << 20)
        except BaseException:
            self.discard()
            raise

    def _remove_left_behind(self) -> None:
        """Remove the temporary files of this file's replacements killed before they ended:
        those whose lock no process holds."""
        pattern = re.compile(rf"\.{re.escape(self.target.name)}\.[0-9a-f]{{8}}\.tmp")
        for entry in os.scandir(self.target.parent):
            if entry.name == self.path.name or not pattern.fullmatch(entry.name):
                continue
            try:
                fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue  # gone meanwhile, or not a file this module made
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pass  # a replacement in progress in another process
            else:
                os.unlink(entry.path)
            finally:
                os.close(fd)

    def _locked_original(self) -> os.stat_result | None:
        """Lock the file, if it exists; returns its status then, or None for no file."""
        try:
            found = os.stat(self.target)
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(found.st_mode):
            what = "a folder" if stat.S_ISDIR(found.st_mode) else "not a regular file"
            raise OSError(errno.EINVAL, f"{self.target} is {what}")
        self._lock = os.open(self.target, os.O_RDONLY)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BlockingIOError(f"{self.target} is in use by another process") from None
        locked = os.fstat(self._lock)
        current = os.stat(self.target)
        if (locked.st_dev, locked.st_ino) != (current.st_dev, current.st_ino):
            # Another replacement renamed a new file into place while this one opened the old.
            raise BlockingIOError(f"{self.target} was replaced by another process meanwhile")
        return locked

    def commit(self, *, durable: bool = True) -> None:
        """Put the new content in the file's place: flushed to disk first and the rename made
        durable, unless ``durable`` is False (then a crash of the process still leaves the old
        content or the new, but a crash of the machine may lose the new)."""
        if durable:
            os.fsync(self._own)  # the file, whichever descriptor wrote it
        os.replace(self.path, self.target)
        self._committed = True
        try:
            if durable:
                fsync_directory(self.target.parent)
        finally:
            self._unlock()

    def discard(self) -> None:
        """Remove the new content, unless it was committed; the file stays as it was."""
        try:
            if not self._committed:
                self.path.unlink(missing_ok=True)
        finally:
            self._unlock()

    def _unlock(self) -> None:
        if self._own >= 0:
            os.close(self._own)
            self._own = -1
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1

    def __enter__(self) -> Replacement:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()
