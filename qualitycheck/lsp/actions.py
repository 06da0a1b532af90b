"""The edits behind the server's code actions, as code-point offsets into the document text.

- ``replacement``: one suggestion of one finding.
- ``sure_fixes``: every sure suggestion of the document at once, chosen exactly as
  ``qualitycheck lint --fix`` chooses them (``qualitycheck.fix.apply_fixes``).
- ``suppression``: for Markdown and HTML, a ``<!-- qualitycheck: disable-next-line RULE -->``
  comment that silences one rule on the finding's line (``qualitycheck.loaders.directives``),
  placed so that the rendered document does not change:

  * after a blank line (or on the first line), on a line of its own before the finding's line,
    with that line's indentation and block-quote markers;
  * in a Markdown paragraph, list or quote that goes on from the line before, at the end of that
    line (a comment on a line of its own would end the paragraph);
  * in a Markdown table row, inside the row's first cell (a comment that shares its line with the
    text after it applies to that line);
  * in HTML, on a line of its own, or in front of the finding inside ``<pre>`` or a tag written
    over several lines;
  * when the line before already holds a ``disable-next-line`` comment, the rule is added to it.

Nothing here imports the LSP library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from qualitycheck.finding import Finding
from qualitycheck.fix import DEFAULT_FIX_CONFIDENCE, apply_fixes
from qualitycheck.loaders.directives import parse_directive
from qualitycheck.lsp.positions import TextIndex


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``new_text``."""

    start: int
    end: int
    new_text: str


def replacement(finding: Finding, suggestion: str) -> Edit:
    return Edit(finding.start, finding.end, suggestion)


def sure_fixes(
    text: str, findings: Iterable[Finding], min_confidence: float = DEFAULT_FIX_CONFIDENCE
) -> list[Edit]:
    """The edits ``lint --fix`` would make to ``text``: the first suggestion of every sure,
    non-overlapping finding that still describes the text."""
    result = apply_fixes(text, list(findings), min_confidence)
    return [Edit(f.start, f.end, f.suggestions[0]) for f in result.applied]


def directive(rule: str) -> str:
    return f"<!-- qualitycheck: disable-next-line {rule} -->"


def _container_prefix(line: str) -> str:
    """The indentation and block-quote markers (``> > ``) a line starts with."""
    i = 0
    while i < len(line) and line[i] in " \t>":
        i += 1
    return line[:i]


def _is_fence(line: str) -> bool:
    return line.lstrip(" \t").startswith(("```", "~~~"))


def _is_rule_line(line: str) -> bool:
    """A thematic break or a setext underline: only ``- * _ = +`` and white space."""
    marks = line.replace(" ", "").replace("\t", "")
    return bool(marks) and set(marks) <= set("-*_=+")


def _is_table_row(line: str) -> bool:
    return line.lstrip(" \t").startswith("|")


def _existing(line: str) -> tuple[tuple[str, ...], int] | None:
    """The rules of a ``disable-next-line`` comment that ends ``line``, and the index in the line
    where another rule would go (before the closing ``-->``)."""
    stripped = line.rstrip()
    if not stripped.endswith("-->"):
        return None
    opening = stripped.rfind("<!--")
    if opening < 0:
        return None
    found = parse_directive(stripped[opening + 4 : -3], opening)
    if found is None or found.action != "disable-next-line":
        return None
    return found.rules, len(stripped[:-3].rstrip())


def suppression(index: TextIndex, fmt: str, finding: Finding) -> Edit | None:
    """The edit that silences ``finding``'s rule on its line, or None (plain text has no
    comments)."""
    if fmt not in ("markdown", "html"):
        return None
    text = index.text
    line = index.position(finding.start).line
    start, _ = index.line_bounds(line)
    here = index.line_text(line)
    before = index.line_text(line - 1) if line > 0 else ""
    comment = directive(finding.rule)

    existing = _existing(before) if line > 0 else None
    if existing is not None:
        rules, tail = existing
        if not rules or finding.rule in rules:
            return None  # already silenced: the finding would not be there
        prev_start, _ = index.line_bounds(line - 1)
        return Edit(prev_start + tail, prev_start + tail, f", {finding.rule}")

    own_line = Edit(start, start, _container_prefix(here) + comment + _eol(index, line))
    if line == 0 or not before.strip():
        return own_line
    if fmt == "html":
        if _inside_tag(text, start) or _inside(text, start, "pre"):
            return Edit(finding.start, finding.start, comment + " ")
        return own_line
    if _is_table_row(here):
        at = start + here.index("|") + 1
        return Edit(at, at, f" {comment}")
    if _appendable(before, here):
        prev_start, prev_end = index.line_bounds(line - 1)
        stripped = before.rstrip(" \t")
        # Keep a hard line break (two spaces or more at the end) after the comment.
        at = prev_start + len(stripped) if len(before) - len(stripped) >= 2 else prev_end
        return Edit(at, at, f" {comment}")
    return own_line


def _appendable(before: str, here: str) -> bool:
    """Whether the Markdown line ``before`` ends in inline content a comment may follow."""
    if _is_fence(before) or _is_rule_line(before):
        return False
    if _is_table_row(before) or (set(before) <= set("|:- \t") and "-" in before):
        return False  # a table row, or the delimiter row under a table's header
    if before.rstrip().endswith("\\"):
        return False  # a hard line break: the comment after it would show the backslash
    # An indented code block right before a line of prose.
    return not (_indent(before) >= 4 and _indent(here) < 4)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _eol(index: TextIndex, line: int) -> str:
    """The line break the document uses (that of the finding's line, or of the first line)."""
    for n in (line, 0):
        _, end = index.line_bounds(n)
        if end < len(index.text):
            return "\r\n" if index.text.startswith("\r\n", end) else index.text[end]
    return "\n"


def _inside_tag(text: str, offset: int) -> bool:
    return text.rfind("<", 0, offset) > text.rfind(">", 0, offset)


def _inside(text: str, offset: int, element: str) -> bool:
    head = text[:offset].lower()
    return head.rfind(f"<{element}") > head.rfind(f"</{element}")
