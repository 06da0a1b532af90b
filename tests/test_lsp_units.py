"""The language server's parts that need no editor and no pygls: LSP positions, the edits of its
code actions, configuration per folder, and keeping pygls out of the other commands."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitycheck import check_text
from qualitycheck.fix import apply_fixes
from qualitycheck.loaders import load_text
from qualitycheck.lsp import actions
from qualitycheck.lsp.positions import UTF8, UTF16, UTF32, Change, Pos, TextIndex, apply_changes
from qualitycheck.lsp.workspace import Configurations, document_format, uri_to_path


# -- positions -------------------------------------------------------------------------------
def reference_positions(text: str, encoding: str) -> list[Pos]:
    """The position of every offset of ``text`` (and of its end), counted character by
    character: the protocol's definition, written out plainly."""
    out, line, col, i = [], 0, 0, 0
    while i <= len(text):
        out.append(Pos(line, col))
        if i == len(text):
            break
        ch = text[i]
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            out.append(Pos(line, col))  # between \r and \n: still the end of the line
            line, col, i = line + 1, 0, i + 2
            continue
        if ch in "\r\n":
            line, col = line + 1, 0
        elif encoding == UTF16:
            col += 2 if ord(ch) > 0xFFFF else 1
        elif encoding == UTF8:
            col += len(ch.encode("utf-8", "surrogatepass"))
        else:
            col += 1
        i += 1
    return out


ALPHABET = st.sampled_from(["a", "Z", " ", "é", "€", "😀", "🇺", "\r", "\n", "\u2028", "\x0c", "\t"])


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join), st.sampled_from([UTF8, UTF16, UTF32]))
def test_positions_agree_with_counting_character_by_character(text: str, encoding: str) -> None:
    index = TextIndex(text)
    expected = reference_positions(text, encoding)
    assert [index.position(i, encoding) for i in range(len(text) + 1)] == expected
    for i, pos in enumerate(expected):
        if i > 0 and text[i - 1 : i + 1] == "\r\n":
            continue  # the offset inside a CRLF has no position of its own
        assert index.offset(pos.line, pos.character, encoding) == i


def test_only_cr_lf_and_crlf_end_lines() -> None:
    # Form feed, U+2028 and NEL are line breaks to str.splitlines, not to the protocol.
    index = TextIndex("a\x0cb\u2028c\x85d\r\ne\rf\ng")
    assert index.line_count == 4
    assert [index.line_text(n) for n in range(4)] == ["a\x0cb\u2028c\x85d", "e", "f", "g"]


def test_emoji_counts_two_utf16_units_one_code_point_four_bytes() -> None:
    text = "🎉 The the mayor"
    index = TextIndex(text)
    at = text.index("The")
    assert index.position(at, UTF16) == Pos(0, 3)
    assert index.position(at, UTF32) == Pos(0, 2)
    assert index.position(at, UTF8) == Pos(0, 5)
    # A character in the middle of the emoji stops before it.
    assert index.offset(0, 1, UTF16) == 0
    assert index.offset(0, 2, UTF8) == 0


def test_positions_past_the_end_of_a_line_or_text_are_clamped() -> None:
    index = TextIndex("ab\r\ncd")
    assert index.offset(0, 99) == 2  # the end of line 0, before its \r\n
    assert index.offset(7, 0) == 6
    assert index.position(3) == Pos(0, 2)  # inside the CRLF: the end of its line


def test_incremental_changes_apply_in_order() -> None:
    index = TextIndex("first line\r\nsecond 😀 line\r\n")
    changes = [
        Change("2nd", (Pos(1, 0), Pos(1, 6))),  # "second" -> "2nd"
        Change("X", (Pos(1, 4), Pos(1, 6))),  # the emoji (two UTF-16 units) -> "X"
        Change("new\r\n", (Pos(0, 0), Pos(0, 0))),
    ]
    assert apply_changes(index, changes, UTF16).text == "new\r\nfirst line\r\n2nd X line\r\n"
    assert apply_changes(index, [Change("whole")]).text == "whole"


# -- code actions ----------------------------------------------------------------------------
def apply(text: str, edit: actions.Edit) -> str:
    return text[: edit.start] + edit.new_text + text[edit.end :]


def finding_on(text: str, fmt: str, rule: str, snippet: str):  # type: ignore[no-untyped-def]
    found = [f for f in check_text(text, fmt=fmt).findings if f.rule == rule and snippet in f.text]
    assert len(found) == 1, found
    return found[0]


def signature(text: str, fmt: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in check_text(text, fmt=fmt).findings]


MARKDOWN = textwrap.dedent(
    """\
    # Harbour report

    The council met on Tuesday and the the mayor spoke.
    Later she said the vote was close, and was was sure of it.
    Nobody asked for for a recount.<hard break>
    The ferry ran again on on Sunday.

    - The first item was was late.
    - The second item came in in time.

    > The the quote started here.
    > It came from from the mayor.

    | name | note |
    |---|---|
    | ferry | ran the the route |
    """
).replace("<hard break>", "  ")


@pytest.mark.parametrize(
    ("snippet", "expected_line"),
    [
        ("the the mayor", "<!-- qualitycheck: disable-next-line structure.repeated-word -->"),
        ("was was", "The council met on Tuesday and the the mayor spoke. <!--"),
        ("on on", "Nobody asked for for a recount. <!--"),  # before the hard break
        ("in in time", "- The first item was was late. <!--"),
        ("The the quote", "> <!-- qualitycheck: disable-next-line structure.repeated-word -->"),
        ("from from", "> The the quote started here. <!--"),
        ("the the route", "| <!-- qualitycheck: disable-next-line"),
    ],
)
def test_markdown_suppression_silences_the_line_and_changes_nothing_else(
    snippet: str, expected_line: str
) -> None:
    findings = check_text(MARKDOWN, fmt="markdown").findings
    line = next(n for n, text in enumerate(MARKDOWN.splitlines(), 1) if snippet in text)
    (finding,) = [f for f in findings if f.line == line]
    i = findings.index(finding)
    others = [(f.rule, f.text) for f in findings[:i] + findings[i + 1 :]]
    edit = actions.suppression(TextIndex(MARKDOWN), "markdown", finding)
    assert edit is not None
    after_text = apply(MARKDOWN, edit)
    assert any(line.startswith(expected_line) for line in after_text.splitlines()), after_text
    assert signature(after_text, "markdown") == others
    # The prose and its blocks are what they were: the comment is invisible.
    old, new = load_text(MARKDOWN, "markdown"), load_text(after_text, "markdown")
    assert new.text == old.text
    assert [b.kind for b in new.blocks] == [b.kind for b in old.blocks]


def test_a_second_rule_joins_the_existing_comment() -> None:
    text = "Intro line.\n\nThe vote was close , and the the mayor left.\n"
    stray = finding_on(text, "markdown", "punctuation.stray-mark", ",")
    first = apply(text, actions.suppression(TextIndex(text), "markdown", stray))  # type: ignore[arg-type]
    repeated = finding_on(first, "markdown", "structure.repeated-word", "the the")
    second = apply(first, actions.suppression(TextIndex(first), "markdown", repeated))  # type: ignore[arg-type]
    assert (
        "<!-- qualitycheck: disable-next-line punctuation.stray-mark, structure.repeated-word -->"
        in second
    )
    assert check_text(second, fmt="markdown").findings == []


def test_html_suppression_goes_on_its_own_line_keeping_the_indentation() -> None:
    text = "<html><body>\n  <p>The council met on Tuesday.\n  The the mayor spoke.</p>\n</body></html>\n"
    finding = finding_on(text, "html", "structure.repeated-word", "The the")
    edit = actions.suppression(TextIndex(text), "html", finding)
    assert edit is not None
    after = apply(text, edit)
    assert (
        "\n  <!-- qualitycheck: disable-next-line structure.repeated-word -->\n  The the" in after
    )
    assert check_text(after, fmt="html").findings == []


def test_html_suppression_inside_a_tag_spanning_lines_goes_before_the_finding() -> None:
    text = '<p class="lead"\n   id="x">Intro.</p><p>The\nthe mayor spoke.</p>\n'
    finding = finding_on(text, "html", "structure.repeated-word", "The")
    after = apply(text, actions.suppression(TextIndex(text), "html", finding))  # type: ignore[arg-type]
    assert check_text(after, fmt="html").findings == []
    assert load_text(after, "html").text == load_text(text, "html").text


def test_suppression_keeps_crlf_line_endings() -> None:
    text = "Intro.\r\n\r\nThe the mayor spoke.\r\n"
    finding = finding_on(text, "markdown", "structure.repeated-word", "The the")
    edit = actions.suppression(TextIndex(text), "markdown", finding)
    assert edit is not None and edit.new_text.endswith("-->\r\n")


def test_plain_text_has_no_suppression_comment() -> None:
    text = "The the mayor spoke.\n"
    finding = finding_on(text, "text", "structure.repeated-word", "The the")
    assert actions.suppression(TextIndex(text), "text", finding) is None


def test_fix_all_makes_exactly_the_edits_of_lint_fix() -> None:
    text = "The the mayor spoke.\nShe said the vote was close , and left.\nHe was was late.\n"
    findings = check_text(text).findings
    edits = actions.sure_fixes(text, findings)
    assert len(edits) == 3
    after = text
    for e in sorted(edits, reverse=True):
        after = apply(after, e)
    assert after == apply_fixes(text, findings).source


# -- workspace ---------------------------------------------------------------------------------
def test_language_ids_and_file_names_pick_the_format() -> None:
    assert document_format("markdown", None) == "markdown"
    assert document_format("html", "/x/page.txt") == "html"
    assert document_format("plaintext", "/x/a.md") == "text"
    assert document_format("restructuredtext", "/x/notes.md") == "markdown"  # by extension
    assert document_format(None, "untitled:Untitled-1") == "text"


def test_file_uris_become_paths() -> None:
    assert uri_to_path("file:///tmp/a%20b/c.md") == Path("/tmp/a b/c.md")
    assert uri_to_path("untitled:Untitled-1") is None


def test_configuration_is_discovered_per_folder_and_reloaded_when_it_changes(
    tmp_path: Path,
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "sub").mkdir(parents=True)
    b.mkdir()
    (a / ".qualitycheck.toml").write_text('ignore = ["structure"]\n', encoding="utf-8")
    configs = Configurations()
    configs.set_folders([a, b])
    assert configs.folder_for(a / "sub" / "x.md") == a.resolve()
    assert configs.folder_for(tmp_path / "c" / "y.md") == (tmp_path / "c").resolve()
    first = configs.get(a.resolve())
    assert first.error is None and first.settings.ignore == ("structure",)
    assert configs.get(a.resolve()) is first  # nothing changed: the same checker
    assert configs.get(b.resolve()).settings.ignore == ()

    (a / ".qualitycheck.toml").write_text('ignore = ["case"]\n', encoding="utf-8")
    os.utime(a / ".qualitycheck.toml", ns=(1, 1))  # a different stamp even within one tick
    second = configs.get(a.resolve())
    assert second.settings.ignore == ("case",)
    assert second.checker is not first.checker


def test_a_bad_configuration_is_reported_and_the_last_good_one_kept(tmp_path: Path) -> None:
    config = tmp_path / ".qualitycheck.toml"
    configs = Configurations()
    config.write_text("select = [\n", encoding="utf-8")
    broken = configs.get(tmp_path)
    assert broken.error is not None and "invalid TOML" in broken.error
    assert broken.message is not None and "using the default settings" in broken.message
    config.write_text('ignore = ["case"]\n', encoding="utf-8")
    os.utime(config, ns=(2, 2))
    good = configs.get(tmp_path)
    assert good.error is None and good.settings.ignore == ("case",)
    config.write_text('ignore = ["no-such-category"]\n', encoding="utf-8")
    os.utime(config, ns=(3, 3))
    again = configs.get(tmp_path)
    assert again.error is not None and "no-such-category" in again.error
    assert "using the last valid configuration" in (again.message or "")
    assert again.checker is good.checker


def test_server_options_are_read_flat_or_under_qualitycheck() -> None:
    pytest.importorskip(
        "pygls", reason='the server module needs the lsp extra: pip install -e ".[lsp]"'
    )
    from qualitycheck.lsp.server import Options

    options = Options()
    assert options.update({"debounce": 300, "fixMinConfidence": 0.9}) == []
    assert (options.debounce, options.fix_min_confidence) == (0.3, 0.9)
    assert options.update({"qualitycheck": {"maxDiagnostics": 50, "backgroundThreshold": 10}}) == []
    assert (options.max_diagnostics, options.background_chars) == (50, 10)
    problems = options.update({"debounce": "soon", "fixMinConfidence": 2, "unknown": 1})
    assert problems == [
        "'debounce' must be a number from 0 to 60000",
        "'fixMinConfidence' must be a number from 0 to 1",
    ]
    assert (options.debounce, options.fix_min_confidence) == (0.3, 0.9)  # bad values change nothing
    assert options.update(None) == []


# -- the extra stays optional --------------------------------------------------------------------
def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_without_the_extra_the_server_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['qualitycheck', 'server']\n"
        "from qualitycheck.cli import main; main()"
    )
    proc = run_python(code)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        'qualitycheck: error: the language server needs the "lsp" extra: '
        'pip install "qualitycheck[lsp]"'
    ]


def test_import_and_lint_never_import_pygls() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from qualitycheck.cli import app\n"
        "CliRunner().invoke(app, ['lint', 'samples/garbled/odesa-grain-corridor.txt'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', "
        "'cattrs') or m.startswith('qualitycheck.lsp')))"
    )
    proc = run_python(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
