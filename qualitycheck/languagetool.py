"""Grammar and spelling checks through LanguageTool, an optional backend.

``languagetool = "off"`` (the default) imports and starts nothing. ``languagetool = "<URL>"`` sends
the prose of each document to an existing LanguageTool server (``POST <URL>/v2/check``);
``languagetool = "auto"`` starts a local server once per run from an existing installation (the
``LTP_JAR_DIR_PATH`` directory, or language-tool-python's download cache, where
``qualitycheck languagetool install`` puts it) and stops it at the end. Nothing is downloaded at
run time, and language-tool-python is never imported here. When LanguageTool cannot be used, every
other rule still runs, one notice explains why and each file records
``"grammar": {"status": "skipped", ...}``.

LanguageTool reports offsets in UTF-16 code units of the text it was sent; they are converted to
code points of ``Document.text`` here, and the engine maps them to the file as written.
"""

from __future__ import annotations

import atexit
import bisect
import itertools
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualitycheck.engine import BackendReport
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import RULE_ID_RE, Rule, define

if TYPE_CHECKING:
    from qualitycheck.config import Settings
    from qualitycheck.document import Document

BACKEND_NAME = "languagetool"
STATUS_KEY = "grammar"  # where each file records what the backend did
PSEUDO_RULE_ID = "grammar.lt"

# LanguageTool's issue types (from the ITS 2.0 localization-quality vocabulary) -> our severity and
# a base confidence. Anything not listed is a note worth a look.
ISSUE_TYPES: Mapping[str, tuple[Severity, float]] = {
    "misspelling": (Severity.WARNING, 0.6),
    "grammar": (Severity.WARNING, 0.7),
    "mistranslation": (Severity.WARNING, 0.6),
    "untranslated": (Severity.WARNING, 0.6),
    "omission": (Severity.WARNING, 0.5),
    "typographical": (Severity.INFO, 0.5),
    "duplication": (Severity.INFO, 0.6),
    "whitespace": (Severity.INFO, 0.5),
    "style": (Severity.INFO, 0.4),
    "register": (Severity.INFO, 0.4),
    "inconsistency": (Severity.INFO, 0.4),
}
DEFAULT_ISSUE = (Severity.INFO, 0.4)

# LanguageTool rules that disagree with professionally edited news prose rather than find damage:
# straight quotes and hyphens are house style, headlines and captions end without a full stop,
# three sentences opening with the same word is a style note.
DISABLED_LT_RULES = frozenset(
    {"EN_QUOTES", "DASH_RULE", "PUNCTUATION_PARAGRAPH_END", "ENGLISH_WORD_REPEAT_BEGINNING_RULE"}
)
SPELLING_RULE_PREFIXES = ("MORFOLOGIK_", "HUNSPELL")
CHUNK_CHARS = 20_000  # prose sent per request, cut at block ends
MAX_SUGGESTIONS = 5
JAR_NAMES = ("languagetool-server.jar", "languagetool.jar")
STARTUP_FACTOR = 3  # a local server gets 3 x languagetool-timeout to start (30 s by default)


class Unavailable(Exception):
    """LanguageTool cannot be used in this run; the message says why, for the user."""


class RequestFailed(Exception):
    """One text could not be checked (the server refused that request), the next may be."""


# -- mapping a /v2/check response to matches ---------------------------------------------------
def lt_rule_id(lt_id: str) -> str:
    """``grammar.lt.<LanguageTool rule id in kebab-case>``: ``EN_A_VS_AN`` -> ``grammar.lt.en-a-vs-an``."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in lt_id.lower()).split()
    rule_id = f"{PSEUDO_RULE_ID}.{'-'.join(words) or 'unknown'}"
    assert RULE_ID_RE.match(rule_id), rule_id
    return rule_id


class Utf16Offsets:
    """Converts UTF-16 code-unit offsets (Java's, LanguageTool's) in ``text`` to code points."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._starts: list[int] | None = None  # None: no astral character, offsets are equal
        if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
            widths = (2 if ord(c) > 0xFFFF else 1 for c in text)
            self._starts = list(itertools.accumulate(widths, initial=0))[:-1]

    def to_index(self, units: int) -> int:
        """The code-point index at UTF-16 offset ``units`` (inside a surrogate pair: the next
        character, so a span never starts or ends half-way through an emoji)."""
        if self._starts is None:
            return max(0, min(units, self._length))
        return bisect.bisect_left(self._starts, units)


@dataclass
class Mapped:
    matches: list[tuple[Rule, Match]] = field(default_factory=list)
    seen: int = 0
    dropped: Counter[str] = field(default_factory=Counter)


class RuleBook:
    """One pseudo-rule per LanguageTool rule id met in this run, documented from its description."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def get(self, lt_id: str, description: str, severity: Severity) -> Rule:
        rule_id = lt_rule_id(lt_id)
        rule = self._rules.get(rule_id)
        if rule is None:
            doc = (
                f"LanguageTool rule {lt_id}: {description or 'no description'}.\n\n"
                f"Reported by the optional LanguageTool backend; see "
                f"'qualitycheck explain {PSEUDO_RULE_ID}'."
            )
            rule = define(rule_id, severity, _reports_nothing, doc)
            self._rules[rule_id] = rule
        return rule


def map_response(
    doc: Document,
    response: Mapping[str, Any],
    *,
    chunk_start: int = 0,
    chunk_text: str | None = None,
    book: RuleBook | None = None,
    into: Mapped | None = None,
) -> Mapped:
    """Turn a LanguageTool ``/v2/check`` response for ``doc.text[chunk_start:...]`` (``chunk_text``,
    the whole text by default) into ``(rule, Match)`` pairs with offsets into ``doc.text``."""
    text = doc.text[chunk_start:] if chunk_text is None else chunk_text
    units = Utf16Offsets(text)
    book = book or RuleBook()
    out = into or Mapped()
    raw = response.get("matches")
    if not isinstance(raw, list):
        raise ValueError("no 'matches' list")
    starts = _SentenceStarts(doc)
    for item in raw:
        out.seen += 1
        mapped = _map_one(doc, item, chunk_start, units, book, starts)
        if isinstance(mapped, str):
            out.dropped[mapped] += 1
        else:
            out.matches.append(mapped)
    return out


def _map_one(
    doc: Document,
    item: Any,
    base: int,
    units: Utf16Offsets,
    book: RuleBook,
    sentences: _SentenceStarts,
) -> tuple[Rule, Match] | str:
    """A ``(rule, match)`` pair, or why the LanguageTool match was dropped."""
    if not isinstance(item, Mapping):
        return "malformed"
    rule: Mapping[str, Any] = item["rule"] if isinstance(item.get("rule"), Mapping) else {}
    offset, length = item.get("offset"), item.get("length")
    if not isinstance(offset, int) or not isinstance(length, int) or length <= 0:
        return "malformed"
    lt_id = str(rule.get("id") or "UNKNOWN")
    if lt_id in DISABLED_LT_RULES:
        return "disabled"
    issue = str(rule.get("issueType") or "uncategorized").lower()
    severity, confidence = ISSUE_TYPES.get(issue, DEFAULT_ISSUE)
    start = base + units.to_index(offset)
    end = base + units.to_index(offset + length)
    if not 0 <= start < end <= len(doc.text):
        return "malformed"
    if issue == "whitespace" and doc.format != "text":
        return "markup-whitespace"  # spacing in extracted Markdown/HTML prose is not the file's
    word = doc.text[start:end]
    spelling = issue == "misspelling" or lt_id.startswith(SPELLING_RULE_PREFIXES)
    if spelling and word[:1].isupper():
        # Capitalised unknown words are mostly names (people, places, organisations) that no
        # dictionary holds; our name rules judge those. A sentence-initial one may be a typo.
        if word.isupper() or not sentences.starts_sentence(start):
            return "capitalised-spelling"
        severity, confidence = Severity.INFO, 0.3
    replacements = item.get("replacements")
    suggestions = tuple(
        r["value"]
        for r in (replacements if isinstance(replacements, list) else [])
        if isinstance(r, Mapping) and isinstance(r.get("value"), str)
    )[:MAX_SUGGESTIONS]
    if not suggestions:
        confidence -= 0.1
    message = str(item.get("message") or rule.get("description") or "LanguageTool match").strip()
    pseudo = book.get(lt_id, str(rule.get("description") or ""), severity)
    return pseudo, Match(
        start,
        end,
        f"{message} (LanguageTool {lt_id})",
        suggestions,
        confidence=max(0.05, confidence),
        severity=severity,
    )


class _SentenceStarts:
    """Whether an offset opens a sentence; segments the document only if asked."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._starts: list[int] | None = None

    def starts_sentence(self, index: int) -> bool:
        """Nothing but punctuation and spaces between the sentence start and ``index``."""
        if self._starts is None:
            self._starts = [s.start for s in self.doc.sentences]
        i = bisect.bisect_right(self._starts, index) - 1
        head = self.doc.text[self._starts[i] if i >= 0 else 0 : index]
        return not any(c.isalnum() for c in head)


def chunks(doc: Document, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans of ``doc.text`` to send, cut at block ends, about ``limit`` long."""
    start = 0
    end = 0
    for block in doc.blocks:
        if block.end - start > limit and end > start:
            yield start, end
            start = block.start
        end = block.end
    if end > start:
        yield start, end


# -- talking to a server -------------------------------------------------------------------------
def check_url(base_url: str) -> str:
    """``<server>/v2/check`` for a server URL given with or without ``/v2`` or ``/v2/check``."""
    url = base_url.strip().rstrip("/")
    for suffix in ("/check", "/v2"):
        if url.endswith(suffix):
            url = url[: -len(suffix)]
    return url + "/v2/check"


def _is_loopback(url: str) -> bool:
    return urllib.parse.urlsplit(url).hostname in ("localhost", "127.0.0.1", "::1")


def post_check(url: str, text: str, language: str, timeout: float) -> dict[str, Any]:
    """One ``/v2/check`` request; ``timeout`` bounds connecting and every read."""
    data = urllib.parse.urlencode(
        {"text": text, "language": language, "disabledRules": ",".join(sorted(DISABLED_LT_RULES))}
    ).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": "application/json",
        },
    )
    handlers = [urllib.request.ProxyHandler({})] if _is_loopback(url) else []
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        reason = f"HTTP {exc.code}" + (f": {detail[0]}" if detail else "")
        if exc.code in (400, 413):  # this text (too long, bad language...), not the server
            raise RequestFailed(reason) from None
        raise Unavailable(f"the server at {url} answered {reason}") from None
    except urllib.error.URLError as exc:
        raise Unavailable(_network_reason(url, exc.reason, timeout)) from None
    except (TimeoutError, OSError) as exc:
        raise Unavailable(_network_reason(url, exc, timeout)) from None
    try:
        parsed = json.loads(body)
    except ValueError:
        raise Unavailable(f"the server at {url} did not answer with JSON") from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("matches"), list):
        raise Unavailable(f"the server at {url} did not answer like a LanguageTool /v2/check")
    return parsed


def _network_reason(url: str, reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return f"nothing answers at {url} (connection refused)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"the server at {url} did not answer within {timeout:g} s (languagetool-timeout)"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the server's host in {url}"
    return f"cannot reach the server at {url} ({reason})"


# -- a local server for "auto" -----------------------------------------------------------------
def find_installation() -> Path | None:
    """The LanguageTool server jar of an existing installation: in ``LTP_JAR_DIR_PATH``, else the
    newest ``LanguageTool-*`` directory of language-tool-python's download cache (``LTP_PATH``,
    by default ``~/.cache/language_tool_python``)."""
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        return _jar_in(Path(jar_dir))
    try:
        candidates = sorted(
            (p for p in download_cache().glob("LanguageTool*") if p.is_dir()),
            key=installation_order,
            reverse=True,
        )
    except OSError:
        return None
    for directory in candidates:
        jar = _jar_in(directory)
        if jar is not None:
            return jar
    return None


def download_cache() -> Path:
    """language-tool-python's download cache: ``LTP_PATH``, by default
    ``~/.cache/language_tool_python`` (where ``qualitycheck languagetool install`` unpacks)."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def installation_order(directory: Path) -> tuple[int, tuple[int, ...], str]:
    """Sort key, newest last, in language-tool-python's order: releases by version number
    (``LanguageTool-6.10`` after ``-6.9``), dated snapshots (``LanguageTool-20250601``) after any
    release, and directories named otherwise before both."""
    version = directory.name.removeprefix("LanguageTool-").removesuffix("-SNAPSHOT")
    parts = version.split(".")
    if len(version) == 8 and version.isdigit():
        return (2, (int(version),), directory.name)
    if all(part.isdigit() for part in parts) and version:
        return (1, tuple(int(part) for part in parts), directory.name)
    return (0, (), directory.name)


def _jar_in(directory: Path) -> Path | None:
    for name in JAR_NAMES:
        if (directory / name).is_file():
            return directory / name
    return None


def _where_installations_are_looked_for() -> str:
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return f"LTP_JAR_DIR_PATH={os.environ['LTP_JAR_DIR_PATH']}"
    return f"{download_cache()} (set LTP_JAR_DIR_PATH to a LanguageTool directory)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """A LanguageTool HTTP server started from an installed jar, bound to localhost."""

    def __init__(self, process: subprocess.Popen[bytes], url: str) -> None:
        self.process = process
        self.url = url  # the /v2/check URL
        atexit.register(self.close)

    @classmethod
    def start(cls, language: str, budget: float) -> LocalServer:
        """Start the server and wait (at most ``budget`` seconds) until it has checked a first
        sentence; raise ``Unavailable`` with the reason otherwise."""
        java = shutil.which("java")
        if java is None:
            raise Unavailable(
                "Java was not found on PATH (LanguageTool needs Java 17 or newer); install Java "
                "or point --languagetool at a running server URL"
            )
        jar = find_installation()
        if jar is None:
            raise Unavailable(
                f"no LanguageTool installation found in {_where_installations_are_looked_for()}; "
                "qualitycheck never downloads it at run time: run 'qualitycheck languagetool "
                "install' once, or see docs/languagetool.md to run a server and pass its URL"
            )
        port = _free_port()
        command = [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)]
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except OSError as exc:
            raise Unavailable(f"cannot run {java}: {exc.strerror or exc}") from None
        server = cls(process, f"http://127.0.0.1:{port}/v2/check")
        try:
            server._wait_until_ready(language, budget, jar)
        except BaseException:
            server.close()
            raise
        return server

    def _wait_until_ready(self, language: str, budget: float, jar: Path) -> None:
        deadline = time.monotonic() + budget
        last = "it did not answer"
        while True:
            code = self.process.poll()
            if code is not None:
                raise Unavailable(
                    f"the LanguageTool server from {jar} exited with code {code} while starting "
                    "(is it a LanguageTool installation, and is Java 17 or newer?)"
                )
            left = deadline - time.monotonic()
            if left <= 0:
                raise Unavailable(
                    f"the local LanguageTool server did not start within {budget:g} s ({last}); "
                    "raise languagetool-timeout or run a server yourself and pass its URL"
                )
            try:  # the first check also loads the language: do it inside the budget
                post_check(self.url, "This is a sentence.", language, max(0.2, left))
                return
            except (Unavailable, RequestFailed) as exc:
                last = str(exc)
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        atexit.unregister(self.close)


# -- the backend -------------------------------------------------------------------------------
GRAMMAR_DOC = """Grammar and spelling checks from LanguageTool (optional backend, off by default).

## What it does
When `languagetool = "auto"` or a server URL is configured (or `--languagetool` is given), the
prose of each file is sent to a LanguageTool server and its matches are reported as
`grammar.lt.<languagetool-rule-id>` findings, e.g. `grammar.lt.en-a-vs-an`. Misspellings and
grammar errors are warnings; typography, style, whitespace and duplication are info.

## Why it matters
Machine translation and careless post-editing leave agreement errors, wrong articles and
confused words that our own rules do not look for. LanguageTool knows thousands of such patterns.

## Example
`She have seen an report.` -> `grammar.lt.he-verb-agr`, `grammar.lt.en-a-vs-an`.

## Use instead
Follow the suggestion when it fits. Spelling matches on capitalised words are dropped (they are
mostly names; the names rules judge those), as are LanguageTool rules that disagree with edited
news style (straight quotes, hyphens for dashes, headlines without a full stop). A match on a span
one of our rules already reported is merged into that finding. Silence one LanguageTool rule with
`ignore = ["grammar.lt.<id>"]`, all of them with `ignore = ["grammar"]`. See docs/languagetool.md.
"""


def _reports_nothing(doc: Document, ctx: object) -> Iterator[Match]:
    """Backend pseudo-rules are documentation; the backend reports for them."""
    return iter(())


GRAMMAR_RULE = define(PSEUDO_RULE_ID, "warning", _reports_nothing, GRAMMAR_DOC)


class LanguageToolBackend:
    """The engine backend: one server (given, or started on first use) for the whole run."""

    name = STATUS_KEY
    rules: Mapping[str, Rule] = {PSEUDO_RULE_ID: GRAMMAR_RULE}

    def __init__(self, mode: str, language: str = "en-US", timeout: float = 10.0) -> None:
        self.mode = mode  # "auto" or a server URL
        self.language = language
        self.timeout = float(timeout)
        self._url: str | None = None if mode == "auto" else check_url(mode)
        self._server: LocalServer | None = None
        self._started = mode != "auto"
        self._unavailable: str | None = None
        self._notices: list[str] = []
        self._noticed = False
        self._book = RuleBook()

    def _skipped(self, reason: str) -> dict[str, Any]:
        return {"backend": BACKEND_NAME, "status": "skipped", "reason": reason}

    def _fail_run(self, reason: str) -> None:
        self._unavailable = reason
        self._notice(reason)

    def _notice(self, reason: str) -> None:
        if not self._noticed:
            self._noticed = True
            self._notices.append(
                f"grammar checks (LanguageTool) skipped: {reason}. Every other rule ran. "
                "To enable them, start a LanguageTool server and pass its URL, or install one "
                "for 'auto' (docs/languagetool.md); to silence this, use --languagetool off."
            )

    def _ensure_started(self) -> None:
        if self._started:
            return
        self._started = True
        try:
            self._server = LocalServer.start(self.language, STARTUP_FACTOR * self.timeout)
            self._url = self._server.url
        except Unavailable as exc:
            self._fail_run(str(exc))

    def check(self, doc: Document) -> BackendReport:
        self._ensure_started()
        if self._unavailable is not None or self._url is None:
            return BackendReport((), self._skipped(self._unavailable or "no server"))
        mapped = Mapped()
        for start, end in chunks(doc):
            piece = doc.text[start:end]
            try:
                response = post_check(self._url, piece, self.language, self.timeout)
                map_response(
                    doc, response, chunk_start=start, chunk_text=piece, book=self._book,
                    into=mapped,
                )  # fmt: skip
            except Unavailable as exc:
                self._fail_run(str(exc))
                return BackendReport((), self._skipped(str(exc)))
            except (RequestFailed, ValueError) as exc:
                reason = f"the server refused this text ({exc})"
                self._notice(reason)
                return BackendReport((), self._skipped(reason))
        status = {
            "backend": BACKEND_NAME,
            "status": "checked",
            "server": "local" if self._server is not None else self.mode,
            "language": self.language,
            "matches": mapped.seen,
            "dropped": dict(sorted(mapped.dropped.items())),
        }
        return BackendReport(mapped.matches, status)

    def run_notices(self) -> list[str]:
        out, self._notices = self._notices, []
        return out

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


def backend_from_settings(settings: Settings) -> LanguageToolBackend:
    """The backend for ``settings.languagetool`` (``auto`` or a URL; never called for ``off``)."""
    return LanguageToolBackend(
        settings.languagetool, settings.languagetool_language, settings.languagetool_timeout
    )


__all__: Sequence[str] = (
    "GRAMMAR_RULE",
    "LanguageToolBackend",
    "LocalServer",
    "Unavailable",
    "backend_from_settings",
    "check_url",
    "download_cache",
    "find_installation",
    "lt_rule_id",
    "map_response",
)
