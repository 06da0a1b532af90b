"""``qualitycheck server`` driven the way an editor drives it: a real server process, spoken to
over stdio by pygls's own LSP client.

Each test starts its own server (``python -m qualitycheck server``) in a temporary workspace,
and waits for what the server sends (diagnostics, messages) with a generous time-out that only
guards against a hang: nothing here measures time. Needs the ``lsp`` extra.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "pygls", reason='the language server tests need the lsp extra: pip install -e ".[lsp]"'
)

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from qualitycheck import check_text
from qualitycheck.fix import apply_fixes
from qualitycheck.lsp.positions import TextIndex

WAIT = 120.0  # seconds: a guard against a hung server, never a speed requirement

GARBLED = (
    "Harbour report\n"
    "\n"
    "The council met on Tuesday. The the mayor spoke about the budget.\n"
    "She said the vote was close , and the ferry ran again.\n"
)


def units16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Editor:
    """An LSP client with what a test needs: documents it opened, and everything the server
    sent."""

    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client = client
        self.root = root
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.shown: list[lsp.ShowMessageParams] = []
        self.logged: list[lsp.LogMessageParams] = []
        self.events: list[str] = []
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.stderr = b""
        self.result: lsp.InitializeResult | None = None
        self._changed = asyncio.Event()

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def notify(self, event: str) -> None:
        self.events.append(event)
        self._changed.set()

    async def until(self, predicate: Callable[[], Any], what: str) -> Any:
        async def poll() -> Any:
            while not (value := predicate()):
                self._changed.clear()
                await self._changed.wait()
            return value

        try:
            return await asyncio.wait_for(poll(), WAIT)
        except TimeoutError:
            pytest.fail(f"the server never sent {what}; its stderr: {self.stderr[-2000:]!r}")

    async def diagnostics(self, uri: str, version: int | None = None) -> list[lsp.Diagnostic]:
        """The diagnostics of the given version of a document (default: the last one sent)."""
        wanted = self.versions[uri] if version is None else version
        params = await self.until(
            lambda: next(
                (p for p in reversed(self.published) if p.uri == uri and p.version == wanted), None
            ),
            f"diagnostics for version {wanted} of {uri}",
        )
        return list(params.diagnostics)

    def open(self, name: str, text: str, language: str = "plaintext") -> str:
        uri = self.uri(name)
        assert uri not in self.versions, f"{name} is opened twice: give it a name of its own"
        self.versions[uri], self.texts[uri] = 1, text
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
            )
        )
        return uri

    def change(self, uri: str, edits: Sequence[lsp.TextEdit]) -> None:
        """Send ranged changes, and keep our own copy of the text in step."""
        self.versions[uri] += 1
        self.texts[uri] = apply_edits(self.texts[uri], edits)
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                    for e in edits
                ],
            )
        )

    def replace_all(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def hover(self, uri: str, line: int, character: int) -> lsp.Hover | None:
        return await self.client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))
        )

    async def actions(
        self, uri: str, diagnostic: lsp.Diagnostic, only: list[str] | None = None
    ) -> list[lsp.CodeAction]:
        result = await self.client.text_document_code_action_async(
            lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri),
                diagnostic.range,
                lsp.CodeActionContext(diagnostics=[diagnostic], only=only),  # type: ignore[arg-type]
            )
        )
        return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


def apply_edits(text: str, edits: Sequence[lsp.TextEdit]) -> str:
    """Apply non-overlapping edits (UTF-16 positions, all relative to ``text``), last first."""
    index = TextIndex(text)
    spans = []
    for e in edits:
        start = index.offset(e.range.start.line, e.range.start.character)
        end = index.offset(e.range.end.line, e.range.end.character)
        spans.append((start, end, e.new_text))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: lsp.CodeAction, uri: str) -> list[lsp.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        (change,) = action.edit.document_changes
        assert isinstance(change, lsp.TextDocumentEdit) and change.text_document.uri == uri
        return [e for e in change.edits if isinstance(e, lsp.TextEdit)]
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


def capabilities(encodings: list[str] | None = None, **extra: Any) -> lsp.ClientCapabilities:
    general = (
        lsp.GeneralClientCapabilities(
            position_encodings=[lsp.PositionEncodingKind(e) for e in encodings]
        )
        if encodings
        else None
    )
    return lsp.ClientCapabilities(
        general=general,
        text_document=lsp.TextDocumentClientCapabilities(
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown])
        ),
        **extra,
    )


@asynccontextmanager
async def server(
    root: Path,
    *,
    caps: lsp.ClientCapabilities | None = None,
    options: dict[str, Any] | None = None,
    folders: Sequence[Path] | None = None,
    shutdown: bool = True,
) -> AsyncIterator[Editor]:
    client = LanguageClient("qualitycheck-tests", "1")
    editor = Editor(client, root)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        editor.published.append(params)
        editor.notify(f"diagnostics {params.uri} {params.version}")

    @client.feature(lsp.WINDOW_SHOW_MESSAGE)
    def _shown(params: lsp.ShowMessageParams) -> None:
        editor.shown.append(params)
        editor.notify("message")

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def _logged(params: lsp.LogMessageParams) -> None:
        editor.logged.append(params)
        editor.notify("log")

    @client.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def _progress_create(params: lsp.WorkDoneProgressCreateParams) -> None:
        editor.notify("progress create")

    @client.feature(lsp.PROGRESS)
    def _progress(params: lsp.ProgressParams) -> None:
        kind = getattr(params.value, "kind", None) or (
            params.value.get("kind") if isinstance(params.value, dict) else "?"
        )
        editor.notify(f"progress {kind}")

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def _register(params: lsp.RegistrationParams) -> None:
        editor.notify("register " + " ".join(r.method for r in params.registrations))

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    await client.start_io(sys.executable, "-m", "qualitycheck", "server", cwd=str(root), env=env)
    proc = client._server
    assert proc is not None and proc.stderr is not None

    async def drain() -> None:
        assert proc.stderr is not None
        while chunk := await proc.stderr.read(4096):
            editor.stderr += chunk

    drainer = asyncio.create_task(drain())
    workspace = list(folders) if folders is not None else [root]
    editor.result = await asyncio.wait_for(
        client.initialize_async(
            lsp.InitializeParams(
                capabilities=caps or capabilities(),
                root_uri=root.as_uri(),
                workspace_folders=[lsp.WorkspaceFolder(f.as_uri(), f.name) for f in workspace],
                initialization_options={"debounce": 0, **(options or {})},
            )
        ),
        WAIT,
    )
    client.initialized(lsp.InitializedParams())
    try:
        yield editor
        if shutdown:
            await asyncio.wait_for(client.shutdown_async(None), WAIT)
            client.exit(None)
            await asyncio.wait_for(proc.wait(), WAIT)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await asyncio.wait_for(drainer, WAIT)
        await client.stop()


def run(coro: Any) -> Any:
    return asyncio.run(coro)


class LoopThread:
    """An event loop in a thread of its own, for a server several tests share."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(3 * WAIT)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT)
        self.loop.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopThread, Editor]]:
    """One server for the tests that need nothing special. Each opens documents under names of
    its own: diagnostics are told apart by URI and version."""
    root = tmp_path_factory.mktemp("lsp-shared")
    loop = LoopThread()
    session = server(root)
    editor = loop.run(session.__aenter__())
    try:
        yield loop, editor
    finally:
        loop.run(session.__aexit__(None, None, None))
        loop.close()


def only(diagnostics: Sequence[lsp.Diagnostic], rule: str) -> lsp.Diagnostic:
    found = [d for d in diagnostics if d.code == rule]
    assert len(found) == 1, diagnostics
    return found[0]


def span_of(text: str, needle: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(line, UTF-16 character) of the start and end of ``needle`` in ``text``."""
    start = text.index(needle)
    end = start + len(needle)

    def at(offset: int) -> tuple[int, int]:
        head = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
        line = head.count("\n")
        return line, units16(head[head.rfind("\n") + 1 :])

    return at(start), at(end)


def as_tuples(r: lsp.Range) -> tuple[tuple[int, int], tuple[int, int]]:
    return (r.start.line, r.start.character), (r.end.line, r.end.character)


# -- the tests ---------------------------------------------------------------------------------
def test_initialize_announces_what_the_server_does(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared

    async def scenario() -> None:
        assert ed.result is not None
        caps = ed.result.capabilities
        assert ed.result.server_info is not None and ed.result.server_info.name == "qualitycheck"
        assert caps.position_encoding == lsp.PositionEncodingKind.Utf16
        sync = caps.text_document_sync
        assert isinstance(sync, lsp.TextDocumentSyncOptions)
        assert sync.change == lsp.TextDocumentSyncKind.Incremental and sync.open_close
        assert sync.save
        assert caps.hover_provider
        assert isinstance(caps.code_action_provider, lsp.CodeActionOptions)
        kinds = caps.code_action_provider.code_action_kinds or []
        assert lsp.CodeActionKind.QuickFix in kinds
        assert "source.fixAll.qualitycheck" in kinds

    loop.run(scenario())


def test_a_garbled_document_gets_the_findings_of_lint(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared

    async def scenario() -> None:
        uri = ed.open("garbled.txt", GARBLED)
        diagnostics = await ed.diagnostics(uri)
        lint = check_text(GARBLED, path="article.txt").findings
        assert [d.code for d in diagnostics] == [f.rule for f in lint]
        repeated = only(diagnostics, "structure.repeated-word")
        assert as_tuples(repeated.range) == span_of(GARBLED, "The the")
        assert repeated.severity == lsp.DiagnosticSeverity.Error
        assert repeated.source == "qualitycheck"
        assert repeated.code_description is not None
        assert repeated.code_description.href.endswith("docs/rules.md#structurerepeated-word")
        stray = only(diagnostics, "punctuation.stray-mark")
        assert as_tuples(stray.range) == span_of(GARBLED, " ,")
        assert stray.severity == lsp.DiagnosticSeverity.Warning

    loop.run(scenario())


def test_edits_move_the_diagnostics_and_fixing_the_text_clears_them(
    shared: tuple[LoopThread, Editor],
) -> None:
    loop, ed = shared

    async def scenario() -> None:
        uri = ed.open("edited.txt", GARBLED)
        first = only(await ed.diagnostics(uri), "structure.repeated-word")
        # A new first line: the finding moves one line down, same column.
        top = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        ed.change(uri, [lsp.TextEdit(top, "A new first line.\n")])
        moved = only(await ed.diagnostics(uri), "structure.repeated-word")
        assert moved.range.start.line == first.range.start.line + 1
        assert moved.range.start.character == first.range.start.character
        assert as_tuples(moved.range) == span_of(ed.texts[uri], "The the")
        # Typing the fix: the finding goes, the other one stays.
        ed.change(uri, [lsp.TextEdit(moved.range, "The")])
        left = await ed.diagnostics(uri)
        assert [d.code for d in left] == ["punctuation.stray-mark"]

    loop.run(scenario())


def test_hover_explains_the_rule(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared
    from qualitycheck.registry import all_rules
    from qualitycheck.reporters.html import doc_sections

    sections = dict(doc_sections(all_rules()["structure.repeated-word"].doc)[1])

    async def scenario() -> None:
        uri = ed.open("hover.txt", GARBLED)
        d = only(await ed.diagnostics(uri), "structure.repeated-word")
        hover = await ed.hover(uri, d.range.start.line, d.range.start.character + 2)
        assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
        text = hover.contents.value
        assert hover.contents.kind == lsp.MarkupKind.Markdown
        assert "structure.repeated-word" in text
        assert "**What it does**" in text and "**Why it matters**" in text
        for title in ("What it does", "Why it matters"):
            first_words = " ".join(sections[title].split()[:6])
            assert first_words in text
        assert hover.range is not None and hover.range == d.range
        assert await ed.hover(uri, 0, 2) is None  # "Harbour report": nothing there

    loop.run(scenario())


def test_code_action_applies_the_suggestion(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared

    async def scenario() -> None:
        uri = ed.open("replace.txt", GARBLED)
        d = only(await ed.diagnostics(uri), "structure.repeated-word")
        found = await ed.actions(uri, d)
        replace = next(a for a in found if a.title == "Replace with 'The'")
        assert replace.kind == lsp.CodeActionKind.QuickFix and replace.is_preferred
        assert replace.diagnostics is not None and replace.diagnostics[0].code == d.code
        edits = edits_of(replace, uri)
        assert [(as_tuples(e.range), e.new_text) for e in edits] == [
            (span_of(GARBLED, "The the"), "The")
        ]
        fixed = apply_edits(GARBLED, edits)
        assert "budget.\n" in fixed and "Tuesday. The mayor spoke" in fixed
        ed.replace_all(uri, fixed)
        assert "structure.repeated-word" not in [d.code for d in await ed.diagnostics(uri)]

    loop.run(scenario())


def test_fix_all_action_makes_the_edits_of_lint_fix(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared
    text = GARBLED + "He was was late, and the the boat too.\n"
    expected = apply_fixes(text, check_text(text).findings).source

    async def scenario() -> None:
        uri = ed.open("fix-all.txt", text)
        d = only(await ed.diagnostics(uri), "punctuation.stray-mark")
        quick = await ed.actions(uri, d)
        fix_all = [a for a in quick if a.title.startswith("Fix all sure")]
        assert len(fix_all) == 1 and fix_all[0].kind == lsp.CodeActionKind.QuickFix
        assert apply_edits(text, edits_of(fix_all[0], uri)) == expected
        # The same edits as a source action, for "fix all on save".
        source = await ed.actions(uri, d, only=["source.fixAll"])
        assert [a.kind for a in source] == ["source.fixAll.qualitycheck"]
        assert apply_edits(text, edits_of(source[0], uri)) == expected

    loop.run(scenario())


def test_markdown_suppression_action_silences_that_rule_on_that_line(
    shared: tuple[LoopThread, Editor],
) -> None:
    loop, ed = shared
    text = (
        "# Harbour report\n\n"
        "The council met on Tuesday and the the mayor spoke.\n"
        "Later she said the vote was close , and was was sure of it.\n"
    )

    async def scenario() -> None:
        uri = ed.open("suppress.md", text, "markdown")
        diagnostics = await ed.diagnostics(uri)
        assert [d.code for d in diagnostics] == [
            "structure.repeated-word", "punctuation.stray-mark", "structure.repeated-word",
        ]  # fmt: skip
        d = diagnostics[0]
        action = next(a for a in await ed.actions(uri, d) if a.title.startswith("Disable"))
        assert action.title == "Disable structure.repeated-word for this line"
        ed.change(uri, edits_of(action, uri))
        assert (
            "<!-- qualitycheck: disable-next-line structure.repeated-word -->\nThe"
            in (ed.texts[uri])
        )
        left = await ed.diagnostics(uri)
        assert [d.code for d in left] == [
            "punctuation.stray-mark", "structure.repeated-word",
        ]  # fmt: skip
        assert left[1].range.start.line == diagnostics[2].range.start.line + 1

    loop.run(scenario())


def test_plain_text_gets_no_suppression_action(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared

    async def scenario() -> None:
        uri = ed.open("no-comments.txt", GARBLED)
        d = only(await ed.diagnostics(uri), "structure.repeated-word")
        assert not [a for a in await ed.actions(uri, d) if a.title.startswith("Disable")]

    loop.run(scenario())


def test_an_emoji_before_a_finding_counts_two_utf16_units(
    shared: tuple[LoopThread, Editor],
) -> None:
    loop, ed = shared
    # "🎉" is one code point outside the BMP: two UTF-16 code units. "🇺🇦" is two such code
    # points: four units. So "The the" starts at code point 12 (1 + 1 + 2 + 1 + 6 + 1) but at
    # UTF-16 unit 15 (2 + 1 + 4 + 1 + 6 + 1).
    text = "🎉 🇺🇦 Today. The the mayor spoke.\n"
    assert text.index("The the") == 12

    async def scenario() -> None:
        uri = ed.open("emoji.txt", text)
        d = only(await ed.diagnostics(uri), "structure.repeated-word")
        assert as_tuples(d.range) == ((0, 15), (0, 22))
        action = next(a for a in await ed.actions(uri, d) if a.title == "Replace with 'The'")
        assert apply_edits(text, edits_of(action, uri)) == "🎉 🇺🇦 Today. The mayor spoke.\n"
        hover = await ed.hover(uri, 0, 16)
        assert hover is not None and "structure.repeated-word" in str(hover.contents)

    loop.run(scenario())


def test_crlf_lines_and_edits(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared
    text = "Harbour report\r\n\r\nThe the mayor spoke.\r\nShe said 😀 it was was late.\r\n"

    async def scenario() -> None:
        uri = ed.open("crlf.txt", text)
        diagnostics = await ed.diagnostics(uri)
        assert [as_tuples(d.range) for d in diagnostics] == [
            ((2, 0), (2, 7)),
            ((3, 15), (3, 22)),  # "She said " 9, the emoji 2, " it " 4
        ]
        # Replace a whole line, CRLF included: the second finding moves up a line.
        ed.change(uri, [lsp.TextEdit(lsp.Range(lsp.Position(2, 0), lsp.Position(3, 0)), "")])
        (left,) = await ed.diagnostics(uri)
        assert as_tuples(left.range) == ((2, 15), (2, 22))

    loop.run(scenario())


@pytest.mark.parametrize(
    ("offered", "chosen", "character"),
    [
        # "Café 🎉 Today. " is 14 code points; "é" is 2 bytes, the emoji 4 bytes or 2 units.
        (["utf-8", "utf-16"], "utf-8", 18),
        (["utf-16", "utf-32"], "utf-32", 14),
        (["utf-16"], "utf-16", 15),
    ],
)
def test_position_encoding_is_negotiated(
    tmp_path: Path, offered: list[str], chosen: str, character: int
) -> None:
    text = "Café 🎉 Today. The the mayor spoke.\n"
    head = text[: text.index("The the")]
    assert character == {"utf-8": len(head.encode()), "utf-16": units16(head)}.get(
        chosen, len(head)
    )

    async def scenario() -> None:
        async with server(tmp_path, caps=capabilities(offered)) as ed:
            assert ed.result is not None
            assert ed.result.capabilities.position_encoding == chosen
            uri = ed.open("enc.txt", text)
            d = only(await ed.diagnostics(uri), "structure.repeated-word")
            assert d.range.start.character == character

    run(scenario())


def test_a_malformed_configuration_is_shown_and_the_server_keeps_working(tmp_path: Path) -> None:
    config = tmp_path / ".qualitycheck.toml"
    config.write_text('ignore = ["structure"\n', encoding="utf-8")
    caps = capabilities(
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        )
    )

    async def scenario() -> None:
        async with server(tmp_path, caps=caps) as ed:
            uri = ed.open("article.txt", GARBLED)
            diagnostics = await ed.diagnostics(uri)
            (message,) = await ed.until(lambda: ed.shown, "a window/showMessage")
            assert message.type == lsp.MessageType.Error
            assert ".qualitycheck.toml" in message.message and "invalid TOML" in message.message
            # It keeps working, with the default settings.
            assert "structure.repeated-word" in [d.code for d in diagnostics]
            d = only(diagnostics, "structure.repeated-word")
            assert await ed.hover(uri, d.range.start.line, d.range.start.character) is not None
            # The editor watches the configuration files for the server...
            await ed.until(
                lambda: "register workspace/didChangeWatchedFiles" in ed.events,
                "a file watcher registration",
            )
            # ... and tells it when one is fixed: the open document is checked again with it.
            config.write_text('ignore = ["structure"]\n', encoding="utf-8")
            ed.client.workspace_did_change_watched_files(
                lsp.DidChangeWatchedFilesParams(
                    changes=[lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]
                )
            )
            await ed.until(
                lambda: (
                    ed.published[-1].uri == uri
                    and [d.code for d in ed.published[-1].diagnostics] == ["punctuation.stray-mark"]
                ),
                "diagnostics under the fixed configuration",
            )
            assert len(ed.shown) == 1  # the problem was shown once

    run(scenario())


def test_saving_picks_up_a_changed_configuration_without_a_file_watcher(tmp_path: Path) -> None:
    # The client offers no file watching: the server notices the new file itself (its stat
    # changed) the next time it checks, here on didSave.
    async def scenario() -> None:
        async with server(tmp_path) as ed:
            uri = ed.open("article.txt", GARBLED)
            assert "structure.repeated-word" in [d.code for d in await ed.diagnostics(uri)]
            assert "register workspace/didChangeWatchedFiles" not in ed.events
            (tmp_path / ".qualitycheck.toml").write_text(
                'ignore = ["structure.repeated-word"]\n', encoding="utf-8"
            )
            sent = len(ed.published)
            ed.client.text_document_did_save(
                lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri))
            )
            await ed.until(
                lambda: any(
                    p.uri == uri and [d.code for d in p.diagnostics] == ["punctuation.stray-mark"]
                    for p in ed.published[sent:]
                ),
                "diagnostics under the new configuration after didSave",
            )
            assert ed.shown == []

    run(scenario())


def test_each_workspace_folder_has_its_own_configuration(tmp_path: Path) -> None:
    quiet, loud = tmp_path / "quiet", tmp_path / "loud"
    (quiet / "drafts").mkdir(parents=True)
    loud.mkdir()
    (quiet / "pyproject.toml").write_text(
        '[tool.qualitycheck]\nignore = ["structure.repeated-word"]\nexclude = ["drafts"]\n',
        encoding="utf-8",
    )

    async def scenario() -> None:
        async with server(tmp_path, folders=[quiet, loud]) as ed:
            a = ed.open("quiet/article.txt", GARBLED)
            b = ed.open("loud/article.txt", GARBLED)
            c = ed.open("quiet/drafts/article.txt", GARBLED)
            assert [d.code for d in await ed.diagnostics(a)] == ["punctuation.stray-mark"]
            assert "structure.repeated-word" in [d.code for d in await ed.diagnostics(b)]
            assert await ed.diagnostics(c) == []  # excluded, as lint would skip it

    run(scenario())


def test_suppression_comments_in_the_document_work_as_in_lint(
    shared: tuple[LoopThread, Editor],
) -> None:
    loop, ed = shared
    text = (
        "Intro line here.\n\n"
        "<!-- qualitycheck: disable-next-line structure.repeated-word -->\n"
        "The the mayor spoke , then left.\n\n"
        "<!-- qualitycheck: silence please -->\n"
    )

    async def scenario() -> None:
        uri = ed.open("page.md", text, "markdown")
        diagnostics = await ed.diagnostics(uri)
        assert [d.code for d in diagnostics] == ["punctuation.stray-mark", None]
        malformed = diagnostics[1]
        assert "malformed qualitycheck comment" in malformed.message
        assert as_tuples(malformed.range) == span_of(text, "<!-- qualitycheck: silence please -->")

    loop.run(scenario())


NOUNS = ("council", "harbour board", "ferry company", "school", "museum", "market", "clinic",
         "library", "railway", "bakery", "theatre", "port authority", "water utility")  # fmt: skip
VERBS = ("met", "spoke", "voted", "agreed", "argued", "waited", "planned", "decided")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def clean_paragraph(i: int) -> str:
    """One of many different clean paragraphs (about 110 characters)."""
    return (
        f"The {NOUNS[i % 13]} {VERBS[i % 8]} on {DAYS[i % 7]} with {i % 97 + 3} members, "
        f"and item {i} of the plan for {2000 + i % 31} was read out by the clerk.\n\n"
    )


def test_a_large_document_is_checked_in_the_background_and_stale_results_dropped(
    tmp_path: Path,
) -> None:
    big = "".join(map(clean_paragraph, range(3000))) + "At the end the the ferry ran.\n"
    caps = capabilities(window=lsp.WindowClientCapabilities(work_done_progress=True))

    async def scenario() -> None:
        options = {"backgroundThreshold": 100_000}
        async with server(tmp_path, caps=caps, options=options) as ed:
            small = ed.open("small.txt", GARBLED)
            d = only(await ed.diagnostics(small), "structure.repeated-word")
            uri = ed.open("big.txt", big)
            # A new version arrives while the first one is being checked.
            ed.replace_all(uri, big.replace("the the ferry", "the ferry") + "Then was was said.\n")
            await ed.until(lambda: "progress begin" in ed.events, "progress for the large document")
            # The server answers while the large document is being checked.
            hover = await ed.hover(small, d.range.start.line, d.range.start.character)
            assert hover is not None
            ed.notify("hover answered")
            diagnostics = await ed.diagnostics(uri, version=2)
            assert [x.code for x in diagnostics] == ["structure.repeated-word"]
            assert diagnostics[0].range.start.line == big.count("\n")
            # The result for version 1 came too late and was never published.
            assert [p.version for p in ed.published if p.uri == uri] == [2]
            events = ed.events
            assert events.index("hover answered") < events.index(f"diagnostics {uri} 2")

    run(scenario())


def test_closing_a_document_clears_its_diagnostics(shared: tuple[LoopThread, Editor]) -> None:
    loop, ed = shared

    async def scenario() -> None:
        uri = ed.open("closed.txt", GARBLED)
        assert await ed.diagnostics(uri)
        sent = len(ed.published)
        ed.client.text_document_did_close(
            lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri))
        )
        await ed.until(
            lambda: any(p.uri == uri and not p.diagnostics for p in ed.published[sent:]),
            "empty diagnostics after didClose",
        )

    loop.run(scenario())


def test_shutdown_then_exit_ends_the_process_with_code_0(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with server(tmp_path, shutdown=False) as ed:
            uri = ed.open("article.txt", GARBLED)
            assert await ed.diagnostics(uri)
            assert await asyncio.wait_for(ed.client.shutdown_async(None), WAIT) is None
            ed.client.exit(None)
            proc = ed.client._server
            assert proc is not None
            assert await asyncio.wait_for(proc.wait(), WAIT) == 0
        assert b"Traceback" not in ed.stderr

    run(scenario())


def test_exit_without_shutdown_ends_the_process_with_code_1(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with server(tmp_path, shutdown=False) as ed:
            ed.client.exit(None)
            proc = ed.client._server
            assert proc is not None
            assert await asyncio.wait_for(proc.wait(), WAIT) == 1

    run(scenario())
