"""Settings: defaults, ``[tool.qualitycheck]`` in pyproject.toml or ``.qualitycheck.toml``, and CLI
overrides. Every key is validated; a bad one is a ``ConfigError`` naming the file and the key."""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Severity

if TYPE_CHECKING:
    from qualitycheck.rule import Rule

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__")
FAIL_ON_CHOICES = ("error", "warning", "info", "never")
CONFIG_FILES = (".qualitycheck.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem, phrased for the user in one line."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss among ``choices``, else ''."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # id or prefix -> level or "off"
    fail_on: str = "warning"
    min_confidence: float = 0.0
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    glossary: Path | None = None
    packs: tuple[Path, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    encoding: str | None = None
    languagetool: str = "off"
    languagetool_language: str = "en-US"
    languagetool_timeout: float = 10.0
    source: Path | None = None  # the file these settings came from, if any
    root: Path = field(default_factory=Path.cwd)  # paths are shown relative to it

    # -- selection ------------------------------------------------------------------------------
    def rule_enabled(self, rule_id: str, path: str | None = None) -> bool:
        if not any(_matches(rule_id, p) for p in self.select):
            return False
        if any(_matches(rule_id, p) for p in self.ignore):
            # a more specific select wins over a broader ignore ("ignore = [case]", select = [case.x])
            best_select = max((len(p) for p in self.select if _matches(rule_id, p)), default=-1)
            best_ignore = max(len(p) for p in self.ignore if _matches(rule_id, p))
            if best_ignore >= best_select:
                return False
        if path is not None:
            for glob, ids in self.per_file_ignores.items():
                if _path_matches(path, glob) and any(_matches(rule_id, p) for p in ids):
                    return False
        return self.severity_for(rule_id) != "off"

    def severity_for(self, rule_id: str) -> str | None:
        """The configured level for a rule (most specific key wins), or None for its default."""
        best: tuple[int, str] | None = None
        for key, level in self.severity.items():
            if _matches(rule_id, key) and (best is None or len(key) > best[0]):
                best = (len(key), level)
        return best[1] if best else None

    def fail_level(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def is_excluded(self, path: str) -> bool:
        patterns = DEFAULT_EXCLUDE + self.exclude
        return any(_path_matches(path, p) for p in patterns)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with CLI overrides applied (``None`` values are ignored)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        merged = replace(self, **clean)
        _validate_settings(merged, where="command line")
        return merged


def _matches(rule_id: str, pattern: str) -> bool:
    return pattern in ("ALL", rule_id) or rule_id.startswith(pattern + ".")


def _path_matches(path: str, pattern: str) -> bool:
    """Glob match against the whole relative path or any of its components."""
    norm = path.replace(os.sep, "/")
    while norm.startswith("./"):
        norm = norm[2:]
    if fnmatch.fnmatch(norm, pattern) or fnmatch.fnmatch(norm, pattern.rstrip("/") + "/*"):
        return True
    parts = norm.split("/")
    return any(fnmatch.fnmatch("/".join(parts[i:]), pattern) for i in range(len(parts))) or any(
        fnmatch.fnmatch(part, pattern) for part in parts
    )


# -- loading -----------------------------------------------------------------------------------
def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest ``.qualitycheck.toml``, or ``pyproject.toml`` with a ``[tool.qualitycheck]`` table,
    walking up from ``start`` (the working directory by default)."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "qualitycheck" in data["tool"]


def load_settings(config_file: Path | None = None, *, discover: bool = True) -> Settings:
    """Settings from ``config_file``, or from the discovered configuration, or the defaults."""
    path = config_file or (find_config_file() if discover else None)
    if path is None:
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        table = raw.get("tool", {}).get("qualitycheck", {})
    else:
        table = raw.get("tool", {}).get("qualitycheck", raw) if "tool" in raw else raw
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.qualitycheck] must be a table")
    return settings_from_mapping(table, source=path)


_KEYS = {
    "select", "ignore", "severity", "fail-on", "min-confidence", "include", "exclude",
    "per-file-ignores", "glossary", "packs", "rules", "encoding", "languagetool",
    "languagetool-language", "languagetool-timeout",
}  # fmt: skip


def settings_from_mapping(table: Mapping[str, Any], *, source: Path | None = None) -> Settings:
    """Build settings from a configuration table (keys in kebab-case, as in the docs)."""
    where = str(source) if source else "configuration"
    base = source.parent if source else Path.cwd()
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], _KEYS) or f" (known keys: {', '.join(sorted(_KEYS))})"
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'{hint}")

    def strings(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")
        return tuple(value)

    kwargs: dict[str, Any] = {"source": source, "root": base}
    for key, attr in (("select", "select"), ("ignore", "ignore"), ("include", "include"),
                      ("exclude", "exclude")):  # fmt: skip
        value = strings(key)
        if value is not None:
            kwargs[attr] = value
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict) or not all(isinstance(v, str) for v in sev.values()):
            raise ConfigError(f"{where}: 'severity' must be a table of rule id = level")
        kwargs["severity"] = dict(sev)
    if "fail-on" in table:
        kwargs["fail_on"] = table["fail-on"]
    if "min-confidence" in table:
        kwargs["min_confidence"] = table["min-confidence"]
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict) or not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in pfi.values()
        ):
            raise ConfigError(f"{where}: 'per-file-ignores' must map globs to lists of rule ids")
        kwargs["per_file_ignores"] = {k: tuple(v) for k, v in pfi.items()}
    if "glossary" in table:
        if not isinstance(table["glossary"], str):
            raise ConfigError(f"{where}: 'glossary' must be a path")
        kwargs["glossary"] = base / table["glossary"]
    packs = strings("packs")
    if packs is not None:
        kwargs["packs"] = tuple(base / p for p in packs)
    if "rules" in table:
        rules = table["rules"]
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise ConfigError(f"{where}: 'rules' must be a table of [rules.\"<id>\"] option tables")
        kwargs["rule_options"] = {k: dict(v) for k, v in rules.items()}
    for key, attr in (("encoding", "encoding"), ("languagetool", "languagetool"),
                      ("languagetool-language", "languagetool_language")):  # fmt: skip
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(f"{where}: '{key}' must be a string")
            kwargs[attr] = table[key]
    if "languagetool-timeout" in table:
        kwargs["languagetool_timeout"] = table["languagetool-timeout"]
    settings = Settings(**kwargs)
    _validate_settings(settings, where=where)
    return settings


def _validate_settings(s: Settings, *, where: str) -> None:
    if s.fail_on not in FAIL_ON_CHOICES:
        raise ConfigError(
            f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON_CHOICES)}, not {s.fail_on!r}"
        )
    if isinstance(s.min_confidence, bool) or not isinstance(s.min_confidence, int | float):
        raise ConfigError(f"{where}: 'min-confidence' must be a number between 0 and 1")
    if not 0.0 <= float(s.min_confidence) <= 1.0:
        raise ConfigError(f"{where}: 'min-confidence' must be between 0 and 1")
    for key, level in s.severity.items():
        if level != "off":
            try:
                Severity.parse(level)
            except ValueError:
                raise ConfigError(
                    f"{where}: severity for '{key}' must be error, warning, info or off, "
                    f"not {level!r}"
                ) from None
    lt = s.languagetool
    if lt not in ("off", "auto") and not lt.startswith(("http://", "https://")):
        raise ConfigError(
            f"{where}: 'languagetool' must be off, auto or an http(s) URL, not {lt!r}"
        )
    timeout = s.languagetool_timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigError(f"{where}: 'languagetool-timeout' must be a positive number of seconds")
    if s.encoding is not None:
        import codecs

        try:
            codecs.lookup(s.encoding)
        except LookupError:
            raise ConfigError(f"{where}: unknown encoding {s.encoding!r}") from None


def known_patterns_check(settings: Settings, rule_ids: Sequence[str]) -> None:
    """Reject select/ignore/severity entries that match no rule (a typo would silently do
    nothing)."""
    categories = {r.split(".", 1)[0] for r in rule_ids}
    keys = [*settings.select, *settings.ignore, *settings.severity]
    for ids in settings.per_file_ignores.values():
        keys.extend(ids)
    where = str(settings.source) if settings.source else "command line"
    for pattern in keys:
        if pattern == "ALL" or pattern in categories:
            continue
        if not any(_matches(r, pattern) for r in rule_ids):
            hint = did_you_mean(pattern, [*rule_ids, *categories])
            raise ConfigError(f"{where}: '{pattern}' matches no known rule or category{hint}")


def check_rule_options(settings: Settings, rules: Mapping[str, Rule]) -> None:
    """Reject ``[rules."<id>"]`` tables for ids that match no rule, options the rule does not
    declare and values of the wrong type: each would silently do nothing."""
    where = str(settings.source) if settings.source else "configuration"
    prefix = (
        "tool.qualitycheck." if settings.source and settings.source.name == "pyproject.toml" else ""
    )
    for rule_id, options in settings.rule_options.items():
        table = f'[{prefix}rules."{rule_id}"]'
        rule = rules.get(rule_id)
        if rule is None:
            hint = did_you_mean(rule_id, rules) or " (see 'qualitycheck rules')"
            raise ConfigError(f"{where}: {table}: no rule has the id '{rule_id}'{hint}")
        declared = {o.name: o for o in getattr(rule, "options", ())}
        for name, value in options.items():
            option = declared.get(name)
            if option is None:
                if not declared:
                    raise ConfigError(f"{where}: {table}: unknown option '{name}' "
                                      f"(this rule takes no options)")  # fmt: skip
                hint = did_you_mean(name, declared) or f" (options: {', '.join(sorted(declared))})"
                raise ConfigError(f"{where}: {table}: unknown option '{name}'{hint}")
            problem = option.problem(value)
            if problem is not None:
                raise ConfigError(f"{where}: {table}: '{name}' {problem}")
