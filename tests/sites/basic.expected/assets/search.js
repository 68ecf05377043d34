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
  // theme.js, loaded on every page, defines say(); without it, English.
  var words = typeof say === "function" ? say : function (key, english, values) {
    return english.replace(/\{([a-z]+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  };
  var groups = [
    { kind: "person", title: words("people", "People") },
    { kind: "source", title: words("sources", "Sources") },
    { kind: "entry", title: words("timeline", "Timeline") },
    { kind: "page", title: words("pages", "Pages") }
  ];
  var pagefind = null;
  var latest = 0;
  var EXCERPT_WORDS = 24;

  // The index comes in shards: the first in pagefind/, the others listed
  // in pagefind/shards.json, each merged into the first before searching.
  function load() {
    if (pagefind) return Promise.resolve(pagefind);
    var base = new URL(root + "pagefind/", document.baseURI).href;
    return import(base + "pagefind.js").then(function (module) {
      return module.options({ excerptLength: EXCERPT_WORDS })
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

  // The first and last few words of a text, letters and digits only, to
  // tell whether an excerpt starts or ends where its record does.
  function edge(text, last) {
    var tokens = text.toLowerCase().split(/\s+/).map(function (w) {
      return w.replace(/[^\p{L}\p{N}]/gu, "");
    }).filter(Boolean);
    return (last ? tokens.slice(-3) : tokens.slice(0, 3)).join(" ");
  }

  // Pagefind's excerpt is text with <mark> around the matched words. It is
  // parsed in an inert document and copied as text and marks only, with
  // an ellipsis where it cuts into its record's text.
  function excerpt(html, content) {
    var p = document.createElement("p");
    p.className = "excerpt";
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var text = doc.body.textContent;
    var whole = content || "";
    var cutBefore = whole && edge(whole, false) !== edge(text, false);
    var cutAfter = whole && edge(whole, true) !== edge(text, true);
    if (cutBefore) p.appendChild(document.createTextNode("… "));
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    if (cutAfter) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  // A source's paragraphs are anchors of its record, each at the word it
  // starts at: a result opens the paragraph where the matched words
  // cluster most (as in its excerpt), not the top of the page.
  function landing(data) {
    var paragraphs = (data.anchors || []).filter(function (a) { return a.element === "p" && a.id; });
    var spots = (data.locations || []).slice().sort(function (a, b) { return a - b; });
    if (!paragraphs.length || !spots.length) return data.url;
    var best = spots[0];
    var most = 0;
    spots.forEach(function (start) {
      var near = spots.filter(function (s) { return s >= start && s < start + EXCERPT_WORDS; }).length;
      if (near > most) { most = near; best = start; }
    });
    var at = null;
    paragraphs.forEach(function (a) { if (a.location <= best) at = a; });
    return at ? data.url.split("#")[0] + "#" + at.id : data.url;
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = href(landing(data));
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
    if (data.excerpt) li.appendChild(excerpt(data.excerpt, data.content));
    return li;
  }

  // A timeline page's record stands for its entries: each entry that
  // matches is listed (five a page at most), opening at its own anchor.
  function entries(data) {
    var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor; });
    if (!subs.length) return [data];
    return subs.slice(0, 5).map(function (sub) {
      return { url: sub.url, excerpt: sub.excerpt, meta: { title: sub.title, kind: "entry" } };
    });
  }

  function show(query, records) {
    var found = [];
    records.forEach(function (data) { found = found.concat(entries(data)); });
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
      ? words("search_results", found.length === 1 ? "{n} result for “{query}”." : "{n} results for “{query}”.", { n: found.length, query: query })
      : words("search_nothing", "Nothing found for “{query}”. Try a surname or another spelling.", { query: query });
    if (browse) browse.hidden = found.length > 0;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      results.textContent = "";
      status.textContent = words("search_prompt", "Type a name, a place or a word.");
      if (browse) browse.hidden = false;
      return;
    }
    status.textContent = words("searching", "Searching…");
    load()
      .then(function (pf) { return pf.search(query); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
      })
      .then(function (found) { if (ticket === latest) show(query, found); })
      .catch(function () {
        if (ticket !== latest) return;
        status.textContent = location.protocol === "file:"
          ? words("search_needs_server", "Search needs the site to be served over the web; opened from disk, browse the lists below.")
          : words("search_failed", "Search could not be loaded. Browse the lists below.");
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
    status.textContent = words("search_prompt", "Type a name, a place or a word.");
  }
})();
