// Filtering and sorting of the report, no dependencies. The state lives in the URL hash
// (#status=fail&family=optimizer&framework=keras&dtype=float32&q=adam&effect=1&sort=abs:desc),
// so a view can be shared as a link; the page applies it on load.
(function () {
  "use strict";
  var KEYS = ["status", "family", "framework", "dtype", "q", "effect"];
  var controls = {};
  KEYS.forEach(function (k) { controls[k] = document.querySelector('[data-filter="' + k + '"]'); });
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-item]"));
  var texts = items.map(function (el) { return el.textContent.toLowerCase(); });

  function state() {
    var s = {};
    KEYS.forEach(function (k) {
      var c = controls[k];
      if (!c) return;
      var v = c.type === "checkbox" ? (c.checked ? "1" : "") : c.value.trim();
      if (v) s[k] = v;
    });
    var sorted = document.querySelector("#checks-table th[aria-sort]");
    if (sorted) s.sort = sorted.dataset.key + ":" + (sorted.getAttribute("aria-sort") === "ascending" ? "asc" : "desc");
    return s;
  }

  function visible(el, text, s) {
    if (s.status && el.dataset.status && el.dataset.status.split(" ").indexOf(s.status) < 0) return false;
    var keys = ["family", "framework", "dtype"];
    for (var i = 0; i < keys.length; i++) {
      if (s[keys[i]] && el.dataset[keys[i]] !== s[keys[i]]) return false;
    }
    if (s.effect && el.dataset.effect === "0") return false;
    if (s.q && text.indexOf(s.q.toLowerCase()) < 0) return false;
    return true;
  }

  function apply() {
    var s = state(), shown = {}, total = {};
    items.forEach(function (el, i) {
      var kind = el.dataset.item, ok = visible(el, texts[i], s);
      el.hidden = !ok;
      total[kind] = (total[kind] || 0) + 1;
      shown[kind] = (shown[kind] || 0) + (ok ? 1 : 0);
    });
    var out = document.getElementById("shown");
    if (out) {
      out.textContent = ["checks", "divergences", "plots"].filter(function (k) { return total[k]; }).map(function (k) {
        return k + ": " + shown[k] + " of " + total[k];
      }).join(" · ");
      out.dataset.checks = shown.checks || 0;
    }
    var hash = Object.keys(s).map(function (k) { return k + "=" + encodeURIComponent(s[k]); }).join("&");
    if (history.replaceState) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function sortTable(table, key, dir) {
    var ths = table.querySelectorAll("th");
    var col = -1, numeric = false;
    Array.prototype.forEach.call(ths, function (th, i) {
      if (th.dataset.key === key) { col = i; numeric = th.hasAttribute("data-num"); th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending"); }
      else th.removeAttribute("aria-sort");
    });
    if (col < 0) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var value = function (row) {
      var cell = row.cells[col];
      return numeric ? parseFloat(cell.dataset.v) : cell.textContent.trim().toLowerCase();
    };
    var keyed = rows.map(function (row, i) { return [value(row), i, row]; });
    keyed.sort(function (a, b) {
      var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
      return (dir === "asc" ? c : -c) || a[1] - b[1];
    });
    keyed.forEach(function (k) { body.appendChild(k[2]); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable] th button"), function (button) {
    button.addEventListener("click", function () {
      var th = button.parentNode, table = th.closest("table");
      var dir = th.getAttribute("aria-sort") === "descending" ? "asc" : "desc";
      sortTable(table, th.dataset.key, dir);
      apply();
    });
  });
  KEYS.forEach(function (k) {
    var c = controls[k];
    if (c) c.addEventListener(c.type === "search" ? "input" : "change", apply);
  });

  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    if (!h || h.indexOf("=") < 0) return;
    h.split("&").forEach(function (part) {
      var kv = part.split("="), k = kv[0], v = decodeURIComponent(kv.slice(1).join("=") || "");
      if (k === "sort") {
        var sv = v.split(":");
        sortTable(document.getElementById("checks-table"), sv[0], sv[1] === "asc" ? "asc" : "desc");
      } else if (controls[k]) {
        if (controls[k].type === "checkbox") { controls[k].checked = v === "1"; return; }
        if (controls[k].tagName === "SELECT" && !Array.prototype.some.call(controls[k].options, function (o) { return o.value === v; })) {
          controls[k].add(new Option(v + " (none here)", v));      // a value this report lacks shows nothing, not everything
        }
        controls[k].value = v;
      }
    });
  }
  fromHash();
  apply();
  // For tests and the curious: the page is ready, and whether it is wider than the window (it should
  // never be: wide tables scroll inside their own box).
  document.documentElement.dataset.ready = "1";
  document.documentElement.dataset.overflow = String(document.documentElement.scrollWidth > window.innerWidth);
})();
