"""Whatever a record holds, the importers report it or import it: they never crash on a record,
and every record of a file is accounted for (imported or rejected)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from matchevents import MatchAbandoned, MatchAwarded, Score, Timeline
from matchevents.importers import (
    ImportResult,
    import_football_data_csv,
    import_football_txt,
    import_openfootball_json,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 130) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
pairs = st.lists(st.integers(0, 6), min_size=2, max_size=2)
scores = st.fixed_dictionaries(
    {},
    optional={"ht": pairs | json_values, "ft": pairs | json_values, "et": pairs, "p": pairs},
)
goals = st.lists(
    st.fixed_dictionaries(
        {"name": st.text(max_size=5), "minute": st.integers(-2, 125) | json_values},
        optional={"offset": st.integers(0, 12), "penalty": st.booleans(), "owngoal": st.booleans()},
    ),
    max_size=4,
)
matches = st.fixed_dictionaries(
    {
        "round": st.sampled_from(["Group A", "Round of 16", "Final", "Matchday 3"]) | json_values,
        "date": st.sampled_from(["2024-02-13", "2024-02-20", "2024-02-30", "13/02/2024"]),
        "team1": st.sampled_from(["Alpha", "Beta", {"name": "Gamma"}]) | json_values,
        "team2": st.sampled_from(["Alpha", "Beta", "Delta"]),
        "score": scores | json_values,
    },
    optional={"goals1": goals | json_values, "goals2": goals, "time": st.text(max_size=12)},
)


@st.composite
def plausible_matches(draw: st.DrawFn) -> dict[str, object]:
    """A match a source could well hold: consistent scores, sometimes with extra time, penalties
    and a goal list, in a group or a knockout round."""
    goals_ = st.integers(0, 3)
    ht = [draw(goals_), draw(goals_)]
    ft = [ht[0] + draw(goals_), ht[1] + draw(goals_)]
    score: dict[str, list[int]] = {"ht": ht, "ft": ft}
    if ft[0] == ft[1] and draw(st.booleans()):
        score["et"] = [ft[0] + draw(st.integers(0, 1)), ft[1] + draw(st.integers(0, 1))]
        if score["et"][0] == score["et"][1]:
            score["p"] = [draw(st.integers(0, 6)), draw(st.integers(0, 6))]
    teams = draw(st.permutations(["Alpha", "Beta", "Gamma", "Delta"]))
    match: dict[str, object] = {
        "round": draw(st.sampled_from(["Group A", "Round of 16", "Final"])),
        "date": draw(st.sampled_from(["2024-02-13", "2024-02-20", "2024-03-05"])),
        "team1": teams[0],
        "team2": teams[1],
        "score": score,
    }
    if draw(st.booleans()):
        final = score.get("et", ft)
        match["goals1"] = [{"name": "A", "minute": 10 + 20 * i} for i in range(final[0])]
        match["goals2"] = [{"name": "B", "minute": 50 + 15 * i} for i in range(final[1])]
    return match


@contextlib.contextmanager
def written(suffix: str, text: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"source{suffix}"
        path.write_text(text, encoding="utf-8")
        yield path


def all_accounted(result: ImportResult, records: int) -> None:
    assert result.imported + result.rejected == records
    for match in result.matches:
        assert Timeline.from_events(match.events).is_over


@given(st.lists(plausible_matches() | matches | json_values, max_size=6))
def test_any_football_json_matches_are_imported_or_reported(raw: list[object]) -> None:
    with written(".json", json.dumps({"name": "Any Cup 2023/24", "matches": raw})) as path:
        all_accounted(import_openfootball_json(path), len(raw))


line_parts = st.sampled_from(
    [
        "Alpha FC",
        "Beta",
        " v ",
        "  ",
        "2-1",
        "(1-0)",
        "a.e.t.",
        "pen.",
        "3-3",
        "(1-1, 0-0)",
        "21.00",
        "abd",
        "[note]",
        "[awarded 0-3]",
        "[awarded 3-0 to Alpha]",
        "[abandoned at 1-0]",
        "@ Ground",
        "x",
    ]
)
lines = st.lists(line_parts, min_size=1, max_size=7).map(lambda parts: "  " + " ".join(parts))


@given(st.lists(lines, max_size=8))
def test_any_football_txt_lines_are_imported_or_reported(body: list[str]) -> None:
    """Every line is imported or reported, and a line's note is never dropped: a match imported
    from a line with a note is the abandonment or the award the note tells of (a note the
    reader does not understand, "[note]", makes the line a reported problem)."""
    text = "= Any Cup 2023/24\n» Round of 16\n  Tue Feb/13 2024\n" + "\n".join(body)
    with written(".txt", text) as path:
        result = import_football_txt(path)
    for match in result.matches:
        assert Timeline.from_events(match.events).is_over
        assert match.line is not None
        line = body[match.line - 4]
        if "[" in line:
            told = {type(event) for event in match.events} & {MatchAbandoned, MatchAwarded}
            assert told, f"the note of {line!r} was dropped"
    assert result.imported + result.rejected == sum(1 for line in body if line.strip())


def test_a_note_the_reader_does_not_understand_is_reported_not_dropped() -> None:
    text = (
        "= Any Cup 2023/24\n» Group A\n  Tue Feb/13 2024\n"
        "    Alpha FC v Beta FC  2-1 [replayed after a protest]\n"
        "    Gamma FC v Delta FC  2-1 [awarded 0-3 to Delta]\n"
    )
    with written(".txt", text) as path:
        result = import_football_txt(path)
    [problem] = result.problems
    assert (problem.line, problem.home, problem.problem.value) == (4, "Alpha FC", "unread-note")
    assert "[replayed after a protest]" in problem.detail
    [awarded] = result.matches
    assert awarded.awarded == Score(0, 3)


def test_a_team_listed_as_both_sides_is_reported() -> None:
    text = "= Any Cup 2023/24\n» Group A\n  Tue Feb/13 2024\n    Alpha FC v Alpha FC  2-1\n"
    with written(".txt", text) as path:
        result = import_football_txt(path)
    [problem] = result.problems
    assert (problem.line, problem.problem.value) == (4, "same-team")
    assert "'Alpha FC' is listed as both teams" in problem.detail
    assert result.matches == ()


cells = st.sampled_from(["", "0", "1", "3", "x", "-1", "H", "D", "A"])


@given(st.lists(st.tuples(cells, cells, cells, cells, cells, cells), max_size=6))
def test_any_football_data_rows_are_imported_or_reported(rows: list[tuple[str, ...]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG", "FTR", "HTHG", "HTAG", "HTR"])
    for number, row in enumerate(rows):
        writer.writerow([f"2023-08-{10 + number}", "Alpha", "Beta", *row])
    with written(".csv", out.getvalue()) as path:
        result = import_football_data_csv(path, competition="Any League", season="2023-24")
    all_accounted(result, len(rows))
