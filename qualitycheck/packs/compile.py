"""Compiling a parsed pack file: validation (``PackError`` naming the file, the rule and the
entry), the entries' patterns and their anchors."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Match, Severity
from qualitycheck.packs.model import (
    _COMMON_KEYS,
    _ENTRY_KEYS,
    _MESSAGE_FIELDS,
    _REQUIRED_KEY,
    _TYPE_KEYS,
    PACK_TYPES,
    CompiledPack,
    PackEntry,
    PackError,
    _regex,
)  # fmt: skip
from qualitycheck.rule import Context, Rule
from qualitycheck.scan.anchors import anchor_words

if TYPE_CHECKING:
    from qualitycheck.document import Document


# -- compiling ---------------------------------------------------------------------------------
_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=")


def _spaces_to_whitespace(pattern: str) -> str:
    """Literal spaces (outside character classes) match any run of white space, so a phrase also
    matches across a line break or a non-breaking space."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    lookbehind: list[bool] = []  # per open group: is it a look-behind (fixed width)?
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if i + 1 < n and pattern[i + 1] == "^":
                out.append("^")
                i += 1
            if i + 1 < n and pattern[i + 1] == "]":
                out.append("]")
                i += 1
        elif c == "(":
            lookbehind.append(pattern.startswith(("(?<=", "(?<!"), i) or any(lookbehind))
            out.append(c)
        elif c == ")":
            if lookbehind:
                lookbehind.pop()
            out.append(c)
        elif c == " ":
            while i + 1 < n and pattern[i + 1] == " ":
                i += 1
            if (i + 1 < n and pattern[i + 1] in "?*+{") or any(lookbehind):
                out.append(r"\s")  # before a quantifier, or where the width must stay fixed
            else:
                out.append(r"\s+")
        else:
            out.append(c)
        i += 1
    return "".join(out)


class _PackLoader:
    """Validates one parsed pack file and compiles it (lazily for trusted built-in packs)."""

    def __init__(self, path: Path, data: Any, *, eager: bool = True) -> None:
        self.path = path
        self.data = data
        self.name = f"'{path.stem}'"
        self.eager = eager

    def fail(self, reason: str, entry: str | None = None) -> PackError:
        rule = self.name if entry is None else f"{self.name}, entry {entry!r}"
        return PackError(self.path, rule, reason)

    def load(self) -> CompiledPack:
        data = self.data
        if not isinstance(data, Mapping):
            raise self.fail("a pack must be a table of keys (id, type, severity, message, ...)")
        rule_id = data.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            raise self.fail("missing key 'id' (a rule id such as 'category.name')")
        self.name = f"'{rule_id}'"
        for key in ("type", "severity", "message"):
            if key not in data:
                raise self.fail(f"missing key '{key}'")
        kind = data["type"]
        if kind not in PACK_TYPES:
            raise self.fail(f"unknown type {kind!r} (expected one of: {', '.join(PACK_TYPES)})")
        allowed = _COMMON_KEYS | _TYPE_KEYS[kind]
        for key in data:
            if key not in allowed:
                raise self.fail(
                    f"unknown key {key!r} for type {kind!r} (allowed: {', '.join(sorted(allowed))})"
                )
        if _REQUIRED_KEY[kind] not in data:
            raise self.fail(f"missing key '{_REQUIRED_KEY[kind]}'")
        try:
            severity = Severity.parse(data["severity"])
        except ValueError as exc:
            raise self.fail(f"bad severity: {exc}") from None
        try:
            Rule(rule_id, severity, _no_check)
        except ValueError as exc:
            raise self.fail(f"bad id: {exc}") from None
        message = self._message(data["message"])
        explanation = data.get("explanation", "")
        if not isinstance(explanation, str):
            raise self.fail("'explanation' must be a string")
        ignorecase = self._bool(data, "ignorecase", True)
        confidence = self._confidence(data.get("confidence", 0.8))
        if kind == "boilerplate":
            footer = self._bool(data, "footer", False)
            entries = tuple(self._boilerplate_entries(data["lines"], ignorecase, footer))
            combined = _compile_union([e.source for e in entries], ignorecase, self.eager)
            return CompiledPack(
                self.path, rule_id, kind, severity, message, explanation, confidence, entries,
                combined=combined,
            )  # fmt: skip
        raw = self._bool(data, "raw", False)
        if kind == "existence":
            entries = tuple(self._existence_entries(data["tokens"], ignorecase, raw))
        else:
            entries = tuple(self._swap_entries(data["swap"], ignorecase, raw))
        anchors: dict[str, list[int]] = {}
        unanchored: list[int] = []
        for i, entry in enumerate(entries):
            if entry.anchor is None:
                unanchored.append(i)
            else:
                for word in sorted(entry.anchor):
                    anchors.setdefault(word, []).append(i)
        return CompiledPack(
            self.path, rule_id, kind, severity, message, explanation, confidence, entries,
            anchors={k: tuple(v) for k, v in anchors.items()}, unanchored=tuple(unanchored),
        )  # fmt: skip

    # -- scalar keys ----------------------------------------------------------------------------
    def _message(self, message: Any) -> str:
        if not isinstance(message, str) or not message.strip():
            raise self.fail("'message' must be a non-empty string")
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
        except ValueError as exc:
            raise self.fail(f"bad message template: {exc}") from None
        unknown = fields - _MESSAGE_FIELDS
        if unknown:
            raise self.fail(
                f"bad message template: unknown field(s) {', '.join(sorted(unknown))} "
                "(use {match}, {suggestion}, {note})"
            )
        return message

    def _bool(self, data: Mapping[str, Any], key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false, not {value!r}")
        return value

    def _confidence(self, value: Any, entry: str | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(f"bad confidence {value!r} (expected a number from 0 to 1)", entry)
        return float(value)

    # -- entries --------------------------------------------------------------------------------
    def _entry_table(self, item: Any, kind: str, key: str) -> dict[str, Any]:
        if isinstance(item, str):
            return {key: item}
        if not isinstance(item, Mapping):
            raise self.fail(f"each entry must be a string or a table, not {item!r}")
        label = str(item.get(key, item))
        for k in item:
            if k not in _ENTRY_KEYS[kind]:
                raise self.fail(
                    f"unknown key {k!r} in entry (allowed: {', '.join(sorted(_ENTRY_KEYS[kind]))})",
                    label,
                )
        if not isinstance(item.get(key), str) or not item[key]:
            raise self.fail(f"missing key '{key}' in entry", label)
        return dict(item)

    def _entry_list(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(f"'{key}' must be a non-empty list")
        return value

    def _compile(self, source: str, ignorecase: bool, bounded: bool) -> re.Pattern[str]:
        if _BACKREF_RE.search(source):
            raise self.fail("bad regex: back-references are not supported", source)
        body = _spaces_to_whitespace(source)
        if bounded:
            # The start is checked in Python (so that the anchor search stays fast); the end here:
            # no word character, nor a hyphen and a word character, right after a word character.
            body = f"(?:{body})(?!(?<=\\w)-?\\w)"
        flags = re.MULTILINE | (re.IGNORECASE if ignorecase else 0)
        try:
            compiled = _regex(body, flags, self.eager)
        except re.error as exc:
            raise self.fail(f"bad regex: {exc}", source) from None
        if self.eager:  # user packs: refuse patterns that can hang the run
            from qualitycheck.scan.guard import unsafe_pattern

            problem = unsafe_pattern(body, flags)
            if problem is not None:
                raise self.fail(f"unsafe regex: {problem}", source)
        return compiled

    def _existence_entries(self, tokens: Any, ignorecase: bool, raw: bool) -> Iterator[PackEntry]:
        for item in self._entry_list(tokens, "tokens"):
            table = self._entry_table(item, "existence", "pattern")
            source = table["pattern"]
            yield PackEntry(
                source,
                self._compile(source, ignorecase, bounded=not raw),
                anchor_words(source),
                note=self._note(table, source),
                confidence=self._entry_confidence(table, source),
                bounded=not raw,
            )

    def _swap_entries(self, swap: Any, ignorecase: bool, raw: bool) -> Iterator[PackEntry]:
        items: list[Any]
        if isinstance(swap, Mapping):
            items = [{"wrong": k, "right": v} for k, v in swap.items()]
        else:
            items = self._entry_list(swap, "swap")
        if not items:
            raise self.fail("'swap' must not be empty")
        for item in items:
            if isinstance(item, str):
                raise self.fail("a swap entry needs 'wrong' and 'right'", item)
            table = self._entry_table(item, "substitution", "wrong")
            source = table["wrong"]
            right = table.get("right")
            if not isinstance(right, str):
                raise self.fail("missing key 'right' in entry (a string)", source)
            regex = self._compile(source, ignorecase, bounded=not raw)
            try:
                if self.eager:
                    _check_template(regex, right)
            except (re.error, IndexError) as exc:
                raise self.fail(f"bad replacement {right!r}: {exc}", source) from None
            yield PackEntry(
                source,
                regex,
                anchor_words(source),
                right=right,
                note=self._note(table, source),
                confidence=self._entry_confidence(table, source),
                bounded=not raw,
            )

    def _boilerplate_entries(
        self, lines: Any, ignorecase: bool, footer_default: bool
    ) -> Iterator[PackEntry]:
        for item in self._entry_list(lines, "lines"):
            table = self._entry_table(item, "boilerplate", "pattern")
            source = table["pattern"]
            footer = table.get("footer", footer_default)
            if not isinstance(footer, bool):
                raise self.fail(f"'footer' must be true or false, not {footer!r}", source)
            yield PackEntry(
                source,
                self._compile(source, ignorecase, bounded=False),
                None,
                note=self._note(table, source),
                confidence=self._entry_confidence(table, source),
                footer=footer,
            )

    def _note(self, table: Mapping[str, Any], source: str) -> str:
        note = table.get("note", "")
        if not isinstance(note, str):
            raise self.fail("'note' must be a string", source)
        return note

    def _entry_confidence(self, table: Mapping[str, Any], source: str) -> float | None:
        if "confidence" not in table:
            return None
        return self._confidence(table["confidence"], source)


def _check_template(regex: re.Pattern[str], template: str) -> None:
    """Raise if ``template`` refers to a group ``regex`` does not have."""
    for m in re.finditer(r"\\(\d+)|\\g<(\w+)>", template):
        number, name = m.group(1), m.group(2)
        if number is not None and int(number) > regex.groups:
            raise IndexError(f"no group {number} in the pattern")
        if name is not None:
            if name.isdigit():
                if int(name) > regex.groups:
                    raise IndexError(f"no group {name} in the pattern")
            elif name not in regex.groupindex:
                raise IndexError(f"no group named {name!r} in the pattern")


def _compile_union(sources: Sequence[str], ignorecase: bool, eager: bool = True) -> re.Pattern[str]:
    flags = re.IGNORECASE if ignorecase else 0
    # Group names may repeat across entries; the union only needs to say whether any matches.
    bodies = (_NAMED_GROUP_RE.sub("(?:", _spaces_to_whitespace(s)) for s in sources)
    return _regex("|".join(f"(?:{body})" for body in bodies), flags, eager)


_NAMED_GROUP_RE = re.compile(r"(?<!\\)\(\?P<\w+>")


def _no_check(doc: Document, ctx: Context) -> Iterator[Match]:
    return iter(())
