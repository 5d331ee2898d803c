"""A local stand-in of the GitHub API, enough for the form to sign in, read the laureates and
save one change: it serves a repository holding the real projects/ files on `main`, and
records every request it gets, so that a test can say what the CMS asked GitHub to do.

REST and GraphQL are answered the way GitHub answers them for the queries Sveltia CMS sends
(src/lib/services/backends/git/github/ in its source); anything else is recorded and gets a
404, which a test sees in `requests`.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

USER = {"login": "redactrice", "id": 1, "name": "Rédactrice du Fonds", "email": "",
        "html_url": "https://github.com/redactrice", "avatar_url": ""}
MAIN_COMMIT = "0" * 39 + "1"
DATE = "2026-01-05T09:00:00Z"


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Recorded:
    method: str
    path: str
    body: Any
    status: int = 0  # what the stand-in answered

    @property
    def query(self) -> str:
        return str(self.body.get("query", "")) if isinstance(self.body, dict) else ""


@dataclass
class GitHubStandIn:
    owner: str
    repo: str
    files: dict[str, bytes]  # the repository's `main`: path → content
    requests: list[Recorded] = field(default_factory=list)
    branches: dict[str, str] = field(default_factory=dict)  # name → commit, made by the CMS
    commits: list[dict[str, Any]] = field(default_factory=list)  # createCommitOnBranch inputs
    pulls: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @classmethod
    def of(cls, root: Path, repo: str) -> GitHubStandIn:
        owner, name = repo.split("/")
        files = {p.relative_to(root).as_posix(): p.read_bytes()
                 for p in sorted((root / "projects").rglob("*")) if p.is_file()}
        return cls(owner, name, files)

    # --- REST ---------------------------------------------------------------------------

    def rest(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        repo = f"/repos/{self.owner}/{self.repo}"
        if method == "GET" and path == "/user":
            return 200, USER
        if method == "GET" and path == f"{repo}/collaborators/{USER['login']}":
            return 204, None
        if method == "GET" and path.startswith(f"{repo}/git/trees/"):
            return 200, {"sha": MAIN_COMMIT, "truncated": False, "tree": [
                {"path": p, "type": "blob", "sha": blob_sha(d), "size": len(d), "mode": "100644"}
                for p, d in self.files.items()]}
        if method == "GET" and path.startswith(f"{repo}/git/blobs/"):
            sha = path.rsplit("/", 1)[1]
            for data in self.files.values():
                if blob_sha(data) == sha:
                    return 200, data
        if method == "POST" and path == f"{repo}/pulls":
            number = len(self.pulls) + 1
            pull = {"number": number, "node_id": f"PR_{number}", "title": body["title"],
                    "html_url": f"https://github.com/{self.owner}/{self.repo}/pull/{number}",
                    "head": {"ref": body["head"], "sha": self.branches.get(body["head"], "")},
                    "base": {"ref": body["base"]}, "draft": body.get("draft", False),
                    "created_at": DATE, "updated_at": DATE, "labels": []}
            self.pulls.append(pull)
            return 201, pull
        found = re.fullmatch(rf"{repo}/issues/(\d+)/labels", path)
        if method == "POST" and found:
            pull = self.pulls[int(found.group(1)) - 1]
            pull["labels"] += [{"name": name} for name in body["labels"]]
            return 200, pull["labels"]
        found = re.fullmatch(rf"{repo}/issues/(\d+)", path)
        if method in ("GET", "PATCH") and found:
            pull = self.pulls[int(found.group(1)) - 1]
            if method == "PATCH":
                pull["labels"] = [{"name": name} for name in body["labels"]]
            return 200, pull
        return 404, {"message": "Not Found"}

    # --- GraphQL ------------------------------------------------------------------------

    def graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        if "defaultBranchRef" in query:
            return {"repository": {"defaultBranchRef": {"name": "main"}}}
        if "createRef(" in query:
            ref = variables["input"]["name"].removeprefix("refs/heads/")
            self.branches[ref] = variables["input"]["oid"]
            return {"createRef": {"ref": {"name": ref}}}
        if "createCommitOnBranch(" in query:
            commit_input = variables["input"]
            self.commits.append(commit_input)
            oid = f"{len(self.commits):040x}"
            self.branches[commit_input["branch"]["branchName"]] = oid
            commit: dict[str, Any] = {"oid": oid, "committedDate": DATE}
            for alias, path in re.findall(r'(file_\d+): file\(path: ("(?:[^"\\]|\\.)*")\)', query):
                added = next(a for a in commit_input["fileChanges"]["additions"]
                             if a["path"] == json.loads(path))
                commit[alias] = {"oid": blob_sha(base64.b64decode(added["contents"]))}
            return {"createCommitOnBranch": {"commit": commit}}
        if "markPullRequestReadyForReview(" in query or "convertPullRequestToDraft(" in query:
            draft = "convertPullRequestToDraft(" in query
            pull = next(p for p in self.pulls if p["node_id"] == variables["input"]["pullRequestId"])
            pull["draft"] = draft
            name = "convertPullRequestToDraft" if draft else "markPullRequestReadyForReview"
            return {name: {"pullRequest": {"isDraft": draft}}}
        if "fork: repository(" in query:
            return {"fork": {"id": "R_1"}, "base": {"ref": {"target": {"oid": MAIN_COMMIT}}}}
        if "pullRequests(headRefName" in query:
            return {"repository": {"pullRequests": {"totalCount": 0}}}
        if "pullRequests(" in query:
            return {"repository": {"pullRequests": {"nodes": []}}}
        repository: dict[str, Any] = {}
        for alias in re.findall(r"(content_\d+): object\(oid: \"(\w+)\"\)", query):
            data = next((d for d in self.files.values() if blob_sha(d) == alias[1]), b"")
            repository[alias[0]] = {"text": data.decode("utf-8"), "isTruncated": False}
        for alias in re.findall(r"((?:commit|history)_\d+):\s*ref\(", query):
            node = {"oid": MAIN_COMMIT, "committedDate": DATE, "author": {
                "name": USER["name"], "email": "", "avatarUrl": "",
                "user": {"id": USER["id"], "login": USER["login"]}}}
            repository[alias] = {"target": {"history": {"nodes": [node]}}}
        if "history(first: 1)" in query:
            repository["ref"] = {"target": {"history": {"nodes": [
                {"oid": self.branches.get(variables.get("branch", ""), MAIN_COMMIT),
                 "message": "Lauréats"}]}}}
        return {"repository": repository}


class _Handler(http.server.BaseHTTPRequestHandler):
    standin: GitHubStandIn

    def do_OPTIONS(self) -> None:  # the browser's CORS preflight, as api.github.com answers it
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
        self.end_headers()

    def do_GET(self) -> None:
        self._answer()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        path = urlsplit(self.path).path
        recorded = Recorded(self.command, path, body)
        self.standin.requests.append(recorded)
        if path == "/graphql":
            variables = body.get("variables") or {}
            status, answer = 200, {"data": self.standin.graphql(body["query"], variables)}
        else:
            status, answer = self.standin.rest(self.command, path, body)
        recorded.status = status
        data = (answer if isinstance(answer, bytes)
                else b"" if answer is None else json.dumps(answer).encode())
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/octet-stream" if isinstance(answer, bytes)
                         else "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Link, X-GitHub-Request-Id")

    def log_message(self, format: str, *args: object) -> None:
        pass
