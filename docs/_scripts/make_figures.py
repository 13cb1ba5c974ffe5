"""Draw the documentation's figures into docs/assets/ (kept out of the site: docs/_scripts).

Run ``python docs/_scripts/make_figures.py`` after changing the plotting code or a tutorial that a
figure shows. Each figure is drawn from the events a tutorial page builds: the page's own
```python blocks are run (in order, printing nothing), so the picture and the page tell the same
match.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from matchevents import Timeline
from matchevents.plotting import plot_score_timeline

DOCS = Path(__file__).resolve().parents[1]
ASSETS = DOCS / "assets"
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def timeline_of(page: str, name: str) -> Timeline:
    """Run the python blocks of ``docs/<page>`` and return its timeline called ``name``."""
    namespace: dict[str, object] = {"__name__": "figure_source"}
    text = (DOCS / page).read_text(encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        for code in _PYTHON_BLOCK.findall(text):
            if "plot_score_timeline" in code:
                break  # the page's own plotting block draws into a temporary directory
            exec(compile(code, page, "exec"), namespace)
    timeline = namespace[name]
    assert isinstance(timeline, Timeline)
    return timeline


def main() -> None:
    """Draw every figure."""
    ASSETS.mkdir(exist_ok=True)
    final = timeline_of("tutorial/istanbul.md", "final")
    ax = plot_score_timeline(final.events)
    ax.figure.savefig(ASSETS / "istanbul-score-timeline.png", dpi=110)
    print(f"wrote {ASSETS / 'istanbul-score-timeline.png'}")


if __name__ == "__main__":
    main()
