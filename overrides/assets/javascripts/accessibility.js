// Keyboard and screen-reader fixes to Material for MkDocs (see overrides/).
// Listeners hang on the document, so they survive instant navigation, which
// replaces the page's content but not the header.
(function () {
  "use strict";

  var DRAWER = "__drawer";
  var SEARCH = "__search";

  function toggle(id) {
    return document.getElementById(id);
  }

  function buttonFor(id) {
    return document.querySelector('[data-showcase-toggle="' + id + '"]');
  }

  function isShown(element) {
    return element !== null && element.offsetParent !== null;
  }

  // The header's menu and search buttons flip Material's checkboxes. A click
  // on the checkbox (rather than setting .checked) fires "change", which
  // Material listens to.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-showcase-toggle]");
    if (!button) return;
    var id = button.dataset.showcaseToggle;
    toggle(id).click();
    if (!toggle(id).checked) return;
    var first = id === DRAWER
      ? document.querySelector(".md-sidebar--primary a[href]")
      : document.querySelector(".md-search__input");
    if (first) first.focus();
  });

  // aria-expanded follows the checkboxes, whoever changes them. When the
  // search closes on a small screen (Escape), focus goes back to its button
  // rather than to the top of the page.
  document.addEventListener("change", function (event) {
    var id = event.target.id;
    if (id !== DRAWER && id !== SEARCH) return;
    var button = buttonFor(id);
    if (!button) return;
    button.setAttribute("aria-expanded", String(event.target.checked));
    if (id === SEARCH && !event.target.checked && isShown(button)
        && document.activeElement.closest(".md-search")) {
      button.focus();
    }
  });

  // Escape closes the open drawer and gives focus back to the menu button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle(DRAWER).checked) return;
    toggle(DRAWER).click();
    var button = buttonFor(DRAWER);
    if (isShown(button)) button.focus();
  });

  // Leaving the open drawer with Tab closes it: focus never goes behind the
  // overlay.
  document.addEventListener("focusin", function (event) {
    if (!toggle(DRAWER).checked) return;
    if (event.target.closest('.md-sidebar--primary, [data-showcase-toggle="__drawer"]')) return;
    toggle(DRAWER).click();
  });

  // Instant navigation handles in-page links ("Aller au contenu", the table
  // of contents) through the history API: the page scrolls, but the next Tab
  // started again from the top of the page. Move the focus to the target, as
  // a plain link does. The first such link of a page also makes Material
  // render the page again, which drops the focus: focus the target again then.
  var pending = null;

  function focusTarget(id) {
    var target = document.getElementById(id);
    if (!target) return;
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href*='#']");
    if (!link || !link.hash || link.pathname !== location.pathname) return;
    var id = decodeURIComponent(link.hash.slice(1));
    pending = { id: id, path: location.pathname };
    setTimeout(function () { focusTarget(id); });
  });

  // Instant navigation changes the page without a page load. Screen readers
  // do not notice it: announce the new page's title. And the keyboard went on
  // from where the followed link was: start again from the top of the page,
  // as after a page load (the next Tab reaches "Aller au contenu").
  function restartFocus() {
    var body = document.body;
    body.setAttribute("tabindex", "-1");
    body.focus({ preventScroll: true });
    body.removeAttribute("tabindex");
  }

  var announcer = null;
  var shownPath = location.pathname;
  document$.subscribe(function () {
    if (announcer === null) {
      announcer = document.createElement("div");
      announcer.className = "showcase-sr-only";
      announcer.setAttribute("role", "status");
      announcer.dataset.showcaseAnnouncer = "";
      document.body.appendChild(announcer);
    }
    if (location.pathname !== shownPath) {
      shownPath = location.pathname;
      announcer.textContent = document.title;
      restartFocus();
    }
    if (pending !== null) {
      if (pending.path === location.pathname) focusTarget(pending.id);
      pending = null;
    }

    // Material writes its skip link only for a page with a table of contents
    // (never for 404.html): give such a page one to its main heading.
    var skip = document.querySelector('[data-md-component="skip"]');
    var heading = document.querySelector(".md-content h1");
    if (skip && heading && !skip.querySelector("a")) {
      if (!heading.id) heading.id = "contenu";
      var link = document.createElement("a");
      link.href = "#" + heading.id;
      link.className = "md-skip";
      link.textContent = "Aller au contenu";
      skip.appendChild(link);
    }
  });
})();
