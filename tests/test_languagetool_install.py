"""``qualitycheck languagetool install`` and ``--languagetool auto``, end to end and for real.

A stand-in LanguageTool (tests/data/languagetool/standin/HTTPServer.java: LanguageTool's class name,
command line and /v2/check response shape) is compiled into a jar now, zipped in the layout of a
LanguageTool release (``LanguageTool-<version>/languagetool-server.jar``) and served by a local
download host that language-tool-python is pointed at through ``LTP_DOWNLOAD_HOST_*``. The install
goes through language-tool-python's own download (progress bar, SHA-256, unzip); ``lint`` then runs
with every non-loopback connection refused and must never ask the download host for anything.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import TEST_DATA

DATA = TEST_DATA / "languagetool"
GUARD = DATA / "guarded_qualitycheck.py"
HAVE_LTP = importlib.util.find_spec("language_tool_python") is not None
HAVE_JAVA = shutil.which("java") is not None and shutil.which("javac") is not None

needs_ltp = pytest.mark.skipif(
    not HAVE_LTP, reason="needs the languagetool extra: pip install -e '.[languagetool]'"
)
needs_java = pytest.mark.skipif(
    not HAVE_JAVA, reason="needs java and javac on PATH to build and run the stand-in LanguageTool"
)

# sentences of our own: an agreement error, "a" before a vowel and a typo; then clean prose
DAMAGED = "She have a umbrella in teh office.\n"
CLEAN = "The council approved the plan on Monday.\n"


def default_version() -> str:
    from language_tool_python import download_lt

    return str(download_lt.LTP_DOWNLOAD_VERSION)


# -- the stand-in release and the download host --------------------------------------------------
def build_standin_jar(work: Path) -> Path:
    javac = shutil.which("javac")
    assert javac is not None
    classes = work / "classes"
    subprocess.run(
        [javac, "--release", "17", "-d", str(classes), str(DATA / "standin" / "HTTPServer.java")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    jar = work / "languagetool-server.jar"
    with zipfile.ZipFile(jar, "w") as out:
        out.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
        for path in sorted(classes.rglob("*.class")):
            out.write(path, path.relative_to(classes).as_posix())
    return jar


def release_zip(jar: Path, version: str, where: Path) -> bytes:
    archive = where / f"LanguageTool-{version}.zip"
    root = f"LanguageTool-{version}"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(jar, f"{root}/languagetool-server.jar")
        out.writestr(f"{root}/README.md", "A stand-in LanguageTool for qualitycheck's tests.\n")
    return archive.read_bytes()


class DownloadHost(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _HostHandler)
        self.files = files
        self.requests: list[str] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _HostHandler(BaseHTTPRequestHandler):
    server: DownloadHost

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        body = self.server.files.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.send_header("Content-Type", "application/zip")
        self.end_headers()
        self.wfile.write(body or b"")


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The stand-in jar, its release archive for language-tool-python's default version, and a
    download host serving that archive where language-tool-python looks for it."""
    if not HAVE_JAVA:
        why = "needs java and javac on PATH to build and run the stand-in LanguageTool"
        pytest.skip(reason=why)
    if not HAVE_LTP:
        pytest.skip(reason="needs the languagetool extra: pip install -e '.[languagetool]'")
    work = tmp_path_factory.mktemp("standin")
    jar = build_standin_jar(work)
    version = default_version()
    archive = release_zip(jar, version, work)
    path = f"/releases/LanguageTool-{version}/LanguageTool-{version}.zip"
    host = DownloadHost({path: archive})
    thread = threading.Thread(target=host.serve_forever, daemon=True)
    thread.start()
    yield {"jar": jar, "version": version, "archive": archive, "path": path, "host": host,
           "sha256": hashlib.sha256(archive).hexdigest()}  # fmt: skip
    host.shutdown()
    host.server_close()


def ltp_env(cache: Path, host: DownloadHost, **extra: str) -> dict[str, str]:
    """language-tool-python's settings for a test: its cache, every download host on ours, no
    proxy, no jar directory; ``extra`` on top."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LTP_") and not k.lower().endswith("_proxy")}  # fmt: skip
    env.update(
        LTP_PATH=str(cache),
        LTP_DOWNLOAD_HOST_NEW_RELEASES=f"{host.base}/releases/LanguageTool-{{version}}/",
        LTP_DOWNLOAD_HOST_RELEASE=f"{host.base}/release/",
        LTP_DOWNLOAD_HOST_ARCHIVE=f"{host.base}/archive/",
        LTP_DOWNLOAD_HOST_SNAPSHOT=f"{host.base}/snapshots/",
        NO_PROXY="127.0.0.1,localhost",
        NO_COLOR="1",
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualitycheck", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def run_guarded(
    args: list[str], env: dict[str, str], cwd: Path
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``qualitycheck ARGS`` with every non-loopback connection refused; also what it opened."""
    log = cwd / f"net-{len(list(cwd.glob('net-*.log')))}.log"
    proc = subprocess.run(
        [sys.executable, str(GUARD), *args],
        cwd=cwd, env={**env, "QC_NET_LOG": str(log)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return proc, log.read_text("utf-8").splitlines() if log.exists() else []


@pytest.fixture(scope="module")
def installed(standin: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``qualitycheck languagetool install`` run once, from the local download host."""
    cache = tmp_path_factory.mktemp("ltp-cache")
    cwd = tmp_path_factory.mktemp("work")
    env = ltp_env(cache, standin["host"],
                  **{f"LTP_DOWNLOAD_SHA256_{standin['version'].replace('.', '_')}":
                     standin["sha256"]})  # fmt: skip
    before = len(standin["host"].requests)
    proc = run(["languagetool", "install"], env, cwd)
    return {**standin, "cache": cache, "cwd": cwd, "env": env, "proc": proc,
            "requests": standin["host"].requests[before:]}  # fmt: skip


# -- install ---------------------------------------------------------------------------------------
def test_install_downloads_once_with_a_progress_bar_and_the_checksum_verified(
    installed: dict[str, Any],
) -> None:
    proc, version = installed["proc"], installed["version"]
    assert proc.returncode == 0, proc.stderr
    assert installed["requests"] == [installed["path"]]  # one download, from our host
    assert f"checked against SHA-256 {installed['sha256'][:16]}" in proc.stderr
    assert f"Downloading LanguageTool {version}" in proc.stderr and "100%" in proc.stderr
    directory = installed["cache"] / f"LanguageTool-{version}"
    assert f"installed in {directory} (SHA-256 verified)" in proc.stdout
    jar = directory / "languagetool-server.jar"
    assert jar.read_bytes() == installed["jar"].read_bytes()


def test_install_again_downloads_nothing(installed: dict[str, Any]) -> None:
    host = installed["host"]
    before = len(host.requests)
    proc, net = run_guarded(["languagetool", "install"], installed["env"], installed["cwd"])
    assert proc.returncode == 0, proc.stderr
    assert "already installed" in proc.stdout and "nothing was downloaded" in proc.stdout
    assert host.requests[before:] == []
    assert not [line for line in net if line.startswith(("socket.", "url"))], net


def test_lint_auto_uses_the_installation_with_the_network_cut(installed: dict[str, Any]) -> None:
    cwd, host = installed["cwd"], installed["host"]
    (cwd / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    (cwd / "clean.txt").write_text(CLEAN, encoding="utf-8")
    before = len(host.requests)
    args = [
        "lint",
        "--isolated",
        "-f",
        "json",
        "--languagetool",
        "auto",
        "damaged.txt",
        "clean.txt",
    ]
    proc, net = run_guarded(args, installed["env"], cwd)
    assert proc.returncode == 1, proc.stderr  # the grammar findings are warnings
    assert proc.stderr == ""  # no notice: LanguageTool ran
    damaged, clean = json.loads(proc.stdout)["files"]
    grammar = [(f["rule"], f["line"], f["column"], f["text"], f["suggestions"])
               for f in damaged["findings"] if f["category"] == "grammar"]  # fmt: skip
    # LanguageTool's a/an finding falls on the span of qualitycheck's own a/an rule, which the
    # engine reports once (grammar.indefinite-article covers "a umbrella").
    assert grammar == [
        ("grammar.lt.he-verb-agr", 1, 5, "have", ["has"]),
        ("grammar.indefinite-article", 1, 10, "a umbrella", ["an umbrella"]),
        ("grammar.lt.morfologik-rule-en-us", 1, 24, "teh", ["the"]),
    ]
    assert damaged["grammar"]["status"] == "checked" and damaged["grammar"]["server"] == "local"
    assert not [f for f in clean["findings"] if f["rule"].startswith("grammar.lt.")]
    assert clean["grammar"]["status"] == "checked"
    # nothing asked the download host, nothing left the machine, language-tool-python not loaded
    assert host.requests[before:] == []
    assert "language_tool_python not imported" in net
    connects = [line for line in net if line.startswith("socket.connect ")]
    assert connects and all("127.0.0.1" in line for line in connects), net
    # the local server was stopped at the end of the run: its port no longer answers
    port = int(connects[-1].rsplit(",", 1)[1].strip(" )"))
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


@needs_java
@needs_ltp
def test_lint_auto_before_install_never_downloads(standin: dict[str, Any], tmp_path: Path) -> None:
    host = standin["host"]
    before = len(host.requests)
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    env = ltp_env(tmp_path / "empty-cache", host)
    off = run(["lint", "--isolated", "-f", "json", "a.txt"], env, tmp_path)
    proc, net = run_guarded(
        ["lint", "--isolated", "-f", "json", "--languagetool", "auto", "a.txt"], env, tmp_path
    )
    assert proc.returncode == off.returncode
    assert proc.stderr.count("grammar checks (LanguageTool) skipped") == 1, proc.stderr
    assert "no LanguageTool installation found" in proc.stderr
    assert "qualitycheck languagetool install" in proc.stderr
    (file,) = json.loads(proc.stdout)["files"]
    assert file["grammar"]["status"] == "skipped"
    assert host.requests[before:] == []
    assert net == ["language_tool_python not imported"]  # not one connection, not one look-up


@needs_java
@needs_ltp
def test_lint_auto_starts_an_older_cached_version_instead_of_downloading_the_default(
    standin: dict[str, Any], tmp_path: Path
) -> None:
    """language-tool-python's own LanguageTool() downloads its default version when the cache
    holds another one; qualitycheck starts what is there."""
    cache = tmp_path / "cache"
    (cache / "LanguageTool-6.4").mkdir(parents=True)
    shutil.copy(standin["jar"], cache / "LanguageTool-6.4" / "languagetool-server.jar")
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    host = standin["host"]
    before = len(host.requests)
    proc, net = run_guarded(
        ["lint", "--isolated", "-f", "json", "--languagetool", "auto", "a.txt"],
        ltp_env(cache, host), tmp_path,
    )  # fmt: skip
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    (file,) = json.loads(proc.stdout)["files"]
    assert file["grammar"]["status"] == "checked"
    assert {f["rule"] for f in file["findings"]} >= {"grammar.lt.he-verb-agr"}
    assert host.requests[before:] == []
    assert "language_tool_python not imported" in net


@needs_java
@needs_ltp
def test_install_refuses_an_archive_whose_checksum_does_not_match(
    standin: dict[str, Any], tmp_path: Path
) -> None:
    """No override: language-tool-python checks the stand-in against the real release's SHA-256
    in its manifest, which it cannot match."""
    cache = tmp_path / "cache"
    proc = run(["languagetool", "install"], ltp_env(cache, standin["host"]), tmp_path)
    assert proc.returncode == 2
    assert "checksum mismatch" in proc.stderr and standin["sha256"] in proc.stderr
    assert "Traceback" not in proc.stderr
    assert list(cache.iterdir()) == []  # nothing unpacked, no temporary left behind


@needs_ltp
@pytest.mark.parametrize(
    ("version", "extra", "reason"),
    [
        ("20250101", {}, "no SHA-256 is known for LanguageTool 20250101"),
        (None, {"LTP_BYPASS_VERIFIED_DOWNLOADS": "true"}, "turns checksum verification off"),
    ],
)
def test_install_refuses_a_download_no_checksum_verifies(
    standin: dict[str, Any], tmp_path: Path, version: str | None, extra: dict[str, str],
    reason: str,
) -> None:  # fmt: skip
    host = standin["host"]
    before = len(host.requests)
    args = ["languagetool", "install", *([version] if version else [])]
    proc = run(args, ltp_env(tmp_path / "cache", host, **extra), tmp_path)
    assert proc.returncode == 2
    assert reason in proc.stderr and "only installs a download it can verify" in proc.stderr
    assert host.requests[before:] == []  # refused before asking for anything


@needs_ltp
def test_install_without_java_says_so_before_downloading(
    standin: dict[str, Any], tmp_path: Path
) -> None:
    host = standin["host"]
    before = len(host.requests)
    (tmp_path / "bin").mkdir()  # a PATH with no java on it
    env = ltp_env(tmp_path / "cache", host, PATH=str(tmp_path / "bin"),
                  **{f"LTP_DOWNLOAD_SHA256_{standin['version'].replace('.', '_')}":
                     standin["sha256"]})  # fmt: skip
    proc = run(["languagetool", "install"], env, tmp_path)
    assert proc.returncode == 2
    assert "Java was not found on PATH" in proc.stderr and "Downloading" not in proc.stderr
    assert host.requests[before:] == []


def test_install_without_the_extra_says_how(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['language_tool_python'] = None  # as if the extra were not installed\n"
        "sys.argv = ['qualitycheck', 'languagetool', 'install']\n"
        "from qualitycheck.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTP_")}
    env["LTP_PATH"] = str(tmp_path / "cache")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 2
    assert "pip install 'qualitycheck[languagetool]'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_install_with_ltp_jar_dir_path_downloads_nothing(tmp_path: Path) -> None:
    unpacked = tmp_path / "LanguageTool-6.8"
    unpacked.mkdir()
    (unpacked / "languagetool-server.jar").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTP_")}
    env.update(LTP_JAR_DIR_PATH=str(unpacked), LTP_PATH=str(tmp_path / "cache"))
    proc, net = run_guarded(["languagetool", "install"], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"LTP_JAR_DIR_PATH names a LanguageTool installation ({unpacked})" in proc.stdout
    assert "nothing was downloaded" in proc.stdout
    assert "language_tool_python not imported" in net
    env["LTP_JAR_DIR_PATH"] = str(tmp_path)
    proc = run(["languagetool", "install"], env, tmp_path)
    assert proc.returncode == 2 and "holds no languagetool-server.jar" in proc.stderr
    assert "unset it" in proc.stderr


def test_status_says_what_auto_would_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTP_")}
    env["LTP_PATH"] = str(tmp_path / "cache")
    missing = run(["languagetool", "status"], env, tmp_path)
    assert missing.returncode == 1
    assert "no installation found" in missing.stdout and str(tmp_path / "cache") in missing.stdout
    jar = tmp_path / "cache" / "LanguageTool-6.8" / "languagetool-server.jar"
    jar.parent.mkdir(parents=True)
    jar.write_bytes(b"")
    found = run(["languagetool", "status"], env, tmp_path)
    if shutil.which("java") is None:
        assert found.returncode == 1 and "install Java" in found.stdout
    else:
        assert found.returncode == 0, found.stdout
        assert str(jar) in found.stdout and "will start this LanguageTool" in found.stdout
