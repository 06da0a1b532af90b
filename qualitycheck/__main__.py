"""``python -m qualitycheck``: the same as the ``qualitycheck`` command."""

from qualitycheck.cli import main

main()
