"""Fuzzing every reader of a log: a malformed line is a value or a documented error, never a crash.

Logs are made from valid lines (three real matches, a made-up match with every event type, the
bundled examples) with a few lines broken in every way a file can be: truncated, bytes flipped,
inserted or deleted, a field given a value of the wrong kind (a list, null, a number 2**64, a
string of 100,000 characters), a value nested up to 100,000 deep, a lone surrogate (escaped or
as raw bytes) in a match id or a name, an unknown type or schema version, old goal layouts with
wrong-typed fields, empty and mixed batches, blank lines and junk. Each log goes through
``codec.loads`` (line by line), ``read_log``, ``numbered_events``, lenient and strict ``replay``
(with the results and score projections), ``JsonlStore`` (opened on the file), ``SqliteStore``
(each line stored as a row, then read) and the command line in process (``validate``,
``replay`` in each format and with ``--until``, ``show``; now and then ``replay --workers 2``),
its standard output a strict UTF-8 stream as a terminal's is. Allowed outcomes:

- ``codec.loads``, ``read_log``, reading a SQLite row: a value or a ``CodecError``;
- lenient ``numbered_events`` and ``replay``: a value;
- strict ``replay``: a value, a ``CodecError``, a ``RuleViolation`` or a ``CompetitionDataError``;
- opening ``JsonlStore`` or ``SqliteStore`` on the file: a store or a ``StoreError``;
- the command: exit status 0, 1 or 2, nothing raised, no traceback printed.

Anything else is a finding: the script prints each kind once (where it was raised and the
shortest log that raised it), and exits with status 1 if there is one; a finding listed in
``KNOWN`` (reported, its fix under way elsewhere) is printed but does not fail the run. The count
of inputs is the count of broken lines read (a log holds one to eight among its valid lines); the
command runs on every fourth log (``--cli-every``), ``replay --workers 2`` on every 50th of those
(``--parallel-every``).

Run it from the project's root (not in CI: the suite runs the same checks on a few hundred logs,
``tests/test_fuzz_codec.py``)::

    python tests/fuzz_codec.py                      # 100,000 broken lines under each backend
    python tests/fuzz_codec.py --inputs 20000 --backend json --seed 7 --cli-every 1

``--backend both`` (the default) runs the standard library's ``json`` and ``orjson`` one after
the other, each in a process of its own with ``MATCHEVENTS_JSON_BACKEND`` set.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

TESTS: Final = Path(__file__).resolve().parent
EXAMPLES: Final = TESTS.parent / "examples"
if str(TESTS) not in sys.path:  # run as a script: the shared matches live beside it
    sys.path.insert(0, str(TESTS))

from matches import all_matches  # noqa: E402
from matchevents.cli import main as cli_main  # noqa: E402
from matchevents.codec import JSON_BACKEND, dumps, loads  # noqa: E402
from matchevents.competitions import RESULTS  # noqa: E402
from matchevents.errors import (  # noqa: E402
    CodecError,
    CompetitionDataError,
    RuleViolation,
    StoreError,
)
from matchevents.log import numbered_events, read_log, replay  # noqa: E402
from matchevents.projections import SCORE  # noqa: E402
from matchevents.stores import JsonlStore, SqliteStore  # noqa: E402

# -- valid lines ----------------------------------------------------------------------------------
_EVERY_TYPE: Final = [
    '{"type":"match_scheduled","v":1,"match_id":"fz-1","home":"Alpha","away":"Beta",'
    '"competition":"Cup","season":"2024","stage":"Final","matchday":3,'
    '"format":{"kind":"knockout","extra_time":true,"shootout":true},'
    '"kickoff":"2024-05-01T20:00:00+02:00","venue":"Arena"}',
    '{"type":"lineup_announced","v":1,"match_id":"fz-1","side":"home",'
    '"starting":["A1","A2","A3"],"substitutes":["A4"]}',
    '{"type":"lineup_announced","v":1,"match_id":"fz-1","side":"away","starting":["B1","B2"]}',
    '{"type":"period_started","v":1,"match_id":"fz-1","period":"first_half"}',
    '{"type":"goal","v":3,"match_id":"fz-1","side":"home","scorer":"A1","at":"12","assist":"A2"}',
    '{"type":"goal","v":2,"match_id":"fz-1","side":"away","scorer":"B1","at":"20",'
    '"kind":"own_goal"}',
    '{"type":"goal","v":1,"match_id":"fz-1","team":"home","player":"A3","minute":"31\'",'
    '"penalty":true}',
    '{"type":"goal_annulled","v":1,"match_id":"fz-1","goal_version":7,"reason":"var_review"}',
    '{"type":"card","v":1,"match_id":"fz-1","side":"away","player":"B2","at":"44","kind":"yellow"}',
    '{"type":"period_ended","v":1,"match_id":"fz-1","period":"first_half","score":"1-1"}',
    '{"type":"period_started","v":1,"match_id":"fz-1","period":"second_half"}',
    '{"type":"substitution","v":1,"match_id":"fz-1","side":"home","player_off":"A3",'
    '"player_on":"A4","at":"60"}',
    '{"type":"period_ended","v":1,"match_id":"fz-1","period":"second_half"}',
    '{"type":"match_awarded","v":1,"match_id":"fz-1","score":"3-0","reason":"fielded a banned'
    ' player"}',
    '{"type":"match_scheduled","v":1,"match_id":"fz-2","home":"Gamma","away":"Delta",'
    '"competition":"Cup","season":"2024","date":"2024-05-02",'
    '"format":{"kind":"second_leg","first_leg":"0-3","away_goals":"normal_time_only"}}',
    '{"type":"match_postponed","v":1,"match_id":"fz-2","reason":"snow",'
    '"new_kickoff":"2024-05-09T20:00:00+00:00"}',
    '{"type":"period_started","v":1,"match_id":"fz-2","period":"first_half"}',
    '{"type":"match_abandoned","v":1,"match_id":"fz-2","at":"45+2","reason":"floodlights"}',
    '{"type":"points_deduction","v":1,"competition":"Cup","season":"2024","team":"Alpha",'
    '"points":3,"reason":"finances","on":"2024-04-01"}',
    '{"type":"shootout_kick","v":1,"match_id":"fz-3","side":"home","taker":null,'
    '"outcome":"scored"}',
]


def _valid_logs() -> list[list[bytes]]:
    logs = [[dumps(event).encode() for event in events] for events in all_matches().values()]
    logs.append([line.encode() for line in _EVERY_TYPE])
    for example in sorted(EXAMPLES.glob("*.jsonl")):
        lines = example.read_bytes().splitlines()
        logs.append(lines[:40])
    return logs


VALID_LOGS: Final = _valid_logs()
"""Logs of valid lines (a few of them old layouts, or refused by their match's timeline)."""
VALID_LINES: Final = frozenset(line for log in VALID_LOGS for line in log)
for _line in VALID_LINES:  # a broken seed would count as fuzzing what is only a typo here
    loads(_line)

# -- broken values and lines ----------------------------------------------------------------------
_DEPTHS: Final = (2, 50, 500, 998, 999, 1000, 1001, 1023, 1024, 1025, 3000, 100_000)


def _nested(rng: random.Random) -> str:
    depth = rng.choice(_DEPTHS)
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}"), ('[{"a":', "}]")))
    if opener.startswith("[{"):
        depth //= 2
    core = rng.choice(("1", "null", '"x"', "[]", "{}"))
    closing = closer * depth if rng.random() < 0.9 else closer * rng.randrange(depth)
    return opener * depth + core + closing


_SURROGATES: Final = (
    "\\ud800",
    "\\udfff",
    "\\udc00\\ud800",
    "\\ud83d",
    "\\ud83d\\ude00",  # a pair: a character, valid
    "\\\\ud800",  # an escaped backslash: valid
    "\\uDBFF",
    "x\\ud800y",
)


def _wrong_value(rng: random.Random) -> str:
    """The JSON text of a value a field should not hold."""
    pick = rng.randrange(14)
    if pick == 0:
        return rng.choice(("0", "-1", "1", "2", "3", "7", "255", "-0", "1.0", "1.5", "-2.5e3"))
    if pick == 1:
        return rng.choice(("9223372036854775807", "18446744073709551616", "1" + "0" * 400))
    if pick == 2:
        return rng.choice(("1e400", "-1e400", "NaN", "Infinity", "1e-400", "0.1e1"))
    if pick == 3:
        return rng.choice(("true", "false", "null"))
    if pick == 4:
        return rng.choice(("[]", "[1]", '["a"]', '["a",1]', "[[]]", '[null,"x"]', "{}"))
    if pick == 5:
        return rng.choice(('{"kind":"knockout"}', '{"a":[]}', '{"kind":5}', '{"":1}'))
    if pick == 6:
        return _nested(rng)
    if pick == 7:
        return '"' + rng.choice(_SURROGATES) + '"'
    if pick == 8:
        return '"' + "x" * rng.choice((0, 1, 61, 1000, 100_000)) + '"'
    if pick == 9:
        return json.dumps(
            rng.choice(("45+3", "90+99", "121", "0", "2-1", "999-0", "-1-2", "home", "away"))
        )
    if pick == 10:
        return json.dumps(
            rng.choice(("2024-13-45", "2024-04-11T21:00:00+02:00", "2024-04-11", "yesterday"))
        )
    if pick == 11:
        return json.dumps(
            rng.choice(("first_half", "penalty_shootout", "own_goal", "knockout", "\u00e9", "\0"))
        )
    if pick == 12:
        return '"' + "".join(rng.choice("ab\\\"'\u00e9\u20ac") for _ in range(5)) + '"'
    return rng.choice(('"goal"', '"match_scheduled"', '"points_deduction"', '"no_such"'))


_KEYS: Final = (
    "type",
    "v",
    "match_id",
    "side",
    "scorer",
    "at",
    "kind",
    "assist",
    "period",
    "score",
    "penalties",
    "format",
    "kickoff",
    "date",
    "team",
    "minute",
    "penalty",
    "own_goal",
    "starting",
    "goal_version",
    "points",
    "on",
    "home",
    "asist",
)
_VERSIONS_AND_TYPES: Final = (
    *(("v", version) for version in ("1", "2", "3", "4", "true", "1.0")),
    *(("type", tag) for tag in ('"goal"', '"card"', '"match_scheduled"')),
)
_BYTES: Final = b'{}[]",:\\ 0123456789-+.eEtrufalsn\x00\x7f\xc3\xa9\xed\xa0\x80\xff\xef\xbb\xbf'


def _fill(obj: dict[str, Any], key: str, fragment: str) -> bytes:
    """``obj`` as a line, with ``key`` holding the JSON text ``fragment``."""
    marker = "\u0001FUZZ\u0001"
    text = json.dumps({**obj, key: marker}, ensure_ascii=False)
    return text.replace(json.dumps(marker), fragment, 1).encode("utf-8", "surrogatepass")


def mutate(rng: random.Random, line: bytes) -> bytes:
    """A broken variant of a valid line (or of any line)."""
    pick = rng.randrange(12)
    if pick == 0 and line:  # truncated
        return line[: rng.randrange(len(line))]
    if pick == 1 and line:  # bytes flipped
        out = bytearray(line)
        for _ in range(rng.randint(1, 3)):
            out[rng.randrange(len(out))] = rng.choice(_BYTES)
        return bytes(out)
    if pick == 2:  # bytes inserted or deleted
        at = rng.randrange(len(line) + 1)
        if rng.random() < 0.5:
            return line[:at] + bytes(rng.choices(_BYTES, k=rng.randint(1, 4))) + line[at:]
        return line[:at] + line[at + rng.randint(1, 5) :]
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return line + b"}"
    if type(obj) is not dict:
        return b"[" + line + b"]"
    if pick in (3, 4, 5, 6):  # a field given a value of the wrong kind
        key = rng.choice(list(obj) if obj and pick != 6 else _KEYS)
        return _fill(obj, key, _wrong_value(rng))
    if pick == 7:  # a field left out
        if obj:
            del obj[rng.choice(list(obj))]
        return json.dumps(obj).encode()
    if pick == 8:  # another version or type
        key, fragment = rng.choice(_VERSIONS_AND_TYPES)
        return _fill(obj, key, fragment)
    if pick == 9:  # a surrogate in a name
        key = rng.choice([key for key, value in obj.items() if type(value) is str] or ["match_id"])
        if rng.random() < 0.3:  # as raw bytes, which no UTF-8 text holds
            return _fill(obj, key, '"\ud800"')
        return _fill(obj, key, '"' + rng.choice(_SURROGATES) + '"')
    if pick == 10:  # the whole line nested
        return _nested(rng).encode()
    return _fill(obj, rng.choice(_KEYS), _nested(rng))


_JUNK: Final = (
    b"",
    b"   ",
    b"\t",
    b"null",
    b"5",
    b'"x"',
    b"true",
    b"[]",
    b"{}",
    b"[[]]",
    b"[{}]",
    b"[1,2]",
    b"[null]",
    b"\xef\xbb\xbf{}",
    b"\x00",
    b"\xff\xfe",
    b"{not json",
    b'{"type":"goal","v":3}{"type":"goal","v":3}',
    b"//",
)


def broken_line(rng: random.Random, valid: Sequence[bytes]) -> bytes:
    """One bad (or, now and then, valid) line: a mutant, junk, or a batch."""
    pick = rng.random()
    if pick < 0.6:
        line = rng.choice(valid)
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            line = mutate(rng, line)
        return line
    if pick < 0.75:
        return rng.choice(_JUNK)
    if pick < 0.8:
        return _nested(rng).encode()
    items = [
        rng.choice(valid) if rng.random() < 0.5 else broken_line(rng, valid)
        for _ in range(rng.randrange(4))
    ]
    return b"[" + b",".join(item.strip() or b"null" for item in items) + b"]"


def fuzz_log(rng: random.Random) -> list[bytes]:
    """A log: valid lines of a match or two with a few broken lines among them."""
    lines = list(rng.choice(VALID_LOGS))
    if rng.random() < 0.3:
        lines += rng.choice(VALID_LOGS)
    valid = list(lines)
    for _ in range(rng.choice((1, 1, 2, 3, 4, 6, 8))):
        bad = broken_line(rng, valid)
        if lines and rng.random() < 0.5:
            lines[rng.randrange(len(lines))] = bad
        else:
            lines.insert(rng.randrange(len(lines) + 1), bad)
    if rng.random() < 0.2:
        lines = lines[: rng.randrange(len(lines) + 1)]
    return lines


# -- the checks -----------------------------------------------------------------------------------
@attrs.frozen
class Finding:
    """An outcome outside what the reader documents."""

    target: str
    error: str
    where: str
    detail: str
    sample: bytes

    def __str__(self) -> str:
        sample = self.sample if len(self.sample) <= 300 else self.sample[:300] + b"..."
        return f"{self.target}: {self.error} at {self.where}: {self.detail}\n    input: {sample!r}"

    @property
    def kind(self) -> tuple[str, str, str]:
        return (self.target, self.error, self.where)


KNOWN: Final[tuple[tuple[str, str, str], ...]] = ()
"""Findings already reported and being fixed elsewhere (the start of the target, a part of the
message, what and where): counted and printed, but they do not fail the run. Remove an entry with
its fix."""


def _where(error: BaseException) -> str:
    """The innermost frame of matchevents that raised (else the innermost frame)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "matchevents" in frame.filename] or frames
    frame = ours[-1] if ours else None
    return "?" if frame is None else f"{Path(frame.filename).name}:{frame.lineno}"


class Prober:
    """Runs one log through every reader and collects what none should do."""

    _STRICT: Final = (CodecError, RuleViolation, CompetitionDataError)

    def __init__(self, workdir: Path, *, cli: bool = True, parallel_every: int = 0) -> None:
        self.workdir = workdir
        self.cli = cli
        self.parallel_every = parallel_every
        self.logs = 0
        self.lines = 0
        self.inputs = 0
        self.cli_runs = 0
        """Lines that are none of the valid lines the logs are made from: the fuzzed inputs."""
        self.findings: list[Finding] = []
        self.known: list[Finding] = []
        """Findings listed in :data:`KNOWN`: reported, not failed on."""
        self.outcomes: Counter[tuple[str, str]] = Counter()
        """How often each reader gave a value, or raised each error, or a finding."""
        self._sqlite_path = workdir / "rows.sqlite"
        self._sqlite = SqliteStore(self._sqlite_path)
        self._rows = sqlite3.connect(self._sqlite_path, isolation_level=None)
        self._rows.execute("PRAGMA synchronous=OFF")
        self._streams = 0

    def close(self) -> None:
        self._rows.close()
        self._sqlite.close()

    def _try(
        self,
        target: str,
        sample: bytes,
        run: Callable[[], object],
        allowed: tuple[type[BaseException], ...] = (),
    ) -> Any:
        try:
            result = run()
        except allowed as error:
            self.outcomes[target, type(error).__name__] += 1
            return None
        except Exception as error:  # a finding: recorded, and the fuzzing goes on
            detail = str(error)[:200]
            finding = Finding(target, type(error).__name__, _where(error), detail, sample)
            known = any(target.startswith(name) and part in detail for name, part, _ in KNOWN)
            (self.known if known else self.findings).append(finding)
            self.outcomes[target, "known finding" if known else "finding"] += 1
            return None
        self.outcomes[target, "value"] += 1
        return result

    def probe(self, lines: Sequence[bytes]) -> list[Finding]:
        """Every reader on ``lines``; returns the findings of this log."""
        before = len(self.findings)
        self.logs += 1
        self.lines += len(lines)
        self.inputs += sum(line not in VALID_LINES for line in lines)
        text = b"\n".join(lines) + b"\n"
        path = self.workdir / "log.jsonl"
        path.write_bytes(text)
        for number, line in enumerate(lines, 1):
            read = lambda line=line, number=number: loads(line, line=number)  # noqa: E731
            self._try("codec.loads", line, read, (CodecError,))
            self._sqlite_row(line)
        self._try("read_log", text, lambda: list(read_log(path)), (CodecError,))
        self._try(
            "numbered_events (lenient)",
            text,
            lambda: list(numbered_events(path, on_error=lambda _: None)),
        )
        for strict in (False, True):
            self._try(
                f"replay (strict={strict})",
                text,
                lambda strict=strict: replay(path, [RESULTS], per_match=[SCORE], strict=strict),
                self._STRICT if strict else (),
            )
        self._open_stores(path, text)
        if self.cli:
            self.cli_runs += 1
            self._commands(path, lines, text)
        return self.findings[before:]

    def _sqlite_row(self, line: bytes) -> None:
        self._streams += 1
        stream = f"s{self._streams}"
        try:
            data: str | bytes = line.decode()
        except UnicodeDecodeError:
            data = line  # stored as a blob: a damaged row
        self._rows.execute(
            "INSERT INTO events (stream, version, data) VALUES (?, 1, ?)", (stream, data)
        )
        self._rows.execute(
            "INSERT INTO streams (stream, version, first) VALUES (?, 1, last_insert_rowid())",
            (stream,),
        )
        self._try("SqliteStore.read", line, lambda: list(self._sqlite.read(stream)), (CodecError,))

    def _open_stores(self, path: Path, text: bytes) -> None:
        copy = self.workdir / "store.jsonl"
        shutil.copyfile(path, copy)

        def open_jsonl() -> None:
            with JsonlStore(copy) as store:
                list(store.read_all())

        self._try("JsonlStore()", text, open_jsonl, (StoreError,))
        not_a_database = self.workdir / "not-a-database.sqlite"
        shutil.copyfile(path, not_a_database)

        def open_sqlite() -> None:
            store = SqliteStore(not_a_database)
            try:
                list(store.read_all())
            finally:
                store.close()

        self._try("SqliteStore()", text, open_sqlite, (StoreError, CodecError))
        for leftover in self.workdir.glob("not-a-database.sqlite*"):
            leftover.unlink()

    def _commands(self, path: Path, lines: Sequence[bytes], text: bytes) -> None:
        if self.cli_runs % 10 == 0:  # a file name that is not UTF-8, as Linux allows
            named = path.with_name("log-\udcff.jsonl")
            shutil.copyfile(path, named)
            path = named
        log = str(path)
        match = _a_match_id(lines)
        commands = [
            ["validate", log],
            ["validate", log, "--format", "json"],
            ["replay", log],
            ["replay", log, "--format", "json"],
            ["replay", log, "--format", "csv", "--only", "table"],
            ["replay", log, "--until", "2024-05-01"],
            ["show", log, match],
            ["show", log, match, "--format", "json"],
        ]
        if self.parallel_every and self.cli_runs % self.parallel_every == 0:
            commands.append(["replay", log, "--workers", "2", "-q"])
        for argv in commands:
            options = [word for word in argv[2:] if word.startswith("-") or word in _VALUES]
            self._try(" ".join(["matchevents", argv[0], *options]), text, _cli(argv))


_VALUES: Final = frozenset({"json", "csv", "table", "2", "2024-05-01"})


def _a_match_id(lines: Sequence[bytes]) -> str:
    for line in lines:
        with contextlib.suppress(ValueError, RecursionError):
            obj = json.loads(line)
            if type(obj) is dict and type(obj.get("match_id")) is str:
                return str(obj["match_id"])
    return "fz"


class CommandFailed(Exception):
    """The command exited with a status it does not document, or printed a traceback."""


def _cli(argv: list[str]) -> Callable[[], None]:
    def run() -> None:
        # A terminal's streams as Python opens them: standard output UTF-8 and strict (text
        # that is not, such as a lone surrogate, fails), standard error with backslashes.
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
        status = cli_main(argv, out, err)
        err.flush()
        printed = err.buffer.getvalue().decode()  # type: ignore[attr-defined]
        if status not in (0, 1, 2) or "Traceback" in printed:
            raise CommandFailed(f"exit status {status}: {printed[-300:]}")

    return run


# -- the long run ---------------------------------------------------------------------------------
def run(inputs: int, seed: int, *, cli_every: int, parallel_every: int) -> int:
    """Fuzz logs until ``inputs`` broken lines have been read; print the counts and findings."""
    rng = random.Random(seed)
    started = time.perf_counter()
    seen: dict[tuple[str, str, str], tuple[int, Finding]] = {}
    with tempfile.TemporaryDirectory(prefix="fuzz-codec-") as directory:
        prober = Prober(Path(directory), parallel_every=parallel_every)
        try:
            while prober.inputs < inputs:
                prober.cli = cli_every > 0 and prober.logs % cli_every == 0
                for finding in prober.probe(fuzz_log(rng)):
                    count, first = seen.get(finding.kind, (0, finding))
                    if len(finding.sample) < len(first.sample):
                        first = finding
                    seen[finding.kind] = (count + 1, first)
                if prober.logs % 500 == 0:
                    elapsed = time.perf_counter() - started
                    print(
                        f"  {prober.inputs:,} inputs in {prober.logs:,} logs, "
                        f"{len(seen)} kinds of finding ({elapsed:.0f} s)",
                        file=sys.stderr,
                    )
        finally:
            prober.close()
    elapsed = time.perf_counter() - started
    print(
        f"backend {JSON_BACKEND}: {prober.inputs:,} inputs (broken lines) among "
        f"{prober.lines:,} lines in {prober.logs:,} logs (seed {seed}), the command run on "
        f"{prober.cli_runs:,} of them, in {elapsed:.0f} s: {len(seen)} kinds of finding"
    )
    for target in dict.fromkeys(target for target, _ in prober.outcomes):
        counts = [(what, n) for (name, what), n in prober.outcomes.items() if name == target]
        print(f"  {target}: " + ", ".join(f"{what} {n:,}" for what, n in sorted(counts)))
    for count, finding in seen.values():
        print(f"- {count} times: {finding}")
    known = {finding.kind: finding for finding in prober.known}
    for finding in known.values():
        print(f"- known (does not fail the run): {finding}")
    return 1 if seen else 0


def _each_backend(argv: list[str], backends: Sequence[str]) -> int:
    status = 0
    for backend in backends:
        env = {**os.environ, "MATCHEVENTS_JSON_BACKEND": backend}
        ran = subprocess.run([sys.executable, __file__, *argv, "--backend", backend], env=env)
        status = max(status, ran.returncode)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--inputs", type=int, default=100_000, help="broken lines to read per backend"
    )
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--backend", choices=("both", "json", "orjson"), default="both")
    parser.add_argument(
        "--cli-every", type=int, default=4, help="run the command on every Nth log (0: never)"
    )
    parser.add_argument(
        "--parallel-every", type=int, default=50, help="replay --workers 2 on every Nth of those"
    )
    args = parser.parse_args(argv)
    if args.backend == os.environ.get("MATCHEVENTS_JSON_BACKEND") != JSON_BACKEND:
        parser.error(f"asked for {args.backend}, but the codec chose {JSON_BACKEND}")
    if args.backend != JSON_BACKEND:  # each backend in a process of its own
        rest = [f"--inputs={args.inputs}", f"--seed={args.seed}", f"--cli-every={args.cli_every}"]
        rest.append(f"--parallel-every={args.parallel_every}")
        backends = ("json", "orjson") if args.backend == "both" else (args.backend,)
        return _each_backend(rest, backends)
    return run(args.inputs, args.seed, cli_every=args.cli_every, parallel_every=args.parallel_every)


if __name__ == "__main__":
    sys.exit(main())
