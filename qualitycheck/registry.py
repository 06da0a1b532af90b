"""Finding rules: every rule, built-in or third-party, comes through the ``qualitycheck.rules``
entry-point group; user rule packs come from the paths in the configuration."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from qualitycheck.rule import Rule

ENTRY_POINT_GROUP = "qualitycheck.rules"


class PluginError(Exception):
    """A rule plugin or pack that cannot be loaded, phrased for the user in one line."""


@cache
def installed_rules() -> tuple[Rule, ...]:
    """Rules from every installed ``qualitycheck.rules`` entry point, loaded once per process."""
    rules: list[Rule] = []
    for ep in sorted(entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
        rules.extend(_load_entry_point(ep))
    return tuple(rules)


class _EntryPointLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> str: ...
    def load(self) -> Any: ...


# -- entry points, read without importlib.metadata -----------------------------------------------
# ``importlib.metadata`` costs ~13 ms to import (it brings ``email``, ``zipfile``, ``csv``) on
# every run, for one question: the ``qualitycheck.rules`` entry points of the installed
# distributions. ``entry_points`` answers it as ``importlib.metadata.entry_points(group=...)``
# does, for the usual installation: ``*.dist-info`` and ``*.egg-info`` directories in the
# directories of ``sys.path``, found only by the standard path finder. Anything else (a zip file
# or an egg on ``sys.path``, a finder of distributions of its own, a name it would read from the
# metadata) hands the question to ``importlib.metadata`` itself.

# importlib.metadata.EntryPoint.pattern (compiled when an entry point is loaded)
_EP_PATTERN = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"
_INFO_SUFFIXES = (".dist-info", ".egg-info")


class EntryPoint:
    """One entry point, as ``importlib.metadata.EntryPoint`` gives it: ``name``, ``value``,
    ``group`` and ``load()``."""

    __slots__ = ("group", "name", "value")

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name, self.value, self.group = name, value, group

    def load(self) -> Any:
        """The object the entry point names (``importlib.metadata.EntryPoint.load``)."""
        from importlib import import_module

        match = re.match(_EP_PATTERN, self.value)
        module = import_module(match.group("module"))  # type: ignore[union-attr]
        attrs = filter(None, (match.group("attr") or "").split("."))  # type: ignore[union-attr]
        return functools.reduce(getattr, attrs, module)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[_EntryPointLike]:
    """The entry points of ``group`` of every installed distribution, in the order of
    ``importlib.metadata.entry_points(group=group)``."""
    found = _scanned_entry_points(group)
    if found is None:
        from importlib.metadata import entry_points as metadata_entry_points

        return list(metadata_entry_points(group=group))
    return list(found)


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scanned_entry_points(group: str) -> list[EntryPoint] | None:
    """The entry points of ``group`` read from the metadata directories on ``sys.path``; None
    when the installation is not one this reading is sure to answer as ``importlib.metadata``
    does."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and finder is not PathFinder:
            return None
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for root in sys.path:
        if not isinstance(root, str) or os.path.basename(root).lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.isfile(root):
                return None  # a zip file: importlib.metadata reads its members
            continue
        infos: dict[str, list[str]] = {}
        for child in children:
            if child.lower().endswith(_INFO_SUFFIXES):
                stem, ext = os.path.splitext(child)
                name = stem.partition("-")[0]
                if ext not in _INFO_SUFFIXES or not name:
                    return None  # importlib.metadata would read the name from the metadata
                infos.setdefault(_normalized(name), []).append(child)
        for normalized, paths in infos.items():
            if normalized in seen:
                continue
            seen.add(normalized)
            text = _read_text(os.path.join(root, paths[0], "entry_points.txt"))
            if text is None:
                continue
            parsed = _parsed_entry_points(text, group)
            if parsed is None:
                return None
            found.extend(parsed)
    return found


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _parsed_entry_points(text: str, group: str) -> list[EntryPoint] | None:
    """The entry points of ``group`` in an ``entry_points.txt`` (the reading of
    ``importlib.metadata.Sectioned``); None for a line it would fail on."""
    out: list[EntryPoint] = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, sep, value = line.partition("=")
        if not sep:
            return None
        if section == group:
            out.append(EntryPoint(name.strip(), value.strip(), section))
    return out


def _load_entry_point(ep: _EntryPointLike) -> list[Rule]:
    try:
        obj = ep.load()
    except Exception as exc:  # a broken plugin must not become a traceback
        raise PluginError(
            f"rule plugin '{ep.name}' ({ep.value}) failed to load: {type(exc).__name__}: {exc}"
        ) from exc
    if callable(obj) and not isinstance(obj, Rule):
        try:
            obj = obj()
        except Exception as exc:
            raise PluginError(
                f"rule plugin '{ep.name}' ({ep.value}) failed: {type(exc).__name__}: {exc}"
            ) from exc
    items = [obj] if isinstance(obj, Rule) else list(obj) if isinstance(obj, Iterable) else [obj]
    for item in items:
        if not isinstance(item, Rule):
            raise PluginError(
                f"rule plugin '{ep.name}' ({ep.value}) gave {type(item).__name__}, not a Rule"
            )
    return items


def all_rules(packs: Sequence[Path] = ()) -> dict[str, Rule]:
    """Installed rules plus the rules of the given pack paths, by id. Duplicate ids are errors."""
    rules = list(installed_rules())
    if packs:
        from qualitycheck.packs import PackError, PackRule, builtin_pack_dir, load_packs

        # Loaded together with the built-in packs, a user pack that reuses a built-in id extends
        # that rule (its entries are merged) instead of clashing with it.
        try:
            pack_rules = load_packs([builtin_pack_dir(), *packs])
        except PackError as exc:
            raise PluginError(str(exc)) from exc
        replaced = {r.id for r in pack_rules}
        rules = [r for r in rules if not (isinstance(r, PackRule) and r.id in replaced)]
        rules.extend(pack_rules)
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            raise PluginError(
                f"rule id '{rule.id}' is defined twice ({by_id[rule.id].origin} and {rule.origin})"
            )
        by_id[rule.id] = rule
    return by_id
