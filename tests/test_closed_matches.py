"""The replay's compact index of matches that are over holds what a plain dict would hold."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from matchevents.closed_matches import ClosedIndex

# Ids as logs hold them, and any text (lone surrogates too: an id made in Python may hold one).
_IDS = st.one_of(st.from_regex(r"L[0-9]-[0-9]{4}-R[0-9]{2}-[0-9]{1,3}", fullmatch=True), st.text())
# Packed states: small, at the 64-bit word's edge, and beyond it (a long match's goals).
_STATES = st.one_of(
    st.integers(0, 2**40), st.integers(2**64 - 2, 2**64 + 2), st.integers(0, 2**200)
)


@given(st.lists(st.tuples(_IDS, _STATES), max_size=3000), st.lists(_IDS, max_size=50))
def test_the_index_holds_what_a_dict_of_the_same_puts_holds(
    puts: list[tuple[str, int]], probes: list[str]
) -> None:
    index, plain = ClosedIndex(), {}
    for match_id, packed in puts:
        index.put(match_id, packed)
        plain[match_id] = packed
    assert len(index) == len(plain)
    for match_id in [*plain, *probes]:
        assert index.get(match_id) == plain.get(match_id)


def test_the_index_grows_past_its_first_table_and_still_finds_every_match() -> None:
    index, plain = ClosedIndex(), {}
    for number in range(20_000):  # the first table holds 768 rows; this grows it five times
        match_id = f"L{number % 4}-R{number // 40:03d}-{number}"
        index.put(match_id, number * 2**30 + 3)
        plain[match_id] = number * 2**30 + 3
    index.put("L1-R000-1", 7)  # a replaced state
    plain["L1-R000-1"] = 7
    assert all(index.get(match_id) == packed for match_id, packed in plain.items())
    assert index.get("L9-R000-1") is None
