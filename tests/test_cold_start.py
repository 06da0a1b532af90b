"""The machinery that keeps a new process fast: work deferred until a document needs it (lazily
compiled patterns, imports left out of the single-file path) must give the same answers as doing
it all at once."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SAMPLES

from qualitycheck.packs import builtin_rules
from qualitycheck.packs.load import PackRule
from qualitycheck.packs.model import _resolved


def _boilerplate_parts():  # type: ignore[no-untyped-def]
    return [
        part
        for rule in builtin_rules()
        if isinstance(rule, PackRule)
        for part in rule.parts
        if part.type == "boilerplate"
    ]


def _sample_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SAMPLES.rglob("*.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return lines


def test_boilerplate_line_confirmation_agrees_with_the_combined_pattern() -> None:
    """A line an entry matches is confirmed by that entry's alternative of the combined pattern
    before the whole combined pattern is compiled: the answer is the combined pattern's."""
    parts = _boilerplate_parts()
    assert parts
    confirmed = 0
    for part in parts:
        assert part.combined is not None
        for line in _sample_lines():
            trimmed = line.strip(" \t\u00a0•·▪►▶»«›‹→←|*>")
            if not trimmed:
                continue
            for index in part._line_entries(trimmed[0]):
                entry = part.entries[index]
                if _resolved(entry.regex).fullmatch(trimmed):
                    expected = part.combined.fullmatch(trimmed) is not None
                    assert part._combined_fullmatches(entry, trimmed) is expected
                    confirmed += 1
    assert confirmed > 0  # the samples hold scraped lines


def test_a_run_on_one_file_imports_no_process_pool() -> None:
    code = (
        "import sys\n"
        "from qualitycheck.cli import app\n"
        "sys.argv = ['qualitycheck', 'lint', sys.argv[1]]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('multiprocessing' in sys.modules, 'concurrent.futures.process' in sys.modules)\n"
    )
    sample = sorted((SAMPLES / "garbled").glob("*.txt"))[0]
    out = subprocess.run(
        [sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=False
    ).stdout
    assert out.splitlines()[-1] == "False False"


def _phrase_parts():  # type: ignore[no-untyped-def]
    """The built-in phrase packs, compiled afresh: their plans (which count windows) are their
    own, not those of the packs the other tests use."""
    from qualitycheck.packs.compile import _PackLoader
    from qualitycheck.packs.load import _parse

    parts = []
    for rule in builtin_rules():
        if isinstance(rule, PackRule):
            for part in rule.parts:
                if part.type != "boilerplate":
                    parts.append(_PackLoader(part.path, _parse(part.path), eager=False).load())
    return parts


def test_phrase_entries_find_the_same_with_and_without_their_skeletons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Skeletons are built only once an anchor has had a few windows (a short text tries its few
    entries directly): gated or not, every pack finds the same candidates."""
    from qualitycheck.packs import model

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt")))
    parts = _phrase_parts()
    assert parts
    found: dict[int, list[list[tuple[int, int, int]]]] = {}
    for after in (0, 10**9):  # gated from the first window; never gated
        monkeypatch.setattr(model, "_GATE_AFTER", after)
        found[after] = []
        for part in parts:
            part.__dict__.pop("_plan", None)  # a fresh plan under this setting
            found[after].append(list(part._candidates(text)))
    assert found[0] == found[10**9]
    assert sum(map(len, found[0])) > 0


def test_every_match_of_a_phrase_entry_holds_its_required_words() -> None:
    from qualitycheck.scan.anchors import required_words

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt")))
    checked = 0
    for part in _phrase_parts():
        for entry in part.entries:
            requires = required_words(entry.source)
            for m in _resolved(entry.regex).finditer(text):
                found = m.group(0).lower()
                for words in requires:
                    assert any(w in found for w in words), (entry.source, m.group(0), words)
                    checked += 1
    assert checked > 0


def test_required_words_are_ascii_and_lower_case() -> None:
    from qualitycheck.scan.anchors import required_words

    assert required_words("the past (Monday|Tuesday)") == (
        frozenset({"the"}),
        frozenset({"past"}),
        frozenset({"monday", "tuesday"}),
    )
    assert required_words("Ärzte ohne Grenzen") == (frozenset({"ohne"}), frozenset({"grenzen"}))
    assert required_words("(?:a|b) c?") == (frozenset({"a", "b"}),)
    assert required_words("(?:a|b)? c?") == ()


def test_the_shipped_compiled_packs_are_current() -> None:
    # data/packs.json holds the built-in packs compiled at build time, used only while each pack
    # file and the code that compiles them match it. After an edit this fails until it is built
    # again:  python scripts/build_data.py packs-compiled
    from qualitycheck.packs.load import build_stored_packs
    from qualitycheck.packs.stored import STORED_FILE

    assert STORED_FILE.read_text(encoding="utf-8") == build_stored_packs()


def test_a_stored_pack_is_the_pack_compiled_afresh() -> None:
    from qualitycheck.packs.compile import _PackLoader
    from qualitycheck.packs.load import _parse, _stored_builtin
    from qualitycheck.packs.stored import serialise

    restored = 0
    for rule in builtin_rules():
        assert isinstance(rule, PackRule)
        for part in rule.parts:
            found, stored = _stored_builtin(part.path)
            assert found and stored is not None, part.path
            fresh = _PackLoader(part.path, _parse(part.path), eager=False).load()
            assert serialise(stored) == serialise(fresh)
            assert stored.path == fresh.path
            if stored.type != "boilerplate":  # the skeletons the plan takes from the file
                assert stored.__dict__["_skeletons"] == tuple(serialise(fresh)["skeletons"])
            restored += 1
    assert restored >= 3


def test_a_changed_pack_file_is_compiled_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    from qualitycheck.packs import stored

    rule = next(r for r in builtin_rules() if isinstance(r, PackRule))
    path = rule.parts[0].path
    relative = path.resolve().relative_to(path.resolve().parents[1]).as_posix()
    raw = path.read_bytes()
    assert stored.stored_pack(path, relative, raw)[0]
    assert stored.stored_pack(path, relative, raw + b"\n# edited\n") == (False, None)
    stored._data.cache_clear()
    monkeypatch.setattr(stored, "_code_key", lambda: [["packs/model.py", 0]])
    try:
        assert stored.stored_pack(path, relative, raw) == (False, None)  # other code: not used
    finally:
        stored._data.cache_clear()


def test_every_line_a_boilerplate_entry_matches_holds_its_words() -> None:
    """A boilerplate entry is compiled only for a line holding one of its words: every line it
    matches does."""
    checked = 0
    for part in _boilerplate_parts():
        for line in _sample_lines():
            trimmed = line.strip(" \t\u00a0•·▪►▶»«›‹→←|*>")
            for entry, words in zip(part.entries, part._line_words, strict=True):
                if words and _resolved(entry.regex).fullmatch(trimmed):
                    assert any(w in trimmed.lower() for w in words), (entry.source, trimmed)
                    checked += 1
    assert checked > 0


def test_the_footer_matcher_answers_as_its_patterns_tried_in_full() -> None:
    import re

    from qualitycheck.packs import footer_line_matcher
    from qualitycheck.packs.compile import _spaces_to_whitespace
    from qualitycheck.packs.model import _pattern_source
    from qualitycheck.scan.skeleton import first_chars

    patterns = []
    for part in _boilerplate_parts():
        assert part.combined is not None
        flags = _pattern_source(part.combined)[1] & re.IGNORECASE
        for index, entry in enumerate(part.entries):
            if entry.footer:
                pattern = re.compile(_spaces_to_whitespace(entry.source), flags)
                # the first characters the matcher takes from the pack are the pattern's own
                assert part._first_chars[index] == first_chars(pattern.pattern, pattern.flags)
                patterns.append(pattern)
    assert patterns
    is_footer = footer_line_matcher()
    footers = 0
    for line in [*_sample_lines(), "More Stories", "  » Related Articles |", "More"]:
        trimmed = line.strip(" \t\u00a0•·▪►▶»«›‹→←|*>")
        expected = (
            bool(trimmed) and len(trimmed) <= 320 and any(p.fullmatch(trimmed) for p in patterns)
        )
        assert is_footer(line) is expected, line
        footers += expected
    assert footers > 0


# -- stored regular-expression programs (scan.programs) ---------------------------------------
def test_every_stored_program_is_what_re_compile_makes() -> None:
    import re

    from qualitycheck.scan import programs

    stored = programs._programs()
    if not stored:
        # Made by another interpreter (then every pattern goes to re): check the programs this
        # one makes of the same patterns, as `build_data.py regex` would store them.
        import marshal

        data = marshal.loads(programs.build_programs(set(programs.stored_patterns())))
        stored = {(p, f): tuple(program) for p, f, *program in data["programs"]}
    assert stored
    for (pattern, flags), program in stored.items():
        made = programs._from_program(pattern, program)
        assert made is not None
        assert made == re.compile(pattern, flags), pattern  # flags, pattern and program
        assert made.groupindex == re.compile(pattern, flags).groupindex


def test_the_stored_programs_are_those_of_the_patterns_qualitycheck_compiles() -> None:
    # data/regex.qrx holds the programs of every pattern the rules, packs and scanning layer
    # compile on the samples. After changing a pattern this fails until it is built again:
    #     python scripts/build_data.py regex
    # (The programs themselves are checked above, on the interpreter that made them.)
    import json

    from conftest import ROOT

    from qualitycheck.scan import programs

    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'scripts')!r})\n"
        "import build_data\n"
        "print(json.dumps(sorted(build_data.record_patterns())))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    recorded = sorted(tuple(p) for p in json.loads(out.splitlines()[-1]))
    assert sorted(programs.stored_patterns()) == recorded


def test_re_compile_compiles_other_patterns_and_keeps_them() -> None:
    import re

    from qualitycheck.scan.programs import re_compile

    made = re_compile(r"qualitycheck-test-\d+ (?P<x>y)", re.IGNORECASE)
    assert made == re.compile(r"qualitycheck-test-\d+ (?P<x>y)", re.IGNORECASE)
    assert made is re_compile(r"qualitycheck-test-\d+ (?P<x>y)", re.IGNORECASE)


def test_programs_of_another_interpreter_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from qualitycheck.scan import programs

    programs._programs.cache_clear()
    monkeypatch.setattr(programs, "interpreter_key", lambda: ["another Python"])
    try:
        assert programs._programs() == {}
    finally:
        programs._programs.cache_clear()


def test_the_stored_shared_scanner_finds_what_a_fresh_one_finds() -> None:
    from qualitycheck.packs.model import _shared_scanner
    from qualitycheck.packs.stored import stored_scanner
    from qualitycheck.scan.anchors import AnchorScanner
    from qualitycheck.scan.lowered import lower_same_length

    shared = _shared_scanner()
    anchors = list(shared.anchors)
    stored = stored_scanner(anchors)
    assert stored is not None  # the shipped packs.json holds it
    fresh = AnchorScanner(anchors)
    assert stored.state() == fresh.state()
    assert stored_scanner([*anchors, "qualitycheck-test"]) is None  # other anchors: built anew
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt")))
    lowered = lower_same_length(text)
    assert stored.find_all(lowered) == fresh.find_all(lowered)
    assert stored.find_all(lowered)
