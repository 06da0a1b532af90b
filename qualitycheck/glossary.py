"""The user's termbase: preferred spellings of names and terms, and the wrong variants to flag.

A glossary overrides every other name check: its preferred forms (and each word in them) are
trusted names that the other name rules leave alone, and its variants are reported by the
``names.glossary`` rule with the preferred form as the fix.

Two file formats are read:

* **TSV** (``.tsv``, ``.txt``, anything that is not XML): one entry per line, ``preferred TAB
  variant TAB variant...``. Lines starting with ``#`` are comments, blank lines are skipped, a
  header line ``preferred<TAB>variants`` is ignored, and a UTF-8 byte-order mark is fine. A field
  ``@ignore-case`` (or ``@match-case``) anywhere after the preferred form sets how the entry's
  variants are matched.
* **TBX** (``.tbx``, ``.xml``, or any file starting with ``<``): TBX-Basic / TBX v2
  (``termEntry`` > ``langSet xml:lang`` > ``tig`` > ``term`` + ``termNote``) and TBX v3
  (``conceptEntry`` > ``langSec`` > ``termSec``). Only English language sections (``en``,
  ``en-GB``...) count. Terms whose ``administrativeStatus`` (or ``normativeAuthorization``) is
  preferred or admitted, or that have no status, are preferred forms; deprecated and superseded
  terms are the variants.

XML is parsed with the standard library's expat parser driving an ElementTree builder, with every
DTD entity declaration refused and external entities never resolved: no entity expansion
("billion laughs"), no external entity or DTD fetching, no network. These are the protections
``defusedxml`` applies, without needing it installed.

Names are matched case-sensitively unless the entry says otherwise; an entry whose preferred form
has no capital letter (a common term, not a name) is matched ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "VariantMatch",
    "load_glossary",
    "parse_tbx",
    "parse_tsv",
]

_BOUNDARY_BEFORE = r"(?<![\w\-’'])"
_BOUNDARY_AFTER = r"(?![\w\-])"
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class GlossaryError(Exception):
    """A glossary file that cannot be used; the message names the file and the line or entry."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One concept: the spelling to use and the spellings to flag."""

    preferred: str
    variants: tuple[str, ...] = ()
    case_sensitive: bool = True
    origin: str = ""  # "file:line" or "file: entry ID", for messages

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.preferred, *self.variants)


@dataclass(frozen=True, slots=True)
class VariantMatch:
    """A listed variant found in a text."""

    start: int
    end: int
    text: str
    entry: GlossaryEntry


@dataclass(frozen=True)
class Glossary:
    """A set of entries with fast lookups. Build it with ``Glossary.of`` or ``load_glossary``."""

    entries: tuple[GlossaryEntry, ...] = ()
    path: str | None = None
    extra_preferred: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, Iterable[str]]], *, path: str | None = None) -> Glossary:
        """A glossary from ``(preferred, variants)`` pairs (handy in code and tests)."""
        entries = tuple(
            GlossaryEntry(p, tuple(v), case_sensitive=_default_case_sensitive(p)) for p, v in pairs
        )
        return cls(_validated(entries, path or "<glossary>"), path=path)

    # -- accepted names ----------------------------------------------------------------------
    @cached_property
    def _preferred_exact(self) -> frozenset[str]:
        return frozenset(e.preferred for e in self.entries)

    @cached_property
    def _preferred_folded(self) -> frozenset[str]:
        return frozenset(e.preferred.casefold() for e in self.entries)

    @cached_property
    def preferred_tokens(self) -> frozenset[str]:
        """Every word of every preferred form ("Volodymyr", "Zelensky" from "Volodymyr
        Zelensky"), as written."""
        out: set[str] = set()
        for e in self.entries:
            out.update(m.group() for m in _WORD_RE.finditer(e.preferred))
        return frozenset(out)

    @cached_property
    def _preferred_tokens_folded(self) -> frozenset[str]:
        return frozenset(t.casefold() for t in self.preferred_tokens)

    def accepts(self, name: str) -> bool:
        """True when ``name`` is a preferred form or a word of one: other name rules trust it.

        Names are compared as written; entries matched ignoring case also accept other casings."""
        name = name.strip()
        if not name:
            return False
        if name in self._preferred_exact or name in self.preferred_tokens:
            return True
        folded = name.casefold()
        return any(
            not e.case_sensitive
            and (folded == e.preferred.casefold() or folded in _folded_words(e.preferred))
            for e in self._insensitive_entries
        )

    @cached_property
    def _insensitive_entries(self) -> tuple[GlossaryEntry, ...]:
        return tuple(e for e in self.entries if not e.case_sensitive)

    # -- variants ----------------------------------------------------------------------------
    @cached_property
    def _variant_index(self) -> tuple[dict[str, GlossaryEntry], dict[str, GlossaryEntry]]:
        exact: dict[str, GlossaryEntry] = {}
        folded: dict[str, GlossaryEntry] = {}
        for e in self.entries:
            for v in e.variants:
                if e.case_sensitive:
                    exact.setdefault(_squeeze(v), e)
                else:
                    folded.setdefault(_squeeze(v).casefold(), e)
        return exact, folded

    def entry_for_variant(self, text: str) -> GlossaryEntry | None:
        exact, folded = self._variant_index
        text = _squeeze(text)
        return exact.get(text) or folded.get(text.casefold())

    def lookup_variant(self, text: str) -> str | None:
        """The preferred form for a listed variant, or None."""
        entry = self.entry_for_variant(text)
        return entry.preferred if entry else None

    @cached_property
    def _matchers(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        exact = self._variant_index[0]
        return _alternation(exact.keys(), 0), _alternation(
            (e_v for e in self._insensitive_entries for e_v in e.variants), re.IGNORECASE
        )

    def find_variants(self, text: str) -> Iterator[VariantMatch]:
        """Every listed variant in ``text`` (whole words only, longest first, no overlaps), in
        order of position. One compiled regular expression per case mode, so a large glossary
        costs one pass over the text."""
        exact_re, folded_re = self._matchers
        exact, folded = self._variant_index
        found: list[VariantMatch] = []
        if exact_re is not None:
            for m in exact_re.finditer(text):
                entry = exact[_squeeze(m.group())]
                found.append(VariantMatch(m.start(), m.end(), m.group(), entry))
        if folded_re is not None:
            for m in folded_re.finditer(text):
                entry = folded[_squeeze(m.group()).casefold()]
                if m.group() == entry.preferred:  # a casing of the preferred form itself
                    continue
                found.append(VariantMatch(m.start(), m.end(), m.group(), entry))
        found.sort(key=lambda v: (v.start, -(v.end - v.start)))
        last_end = -1
        for v in found:
            if v.start >= last_end:
                last_end = v.end
                yield v

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:  # an empty glossary is still a glossary
        return True


def _squeeze(text: str) -> str:
    """Runs of white space as one space (variants may be broken across lines in the text)."""
    return " ".join(text.split())


def _folded_words(text: str) -> frozenset[str]:
    return frozenset(m.group().casefold() for m in _WORD_RE.finditer(text))


def _alternation(forms: Iterable[str], flags: int) -> re.Pattern[str] | None:
    unique = sorted(set(forms), key=lambda s: (-len(s), s))
    if not unique:
        return None
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in unique)
    return re.compile(f"{_BOUNDARY_BEFORE}(?:{body}){_BOUNDARY_AFTER}", flags)


def _default_case_sensitive(preferred: str) -> bool:
    return any(ch.isupper() for ch in preferred)


def _validated(entries: tuple[GlossaryEntry, ...], path: str) -> tuple[GlossaryEntry, ...]:
    """Reject entries that contradict each other: a variant that is also someone's preferred
    form would make the rule flag the text the user asked for."""
    preferred = {e.preferred: e for e in entries}
    for e in entries:
        for v in e.variants:
            if v == e.preferred:
                where = e.origin or path
                raise GlossaryError(f"{where}: variant {v!r} is the same as its preferred form")
            other = preferred.get(v)
            if other is not None:
                where = e.origin or path
                raise GlossaryError(
                    f"{where}: {v!r} is listed as a variant of {e.preferred!r} but is the "
                    f"preferred form of another entry ({other.origin or 'same file'})"
                )
    return entries


# -- loading ---------------------------------------------------------------------------------
def load_glossary(path: str | Path) -> Glossary:
    """Read a TSV or TBX termbase. Raises ``GlossaryError`` with a one-line reason."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{p}: cannot read glossary ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{p}: not UTF-8 (byte {exc.start})") from None
    if p.suffix.lower() in {".tbx", ".xml"} or text.lstrip().startswith("<"):
        return parse_tbx(text, str(p))
    return parse_tsv(text, str(p))


_HEADER_RE = re.compile(r"^\s*preferred\s*(?:\t\s*variants?\s*)*$", re.IGNORECASE)
_CASE_FLAGS = {"@ignore-case": False, "@match-case": True}


def parse_tsv(text: str, path: str = "<tsv>") -> Glossary:
    """Entries from TSV text (see the module docstring for the format)."""
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    text = text.removeprefix("\ufeff")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not entries and _HEADER_RE.match(line):
            continue
        fields = [f.strip() for f in line.split("\t")]
        case_sensitive: bool | None = None
        values: list[str] = []
        for f in fields:
            if f.lower() in _CASE_FLAGS:
                case_sensitive = _CASE_FLAGS[f.lower()]
            elif f.startswith("@"):
                raise GlossaryError(f"{path}:{lineno}: unknown option {f!r}")
            elif f:
                values.append(f)
        if not values or not fields[0]:
            raise GlossaryError(f"{path}:{lineno}: the first field (the preferred form) is empty")
        preferred, variants = values[0], tuple(dict.fromkeys(values[1:]))
        if preferred in seen:
            raise GlossaryError(
                f"{path}:{lineno}: {preferred!r} already has an entry (line {seen[preferred]})"
            )
        seen[preferred] = lineno
        if case_sensitive is None:
            case_sensitive = _default_case_sensitive(preferred)
        entries.append(GlossaryEntry(preferred, variants, case_sensitive, f"{path}:{lineno}"))
    return Glossary(_validated(tuple(entries), path), path=path)


# TBX statuses, compared lower-cased and without the "-admn-sts" suffix.
_PREFERRED_STATUSES = {"preferredterm", "admittedterm", "preferred", "admitted"}
_VARIANT_STATUSES = {"deprecatedterm", "supersededterm", "deprecated", "superseded", "obsolete"}
_STATUS_TYPES = {"administrativestatus", "normativeauthorization"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_tbx(text: str, path: str = "<tbx>") -> Glossary:
    """Entries from TBX text: every concept with English terms becomes one entry."""
    root, lines = _parse_xml_safely(text, path)
    entries: list[GlossaryEntry] = []
    for concept in root.iter():
        if _local(concept.tag) not in {"termEntry", "conceptEntry"}:
            continue
        concept_id = concept.get("id") or f"line {lines.get(id(concept), '?')}"
        where = f"{path}: entry {concept_id}"
        preferred: list[str] = []
        variants: list[str] = []
        for lang in concept:
            if _local(lang.tag) not in {"langSet", "langSec"}:
                continue
            code = (lang.get(_XML_LANG) or lang.get("lang") or "").lower()
            if not (code == "en" or code.startswith(("en-", "en_"))):
                continue
            for term_group in lang.iter():
                if _local(term_group.tag) not in {"tig", "ntig", "termSec"}:
                    continue
                term, status = _term_and_status(term_group)
                if not term:
                    continue
                if status is None or status in _PREFERRED_STATUSES:
                    preferred.append(term)
                elif status in _VARIANT_STATUSES:
                    variants.append(term)
                else:
                    raise GlossaryError(f"{where}: unknown term status {status!r} for {term!r}")
        if not preferred and not variants:
            continue  # no English terms: nothing to check
        if not preferred:
            raise GlossaryError(
                f"{where}: only deprecated English terms ({', '.join(variants)}), "
                "no preferred or admitted one to suggest"
            )
        first, *admitted = list(dict.fromkeys(preferred))
        case_sensitive = _default_case_sensitive(first)
        entries.append(GlossaryEntry(first, tuple(dict.fromkeys(variants)), case_sensitive, where))
        # Admitted alternatives are accepted spellings too, never flagged.
        entries.extend(GlossaryEntry(a, (), _default_case_sensitive(a), where) for a in admitted)
    return Glossary(_validated(tuple(entries), path), path=path)


def _term_and_status(group: Any) -> tuple[str, str | None]:
    term = ""
    status: str | None = None
    for child in group.iter():
        name = _local(child.tag)
        if name == "term" and not term:
            term = " ".join("".join(child.itertext()).split())
        elif name == "termNote" and (child.get("type") or "").lower() in _STATUS_TYPES:
            value = "".join(child.itertext()).strip().lower()
            status = value.removesuffix("-admn-sts").replace(" ", "")
    return term, status


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_xml_safely(text: str, path: str) -> tuple[Any, dict[int, int]]:
    """Parse XML with expat and ElementTree's builder, refusing entity declarations and never
    resolving external entities. Returns the root and the start line of each element."""
    import xml.etree.ElementTree as ET
    from xml.parsers import expat

    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    lines: dict[int, int] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        elem = builder.start(_clark(tag), {_clark(k): v for k, v in attrs.items()})
        lines[id(elem)] = parser.CurrentLineNumber

    def refuse_entity(name: str, *args: object) -> None:
        raise GlossaryError(
            f"{path}:{parser.CurrentLineNumber}: entity declaration {name!r} refused "
            "(entities are not allowed in glossaries)"
        )

    def refuse_external(*args: object) -> int:
        raise GlossaryError(f"{path}:{parser.CurrentLineNumber}: external entity refused")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise GlossaryError(
            f"{path}:{exc.lineno}: not well-formed XML ({_expat_reason(exc)})"
        ) from None
    root = builder.close()
    if _local(root.tag) not in {"martif", "tbx"}:
        raise GlossaryError(
            f"{path}:1: not a TBX file (root element <{_local(root.tag)}>, "
            "expected <tbx> or <martif>)"
        )
    return root, lines


def _clark(name: str) -> str:
    """expat's "uri}local" to ElementTree's "{uri}local"."""
    return "{" + name if "}" in name else name


def _expat_reason(exc: Exception) -> str:
    from xml.parsers import expat

    code = getattr(exc, "code", None)
    return expat.ErrorString(code) if isinstance(code, int) else str(exc)
