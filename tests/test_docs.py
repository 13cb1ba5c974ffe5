"""Every code example in the documentation runs, and prints what the page says it prints.

The harness reads every Markdown page under ``docs/`` and the README, and runs each page as one
test (its id is the page's path):

- the page's ```` ```python ```` blocks run in order, in one fresh module namespace, so that a
  block can use what an earlier block of the same page defined; ```` ```pycon ```` blocks
  (``>>>`` sessions) run as doctests in that same namespace;
- ```` ```console ```` blocks are shell sessions: each ``$ command`` line runs (with the
  environment's ``matchevents`` command on the PATH), and the lines under it up to the next ``$``
  are its expected output (stdout and stderr together). A command must exit with status 0 unless
  the page shows what it prints. Shell lines that are only shown, never run (installing, for
  instance), go in ```` ```bash ```` blocks;
- a ```` ```text ```` block that directly follows a python block (blank lines between are fine) is
  that block's expected output: what the block prints must match it (``...`` matches anything, as
  in doctest's ELLIPSIS). A python block that prints without such a block fails, so that every
  printed result is shown to the reader;
- an HTML comment ``<!-- docs-test: skip -->`` on the lines just before a block leaves that block
  out (use it sparingly, for a block that is deliberately not runnable);
- pages run in a fresh temporary working directory, so examples can write files (and a console
  session can read what a python block wrote). A page whose examples read the shared real data
  says ``<!-- docs-test: requires shared-data -->`` anywhere: its working directory then holds a
  ``data`` link to that folder, and the page is skipped locally without it and fails on CI, as the
  ``shared_data`` fixture decides.

Docstring examples (``>>>``) of every module of the package also run here, since the reference
pages show them.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import os
import pkgutil
import re
import subprocess
import sys
import traceback
import types
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import matchevents

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

SKIP_MARKER = "<!-- docs-test: skip -->"
SHARED_DATA_MARKER = "<!-- docs-test: requires shared-data -->"
RUNNABLE = frozenset({"python", "py", "pycon", "console"})
COMMAND_TIMEOUT = 120
"""Seconds a console command may take."""
OUTPUT = "text"

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_ELLIPSIS = doctest.ELLIPSIS


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    language: str
    code: str
    line: int
    """The 1-based line of the opening fence."""
    skipped: bool = False
    expected_output: str | None = None


def _language(info: str) -> str:
    """The language of a fence's info string: ``python``, ``{.python .x}``, ``python title="a"``."""
    info = info.strip()
    if info.startswith("{"):
        classes = re.findall(r"\.([\w-]+)", info)
        return classes[0].lower() if classes else ""
    return info.split(maxsplit=1)[0].lower() if info else ""


def _raw_blocks(text: str) -> Iterator[tuple[str, str, int, int, str]]:
    """(language, code, opening line, closing line, text before the fence) of each fenced block.

    Fences may be indented (inside admonitions or tabs); the block's code is dedented by the
    fence's indentation.
    """
    lines = text.splitlines()
    index = 0
    last_end = 0
    while index < len(lines):
        opening = _FENCE_OPEN.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and closing.match(lines[end]) is None:
            end += 1
        if end == len(lines):
            raise ValueError(f"line {index + 1}: code block opened with {fence} is never closed")
        body = [
            line[len(indent) :] if line.startswith(indent) else line.lstrip()
            for line in lines[index + 1 : end]
        ]
        before = "\n".join(lines[last_end:index])
        yield _language(opening["info"]), "\n".join(body) + "\n", index + 1, end + 1, before
        last_end = end + 1
        index = end + 1


def parse_blocks(text: str) -> list[Block]:
    """The runnable blocks of a page, in order, each with the output it is expected to print.

    Raises:
        ValueError: a fence is never closed.
    """
    raw = list(_raw_blocks(text))
    blocks: list[Block] = []
    for position, (language, code, line, _end, before) in enumerate(raw):
        if language not in RUNNABLE:
            continue
        expected = None
        if position + 1 < len(raw):
            next_language, next_code, _next_line, _next_end, between = raw[position + 1]
            if next_language == OUTPUT and not between.strip():
                expected = next_code
        skipped = before.rstrip().endswith(SKIP_MARKER)
        blocks.append(Block(language, code, line, skipped, expected))
    return blocks


def _normalised(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines()) + "\n"


def output_matches(expected: str, actual: str) -> bool:
    """True when ``actual`` is what ``expected`` shows, ignoring trailing blanks on each line and
    at the ends; ``...`` in ``expected`` matches any text."""
    return doctest.OutputChecker().check_output(
        _normalised(expected), _normalised(actual), _ELLIPSIS
    )


def run_page(text: str, page: str) -> None:
    """Run a page's blocks in one fresh namespace; fail naming the page, the line and the reason.

    Raises:
        pytest.fail.Exception: a block raised, printed something else than its output block
            shows, or printed without an output block.
    """
    module_name = "docs_page_" + re.sub(r"\W", "_", page)
    module = types.ModuleType(module_name)
    module.__file__ = page
    sys.modules[module_name] = module
    try:
        for block in parse_blocks(text):
            if not block.skipped:
                _run_block(block, module, page)
    finally:
        del sys.modules[module_name]


def _run_block(block: Block, module: types.ModuleType, page: str) -> None:
    where = f"{page}, block at line {block.line}"
    if block.language == "pycon":
        _run_session(block, module, where)
        return
    if block.language == "console":
        _run_console(block, where)
        return
    stdout = io.StringIO()
    # Padding the code with the lines above it makes tracebacks give the page's line numbers.
    source = "\n" * block.line + block.code
    failure = None
    try:
        code = compile(source, page, "exec")
        with contextlib.redirect_stdout(stdout):
            exec(code, module.__dict__)
    except Exception as error:
        failure = f"{where} raised:\n{_page_traceback(error)}"
    if failure is not None:
        pytest.fail(failure, pytrace=False)
    printed = stdout.getvalue()
    if block.expected_output is None:
        if printed.strip():
            pytest.fail(
                f"{where} printed output that the page does not show; put it in a ```text block "
                f"right after the code:\n{printed}",
                pytrace=False,
            )
    elif not output_matches(block.expected_output, printed):
        pytest.fail(
            f"{where} printed:\n{printed}\nbut the page shows:\n{block.expected_output}",
            pytrace=False,
        )


def _page_traceback(error: Exception) -> str:
    """The traceback of ``error`` from the page's code on (the harness's own frame left out)."""
    frames = error.__traceback__.tb_next if error.__traceback__ is not None else None
    return "".join(traceback.format_exception(type(error), error, frames))


def _run_session(block: Block, module: types.ModuleType, where: str) -> None:
    test = doctest.DocTestParser().get_doctest(
        block.code, module.__dict__, where, where, block.line
    )
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=_ELLIPSIS)
    runner.run(test, out=report.write, clear_globs=False)
    if runner.failures:
        pytest.fail(f"{where}:\n{report.getvalue()}", pytrace=False)


def console_commands(session: str) -> list[tuple[str, str]]:
    """The ``$ command`` lines of a console session, each with the output shown under it."""
    commands: list[tuple[str, list[str]]] = []
    for line in session.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:].strip(), []))
        elif commands:
            commands[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"console output {line!r} comes before any $ command")
    return [(command, "\n".join(shown) + "\n" if shown else "") for command, shown in commands]


def _run_console(block: Block, where: str) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    for command, shown in console_commands(block.code):
        done = _shell(command, env)
        if done is None:
            pytest.fail(f"{where}: `{command}` took over {COMMAND_TIMEOUT} s", pytrace=False)
        printed = done.stdout + done.stderr
        if shown.strip() and output_matches(shown, printed):
            continue
        if not shown.strip() and not printed.strip() and done.returncode == 0:
            continue
        pytest.fail(
            f"{where}: `{command}` exited with status {done.returncode} and printed:\n{printed}\n"
            f"but the page shows:\n{shown}",
            pytrace=False,
        )


def _shell(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str] | None:
    """Run one console command in the current directory; None when it times out."""
    try:
        return subprocess.run(
            command,
            shell=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None


# -- the harness's own specification -------------------------------------------------------------

SAMPLE = """\
# A page

```python
greeting = "hello"
print(greeting)
```

```text
hello
```

Some prose.

<!-- docs-test: skip -->
```python
this is not python
```

    ```python
    print(greeting.upper())
    ```
    ```text
    HELLO
    ```

```bash
matchevents replay log.jsonl
```

```pycon
>>> greeting * 2
'hellohello'
```
"""


def test_a_page_yields_its_python_blocks_in_order_with_their_output() -> None:
    blocks = parse_blocks(SAMPLE)

    assert [(b.language, b.line, b.skipped) for b in blocks] == [
        ("python", 3, False),
        ("python", 15, True),
        ("python", 19, False),
        ("pycon", 30, False),
    ]
    assert blocks[0].expected_output == "hello\n"
    assert blocks[2].code == "print(greeting.upper())\n"
    assert blocks[2].expected_output == "HELLO\n"
    assert blocks[3].expected_output is None


def test_a_text_block_after_prose_is_not_output() -> None:
    (block,) = parse_blocks("```python\nx = 1\n```\n\nProse.\n\n```text\nnot output\n```\n")

    assert block.expected_output is None


def test_fences_with_attributes_name_their_language() -> None:
    page = '```{.python .annotate}\na = 1\n```\n\n```python title="demo.py"\nb = 2\n```\n'

    assert [b.code for b in parse_blocks(page)] == ["a = 1\n", "b = 2\n"]


def test_an_unclosed_fence_is_an_error_naming_its_line() -> None:
    with pytest.raises(ValueError, match="line 3"):
        parse_blocks("text\n\n```python\nx = 1\n")


def test_a_console_session_pairs_each_command_with_the_output_shown_under_it() -> None:
    session = "$ echo one\none\n$ true\n$ printf 'a\\nb\\n'\na\nb\n"

    assert console_commands(session) == [
        ("echo one", "one\n"),
        ("true", ""),
        ("printf 'a\\nb\\n'", "a\nb\n"),
    ]


def test_console_sessions_run_in_the_page_directory_after_its_python_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = (
        "```python\nfrom pathlib import Path\nPath('log.txt').write_text('3-3\\n')\n```\n\n"
        "```console\n$ cat log.txt\n3-3\n$ python -c 'import matchevents'\n```\n"
    )

    run_page(page, "console.md")


def test_the_sample_page_runs() -> None:
    run_page(SAMPLE, "sample.md")


def test_output_compares_ignoring_trailing_blanks_and_honours_ellipsis() -> None:
    assert output_matches("a  \nb\n\n", "a\nb")
    assert output_matches("took ... ms\n", "took 12.5 ms\n")
    assert not output_matches("3-0\n", "0-3\n")


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("```python\nprint(1)\n```\n", "printed output that the page does not show"),
        ("```python\nprint(1)\n```\n```text\n2\n```\n", "but the page shows"),
        ("```python\n1 / 0\n```\n", "ZeroDivisionError"),
        ("```pycon\n>>> 1 + 1\n3\n```\n", "Expected"),
        ("```console\n$ echo 1\n2\n```\n", "but the page shows"),
        ("```console\n$ exit 3\n```\n", "exited with status 3"),
    ],
    ids=[
        "unshown-output",
        "wrong-output",
        "exception",
        "failing-session",
        "wrong-command-output",
        "failing-command",
    ],
)
def test_a_failing_block_fails_the_page_naming_where(page: str, reason: str) -> None:
    with pytest.raises(pytest.fail.Exception, match=reason) as failure:
        run_page(page, "bad.md")

    assert "bad.md, block at line 1" in str(failure.value)


def test_pages_do_not_share_a_namespace() -> None:
    run_page("```python\nleaked = True\n```\n", "first.md")

    with pytest.raises(pytest.fail.Exception, match="NameError"):
        run_page("```python\nleaked\n```\n", "second.md")


# -- the documentation itself --------------------------------------------------------------------


def _pages() -> list[Path]:
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("page", _pages(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_code_example_of_the_page_runs(
    page: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    text = page.read_text(encoding="utf-8")
    if SHARED_DATA_MARKER in text:
        shared: Path = request.getfixturevalue("shared_data")
        (tmp_path / "data").symlink_to(shared, target_is_directory=True)
    monkeypatch.chdir(tmp_path)

    run_page(text, str(page.relative_to(ROOT)))


def test_the_readme_example_pastes_into_the_interactive_interpreter(tmp_path: Path) -> None:
    """The README's example is what a new user pastes into ``python``: the interactive
    interpreter, unlike ``exec``, ends a compound statement only at a blank line, so a one-line
    ``def`` followed by code would be a SyntaxError there. It must print what the README shows."""
    blocks = parse_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    example = next(block for block in blocks if block.language == "python")
    assert example.expected_output is not None
    pasted = subprocess.run(
        [sys.executable, "-i", "-q"],
        input=example.code + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    assert "Error" not in pasted.stderr, pasted.stderr
    assert output_matches(example.expected_output, pasted.stdout), pasted.stdout
    lines = [line for line in example.code.splitlines() if line.strip()]
    assert len(lines) <= 15, f"the README's example has grown to {len(lines)} lines"


def _modules() -> list[str]:
    # A package that fails to import is still listed (and its test fails, saying why); it only
    # hides its own submodules, instead of breaking the collection of this whole file.
    found = pkgutil.walk_packages(matchevents.__path__, "matchevents.", onerror=lambda _: None)
    return [info.name for info in found if not info.name.rsplit(".", 1)[-1].startswith("_")]


@pytest.mark.parametrize("name", ["matchevents", *_modules()])
def test_the_docstring_examples_of_the_module_run(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name is not None and missing.name.split(".")[0] == "matchevents":
            raise
        pytest.skip(f"{name} needs {missing.name}, an optional dependency not installed here")
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=_ELLIPSIS)
    report = io.StringIO()
    for test in finder.find(module, name):
        runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()


# -- the site's griffe extension -----------------------------------------------------------------


def test_sphinx_roles_in_docstrings_become_cross_references(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    griffe = pytest.importorskip("griffe", reason="the docs extra is not installed")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        '"""See :class:`Thing`, :meth:`Thing.go`, :class:`~pkg.Thing`, :func:`nowhere` and '
        ':class:`other.lib.Base`."""\n'
        "class Thing:\n"
        '    """Use :meth:`go`."""\n'
        "    def go(self) -> None:\n"
        '        """Go."""\n'
    )
    extensions = griffe.load_extensions(str(DOCS / "_ext" / "sphinx_roles.py"))

    loaded = griffe.load("pkg", search_paths=[tmp_path], extensions=extensions)

    def ref(path: str, shown: str) -> str:
        return f'<autoref identifier="{path}" optional><code>{shown}</code></autoref>'

    assert loaded.docstring.value == (
        f"See {ref('pkg.Thing', 'Thing')}, {ref('pkg.Thing.go', 'Thing.go')}, "
        f"{ref('pkg.Thing', 'Thing')}, `nowhere` and `other.lib.Base`."
    )
    assert loaded["Thing"].docstring.value == f"Use {ref('pkg.Thing.go', 'go')}."
    assert "cannot resolve 'nowhere'" in caplog.text
    assert "other.lib.Base" not in caplog.text


def test_a_sphinx_role_with_a_title_shows_the_title_and_links_the_target(tmp_path: Path) -> None:
    griffe = pytest.importorskip("griffe", reason="the docs extra is not installed")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        '"""Equals :attr:`Thing.score <pkg.Thing.score>`."""\n'
        "class Thing:\n"
        '    """A thing."""\n'
        "    score: int = 0\n"
    )
    extensions = griffe.load_extensions(str(DOCS / "_ext" / "sphinx_roles.py"))

    loaded = griffe.load("pkg", search_paths=[tmp_path], extensions=extensions)

    assert loaded.docstring.value == (
        'Equals <autoref identifier="pkg.Thing.score" optional><code>Thing.score</code></autoref>.'
    )


# -- the event catalogue page --------------------------------------------------------------------


def _catalogue_sections() -> dict[str, str]:
    """The text under each ``### Name`` heading of the event catalogue page."""
    text = (DOCS / "reference" / "event-catalogue.md").read_text(encoding="utf-8")
    parts = re.split(r"^### (\w+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("event_type", matchevents.EVENT_TYPES, ids=lambda cls: cls.__name__)
def test_the_event_catalogue_documents_every_field_of_the_event(event_type: type) -> None:
    section = _catalogue_sections().get(event_type.__name__)

    assert section is not None, f"the event catalogue has no ### {event_type.__name__}"
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    fields = [field.name for field in attrs.fields(event_type) if field.name != "match_id"]
    assert documented == fields


def test_the_event_catalogue_documents_no_event_that_does_not_exist() -> None:
    names = {cls.__name__ for cls in matchevents.EVENT_TYPES}

    assert set(_catalogue_sections()) <= names
