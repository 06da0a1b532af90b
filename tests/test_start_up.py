"""What a new process no longer does on the way to its first finding must not change an answer:
the entry points read without ``importlib.metadata`` are the ones it gives, data stored at build
time is used only while it is current, and the ``lint`` path leaves out the modules it does not
need."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES

from qualitycheck import registry


def _triples(eps) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(ep.name, ep.value, ep.group) for ep in eps]


_COMPARE_ENTRY_POINTS = """
import importlib.metadata, json, sys
from qualitycheck import registry
path = json.loads(sys.argv[1])
if path is not None:
    sys.path[:] = path
out = {}
for group in sys.argv[2:]:
    scanned = registry._scanned_entry_points(group)
    out[group] = [
        None if scanned is None else [[e.name, e.value, e.group] for e in scanned],
        [[e.name, e.value, e.group] for e in importlib.metadata.entry_points(group=group)],
        [[e.name, e.value, e.group] for e in registry.entry_points(group)],
    ]
print(json.dumps(out))
"""


def _compared(path: list[str] | None, *groups: str) -> dict[str, list[Any]]:
    """``{group: [the scan's entry points (None: not read), importlib.metadata's, the
    registry's]}`` in a new process: the installation as the command line sees it (in this one
    a test dependency may have imported the importlib_metadata backport, which replaces the
    standard library's distribution finder with its own: the registry then rightly hands every
    question to importlib.metadata)."""
    out = subprocess.run(
        [sys.executable, "-c", _COMPARE_ENTRY_POINTS, json.dumps(path), *groups],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.splitlines()[-1])  # type: ignore[no-any-return]


def test_entry_points_are_those_importlib_metadata_gives() -> None:
    found = _compared(None, "qualitycheck.rules", "console_scripts", "pytest11", "none.x")
    for group, (scanned, expected, given) in found.items():
        assert scanned is not None, group  # this installation is one the scan reads
        assert scanned == expected == given, group
    assert len(found["qualitycheck.rules"][0]) >= 40


def test_entry_points_here_are_those_importlib_metadata_gives() -> None:
    for group in ("qualitycheck.rules", "console_scripts"):
        expected = _triples(importlib.metadata.entry_points(group=group))
        assert _triples(registry.entry_points(group)) == expected  # scanned or not


def _dist(root: Path, dirname: str, text: str | None) -> None:
    info = root / dirname
    info.mkdir()
    if text is not None:
        (info / "entry_points.txt").write_text(text, encoding="utf-8")


def test_entry_points_of_odd_metadata_are_those_importlib_metadata_gives(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _dist(first, "Plug_In-1.0.dist-info", "# c\n[g]\n z = m.z:Z \n a=m:A [extra]\n\n[h]\nb = m:B\n")
    _dist(first, "plug.in-2.0.dist-info", "[g]\nshadowed = m:S\n")  # same normalized name
    _dist(first, "other.egg-info", "[g]\nc = m\n")
    _dist(first, "nothing-1.0.dist-info", None)
    (first / "not-metadata.txt").write_text("", encoding="utf-8")
    _dist(second, "plug_in-3.0.dist-info", "[g]\nlater = m:L\n")  # shadowed by the first path
    _dist(second, "third-1.dist-info", "[g]\nd = n.o:p.q\n")
    path = [str(first), str(tmp_path / "missing"), str(second)]
    scanned, expected, given = _compared(path, "g")["g"]
    assert scanned is not None
    assert scanned == expected == given
    names = {name for name, _, _ in scanned}
    assert "later" not in names and "d" in names and "c" in names  # first of a name wins
    assert ("z" in names) != ("shadowed" in names)  # one of two dists of the same name


def test_entry_points_from_a_zip_file_go_through_importlib_metadata(tmp_path: Path) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[g]\nz = m:Z\n")
        z.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
    scanned, expected, given = _compared([str(archive)], "g")["g"]
    assert scanned is None
    assert given == expected == [["z", "m:Z", "g"]]


def test_a_loaded_entry_point_is_the_object_importlib_metadata_loads() -> None:
    for value in ("qualitycheck.rules.names.glossary:RULE", "qualitycheck.rule", "os.path:join"):
        ours = registry.EntryPoint("x", value, "g").load()
        assert ours is importlib.metadata.EntryPoint("x", value, "g").load()


def _lint_in_a_new_process(path: Path, report: str, setup: str = "") -> str:
    """The last line ``report`` (Python code) prints after ``qualitycheck lint path`` ran in
    a new interpreter, ``setup`` run first."""
    code = (
        f"import gc, sys\n{setup}"
        "from qualitycheck.cli import main\n"
        "sys.argv = ['qualitycheck', 'lint', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"{report}\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    ).stdout
    return out.splitlines()[-1]


def _imported_by_lint(path: Path) -> set[str]:
    return set(_lint_in_a_new_process(path, "print(' '.join(sorted(sys.modules)))").split())


def test_a_lint_run_on_one_file_leaves_out_the_modules_it_does_not_need(tmp_path: Path) -> None:
    # An ASCII article (one with accented letters also loads ftfy for junk.mojibake).
    sample = tmp_path / "article.txt"
    sample.write_text(
        "The minister of Finance met the President in Kyiv on Monday. They discussed the "
        "Budget, the Agreement signed by Ukraine and Poland, and a new grid for the city.\n\n"
        "Olexandr Zelensky said that the the talks will continue in Warsaw next week.\n",
        encoding="utf-8",
    )
    imported = _imported_by_lint(sample)
    assert "qualitycheck.rules.names.glossary" in imported  # the run did load the rules
    # What the interpreter itself imports at start (a site .pth file may import certifi, and
    # with it importlib.resources and tempfile) is not the run's doing.
    at_start = set(
        subprocess.run(
            [sys.executable, "-c", "import sys; print(' '.join(sorted(sys.modules)))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    added = imported - at_start
    assert "importlib.metadata" not in added
    assert "email" not in added
    assert "_hashlib" not in added and "tempfile" not in added


def test_fingerprints_hash_as_hashlib_does() -> None:
    import hashlib

    from qualitycheck import suppress

    for text in ("", "qualitycheck", "Kyïv — Київ\x1f" * 50):
        data = text.encode("utf-8")
        assert suppress._sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


# -- scanning plans stored with the regex programs (scan.starts) ---------------------------------
def _stored_plan_section():  # type: ignore[no-untyped-def]
    from qualitycheck.scan import programs

    # The plans do not depend on the interpreter: read them whichever one made the file.
    section = programs.shipped_section("plans")
    assert section is not None, "data/regex.qrx has no plans: python scripts/build_data.py regex"
    return section


def test_the_stored_plans_are_current_and_what_a_fresh_reading_gives() -> None:
    # After changing a scanned pattern or the scanning layer this fails until they are built
    # again:  python scripts/build_data.py regex
    import re

    from qualitycheck.scan import starts

    section = _stored_plan_section()
    assert section["key"] == starts.plans_key()
    assert section["plans"]
    for pattern, flags, desc in section["plans"]:
        fresh = starts.fresh_plan(re.compile(pattern, flags))
        assert desc == starts.describe(fresh), pattern
        assert starts.describe(starts._plan_from(desc)) == desc


def test_the_stored_plans_are_those_of_the_patterns_scanned_on_the_samples() -> None:
    import json

    from conftest import ROOT

    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'scripts')!r})\n"
        "import build_data\n"
        "build_data.record_patterns()\n"
        "from qualitycheck.scan.starts import planned\n"
        "print(json.dumps(sorted(planned())))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    recorded = sorted(tuple(p) for p in json.loads(out.splitlines()[-1]))
    assert sorted((p, f) for p, f, _ in _stored_plan_section()["plans"]) == recorded


def test_stored_plans_find_what_fresh_plans_find() -> None:
    import re

    from qualitycheck.scan import starts

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    for pattern, flags, desc in _stored_plan_section()["plans"]:
        compiled = re.compile(pattern, flags)
        plan = starts._plan_from(desc)
        for text in texts:
            expected = [m.span() for m in compiled.finditer(text)]
            if plan is not None:
                assert [m.span() for m in starts._planned(compiled, text, plan.starts(text))] == (
                    expected
                )
            assert [m.span() for m in starts.finditer(text, compiled)] == expected


def test_stale_plans_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from qualitycheck.scan import starts

    pattern, flags, _ = _stored_plan_section()["plans"][0]
    monkeypatch.setattr(starts, "plans_key", lambda: -1)  # as after an edit of starts.py
    monkeypatch.setattr(starts, "_stored_plans_cache", [])
    monkeypatch.setattr(starts, "_planned_keys", set())
    starts.plan_of.cache_clear()
    try:
        assert starts._stored_plans() == {}
        starts.plan_of(re.compile(pattern, flags))
        assert starts.planned() == {(pattern, flags)}  # read afresh
    finally:
        starts.plan_of.cache_clear()


def test_main_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    sample = tmp_path / "article.txt"
    sample.write_text("The minister met the President in Kyiv on Monday.\n", encoding="utf-8")
    out = _lint_in_a_new_process(
        sample, "print(gc.isenabled(), gc.get_threshold())", setup="gc.set_threshold(700, 10, 10)\n"
    )
    assert out == "True (700, 10, 10)"


# -- container members stored uncompressed (resources._Container, format 3) ----------------------
def _build_data(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import build_data

    return build_data


def test_members_stored_as_they_are_read_as_compressed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qualitycheck.resources import _Container

    build_data = _build_data(monkeypatch)
    lines = [f"{w}\t{c}" for w, c in [("ab", "5"), ("abc", "6"), ("abé", "7"), ("abz", "")]]
    members = {"meta": "words 4", "w:ab": "\n".join(lines), "keys:ab": "\n".join(lines)}
    raw_file = tmp_path / "raw.qcd"
    raw_file.write_bytes(build_data._container(members, {}))
    monkeypatch.setattr(build_data, "RAW_GROUPS", frozenset())
    packed_file = tmp_path / "packed.qcd"
    packed_file.write_bytes(build_data._container(members, {}))
    raw, packed = _Container(raw_file), _Container(packed_file)
    assert raw._span("w:ab")[1] < 0 and packed._span("w:ab")[1] > 0  # type: ignore[index]
    for name in members:
        assert raw.text(name) == packed.text(name) == members[name]
    for prefix in ("w", "keys"):
        for key in ("ab", "abc", "abé", "abz", "abd", "zz", ""):
            assert raw.find(prefix, key) == packed.find(prefix, key)


def test_the_shipped_containers_store_the_read_groups_uncompressed() -> None:
    from qualitycheck.resources import DATA_DIR, _Container

    for name, member in (("lexicon.qcd", "w:th"), ("gazetteer.qcd", "places:0")):
        container = _Container(DATA_DIR / name)
        assert container._header and container._span(member)[1] < 0  # type: ignore[index]
        assert container._span("meta")[1] > 0  # type: ignore[index]


_DESCRIBE_CLI = """
import json, sys
import typer.main
from typer.testing import CliRunner
from qualitycheck import cli
if sys.argv[1] == "resolved":
    cli._resolve_annotations(cli.app)
def norm(v, depth=0):
    if isinstance(v, (str, int, float, bool, type(None))):
        return v
    if isinstance(v, (list, tuple, set, frozenset)):
        return [norm(x, depth) for x in v]
    if isinstance(v, dict):
        return {str(k): norm(x, depth) for k, x in v.items()}
    if callable(v) and hasattr(v, "__qualname__"):
        return "function " + v.__qualname__
    if depth < 3 and hasattr(v, "__dict__"):
        return [type(v).__name__, norm(vars(v), depth + 1)]
    return type(v).__name__
def describe(command, path):
    out = {"path": path, "params": [norm(vars(p)) for p in command.params]}
    found = [out]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found.extend(describe(sub, [*path, name]))
    return found
described = describe(typer.main.get_command(cli.app), [])
helps = [CliRunner().invoke(cli.app, [*d["path"], "--help"]).output for d in described]
print(json.dumps([described, helps]))
"""


def test_resolved_annotations_build_the_same_command_line() -> None:
    outs = [
        subprocess.run(
            [sys.executable, "-c", _DESCRIBE_CLI, mode], capture_output=True, text=True, check=True
        ).stdout
        for mode in ("resolved", "as written")
    ]
    resolved, written = (json.loads(out.splitlines()[-1]) for out in outs)
    assert len(written[0]) > 5 and all("Usage" in h for h in written[1])
    assert resolved == written
