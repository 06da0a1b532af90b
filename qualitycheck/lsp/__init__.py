"""``qualitycheck server``: findings while you type, over the Language Server Protocol.

The server speaks LSP on standard input and output and runs the same loaders, rules,
configuration discovery and suppression comments as ``qualitycheck lint``. It needs the optional
``lsp`` extra (pygls): ``pip install "qualitycheck[lsp]"``. Nothing here is imported by
``import qualitycheck`` or by the other commands. Editor set-ups: docs/editors.md.
"""

from __future__ import annotations

import sys

MISSING_EXTRA = 'the language server needs the "lsp" extra: pip install "qualitycheck[lsp]"'


def main() -> int:
    """Run the server until the editor stops it; exit code 2 when pygls is not installed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        sys.stderr.write(f"qualitycheck: error: {MISSING_EXTRA}\n")
        return 2
    from qualitycheck.lsp.server import serve

    return serve()
