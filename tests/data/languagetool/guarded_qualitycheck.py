"""Runs ``python -m qualitycheck ARGS`` with the network cut, for the tests.

An audit hook refuses every connection and name look-up that is not to this machine's loopback
(``PermissionError``, as a firewall would), and writes to the file named by ``QC_NET_LOG`` one
line per socket connection, name look-up and URL opened, plus, at exit, whether
language_tool_python was imported. Child processes (Java) are not watched.
"""

from __future__ import annotations

import atexit
import os
import runpy
import sys

LOG = os.environ["QC_NET_LOG"]
LOOPBACK = {"127.0.0.1", "::1", "localhost", None}


def log(line: str) -> None:
    with open(LOG, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def host_of(value: object) -> object:
    if isinstance(value, tuple) and value:
        value = value[0]
    return value.decode() if isinstance(value, bytes) else value


def hook(event: str, args: tuple[object, ...]) -> None:
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
        target = args[1] if event == "socket.connect" else args[0]
        if event == "socket.connect" and isinstance(target, str | bytes):
            return  # a Unix socket, not the network
        host = host_of(target)
        log(f"{event} {target!r}")
        if host not in LOOPBACK:
            raise PermissionError(f"network blocked by the test: {event} {target!r}")
    elif event == "urllib.Request":
        log(f"url {args[0]}")


def report_imports() -> None:
    imported = "language_tool_python" in sys.modules
    log("imported language_tool_python" if imported else "language_tool_python not imported")


sys.addaudithook(hook)
atexit.register(report_imports)
sys.argv = ["qualitycheck", *sys.argv[1:]]
runpy.run_module("qualitycheck", run_name="__main__", alter_sys=True)
