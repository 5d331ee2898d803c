"""The real site, built by a real `mkdocs build --strict` from the real projects/."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from PIL import Image

from conftest import ROOT, as_typed, laureate_files, run_mkdocs
from showcase.typography import typeset_text


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    """The page's text as a visitor reads it (tags removed, entities decoded)."""
    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(html)
    return " ".join(as_typed(" ".join(parts)).split())


def as_read(source: str) -> str:
    """A YAML text as the page shows it once typeset, typography then undone (see as_typed)."""
    return as_typed(typeset_text(" ".join(source.split())))


def laureate_data() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in laureate_files()}


def test_every_laureate_file_gives_exactly_one_page(built_site: Path) -> None:
    pages = sorted(p.parent.name for p in (built_site / "laureats").glob("*/index.html"))
    assert pages == sorted(laureate_data())
    assert len(pages) >= 7


def test_each_laureate_page_shows_its_title_summary_and_every_testimonial(built_site: Path) -> None:
    for slug, data in laureate_data().items():
        text = visible_text(page(built_site, f"laureats/{slug}"))
        assert as_read(data["title"]) in text
        assert as_read(data["summary"]) in text
        for testimonial in data.get("testimonials", []):
            assert as_read(testimonial["quote"]) in text, (slug, testimonial["author"])
            assert testimonial["author"] in text


def test_testimonials_are_real_quotations_with_their_author(built_site: Path) -> None:
    html = page(built_site, "laureats/renac")
    figures = re.findall(r'<figure class="testimonial[^"]*">(.*?)</figure>', html, re.DOTALL)
    assert len(figures) == len(laureate_data()["renac"]["testimonials"])
    for figure in figures:
        assert re.search(r"<blockquote[^>]*>\s*<p>«\u202f.+\u202f»</p>\s*</blockquote>", figure,
                         re.DOTALL)
        assert re.search(r'<figcaption><span class="testimonial-initials '
                         r'testimonial-initials--[0-3]" aria-hidden="true">[A-Z]{2,3}</span><span class="testimonial-who">'
                         r'<span class="testimonial-author">', figure)


def test_laureate_page_facts_name_department_region_year_and_themes(built_site: Path) -> None:
    text = visible_text(page(built_site, "laureats/renac"))
    for fact in ("Renac", "Commune", "Ille-et-Vilaine (35)", "Bretagne", "2021",
                 "Accueil des usagers", "Conditions de travail des agents"):
        assert fact in text


def test_no_laureate_page_repeats_a_heading_nor_shows_a_placeholder(built_site: Path) -> None:
    for slug in laureate_data():
        html = page(built_site, f"laureats/{slug}")
        article = re.split(r'<article class="md-content__inner md-typeset"[^>]*>', html, 1)[1]
        headings = [visible_text(h).replace("¶", "").strip()
                    for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", article, re.DOTALL)]
        assert len(headings) == len(set(headings)), (slug, headings)
        text = visible_text(article)
        for placeholder in ("non communiquée", "non connue", "pas encore documenté ici",
                            "seront racontés ici"):
            assert placeholder not in text, (slug, placeholder)


def test_an_undocumented_project_says_so_once_in_one_sentence(built_site: Path) -> None:
    text = visible_text(page(built_site, "laureats/pessac"))
    assert text.count("pas encore publié") == 1
    assert "Le Fonds MNT n'a pas encore publié le détail de ce projet" in text


def test_laureates_are_listed_newest_first_with_their_count(built_site: Path) -> None:
    html = page(built_site, "laureats")
    data = laureate_data()
    assert f"{len(data)} lauréats" in visible_text(html)
    slugs = re.findall(r'<h2 class="laureate-card__title"><a href="([\w-]+)/">', html)
    assert sorted(slugs) == sorted(data)
    years = [data[slug]["year"] if isinstance(data[slug]["year"], int) else 0 for slug in slugs]
    assert years == sorted(years, reverse=True)


def test_each_theme_and_each_year_has_its_page_with_its_laureates(built_site: Path) -> None:
    data = laureate_data()
    themes = yaml.safe_load((ROOT / "projects" / "_themes.yml").read_text(encoding="utf-8"))
    for slug, theme in themes.items():
        html = page(built_site, f"themes/{slug}")
        assert theme["label"] in visible_text(html)
        expected = {s for s, d in data.items() if slug in ([d["theme"]] if isinstance(d["theme"], str) else d["theme"])}
        assert set(re.findall(r'href="../../laureats/([\w-]+)/"', html)) == expected
    for year in {d["year"] for d in data.values() if isinstance(d["year"], int)}:
        html = page(built_site, f"editions/{year}")
        expected = {s for s, d in data.items() if d["year"] == year}
        assert set(re.findall(r'href="../../laureats/([\w-]+)/"', html)) == expected


def test_home_page_shows_latest_laureates_key_figures_and_the_fund(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<!-- showcase:" not in html
    assert html.count('class="laureate-card"') == min(6, len(laureate_data()))
    assert 'class="key-figures"' in html
    text = visible_text(html)
    assert "Découvrir les lauréats" in text and "Candidater au Fonds MNT" in text
    assert "Damien Guiguet" in text


def test_laureate_pages_stay_out_of_the_sidebar_but_listings_are_in_it(built_site: Path) -> None:
    html = page(built_site, "laureats/renac")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start: html.index('<nav class="md-nav md-nav--secondary"', start)]
    links = visible_text(nav)
    for slug, data in laureate_data().items():
        assert data["title"] not in links and f'href="../{slug}/"' not in nav
    for listing in ("Lauréats", "Thèmes", "Territoires", "Le Fonds MNT", "Candidater"):
        assert listing in links


def test_edit_link_of_a_laureate_page_opens_its_yaml_file(built_site: Path) -> None:
    html = page(built_site, "laureats/renac")
    assert re.search(r'href="https://[^"]+/edit/main/projects/renac\.yml"', html)


def test_no_page_asks_another_host_for_fonts_or_scripts(built_site: Path) -> None:
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag \
                or 'rel="alternate"' in tag, (html_file, tag)


def test_french_404_page_is_built(built_site: Path) -> None:
    assert (built_site / "404.html").is_file()
    assert '<html lang="fr"' in (built_site / "404.html").read_text(encoding="utf-8")


def test_plain_text_fields_are_escaped_and_stories_sanitised(project: Path, tmp_path: Path) -> None:
    payload = "<script>alert(1)</script>"
    (project / "projects" / "piege.yml").write_text(f"""\
commune: Renac
department: "35"
year: 2021
theme: accueil-des-usagers
title: 'Titre {payload}'
summary: 'Résumé qui contient une balise {payload} et des guillemets " pour voir.'
story: |
  Un récit avec [un lien](https://example.org) et **du gras**.
testimonials:
  - quote: 'Citation {payload}'
    author: '<img src=x onerror=alert(2)>'
    role: '"><svg onload=alert(3)>'
""", encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "laureats" / "piege" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Citation <script>alert(1)</script>" in visible_text(html)
    assert '<a href="https://example.org" rel="noopener noreferrer">un lien</a>' in html


def test_a_file_with_a_problem_fails_the_build_in_french_without_traceback(project: Path,
                                                                          tmp_path: Path) -> None:
    renac = project / "projects" / "renac.yml"
    renac.write_text(renac.read_text(encoding="utf-8").replace("\ntitle:", "\ntitre:"), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(r"projects/renac\.yml:\d+:1: titre : champ inconnu « titre »", output)
    assert "vouliez-vous dire « title » ?" in output
    assert "projects/renac.yml:2:1: title : champ obligatoire manquant" in output
    assert "2 problèmes dans 1 fichier" in output


def test_a_laureate_photo_is_published_re_encoded_at_two_widths_without_its_metadata(
        project: Path, tmp_path: Path) -> None:
    """The photo in projects/ keeps its name and metadata; the site gets JPEGs named after
    the slug, at 800 pixels and at the photo's own width (under 1600), upright, without
    the camera's EXIF (GPS position) and with the name that was not URL-safe gone."""
    photo = Image.new("RGB", (1000, 750), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Appareil du photographe"  # Make
    (project / "projects" / "images").mkdir()
    source = project / "projects" / "images" / "renac #1?.png"
    photo.save(source, "PNG", exif=exif)
    renac = project / "projects" / "renac.yml"
    renac.write_text(renac.read_text(encoding="utf-8") + "image:\n  src: \"images/renac #1?.png\"\n"
                     "  alt: La médiathèque de Renac vue de la place\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(site.rglob("renac #1?.png"))
    for width, height in ((800, 600), (1000, 750)):
        with Image.open(site / "photos" / f"renac-{width}.jpg") as published:
            assert published.format == "JPEG" and published.size == (width, height)
            assert not published.getexif() and "icc_profile" not in published.info
    html = (site / "laureats" / "renac" / "index.html").read_text(encoding="utf-8")
    assert ('<img src="../../photos/renac-800.jpg" srcset="../../photos/renac-800.jpg 800w, '
            '../../photos/renac-1000.jpg 1000w"') in html
    assert 'width="800" height="600" alt="La médiathèque de Renac vue de la place"' in html
    # Its card shows the photo instead of the department, decorative there (the card's
    # title is its link), sized so that nothing moves as it loads.
    listing = (site / "laureats" / "index.html").read_text(encoding="utf-8")
    card = re.search(r'<li class="laureate-card laureate-card--photo".*?</li>', listing, re.DOTALL)
    assert card and 'href="renac/"' in card[0]
    assert ('<p class="laureate-card__visual" aria-hidden="true"><img src="../photos/renac-800.jpg" '
            'srcset="../photos/renac-800.jpg 800w, ../photos/renac-1000.jpg 1000w"') in card[0]
    assert 'width="800" height="600" alt=""' in card[0] and "<svg" not in card[0]


def test_a_video_is_a_facade_that_loads_nothing_from_its_host_before_a_click(project: Path,
                                                                             tmp_path: Path) -> None:
    renac = project / "projects" / "renac.yml"
    renac.write_text(renac.read_text(encoding="utf-8") + "video:\n"
                     "  url: https://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
                     "  title: Le pôle culturel de Renac\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "laureats" / "renac" / "index.html").read_text(encoding="utf-8")
    assert "<iframe" not in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert '<button type="button" class="md-button md-button--primary video-facade__play">' in html
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Voir la vidéo sur YouTube</a>' in html
