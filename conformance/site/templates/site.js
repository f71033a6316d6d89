// nn-rosetta study pages: tabs and search, no dependencies, no network (works from file://).
// The search index is window.ROSETTA_INDEX (search-index.js). The URL hash drives both, so a view is a
// link: index.html#q=adam filters the index, components/optimizer/adam.html#tab=keras opens the Keras tab,
// #layout=columns puts the implementations side by side (the "side by side" button).
(function () {
  "use strict";
  var root = document.body.dataset.root || "";
  var index = window.ROSETTA_INDEX || [];

  function hashParams() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
    });
    return out;
  }

  // --- tabs ---
  function select(box, key) {
    var tabs = box.querySelectorAll("[role=tab]"), found = false;
    Array.prototype.forEach.call(tabs, function (t) { if (t.dataset.tab === key) found = true; });
    if (!found) return false;
    Array.prototype.forEach.call(tabs, function (t) {
      t.setAttribute("aria-selected", String(t.dataset.tab === key));
      t.tabIndex = t.dataset.tab === key ? 0 : -1;
    });
    Array.prototype.forEach.call(box.querySelectorAll("[role=tabpanel]"), function (p) {
      p.classList.toggle("active", p.dataset.panel === key);
    });
    return true;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), function (box) {
    var tabs = Array.prototype.slice.call(box.querySelectorAll("[role=tab]"));
    box.style.setProperty("--n", tabs.length);
    tabs.forEach(function (t, i) {
      t.addEventListener("click", function () { select(box, t.dataset.tab); });
      t.addEventListener("keydown", function (e) {
        var j = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
        if (j === null) return;
        var next = tabs[(j + tabs.length) % tabs.length];
        select(box, next.dataset.tab);
        next.focus();
      });
    });
    var toggle = box.querySelector(".columns-toggle");
    if (toggle) toggle.addEventListener("click", function () {
      var on = box.classList.toggle("columns");
      toggle.setAttribute("aria-pressed", String(on));
    });
  });
  function tabFromHash() {
    var h = hashParams();
    Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), function (box) {
      if (h.tab) select(box, h.tab);
      if (h.layout) {
        box.classList.toggle("columns", h.layout === "columns");
        var toggle = box.querySelector(".columns-toggle");
        if (toggle) toggle.setAttribute("aria-pressed", String(h.layout === "columns"));
      }
    });
  }

  // --- search ---
  var input = document.getElementById("q"), results = document.getElementById("results");
  var entries = Array.prototype.slice.call(document.querySelectorAll("[data-entry]"));
  var shown = document.getElementById("shown");

  function matches(text, terms) {
    for (var i = 0; i < terms.length; i++) if (text.indexOf(terms[i]) < 0) return false;
    return true;
  }
  function terms(q) { return q.toLowerCase().split(/\s+/).filter(Boolean); }
  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; });
  }

  function filterPage(q) {            // the index page: its own cards are the results
    var t = terms(q), n = 0;
    entries.forEach(function (el) {
      var ok = matches(el.dataset.search, t);
      el.hidden = !ok;
      if (ok) n++;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-group]"), function (g) {
      g.hidden = t.length > 0 && !g.querySelector("[data-entry]:not([hidden])");
    });
    if (shown) shown.textContent = t.length ? n + " of " + entries.length + " match \u201c" + q + "\u201d" : "";
  }

  function dropdown(q) {              // every other page: a list under the box
    var t = terms(q);
    if (!t.length) { results.hidden = true; results.innerHTML = ""; return; }
    var hits = index.filter(function (e) {
      return matches((e.key + " " + e.title + " " + e.family + " " + e.summary).toLowerCase(), t);
    }).slice(0, 30);
    results.innerHTML = hits.length ? hits.map(function (e, i) {
      return '<li' + (i === 0 ? ' class="first"' : '') + '><a href="' + root + e.url + '">' + escapeHtml(e.title) +
        '<span class="kind">' + escapeHtml(e.kind === "component" ? e.family : e.kind) + '</span></a></li>';
    }).join("") : '<li class="dim" style="padding:5px 10px">no match</li>';
    results.hidden = false;
  }

  function search(q) { if (entries.length) filterPage(q); else dropdown(q); }

  if (input) {
    input.addEventListener("input", function () {
      search(input.value);
      if (entries.length) history.replaceState(null, "", input.value ? "#q=" + encodeURIComponent(input.value) : "#");
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var first = entries.length ? document.querySelector("[data-entry]:not([hidden]) a") : results.querySelector("a");
        if (first) location.href = first.href;
      } else if (e.key === "Escape") { input.value = ""; search(""); }
    });
    document.addEventListener("click", function (e) {
      if (!results.contains(e.target) && e.target !== input) results.hidden = true;
    });
  }
  function fromHash() {
    tabFromHash();
    var q = hashParams().q;
    if (q !== undefined && input) { input.value = q; search(q); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  // For the tests and the curious: the page is ready, and whether it is wider than the window (never).
  document.documentElement.dataset.ready = "1";
  document.documentElement.dataset.overflow = String(document.documentElement.scrollWidth > window.innerWidth);
})();
