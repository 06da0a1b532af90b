"""Finding rules: every rule, built-in or third-party, comes through the ``qualitycheck.rules``
entry-point group; user rule packs come from the paths in the configuration."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from qualitycheck.rule import Rule

ENTRY_POINT_GROUP = "qualitycheck.rules"


class PluginError(Exception):
    """A rule plugin or pack that cannot be loaded, phrased for the user in one line."""


@cache
def installed_rules() -> tuple[Rule, ...]:
    """Rules from every installed ``qualitycheck.rules`` entry point, loaded once per process."""
    rules: list[Rule] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        rules.extend(_load_entry_point(ep))
    return tuple(rules)


def _load_entry_point(ep: EntryPoint) -> list[Rule]:
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
