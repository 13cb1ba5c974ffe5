"""Competition rules as values: points, table tie-breakers, and how two-legged ties are decided.

The rules of a competition change between eras (the Premier League added head-to-head in 2019-20,
UEFA dropped the away goals rule in 2021-22), so they are data, not code paths: a
:class:`CompetitionRules` value names its points, its ordered tie-breakers and its tie rules, and
the read models (:mod:`~matchevents.competitions.table`, :mod:`~matchevents.competitions.ties`)
follow whatever value they are given. The named presets below encode real regulations, each
citing its source; users build their own the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs

from matchevents.errors import InvalidValueError
from matchevents.formats import AwayGoals, MatchFormat
from matchevents.score import Score


class Criterion(enum.Enum):
    """One step of a table's ordering. Higher is better for every criterion.

    ``HEAD_TO_HEAD_*`` criteria are computed over the matches between the teams still level when
    the step is reached (a mini-table); ``OPPONENTS_*`` over the whole records of each team's
    opponents (UEFA's league phase).
    """

    POINTS = "points"
    GOAL_DIFFERENCE = "goal_difference"
    GOALS_FOR = "goals_for"
    AWAY_GOALS_FOR = "away_goals_for"
    """Goals scored in away matches."""
    WINS = "wins"
    AWAY_WINS = "away_wins"
    HEAD_TO_HEAD_POINTS = "head_to_head_points"
    HEAD_TO_HEAD_GOAL_DIFFERENCE = "head_to_head_goal_difference"
    HEAD_TO_HEAD_GOALS_FOR = "head_to_head_goals_for"
    HEAD_TO_HEAD_AWAY_GOALS_FOR = "head_to_head_away_goals_for"
    """Goals scored away from home in the matches between the teams level."""
    HEAD_TO_HEAD_REAPPLIED = "head_to_head_reapplied"
    """UEFA's step: if the head-to-head criteria before this one separated some but not all of
    the teams level, apply them again to the matches between the teams still level only."""
    OPPONENTS_POINTS = "opponents_points"
    """Points obtained in all by the team's opponents (UEFA league phase from 2024-25)."""
    OPPONENTS_GOAL_DIFFERENCE = "opponents_goal_difference"
    OPPONENTS_GOALS_FOR = "opponents_goals_for"

    @property
    def is_head_to_head(self) -> bool:
        """True for the criteria computed over the matches between the teams level."""
        return self.value.startswith("head_to_head")


@attrs.frozen(slots=True)
class PointsScheme:
    """Points for a win, a draw and a loss."""

    win: int = 3
    draw: int = 1
    loss: int = 0

    def __attrs_post_init__(self) -> None:
        for name in ("win", "draw", "loss"):
            if type(getattr(self, name)) is not int:
                raise InvalidValueError(f"points for a {name} must be an int")
        if not self.win >= self.draw >= self.loss:
            raise InvalidValueError(
                f"a win must be worth at least a draw and a draw at least a loss, got "
                f"{self.win}/{self.draw}/{self.loss}"
            )

    def points(self, won: int, drawn: int, lost: int) -> int:
        """The points of a record of ``won`` wins, ``drawn`` draws and ``lost`` defeats."""
        return self.win * won + self.draw * drawn + self.loss * lost


THREE_POINTS_FOR_A_WIN: Final = PointsScheme(3, 1, 0)
"""3 points for a win, 1 for a draw (FIFA's recommendation since 1995; everywhere in Europe)."""
TWO_POINTS_FOR_A_WIN: Final = PointsScheme(2, 1, 0)
"""2 points for a win, 1 for a draw (most leagues before the 1980s and 1990s)."""


@attrs.frozen(slots=True)
class TieRules:
    """How a knockout tie is decided: the away goals rule, extra time and penalties.

    Attributes:
        away_goals: whether away goals break a level aggregate, and whether those of extra time
            count.
        extra_time: whether a level tie (or final) goes to extra time.
        shootout: whether a tie still level then is decided by a penalty shoot-out.
    """

    away_goals: AwayGoals = AwayGoals.NOT_APPLIED
    extra_time: bool = True
    shootout: bool = True

    def first_leg_format(self) -> MatchFormat:
        """The format of a first leg (never extra time, whatever the rules)."""
        return MatchFormat.first_leg_of_tie()

    def second_leg_format(self, first_leg: Score) -> MatchFormat:
        """The format of the second leg after a first leg that ended ``first_leg`` (written as
        that match was, its home side first), so that the timeline decides extra time and the
        shoot-out exactly as the tie projection does."""
        return MatchFormat.second_leg_of_tie(
            first_leg,
            away_goals=self.away_goals,
            extra_time=self.extra_time,
            shootout=self.shootout,
        )

    def single_match_format(self) -> MatchFormat:
        """The format of a tie played as one match (a final): no away goals."""
        return MatchFormat.knockout(extra_time=self.extra_time, shootout=self.shootout)


def _criteria(criteria: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(criteria)


@attrs.frozen(slots=True, kw_only=True)
class CompetitionRules:
    """The rules a competition's read models follow.

    Attributes:
        name: a human name, e.g. ``"Premier League (from 2019-20)"``.
        points: points for a win, a draw and a loss.
        tie_breakers: the table's ordering, first criterion first (normally
            :attr:`Criterion.POINTS`).
        shared_positions: True where teams level on every criterion share a position (an
            ordinary table during the season); False where the regulations then decide by
            something outside the results (a play-off, fair play, a coefficient, lots), in which
            case the table lists the teams still level in name order and marks them unresolved.
        when_level: what the regulations do after the last criterion, in words.
        ties: how knockout ties are decided, for competitions that have them.
        source: where the rules come from.
    """

    name: str
    points: PointsScheme = THREE_POINTS_FOR_A_WIN
    tie_breakers: tuple[Criterion, ...] = attrs.field(converter=_criteria)
    shared_positions: bool = False
    when_level: str = ""
    ties: TieRules | None = None
    source: str = ""

    def __attrs_post_init__(self) -> None:
        breakers = self.tie_breakers
        if len(set(breakers)) != len(breakers):
            raise InvalidValueError(f"{self.name}: a tie-breaker is listed twice")
        if not all(isinstance(c, Criterion) for c in breakers):
            raise InvalidValueError(f"{self.name}: tie-breakers must be Criterion members")
        if Criterion.HEAD_TO_HEAD_REAPPLIED in breakers:
            at = breakers.index(Criterion.HEAD_TO_HEAD_REAPPLIED)
            if not any(c.is_head_to_head for c in breakers[:at]):
                raise InvalidValueError(
                    f"{self.name}: HEAD_TO_HEAD_REAPPLIED must follow head-to-head criteria"
                )


_C = Criterion
UEFA_KNOCKOUT_SOURCE: Final = (
    "UEFA Champions League / Europa League regulations, 'knockout phase'; on 24 June 2021 "
    "UEFA's Executive Committee abolished the away goals rule for all UEFA club competitions "
    "from 2021-22"
)
"""Where the UEFA knockout tie rules come from."""

PREMIER_LEAGUE: Final = CompetitionRules(
    name="Premier League (from 2019-20)",
    tie_breakers=(
        _C.POINTS,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
        _C.HEAD_TO_HEAD_POINTS,
        _C.HEAD_TO_HEAD_AWAY_GOALS_FOR,
    ),
    shared_positions=True,
    when_level=(
        "clubs still level share the position, unless the title, relegation or qualification "
        "for another competition is at stake: then a play-off at a neutral ground"
    ),
    source=(
        "Premier League Handbook, Section C (League table), rule C.17, as amended for 2019-20: "
        "points, goal difference, goals scored, then points and away goals in the matches "
        "between the clubs concerned, then a play-off"
    ),
)
"""Premier League: points, goal difference, goals scored, then head-to-head points and away
goals (introduced 2019-20; before that, a play-off followed goals scored)."""

SERIE_A: Final = CompetitionRules(
    name="Serie A (from 2022-23)",
    tie_breakers=(
        _C.POINTS,
        _C.HEAD_TO_HEAD_POINTS,
        _C.HEAD_TO_HEAD_GOAL_DIFFERENCE,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
    ),
    when_level=(
        "a play-off (spareggio) for the title or relegation; otherwise the drawing of lots"
    ),
    source=(
        "Lega Serie A, regolamento: classifica avulsa (points, then goal difference in the "
        "matches between the clubs level), then overall goal difference and goals scored; from "
        "2022-23 a play-off decides the title and relegation"
    ),
)
"""Serie A: points, then the head-to-head mini-table (points, goal difference), then overall
goal difference and goals scored."""

LA_LIGA: Final = CompetitionRules(
    name="La Liga",
    tie_breakers=(
        _C.POINTS,
        _C.HEAD_TO_HEAD_POINTS,
        _C.HEAD_TO_HEAD_GOAL_DIFFERENCE,
        _C.HEAD_TO_HEAD_GOALS_FOR,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
    ),
    when_level="the fair play table, then the drawing of lots",
    source=(
        "RFEF Reglamento General, article 201: points; between clubs level, the points, goal "
        "difference and (for more than two clubs) goals of the matches between them; then "
        "overall goal difference, goals scored, and the fair play ranking"
    ),
)
"""La Liga: points, the head-to-head mini-table (points, goal difference, goals), then overall
goal difference and goals scored."""

BUNDESLIGA: Final = CompetitionRules(
    name="Bundesliga",
    tie_breakers=(
        _C.POINTS,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
        _C.HEAD_TO_HEAD_POINTS,
        _C.HEAD_TO_HEAD_AWAY_GOALS_FOR,
        _C.AWAY_GOALS_FOR,
    ),
    shared_positions=True,
    when_level="a play-off where the position decides anything; otherwise shared",
    source=(
        "DFL Spielordnung, section 5 (ranking): points, goal difference, goals scored, "
        "head-to-head points, head-to-head away goals, away goals in all matches, then a "
        "play-off on neutral ground"
    ),
)
"""Bundesliga: points, goal difference, goals scored, head-to-head points and away goals, away
goals overall."""

UEFA_KNOCKOUT_UNTIL_2021: Final = TieRules(away_goals=AwayGoals.INCLUDING_EXTRA_TIME)
"""UEFA club competitions' two-legged ties until 2020-21: the away goals rule, counting away
goals scored in extra time too; then penalties (see :data:`UEFA_KNOCKOUT_SOURCE`)."""

UEFA_KNOCKOUT_FROM_2021: Final = TieRules(away_goals=AwayGoals.NOT_APPLIED)
"""UEFA club competitions' two-legged ties from 2021-22: a level aggregate goes to extra time
and then penalties; no away goals (see :data:`UEFA_KNOCKOUT_SOURCE`)."""

UEFA_GROUP_STAGE_UNTIL_2021: Final = CompetitionRules(
    name="UEFA club competitions group stage (until 2020-21)",
    tie_breakers=(
        _C.POINTS,
        _C.HEAD_TO_HEAD_POINTS,
        _C.HEAD_TO_HEAD_GOAL_DIFFERENCE,
        _C.HEAD_TO_HEAD_GOALS_FOR,
        _C.HEAD_TO_HEAD_AWAY_GOALS_FOR,
        _C.HEAD_TO_HEAD_REAPPLIED,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
        _C.AWAY_GOALS_FOR,
        _C.WINS,
        _C.AWAY_WINS,
    ),
    when_level="disciplinary points, then the UEFA club coefficient",
    ties=UEFA_KNOCKOUT_UNTIL_2021,
    source=(
        "UEFA Champions League Regulations 2018-21, 'equality of points - group stage': "
        "criteria a) to d) over the matches between the teams concerned (points, goal "
        "difference, goals, away goals), e) reapplied to the teams still level, then overall "
        "goal difference, goals, away goals, wins, away wins, disciplinary points, coefficient"
    ),
)
"""UEFA group stage until 2020-21: head-to-head first, with head-to-head away goals."""

UEFA_GROUP_STAGE: Final = CompetitionRules(
    name="UEFA club competitions group stage (2021-22 to 2023-24)",
    tie_breakers=(
        _C.POINTS,
        _C.HEAD_TO_HEAD_POINTS,
        _C.HEAD_TO_HEAD_GOAL_DIFFERENCE,
        _C.HEAD_TO_HEAD_GOALS_FOR,
        _C.HEAD_TO_HEAD_REAPPLIED,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
        _C.AWAY_GOALS_FOR,
        _C.WINS,
        _C.AWAY_WINS,
    ),
    when_level="disciplinary points, then the UEFA club coefficient",
    ties=UEFA_KNOCKOUT_FROM_2021,
    source=(
        "UEFA Champions League Regulations 2021-24, 'equality of points - group stage': "
        "points, goal difference and goals in the matches between the teams concerned, "
        "reapplied to the teams still level, then overall goal difference, goals, away goals, "
        "wins, away wins, disciplinary points, coefficient (head-to-head away goals dropped)"
    ),
)
"""UEFA group stage from 2021-22 (the last group stage was 2023-24): head-to-head first."""

UEFA_LEAGUE_PHASE: Final = CompetitionRules(
    name="UEFA club competitions league phase (from 2024-25)",
    tie_breakers=(
        _C.POINTS,
        _C.GOAL_DIFFERENCE,
        _C.GOALS_FOR,
        _C.AWAY_GOALS_FOR,
        _C.WINS,
        _C.AWAY_WINS,
        _C.OPPONENTS_POINTS,
        _C.OPPONENTS_GOAL_DIFFERENCE,
        _C.OPPONENTS_GOALS_FOR,
    ),
    when_level="disciplinary points, then the UEFA club coefficient",
    ties=UEFA_KNOCKOUT_FROM_2021,
    source=(
        "UEFA Champions League Regulations 2024-27, 'equality of points - league phase': goal "
        "difference, goals scored, away goals, wins, away wins, then the points, goal difference "
        "and goals of the league phase opponents, disciplinary points, coefficient; no "
        "head-to-head (teams level need not have met)"
    ),
)
"""UEFA league phase from 2024-25: one table of 36, no head-to-head."""

PRESETS: Final[dict[str, CompetitionRules]] = {
    "premier-league": PREMIER_LEAGUE,
    "serie-a": SERIE_A,
    "la-liga": LA_LIGA,
    "bundesliga": BUNDESLIGA,
    "uefa-group-stage-until-2021": UEFA_GROUP_STAGE_UNTIL_2021,
    "uefa-group-stage": UEFA_GROUP_STAGE,
    "uefa-league-phase": UEFA_LEAGUE_PHASE,
}
"""The named rule sets of league competitions, by a stable key."""
