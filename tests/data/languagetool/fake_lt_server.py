"""A stand-in LanguageTool HTTP server for the tests: answers ``POST /v2/check`` with the canned
response whose ``<name>.sent.txt`` equals the text it receives (no matches for any other text),
and ``GET /v2/languages``. Run as a script (``--port N``, as LanguageTool's HTTPServer takes it) it
serves until killed; the tests also start it in a thread with ``serve_in_thread``."""

from __future__ import annotations

import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def load_responses(directory: Path = HERE) -> dict[str, dict[str, Any]]:
    responses = {}
    for sent in sorted(directory.glob("*.sent.txt")):
        name = sent.name[: -len(".sent.txt")]
        text = sent.read_text(encoding="utf-8")
        responses[text] = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    return responses


class FakeLanguageTool(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0, responses: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.responses = load_responses() if responses is None else responses
        self.requests: list[dict[str, str]] = []  # the form fields of every /v2/check

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, payload: object) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._send(200, [{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        if self.path != "/v2/check":
            self._send(404, {"error": "not found"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(
            self.rfile.read(length).decode("utf-8"), keep_blank_values=True
        )
        fields = {k: v[0] for k, v in form.items()}
        self.server.requests.append(fields)
        if "text" not in fields or "language" not in fields:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"Error: Missing 'text' or 'data' parameter")
            return
        empty = {"software": {"name": "LanguageTool", "version": "6.4"}, "matches": []}
        self._send(200, self.server.responses.get(fields["text"], empty))


def serve_in_thread(port: int = 0) -> FakeLanguageTool:
    server = FakeLanguageTool(port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":  # started by a fake `java -cp JAR HTTPServer --port N`
    args = sys.argv[1:]
    port = int(args[args.index("--port") + 1]) if "--port" in args else 8081
    FakeLanguageTool(port).serve_forever()
