"""A griffe extension: Sphinx roles in docstrings become mkdocstrings cross-references.

The package's docstrings name other objects the way Sphinx and most Python readers expect
(``:class:`Goal```, ``:meth:`league```, ``:class:`~matchevents.score.Side```). Markdown has no such
roles, so this extension rewrites each one, once the whole package is loaded, into an optional
autorefs cross-reference (``<autoref identifier="matchevents.events.Goal" optional>``): a link
where the object is rendered on some page of the site, inline code where it is not. Names are
resolved in the scope of the docstring's object (a class's members, then its module); a leading
``~`` shows only the last component, and ``title <target>`` shows the title, as in Sphinx. A name
that does not resolve is left as inline code; a bare one (no dots, so meant to be in scope) is
also logged as a warning, which fails a strict build.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from griffe import Extension, Module, NameResolutionError, Object

_ROLE = re.compile(r":(?:class|meth|func|attr|data|mod|exc|obj|const):`(?P<target>[^`]+)`")

logger = logging.getLogger("mkdocs.plugins.griffe_sphinx_roles")


class SphinxRoles(Extension):
    """Rewrite Sphinx roles into autorefs cross-references in every docstring of a package."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:
        """Rewrite the docstrings of the package and everything in it."""
        for obj in _walk(pkg):
            docstring = obj.docstring
            if docstring is not None and ":`" in docstring.value:
                docstring.value = _rewrite(obj, docstring.value)


def _walk(obj: Object) -> list[Object]:
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_walk(member))  # type: ignore[arg-type]
    return found


def _rewrite(obj: Object, text: str) -> str:
    return _ROLE.sub(lambda found: _link(obj, found["target"]), text)


_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$")


def _link(obj: Object, target: str) -> str:
    titled = _TITLED.match(target)
    title = None
    if titled is not None:
        title, target = titled["title"], titled["target"]
    short = target.startswith("~")
    name = target.removeprefix("~")
    shown = title or (name.rsplit(".", 1)[-1] if short else name)
    path = _resolve(obj, name)
    if path is None:
        # A dotted name from another package (hypothesis.stateful.X) is shown as code: the site
        # is built offline, without other projects' inventories. A bare name is a mistake.
        if "." not in name:
            logger.warning(
                "%s: cannot resolve %r in a Sphinx role of its docstring", obj.path, name
            )
        return f"`{shown}`"
    # An optional autoref links where the target is rendered on some page and is plain code
    # otherwise (an object the site does not document yet), without failing the build.
    return f'<autoref identifier="{path}" optional><code>{shown}</code></autoref>'


def _resolve(obj: Object, name: str) -> str | None:
    if name.startswith(obj.package.name + ".") or name == obj.package.name:
        return name
    head, _, rest = name.partition(".")
    try:
        resolved = obj.resolve(head)
    except NameResolutionError:
        return None
    return f"{resolved}.{rest}" if rest else resolved
