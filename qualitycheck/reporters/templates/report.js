(function () {
  "use strict";
  // Only textContent and cloned, server-escaped nodes are ever inserted: never innerHTML.
  var RANK = { error: 3, warning: 2, info: 1 };
  var items = {};
  document.querySelectorAll(".qc-item").forEach(function (li) { items[li.dataset.fid] = li; });
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.qc-hl"));
  var tip = document.getElementById("qc-tooltip");
  var form = document.querySelector(".qc-filters");
  var current = null;

  function visibleItems(mark) {
    return mark.dataset.f.split(" ").map(function (id) { return items[id]; })
      .filter(function (li) { return li && !li.hidden; });
  }

  function styleMark(mark) {
    var vis = visibleItems(mark);
    mark.className = "qc-hl";
    if (!vis.length) {
      mark.classList.add("qc-off");
      mark.tabIndex = -1;
      return;
    }
    var top = vis[0];
    vis.forEach(function (li) { if (RANK[li.dataset.sev] > RANK[top.dataset.sev]) { top = li; } });
    mark.tabIndex = 0;
    mark.classList.add("qc-c" + top.dataset.catIndex, "qc-s-" + top.dataset.sev);
    if (vis.length > 1) { mark.classList.add("qc-multi"); }
  }

  function applyFilters() {
    if (!form) { return; }
    var off = {};
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (!box.checked) { off[box.name + ":" + box.value] = true; }
    });
    Object.keys(items).forEach(function (id) {
      var li = items[id];
      li.hidden = Boolean(off["category:" + li.dataset.cat] || off["severity:" + li.dataset.sev]);
    });
    marks.forEach(styleMark);
    document.querySelectorAll(".qc-side").forEach(function (side) {
      var shown = side.querySelectorAll(".qc-item:not([hidden])").length;
      var counter = side.querySelector(".qc-shown");
      if (counter) {
        var total = counter.dataset.total;
        counter.textContent = String(shown) === total ? total : shown + " of " + total;
      }
    });
    hide();
  }

  function show(mark) {
    var vis = visibleItems(mark);
    if (!vis.length) { return; }
    tip.replaceChildren();
    var rulesShown = {};
    vis.forEach(function (li) {
      var card = li.querySelector(".qc-card").cloneNode(true);
      tip.appendChild(card);
      var rule = li.dataset.rule;
      var doc = document.getElementById("rule-" + rule);
      if (doc && !rulesShown[rule]) {
        rulesShown[rule] = true;
        ["qc-rule-summary", "qc-rule-why"].forEach(function (cls) {
          var part = doc.querySelector("." + cls);
          if (part) {
            var copy = part.cloneNode(true);
            copy.hidden = false;
            card.appendChild(copy);
          }
        });
      }
    });
    tip.hidden = false;
    var rect = mark.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    var top = rect.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight && rect.top - tip.offsetHeight - 6 > 0) {
      top = rect.top - tip.offsetHeight - 6;
    }
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
    mark.setAttribute("aria-describedby", "qc-tooltip");
    current = mark;
  }

  function hide() {
    if (current) { current.removeAttribute("aria-describedby"); }
    current = null;
    if (tip) { tip.hidden = true; }
  }

  function markOf(target) {
    var mark = target && target.closest ? target.closest("mark.qc-hl") : null;
    return mark && !mark.classList.contains("qc-off") ? mark : null;
  }

  document.addEventListener("mouseover", function (e) {
    var mark = markOf(e.target);
    if (mark && mark !== current) { show(mark); }
  });
  document.addEventListener("mouseout", function (e) {
    var mark = markOf(e.target);
    if (mark && mark === current && !mark.contains(e.relatedTarget) && document.activeElement !== mark) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    var mark = markOf(e.target);
    if (mark) { show(mark); }
  });
  document.addEventListener("focusout", function (e) {
    if (markOf(e.target) === current) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); }
  });
  window.addEventListener("resize", hide);

  function jumpTo(fid) {
    var mark = null;
    marks.some(function (m) {
      if (m.dataset.f.split(" ").indexOf(fid) >= 0) { mark = m; return true; }
      return false;
    });
    if (!mark) { return false; }
    document.querySelectorAll(".qc-current").forEach(function (el) { el.classList.remove("qc-current"); });
    if (items[fid]) { items[fid].classList.add("qc-current"); }
    mark.scrollIntoView({ block: "center" });
    mark.classList.remove("qc-flash");
    void mark.offsetWidth; // restart the animation
    mark.classList.add("qc-flash");
    mark.focus({ preventScroll: true });
    if (history.replaceState) { history.replaceState(null, "", "#f" + fid); }
    return true;
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a.qc-jump") : null;
    if (!link) { return; }
    var li = link.closest(".qc-item");
    if (li && jumpTo(li.dataset.fid)) { e.preventDefault(); }
  });

  if (form) {
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  // Sortable index of files.
  document.querySelectorAll("table.qc-sortable").forEach(function (table) {
    table.querySelectorAll("th button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var key = button.dataset.key;
        var numeric = button.hasAttribute("data-numeric");
        var descending = th.getAttribute("aria-sort") !== "descending";
        table.querySelectorAll("th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.dataset[key], y = b.dataset[key];
          var cmp = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return descending ? -cmp : cmp;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
