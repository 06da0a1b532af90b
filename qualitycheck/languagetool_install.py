"""``qualitycheck languagetool install`` and ``status``: LanguageTool for ``--languagetool auto``.

This is the only module that imports language-tool-python (the ``languagetool`` extra), and only
when the user asks for a download with ``qualitycheck languagetool install``: ``lint`` never
imports it and never downloads. What language-tool-python brings is its download: the release URL
(``LTP_DOWNLOAD_HOST_*`` to use a mirror), a progress bar, the archive's SHA-256 checked against
the manifest it ships (or ``LTP_DOWNLOAD_SHA256_<VERSION>``), a size limit and a safe unzip into its
cache (``LTP_PATH``), where ``--languagetool auto`` finds it. A download that no checksum verifies
is refused. Starting and stopping the server stays in ``qualitycheck.languagetool``: language-tool-
python 3.4's own start-up may download, ignores ``LTP_JAR_DIR_PATH``, retries a broken
installation on hundreds of ports and sends its health checks through any configured HTTP proxy.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from qualitycheck.languagetool import _jar_in, download_cache, find_installation

EXTRA_HINT = "pip install 'qualitycheck[languagetool]'"
SUPPORTED = "language-tool-python>=3.4,<3.5"  # keep in step with pyproject.toml
JAVA_MISSING = "Java was not found on PATH; LanguageTool needs Java 17 or newer: install it first"


class InstallError(Exception):
    """The installation did not happen; the message says why, for the user."""


@dataclass(frozen=True)
class Installed:
    version: str
    directory: Path
    jar: Path
    downloaded: bool  # False: it was already there (nothing was fetched)
    checksum: str | None = None  # the SHA-256 the download was verified against
    from_jar_dir: bool = False  # LTP_JAR_DIR_PATH names it: auto uses that, not the cache


def _download_module() -> ModuleType:
    try:
        from language_tool_python import download_lt
    except ImportError:
        raise InstallError(
            f"installing LanguageTool needs language-tool-python: {EXTRA_HINT}"
        ) from None
    needed = ("LocalLanguageTool", "LTP_DOWNLOAD_VERSION", "_get_zip_hash")
    if not all(hasattr(download_lt, name) for name in needed):
        raise InstallError(
            f"language-tool-python {_ltp_version()} cannot verify downloads the way qualitycheck "
            f"needs; install {SUPPORTED}"
        )
    return download_lt


def _ltp_version() -> str | None:
    try:
        return importlib.metadata.version("language-tool-python")
    except importlib.metadata.PackageNotFoundError:
        return None


def _expected_checksum(download_lt: ModuleType, version: str) -> str:
    """The SHA-256 language-tool-python will check the archive against; refuse without one."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its bypass warning: we refuse below instead
            checksum: str | None = download_lt._get_zip_hash(version)
    except Exception as exc:  # its PathError: a malformed LTP_DOWNLOAD_SHA256* value
        raise InstallError(str(exc)) from None
    if checksum:
        return checksum
    variable = "LTP_DOWNLOAD_SHA256_" + "".join(c if c.isalnum() else "_" for c in version).upper()
    if os.environ.get("LTP_BYPASS_VERIFIED_DOWNLOADS", "").lower() == "true":
        reason = "LTP_BYPASS_VERIFIED_DOWNLOADS=true turns checksum verification off"
    else:
        reason = f"no SHA-256 is known for LanguageTool {version} (snapshots have none)"
    raise InstallError(
        f"{reason}; qualitycheck only installs a download it can verify: give a release version "
        f"(such as {download_lt.LTP_DOWNLOAD_VERSION}) or set {variable} to the archive's SHA-256"
    )


def install(version: str | None = None, say: Callable[[str], None] = print) -> Installed:
    """Download and unpack LanguageTool ``version`` (language-tool-python's default release when
    ``None``) into the download cache, once. ``say`` gets one line before a download starts."""
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        jar = _jar_in(Path(jar_dir))
        if jar is None:
            raise InstallError(
                f"LTP_JAR_DIR_PATH={jar_dir} holds no languagetool-server.jar, and '--languagetool "
                "auto' only looks there while it is set: unset it to install into the download "
                "cache, or point it at an unpacked LanguageTool"
            )
        return Installed(version or "", jar.parent, jar, downloaded=False, from_jar_dir=True)
    download_lt = _download_module()
    name = version or str(download_lt.LTP_DOWNLOAD_VERSION)
    try:
        local = download_lt.LocalLanguageTool.from_version_name(name)
    except ValueError:
        raise InstallError(
            f"unknown LanguageTool version {name!r}: give a release such as "
            f"{download_lt.LTP_DOWNLOAD_VERSION}, a snapshot date YYYYMMDD, or latest"
        ) from None
    target = download_cache() / f"LanguageTool-{local.version_name}"
    jar = _jar_in(target)
    if jar is not None:
        return Installed(local.version_name, target, jar, downloaded=False)
    checksum = _expected_checksum(download_lt, local.version_name)
    if shutil.which("java") is None:  # language-tool-python checks too, after we said "Downloading"
        raise InstallError(JAVA_MISSING)
    say(
        f"Downloading LanguageTool {local.version_name} from {local.download_url} into "
        f"{download_cache()} (checked against SHA-256 {checksum[:16]}...)"
    )
    _download(local)
    jar = _jar_in(target)
    if jar is None:
        raise InstallError(
            f"the LanguageTool {local.version_name} archive did not unpack a "
            f"languagetool-server.jar into {target}"
        )
    return Installed(local.version_name, target, jar, downloaded=True, checksum=checksum)


def _download(local: Any) -> None:
    """language-tool-python's download, its failures turned into one sentence each."""
    import requests
    from language_tool_python.exceptions import LanguageToolError

    try:
        local.download()
    except ModuleNotFoundError:  # how it reports that there is no java
        raise InstallError(JAVA_MISSING) from None
    except SystemError as exc:  # Java too old
        raise InstallError(str(exc)) from None
    except SystemExit as exc:  # it exits when it cannot read `java -version`
        raise InstallError(f"cannot tell which Java this is: {exc}") from None
    except (LanguageToolError, TimeoutError) as exc:  # HTTP errors, checksum, size, unsafe zip
        raise InstallError(f"the download failed: {exc}") from None
    except requests.RequestException as exc:
        raise InstallError(f"the download failed: {exc}") from None
    except zipfile.BadZipFile as exc:
        raise InstallError(f"the downloaded archive is not a zip file: {exc}") from None
    except OSError as exc:
        raise InstallError(f"cannot write the installation: {exc}") from None


@dataclass(frozen=True)
class Status:
    ready: bool
    lines: tuple[str, ...]


def status() -> Status:
    """What ``--languagetool auto`` would start, found without importing language-tool-python."""
    java = shutil.which("java")
    java_line = "not found on PATH (LanguageTool needs Java 17 or newer)"
    if java is not None:
        java_line = f"{java} ({_java_version(java)})"
    jar = find_installation()
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    looked = f"LTP_JAR_DIR_PATH={jar_dir}" if jar_dir else f"{download_cache()} (LTP_PATH)"
    ltp = _ltp_version()
    lines = [
        f"java:                 {java_line}",
        f"LanguageTool:         {jar if jar is not None else 'no installation found'}",
        f"looked in:            {looked}",
        "language-tool-python: "
        + (f"{ltp} (used by 'qualitycheck languagetool install')" if ltp else "not installed"),
    ]
    ready = java is not None and jar is not None
    if ready:
        lines.append("'--languagetool auto' will start this LanguageTool for each run.")
    elif jar is None:
        how = "run 'qualitycheck languagetool install'"
        if not ltp:
            how = f"{EXTRA_HINT}, then {how}"
        lines.append(f"'--languagetool auto' would skip grammar checks: {how}.")
    else:
        lines.append("'--languagetool auto' would skip grammar checks: install Java 17 or newer.")
    return Status(ready, tuple(lines))


def _java_version(java: str) -> str:
    try:
        proc = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"cannot run it: {exc}"
    first = (proc.stderr or proc.stdout).strip().splitlines()
    return first[0] if first else f"exit code {proc.returncode}"
