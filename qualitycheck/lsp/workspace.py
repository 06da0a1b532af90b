"""What the language server keeps between requests: the open documents and, per workspace
folder, the configuration ``qualitycheck lint`` would use there with a ``Checker`` built from it
(rules, data and glossary loaded once, not per keystroke).

Discovery is ``lint``'s: the nearest ``.qualitycheck.toml``, or ``pyproject.toml`` with a
``[tool.qualitycheck]`` table, walking up from the folder. A folder's configuration is reloaded
when any of those files (or the glossary and packs it names) appears, changes or goes away:
``Configurations.get`` compares their ``stat`` with what it loaded, which costs a few
microseconds, so even editors that do not report file changes see a new configuration on the
next check. A configuration that cannot be used is reported once (``FolderConfig.error``) and
the last good one, or else the defaults, stays in use.

Nothing here imports the LSP library.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from qualitycheck.api import Checker
from qualitycheck.config import CONFIG_FILES, Settings, find_config_file, load_settings
from qualitycheck.loaders import detect_format
from qualitycheck.lsp.positions import TextIndex

# Language identifiers editors send (VS Code, Neovim file types, Helix, Emacs major modes).
LANGUAGE_FORMATS = {
    "plaintext": "text",
    "text": "text",
    "txt": "text",
    "markdown": "markdown",
    "md": "markdown",
    "gfm": "markdown",
    "html": "html",
    "xhtml": "html",
    "htm": "html",
    "mhtml": "html",
}


def document_format(language_id: str | None, path: str | None) -> str:
    """``text``, ``markdown`` or ``html``: from the editor's language id, else as ``lint`` decides
    from the file name (unknown extensions are plain text)."""
    fmt = LANGUAGE_FORMATS.get((language_id or "").strip().lower())
    return fmt or detect_format(path)


def uri_to_path(uri: str) -> Path | None:
    """The local path of a ``file:`` URI, None for anything else (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":
        path = path[1:]
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"
    return Path(path)


@dataclass
class OpenDocument:
    """An editor buffer as the server last heard of it."""

    uri: str
    index: TextIndex
    version: int | None
    language_id: str
    path: Path | None

    @property
    def text(self) -> str:
        return self.index.text

    @property
    def format(self) -> str:
        return document_format(self.language_id, str(self.path) if self.path else self.uri)


Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class FolderConfig:
    """The configuration in force for a folder, and the checker built from it."""

    folder: Path
    settings: Settings
    checker: Checker
    key: str  # names this configuration (a child process keeps its own checker per key)
    stamp: Stamp | None  # None: load again on next use
    error: str | None = None  # why the folder's configuration is not in use
    fallback: str | None = None  # what is used instead: "the default settings", ...

    @property
    def message(self) -> str | None:
        """The error, phrased for the editor's user, or None."""
        if self.error is None:
            return None
        return f"qualitycheck: {self.error} (using {self.fallback} until it is fixed)"

    def display_path(self, path: Path | None) -> str | None:
        """A document's path as ``lint`` shows it (relative to the configuration's root)."""
        return None if path is None else self.checker.display_path(str(path))

    def excluded(self, path: Path | None) -> bool:
        shown = self.display_path(path)
        return shown is not None and self.settings.is_excluded(shown)


def _stat(path: Path) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (str(path), st.st_mtime_ns, st.st_size)


def config_stamp(folder: Path, settings: Settings | None = None) -> Stamp:
    """What the configuration of ``folder`` depends on: every configuration file discovery
    looks at, and the glossary and packs the settings name (with the files of pack folders)."""
    paths: list[Path] = []
    for directory in (folder, *folder.parents):
        paths.extend(directory / name for name in CONFIG_FILES)
    if settings is not None:
        if settings.glossary is not None:
            paths.append(settings.glossary)
        for pack in settings.packs:
            paths.append(pack)
            if pack.is_dir():
                paths.extend(sorted(p for p in pack.rglob("*") if p.is_file()))
    return tuple(s for s in map(_stat, paths) if s is not None)


class Configurations:
    """Configurations per folder, loaded on first use and reloaded when their files change.
    Thread-safe: checks run in worker threads."""

    def __init__(self, checker_factory: Callable[[Settings], Checker] = Checker) -> None:
        self._factory = checker_factory
        self._lock = threading.RLock()
        self._cache: dict[Path, FolderConfig] = {}
        self._generation = 0
        self.folders: tuple[Path, ...] = ()

    def set_folders(self, folders: Iterable[Path]) -> None:
        with self._lock:
            self.folders = tuple(sorted({f.resolve() for f in folders}, key=str))

    def folder_for(self, path: Path | None) -> Path:
        """The innermost workspace folder holding ``path``; for a file outside every folder its
        own directory; for an unsaved buffer the first folder (or the working directory)."""
        if path is None:
            return self.folders[0] if self.folders else Path.cwd()
        resolved = path.resolve()
        inside = [f for f in self.folders if resolved.is_relative_to(f)]
        if inside:
            return max(inside, key=lambda f: len(f.parts))
        return resolved.parent

    def invalidate(self) -> None:
        """Forget every stamp: the next ``get`` of each folder loads its configuration again."""
        with self._lock:
            for folder, config in self._cache.items():
                self._cache[folder] = replace(config, stamp=None)

    def get(self, folder: Path) -> FolderConfig:
        with self._lock:
            old = self._cache.get(folder)
            if old is not None and old.stamp == config_stamp(folder, old.settings):
                return old
            new = self._load(folder, old)
            self._cache[folder] = new
        if old is not None and old.checker is not new.checker:
            old.checker.close()
        return new

    def _load(self, folder: Path, old: FolderConfig | None) -> FolderConfig:
        self._generation += 1
        try:
            path = find_config_file(folder)
            settings = load_settings(path, discover=False) if path else Settings(root=folder)
            checker = self._factory(settings)
        except Exception as exc:  # a bad configuration must not stop the server
            error = str(exc) or type(exc).__name__
        else:
            key = f"{folder}#{self._generation}"
            return FolderConfig(folder, settings, checker, key, config_stamp(folder, settings))
        if old is not None:  # keep what was in use: the last valid configuration, or defaults
            fallback = old.fallback or "the last valid configuration"
            return FolderConfig(folder, old.settings, old.checker, old.key,
                                config_stamp(folder, old.settings), error, fallback)  # fmt: skip
        settings = Settings(root=folder)
        checker = self._factory(settings)
        key = f"{folder}#{self._generation}"
        return FolderConfig(folder, settings, checker, key, config_stamp(folder, settings),
                            error, "the default settings")  # fmt: skip

    def close(self) -> None:
        with self._lock:
            checkers = {id(c.checker): c.checker for c in self._cache.values()}
            self._cache.clear()
        for checker in checkers.values():
            checker.close()
