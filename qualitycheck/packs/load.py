"""Reading pack files (cached per file version), merging them into rules, and the built-in packs."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Match
from qualitycheck.packs.compile import _check_template, _PackLoader
from qualitycheck.packs.model import PACK_SUFFIXES, CompiledPack, PackEntry, PackError
from qualitycheck.resources import prebuilt_table
from qualitycheck.rule import Context, Rule
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document


# -- reading files -----------------------------------------------------------------------------
def _parse(path: Path) -> Any:
    try:
        data = path.read_bytes()
        raw = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(path, f"'{path.stem}'", f"cannot read the file: {exc}") from None
    if path.suffix == ".toml":
        stored = prebuilt_table(path, data)  # a built-in pack, parsed at build time
        if stored is not None:
            return stored
        try:
            return tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise PackError(path, f"'{path.stem}'", f"bad TOML: {exc}") from None
    import yaml  # lazily: only YAML packs need it

    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise PackError(path, f"'{path.stem}'", f"bad YAML: {reason}") from None


_PACK_CACHE: dict[tuple[str, int, int], CompiledPack | None] = {}
# A pack names its rule and type at the top level; other TOML/YAML files under rules/ are data
# (name lists, word lists) that rules read themselves.
_PACK_KEY_RE = re_compile(r"^(?:id|type)\s*[=:]", re.MULTILINE)


def compile_pack(path: Path | str) -> CompiledPack:
    """Parse, validate and compile one pack file (cached per process, per file version)."""
    pack = _compile_cached(Path(path), require_pack=True)
    assert pack is not None
    return pack


def _compile_cached(p: Path, *, require_pack: bool) -> CompiledPack | None:
    """The compiled pack of ``p``; None for a data file (no top-level ``id`` or ``type``) unless
    ``require_pack``."""
    try:
        stat = p.stat()
    except OSError as exc:
        raise PackError(p, f"'{p.stem}'", f"cannot read the file: {exc}") from None
    key = (str(p.resolve()), stat.st_mtime_ns, stat.st_size)
    if key in _PACK_CACHE and (_PACK_CACHE[key] is not None or not require_pack):
        return _PACK_CACHE[key]
    if p.suffix not in PACK_SUFFIXES:
        raise PackError(p, f"'{p.stem}'", "a pack file must end in .toml, .yaml or .yml")
    found, pack = _stored_builtin(p)
    if found and (pack is not None or not require_pack):
        _PACK_CACHE[key] = pack
        return pack
    pack = None
    if require_pack or _looks_like_pack(p):
        data = _parse(p)
        if require_pack or (isinstance(data, Mapping) and ("id" in data or "type" in data)):
            pack = _PackLoader(p, data, eager=not _is_builtin(p)).load()
    _PACK_CACHE[key] = pack
    return pack


def _stored_builtin(p: Path) -> tuple[bool, CompiledPack | None]:
    """A built-in pack file as compiled at build time (``packs.stored``): ``(found, pack)``."""
    try:
        relative = p.resolve().relative_to(builtin_pack_dir().resolve()).as_posix()
        raw = p.read_bytes()
    except (ValueError, OSError):
        return False, None  # not a built-in file (or unreadable: reported by the parser)
    from qualitycheck.packs.stored import stored_pack

    return stored_pack(p, relative, raw)


def build_stored_packs() -> str:
    """The content of ``data/packs.json``: the built-in packs compiled now (see
    ``packs.stored``)."""
    from qualitycheck.packs.stored import build_stored

    def compile_file(path: Path) -> CompiledPack | None:
        if not _looks_like_pack(path):
            return None
        data = _parse(path)
        if not (isinstance(data, Mapping) and ("id" in data or "type" in data)):
            return None
        return _PackLoader(path, data, eager=False).load()

    return build_stored(builtin_pack_dir(), compile_file)


def _is_builtin(p: Path) -> bool:
    return p.resolve().is_relative_to(builtin_pack_dir().resolve())


def compile_all_patterns(pack: CompiledPack) -> None:
    """Compile every pattern of ``pack`` now, and check substitution templates (raises
    ``re.error`` or ``IndexError``): what loading does for user packs, for tests of the built-in
    ones."""
    for entry in pack.entries:
        entry.regex.search("")
        if entry.right is not None:
            _check_template(entry.regex, entry.right)
    if pack.combined is not None:
        pack.combined.search("")


def _looks_like_pack(p: Path) -> bool:
    try:
        return bool(_PACK_KEY_RE.search(p.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return True  # let the parser report it


# -- rules -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackRule(Rule):
    """A rule defined by one or more pack files sharing an id (and a type and a severity)."""

    parts: tuple[CompiledPack, ...] = field(default=(), repr=False)

    @property
    def type(self) -> str:
        return self.parts[0].type if self.parts else ""

    def footer_entries(self) -> Iterator[tuple[CompiledPack, PackEntry]]:
        for part in self.parts:
            for entry in part.entries:
                if entry.footer:
                    yield part, entry


def _make_check(parts: tuple[CompiledPack, ...]) -> Callable[[Document, Context], Iterator[Match]]:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        if len(parts) == 1:
            yield from parts[0].matches(doc)
            return
        merged: dict[tuple[int, int], Match] = {}
        for part in parts:
            for m in part.matches(doc):
                merged.setdefault((m.start, m.end), m)  # the first file's message wins
        yield from (merged[span] for span in sorted(merged))

    return check


def _rule_from_parts(parts: Sequence[CompiledPack]) -> PackRule:
    first = parts[0]
    for other in parts[1:]:
        if other.type != first.type:
            raise PackError(
                other.path,
                f"'{other.id}'",
                f"type {other.type!r} differs from {first.type!r} in {first.path}; "
                "pack files that share a rule id must share its type",
            )
        if other.severity != first.severity:
            raise PackError(
                other.path,
                f"'{other.id}'",
                f"severity {other.severity.label!r} differs from {first.severity.label!r} in "
                f"{first.path}; pack files that share a rule id must share its severity",
            )
    explanation = next((p.explanation for p in parts if p.explanation.strip()), "")
    doc = _documentation(first.id, explanation, first.message, parts)
    origin = ", ".join(str(p.path) for p in parts)
    return PackRule(
        first.id, first.severity, _make_check(tuple(parts)), doc, origin, parts=tuple(parts)
    )


def _documentation(
    rule_id: str, explanation: str, message: str, parts: Sequence[CompiledPack]
) -> str:
    import inspect

    text = inspect.cleandoc(explanation) if explanation.strip() else f"{rule_id}: {message}"
    count = sum(len(p.entries) for p in parts)
    files = ", ".join(p.path.name for p in parts)
    return f"{text}\n\nDefined by the rule pack {files} ({count} entries)."


def load_pack(path: Path | str) -> PackRule:
    """The rule one pack file defines."""
    return _rule_from_parts([compile_pack(path)])


def _pack_paths(paths: Iterable[Path | str]) -> Iterator[tuple[Path, bool]]:
    """``(file, named)``: files as given (named), and the *.toml, *.yaml, *.yml files inside
    directories, recursively, sorted."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix in PACK_SUFFIXES:
                    yield f, False
        else:
            yield p, True


def load_packs(paths: Iterable[Path | str]) -> list[PackRule]:
    """The rules defined by pack files and directories, one rule per id, in first-seen order.

    A directory stands for every *.toml, *.yaml and *.yml file inside it, recursively, in sorted
    order; files there without a top-level ``id`` or ``type`` key are data files and skipped. A
    file named explicitly must be a valid pack.

    Pack files that share an id are merged into one rule (their entries run together); they must
    agree on the type and the severity, otherwise ``PackError``. The explanation is the first
    non-empty one; each file keeps its own message, confidence and case setting for its entries."""
    by_id: dict[str, list[CompiledPack]] = {}
    for path, named in _pack_paths(paths):
        pack = _compile_cached(path, require_pack=named)
        if pack is not None:
            by_id.setdefault(pack.id, []).append(pack)
    return [_rule_from_parts(parts) for parts in by_id.values()]


def builtin_pack_dir() -> Path:
    """Where the built-in packs are (``resources.packs_dir``): the repository's top-level
    ``rules/``, shipped in a wheel as ``qualitycheck/data/packs/``."""
    from qualitycheck.resources import packs_dir

    return packs_dir()


@cache
def _builtin_rules() -> tuple[PackRule, ...]:
    directory = builtin_pack_dir()
    if not directory.is_dir():
        return ()
    return tuple(load_packs([directory]))


def builtin_rules() -> list[Rule]:
    """The rules of the built-in packs (entry point ``packs.builtin``), loaded once per process."""
    return list(_builtin_rules())
