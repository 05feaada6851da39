/* The Xiaomi EV briefing: citation previews, the timeline filter and, in the live preview
   only, a banner listing the facts' problems.
   Pages work without it: citations are plain links and the timeline lists everything. */
(function () {
  "use strict";

  function citationPreviews() {
    var tip = null;
    function hide() {
      if (tip) { tip.remove(); tip = null; }
    }
    function show(event) {
      var link = event.currentTarget;
      hide();
      tip = document.createElement("div");
      tip.className = "bf-tip";
      tip.setAttribute("role", "tooltip");
      tip.id = "bf-tip";
      var title = document.createElement("strong");
      title.textContent = link.dataset.title || "";
      var meta = document.createElement("span");
      var parts = [link.dataset.publisher, link.dataset.date];
      if (link.dataset.locator) { parts.push(link.dataset.locator); }
      meta.textContent = parts.filter(Boolean).join(" · ");
      tip.appendChild(title);
      tip.appendChild(meta);
      document.body.appendChild(tip);
      var box = link.getBoundingClientRect();
      var left = Math.min(box.left + window.scrollX,
        window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.left = Math.max(8, left) + "px";
      tip.style.top = (box.bottom + window.scrollY + 4) + "px";
      link.setAttribute("aria-describedby", "bf-tip");
    }
    document.querySelectorAll("a.bf-cite").forEach(function (link) {
      link.addEventListener("mouseenter", show);
      link.addEventListener("focus", show);
      link.addEventListener("mouseleave", hide);
      link.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
    });
  }

  function timelineFilter() {
    var form = document.getElementById("timeline-filter");
    if (!form) { return; }
    var items = document.querySelectorAll(".bf-timeline__item");
    var count = form.querySelector(".bf-filter__count");
    function apply() {
      var topics = {}, statuses = {}, shown = 0;
      form.querySelectorAll("input[name=topic]").forEach(function (box) { topics[box.value] = box.checked; });
      form.querySelectorAll("input[name=status]").forEach(function (box) { statuses[box.value] = box.checked; });
      items.forEach(function (item) {
        var visible = topics[item.dataset.topic] && statuses[item.dataset.status];
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = shown + " of " + items.length + " claims shown";
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }

  function labelSearchDialog() {
    // Material's search overlay has role="dialog" but no accessible name.
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
      if (!dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Search"); }
    });
  }

  function previewStatus() {
    // Only `briefing serve` loads docs/preview-status.js, which sets briefingPreviewStatus;
    // a built site never has it. Problems are editors' text: shown as text, never as HTML.
    var old = document.getElementById("bf-preview-status");
    if (old) { old.remove(); }
    var status = window.briefingPreviewStatus;
    if (!status || !status.problems || !status.problems.length) { return; }
    var banner = document.createElement("section");
    banner.id = "bf-preview-status";
    banner.className = "bf-preview-status";
    banner.setAttribute("role", "alert");
    var heading = document.createElement("strong");
    var count = status.problems.length;
    heading.textContent = "The facts have " + count + (count === 1 ? " problem" : " problems") +
      ". This preview shows the last good pages until they are fixed:";
    var list = document.createElement("ul");
    status.problems.forEach(function (text) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = text;
      item.appendChild(code);
      list.appendChild(item);
    });
    banner.appendChild(heading);
    banner.appendChild(list);
    var main = document.querySelector(".md-main") || document.body.firstChild;
    main.parentNode.insertBefore(banner, main);
  }
  window.briefingShowPreviewStatus = previewStatus;

  function init() {
    previewStatus();
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
