// Search page: runs the query in ?q= against the Pagefind index built with
// the site, and shows people, sources and pages as separate groups. Without
// JavaScript, or from a file on disk where browsers block the index, the
// page keeps its plain lists of people and sources.
(function () {
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var browse = document.getElementById("search-browse");
  if (!input || !status || !results) return;
  var groups = [
    { kind: "person", title: "People" },
    { kind: "source", title: "Sources" },
    { kind: "entry", title: "Timeline" },
    { kind: "page", title: "Pages" }
  ];
  var pagefind = null;
  var latest = 0;

  // The index comes in shards: the first in pagefind/, the others listed
  // in pagefind/shards.json, each merged into the first before searching.
  function load() {
    if (pagefind) return Promise.resolve(pagefind);
    var base = new URL(root + "pagefind/", document.baseURI).href;
    return import(base + "pagefind.js").then(function (module) {
      return module.options({ excerptLength: 24 })
        .then(function () { return fetch(base + "shards.json"); })
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; })
        .then(function (shards) {
          return Promise.all(shards.map(function (folder) {
            return module.mergeIndex(new URL(folder, base).href);
          }));
        })
        .then(function () { pagefind = module; return module; });
    });
  }

  // Result URLs start at the site's root ("/people/x/index.html"), and
  // those of a merged shard come whole ("http://host/people/x/index.html"):
  // either is opened from the root of this page, so that results work
  // under any sub-path.
  function href(url) {
    var path = url;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      var whole = new URL(url);
      path = whole.pathname + whole.search + whole.hash;
    }
    return root + path.replace(/^\//, "");
  }

  // Pagefind's excerpt is text with <mark> around the matched words. It is
  // parsed in an inert document and copied as text and marks only.
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "excerpt";
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = href(data.url);
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    var details = [];
    var meta = data.meta || {};
    ["role", "outlet", "date", "mentions"].forEach(function (key) {
      if (meta[key]) details.push(meta[key]);
    });
    if (details.length) {
      var span = document.createElement("span");
      span.className = "meta";
      span.textContent = " " + details.join(" · ");
      li.appendChild(span);
    }
    if (data.excerpt) li.appendChild(excerpt(data.excerpt));
    return li;
  }

  function show(query, found) {
    results.textContent = "";
    groups.forEach(function (group) {
      var inGroup = found.filter(function (d) { return (d.meta && d.meta.kind) === group.kind; });
      if (!inGroup.length) return;
      var section = document.createElement("section");
      var heading = document.createElement("h2");
      heading.textContent = group.title;
      section.appendChild(heading);
      var list = document.createElement("ol");
      list.className = "results";
      inGroup.forEach(function (data) { list.appendChild(item(data)); });
      section.appendChild(list);
      results.appendChild(section);
    });
    status.textContent = found.length
      ? found.length + (found.length === 1 ? " result" : " results") + " for “" + query + "”."
      : "Nothing found for “" + query + "”. Try a surname or another spelling.";
    if (browse) browse.hidden = found.length > 0;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      results.textContent = "";
      status.textContent = "Type a name, a place or a word.";
      if (browse) browse.hidden = false;
      return;
    }
    status.textContent = "Searching…";
    load()
      .then(function (pf) { return pf.search(query); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
      })
      .then(function (found) { if (ticket === latest) show(query, found); })
      .catch(function () {
        if (ticket !== latest) return;
        status.textContent = location.protocol === "file:"
          ? "Search needs the site to be served over the web; opened from disk, browse the lists below."
          : "Search could not be loaded. Browse the lists below.";
      });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  } else {
    status.textContent = "Type a name, a place or a word.";
  }
})();
