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
from conftest import ROOT

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


# -- the README's snippets, as written -------------------------------------------------------
README = ROOT / "README.md"
# A file with only a warning (a lower-case sentence start) and one with an error (a repeated word):
# with --fail-on error only the error fails the hook.
ONLY_WARNING = "The minister spoke on Monday.\n\nthe talks would resume in the spring.\n"

WITH_ERROR = "The minister said that the the talks would resume on Monday.\n"


def readme_snippet(marker: str) -> dict[str, object]:
    """The README's ``.pre-commit-config.yaml`` block whose repo line contains ``marker``."""
    import re

    blocks = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    found = [b for b in blocks if "repos:" in b and f"repo: {marker}" in b]
    assert len(found) == 1, f"one README pre-commit block with 'repo: {marker}'"
    config = yaml.safe_load(found[0])
    assert isinstance(config, dict)
    return config


def test_readme_snippets_name_the_hook_and_show_fail_on() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    for marker in ("local", "https://"):
        (repo,) = readme_snippet(marker)["repos"]  # type: ignore[misc]
        (entry,) = repo["hooks"]
        assert entry["id"] == hook["id"]
        assert entry["args"] == ["--fail-on", "error"]
    (local,) = readme_snippet("local")["repos"]  # type: ignore[misc]
    assert local["hooks"][0]["entry"] == hook["entry"]
    assert local["hooks"][0]["types_or"] == hook["types_or"]


def _needs_pre_commit() -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip(reason="git is not installed")


def _project(tmp_path: Path, config: dict[str, object]) -> Path:
    _git("init", "-q", cwd=tmp_path)
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "warning.md").write_text(ONLY_WARNING, encoding="utf-8")
    (tmp_path / "error.txt").write_text(WITH_ERROR, encoding="utf-8")
    _git("add", ".", cwd=tmp_path)
    _git("commit", "-q", "-m", "articles", cwd=tmp_path)
    return tmp_path


def _run(workdir: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    # the qualitycheck that `pip install -e .` put next to this Python is on PATH, as in a user's
    # activated virtualenv
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--verbose", "--files", *files],
        cwd=workdir, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
             "PRE_COMMIT_COLOR": "never"},
    )  # fmt: skip


def test_readme_local_snippet_works_as_written(tmp_path: Path, pre_commit_home: Path) -> None:
    _needs_pre_commit()
    if not (Path(sys.executable).parent / "qualitycheck").exists():
        pytest.skip(reason="qualitycheck's console script is not installed next to this Python")
    project = _project(tmp_path, readme_snippet("local"))
    warned = _run(project, pre_commit_home, "warning.md")
    assert warned.returncode == 0, warned.stdout + warned.stderr  # --fail-on error
    assert "case.lowercase-sentence-start" in warned.stdout and "Passed" in warned.stdout
    failed = _run(project, pre_commit_home, "error.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "error.txt:1:" in failed.stdout and "structure.repeated-word" in failed.stdout


@pytest.mark.slow
def test_readme_remote_snippet_works_against_this_checkout(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    """The remote form with its URL pointed at the checkout and its rev at HEAD (there is no
    release tag yet): pre-commit clones it and installs qualitycheck from it, as for a user."""
    _needs_pre_commit()
    if not (ROOT / ".git").exists():
        pytest.skip(reason="the project is not a git checkout; pre-commit clones a repository")
    config = readme_snippet("https://")
    (repo,) = config["repos"]  # type: ignore[misc]
    repo["repo"], repo["rev"] = str(ROOT), _git("rev-parse", "HEAD", cwd=ROOT)
    project = _project(tmp_path, config)
    warned = _run(project, pre_commit_home, "warning.md")
    assert warned.returncode == 0, warned.stdout + warned.stderr
    assert "case.lowercase-sentence-start" in warned.stdout
    failed = _run(project, pre_commit_home, "error.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "structure.repeated-word" in failed.stdout
