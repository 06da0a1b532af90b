"""What a rule is, and the context it runs in.

A rule is a small module exposing ``RULE = Rule(...)``; its module docstring (What it does / Why it
matters / Example / Use instead) is what ``qualitycheck explain`` prints. Built-in and third-party
rules are found the same way, through the ``qualitycheck.rules`` entry-point group.

A rule that takes options declares them, once, as ``Option`` values passed to ``define``: the
configuration is validated against them (an unknown option or a value of the wrong type is an
error naming the file and the key) and ``qualitycheck explain`` lists them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Match, Severity

if TYPE_CHECKING:
    from qualitycheck.document import Document
    from qualitycheck.glossary import Glossary

RULE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+$")


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides the document: its options from the configuration and the
    user's glossary. Shared data (lexicon, gazetteer) comes from ``qualitycheck.resources``."""

    options: Mapping[str, Any] = field(default_factory=dict)
    glossary: Glossary | None = None


CheckFunction = Callable[["Document", Context], Iterable[Match]]

# The value types an option may have: the name shown to users -> a test of a TOML value.
OPTION_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "list of strings": lambda v: isinstance(v, list | tuple) and all(isinstance(i, str) for i in v),
}


def toml_type(value: Any) -> str:
    """How a configuration value reads in an error message: 'a string', 'a list', 'an integer'."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        if all(isinstance(i, str) for i in value):
            return "a list of strings"
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


@dataclass(frozen=True)
class Option:
    """One option a rule reads from ``[tool.qualitycheck.rules."<id>"]``."""

    name: str
    type: str  # a key of OPTION_TYPES
    default: Any
    help: str

    def __post_init__(self) -> None:
        if self.type not in OPTION_TYPES:
            raise ValueError(f"option {self.name!r}: unknown type {self.type!r}")

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not valid for this option, or None."""
        if OPTION_TYPES[self.type](value):
            return None
        article = "an" if self.type[0] in "aeiou" else "a"
        return f"must be {article} {self.type}, not {toml_type(value)}"

    def describe(self) -> str:
        """``words`` (list of strings, default []): help."""
        default = list(self.default) if isinstance(self.default, tuple) else self.default
        shown = (
            repr(default).replace("'", '"')
            if not isinstance(default, bool)
            else str(default).lower()
        )
        return f"{self.name} ({self.type}, default {shown}): {self.help}"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: CheckFunction = field(repr=False)
    doc: str = field(default="", repr=False)
    origin: str = "qualitycheck"  # the module or pack file that defines it
    options: tuple[Option, ...] = ()  # what [rules."<id>"] may set

    def __post_init__(self) -> None:
        if not RULE_ID_RE.match(self.id):
            raise ValueError(f"rule id {self.id!r} is not of the form 'category.name' (kebab-case)")

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        for line in self.doc.strip().splitlines():
            if line.strip():
                return line.strip()
        return ""

    def explain(self) -> str:
        text = _dedent_doc(self.doc) or f"{self.id}: no documentation."
        if self.options:
            listed = "\n".join(f"    {o.describe()}" for o in self.options)
            text += f'\n\nOptions (in [tool.qualitycheck.rules."{self.id}"])\n{listed}'
        return text

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)


def define(
    rule_id: str,
    severity: Severity | str,
    check: CheckFunction,
    doc: str | None,
    options: Iterable[Option] = (),
) -> Rule:
    """Build a module's ``RULE``: ``RULE = define("case.x", "warning", check, __doc__)``, with
    ``options=[Option("words", "list of strings", (), "...")]`` when it takes options."""
    module = getattr(check, "__module__", "qualitycheck")
    return Rule(rule_id, Severity.parse(severity), check, doc or "", module, tuple(options))


def _dedent_doc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc) if doc else ""


def doc_sections(doc: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a rule docstring into its summary and ``(title, body)`` sections.

    Rule docstrings are a summary paragraph, then sections whose title sits on a line of its own
    at the left margin ("What it does", "Why it matters", ...) followed by indented text."""
    import inspect

    lines = inspect.cleandoc(doc).splitlines() if doc else []
    summary: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        is_title = bool(line.strip()) and not line[:1].isspace()
        if is_title and (sections or (summary and not summary[-1].strip())):
            sections.append((line.strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            summary.append(line)
    text = " ".join(part.strip() for part in summary if part.strip())
    return text, [(title, inspect.cleandoc("\n".join(body))) for title, body in sections]
