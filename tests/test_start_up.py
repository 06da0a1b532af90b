"""What a new process no longer does on the way to its first finding must not change an answer:
the entry points read without ``importlib.metadata`` are the ones it gives, data stored at build
time is used only while it is current, and the ``lint`` path leaves out the modules it does not
need."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES

from qualitycheck import registry


def _triples(eps) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(ep.name, ep.value, ep.group) for ep in eps]


@pytest.mark.parametrize("group", ["qualitycheck.rules", "console_scripts", "pytest11", "none.x"])
def test_entry_points_are_those_importlib_metadata_gives(group: str) -> None:
    scanned = registry._scanned_entry_points(group)
    assert scanned is not None  # this installation is one the scan reads
    assert _triples(scanned) == _triples(importlib.metadata.entry_points(group=group))
    assert _triples(registry.entry_points(group)) == _triples(scanned)


def _dist(root: Path, dirname: str, text: str | None) -> None:
    info = root / dirname
    info.mkdir()
    if text is not None:
        (info / "entry_points.txt").write_text(text, encoding="utf-8")


def test_entry_points_of_odd_metadata_are_those_importlib_metadata_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    importlib.invalidate_caches()
    scanned = registry._scanned_entry_points("g")
    assert scanned is not None
    assert _triples(scanned) == _triples(importlib.metadata.entry_points(group="g"))
    names = {ep.name for ep in scanned}
    assert "later" not in names and "d" in names and "c" in names  # first of a name wins
    assert ("z" in names) != ("shadowed" in names)  # one of two dists of the same name


def test_entry_points_from_a_zip_file_go_through_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[g]\nz = m:Z\n")
        z.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    importlib.invalidate_caches()
    assert registry._scanned_entry_points("g") is None
    assert _triples(registry.entry_points("g")) == [("z", "m:Z", "g")]


def test_a_loaded_entry_point_is_the_object_importlib_metadata_loads() -> None:
    for value in ("qualitycheck.rules.names.glossary:RULE", "qualitycheck.rule", "os.path:join"):
        ours = registry.EntryPoint("x", value, "g").load()
        assert ours is importlib.metadata.EntryPoint("x", value, "g").load()


def _imported_by_lint(path: Path) -> set[str]:
    code = (
        "import sys\n"
        "from qualitycheck.cli import main\n"
        "sys.argv = ['qualitycheck', 'lint', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    ).stdout
    return set(out.splitlines()[-1].split())


def test_a_lint_run_on_one_file_leaves_out_the_modules_it_does_not_need() -> None:
    sample = sorted((SAMPLES / "garbled").glob("*.txt"))[0]
    imported = _imported_by_lint(sample)
    assert "qualitycheck.rules.names.glossary" in imported  # the run did load the rules
    assert "importlib.metadata" not in imported
    assert "email" not in imported
