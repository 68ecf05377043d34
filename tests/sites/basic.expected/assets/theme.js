// Dark-mode toggle, remembered across visits. The site works without it:
// the colour scheme then follows the system setting.
(function () {
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem("backstory-theme"); } catch (e) {}
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  var header = document.querySelector(".site-header .wrap");
  if (!header) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "theme-toggle";
  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function label() { button.textContent = isDark() ? "Light mode" : "Dark mode"; button.setAttribute("aria-pressed", String(isDark())); }
  button.addEventListener("click", function () {
    var next = isDark() ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try { localStorage.setItem("backstory-theme", next); } catch (e) {}
    label();
  });
  label();
  header.appendChild(button);
})();
