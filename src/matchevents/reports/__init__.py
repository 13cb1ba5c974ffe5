"""What the ``matchevents`` command prints, as values: the application layer between the library
and the command line.

- :func:`build_report` replays a log into a :class:`Report`: every match's result, every tie
  (:func:`pair_ties`), every league and group table (:func:`league_tables`, ranked by
  :func:`rules_for` a competition's season) and the log's bad lines (``matchevents replay``).
- :func:`report_of` gives the same report of a results state kept current by a runner
  (``matchevents follow``, :mod:`matchevents.live`).
- :func:`validate_log` checks every line of a log (``matchevents validate``).
- :func:`find_match` and :func:`match_report` give one match's timeline (``matchevents show``).
- :func:`team_results`, :func:`find_team` (with :func:`find_competition` and
  :func:`closest_names`) and :func:`team_report` give one club's records, streaks, form and
  head-to-head across competitions (``matchevents team``).
- :func:`result_rows`, :func:`tie_rows`, :func:`table_rows`, :func:`timeline_rows`,
  :func:`record_rows`, :func:`streak_rows` (and :func:`team_json`) and :func:`problem_rows` flatten
  them into rows for CSV and JSON, and :func:`to_dataframe` makes a
  pandas or polars DataFrame of rows for a notebook.
- :mod:`matchevents.reports.text` lays them out as text for people.

Equivalent to what the command prints::

    report = build_report("season.jsonl")
    rows = result_rows(report.results)  # replay --format csv
"""

from matchevents.reports.describe import describe, match_title, result_text
from matchevents.reports.match import MatchLookup, MatchReport, find_match, match_report
from matchevents.reports.replay import PROGRESS_EVERY, Report, build_report, report_of
from matchevents.reports.rows import (
    problem_rows,
    record_rows,
    result_rows,
    streak_rows,
    table_rows,
    team_json,
    tie_rows,
    timeline_rows,
    to_dataframe,
)
from matchevents.reports.tables import DEFAULT_RULES, TableReport, league_tables, rules_for
from matchevents.reports.team import (
    STREAK_KINDS,
    HeadToHeadReport,
    RunReport,
    StreakReport,
    TeamLookup,
    TeamReport,
    TeamResults,
    closest_names,
    find_competition,
    find_team,
    team_report,
    team_results,
)
from matchevents.reports.ties import TieReport, pair_ties
from matchevents.reports.validation import (
    ValidationReport,
    after_bad_lines,
    nothing_read,
    problem_message,
    validate_log,
)

__all__ = [
    "DEFAULT_RULES",
    "PROGRESS_EVERY",
    "STREAK_KINDS",
    "HeadToHeadReport",
    "MatchLookup",
    "MatchReport",
    "Report",
    "RunReport",
    "StreakReport",
    "TableReport",
    "TeamLookup",
    "TeamReport",
    "TeamResults",
    "TieReport",
    "ValidationReport",
    "after_bad_lines",
    "build_report",
    "closest_names",
    "describe",
    "find_competition",
    "find_match",
    "find_team",
    "league_tables",
    "match_report",
    "match_title",
    "nothing_read",
    "pair_ties",
    "problem_message",
    "problem_rows",
    "record_rows",
    "report_of",
    "result_rows",
    "result_text",
    "rules_for",
    "streak_rows",
    "table_rows",
    "team_json",
    "team_report",
    "team_results",
    "tie_rows",
    "timeline_rows",
    "to_dataframe",
    "validate_log",
]
