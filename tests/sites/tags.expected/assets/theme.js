// The theme's words in the site's language: the page carries them in
// #backstory-strings when they are not the English ones written below.
// say(key, english, {name: value}) fills in {name}; a count's form is
// chosen by values.n with the language's rule.
var say = (function () {
  var words = {};
  try {
    var node = document.getElementById("backstory-strings");
    if (node) words = JSON.parse(node.textContent) || {};
  } catch (e) {}
  return function (key, english, values) {
    var text = words[key] || english;
    values = values || {};
    if (typeof text === "object") {
      var n = values.n;
      text = n === 1 || (n === 0 && words.zero_is_one) ? text.one : text.other;
    }
    return String(text).replace(/\{([A-Za-z0-9_]+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  };
})();

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
  function label() { button.textContent = isDark() ? say("light_mode", "Light mode") : say("dark_mode", "Dark mode"); button.setAttribute("aria-pressed", String(isDark())); }
  button.addEventListener("click", function () {
    var next = isDark() ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try { localStorage.setItem("backstory-theme", next); } catch (e) {}
    label();
  });
  label();
  header.appendChild(button);
})();

// Hover and focus previews of people: the linked person page is fetched
// (only when the site is served over HTTP) and its name, role and mention
// count are shown beside the link. Without JavaScript the link just works.
(function () {
  if (!/^https?:$/.test(location.protocol) || !window.fetch || !window.DOMParser) return;
  var cache = {};
  var box = null;
  var timer = null;
  function preview(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var text = function (selector) {
          var node = doc.querySelector(selector);
          return node ? node.textContent.trim() : "";
        };
        return { name: text(".person h1"), role: text(".person .dek"), meta: text(".person .page-head .meta span") };
      });
    }
    return cache[url];
  }
  function hide() {
    clearTimeout(timer);
    if (box) { box.remove(); box = null; }
  }
  function show(link) {
    preview(link.href).then(function (info) {
      if (!info.name || !link.matches(":hover, :focus")) return;
      hide();
      box = document.createElement("div");
      box.className = "person-preview";
      box.setAttribute("role", "tooltip");
      box.id = "person-preview";
      [["strong", info.name], ["span", info.role], ["span", info.meta]].forEach(function (part) {
        if (!part[1]) return;
        var el = document.createElement(part[0]);
        el.textContent = part[1];
        box.appendChild(el);
      });
      document.body.appendChild(box);
      var rect = link.getBoundingClientRect();
      var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
      box.style.left = left + "px";
      box.style.top = (rect.bottom + window.scrollY + 6) + "px";
      link.setAttribute("aria-describedby", "person-preview");
    }).catch(function () {});
  }
  function target(event) {
    var link = event.target.closest && event.target.closest("a.person");
    return link && link.href ? link : null;
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = target(event);
      if (!link) return;
      clearTimeout(timer);
      timer = setTimeout(function () { show(link); }, 250);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = target(event);
      if (!link) return;
      link.removeAttribute("aria-describedby");
      hide();
    });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();

// "Copy citation" beside each paragraph number of a source's page: copies
// the cross-reference an editor writes (`@source/ID#L12`) and the paragraph's
// public address. Without JavaScript the number is still a link to itself.
(function () {
  var links = document.querySelectorAll(".source .para-link[data-cite]");
  if (!links.length || !navigator.clipboard) return;
  Array.prototype.forEach.call(links, function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = say("copy", "Copy");
    var number = link.textContent.trim();
    button.setAttribute("aria-label", say("copy_citation_label", "Copy the citation of paragraph {n}", { n: number }));
    button.addEventListener("click", function () {
      var text = link.getAttribute("data-cite") + " " + link.href;
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = say("copied", "Copied");
        setTimeout(function () { button.textContent = say("copy", "Copy"); }, 1500);
      }, function () { button.textContent = say("copy_failed", "Copy failed"); });
    });
    link.parentNode.insertBefore(button, link.nextSibling);
  });
})();
