/* The Xiaomi EV briefing: citation previews and the timeline filter.
   Pages work without it: citations are plain links to the page's own reference list, and
   the timeline lists everything, newest first. */
(function () {
  "use strict";

  /* Citation previews: on hover or focus with a mouse or keyboard; on touch, the first tap
     opens the preview (with a link to the reference) instead of leaving the claim. */
  function citationPreviews() {
    var tip = null, owner = null, lastPointer = "mouse";
    function hide() {
      if (tip) { tip.remove(); tip = null; }
      if (owner) { owner.removeAttribute("aria-describedby"); owner.removeAttribute("aria-expanded"); owner = null; }
    }
    function show(link) {
      hide();
      tip = document.createElement("div");
      tip.className = "bf-tip";
      tip.setAttribute("role", "tooltip");
      tip.id = "bf-tip";
      var title = document.createElement("strong");
      title.textContent = link.dataset.title || "";
      var meta = document.createElement("span");
      var parts = [link.dataset.meta];
      if (link.dataset.locator) { parts.push(link.dataset.locator); }
      meta.textContent = parts.filter(Boolean).join(" · ");
      var go = document.createElement("a");
      go.href = link.getAttribute("href");
      go.textContent = "Go to the reference";
      go.addEventListener("click", hide);
      tip.appendChild(title);
      tip.appendChild(meta);
      tip.appendChild(go);
      document.body.appendChild(tip);
      var box = link.getBoundingClientRect();
      var left = Math.min(box.left + window.scrollX,
        window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.left = Math.max(8, left) + "px";
      tip.style.top = (box.bottom + window.scrollY + 4) + "px";
      link.setAttribute("aria-describedby", "bf-tip");
      owner = link;
    }
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (tip && !tip.contains(event.target) && !event.target.closest("a.bf-cite")) { hide(); }
    });
    document.querySelectorAll("a.bf-cite").forEach(function (link) {
      link.addEventListener("mouseenter", function () { if (lastPointer === "mouse") { show(link); } });
      link.addEventListener("mouseleave", function () { if (lastPointer === "mouse") { hide(); } });
      link.addEventListener("focus", function () { if (lastPointer !== "touch") { show(link); } });
      link.addEventListener("click", function (event) {
        if (lastPointer === "touch" && owner !== link) {
          event.preventDefault();
          show(link);
          link.setAttribute("aria-expanded", "true");
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
    });
  }

  /* The timeline filter: order, topics, statuses and kinds, kept in the page's address so a
     filtered view can be shared and survives a reload. Only what differs from the defaults
     is written: ?order=oldest&status=confirmed,reported&kind=event,state,view */
  function timelineFilter() {
    var form = document.getElementById("timeline-filter");
    if (!form) { return; }
    var list = document.querySelector(".bf-timeline");
    var items = Array.prototype.slice.call(list.querySelectorAll(".bf-timeline__item"));
    var count = form.querySelector(".bf-filter__count");
    var groups = ["topic", "status", "kind"];
    var defaults = {};
    groups.forEach(function (name) { defaults[name] = checkedValues(name).join(","); });

    function boxes(name) { return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]")); }
    function checkedValues(name) {
      return boxes(name).filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    }
    function order() {
      var picked = form.querySelector("input[name=order]:checked");
      return picked ? picked.value : "newest";
    }
    function restore() {
      var params = new URLSearchParams(window.location.search);
      groups.forEach(function (name) {
        if (!params.has(name)) { return; }
        var wanted = params.get(name).split(",");
        boxes(name).forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
      });
      var wantedOrder = params.get("order") === "oldest" ? "oldest" : "newest";
      form.querySelectorAll("input[name=order]").forEach(function (radio) { radio.checked = radio.value === wantedOrder; });
    }
    function save() {
      var params = new URLSearchParams(window.location.search);
      groups.forEach(function (name) {
        var now = checkedValues(name).join(",");
        if (now === defaults[name]) { params.delete(name); } else { params.set(name, now); }
      });
      if (order() === "oldest") { params.set("order", "oldest"); } else { params.delete("order"); }
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
    function apply() {
      var picked = {}, shown = 0;
      groups.forEach(function (name) {
        picked[name] = {};
        checkedValues(name).forEach(function (value) { picked[name][value] = true; });
      });
      items.forEach(function (item) {
        var visible = picked.topic[item.dataset.topic] && picked.status[item.dataset.status] && picked.kind[item.dataset.kind];
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      var ordered = order() === "oldest" ? items.slice().reverse() : items;
      ordered.forEach(function (item) { list.appendChild(item); });
      list.setAttribute("data-order", order());
      count.textContent = shown + " of " + items.length + " claims shown, " + (order() === "oldest" ? "oldest" : "newest") + " first";
    }
    restore();
    form.hidden = false;
    form.addEventListener("change", function () { apply(); save(); });
    apply();
  }

  function labelSearchDialog() {
    // Material's search overlay has role="dialog" but no accessible name.
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
      if (!dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Search"); }
    });
  }

  function init() {
    labelSearchDialog();
    citationPreviews();
    timelineFilter();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
