"""Specification of how changes are checked and published: the GitHub workflows,
Dependabot, and the CNAME file of a custom domain.

No GitHub runner is reachable from a developer's machine, so the workflows are
held to their rules offline: first by the linters GitHub users run (the
workflow JSON schema shipped in check-jsonschema, actionlint with shellcheck on
every `run:` script), then by reading them as data.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, run_mkdocs
from showcase.publishing import cname_for, write_cname

WORKFLOWS = ROOT / ".github" / "workflows"
CHECKS = WORKFLOWS / "checks.yml"
PUBLISH = WORKFLOWS / "publish.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
HOOK = ROOT / "hooks" / "showcase_hook.py"

FULL_SHA = re.compile(r"[0-9a-f]{40}")
RELEASE_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping (YAML 1.1 reads the bare key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"unexpected `on:` {on!r}"
    return on


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def all_steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in workflow["jobs"].items():
        for step in steps(job):
            yield name, step


def uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", ""))


def action(step: dict[str, Any]) -> str:
    """`owner/repo` of a step's action, without the pinned ref."""
    return uses(step).split("@", 1)[0]


def runs_mkdocs_build(step: dict[str, Any]) -> bool:
    return "mkdocs build" in str(step.get("run", ""))


def tool(name: str) -> str:
    """A linter from requirements-test.txt: next to this Python first, then on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"`{name}` is missing: pip install -r requirements-test.txt")
    return found


def run_tool(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, input=stdin, capture_output=True, text=True,
                          timeout=120, check=False)


def actionlint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # shellcheck is passed explicitly: actionlint silently skips `run:` scripts
    # when it cannot find it. No Python scripts in the workflows: no pyflakes.
    return run_tool(tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"),
                    "-pyflakes=", *args, stdin=stdin)


@pytest.fixture(scope="module")
def checks() -> dict[str, Any]:
    return load(CHECKS)


@pytest.fixture(scope="module")
def publish() -> dict[str, Any]:
    return load(PUBLISH)


# --------------------------------------------------------------------------
# Linters: every workflow as GitHub would read it


def test_the_two_workflows_exist() -> None:
    assert {p.name for p in workflow_files()} >= {"checks.yml", "publish.yml"}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_matches_the_github_workflow_schema(path: Path) -> None:
    result = run_tool(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                      str(path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_passes_actionlint_and_shellcheck(path: Path) -> None:
    result = actionlint(str(path.relative_to(ROOT)))
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_its_schema() -> None:
    result = run_tool(tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot",
                      str(DEPENDABOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linters_do_catch_mistakes(tmp_path: Path) -> None:
    """A guard against a silent linter: a broken workflow must be rejected by both."""
    broken = (
        "on: push\n"
        "jobs:\n"
        "  deploy:\n"
        "    needs: biuld\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - run: echo $(ls *.md)\n"
    )
    linted = actionlint("-", stdin=broken)
    assert linted.returncode != 0, linted.stdout + linted.stderr
    assert "job-needs" in linted.stdout, linted.stdout
    assert "shellcheck" in linted.stdout, "shellcheck did not run:\n" + linted.stdout

    no_jobs = tmp_path / "no-jobs.yml"
    no_jobs.write_text("on: push\nname: no jobs\n", encoding="utf-8")
    schema = run_tool(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                      str(no_jobs))
    assert schema.returncode != 0, schema.stdout + schema.stderr


# --------------------------------------------------------------------------
# Every workflow


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release(path: Path) -> None:
    """A tag can be moved to other code, a SHA cannot; the comment says which release it is."""
    loose = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.search(r"\buses:\s*(\S+)", line)
        if match is None or match.group(1).startswith("./"):
            continue
        ref = match.group(1).partition("@")[2]
        if not (FULL_SHA.fullmatch(ref) and RELEASE_COMMENT.search(line)):
            loose.append(f"{path.name}:{number}: {line.strip()}")
    assert not loose, "pin each action as owner/repo@<40-hex SHA> # vX.Y.Z:\n" + "\n".join(loose)


def test_an_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in workflow_files():
        for _, step in all_steps(load(path)):
            if "@" in uses(step):
                pins.setdefault(action(step), set()).add(uses(step).partition("@")[2])
    assert pins, "no action found"
    assert {name: refs for name, refs in pins.items() if len(refs) > 1} == {}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflows_only_read_the_repository_by_default(path: Path) -> None:
    assert load(path).get("permissions") == {"contents": "read"}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_site_build_is_strict_and_never_quiet(path: Path) -> None:
    """`mkdocs build --strict -q` exits 0 on warnings: -q would hide every failure."""
    builds = [str(step["run"]) for _, step in all_steps(load(path)) if runs_mkdocs_build(step)]
    for script in builds:
        for line in script.splitlines():
            if "mkdocs build" in line:
                words = line.split()
                assert "--strict" in words, line
                assert not {"-q", "--quiet", "-v", "--verbose"} & set(words), line


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_site_build_dates_its_sitemap_from_the_last_commit(path: Path) -> None:
    """SOURCE_DATE_EPOCH from the last commit: a rebuild of one commit gives the same files."""
    workflow = load(path)
    for _, step in all_steps(workflow):
        if runs_mkdocs_build(step):
            script = str(step["run"])
            assert re.search(r"SOURCE_DATE_EPOCH=\"?\$\(git log -1 --format=%ct\)", script), script
            assert script.index("SOURCE_DATE_EPOCH") < script.index("mkdocs build"), script


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_the_package_is_importable_and_mkdocs_quiet_about_version_2(path: Path) -> None:
    env = load(path).get("env", {})
    assert env.get("PYTHONPATH") == "hooks"
    assert str(env.get("NO_MKDOCS_2_WARNING")) == "1"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_python_is_set_up_with_a_pip_cache_keyed_on_the_pinned_requirements(path: Path) -> None:
    setups = [step for _, step in all_steps(load(path))
              if action(step) == "actions/setup-python"]
    for step in setups:
        given = step.get("with", {})
        assert given.get("cache") == "pip", step
        assert given.get("cache-dependency-path") == "requirements*.txt", step
        assert str(given.get("python-version")).startswith("3.11"), step


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_check_is_allowed_to_fail(path: Path) -> None:
    workflow = load(path)
    for name, job in workflow["jobs"].items():
        assert not job.get("continue-on-error"), name
        assert "always()" not in str(job.get("if", "")), name
        for step in steps(job):
            assert not step.get("continue-on-error"), step


# --------------------------------------------------------------------------
# Pull requests: checked like a reviewer would


def test_checks_run_on_every_pull_request_and_for_the_publish_workflow(
        checks: dict[str, Any]) -> None:
    on = triggers(checks)
    assert "pull_request" in on
    assert "workflow_call" in on  # publish.yml runs exactly these checks
    assert "main" not in str(on.get("push", "")), "pushes to main are checked by publish.yml"


def test_a_new_push_to_a_pull_request_cancels_its_previous_run_only(
        checks: dict[str, Any]) -> None:
    concurrency = checks["concurrency"]
    assert "pull_request.number" in concurrency["group"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_laureate_problems_become_annotations_on_the_changed_lines(
        checks: dict[str, Any]) -> None:
    commands = [str(step.get("run", "")) for _, step in all_steps(checks)]
    assert any("python -m showcase check --format github" in c for c in commands), commands


def test_pull_requests_get_the_strict_build(checks: dict[str, Any]) -> None:
    assert any(runs_mkdocs_build(step) for _, step in all_steps(checks))


def test_the_pinned_requirements_are_installed(checks: dict[str, Any]) -> None:
    commands = " ".join(str(step.get("run", "")) for _, step in all_steps(checks))
    assert "pip install" in commands and "-r requirements.txt" in commands


def test_the_whole_test_suite_runs_with_debian_chromium(checks: dict[str, Any]) -> None:
    """Browser tests drive /usr/bin/chromium from Debian's package (Ubuntu only has a snap)."""
    jobs = [job for job in checks["jobs"].values()
            if any("make test" in str(step.get("run", "")) for step in steps(job))]
    assert len(jobs) == 1, "one job runs `make test`"
    job = jobs[0]
    image = str(job.get("container", {}).get("image", ""))
    assert "bookworm" in image or "debian" in image, f"not a Debian image: {image!r}"
    commands = [str(step.get("run", "")) for step in steps(job)]
    install = next((i for i, c in enumerate(commands)
                    if re.search(r"apt-get install .*\bchromium\b", c)), None)
    test = next(i for i, c in enumerate(commands) if "make test" in c)
    assert install is not None, "chromium is installed with apt-get"
    assert install < test, "chromium is installed before the tests run"


# --------------------------------------------------------------------------
# Publication: on merge, only after every check, in order


def test_publish_runs_on_merge_to_main_and_on_demand(publish: dict[str, Any]) -> None:
    on = triggers(publish)
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on


def test_the_publish_workflow_runs_the_same_checks_as_a_pull_request(
        publish: dict[str, Any]) -> None:
    assert publish["jobs"]["checks"]["uses"] == "./.github/workflows/checks.yml"


def test_nothing_is_published_unless_every_check_passes(publish: dict[str, Any]) -> None:
    jobs = publish["jobs"]

    def needs(name: str) -> set[str]:
        value = jobs[name].get("needs", [])
        direct = {value} if isinstance(value, str) else set(value)
        return direct.union(*(needs(n) for n in direct)) if direct else set()

    assert jobs["deploy"].get("needs") == "build"
    assert jobs["build"].get("needs") == "checks"
    assert needs("deploy") == {"build", "checks"}


def test_the_site_is_built_once_and_uploaded_as_the_pages_artifact(
        publish: dict[str, Any]) -> None:
    build = steps(publish["jobs"]["build"])
    actions = [action(step) for step in build]
    assert actions.count("actions/configure-pages") == 1
    assert actions.count("actions/upload-pages-artifact") == 1
    assert sum(runs_mkdocs_build(step) for step in build) == 1
    upload = next(step for step in build if action(step) == "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    order = [i for i, step in enumerate(build)
             if action(step) == "actions/configure-pages" or runs_mkdocs_build(step)
             or step is upload]
    assert order == sorted(order) and len(order) == 3, "configure, build, then upload"
    other_jobs = [name for name in publish["jobs"] if name != "build"]
    for name in other_jobs:
        assert not any(runs_mkdocs_build(s) for s in steps(publish["jobs"][name])), name


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_checkout_has_the_full_history_the_feed_dates_come_from(path: Path) -> None:
    """A shallow clone would date every laureate at the last commit."""
    for _, step in all_steps(load(path)):
        if action(step) == "actions/checkout":
            assert step.get("with", {}).get("fetch-depth") == 0, step


def test_the_site_address_is_the_site_url_variable_or_else_the_pages_address(
        publish: dict[str, Any]) -> None:
    build = steps(publish["jobs"]["build"])
    configure = next(step for step in build if action(step) == "actions/configure-pages")
    assert configure.get("id") == "pages"
    step = next(step for step in build if runs_mkdocs_build(step))
    assert step["env"]["SITE_URL"] == (
        "${{ vars.SITE_URL || format('{0}/', steps.pages.outputs.base_url) }}")


def test_the_deploy_job_publishes_the_artifact_to_the_github_pages_environment(
        publish: dict[str, Any]) -> None:
    deploy = publish["jobs"]["deploy"]
    assert deploy["environment"] == {
        "name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    (step,) = steps(deploy)
    assert action(step) == "actions/deploy-pages"
    assert step["id"] == "deployment"


def test_a_manual_run_from_another_branch_never_publishes(publish: dict[str, Any]) -> None:
    assert publish["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"


def test_only_the_deploy_job_may_write_to_pages(publish: dict[str, Any]) -> None:
    jobs = publish["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert "permissions" not in jobs["checks"]  # the called workflow reads only
    writers = [name for name, job in jobs.items()
               if "write" in (job.get("permissions") or {}).values()]
    assert writers == ["deploy"]


def test_publications_queue_in_order_and_are_never_cancelled(publish: dict[str, Any]) -> None:
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}


# --------------------------------------------------------------------------
# Dependabot


def test_dependabot_proposes_python_and_action_updates_every_week() -> None:
    updates = {u["package-ecosystem"]: u for u in load(DEPENDABOT)["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"


def test_dependabot_never_proposes_mkdocs_2() -> None:
    (pip,) = [u for u in load(DEPENDABOT)["updates"] if u["package-ecosystem"] == "pip"]
    ignored = {rule["dependency-name"]: rule.get("update-types") for rule in pip["ignore"]}
    assert ignored["mkdocs"] == ["version-update:semver-major"]


# --------------------------------------------------------------------------
# CNAME: a custom domain in SITE_URL, nothing for GitHub's own address


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("https://laureats.fonds-mnt.fr/", "laureats.fonds-mnt.fr"),
        ("https://Laureats.Fonds-MNT.fr/annuaire/", "laureats.fonds-mnt.fr"),
        ("https://laureats.example.org:8443/", "laureats.example.org"),  # no port in a CNAME
        ("https://laureats.example.org./", "laureats.example.org"),  # fully qualified
        ("laureats.example.org", "laureats.example.org"),  # no scheme: still a host
        ("https://lauréats.example.fr/", "xn--laurats-eya.example.fr"),  # ASCII form
    ],
)
def test_a_custom_domain_gets_its_host_name_as_cname(site_url: str, expected: str) -> None:
    assert cname_for(site_url) == expected


@pytest.mark.parametrize(
    "site_url",
    [
        "https://fonds-mnt.github.io/laureats/",  # the default in mkdocs.yml
        "https://Fonds-MNT.GitHub.io/",
        "",
        "   ",
        "http://localhost:8000/",
        "http://127.0.0.1:8000/",
        "http://[::1]:8000/",
        "http://preview.localhost/",
    ],
)
def test_github_pages_addresses_and_local_previews_need_no_cname(site_url: str) -> None:
    assert cname_for(site_url) is None


def test_write_cname_names_the_custom_domain(tmp_path: Path) -> None:
    write_cname(tmp_path, "https://laureats.fonds-mnt.fr/")
    assert (tmp_path / "CNAME").read_text(encoding="ascii") == "laureats.fonds-mnt.fr\n"


def test_write_cname_replaces_the_cname_of_another_domain(tmp_path: Path) -> None:
    (tmp_path / "CNAME").write_text("ancien.example.org\n", encoding="ascii")
    write_cname(tmp_path, "https://laureats.fonds-mnt.fr/")
    assert (tmp_path / "CNAME").read_text(encoding="ascii") == "laureats.fonds-mnt.fr\n"


def test_write_cname_removes_a_stale_cname_when_back_on_github_pages(tmp_path: Path) -> None:
    (tmp_path / "CNAME").write_text("laureats.fonds-mnt.fr\n", encoding="ascii")
    write_cname(tmp_path, "https://fonds-mnt.github.io/laureats/")
    assert not (tmp_path / "CNAME").exists()


def test_write_cname_leaves_no_file_when_none_is_needed(tmp_path: Path) -> None:
    write_cname(tmp_path, "https://fonds-mnt.github.io/laureats/")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif("write_cname" not in HOOK.read_text(encoding="utf-8"),
                    reason="showcase_hook.py does not call write_cname in on_post_build yet")
@pytest.mark.parametrize(
    ("site_url", "expected"),
    [("https://laureats.example.fr/", "laureats.example.fr\n"),
     ("https://fonds-mnt.github.io/laureats/", None)],
)
def test_the_build_writes_the_cname_of_site_url(
        tmp_path: Path, site_url: str, expected: str | None) -> None:
    site = tmp_path / "site"
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(site), SITE_URL=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    cname = site / "CNAME"
    assert (cname.read_text(encoding="ascii") if cname.exists() else None) == expected
