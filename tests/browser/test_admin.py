"""The form at /admin/ in Chromium, offline, with Sveltia CMS's in-browser test repository:
its files live in the browser's private storage (OPFS), where the test writes the real
projects/*.yml before the CMS loads and reads what it saved. The browser speaks English:
the form must still be French. Every request to another host is refused and counted."""

from __future__ import annotations

import base64
import difflib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser.conftest import SiteServer, Tab, describe_violations, run_axe
from conftest import ROOT, copy_project, run_cli, run_mkdocs

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-issue-14")
pytestmark = pytest.mark.browser

OPFS_ROOT = "sveltia-cms-test"  # the test backend's folder in the browser's private storage

WRITE_FILES = """async (files) => {
  const root = await (await navigator.storage.getDirectory())
    .getDirectoryHandle('OPFS_ROOT', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let folder = root;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}""".replace("OPFS_ROOT", OPFS_ROOT)

READ_FILE = """async (path) => {
  let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('OPFS_ROOT');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  return await (await (await folder.getFileHandle(parts.at(-1))).getFile()).text();
}""".replace("OPFS_ROOT", OPFS_ROOT)


READ_BYTES = """async (path) => {
  let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('OPFS_ROOT');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  const bytes = new Uint8Array(await (await (await folder.getFileHandle(parts.at(-1))).getFile())
    .arrayBuffer());
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
}""".replace("OPFS_ROOT", OPFS_ROOT)


def _test_config(site: SiteServer) -> str:
    """The published configuration with the test backend instead of GitHub."""
    text = (site.site / "admin" / "config.yml").read_text(encoding="utf-8")
    text = re.sub(r"^backend:\n(?:  .*\n)+", "backend:\n  name: test-repo\n", text, flags=re.MULTILINE)
    return text.replace("publish_mode: editorial_workflow\n", "")


# What axe (WCAG 2.1 A and AA) finds on the editor's screens, all of it inside Sveltia CMS's own
# interface, none in what our configuration gives it (labels, help texts, messages): not ours
# to fix, but ours to know. A new violation, or one a new version fixes, fails the test.
SVELTIA_VIOLATIONS = {
    # Sveltia adds its own <meta name="viewport"> with maximum-scale=1: no pinch zoom on
    # browsers that obey it (WCAG 1.4.4). Every screen.
    "*": {"meta-viewport"},
    # The photo dialog: a list of files whose aria-controls names a grid that is not drawn yet.
    "photo": {"aria-valid-attr-value"},
    # The media library: a listbox with separators between its folders.
    "ressources": {"aria-required-children"},
    # After a save, the "send for review" dialog leaves the form behind it scrollable with the
    # mouse only (scrollable-region-focusable): see tests/browser/test_admin_pull_request.py.
    "envoyer": {"scrollable-region-focusable"},
    # The editorial workflow board: empty columns announced as lists without items.
    "flux": {"aria-required-children"},
}


def sveltia_violations(page: Page, screen: str, found: dict[str, list[str]]) -> set[str]:
    """The axe rules broken on the screen, Sveltia's known ones on every screen left out;
    what axe says goes to `found` (for the report)."""
    violations = run_axe(page)
    found[screen] = describe_violations(screen, violations)
    return {v["id"] for v in violations} - SVELTIA_VIOLATIONS["*"]


class Editor(Tab):
    def start(self, changed: dict[str, str] | None = None) -> None:
        """Opens the form on the real laureate files, or on some of them `changed`."""
        config = _test_config(self.server)
        self.context.route("**/admin/config.yml*", lambda route: route.fulfill(
            body=config, content_type="application/yaml"))
        # Same origin as the form: its private storage is the one the CMS will read.
        self.page.goto(self.server.url("admin/cms/LICENSE-sveltia-cms.txt"))
        files = {f"projects/{p.name}": p.read_text(encoding="utf-8")
                 for p in sorted((ROOT / "projects").glob("*.yml"))} | (changed or {})
        self.page.evaluate(WRITE_FILES, files)
        self.page.goto(self.server.url("admin/"))
        self.page.get_by_role("button", name="Travailler avec un dépôt de test").click()
        expect(self.page.get_by_role("row", name="Renac")).to_be_visible()

    def read(self, path: str) -> str:
        text: str = self.page.evaluate(READ_FILE, path)
        return text

    def read_bytes(self, path: str) -> bytes:
        return base64.b64decode(self.page.evaluate(READ_BYTES, path))

    def textbox(self, label: str) -> Locator:
        return self.page.get_by_role("textbox", name=label, exact=True)

    def open_entry(self, slug: str) -> None:
        self.page.goto(self.server.url(f"admin/#/collections/laureats/entries/{slug}"))
        expect(self.page.get_by_label("Titre", exact=True)).to_be_visible()

    def save(self) -> None:
        self.page.get_by_role("button", name="Enregistrer", exact=True).first.click()


@pytest.fixture
def editor(browser: Browser, site: SiteServer) -> Iterator[Editor]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    editor = Editor(context, context.new_page(), site)
    editor.local_requests: list[str] = []  # type: ignore[misc]
    context.on("request", lambda request: editor.local_requests.append(request.url))
    editor.start()
    yield editor
    context.close()
    assert editor.foreign == [], f"requests to other hosts: {editor.foreign}"
    assert editor.errors == [], f"console errors: {editor.errors}"


def scroll_until_drawn(page: Page, wanted: Locator, tries: int = 10) -> None:
    """Sveltia draws a long form's fields as they come into view: the fields below the
    testimonials were there or not depending on how far the clicks above had scrolled (on
    a busy machine, the links' button or the photo's "Parcourir" never came). Scrolls to
    the last field drawn until `wanted` is there: that field at the top of the view, so
    that what comes below it is in view (scrolled only "if needed", a field already in
    view did not move, and the fields below it were never drawn)."""
    fields = page.get_by_role("group", name=re.compile("^Champ « "))
    for _ in range(tries):
        if wanted.count():
            return
        fields.last.evaluate("field => field.scrollIntoView({block: 'start'})")
        try:
            wanted.first.wait_for(state="attached", timeout=1000)
        except PlaywrightTimeoutError:
            continue
    expect(wanted.first).to_be_attached()


def _add(what: str) -> str:
    """The name of an "add" button or box: the CMS isolates the field's name (U+2068, U+2069)."""
    return f"Ajouter \u2068{what}\u2069"


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _communes() -> list[str]:
    return sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["commune"]
                  for p in (ROOT / "projects").glob("*.yml") if not p.name.startswith("_"))


def test_the_form_lists_the_real_laureates_in_french_for_an_english_browser(
        editor: Editor) -> None:
    page = editor.page
    assert page.evaluate("navigator.userAgent") and page.evaluate("document.documentElement.lang") == "fr"
    for commune in _communes():
        expect(page.get_by_role("row", name=commune, exact=True)).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(len(_communes()))
    expect(page.get_by_text("_themes")).to_have_count(0)  # not an entry
    expect(page.get_by_text("Nouveau", exact=True)).to_be_visible()
    expect(page.get_by_text("Trier", exact=True)).to_be_visible()
    body = page.inner_text("body")
    for english in ("Change Language", "Sort", "New", "Collections\nContents"):
        assert english not in body.split(), english
    # fonts and French strings come from the site itself
    assert any("/admin/cms/assets/source-sans-3" in url for url in editor.local_requests)
    assert any(re.search(r"/admin/cms/chunks/fr-[^/]+\.js$", url) for url in editor.local_requests)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "liste-1366.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "liste-390.png"))


def test_an_unchanged_save_keeps_the_file_and_one_field_changes_one_line(editor: Editor) -> None:
    original = (ROOT / "projects/renac.yml").read_text(encoding="utf-8")
    editor.open_entry("renac")
    editor.save()
    expect(editor.page.get_by_text("Entrée enregistrée.")).to_be_visible()
    assert editor.read("projects/renac.yml") == original
    editor.open_entry("renac")
    editor.page.get_by_label("Titre", exact=True).fill(
        "Un pôle culturel au cœur du bourg, pensé avec les habitants")
    SHOTS.mkdir(exist_ok=True)
    editor.page.screenshot(path=str(SHOTS / "renac-1366.png"))
    editor.save()
    # A read while the form writes the file fails (NotReadableError: the file changed
    # under the reader): the condition is then false, and tried again.
    editor.page.wait_for_function(
        f"path => ({READ_FILE})(path).then(text => text.includes('pensé avec'), () => false)",
        arg="projects/renac.yml")
    assert _diff(original, editor.read("projects/renac.yml")) == [
        "-title: Un pôle culturel au cœur du bourg, imaginé avec les habitants",
        "+title: Un pôle culturel au cœur du bourg, pensé avec les habitants"]


def test_the_form_refuses_a_bad_department_and_a_short_summary_in_french(editor: Editor) -> None:
    original = (ROOT / "projects/renac.yml").read_text(encoding="utf-8")
    editor.open_entry("renac")
    page = editor.page
    page.get_by_role("textbox", name="Département", exact=True).fill("20")
    page.get_by_role("textbox", name="Résumé", exact=True).fill("Trop court.")
    editor.save()
    expect(page.get_by_text(re.compile("numéro de département inconnu"))).to_be_visible()
    expect(page.get_by_text("Vous devez saisir au moins 40 caractères.")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.get_by_role("textbox", name="Département", exact=True).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "refus-1366.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("textbox", name="Département", exact=True).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "refus-390.png"))
    assert editor.read("projects/renac.yml") == original


def test_a_laureate_created_with_the_form_passes_check_and_is_published(
        editor: Editor, tmp_path: Path) -> None:
    page, field = editor.page, editor.textbox
    photo = tmp_path / "Façade mairie.jpg"
    Image.new("RGB", (640, 420), (40, 110, 160)).save(photo, quality=80)
    page.get_by_role("button", name="Créer une entrée", exact=True).click()
    field("Collectivité").fill("Saint-Malo")
    field("Département").fill("35")
    page.get_by_role("combobox", name="Année de sélection").click()
    expect(page.get_by_role("option")).to_have_text(
        [str(year) for year in range(2020, 2028)] + ["année inconnue"])
    page.get_by_role("option", name="2023").click()
    page.get_by_role("checkbox", name="Accueil des usagers").click()
    page.get_by_role("checkbox", name="Coopération entre agents").click()
    field("Titre").fill("Un guichet unique pour les démarches des habitants")
    field("Résumé").fill("À Saint-Malo, un guichet unique conçu avec les agents d'accueil "
                         "et les habitants qui y viennent.")
    # The story as an editor types it in the rich text editor: Markdown shortcuts.
    page.locator("[contenteditable=true][aria-labelledby]").filter(
        has_not=page.locator("textarea")).first.click()
    page.keyboard.type("### Un seul guichet\nLes habitants venaient trois fois.\n"
                       "- un accueil sans rendez-vous ;\nun suivi des demandes.")
    for i, (quote, author) in enumerate([("On ne fait plus la queue deux fois.", "Anne Exemple"),
                                         ("Nous voyons enfin le dossier entier.", "Marc Exemple")]):
        page.get_by_role("button", name=_add("témoignage")).click()
        expect(field("Citation")).to_have_count(i + 1)  # the new item is drawn after the click
        field("Citation").nth(i).fill(quote)
        field("Auteur ou autrice").nth(i).fill(author)
    page.get_by_role("checkbox", name=_add("Photo")).click()
    browse = page.get_by_role("button", name="Parcourir")
    scroll_until_drawn(page, browse)
    browse.click()
    dialog = page.get_by_role("dialog")
    for stock in ("Pexels", "Unsplash", "Pixabay", "Lorem Picsum"):
        expect(dialog.get_by_text(stock)).to_have_count(0)  # no third-party photo site
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Téléverser").click()
    chooser.value.set_files(photo)
    dialog.get_by_role("button", name="Insérer").click()
    field("Description de la photo").fill("La façade de la mairie")
    add_link = page.get_by_role("button", name=_add("lien"))
    scroll_until_drawn(page, add_link)
    add_link.click()
    field("Texte du lien").fill("Le guichet unique sur le site de la ville")
    field("Adresse du lien").fill("https://www.saint-malo.fr/")
    # A value typed while the new entry's form was still being drawn can be lost in a
    # redraw (seen once on a busy machine): type it again if so, then check it is kept.
    for label, value in (("Collectivité", "Saint-Malo"), ("Département", "35")):
        if field(label).input_value() != value:
            field(label).fill(value)
        expect(field(label)).to_have_value(value)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "creation-1366.png"))
    editor.save()
    expect(page.get_by_text("Entrée enregistrée.")).to_be_visible()

    text = editor.read("projects/saint-malo.yml")
    assert text.splitlines()[:6] == [
        "# yaml-language-server: $schema=../docs/schema/laureat.schema.json",
        "commune: Saint-Malo", 'department: "35"', "year: 2023",
        "theme: [accueil-des-usagers, cooperation-entre-agents]",
        "title: Un guichet unique pour les démarches des habitants"]
    assert "story: |\n  ### Un seul guichet\n\n  Les habitants venaient trois fois.\n\n" \
           "  - un accueil sans rendez-vous ;\n  - un suivi des demandes.\n" in text
    data = yaml.safe_load(text)
    assert [t["author"] for t in data["testimonials"]] == ["Anne Exemple", "Marc Exemple"]
    assert data["image"] == {"src": "images/facade-mairie.jpg", "alt": "La façade de la mairie"}
    assert data["links"] == [{"label": "Le guichet unique sur le site de la ville",
                              "url": "https://www.saint-malo.fr/"}]
    assert editor.read_bytes("projects/images/facade-mairie.jpg") == photo.read_bytes()

    # What the pull request would bring, in a copy of the project: check, then the real build.
    project = copy_project(tmp_path / "project")
    (project / "projects/saint-malo.yml").write_text(text, encoding="utf-8")
    (project / "projects/images").mkdir(exist_ok=True)
    (project / "projects/images/facade-mairie.jpg").write_bytes(photo.read_bytes())
    checked = run_cli(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "site/laureats/saint-malo/index.html").read_text(encoding="utf-8")
    for shown in ("Un seul guichet", "un suivi des demandes", "Marc Exemple",
                  'alt="La façade de la mairie"', "https://www.saint-malo.fr/"):
        assert shown in html, shown


def test_axe_finds_on_the_editor_s_screens_only_sveltia_s_known_violations(
        editor: Editor) -> None:
    page, found = editor.page, {}
    screens = {"liste": sveltia_violations(page, "liste", found)}
    page.goto(editor.server.url("admin/#/collections/laureats/new"))
    page.get_by_role("button", name=_add("témoignage")).click()
    page.get_by_role("checkbox", name=_add("Photo")).click()
    add_link = page.get_by_role("button", name=_add("lien"))
    scroll_until_drawn(page, add_link)
    add_link.click()
    expect(editor.textbox("Texte du lien")).to_be_visible()
    screens["nouveau"] = sveltia_violations(page, "nouveau", found)
    browse = page.get_by_role("button", name="Parcourir")
    scroll_until_drawn(page, browse)
    browse.click()
    expect(page.get_by_role("dialog").get_by_role("button", name="Téléverser")).to_be_visible()
    screens["photo"] = sveltia_violations(page, "photo", found)
    page.get_by_role("dialog").get_by_role("button", name="Annuler").click()
    page.get_by_role("button", name="Annuler la modification").click()
    page.get_by_role("radio", name="Ressources").click()
    expect(page.get_by_role("listbox").first).to_be_visible()
    screens["ressources"] = sveltia_violations(page, "ressources", found)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(editor.server.url("admin/#/collections/laureats"))
    expect(page.get_by_role("row", name="Renac")).to_be_visible()
    screens["liste-390"] = sveltia_violations(page, "liste-390", found)
    editor.open_entry("renac")
    screens["fiche-390"] = sveltia_violations(page, "fiche-390", found)
    page.set_viewport_size({"width": 1366, "height": 900})
    screens["fiche"] = sveltia_violations(page, "fiche", found)
    editor.textbox("Département").fill("20")
    editor.textbox("Résumé").fill("Trop court.")
    editor.save()
    expect(page.get_by_text("Vous devez saisir au moins 40 caractères.")).to_be_visible()
    screens["refus"] = sveltia_violations(page, "refus", found)
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / "axe-formulaire.txt").write_text(
        "\n".join(line for lines in found.values() for line in lines) + "\n", encoding="utf-8")
    assert screens == {screen: SVELTIA_VIOLATIONS.get(screen, set()) for screen in screens}
