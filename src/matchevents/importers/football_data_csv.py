"""football-data.co.uk CSV results: one row per match, half-time and full-time goals, card counts.

The columns read (the Premier League layout; others are ignored)::

    Date, [Time,] HomeTeam, AwayTeam, FTHG, FTAG, FTR, HTHG, HTAG, HTR, [HY, AY, HR, AR]

``FTR``/``HTR`` (H, D or A) are checked against the goals. Card columns are counts without
players or minutes, so they are kept as :class:`~matchevents.importers.report.CardCounts` beside
the match rather than invented as card events. The files name neither competition nor season;
both are inferred from a file name such as ``premier-league.season-2324.csv`` or must be given.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

from matchevents.competitions.rulesets import TieRules
from matchevents.errors import ImportSourceError
from matchevents.importers.records import MatchRecord
from matchevents.importers.report import (
    CardCounts,
    ImportProblem,
    ImportResult,
    OnError,
    Problem,
)
from matchevents.importers.source import check_format, finish_import
from matchevents.score import Score
from matchevents.teams import ClubRegistry

_REQUIRED: Final = ("Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG")
# Columns that go together: one without the other is a layout the reader does not know, not a
# file of rows that each leave a cell empty.
_PAIRS: Final = (("HTHG", "HTAG"), ("HY", "AY"), ("HR", "AR"))
_NAMED_BY: Final = (
    "football-data.co.uk CSVs name neither; a file name such as premier-league.season-2324.csv "
    "names both"
)
_DATE_FORMATS: Final = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y")
_FILE_NAME: Final = re.compile(
    r"^(?P<competition>[a-z0-9-]+?)[._-]season[._-](?P<a>\d{2})(?P<b>\d{2})$"
)
_KNOWN_COMPETITIONS: Final = {"premier-league": "Premier League"}
_RESULT: Final = {"H": "home win", "D": "draw", "A": "away win"}


class _Unreadable(Exception):
    def __init__(self, problem: Problem, detail: str) -> None:
        self.problem = problem
        self.detail = detail


def import_football_data_csv(
    path: str | Path,
    *,
    competition: str | None = None,
    season: str | None = None,
    ties: TieRules | None = None,
    teams: ClubRegistry | None = None,
    source_names: bool = False,
    strict_teams: bool = False,
    aliases: ClubRegistry | None = None,
    on_error: OnError = OnError.SKIP,
) -> ImportResult:
    """Import a football-data.co.uk results CSV as validated match events (league matches).

    Args:
        path: the file.
        competition: the competition's name; inferred only from a known file name
            (``premier-league.season-2324.csv`` is the Premier League).
        season: the season; inferred from ``season-2324`` in the file name.
        ties: unused by league matches; accepted so every importer takes the same options.
        teams: the club registry that names the teams (by default the bundled one,
            :func:`~matchevents.teams.bundled_clubs`): the events carry canonical names, and
            the match id is made of them.
        source_names: keep the teams' names as the file writes them in the events (the match id
            is still made of the canonical names).
        strict_teams: refuse a match naming a team the registry names no single club by
            (``unknown-club``, ``ambiguous-club``), instead of importing it as written and
            listing the name in :attr:`~matchevents.importers.report.ImportResult.unknown_teams`.
        aliases: deprecated: the same as ``teams``.
        on_error: stop at the first bad record, or skip bad matches and report them all.

    Raises:
        ImportSourceError: the file cannot be read as CSV, lacks a required column, or the
            competition or season can be neither given nor inferred.
        BadRecordError: ``on_error`` is ``OnError.STOP`` and a record is bad.
    """
    items = read_football_data_csv(path)
    title = _title_from_name(Path(path))
    return finish_import(
        path,
        items,
        title=title,
        named_by=_NAMED_BY,
        competition=competition,
        season=season,
        ties=ties,
        on_error=on_error,
        teams=teams,
        source_names=source_names,
        strict_teams=strict_teams,
        aliases=aliases,
    )


def _title_from_name(path: Path) -> str | None:
    found = _FILE_NAME.match(path.stem)
    if found is None:
        return None
    name = _KNOWN_COMPETITIONS.get(found["competition"], found["competition"])
    return f"{name} 20{found['a']}/{found['b']}"


def read_football_data_csv(path: str | Path) -> list[MatchRecord | ImportProblem]:
    """The file's rows as match records, or as problems where a row cannot be read.

    Raises:
        ImportSourceError: the file cannot be read, lacks a required column, or has one column
            of a pair without the other (``HTHG`` without ``HTAG``, ``HY`` without ``AY``, ...).
    """
    file = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = reader.fieldnames or ()
        missing = [name for name in _REQUIRED if name not in columns]
        if missing:
            check_format(file, text, "football-data-csv")
            raise ImportSourceError(
                f"{file}: not a football-data.co.uk results file: no column " + ", ".join(missing)
            )
        for pair in _PAIRS:
            present = [name for name in pair if name in columns]
            if len(present) == 1:
                (absent,) = set(pair) - set(present)
                raise ImportSourceError(
                    f"{file}: no column {absent}, though there is {present[0]}: the two go "
                    "together (a file has both or neither)"
                )
        return [
            _record(file, number, reader.line_num, row)
            for number, row in enumerate(reader, start=1)
        ]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportSourceError(f"{file}: cannot read as CSV: {error}") from None


def _record(
    file: str, number: int, line: int, row: dict[str, str | None]
) -> MatchRecord | ImportProblem:
    home = (row.get("HomeTeam") or "").strip() or None
    away = (row.get("AwayTeam") or "").strip() or None
    day: date | None = None
    try:
        day = _date(row.get("Date"))
        if home is None or away is None:
            raise _Unreadable(Problem.UNPARSABLE, "HomeTeam and AwayTeam must be team names")
        ft = _score(row, "FTHG", "FTAG")
        ht = _score(row, "HTHG", "HTAG")
        if ft is None:
            raise _Unreadable(Problem.MISSING_SCORE, "no full-time score (FTHG, FTAG)")
        _check_result(row, "FTR", ft)
        if ht is not None:
            _check_result(row, "HTR", ht)
        return MatchRecord(
            file=file,
            line=line,
            record=number,
            date=day,
            time=_time(row.get("Time")),
            home=home,
            away=away,
            ht=ht,
            ft=ft,
            cards=_cards(row),
        )
    except _Unreadable as unreadable:
        return ImportProblem(
            file=file,
            line=line,
            record=number,
            date=day,
            home=home,
            away=away,
            problem=unreadable.problem,
            detail=unreadable.detail,
        )


def _date(value: str | None) -> date:
    text = (value or "").strip()
    for layout in _DATE_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise _Unreadable(Problem.INVALID_DATE, f"not a date: {text!r}")


def _time(value: str | None) -> time | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise _Unreadable(Problem.UNPARSABLE, f"not a kick-off time: {text!r}") from None


def _count(row: dict[str, str | None], column: str) -> int | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise _Unreadable(Problem.UNPARSABLE, f"{column} is not a count: {text!r}")
    return int(text)


def _score(row: dict[str, str | None], home_column: str, away_column: str) -> Score | None:
    home, away = _count(row, home_column), _count(row, away_column)
    if home is None and away is None:
        return None
    if home is None or away is None:
        raise _Unreadable(
            Problem.MISSING_SCORE,
            f"{home_column if home is None else away_column} is empty but "
            f"{away_column if home is None else home_column} is not",
        )
    return Score(home, away)


def _check_result(row: dict[str, str | None], column: str, score: Score) -> None:
    letter = (row.get(column) or "").strip()
    if not letter:
        return
    expected = "D" if score.is_level else "H" if score.home > score.away else "A"
    if letter not in _RESULT:
        raise _Unreadable(Problem.UNPARSABLE, f"{column} is not H, D or A: {letter!r}")
    if letter != expected:
        raise _Unreadable(
            Problem.RESULT_CONTRADICTS_SCORE,
            f"{column} says {_RESULT[letter]} ({letter}) but the score is {score}",
        )


def _cards(row: dict[str, str | None]) -> CardCounts | None:
    columns = ("HY", "AY", "HR", "AR")
    counts = [_count(row, column) for column in columns]
    if any(count is None for count in counts):
        return None
    home_yellow, away_yellow, home_red, away_red = (count or 0 for count in counts)
    return CardCounts(
        home_yellow=home_yellow, away_yellow=away_yellow, home_red=home_red, away_red=away_red
    )
