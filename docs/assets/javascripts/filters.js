// Filters of the laureate listing: theme, year, region, kind, size, department.
// Progressive enhancement: the form ships hidden and every card listed. This script shows
// the form, hides the cards that do not match, counts each option among the others' choices,
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
    var text = shown + (shown > 1 ? " lauréats" : " lauréat") + " sur " + total;
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
        if (option.dataset.label === undefined) option.dataset.label = option.textContent;
        var count = others.filter(function (card) { return matches(card, select, option.value); }).length;
        option.textContent = option.dataset.label + " (" + count + ")";
        option.disabled = count === 0 && option.value !== select.value;
      });
    });
    listing.status.textContent = countText(shown, listing.cards.length);
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
    var cards = Array.prototype.slice.call(document.querySelectorAll(".laureate-cards > .laureate-card"));
    var listing = { form: form, cards: cards, selects: [],
                    status: form.querySelector(".laureate-filters__status") };
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
    readAddress(listing);
    update(listing); // while still hidden: the first count is not announced
    form.hidden = false;
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
