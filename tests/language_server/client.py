"""A minimal Language Server Protocol client over stdio, to drive the YAML language server
that VS Code's YAML extension runs (installed from tests/language_server/package.json).

It speaks JSON-RPC with Content-Length framing, answers the server's own requests (the
settings it pulls, capability registrations) and keeps every notification, so a test can
wait on a condition (diagnostics published for a document) instead of sleeping.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).parent
SERVER = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class ServerError(RuntimeError):
    """The server answered a request with an error, or stopped."""


class LanguageServer:
    """One running server; `settings` is what it reads as the editor's `yaml` section."""

    def __init__(self, node: Path, root: Path, settings: dict[str, Any], *,
                 timeout: float = 60.0) -> None:
        self.root, self.settings, self.timeout = root, settings, timeout
        self._process = subprocess.Popen(
            [str(node), str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=root)
        self._lock = threading.Condition()
        self._write_lock = threading.Lock()  # not _lock: the reader answers while we wait
        self._next_id = 0
        self._responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self._stderr: list[bytes] = []
        self._closed = False
        assert self._process.stdout is not None and self._process.stderr is not None
        threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True).start()
        threading.Thread(target=self._drain, args=(self._process.stderr,), daemon=True).start()

    # --- Protocol ---------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        with self._lock:
            self._next_id += 1
            number = self._next_id
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        response = self._wait(lambda: self._responses.get(number), f"la réponse à {method}")
        if "error" in response:
            raise ServerError(f"{method} : {response['error']}")
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for_notification(self, method: str,
                              matches: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first notification METHOD whose params MATCHES (kept or still to come)."""
        def found() -> dict[str, Any] | None:
            return next((n["params"] for n in self.notifications
                         if n["method"] == method and matches(n["params"])), None)
        return self._wait(found, f"la notification {method}")

    def close(self) -> None:
        if not self._closed and self._process.poll() is None:
            try:
                self.request("shutdown", None)
                self.notify("exit", None)
                self._process.wait(timeout=10)
            except (ServerError, OSError, subprocess.TimeoutExpired):
                self._process.kill()
        self._closed = True
        self._process.wait(timeout=10)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    # --- Documents --------------------------------------------------------------------

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return uri

    def diagnostics(self, uri: str,
                    until: Callable[[list[dict[str, Any]]], bool] = lambda _: True) -> list[dict[str, Any]]:
        """The diagnostics first published for URI that satisfy UNTIL."""
        params = self.wait_for_notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and until(p["diagnostics"]))
        diagnostics: list[dict[str, Any]] = params["diagnostics"]
        return diagnostics

    # --- Plumbing ---------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        with self._write_lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _wait(self, found: Callable[[], Any], what: str) -> Any:
        with self._lock:
            if not self._lock.wait_for(lambda: found() is not None or self._closed, self.timeout):
                raise ServerError(f"{what} n'est pas arrivée en {self.timeout:.0f} s\n{self.stderr}")
            result = found()
            if result is None:
                raise ServerError(f"le serveur s'est arrêté avant {what}\n{self.stderr}")
            return result

    def _read(self, stream: IO[bytes]) -> None:
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    if line in (b"\r\n", b"\n"):
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                assert length is not None, "message sans Content-Length"
                self._dispatch(json.loads(stream.read(length)))
        finally:
            with self._lock:
                self._closed = True
                self._lock.notify_all()

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:  # a request of the server
            self._send({"jsonrpc": "2.0", "id": message["id"],
                        "result": self._answer(message["method"], message.get("params"))})
            return
        with self._lock:
            if "method" in message:
                self.notifications.append(message)
            else:
                self._responses[message["id"]] = message
            self._lock.notify_all()

    def _answer(self, method: str, params: Any) -> Any:
        if method == "workspace/configuration":  # one answer per section asked
            return [self.settings if item.get("section") == "yaml" else None
                    for item in params["items"]]
        return None  # client/registerCapability, window/workDoneProgress/create

    def _drain(self, stream: IO[bytes]) -> None:
        for chunk in iter(lambda: stream.read1(4096), b""):  # type: ignore[attr-defined]
            self._stderr.append(chunk)
