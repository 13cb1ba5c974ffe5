"""Counts in the messages users read: ``1 bad line``, ``2 bad lines``."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, made plural unless there is exactly one (``"1 match"``,
    ``"0 matches"``); ``plural`` where adding ``s`` or ``es`` is not the plural."""
    if number == 1:
        return f"{number} {noun}"
    if plural is None:
        plural = noun + ("es" if noun.endswith(("ch", "sh", "s", "x")) else "s")
    return f"{number} {plural}"
