// Filters of the laureate listing: theme, year, region, kind, size, department.
// Progressive enhancement: the form ships in the page, hidden by CSS without JavaScript
// (every card listed), folded behind "Filtrer" on a phone; this script never reveals it,
// so nothing moves when it starts. It hides the cards that do not match, counts each
// option among the others' choices, shows how many filters are on,
// and keeps the choice in the address (?theme=…&region=…): a filtered list can be shared,
// and the back button undoes a choice. A facet appears only when the cards carry its
// attribute (data-themes, data-year…). Runs on every page view, including Material's
// instant navigation (document$).
(function () {
  "use strict";

  var current = null; // the listing on screen, for the back and forward buttons

  function valuesOf(card, select) {
    var value = card.getAttribute("data-" + select.dataset.filterAttribute);
    if (value === null) return [];
    return select.hasAttribute("data-filter-several") ? value.split(/\s+/) : [value];
  }

  function matches(card, select, value) {
    return value === "" || valuesOf(card, select).indexOf(value) !== -1;
  }

  // Does the card pass every filter, leaving out `except` (null: none left out)?
  function passes(card, listing, except) {
    return listing.selects.every(function (select) {
      return select === except || matches(card, select, select.value);
    });
  }

  function countText(shown, total) {
    var text = shown + (shown > 1 ? " lauréats" : " lauréat");
    if (shown === total) return text; // as the page says before any choice
    text += " sur " + total;
    return shown ? text : text + " : retirez un filtre pour en voir davantage.";
  }

  function update(listing) {
    var shown = 0;
    listing.cards.forEach(function (card) {
      card.hidden = !passes(card, listing, null);
      if (!card.hidden) shown += 1;
    });
    listing.selects.forEach(function (select) {
      var others = listing.cards.filter(function (card) { return passes(card, listing, select); });
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.dataset.label === undefined) option.dataset.label = option.textContent.replace(/ \(\d+\)$/, "");
        var count = others.filter(function (card) { return matches(card, select, option.value); }).length;
        option.textContent = option.dataset.label + " (" + count + ")";
        option.disabled = count === 0 && option.value !== select.value;
      });
    });
    var text = countText(shown, listing.cards.length);
    if (listing.status.textContent !== text) listing.status.textContent = text;
    var active = listing.selects.filter(function (select) { return select.value; }).length;
    if (listing.active) {
      listing.active.textContent = "";
      if (active) {
        var badge = document.createElement("span");
        badge.className = "laureate-listing__badge";
        badge.textContent = String(active);
        listing.active.append(badge);
        listing.toggle.setAttribute("aria-label", "Filtrer, " + active +
          (active > 1 ? " filtres actifs" : " filtre actif"));
      } else {
        listing.toggle.removeAttribute("aria-label");
      }
    }
  }

  function fold(listing, open) {
    if (!listing.toggle) return;
    listing.root.classList.toggle("laureate-listing--open", open);
    listing.toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function readAddress(listing) {
    var params = new URLSearchParams(window.location.search);
    listing.selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
  }

  function writeAddress(listing) {
    var params = new URLSearchParams(window.location.search);
    listing.selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
      else params.delete(select.name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    // A null state: Material's instant navigation leaves such history entries to us.
    if (url !== window.location.pathname + window.location.search + window.location.hash)
      window.history.pushState(null, "", url);
  }

  function setUp(form) {
    var root = form.closest(".laureate-listing") || document;
    var cards = Array.prototype.slice.call(root.querySelectorAll(".laureate-cards > .laureate-card"));
    var listing = { form: form, root: root, cards: cards, selects: [],
                    status: root.querySelector(".laureate-filters__status"),
                    toggle: root.querySelector("[data-filter-toggle]"),
                    active: root.querySelector("[data-filter-active]") };
    form.querySelectorAll("select[data-filter-attribute]").forEach(function (select) {
      var used = cards.some(function (card) {
        return card.hasAttribute("data-" + select.dataset.filterAttribute);
      });
      select.closest(".laureate-filters__field").hidden = !used;
      if (!used) return;
      listing.selects.push(select);
      select.addEventListener("change", function () {
        update(listing);
        writeAddress(listing);
      });
    });
    form.querySelector("[data-filter-clear]").addEventListener("click", function () {
      listing.selects.forEach(function (select) { select.value = ""; });
      update(listing);
      writeAddress(listing);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (listing.toggle) {
      listing.toggle.addEventListener("click", function () {
        fold(listing, listing.toggle.getAttribute("aria-expanded") !== "true");
      });
      form.querySelector("[data-filter-done]").addEventListener("click", function () {
        fold(listing, false);
        listing.toggle.focus();
      });
    }
    readAddress(listing);
    update(listing); // the count the page shows is the same: nothing is announced
    document.documentElement.classList.remove("filters-pending"); // overrides/main.html
    current = listing;
  }

  document$.subscribe(function () {
    var form = document.querySelector("form.laureate-filters");
    if (form && !form.dataset.ready) {
      form.dataset.ready = "true";
      setUp(form);
    }
  });

  window.addEventListener("popstate", function () {
    if (current && document.body.contains(current.form)) {
      readAddress(current);
      update(current);
    }
  });
})();
