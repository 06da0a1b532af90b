"""The built-in packs compiled at build time: ``data/packs.json``.

Compiling the built-in packs (validating every entry, rewriting spaces, choosing each entry's
anchor words) and listing the first characters of the boilerplate lines costs ~15-20 ms at every
start, for the same result every time. ``scripts/build_data.py packs-compiled`` stores that result
as JSON: per pack file its CRC-32 and its compiled form (the patterns as source text and flags,
still compiled on first use), and for all of them the CRC-32 of the code that compiles them and
the Python version (``first_chars`` reads ``re``'s parser). A pack is taken from there only while
its file and that code are unchanged; otherwise it is compiled as before (same result, slower),
and a test fails until the file is built again. Nothing is written at run time.
"""

from __future__ import annotations

import json
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from qualitycheck.finding import Severity
from qualitycheck.packs.model import CompiledPack, PackEntry, _pattern_source, _regex
from qualitycheck.resources import DATA_DIR
from qualitycheck.scan.anchors import AnchorScanner
from qualitycheck.scan.skeleton import skeleton

STORED_FILE = DATA_DIR / "packs.json"
_FORMAT = "qualitycheck-packs 1"
_PACKAGE = Path(__file__).resolve().parent.parent
# The code a stored pack was computed with.
_CODE = ("packs/compile.py", "packs/model.py", "packs/stored.py", "scan/anchors.py",
         "scan/skeleton.py", "scan/frequency.py")  # fmt: skip


def _code_key() -> list[Any] | None:
    try:
        sums = [[name, zlib.crc32((_PACKAGE / name).read_bytes())] for name in _CODE]
    except OSError:
        return None
    return [*sums, ["python", f"{sys.version_info[0]}.{sys.version_info[1]}"]]


@cache
def _data() -> dict[str, Any]:
    """The stored file's content; empty when it is missing, of another format or computed by
    other code."""
    try:
        data = json.loads(STORED_FILE.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    if data.get("code") != _code_key():
        return {}
    return data


def _stored() -> dict[str, Any]:
    """Pack file path relative to the built-in directory -> ``[CRC-32, compiled pack or None (a
    data file)]``."""
    files = _data().get("files")
    return files if isinstance(files, dict) else {}


def stored_pack(path: Path, relative: str, raw: bytes) -> tuple[bool, CompiledPack | None]:
    """``(found, pack)``: the compiled pack stored for the built-in file ``relative`` (at
    ``path``, its bytes ``raw``), None for a data file; ``found`` is False when nothing current is
    stored for it."""
    entry = _stored().get(relative)
    if entry is None or entry[0] != zlib.crc32(raw):
        return False, None
    return True, None if entry[1] is None else _restore(path, entry[1])


def stored_scanner(anchors: list[str]) -> AnchorScanner | None:
    """The built-in packs' shared anchor scanner as built at build time, when it was built for
    exactly ``anchors``; else None."""
    state = _shared_state()
    if state is None or state["anchors"] != anchors:
        return None
    return AnchorScanner.from_state(state)


def _shared_state() -> dict[str, Any] | None:
    state = _data().get("shared_scanner")
    return state if isinstance(state, dict) else None


def serialise(pack: CompiledPack) -> dict[str, Any]:
    """A compiled pack as plain JSON data (its patterns as source text and flags)."""
    entries = []
    for e in pack.entries:
        pattern, flags = _pattern_source(e.regex)
        anchor = None if e.anchor is None else sorted(e.anchor)
        entries.append(
            [e.source, pattern, flags, anchor, e.right, e.note, e.confidence, e.footer, e.bounded]
        )
    first_chars = skeletons = None
    if pack.type == "boilerplate":
        first_chars = [None if f is None else "".join(sorted(f)) for f in pack._first_chars]
    else:
        skeletons = []
        for e in pack.entries:
            found = skeleton(*_pattern_source(e.regex))
            skeletons.append(None if found is None else found.pattern)
    return {
        "id": pack.id,
        "type": pack.type,
        "severity": pack.severity.name,
        "message": pack.message,
        "explanation": pack.explanation,
        "confidence": pack.confidence,
        "entries": entries,
        "combined": None if pack.combined is None else list(_pattern_source(pack.combined)),
        "anchors": {word: list(indices) for word, indices in pack.anchors.items()},
        "unanchored": list(pack.unanchored),
        "first_chars": first_chars,
        "skeletons": skeletons,
    }


def _restore(path: Path, data: dict[str, Any]) -> CompiledPack:
    entries = tuple(
        PackEntry(source, _regex(pattern, flags, False), _anchor(anchor), *rest)
        for source, pattern, flags, anchor, *rest in data["entries"]
    )
    combined = data["combined"]
    pack = CompiledPack(
        path, data["id"], data["type"], Severity[data["severity"]], data["message"],
        data["explanation"], data["confidence"], entries,
        combined=None if combined is None else _regex(combined[0], combined[1], False),
        anchors={word: tuple(indices) for word, indices in data["anchors"].items()},
        unanchored=tuple(data["unanchored"]),
    )  # fmt: skip
    if data["first_chars"] is not None:
        # What the ``_first_chars`` property would compute (it caches in the instance likewise).
        pack.__dict__["_first_chars"] = tuple(
            None if f is None else frozenset(f) for f in data["first_chars"]
        )
    if data["skeletons"] is not None:
        # What the phrase plan would compute per entry (``scan.skeleton``), as source text.
        pack.__dict__["_skeletons"] = tuple(data["skeletons"])
    return pack


def _anchor(words: list[str] | None) -> frozenset[str] | None:
    return None if words is None else frozenset(words)


def build_stored(directory: Path, compile_file: Any) -> str:
    """The content of ``data/packs.json`` for the pack files under ``directory``, each compiled by
    ``compile_file(path)`` (None for a data file). Used by ``scripts/build_data.py`` and by the
    test that the shipped file is up to date."""
    files: dict[str, Any] = {}
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix not in (".toml", ".yaml", ".yml"):
            continue
        pack = compile_file(path)
        crc = zlib.crc32(path.read_bytes())
        files[path.relative_to(directory).as_posix()] = [
            crc, None if pack is None else serialise(pack)
        ]  # fmt: skip
    packs = [compile_file(directory / name) for name, (_, data) in files.items() if data]
    anchors = sorted({a for pack in packs if pack is not None for a in pack.anchors})
    state = {
        "format": _FORMAT,
        "code": _code_key(),
        "files": files,
        "shared_scanner": AnchorScanner(anchors).state(),
    }
    return json.dumps(state, ensure_ascii=False, indent=0) + "\n"
