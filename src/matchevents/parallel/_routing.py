"""Which partition a line of an archive, or a store's stream, goes to when the archive is
partitioned by match: a stable CRC-32 of the match id, read from the line's bytes without
decoding it where the codec wrote it plainly. Every worker routes every line of the archive and
keeps only its own, so this is the part of a replay done as many times as there are partitions."""

from __future__ import annotations

from typing import Any, Final
from zlib import crc32

from matchevents.codec import parse_json


def partition_of(match_id: str, partitions: int) -> int:
    """The partition (0 to ``partitions - 1``) a match goes to with
    :attr:`~matchevents.parallel.PartitionBy.MATCH`: the CRC-32 of its UTF-8 id, the same in every
    process and on every machine (Python's own string hash differs from process to process)."""
    return crc32(match_id.encode()) % partitions


_ID_KEY: Final = b'"match_id":"'


def _owner(raw: bytes, partitions: int) -> int:
    """The partition of a raw log line: the match id read from the bytes as the codec writes
    them (``"match_id":"..."``), else from the parsed line; 0 for lines naming no match."""
    start = raw.find(_ID_KEY)
    if start >= 0:
        start += len(_ID_KEY)
        end = raw.find(b'"', start)
        key = raw[start:end]
        if end > 0 and b"\\" not in key:
            return crc32(key) % partitions
    try:
        obj = parse_json(raw)
    except ValueError:
        return 0
    if type(obj) is list:
        obj = obj[0] if obj else None
    return _object_owner(obj, partitions)


def _object_owner(obj: object, partitions: int) -> int:
    """The partition of a parsed event: its match's, or 0 where it names no match."""
    match_id = obj.get("match_id") if type(obj) is dict else None
    return partition_of(match_id, partitions) if type(match_id) is str else 0


def _batch_owners(raw: bytes, partitions: int) -> tuple[list[Any], list[int]] | None:
    """A batch line parsed, and the partition of each of its events (every event goes where its
    match goes, whatever the others' matches); None if the line is not a JSON array."""
    try:
        obj = parse_json(raw)
    except ValueError:
        return None
    if type(obj) is not list:
        return None
    # An empty batch is no event, but a bad line: the first partition reports it.
    return obj, [_object_owner(item, partitions) for item in obj] or [0]


_OPEN_OBJECT: Final = ord("{")
_OPEN_BATCH: Final = ord("[")
_BLANKS: Final = b" \t\r\n\f\v"


_COMPETITION_STREAM: Final = "competition:"
"""The prefix of a store's competition-level streams (see
:func:`~matchevents.stores.base.stream_of`)."""


def _stream_partition(stream: str, partitions: int) -> int:
    """A match's stream goes where its match goes; competition streams go to partition 0."""
    return 0 if stream.startswith(_COMPETITION_STREAM) else partition_of(stream, partitions)
