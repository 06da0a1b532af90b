"""The command line: ``qualitycheck lint|score|rules|explain|report``.

Parses flags, prints, sets the exit code: 0 no finding at or above the fail level, 1 findings at or
above it, 2 usage, configuration or input errors. Everything else happens in ``qualitycheck.api``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, TextIO

import typer

from qualitycheck import __version__

if TYPE_CHECKING:
    from qualitycheck.api import Checker
    from qualitycheck.config import Settings
    from qualitycheck.finding import Finding
    from qualitycheck.result import FileResult
    from qualitycheck.scoring import Needs
    from qualitycheck.suppress import Baseline
    from qualitycheck.tasks import Done, Task

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="qualitycheck",
    help="Find the damage machine translation and web scraping leave in English text, and score "
    "how readable it is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    html = "html"


class InputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"


def fail(message: str) -> NoReturn:
    """One clear line on stderr and exit code 2: never a traceback."""
    sys.stderr.write(f"qualitycheck: error: {message}\n")
    raise typer.Exit(EXIT_ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qualitycheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """qualitycheck: a linter for machine-translated and scraped English text."""


# -- shared options -----------------------------------------------------------------------------
PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files or directories to check ('-' reads standard input).", show_default=False
    ),
]
ConfigOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at run time
    typer.Option(
        "--config",
        help="Configuration file (default: nearest .qualitycheck.toml or "
        "pyproject.toml with a \\[tool.qualitycheck] table).",
        dir_okay=False,
    ),
]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
SelectOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--select", help="Only these rule ids or categories (repeatable, or comma-separated)."
    ),
]
IgnoreOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--ignore", help="Skip these rule ids or categories (repeatable, or comma-separated)."
    ),
]
ExcludeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--exclude", help="Glob of paths to skip (repeatable; adds to the configuration)."
    ),
]
GlossaryOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--glossary", help="Termbase of preferred spellings (TSV or TBX).", dir_okay=False
    ),
]
PackOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option("--pack", help="Extra rule pack file or directory (repeatable)."),
]
EncodingOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--encoding", help="Decode input with this encoding instead of detecting it."),
]
InputFormatOpt = Annotated[
    Optional[InputFormat],  # noqa: UP045
    typer.Option(
        "--input-format",
        help="Treat input as this format (default: by extension; standard input is text).",
    ),
]
StdinNameOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--stdin-filename",
        help="Name to report for standard input (its extension also picks the format).",
    ),
]
MinConfidenceOpt = Annotated[
    Optional[float],  # noqa: UP045
    typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Hide findings less sure than this (0..1)."
    ),
]
BaselineOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--baseline", help="Leave out findings recorded in this baseline file.", dir_okay=False
    ),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "-o",
        "--output",
        help="Write the report to this file instead of standard output.",
        dir_okay=False,
    ),
]


def _split(values: Iterable[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out = tuple(v.strip() for item in values for v in item.split(",") if v.strip())
    return out


def _settings(
    config: Path | None,
    isolated: bool,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    exclude: list[str] | None = None,
    glossary: Path | None = None,
    packs: list[Path] | None = None,
    encoding: str | None = None,
    fail_on: FailOn | None = None,
    min_confidence: float | None = None,
    languagetool: str | None = None,
) -> Settings:
    from qualitycheck.config import ConfigError, load_settings

    try:
        settings = load_settings(config, discover=not isolated)
        extra_exclude = _split(exclude)
        return settings.with_overrides(
            select=_split(select),
            ignore=_split(ignore),
            exclude=(settings.exclude + extra_exclude) if extra_exclude else None,
            glossary=glossary,
            packs=(settings.packs + tuple(packs)) if packs else None,
            encoding=encoding,
            fail_on=fail_on.value if fail_on else None,
            min_confidence=min_confidence,
            languagetool=languagetool,
        )
    except ConfigError as exc:
        fail(str(exc))


def _checker(settings: Settings, needs: Needs | None = None, *, stream: bool = False) -> Checker:
    """The run's checker; ``needs``: the scores the output shows (default: none but quality);
    ``stream``: huge files come streamed, piece by piece (``lint`` reads them so)."""
    from qualitycheck.api import Checker
    from qualitycheck.config import ConfigError
    from qualitycheck.registry import PluginError
    from qualitycheck.scoring import Needs

    try:
        return Checker(settings, needs=needs or Needs(), stream=stream)
    except (ConfigError, PluginError) as exc:
        fail(str(exc))
    except Exception as exc:  # glossary errors and the like carry their own message
        if type(exc).__name__.endswith("Error") and str(exc):
            fail(str(exc))
        raise
    finally:
        _start_up_done()


# Start-up (parsing the command line, importing the rules, loading the packs) allocates tens of
# thousands of objects that live for the whole run; the cyclic collector's young collections
# (~25, ~4 ms) walk them and free nothing. ``main`` raises the first threshold until the checker
# is built (or the command ends, or the language server starts), then freezes what start-up
# made (``gc.freeze``: no later collection walks it again); checks pause the collector
# themselves (``tasks.collector_paused``).
_START_UP_THRESHOLD = 100_000
_thresholds: list[tuple[int, ...]] = []  # the thresholds main() replaced, while replaced


def _start_up_begins() -> None:
    import gc

    before = gc.get_threshold()
    if before[0] and not _thresholds:
        _thresholds.append(before)
        gc.set_threshold(max(before[0], _START_UP_THRESHOLD), *before[1:])


def _start_up_done() -> None:
    import gc

    if _thresholds:
        gc.freeze()  # what start-up made stays: no later collection walks it again
        gc.set_threshold(*_thresholds.pop())


def _record(recorder: Baseline, path: str, findings: list[Finding]) -> list[Finding]:
    recorder.add(path, findings)
    return findings


def _rescored(result: FileResult, checker: Checker) -> FileResult:
    """The quality score again, for the findings left after a baseline or fixes removed some:
    the score describes what the report shows."""
    from qualitycheck.scoring import score

    result.quality = None
    return score(result, checker.needs)


def _finish(checker: Checker) -> None:
    """Print the run's notices once (e.g. grammar checks skipped) and stop optional backends."""
    for notice in checker.run_notices():
        sys.stderr.write(f"qualitycheck: {notice}\n")
    checker.close()


def _results(
    checker: Checker,
    paths: list[str],
    input_format: InputFormat | None,
    stdin_filename: str | None,
) -> Iterator[FileResult]:
    """The files of ``score`` and ``report``, checked in this process, in order: the same tasks
    ``lint`` runs (``tasks.file_tasks``)."""
    from qualitycheck.tasks import file_tasks

    fmt = input_format.value if input_format else None
    yield from _sequential(file_tasks(checker, paths, fmt, stdin_filename), checker)


def _fix(result: FileResult, root: Path, *, write: bool, min_confidence: float) -> None:
    """Apply (or, for --diff, show) the sure fixes of one file; fixed findings leave the report."""
    from qualitycheck.fix import FixError, fix_file, unified_diff, write_fixed

    path = result.path if os.path.isabs(result.path) else str(root / result.path)
    try:
        fixed, before = fix_file(path, result.findings, min_confidence)
    except FixError as exc:
        sys.stderr.write(f"qualitycheck: {result.path}: not fixed: {exc}\n")
        return
    if not fixed.changed:
        return
    if not write:
        sys.stdout.write(unified_diff(result.path, before, fixed.source))
        return
    try:
        write_fixed(path, fixed)
    except OSError as exc:
        sys.stderr.write(f"qualitycheck: {result.path}: not fixed: {exc.strerror or exc}\n")
        return
    applied = set(fixed.applied)
    result.findings = [f for f in result.findings if f not in applied]
    n = len(applied)
    sys.stderr.write(f"qualitycheck: {result.path}: fixed {n} finding{'s' if n != 1 else ''}\n")


def _hide_known(result: FileResult, known: Baseline) -> None:
    """Leave out the findings a baseline records; count them (piece by piece for a streamed
    result, the baseline's budget carried over). The quality score was taken by the scoring stage
    before, so it still counts them: the baseline hides findings from the report, not from the
    text."""
    fresh = known.filter_step(result.path)

    def hide(findings: list[Finding]) -> list[Finding]:
        kept = fresh(findings)
        result.hidden_by_baseline += len(findings) - len(kept)
        return kept

    result.map_pieces(hide)


class _Tally:
    """Counts what flows to the reporter, to pick the exit code afterwards."""

    def __init__(self, fail_level: int | None, *, quiet: bool = False) -> None:
        self.fail_level = fail_level
        self.quiet = quiet
        self.failed = False
        self.errors = 0
        self.files = 0

    def watch(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        for r in results:
            self.files += 1
            if r.error is not None:
                self.errors += 1
                sys.stderr.write(f"qualitycheck: error: {r.path}: {r.error}\n")
            said: set[str] = set()
            for notice in () if self.quiet else r.notices:
                said.add(notice)
                sys.stderr.write(f"qualitycheck: {r.path}: {notice}\n")
            if r.streamed and not self.quiet:  # notices of later pieces: once they are known
                r.on_end(functools.partial(self._later_notices, r, said))
            if self.fail_level is not None:
                r.map_pieces(self._fails)
            yield r

    def _fails(self, findings: list[Finding]) -> list[Finding]:
        assert self.fail_level is not None
        if not self.failed and any(f.severity >= self.fail_level for f in findings):
            self.failed = True
        return findings

    @staticmethod
    def _later_notices(r: FileResult, said: set[str]) -> None:
        for notice in r.notices:
            if notice not in said:
                sys.stderr.write(f"qualitycheck: {r.path}: {notice}\n")

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failed else EXIT_OK


def _want_color(stream: TextIO, output: Path | None, color: Color = Color.auto) -> bool:
    """--color always/never decide; auto: never into a file or with NO_COLOR set, always with
    FORCE_COLOR set, else on a terminal only."""
    if color is not Color.auto:
        return color is Color.always
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _warn_if_nothing_checked(tally: _Tally, paths: list[str], settings: Settings) -> None:
    """Like ruff: a run that found no file to check says so on stderr (the exit code stays 0)."""
    if tally.files == 0 and paths:
        globs = " ".join(settings.include)
        sys.stderr.write(f"qualitycheck: warning: no files to check in {', '.join(paths)} "
                         f"(looked for {globs})\n")  # fmt: skip


def _show_settings(settings: Settings, checker: Checker, isolated: bool) -> None:
    """What --show-settings prints: the configuration file found and the effective settings."""
    import json

    if settings.source is not None:
        typer.echo(f"# configuration file: {settings.source}")
    else:
        why = "--isolated" if isolated else "none found from the working directory up"
        typer.echo(f"# configuration file: none ({why}); defaults and command-line flags")

    def value(v: object) -> str:
        if isinstance(v, Path):
            return json.dumps(str(v))
        if isinstance(v, tuple | list):
            return "[" + ", ".join(value(i) for i in v) + "]"
        if isinstance(v, dict):
            inner = ", ".join(f"{json.dumps(k)} = {value(i)}" for k, i in v.items())
            return "{ " + inner + " }" if inner else "{}"
        return json.dumps(v)

    rows = {
        "select": settings.select, "ignore": settings.ignore, "severity": dict(settings.severity),
        "fail-on": settings.fail_on, "min-confidence": settings.min_confidence,
        "include": settings.include, "exclude": settings.exclude,
        "per-file-ignores": dict(settings.per_file_ignores),
        "glossary": settings.glossary if settings.glossary is not None else "",
        "packs": settings.packs, "encoding": settings.encoding or "",
        "languagetool": settings.languagetool,
        "languagetool-language": settings.languagetool_language,
        "languagetool-timeout": settings.languagetool_timeout,
    }  # fmt: skip
    for key, v in rows.items():
        typer.echo(f"{key} = {value(v)}")
    for rule_id, options in settings.rule_options.items():
        typer.echo(f'\n[rules."{rule_id}"]')
        for name, v in options.items():
            typer.echo(f"{name} = {value(v)}")
    enabled = sorted(r for r in checker.engine.rules if settings.rule_enabled(r))
    typer.echo(f"\n# enabled rules ({len(enabled)}): {', '.join(enabled)}")


def _emit(output: Path | None, render: Callable[[TextIO], None]) -> None:
    """Run ``render(stream)`` into stdout, or atomically into the output file: written as it is
    rendered into a temporary file beside it, renamed over it at the end (never held in memory,
    never half-written; removed if rendering fails)."""
    if output is None:
        render(sys.stdout)
        sys.stdout.flush()
        return
    from qualitycheck.suppress import open_atomically

    try:
        with open_atomically(output) as stream:
            render(stream)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


@app.command()
def lint(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045 - optional: a corpus (--input-jsonl) replaces paths
        typer.Argument(
            help="Files or directories to check ('-' reads standard input).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        Optional[OutputFormat],  # noqa: UP045
        typer.Option("--format", "-f", help="Output format (default: text; jsonl for a corpus)."),
    ] = None,
    output: OutputOpt = None,
    fail_on: Annotated[
        Optional[FailOn],  # noqa: UP045
        typer.Option(
            "--fail-on", help="Lowest severity that makes the exit code 1 (default: warning)."
        ),
    ] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    min_confidence: MinConfidenceOpt = None,
    glossary: GlossaryOpt = None,
    pack: PackOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    stdin_filename: StdinNameOpt = None,
    baseline: BaselineOpt = None,
    write_baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--write-baseline",
            help="Record today's findings in this file and exit 0.",
            dir_okay=False,
        ),
    ] = None,
    languagetool: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--languagetool", help="Grammar checks through LanguageTool: off, auto or a server URL."
        ),
    ] = None,
    paragraph_scores: Annotated[
        bool, typer.Option("--paragraph-scores", help="Add per-paragraph readability to JSON.")
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply sure suggestions (confidence >= --fix-min-confidence, warning or error) "
            "to the files, atomically; report what is left.",
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the changes --fix would make; write nothing.")
    ] = False,
    fix_min_confidence: Annotated[
        float,
        typer.Option("--fix-min-confidence", min=0.0, max=1.0, help="Confidence a fix needs."),
    ] = 0.8,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes; 0 = every core (default: every core for 8 documents or "
            "more and 256 KB of input or more, else 1).",
        ),
    ] = None,
    input_jsonl: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--input-jsonl", help="Check a corpus: one JSON object per line ('-': stdin)."
        ),
    ] = None,
    input_parquet: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--input-parquet", help="Check a corpus stored as Parquet (needs pyarrow)."),
    ] = None,
    text_field: Annotated[
        str, typer.Option("--text-field", help="Corpus field holding the text.")
    ] = "text",
    id_field: Annotated[
        str, typer.Option("--id-field", help="Corpus field holding the record id.")
    ] = "id",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print the findings only: no scores, no summary.")
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Print a count per rule instead of the findings."),
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            help="Colour the text output: auto (on a terminal, unless NO_COLOR is set; "
            "FORCE_COLOR forces it), always or never.",
        ),
    ] = Color.auto,
    show_settings: Annotated[
        bool,
        typer.Option(
            "--show-settings",
            help="Print the configuration file found and the effective settings, then exit.",
        ),
    ] = False,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Check files for machine-translation and scraping damage.

    Exit codes: 0 no finding at or above the fail level (--fail-on, default warning); 1 findings at or above it; 2 usage, configuration or input errors (the other files are still checked).
    """
    from qualitycheck import parallel
    from qualitycheck.reporters import ReportContext, get_reporter
    from qualitycheck.scoring import Needs
    from qualitycheck.suppress import Baseline, BaselineError

    corpus = input_jsonl is not None or input_parquet is not None
    output_format = output_format or (OutputFormat.jsonl if corpus else OutputFormat.text)
    settings = _settings(config, isolated, select=select, ignore=ignore, exclude=exclude,
                         glossary=glossary, packs=pack, encoding=encoding, fail_on=fail_on,
                         min_confidence=min_confidence, languagetool=languagetool)  # fmt: skip
    needs = Needs.for_format(output_format.value, paragraph_scores=paragraph_scores)
    checker = _checker(settings, needs, stream=True)
    if show_settings:
        _show_settings(settings, checker, isolated)
        _finish(checker)
        raise typer.Exit(EXIT_OK)
    if (fix or diff) and "-" in (paths or []):
        fail("--fix and --diff rewrite files: they cannot take standard input ('-')")
    if statistics and output_format is not OutputFormat.text:
        fail("--statistics is a summary of the text format; leave out --format")
    try:
        reporter = get_reporter(output_format.value)
    except (KeyError, ImportError):
        fail(f"output format '{output_format.value}' is not available in this installation")
    known = None
    if baseline is not None:
        try:
            known = Baseline.load(baseline)
        except BaselineError as exc:
            fail(str(exc))
    level = settings.fail_level()
    tally = _Tally(int(level) if level is not None else None, quiet=quiet)
    recorder = Baseline() if write_baseline is not None else None

    def filtered(results: Iterable[FileResult]) -> Iterator[FileResult]:
        for r in results:
            if (fix or diff) and r.error is None:  # fixes need every finding of the file
                r.materialize()
            if recorder is not None and r.error is None:
                r.map_pieces(functools.partial(_record, recorder, r.path))
            if known is not None and r.error is None:
                _hide_known(r, known)
            if (fix or diff) and r.error is None and r.findings:
                _fix(r, settings.root, write=fix and not diff, min_confidence=fix_min_confidence)
            # A baseline hides findings from the report, not from the text: the score taken
            # before it still counts them; fixes change the text, so the score is taken again.
            yield _rescored(r, checker) if fix or diff else r

    source = LintInput(paths or [], input_jsonl, input_parquet, text_field, id_field,
                       input_format.value if input_format else None, stdin_filename,
                       edits_files=fix or diff)  # fmt: skip
    progress = parallel.progress_wanted(output is not None) and not diff
    try:
        checked, finish = lint_source(checker, source, jobs=jobs, needs=needs, progress=progress)
    except UsageError as exc:
        fail(str(exc))
    results = tally.watch(finish(filtered(checked)))
    ctx = ReportContext(
        rules=checker.engine.rules,
        color=_want_color(sys.stdout, output, color) and output_format is OutputFormat.text,
        tool_version=__version__,
        paragraph_scores=paragraph_scores,
        root=str(settings.root),
        quiet=quiet,
        statistics=statistics,
    )
    if diff and output is None:  # standard output carries the diff; the report goes to stderr
        reporter.write(results, sys.stderr, ctx)
    else:
        _emit(output, lambda stream: reporter.write(results, stream, ctx))
    _finish(checker)
    if not source.is_corpus:
        _warn_if_nothing_checked(tally, paths or [], settings)
    if recorder is not None:
        try:
            recorder.write(write_baseline)  # type: ignore[arg-type]
        except OSError as exc:
            fail(f"cannot write baseline {write_baseline}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR if tally.errors else EXIT_OK)
    raise typer.Exit(tally.exit_code)


@app.command()
def report(
    paths: PathsArg,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the HTML report ('-' for standard output).",
            dir_okay=False,
        ),
    ] = Path("qualitycheck-report.html"),
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    min_confidence: MinConfidenceOpt = None,
    glossary: GlossaryOpt = None,
    pack: PackOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    stdin_filename: StdinNameOpt = None,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Write a self-contained HTML report: scores, highlighted text, findings, filters.

    Exits 0 once the report is written, whatever it found; 2 on usage, configuration or input
    errors (files that could not be read are listed in the report too)."""
    from qualitycheck.reporters import ReportContext, get_reporter
    from qualitycheck.scoring import Needs
    from qualitycheck.suppress import Baseline, BaselineError

    settings = _settings(config, isolated, select=select, ignore=ignore, exclude=exclude,
                         glossary=glossary, packs=pack, encoding=encoding,
                         min_confidence=min_confidence)  # fmt: skip
    checker = _checker(settings, Needs.for_format("html"))
    try:
        reporter = get_reporter("html")
    except (KeyError, ImportError):
        fail("the HTML report is not available in this installation")
    known = None
    if baseline is not None:
        try:
            known = Baseline.load(baseline)
        except BaselineError as exc:
            fail(str(exc))
    tally = _Tally(None)
    results = list(tally.watch(_results(checker, paths, input_format, stdin_filename)))
    if known is not None:
        for r in results:
            if r.error is None:
                _hide_known(r, known)
    ctx = ReportContext(rules=checker.engine.rules, tool_version=__version__,
                        root=str(settings.root))  # fmt: skip
    to_stdout = str(output) == "-"
    _emit(None if to_stdout else output, lambda stream: reporter.write(results, stream, ctx))
    _finish(checker)
    if not to_stdout:
        found = sum(len(r.findings) for r in results)
        typer.echo(f"Wrote {output} ({found} finding{'s' if found != 1 else ''} in "
                   f"{len(results)} file{'s' if len(results) != 1 else ''}).")  # fmt: skip
    raise typer.Exit(tally.exit_code)


@app.command()
def score(
    paths: PathsArg,
    output_format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.text,
    output: OutputOpt = None,
    paragraph_scores: Annotated[
        bool, typer.Option("--paragraphs", help="Also score each paragraph.")
    ] = False,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
    stdin_filename: StdinNameOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Print quality and readability scores only."""
    import json

    from qualitycheck.scoring import Needs

    settings = _settings(config, isolated, encoding=encoding)
    checker = _checker(settings, Needs(readability=True, paragraphs=paragraph_scores))
    tally = _Tally(None)
    results = list(tally.watch(_results(checker, paths, input_format, stdin_filename)))

    def render(stream: TextIO) -> None:
        if output_format is ScoreFormat.json:
            files = []
            for r in results:
                entry: dict[str, Any] = {"path": r.path, "error": r.error, "scores": r.scores_dict(),
                         "stats": r.stats if r.document is not None else None}  # fmt: skip
                if paragraph_scores:
                    entry["paragraph_scores"] = [
                        {"block": i, "readability": m.to_dict() if m else None}
                        for i, m in r.paragraph_readability
                    ]
                files.append(entry)
            json.dump({"version": 1, "files": files}, stream, indent=2, ensure_ascii=False)
            stream.write("\n")
            return
        for r in results:
            if r.error is not None or r.stats is None:
                continue
            stats = r.stats
            stream.write(f"{r.path}\n  quality              {r.quality:5.1f} / 100\n")
            stream.write(
                f"  words {stats['words']}, sentences {stats['sentences']}, "
                f"paragraphs {stats['paragraphs']}\n"
            )
            if r.readability is not None:
                for name, value in r.readability.to_dict().items():
                    stream.write(f"  {name.replace('_', ' '):<30} {value:6.1f}\n")
            if paragraph_scores:
                for i, m in r.paragraph_readability:
                    if m is not None:
                        stream.write(f"  paragraph {i + 1:>3}: Flesch reading ease "
                                     f"{m.flesch_reading_ease:6.1f}, grade "
                                     f"{m.flesch_kincaid_grade:5.1f}\n")  # fmt: skip

    _emit(output, render)
    _finish(checker)
    raise typer.Exit(tally.exit_code)


@app.command("rules")
def list_rules(
    output_format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.text,
    pack: PackOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """List every rule: id, default severity, whether it is enabled, and what it checks."""
    import json

    settings = _settings(config, isolated, packs=pack)
    checker = _checker(settings)
    rules = sorted(checker.engine.rules.values(), key=lambda r: r.id)
    if output_format is ScoreFormat.json:
        data = [{"id": r.id, "category": r.category, "severity": r.severity.label,
                 "enabled": settings.rule_enabled(r.id), "summary": r.summary,
                 "origin": r.origin} for r in rules]  # fmt: skip
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        state = "" if settings.rule_enabled(r.id) else "  (disabled)"
        typer.echo(f"{r.id:<{width}}  {r.severity.label:<7}  {r.summary}{state}")


# -- what `qualitycheck lint` runs: paths or a corpus, in this process or in workers --------------
class UsageError(Exception):
    """A combination of options or an input that cannot work (the CLI exits 2)."""


@dataclass(frozen=True)
class LintInput:
    """Where ``qualitycheck lint`` takes its documents from: paths, or one corpus file."""

    paths: Sequence[str] = ()
    jsonl: str | None = None
    parquet: str | None = None
    text_field: str = "text"
    id_field: str | None = "id"
    fmt: str | None = None  # --input-format
    stdin_filename: str | None = None
    edits_files: bool = False  # --fix / --diff

    @property
    def is_corpus(self) -> bool:
        return self.jsonl is not None or self.parquet is not None


def _identity(results: Iterable[FileResult]) -> Iterator[FileResult]:
    yield from results


def lint_source(
    checker: Checker,
    source: LintInput,
    *,
    jobs: int | None = None,
    needs: Needs | None = None,
    progress: bool = False,
) -> tuple[Iterator[FileResult], Callable[[Iterable[FileResult]], Iterator[FileResult]]]:
    """The results ``qualitycheck lint`` reports, in input order, and a ``finish`` step to apply
    after baseline filtering (corpus records get their finding counts there, and the malformed
    records summary at the end). Raises ``UsageError``."""
    from qualitycheck.parallel import MANY_FILES, check_ordered, resolve_jobs, with_progress
    from qualitycheck.tasks import FileTask, file_tasks

    settings = checker.settings
    items: Iterable[Task | Done]
    if source.is_corpus:
        from qualitycheck.corpus import (
            CorpusError,
            categories,
            open_jsonl,
            open_parquet,
            with_counts,
        )

        if source.paths:
            raise UsageError(
                "give either PATH arguments or a corpus (--input-jsonl/--input-parquet)"
            )
        if source.jsonl is not None and source.parquet is not None:
            raise UsageError("give one of --input-jsonl and --input-parquet, not both")
        if source.edits_files:
            raise UsageError("--fix and --diff need files, not corpus records")
        opener = open_jsonl if source.jsonl is not None else open_parquet
        try:
            corpus = opener(source.jsonl or source.parquet or "-", text_field=source.text_field,
                            id_field=source.id_field, fmt=source.fmt or "text")  # fmt: skip
        except CorpusError as exc:
            raise UsageError(str(exc)) from exc
        head, rest = _peek(corpus.items(), MANY_FILES)
        count = len(head) if len(head) < MANY_FILES else None
        name = source.jsonl or source.parquet
        size = os.path.getsize(name) if name and name != "-" else None
        items = _chain(head, rest)
        cats = categories(checker.engine.rules.values())

        def finish(results: Iterable[FileResult]) -> Iterator[FileResult]:
            return with_counts(results, cats, corpus)

        unit = "records"
    else:
        if not source.paths:
            raise UsageError("give at least one PATH (or --input-jsonl/--input-parquet)")
        listed = file_tasks(checker, source.paths, source.fmt, source.stdin_filename)
        count, items, finish, unit = len(listed), listed, _identity, "files"
        size = sum(_size(t.path) for t in listed if isinstance(t, FileTask))
    workers = resolve_jobs(jobs, count, size)
    if workers > 1 and settings.languagetool != "off":
        if jobs is not None and jobs != 1:
            sys.stderr.write(
                "qualitycheck: LanguageTool checks run in one process; --jobs ignored\n"
            )
        workers = 1
    if workers == 1:
        results: Iterator[FileResult] = _sequential(items, checker)
    else:
        results = check_ordered(settings, items, workers, needs=needs, local_checker=checker,
                                chunk_size=1 if unit == "files" else 4)  # fmt: skip
    if progress:
        results = with_progress(results, total=count if unit == "files" else None, unit=unit,
                                show=lambda: True)  # fmt: skip
    return results, finish


def _size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _sequential(items: Iterable[Task | Done], checker: Checker) -> Iterator[FileResult]:
    """Check ``items`` in this process, the cyclic garbage collector paused for each check, and
    for each piece of a streamed result as it is read (this process is the CLI's own; see
    ``tasks.collector_paused``)."""
    from qualitycheck.tasks import Done, collector_paused, paused_pieces

    for item in items:
        if isinstance(item, Done):
            yield item.result
            continue
        with collector_paused():
            result = item.run(checker)
        if result.pending is not None:
            result.pending = paused_pieces(result.pending)
        yield result


def _peek(items: Iterator[Task | Done], n: int) -> tuple[list[Task | Done], Iterator[Task | Done]]:
    head: list[Task | Done] = []
    for item in items:
        head.append(item)
        if len(head) >= n:
            break
    return head, items


def _chain(head: list[Task | Done], rest: Iterator[Task | Done]) -> Iterator[Task | Done]:
    yield from head
    yield from rest


@app.command()
def explain(
    rule: Annotated[
        str, typer.Argument(help="A rule id (punctuation.stray-mark) or a category (junk).")
    ],
    pack: PackOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Print a rule's documentation: what it does, why it matters, an example, what to use instead.
    For a category, list its rules."""
    import re

    settings = _settings(config, isolated, packs=pack)
    checker = _checker(settings)
    found = checker.engine.rule_for(rule)
    if found is None:
        members = sorted(r for r in checker.engine.rules if r.startswith(rule + "."))
        if members:
            typer.echo(f"{rule}: {len(members)} rule{'s' if len(members) != 1 else ''}\n")
            width = max(len(r) for r in members)
            for rid in members:
                r = checker.engine.rules[rid]
                typer.echo(f"{rid:<{width}}  {r.severity.label:<7}  {r.summary}")
            typer.echo(f"\n'qualitycheck explain {members[0]}' prints one in full.")
            return
        import difflib

        choices = [*checker.engine.rules, *{r.split(".", 1)[0] for r in checker.engine.rules}]
        close = difflib.get_close_matches(rule, choices, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see 'qualitycheck rules')"
        fail(f"unknown rule '{rule}'{hint}")
    typer.echo(f"{found.id}  [{found.severity.label}]\n")
    # the docstrings mark code reST-style (``words``); a terminal reader sees `words`
    typer.echo(re.sub(r"``([^`]+)``", r"`\1`", found.explain()))


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh, fish or powershell.")],
) -> None:
    """Print the shell completion script, e.g. eval "$(qualitycheck completion bash)" in
    ~/.bashrc, or qualitycheck completion fish > ~/.config/fish/completions/qualitycheck.fish."""
    from typer._completion_shared import get_completion_script
    from typer.completion import completion_init

    completion_init()
    script = get_completion_script(
        prog_name="qualitycheck", complete_var=COMPLETE_VAR, shell=shell.value
    )
    typer.echo(script)


COMPLETE_VAR = "_QUALITYCHECK_COMPLETE"


languagetool_app = typer.Typer(
    name="languagetool",
    help="Install LanguageTool for '--languagetool auto', or see what auto would start.",
    no_args_is_help=True,
)
app.add_typer(languagetool_app)


@languagetool_app.command("install")
def languagetool_install(
    version: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional
        typer.Argument(
            help="A LanguageTool release such as 6.8 (default: language-tool-python's), or a "
            "snapshot date YYYYMMDD with LTP_DOWNLOAD_SHA256_<DATE> set."
        ),
    ] = None,
) -> None:
    """Download LanguageTool once (~250 MB, checksum verified) into LTP_PATH for auto; needs Java 17."""
    from qualitycheck import languagetool_install as lti

    try:
        done = lti.install(version, say=lambda line: typer.echo(line, err=True))
    except lti.InstallError as exc:
        fail(str(exc))
    if done.from_jar_dir:
        typer.echo(
            f"LTP_JAR_DIR_PATH names a LanguageTool installation ({done.directory}), which "
            "'--languagetool auto' uses; nothing was downloaded (unset LTP_JAR_DIR_PATH to install "
            "into the cache)."
        )
    elif done.downloaded:
        typer.echo(f"LanguageTool {done.version} installed in {done.directory} (SHA-256 verified).")
    else:
        typer.echo(
            f"LanguageTool {done.version} is already installed in {done.directory}; nothing was "
            "downloaded."
        )
    typer.echo("Use it with: qualitycheck lint --languagetool auto FILE...")


@languagetool_app.command("status")
def languagetool_status() -> None:
    """Show the Java and LanguageTool '--languagetool auto' would start (exit 1: it would skip)."""
    from qualitycheck import languagetool_install as lti

    found = lti.status()
    for line in found.lines:
        typer.echo(line)
    raise typer.Exit(EXIT_OK if found.ready else EXIT_FINDINGS)


@app.command()
def server(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Talk over standard input and output (the only transport)."),
    ] = False,
) -> None:
    """Run the language server for editors (LSP over standard input and output).

    Needs the lsp extra: pip install "qualitycheck\\[lsp]". Editor set-ups: docs/editors.md."""
    from qualitycheck.lsp import main as serve

    _start_up_done()  # a server runs for hours: the usual collector from here on
    raise typer.Exit(serve())


def _resolve_annotations(typer_app: typer.Typer) -> None:
    """Evaluate the annotations of the commands' functions once. They are strings here (``from
    __future__ import annotations``) and typer evaluates each twice as it builds the commands
    (``inspect.signature(eval_str=True)`` and ``get_type_hints``): ~4.5 ms at every run, ~1.5
    once. The same types, so the same command line (a test compares every help text)."""
    import typing

    infos: list[Any] = [typer_app.registered_callback, *typer_app.registered_commands]
    for function in (info.callback for info in infos if info is not None):
        if function is not None and any(
            isinstance(a, str) for a in function.__annotations__.values()
        ):
            function.__annotations__ = typing.get_type_hints(function, include_extras=True)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _resolve_annotations(group.typer_instance)


def main() -> None:
    """Console-script entry point."""
    _resolve_annotations(app)
    if os.environ.get(COMPLETE_VAR):  # the shell asks for completions (qualitycheck completion)
        from typer.completion import completion_init

        completion_init()
    _start_up_begins()
    try:
        app(prog_name="qualitycheck")
    except BrokenPipeError:  # `qualitycheck lint ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FINDINGS)
    except KeyboardInterrupt:
        sys.stderr.write("qualitycheck: interrupted\n")
        sys.exit(130)
    finally:
        _start_up_done()


if __name__ == "__main__":
    main()
