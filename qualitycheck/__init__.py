"""qualitycheck: find the damage machine translation and web scraping leave in English text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "FileResult", "__version__", "check_file", "check_text"]

if TYPE_CHECKING:
    from qualitycheck.api import Checker, FileResult, check_file, check_text


def __getattr__(name: str) -> Any:  # keep `import qualitycheck` cheap
    if name in {"Checker", "FileResult", "check_file", "check_text"}:
        from qualitycheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'qualitycheck' has no attribute {name!r}")
