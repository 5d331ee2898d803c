// Runs before Sveltia CMS is evaluated (first import of main.js, and ES modules run in order).

// French for everyone. Sveltia CMS has no configuration option for its interface language
// (`locale` is ignored): it takes the language saved in its preferences, else the browser's.
// Saving "fr" there before it starts is what its own language menu does.
const PREFS = 'sveltia-cms.prefs';
try {
  const prefs = JSON.parse(localStorage.getItem(PREFS) || '{}') || {};
  localStorage.setItem(PREFS, JSON.stringify({ ...prefs, locale: 'fr' }));
} catch {
  // private browsing without storage: the interface follows the browser
}
// The CMS also offers, in a banner, to switch to the browser's language: it asks the browser.
for (const name of ['language', 'languages']) {
  Object.defineProperty(navigator, name, { get: () => (name === 'language' ? 'fr-FR' : ['fr-FR', 'fr']) });
}
document.documentElement.lang = 'fr';
// main.js starts the CMS itself, once our file format is registered.
window.CMS_MANUAL_INIT = true;

// Fonts, translations and workers are files of this bundle, next to this script
// (build.mjs points the package's `import.meta.url` here).
globalThis.__showcaseCmsBase = new URL('./', import.meta.url).href;

// No request leaves the site but to the GitHub API (the only one the form needs): this refuses
// the status check of the GitHub status site, built into the CMS, and anything a future
// version would add. The CMS treats a refused status check as "status unknown" and says nothing.
const allowed = new Set([location.origin, 'https://api.github.com']);
const nativeFetch = window.fetch.bind(window);
window.fetch = (resource, options) => {
  const address = resource instanceof Request ? resource.url : String(resource);
  const url = new URL(address, location.href);
  if (url.protocol.startsWith('http') && !allowed.has(url.origin)) {
    return Promise.reject(new TypeError(`requête refusée vers ${url.origin}`));
  }
  return nativeFetch(resource, options);
};
