"""Every bad line is a CodecError (issue 16): however a line is broken (nested a thousand deep,
wrong-typed where an old layout is upcast, holding a lone surrogate, a list where an event should
be), the codec says what is wrong in plain words and the readers skip it or stop at it; nothing
crashes. The fuzz tests (``test_fuzz_codec.py``) hold every reader to this on generated lines.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from matches import istanbul_final
from matchevents import MatchScheduled
from matchevents.cli import main
from matchevents.codec import (
    BACKEND_VARIABLE,
    JSON_BACKEND,
    Codec,
    CodecError,
    decode,
    dumps,
    loads,
    parse_json,
)
from matchevents.errors import StoreError
from matchevents.log import numbered_events, read_log, replay, write_log
from matchevents.stores import JsonlStore

GOAL = {"type": "goal", "v": 3, "match_id": "m", "side": "home", "scorer": "X", "at": "23"}
DEEP_TYPE = '{"type":' + "[" * 1000 + "]" * 1000 + "}"
SCHEDULE = (
    '{"type":"match_scheduled","v":1,"match_id":"m","home":"A","away":"B",'
    '"competition":"C","season":"2024"}'
)


@attrs.frozen
class Marker:
    """A user's own event type, for the upcaster tests."""

    match_id: str


def message(line: str | bytes) -> str:
    """What the codec says of a line it refuses."""
    with pytest.raises(CodecError) as raised:
        loads(line)
    return str(raised.value)


# -- item 3: a value nested too deeply ------------------------------------------------------------
@pytest.mark.parametrize("depth", [10, 500, 999, 1000, 1001, 1023, 1024, 1025, 5000, 100_000])
def test_a_value_nested_however_deep_is_a_codec_error(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    for line in (nested, '{"type":' + nested + "}", '{"type":"goal","v":3,"side":' + nested + "}"):
        with pytest.raises(CodecError):
            loads(line)


def test_a_deeply_nested_type_is_named_without_its_whole_value() -> None:
    text = message(DEEP_TYPE)
    assert len(text) < 200
    assert text in (
        "type: got [[[[[...]]]]] (a list); expected a type tag (a string)",  # orjson parses it
        "not valid JSON (nested too deeply); expected a JSON object",  # the standard library
    )


def test_a_bad_value_is_shown_in_its_first_sixty_characters_however_large() -> None:
    assert decode_message({**GOAL, "scorer": list(range(1_000_000))}) == (
        "goal.scorer: got [0, 1, 2, 3, 4, 5, 6, 7, ...] (a list); expected a string or null"
    )
    assert decode_message({**GOAL, "at": "9" * 100}) == (
        "goal.at: got '" + "9" * 56 + "...; expected a minute such as '23' or '45+3'"
    )


def test_the_standard_library_parser_refuses_too_deep_a_value_as_text_that_is_not_json() -> None:
    # Whichever backend runs, the parser raises ValueError (never RecursionError) for it.
    with pytest.raises(ValueError, match=r"nested too deeply|depth limit exceeded"):
        parse_json("[" * 100_000 + "]" * 100_000)


# -- item 4: an upcaster given a value of the wrong kind ------------------------------------------
def test_an_old_goal_with_a_side_of_the_wrong_kind_is_a_codec_error() -> None:
    line = '{"type":"goal","v":2,"match_id":"m","side":[],"kind":"own_goal"}'
    assert message(line) == (
        "goal.side: got [] (a list) (reading the v2 layout); expected one of 'home', 'away'"
    )


def test_an_old_goal_with_a_flag_of_the_wrong_kind_is_a_codec_error() -> None:
    line = '{"type":"goal","v":1,"match_id":"m","team":"home","minute":"3","penalty":[1]}'
    assert message(line) == (
        "goal.penalty: got [1] (a list) (reading the v1 layout); expected true or false"
    )


def test_an_upcaster_that_fails_on_a_line_makes_it_a_bad_line_naming_the_layout() -> None:
    codec = Codec()
    codec.register(Marker, "marker", version=2)
    codec.register_upcaster("marker", 1, lambda obj: {**obj, "match_id": obj["id"].strip()})
    with pytest.raises(CodecError) as raised:
        codec.loads('{"type":"marker","v":1,"id":5}', line=4, source="feed.jsonl")
    assert str(raised.value) == (
        "feed.jsonl:4: marker.v: the v1 layout cannot be read: its upcaster failed "
        "(AttributeError: 'int' object has no attribute 'strip'); expected a valid v1 marker"
    )


def test_an_upcaster_that_returns_no_object_makes_a_bad_line() -> None:
    codec = Codec()
    codec.register(Marker, "marker", version=2)
    codec.register_upcaster("marker", 1, lambda obj: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(CodecError, match="the upcaster from v1 returned null, not an object"):
        codec.loads('{"type":"marker","v":1,"match_id":"m"}')


# -- item 5: lone surrogates ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        '"\\ud800"',  # a high half alone
        '"\\udc00"',  # a low half alone
        '"\\udc00\\ud800"',  # both halves, in the wrong order
        '"a\\ud83d"',  # a pair cut short
    ],
)
def test_a_lone_surrogate_escape_is_not_valid_json_with_either_backend(text: str) -> None:
    line = SCHEDULE.replace('"m"', text)
    assert message(line).startswith("not valid JSON (")
    assert message(line.encode()).startswith("not valid JSON (")


def test_a_lone_surrogate_in_raw_bytes_is_not_valid_json_with_either_backend() -> None:
    assert message(SCHEDULE.replace('"m"', '"\xed\xa0\x80"').encode("latin-1")).startswith(
        "not valid JSON ("
    )


def test_an_escaped_pair_is_a_character_and_an_escaped_backslash_no_surrogate() -> None:
    assert loads(SCHEDULE.replace('"m"', '"\\ud83d\\ude00"')).match_id == "\U0001f600"
    assert loads(SCHEDULE.replace('"m"', '"\\\\ud800"')).match_id == "\\ud800"


def test_an_event_holding_a_lone_surrogate_is_not_written() -> None:
    schedule = MatchScheduled(match_id="m", home="\ud800", away="B", competition="C", season="S")
    with pytest.raises(CodecError) as raised:
        dumps(schedule)
    assert str(raised.value) == (
        "match_scheduled.home: a lone surrogate, half of a UTF-16 pair and no character; "
        "expected text in UTF-8"
    )
    assert raised.value.match_id == "m"


def test_a_store_refuses_an_event_it_could_not_write_and_stores_nothing(tmp_path: Path) -> None:
    with JsonlStore(tmp_path / "store.jsonl") as store:
        bad = MatchScheduled(match_id="\ud800", home="A", away="B", competition="C", season="S")
        with pytest.raises(CodecError):
            store.append("\ud800", [bad])
        assert store.streams() == []
    assert (tmp_path / "store.jsonl").read_bytes() == b""


# -- messages in plain words ----------------------------------------------------------------------
def decode_message(obj: object) -> str:
    with pytest.raises(CodecError) as raised:
        decode(obj)
    return str(raised.value)


@pytest.mark.parametrize(
    ("obj", "said"),
    [
        ({**GOAL, "scorer": 5}, "goal.scorer: got 5 (a number); expected a string or null"),
        ({**GOAL, "match_id": None}, "goal.match_id: got None (null); expected a string"),
        ({**GOAL, "match_id": True}, "goal.match_id: got True (a boolean); expected a string"),
        ({**GOAL, "match_id": {}}, "goal.match_id: got {} (an object); expected a string"),
        ({**GOAL, "at": []}, "goal.at: got [] (a list); expected a minute such as '23' or '45+3'"),
        (
            {**GOAL, "at": 23},
            "goal.at: got 23 (a number); expected a minute such as '23' or '45+3'",
        ),
        ({**GOAL, "side": [1]}, "goal.side: got [1] (a list); expected one of 'home', 'away'"),
        (
            {**GOAL, "side": "hone"},
            "goal.side: got 'hone' ('hone' is not a valid Side); expected one of 'home', 'away'",
        ),
        (
            {"type": "period_started", "v": 1, "match_id": "m", "period": {}},
            "period_started.period: got {} (an object); expected one of 'first_half', "
            "'second_half', 'extra_time_first_half', 'extra_time_second_half', "
            "'penalty_shootout'",
        ),
        (
            {"type": "lineup_announced", "v": 1, "match_id": "m", "side": "home", "starting": [7]},
            "lineup_announced.starting: got [7] (a list holding a number); "
            "expected a list of strings",
        ),
        (
            {"type": "goal_annulled", "v": 1, "match_id": "m", "goal_version": "3"},
            "goal_annulled.goal_version: got '3' (a string); expected an integer",
        ),
        ({**GOAL, "v": "3"}, "goal.v: got '3'; expected a schema version number (1, 2, ...)"),
        (
            {**GOAL, "v": 0},
            "goal.v: got 0 (a number); expected a schema version number (1, 2, ...)",
        ),
        ({"v": 1}, "type: missing; expected a type tag (a string)"),
        ({"type": 7, "v": 1}, "type: got 7 (a number); expected a type tag (a string)"),
        (5, "got 5 (a number); expected a JSON object"),
        ([1, 2], "got [1, 2] (a list); expected a JSON object"),
    ],
)
def test_a_bad_value_is_named_by_its_kind_in_plain_words(obj: object, said: str) -> None:
    assert decode_message(obj) == said


FORMAT_EXPECTED = (
    "; expected a format object such as {'kind': 'knockout', 'extra_time': true, 'shootout': true}"
)


@pytest.mark.parametrize(
    ("fmt", "said"),
    [
        ("knockout", "got 'knockout' (a string)"),
        (
            {"kind": 5},
            "got {'kind': 5} (its kind is 5, not one of 'league', 'knockout', 'first_leg', "
            "'second_leg')",
        ),
        (
            {"kind": "knockout", "shootout": "yes"},
            "got {'kind': 'knockout', 'shootout': 'yes'} (its shootout is 'yes', not true or "
            "false)",
        ),
        (
            {"kind": "second_leg", "first_leg": []},
            "got {'kind': 'second_leg', 'first_leg': []} (its first_leg is [], not a score such "
            "as '2-1')",
        ),
        ({"extra_time": True}, "got {'extra_time': True} (it has no kind)"),
    ],
)
def test_a_bad_match_format_says_which_of_its_keys_is_wrong(fmt: object, said: str) -> None:
    schedule = {**parse_json(SCHEDULE), "format": fmt}
    assert decode_message(schedule) == f"match_scheduled.format: {said}{FORMAT_EXPECTED}"


# The standard library's json reads what orjson refuses unless held to it; these are its words.
STANDARD_LIBRARY_MESSAGES = r"""
import sys
from matchevents.codec import CodecError, loads
schedule = sys.argv[1]
for line in (
    schedule.replace('"m"', '"\\ud800"'),
    schedule.replace('"m"', '"\\udc00\\ud800"'),
    schedule.replace('"m"', '"\udc00"'),
    schedule.replace('"m"', '"\xed\xa0\x80"').encode("latin-1"),
    "[" * 100_000,
):
    try:
        loads(line)
    except CodecError as error:
        print(error)
"""


def test_the_standard_library_backend_says_why_it_refuses_what_orjson_refuses() -> None:
    ran = run_with_backend("json", STANDARD_LIBRARY_MESSAGES, SCHEDULE)
    assert ran.stdout.splitlines() == [
        "not valid JSON (a lone surrogate escape, half of a UTF-16 pair and no character); "
        "expected a JSON object",
        "not valid JSON (a lone surrogate escape, half of a UTF-16 pair and no character); "
        "expected a JSON object",
        "not valid JSON (a lone surrogate at character 45, half of a UTF-16 pair and no "
        "character); expected a JSON object",
        "not valid JSON (not UTF-8 text: invalid continuation byte at byte 45); "
        "expected a JSON object",
        "not valid JSON (nested too deeply); expected a JSON object",
    ], ran.stderr


# -- a line is one event object or a batch of them ------------------------------------------------
def read_lines(*lines: bytes) -> list[str]:
    problems: list[str] = []
    list(numbered_events(io.BytesIO(b"\n".join(lines)), on_error=lambda e: problems.append(str(e))))
    return problems


def test_an_empty_list_is_a_bad_line() -> None:
    assert read_lines(b"[]") == [
        "line 1: got [] (an empty batch); expected a list of one or more event objects"
    ]


def test_a_batch_item_that_is_no_object_is_named_by_its_place() -> None:
    assert read_lines(b"[1,2]") == [
        "line 1: item 1 of the batch: got 1 (a number); expected a JSON object"
    ]
    assert read_lines(b"[" + SCHEDULE.encode() + b',"x"]') == [
        "line 1: item 2 of the batch: got 'x'; expected a JSON object"
    ]


def test_a_line_that_is_a_number_is_a_bad_line() -> None:
    assert read_lines(b"5") == ["line 1: got 5 (a number); expected a JSON object"]


# -- the readers ----------------------------------------------------------------------------------
BAD_LINES = [
    DEEP_TYPE,
    '{"type":"goal","v":2,"match_id":"m","side":[],"kind":"own_goal"}',
    SCHEDULE.replace('"m"', '"\\ud800"'),
    "[]",
    "[1,2]",
    "[" * 100_000,
]


def bad_log(tmp_path: Path) -> Path:
    """The Istanbul final with a bad line of each kind between its events."""
    path = tmp_path / "bad.jsonl"
    good = [dumps(event) for event in istanbul_final()]
    lines = [line for pair in zip(good, BAD_LINES, strict=False) for line in pair]
    path.write_text("\n".join(lines + good[len(BAD_LINES) :]) + "\n", encoding="utf-8")
    return path


def test_a_lenient_replay_skips_every_kind_of_bad_line(tmp_path: Path) -> None:
    result = replay(bad_log(tmp_path), strict=False)
    assert [problem.line for problem in result.problems] == [2, 4, 6, 8, 10, 12]
    assert result.events == len(istanbul_final())


def test_a_strict_read_stops_at_the_first_bad_line(tmp_path: Path) -> None:
    with pytest.raises(CodecError) as raised:
        list(read_log(bad_log(tmp_path)))
    assert raised.value.line == 2


def test_opening_a_file_store_with_a_bad_line_is_a_store_error(tmp_path: Path) -> None:
    for index, line in enumerate(BAD_LINES):
        path = tmp_path / f"store{index}.jsonl"
        write_log(path, istanbul_final()[:2])
        with path.open("a", encoding="utf-8") as out:
            out.write(line + "\n" + SCHEDULE + "\n")
        with pytest.raises(StoreError, match=r"store\d\.jsonl:3: damaged line"):
            JsonlStore(path)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_validate_lists_every_kind_of_bad_line_and_exits_1(tmp_path: Path) -> None:
    status, out, err = run("validate", str(bad_log(tmp_path)))
    assert status == 1
    assert "bad.jsonl:8: [unreadable] got [] (an empty batch)" in out
    assert "bad.jsonl:10: [unreadable] item 1 of the batch: got 1 (a number)" in out
    assert err.endswith("26 events of 1 match accepted; 6 bad lines\n")


def test_replay_and_show_skip_every_kind_of_bad_line(tmp_path: Path) -> None:
    log = str(bad_log(tmp_path))
    status, out, err = run("replay", log)
    assert (status, "Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)" in out) == (1, True)
    assert "6 bad lines" in err
    status, out, err = run("show", log, "ucl-2004-05-final")
    assert (status, out.endswith("Liverpool (HT 3-0, FT 3-3, AET 3-3, pens 2-3)\n")) == (0, True)


# -- the JSON backend -----------------------------------------------------------------------------
def run_with_backend(backend: str, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, BACKEND_VARIABLE: backend}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_backend_variable_chooses_the_standard_library_even_with_orjson_installed() -> None:
    ran = run_with_backend(
        "json", "from matchevents.codec import JSON_BACKEND; print(JSON_BACKEND)"
    )
    assert ran.stdout.strip() == "json", ran.stderr


def test_the_backend_variable_refuses_a_library_it_does_not_know() -> None:
    ran = run_with_backend("simplejson", "import matchevents.codec")
    assert ran.returncode != 0
    assert "MATCHEVENTS_JSON_BACKEND='simplejson': expected 'json' or 'orjson'" in ran.stderr


def test_the_backend_is_the_one_asked_for_or_else_the_fastest_installed() -> None:
    try:
        import orjson  # noqa: F401
    except ImportError:
        fastest = "json"
    else:
        fastest = "orjson"
    assert (os.environ.get(BACKEND_VARIABLE) or fastest) == JSON_BACKEND


@pytest.mark.parametrize(
    ("version", "said"),
    [("true", "got True (a boolean)"), ("1.0", "got 1.0 (a number)")],
)
def test_a_version_that_only_equals_one_is_refused(version: str, said: str) -> None:
    line = '{"type":"period_started","v":' + version + ',"match_id":"m","period":"first_half"}'
    assert (
        message(line) == f"period_started.v: {said}; expected a schema version number (1, 2, ...)"
    )


def test_a_damaged_line_of_a_file_store_is_named_once(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    path.write_text(SCHEDULE + "\n[]\n", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        JsonlStore(path)
    assert str(raised.value) == (
        f"{path}:2: damaged line (not a crash's torn tail): got [] (an empty batch); "
        "expected a list of one or more event objects"
    )
