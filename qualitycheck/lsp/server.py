"""The language server itself: pygls glue around ``qualitycheck.api.Checker``.

- Documents are kept here (``workspace.OpenDocument``), not in pygls's workspace, so that
  positions follow the protocol exactly (``positions.py``: lines end at ``\\n``, ``\\r\\n`` or
  ``\\r``; characters are counted in the negotiated encoding).
- A check runs in a worker thread, so the server keeps answering; a document of
  ``background_chars`` characters or more is checked in a child process
  (``checking.Background``), so that not even the rules' own C code can hold the server up.
  Changes are debounced; a newer version of a document replaces the check that was waiting,
  and the result of a check that finishes after the document changed again is dropped.
- Rules, data and the glossary stay loaded between checks: one ``Checker`` per configuration
  (``workspace.Configurations``), reloaded when its files change.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from qualitycheck import __version__
from qualitycheck.config import CONFIG_FILES
from qualitycheck.finding import Finding, Severity
from qualitycheck.fix import DEFAULT_FIX_CONFIDENCE, fixable
from qualitycheck.lsp import actions
from qualitycheck.lsp.checking import Background, Outcome, WorkerError, check
from qualitycheck.lsp.positions import ENCODINGS, UTF16, Change, Pos, TextIndex
from qualitycheck.lsp.positions import apply_changes as apply_text_changes
from qualitycheck.lsp.workspace import Configurations, FolderConfig, OpenDocument, uri_to_path

log = logging.getLogger("qualitycheck.lsp")

DOCS_URL = "https://github.com/qualitycheck/qualitycheck/blob/main/docs/rules.md"
SOURCE = "qualitycheck"
FIX_ALL_KIND = "source.fixAll.qualitycheck"
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
# Position encodings we would rather use, best first: code points need no conversion at all.
PREFERRED_ENCODINGS = ("utf-32", "utf-8", "utf-16")


@dataclass
class Options:
    """What an editor may set in ``initializationOptions`` (or ``workspace/didChangeConfiguration``
    settings), flat or under a ``qualitycheck`` key."""

    debounce: float = 0.15  # seconds to wait after a change before checking ("debounce": ms)
    fix_min_confidence: float = DEFAULT_FIX_CONFIDENCE  # "fixMinConfidence"
    background_chars: int = 200_000  # "backgroundThreshold": check in a child process from here
    max_diagnostics: int = 1000  # "maxDiagnostics": per document, the first ones in the text

    def update(self, raw: Any) -> list[str]:
        """Apply the known keys of ``raw``; returns a complaint for each bad value."""
        if not isinstance(raw, dict):
            return []
        if isinstance(raw.get("qualitycheck"), dict):
            raw = raw["qualitycheck"]
        problems: list[str] = []

        def number(key: str, low: float, high: float) -> float | None:
            value = raw.get(key)
            if value is None:
                return None
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not (low <= value <= high)
            ):
                problems.append(f"'{key}' must be a number from {low:g} to {high:g}")
                return None
            return float(value)

        if (v := number("debounce", 0, 60_000)) is not None:
            self.debounce = v / 1000
        if (v := number("fixMinConfidence", 0, 1)) is not None:
            self.fix_min_confidence = v
        if (v := number("backgroundThreshold", 0, 1e12)) is not None:
            self.background_chars = int(v)
        if (v := number("maxDiagnostics", 1, 1e9)) is not None:
            self.max_diagnostics = int(v)
        return problems


@dataclass
class Checked:
    """The last published result of a document."""

    version: int | None
    index: TextIndex  # the text that was checked
    fmt: str
    findings: tuple[Finding, ...] = ()
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)  # findings[i] -> [i]
    config: FolderConfig | None = None


class Protocol(LanguageServerProtocol):
    """pygls's protocol with two changes: the server keeps its own copy of every document (so
    pygls's own copy, which splits lines the way ``str.splitlines`` does, is never made), and it
    picks the position encoding it prefers among those the client offers."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Any:
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = [str(getattr(e, "value", e)) for e in general.position_encodings]
            best = [e for e in PREFERRED_ENCODINGS if e in offered]
            general.position_encodings = [
                lsp.PositionEncodingKind(e) for e in best
            ] or general.position_encodings
        return (yield from super().lsp_initialize(params))

    def _user(self, method: str, params: Any) -> Any:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Any:
        yield from self._user(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Any:
        yield from self._user(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Any:
        yield from self._user(lsp.TEXT_DOCUMENT_DID_CLOSE, params)


@cache
def documented_rules() -> frozenset[str]:
    """Ids of the rules docs/rules.md documents: the built-in ones."""
    from qualitycheck.packs import builtin_pack_dir
    from qualitycheck.registry import installed_rules

    packs = str(builtin_pack_dir())
    return frozenset(
        r.id for r in installed_rules() if r.origin.startswith(("qualitycheck.", packs))
    )


def rule_link(rule_id: str) -> str | None:
    if rule_id not in documented_rules():
        return None
    return f"{DOCS_URL}#{rule_id.replace('.', '')}"


class Server(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "qualitycheck",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=Protocol,
        )
        self.options = Options()
        self.encoding = UTF16
        self.documents: dict[str, OpenDocument] = {}
        self.checked: dict[str, Checked] = {}
        self.configs = Configurations()
        self.shut_down = False
        self.shutdown_requested = False  # the editor asked for shutdown (exit code 0)
        self._markdown_hover = True
        self._document_changes = False
        self._progress = False
        self._watch_files = False
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._running: set[str] = set()
        self._dirty: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._shown: dict[Any, str | None] = {}  # folder -> the configuration message shown
        self._logged: set[str] = set()
        self._small = ThreadPoolExecutor(1, thread_name_prefix="qualitycheck-check")
        self._large = ThreadPoolExecutor(1, thread_name_prefix="qualitycheck-background")
        self._background = Background()
        self._check_lock = threading.Lock()  # one in-process check at a time
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0

    # -- life cycle ----------------------------------------------------------------------------
    def initialize(self, params: lsp.InitializeParams) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        for problem in self.options.update(params.initialization_options):
            self.log(f"initializationOptions: {problem}", lsp.MessageType.Warning)
        encoding = str(getattr(self.workspace.position_encoding, "value", UTF16) or UTF16)
        self.encoding = encoding if encoding in ENCODINGS else UTF16
        caps = params.capabilities
        hover = caps.text_document.hover if caps.text_document else None
        if hover is not None and hover.content_format is not None:
            self._markdown_hover = lsp.MarkupKind.Markdown in hover.content_format
        edit = caps.workspace.workspace_edit if caps.workspace else None
        self._document_changes = bool(edit and edit.document_changes)
        self._progress = bool(caps.window and caps.window.work_done_progress)
        watched = caps.workspace.did_change_watched_files if caps.workspace else None
        self._watch_files = bool(watched and watched.dynamic_registration)
        folders = [uri_to_path(f.uri) for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [uri_to_path(params.root_uri)]
        elif not folders and params.root_path:
            folders = [Path(params.root_path)]
        self.configs.set_folders(f for f in folders if f is not None)

    def initialized(self) -> None:
        if not self._watch_files:
            return
        watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        self.client_register_capability(
            lsp.RegistrationParams(
                registrations=[
                    lsp.Registration(
                        id="qualitycheck-configuration",
                        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )

    def shutdown_checks(self) -> None:
        self.shut_down = True
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._background.close()
        self._small.shutdown(wait=False, cancel_futures=True)
        self._large.shutdown(wait=False, cancel_futures=True)
        self.configs.close()

    # -- documents -----------------------------------------------------------------------------
    def open(self, item: lsp.TextDocumentItem) -> None:
        self.documents[item.uri] = OpenDocument(
            item.uri, TextIndex(item.text), item.version, item.language_id, uri_to_path(item.uri)
        )
        self.schedule(item.uri, 0)

    def change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return
        changes = []
        for c in params.content_changes:
            if isinstance(c, lsp.TextDocumentContentChangePartial):
                r = c.range
                span = (Pos(r.start.line, r.start.character), Pos(r.end.line, r.end.character))
                changes.append(Change(c.text, span))
            else:
                changes.append(Change(c.text))
        doc.index = apply_text_changes(doc.index, changes, self.encoding)
        doc.version = params.text_document.version
        self.schedule(doc.uri, self.options.debounce)

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)
        self.checked.pop(uri, None)
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def recheck_all(self) -> None:
        for uri in list(self.documents):
            self.schedule(uri, 0)

    # -- checking ------------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds; a later call for the same document replaces a
        check that has not started yet."""
        if self.shut_down:
            return
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            self._start(uri)
        else:
            self._timers[uri] = loop.call_later(delay, self._start, uri)

    def _start(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri in self._running:
            self._dirty.add(uri)  # checked again, with the newest text, when this one is done
            return
        self._running.add(uri)
        task = asyncio.get_running_loop().create_task(self._run(uri))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, uri: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            while not self.shut_down:
                self._dirty.discard(uri)
                doc = self.documents.get(uri)
                if doc is None:
                    return
                snapshot = OpenDocument(doc.uri, doc.index, doc.version, doc.language_id, doc.path)
                large = len(snapshot.text) >= self.options.background_chars
                token = await self._begin_progress(snapshot) if large else None
                try:
                    checked = await loop.run_in_executor(
                        self._large if large else self._small, self._check, snapshot, large
                    )
                except Exception as exc:  # reported, and the server goes on
                    if self.shut_down:
                        return
                    self.log(f"checking {uri} failed: {type(exc).__name__}: {exc}")
                    checked = None
                finally:
                    if token is not None:
                        self._end_progress(token)
                if checked is not None:
                    self._report_config(checked.config)
                    current = self.documents.get(uri)
                    if current is not None and current.index is snapshot.index:
                        self.checked[uri] = checked
                        self.text_document_publish_diagnostics(
                            lsp.PublishDiagnosticsParams(
                                uri=uri, diagnostics=checked.diagnostics, version=checked.version
                            )
                        )
                if uri not in self._dirty:
                    return
        finally:
            self._running.discard(uri)

    def _check(self, doc: OpenDocument, large: bool) -> Checked:
        """Check one snapshot (in a worker thread) and build its diagnostics."""
        config = self.configs.get(self.configs.folder_for(doc.path))
        fmt = doc.format
        checked = Checked(doc.version, doc.index, fmt, config=config)
        if config.excluded(doc.path):
            return checked
        shown = config.display_path(doc.path)
        outcome: Outcome | None = None
        if large:
            try:
                outcome = self._background.check(config.key, config.settings, doc.text, fmt, shown)
            except WorkerError as exc:
                if self.shut_down:
                    raise
                self.log(f"{exc}; checking {doc.uri} in the server process instead")
        if outcome is None:
            with self._check_lock:
                outcome = check(config.checker, doc.text, fmt, shown)
        if outcome.error is not None:
            self.log(f"{doc.uri}: not checked: {outcome.error}", lsp.MessageType.Warning)
        for rule, error in outcome.failures:
            self.log(f"rule {rule} failed on {doc.uri}: {error}", lsp.MessageType.Warning)
        findings = outcome.findings
        if len(findings) > self.options.max_diagnostics:
            self.log(
                f"{doc.uri}: showing the first {self.options.max_diagnostics} of "
                f"{len(findings)} findings (maxDiagnostics)",
                lsp.MessageType.Info,
            )
            findings = findings[: self.options.max_diagnostics]
        checked.findings = findings
        checked.diagnostics = [self._diagnostic(doc.index, f) for f in findings]
        checked.diagnostics.extend(
            lsp.Diagnostic(
                range=self._range(doc.index, start, end),
                message="malformed qualitycheck comment, ignored: expected "
                "'qualitycheck: disable|enable|disable-next-line [RULE, ...]'",
                severity=lsp.DiagnosticSeverity.Warning,
                source=SOURCE,
            )
            for start, end in outcome.bad_directives
        )
        return checked

    def _diagnostic(self, index: TextIndex, f: Finding) -> lsp.Diagnostic:
        link = rule_link(f.rule)
        return lsp.Diagnostic(
            range=self._range(index, f.start, f.end),
            message=f.message,
            severity=SEVERITIES[f.severity],
            code=f.rule,
            code_description=lsp.CodeDescription(href=link) if link else None,
            source=SOURCE,
        )

    def _range(self, index: TextIndex, start: int, end: int) -> lsp.Range:
        a = index.position(start, self.encoding)
        b = index.position(end, self.encoding)
        return lsp.Range(lsp.Position(a.line, a.character), lsp.Position(b.line, b.character))

    def _offset(self, index: TextIndex, position: lsp.Position) -> int:
        return index.offset(position.line, position.character, self.encoding)

    async def _begin_progress(self, doc: OpenDocument) -> str | None:
        if not self._progress:
            return None
        token = f"qualitycheck-{id(doc)}"
        try:
            await asyncio.wait_for(self.work_done_progress.create_async(token), 5)
        except Exception:  # no progress then: the check still runs
            return None
        name = doc.path.name if doc.path else doc.uri
        self.work_done_progress.begin(
            token, lsp.WorkDoneProgressBegin(title="qualitycheck", message=f"checking {name}")
        )
        return token

    def _end_progress(self, token: str) -> None:
        with contextlib.suppress(Exception):
            self.work_done_progress.end(token, lsp.WorkDoneProgressEnd())

    def _report_config(self, config: FolderConfig | None) -> None:
        """Show a configuration problem once (and again only when it changes)."""
        if config is None:
            return
        message = config.message
        if self._shown.get(config.folder) == message:
            return
        self._shown[config.folder] = message
        if message is not None:
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message)
            )
        else:
            self.log(f"configuration of {config.folder} loaded", lsp.MessageType.Info)

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        """Tell the editor's log, once per distinct message (from any thread: the message is
        sent from the event loop's)."""
        loop = self._loop
        if loop is not None and threading.get_ident() != self._loop_thread:
            loop.call_soon_threadsafe(self.log, message, kind)
            return
        if message in self._logged:
            return
        if len(self._logged) > 1000:
            self._logged.clear()
        self._logged.add(message)
        with contextlib.suppress(Exception):
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    # -- what a result says about a place -------------------------------------------------------
    def _current(self, uri: str) -> tuple[OpenDocument, Checked, list[Finding]] | None:
        """The document, its last result and the findings that still describe its text."""
        doc, checked = self.documents.get(uri), self.checked.get(uri)
        if doc is None or checked is None:
            return None
        if checked.index is doc.index:
            return doc, checked, list(checked.findings)
        text = doc.text
        return doc, checked, [f for f in checked.findings if text[f.start : f.end] == f.text]

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        current = self._current(params.text_document.uri)
        if current is None:
            return None
        doc, checked, findings = current
        offset = self._offset(doc.index, params.position)
        hits = [f for f in findings if f.start <= offset <= f.end]
        if not hits:
            return None
        rules = checked.config.checker.engine if checked.config else None
        parts = [_hover_text(f, rules, self._markdown_hover) for f in hits]
        joined = ("\n\n---\n\n" if self._markdown_hover else "\n\n").join(parts)
        kind = lsp.MarkupKind.Markdown if self._markdown_hover else lsp.MarkupKind.PlainText
        first = hits[0]
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=kind, value=joined),
            range=self._range(doc.index, first.start, first.end),
        )

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        current = self._current(params.text_document.uri)
        if current is None:
            return None
        doc, checked, findings = current
        only = params.context.only
        wants_quickfix = only is None or any(
            _kind_wanted(lsp.CodeActionKind.QuickFix, k) for k in only
        )
        wants_fix_all = only is not None and any(_kind_wanted(FIX_ALL_KIND, k) for k in only)
        start = self._offset(doc.index, params.range.start)
        end = self._offset(doc.index, params.range.end)
        hits = [f for f in findings if f.start <= end and start <= f.end]
        by_finding = {id(f): d for f, d in zip(checked.findings, checked.diagnostics, strict=False)}
        out: list[lsp.CodeAction] = []
        if wants_quickfix:
            for f in hits:
                diagnostic = by_finding.get(id(f))
                diagnostics = [diagnostic] if diagnostic is not None else None
                sure = fixable(f, self.options.fix_min_confidence)
                for i, suggestion in enumerate(f.suggestions):
                    title = (
                        f"Replace with '{_short(suggestion)}'"
                        if suggestion
                        else f"Remove '{_short(f.text)}'"
                    )
                    out.append(
                        lsp.CodeAction(
                            title=title,
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=diagnostics,
                            is_preferred=sure and i == 0,
                            edit=self._edit(doc, [actions.replacement(f, suggestion)]),
                        )
                    )
                quiet = actions.suppression(doc.index, checked.fmt, f)
                if quiet is not None:
                    out.append(
                        lsp.CodeAction(
                            title=f"Disable {f.rule} for this line",
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=diagnostics,
                            edit=self._edit(doc, [quiet]),
                        )
                    )
        if (wants_quickfix and hits) or wants_fix_all:
            fixes = actions.sure_fixes(doc.text, findings, self.options.fix_min_confidence)
            if fixes:
                n = len(fixes)
                title = f"Fix all sure qualitycheck findings in this document ({n})"
                if wants_quickfix and hits:
                    out.append(
                        lsp.CodeAction(
                            title=title,
                            kind=lsp.CodeActionKind.QuickFix,
                            edit=self._edit(doc, fixes),
                        )
                    )
                if wants_fix_all:
                    out.append(
                        lsp.CodeAction(title=title, kind=FIX_ALL_KIND, edit=self._edit(doc, fixes))
                    )
        return out

    def _edit(self, doc: OpenDocument, edits: Sequence[actions.Edit]) -> lsp.WorkspaceEdit:
        text_edits = [
            lsp.TextEdit(range=self._range(doc.index, e.start, e.end), new_text=e.new_text)
            for e in edits
        ]
        if self._document_changes:
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(
                        text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                            uri=doc.uri, version=doc.version
                        ),
                        edits=list(text_edits),
                    )
                ]
            )
        return lsp.WorkspaceEdit(changes={doc.uri: text_edits})


def _short(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters for a menu."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _kind_wanted(kind: str, requested: str) -> bool:
    """Whether an action of ``kind`` answers a request for ``requested`` (a kind covers the kinds
    under it: ``source`` covers ``source.fixAll.qualitycheck``)."""
    requested = str(getattr(requested, "value", requested))
    kind = str(getattr(kind, "value", kind))
    return kind == requested or kind.startswith(requested + ".")


def _hover_text(f: Finding, engine: Any, markdown: bool) -> str:
    """The finding, then what its rule does and why it matters."""
    from qualitycheck.reporters.html import doc_sections

    rule = engine.rule_for(f.rule) if engine is not None else None
    sections = dict(doc_sections(rule.doc)[1]) if rule is not None else {}
    link = rule_link(f.rule)
    if not markdown:
        lines = [f"{f.rule} ({f.severity.label}): {f.message}"]
        for title in ("What it does", "Why it matters"):
            if sections.get(title):
                lines += ["", title, " ".join(sections[title].split())]
        if link:
            lines += ["", link]
        return "\n".join(lines)
    lines = [f"**{f.rule}** ({f.severity.label}): {_escape(f.message)}"]
    for title in ("What it does", "Why it matters"):
        if sections.get(title):
            lines += ["", f"**{title}**", "", _escape(" ".join(sections[title].split()))]
    if link:
        lines += ["", f"[Documentation of {f.rule}]({link})"]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Text shown as Markdown literally: its Markdown punctuation escaped."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>#|~":
            out.append("\\")
        out.append(ch)
    return "".join(out)


def create_server() -> Server:
    """A server with every feature registered (``start_io`` runs it)."""
    server = Server()

    @server.feature(lsp.INITIALIZE)
    def _initialize(ls: Server, params: lsp.InitializeParams) -> None:
        ls.initialize(params)

    @server.feature(lsp.INITIALIZED)
    def _initialized(ls: Server, params: lsp.InitializedParams) -> None:
        ls.initialized()

    @server.feature(lsp.SHUTDOWN)
    def _shutdown(ls: Server, params: Any) -> None:
        ls.shutdown_requested = True
        ls.shutdown_checks()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: Server, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.open(params.text_document)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def _did_change(ls: Server, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.change(params)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def _did_save(ls: Server, params: lsp.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri in ls.documents:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: Server, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _watched(ls: Server, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.configs.invalidate()
        ls.recheck_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def _folders(ls: Server, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        folders = [uri_to_path(f.uri) for f in ls.workspace.folders.values()]
        ls.configs.set_folders(f for f in folders if f is not None)
        ls.recheck_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def _configuration(ls: Server, params: lsp.DidChangeConfigurationParams) -> None:
        for problem in ls.options.update(params.settings):
            ls.log(f"settings: {problem}", lsp.MessageType.Warning)
        ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def _hover(ls: Server, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def _code_action(ls: Server, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        return ls.code_actions(params)

    return server


def serve() -> int:
    """Run the server on standard input and output until the editor says ``exit``; the exit
    code is 0 when it asked for ``shutdown`` first, as the protocol wants."""
    import sys

    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="qualitycheck: %(message)s"
    )
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    server = create_server()
    try:
        server.start_io(stdin, stdout)
    finally:
        if not server.shut_down:
            server.shutdown_checks()
    return 0 if server.shutdown_requested else 1
