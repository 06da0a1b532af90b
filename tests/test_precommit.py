"""The pre-commit hook, for real: ``pre-commit try-repo`` installs this project into a fresh
virtualenv (from PyPI for the dependencies) and runs the hook on a garbled and a clean file.

try-repo is pointed at the project's HEAD commit, so what is tested is the committed state. It
takes about 20 s with a warm pip cache (the first run downloads the dependencies).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"

GARBLED = (
    "The minister said that the the talks would resume on Monday.\n"
    "Officials met in the capital. , then left for the border.\n"
)
CLEAN = "The minister said that the talks would resume on Monday.\n"


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "qualitycheck"
    assert hook["entry"] == "qualitycheck lint"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html", "plain-text"]


@pytest.mark.parametrize(
    ("name", "tags"),
    [("notes.md", {"markdown"}), ("page.html", {"html"}), ("page.htm", {"html"}),
     ("story.txt", {"plain-text"}), ("README", {"plain-text"})],
)  # fmt: skip
def test_hook_types_are_identify_tags_of_the_files_we_check(name: str, tags: set[str]) -> None:
    identify = pytest.importorskip("identify.identify", reason="identify comes with pre-commit")
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    found = identify.tags_from_filename(name)
    assert tags <= found
    assert set(hook["types_or"]) & found


@pytest.mark.parametrize(
    ("path", "excluded"),
    [("requirements.txt", True), ("docs/requirements-dev.txt", True), ("LICENSE", True),
     ("CMakeLists.txt", True), ("robots.txt", True), ("notes.txt", False),
     ("docs/license-faq.md", False), ("README.md", False), ("README", False)],
)  # fmt: skip
def test_hook_skips_plain_text_that_is_not_prose(path: str, excluded: bool) -> None:
    import re

    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert bool(re.search(hook["exclude"], path)) is excluded


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(workdir: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    head = _git("rev-parse", "HEAD", cwd=ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "qualitycheck",
         "--ref", head, "--verbose", "--files", *files],
        cwd=workdir, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
             "PRE_COMMIT_COLOR": "never"},
    )  # fmt: skip


@pytest.mark.slow
def test_pre_commit_try_repo_fails_on_garbled_and_passes_on_clean(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip(reason="git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip(reason="the project is not a git checkout; try-repo needs one")
    tracked = _git("ls-tree", "--name-only", "HEAD", ".pre-commit-hooks.yaml", cwd=ROOT)
    assert tracked == ".pre-commit-hooks.yaml", "commit .pre-commit-hooks.yaml: try-repo uses HEAD"

    _git("init", "-q", cwd=tmp_path)
    (tmp_path / "garbled.md").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("the the==1.0\n", encoding="utf-8")
    _git("add", ".", cwd=tmp_path)
    _git("commit", "-q", "-m", "articles", cwd=tmp_path)

    bad = _try_repo(tmp_path, pre_commit_home, "garbled.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "garbled.md:1:" in bad.stdout and "structure.repeated-word" in bad.stdout

    good = _try_repo(tmp_path, pre_commit_home, "clean.txt", "requirements.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    assert "Found 0 findings in 1 file." in good.stdout  # requirements.txt is not prose
