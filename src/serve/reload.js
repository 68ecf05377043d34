// Backstory live reload (added by `backstory serve` only, never written to disk).
(function () {
  var key = "backstory-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, parseInt(saved, 10) || 0); };
    if (document.readyState === "complete") restore(); else addEventListener("load", restore);
  }
  function overlay(problems) {
    var old = document.getElementById("backstory-overlay");
    if (old) old.remove();
    if (!problems) return;
    var box = document.createElement("div");
    box.id = "backstory-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 ui-monospace,monospace;padding:2rem";
    var title = document.createElement("h2");
    title.textContent = "The site did not build; showing the last good version";
    title.style.cssText = "color:#ff8a80;font:bold 18px sans-serif;margin:0 0 1rem";
    box.appendChild(title);
    // The editor may want to read the page under the error: a button (and
    // Escape) hides the overlay until the next rebuild reports again.
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "position:absolute;top:1rem;right:1rem;font:15px sans-serif;padding:.4rem .8rem;cursor:pointer";
    close.addEventListener("click", function () { box.remove(); });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") box.remove(); });
    box.appendChild(close);
    problems.forEach(function (p) {
      var item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;margin:0 0 1rem";
      item.textContent = p.file + (p.line ? ":" + p.line : "") + ": " + p.message +
        (p.hint ? "\n  hint: " + p.hint : "");
      box.appendChild(item);
    });
    document.body.appendChild(box);
    close.focus();
  }
  var events = new EventSource("/__backstory/events");
  var generation = null;
  events.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (generation !== null && state.generation !== generation && !state.problems) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
      return;
    }
    generation = state.generation;
    window.backstoryLive = true; // lets a test know the page is listening
    overlay(state.problems);
  });
})();
