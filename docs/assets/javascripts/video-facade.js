// Click-to-load video: the player (and its host's cookies) arrive only after a click.
// Runs on every page view, including Material's instant navigation (document$).
document$.subscribe(function () {
  document.querySelectorAll(".video-facade[data-embed]").forEach(function (facade) {
    var button = facade.querySelector(".video-facade__play");
    if (!button || button.dataset.ready) return;
    button.dataset.ready = "true";
    button.addEventListener("click", function () {
      var frame = document.createElement("div");
      frame.className = "video-frame";
      var iframe = document.createElement("iframe");
      iframe.src = facade.dataset.embed;
      iframe.title = facade.dataset.title;
      iframe.allow = "autoplay; fullscreen; picture-in-picture";
      iframe.allowFullscreen = true;
      frame.appendChild(iframe);
      facade.replaceChildren(frame);
      iframe.focus();
    });
  });
});
