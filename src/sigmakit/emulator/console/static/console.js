// sigmakit emulator console: live tables without a framework.
// A <tbody data-poll="URL"> is refreshed from URL (which answers its rows) every second,
// unless the page's Pause button is pressed or the tab is hidden.
(function () {
  "use strict";
  var paused = false;
  var pause = document.querySelector("[data-pause]");
  if (pause) {
    pause.addEventListener("click", function () {
      paused = !paused;
      pause.setAttribute("aria-pressed", String(paused));
      pause.textContent = paused ? "Resume" : "Pause";
    });
  }
  document.querySelectorAll("tbody[data-poll]").forEach(function (body) {
    var url = body.getAttribute("data-poll");
    var busy = false;
    function refresh() {
      if (paused || busy || document.hidden) return;
      busy = true;
      fetch(url, { headers: { Accept: "text/html" }, cache: "no-store" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html !== null && html !== body.dataset.last) {
            body.innerHTML = html;
            body.dataset.last = html;
          }
        })
        .catch(function () {})
        .finally(function () { busy = false; });
    }
    setInterval(refresh, 1000);
  });
})();
