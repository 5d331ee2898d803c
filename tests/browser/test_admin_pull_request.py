"""Saving in the form opens a pull request, never a commit on `main`: the published form (its
real configuration, GitHub backend, editorial workflow) signs in with a token to a local
stand-in of the GitHub API, which records what the CMS asks GitHub to do."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Route, expect

from browser.conftest import SiteServer, Tab
from browser.github_standin import MAIN_COMMIT, GitHubStandIn
from browser.test_admin import SHOTS, SVELTIA_VIOLATIONS, _diff, sveltia_violations
from conftest import ROOT
from showcase.cms import CMS_CONFIG_FILE

pytestmark = pytest.mark.browser

API = "https://api.github.com"
NEW_TITLE = "Un pôle culturel au cœur du bourg, pensé avec les habitants"


@pytest.fixture
def github(site: SiteServer) -> Iterator[GitHubStandIn]:
    config = yaml.safe_load((site.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config == yaml.safe_load((ROOT / CMS_CONFIG_FILE).read_text(encoding="utf-8"))
    standin = GitHubStandIn.of(ROOT, config["backend"]["repo"])
    yield standin
    standin.close()


@pytest.fixture
def tab(browser: Browser, site: SiteServer, github: GitHubStandIn) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    tab = Tab(context, context.new_page(), site)  # every other host: refused and counted

    def to_standin(route: Route) -> None:
        url = route.request.url.replace(API, github.origin, 1)
        route.fulfill(response=route.fetch(url=url))

    context.route(f"{API}/**", to_standin)  # routes added last are tried first
    yield tab
    context.close()
    assert tab.foreign == [], f"requests to other hosts: {tab.foreign}"
    assert tab.errors == [], f"console errors: {tab.errors}"


def _sign_in(tab: Tab, screens: dict[str, set[str]] | None = None) -> None:
    page, found = tab.page, {}
    page.goto(tab.server.url("admin/"))
    signing_in = page.get_by_role("button", name="Se connecter avec un jeton d’accès")
    if screens is not None:
        expect(signing_in).to_be_visible()
        screens["connexion"] = sveltia_violations(page, "connexion", found)
    signing_in.click()
    if screens is not None:
        screens["jeton"] = sveltia_violations(page, "jeton", found)
    page.get_by_role("textbox", name="Jeton d’accès personnel").fill("github_pat_" + "0" * 82)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_role("row", name="Renac")).to_be_visible()


def test_saving_opens_a_pull_request_and_never_writes_to_main(
        tab: Tab, github: GitHubStandIn) -> None:
    page, screens, found = tab.page, {}, {}
    _sign_in(tab, screens)
    assert github.requests[0].path == "/user"
    assert [r for r in github.requests if r.method != "GET" and r.path != "/graphql"] == []
    assert [r for r in github.requests if _mutation(r.query)] == []  # signing in writes nothing

    page.goto(tab.server.url("admin/#/collections/laureats/entries/renac"))
    page.get_by_label("Titre", exact=True).fill(NEW_TITLE)
    page.get_by_role("button", name="Enregistrer", exact=True).first.click()
    sending = page.get_by_role("button", name="Envoyer en révision")
    expect(sending).to_be_visible()
    screens["envoyer"] = sveltia_violations(page, "envoyer", found)
    sending.click()
    expect(page.get_by_role("row", name="Renac")).to_contain_text("En révision")
    page.goto(tab.server.url("admin/#/workflow"))
    expect(page.get_by_text("Aucune entrée.")).to_have_count(2)  # Renac is in the middle column
    expect(page.get_by_text("Renac", exact=True)).to_be_visible()
    screens["flux"] = sveltia_violations(page, "flux", found)
    assert screens == {screen: SVELTIA_VIOLATIONS.get(screen, set()) for screen in screens}
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "pull-request-1366.png"))

    # One branch, made from main's last commit; one commit on it, with renac.yml alone.
    branch = "cms/laureats/renac"
    assert list(github.branches) == [branch]
    (commit,) = github.commits
    assert commit["branch"] == {"repositoryNameWithOwner": "fonds-mnt/laureats",
                                "branchName": branch}
    assert commit["expectedHeadOid"] == MAIN_COMMIT
    assert commit["message"] == {"headline": "Modifie le lauréat renac (formulaire)"}
    (added,) = commit["fileChanges"]["additions"]
    assert added["path"] == "projects/renac.yml" and commit["fileChanges"]["deletions"] == []
    original = (ROOT / "projects/renac.yml").read_text(encoding="utf-8")
    assert _diff(original, base64.b64decode(added["contents"]).decode("utf-8")) == [
        "-title: Un pôle culturel au cœur du bourg, imaginé avec les habitants",
        f"+title: {NEW_TITLE}"]
    # A pull request from that branch into main, sent for review: no longer a draft.
    (pull,) = github.pulls
    assert (pull["head"]["ref"], pull["base"]["ref"]) == (branch, "main")
    assert pull["draft"] is False
    assert pull["labels"] == [{"name": "sveltia-cms/pending_review"}]

    # Nothing else changed anything: no commit, ref update, merge or file write on main.
    writes = [(r.method, r.path, _mutation(r.query)) for r in github.requests
              if r.method != "GET" and (r.path != "/graphql" or _mutation(r.query))]
    assert writes == [
        ("POST", "/graphql", "createRef"),
        ("POST", "/graphql", "createCommitOnBranch"),
        ("POST", "/repos/fonds-mnt/laureats/pulls", None),
        ("POST", "/repos/fonds-mnt/laureats/issues/1/labels", None),
        ("PATCH", "/repos/fonds-mnt/laureats/issues/1", None),
        ("POST", "/graphql", "markPullRequestReadyForReview"),
    ]
    assert [f"{r.method} {r.path}" for r in github.requests if r.status >= 400] == []


def test_a_file_with_windows_line_endings_keeps_them(tab: Tab, github: GitHubStandIn) -> None:
    # A file committed from Windows (CRLF): the CMS reads it with LF; build.mjs gives our
    # format the file as GitHub sends it, and lets the CRLF it writes through.
    original = (ROOT / "projects/renac.yml").read_text(encoding="utf-8").replace("\n", "\r\n")
    github.files["projects/renac.yml"] = original.encode("utf-8")
    _sign_in(tab)
    tab.page.goto(tab.server.url("admin/#/collections/laureats/entries/renac"))
    tab.page.get_by_label("Titre", exact=True).fill(NEW_TITLE)
    tab.page.get_by_role("button", name="Enregistrer", exact=True).first.click()
    tab.page.get_by_role("button", name="Plus tard").click()
    (commit,) = github.commits
    (added,) = commit["fileChanges"]["additions"]
    written = base64.b64decode(added["contents"]).decode("utf-8")
    assert written.count("\r\n") == written.count("\n") == original.count("\n")
    assert _diff(original.replace("\r\n", "\n"), written.replace("\r\n", "\n")) == [
        "-title: Un pôle culturel au cœur du bourg, imaginé avec les habitants",
        f"+title: {NEW_TITLE}"]


def _mutation(query: str) -> str | None:
    """The GraphQL mutation a query runs (createCommitOnBranch…), or None for a read."""
    found = re.match(r"\s*mutation\s*\([^)]*\)\s*\{\s*(\w+)", query)
    return found.group(1) if found else None
