/* The Xiaomi EV briefing: citation previews, the timeline filter, permalinks and citations,
   the All claims table and, in the live preview only, a banner listing the facts' problems.
   Pages work without it: citations are plain links to the page's own reference list, the
   timeline lists everything newest first, and each claim's citation is plain text. */
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
      // Each part on its own line (CSS), and apart when read or copied as text.
      tip.appendChild(title);
      tip.appendChild(document.createTextNode(" "));
      tip.appendChild(meta);
      tip.appendChild(document.createTextNode(" "));
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

  /* Permalinks and citations: a "Copy link" button beside each permalink; in an opened
     citation box, the reader's access date, BibTeX and CSL-JSON, each with a copy button.
     The plain-text citation is already in the page for readers without JavaScript. What a
     copy did is said in a polite live region, so screen readers hear it too. */
  function copyStatus(message) {
    var region = document.getElementById("bf-copy-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "bf-copy-status";
      region.className = "bf-visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    setTimeout(function () { region.textContent = message; }, 50);
  }
  function copyButton(label, what, getText) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bf-copy";
    button.textContent = label;
    var timer = null;
    function said(text, message) {
      button.textContent = text;
      copyStatus(message);
      clearTimeout(timer);
      timer = setTimeout(function () { button.textContent = label; }, 2000);
    }
    var done = function () { said("Copied", what + " copied"); };
    var failed = function () { said("Copy failed", "Could not copy the " + what.toLowerCase() + ": select it and copy it by hand"); };
    button.addEventListener("click", function () {
      var text = getText();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.className = "bf-visually-hidden";
        document.body.appendChild(area);
        area.select();
        try { if (document.execCommand("copy")) { done(); } else { failed(); } } catch (e) { failed(); }
        area.remove();
        button.focus();
      }
    });
    return button;
  }
  function absolute(url) { return new URL(url, window.location.href).href; }
  function bibtex(csl, accessed) {
    var esc = function (text) { return String(text).replace(/[{}\\]/g, ""); };
    var year = csl.issued && csl.issued["date-parts"] ? csl.issued["date-parts"][0][0] : "";
    return "@misc{" + csl.id + ",\n" +
      "  title = {" + esc(csl.title) + "},\n" +
      "  author = {{" + esc(csl.author[0].literal) + "}},\n" +
      "  howpublished = {" + esc(csl["container-title"]) + "},\n" +
      "  year = {" + year + "},\n" +
      "  url = {" + absolute(csl.URL) + "},\n" +
      "  note = {" + esc(csl.note) + " Accessed " + accessed + ".}\n}";
  }
  function citations() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll(".bf-claim__tools").forEach(function (tools) {
      var link = tools.querySelector(".bf-permalink");
      if (link && !tools.querySelector(".bf-copy")) {
        link.after(copyButton("Copy link", "Link", function () { return absolute(link.getAttribute("href")); }));
      }
    });
    document.querySelectorAll("details.bf-citebox").forEach(function (box) {
      box.addEventListener("toggle", function () {
        if (!box.open || box.dataset.ready) { return; }
        box.dataset.ready = "1";
        var text = box.querySelector(".bf-citebox__text");
        var part = function (name) { return text.querySelector(".bf-citebox__" + name).textContent; };
        var shared = box.closest("[data-csl]");
        var csl = JSON.parse(shared ? shared.dataset.csl : "{}");
        csl.URL = absolute(box.dataset.url);
        csl.id = box.closest("article").querySelector("h3").id;
        csl.note = "Status: " + part("status") + ". Sources: " + part("sources") + ".";
        csl.title = part("title");
        csl.type = "webpage";
        var parts = today.split("-").map(Number);
        csl.accessed = { "date-parts": [parts] };
        text.querySelector(".bf-accessed").textContent = today;
        text.querySelector(".bf-cite-url").textContent = csl.URL;
        var body = box.querySelector(".bf-citebox__body");
        body.appendChild(copyButton("Copy citation", "Citation", function () { return text.textContent; }));
        [["BibTeX", bibtex(csl, today)], ["CSL-JSON", JSON.stringify([csl], null, 2)]].forEach(function (pair) {
          var heading = document.createElement("p");
          heading.className = "bf-citebox__format";
          heading.textContent = pair[0];
          var pre = document.createElement("pre");
          pre.className = "bf-citebox__code";
          pre.textContent = pair[1];
          // It scrolls when long: focusable, so a keyboard can scroll it too.
          pre.tabIndex = 0;
          pre.setAttribute("aria-label", pair[0] + " of this claim");
          body.appendChild(heading);
          body.appendChild(pre);
          body.appendChild(copyButton("Copy " + pair[0], pair[0], function () { return pair[1]; }));
        });
      });
    });
  }

  /* The All claims table: every current claim, filtered by status, topic, entity, years
     and words (which also match the entities' other names), sorted by any column, 100 rows
     to a page; the state is kept in the address (?status=…&topic=…&entity=…&from=2023&to=2025
     &words=…&sort=date&dir=desc&page=2). The rows come from claims-index.json (statuses, topics,
     entities) and its row files, each small, fetched together (claimstable.py). */
  function loadClaims(indexUrl) {
    return fetch(indexUrl.href).then(function (response) { return response.json(); }).then(function (index) {
      return Promise.all(index.rows.map(function (path) {
        return fetch(new URL(path, indexUrl).href).then(function (response) { return response.json(); });
      })).then(function (files) {
        var topics = index.topics, entities = index.entities;
        var claims = [];
        files.forEach(function (rows) {
          rows.forEach(function (row) {
            var names = row[5].map(function (at) { return entities[at][1]; });
            var other = row[5].map(function (at) { return entities[at][2].join(" "); });
            claims.push({
              id: row[0], statement: row[1], status: index.statuses[row[2]][0], statusAt: row[2],
              topic: topics[row[3]][0], topicTitle: topics[row[3]][1], href: topics[row[3]][2] + "#" + row[0],
              date: row[4], entities: row[5].map(function (at) { return entities[at][0]; }),
              names: names.join(", "), sources: row[6],
              hay: (row[1] + " " + names.join(" ") + " " + other.join(" ") + " " + topics[row[3]][1]).toLowerCase()
            });
          });
        });
        return { index: index, claims: claims };
      });
    });
  }
  function dateShown(iso, months) {
    var parts = iso.split("-").map(Number);
    if (parts.length === 3) { return parts[2] + " " + months[parts[1] - 1] + " " + parts[0]; }
    if (parts.length === 2) { return months[parts[1] - 1] + " " + parts[0]; }
    return String(parts[0]);
  }
  function dateKey(iso) {
    // As the pages order dates: a year or a month after the fuller dates inside it.
    if (!iso) { return ""; }
    var parts = iso.split("-");
    return parts[0] + "-" + (parts[1] || "13") + "-" + (parts[2] || "32");
  }
  function claimsTable() {
    var form = document.getElementById("claims-filter");
    var table = document.getElementById("claims-table");
    if (!form || !table || !window.fetch || !window.Promise) { return; }
    var body = table.tBodies[0];
    var count = form.querySelector(".bf-filter__count");
    var pages = document.querySelector(".bf-pages");
    var fields = form.elements;
    var state = { sort: "date", dir: "desc", page: 1 };
    var data = null, pageSize = 100;
    var selects = ["topic", "entity", "from", "to"];
    var firstDir = { date: "desc", sources: "desc" };
    function boxes() { return Array.prototype.slice.call(form.querySelectorAll("input[name=status]")); }
    function statuses() {
      return boxes().filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    }
    function restore() {
      var params = new URLSearchParams(window.location.search);
      if (params.has("status")) {
        var wanted = params.get("status").split(",");
        boxes().forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
      }
      selects.forEach(function (name) { fields[name].value = params.get(name) || ""; });
      fields.words.value = params.get("words") || "";
      var sort = params.get("sort"), dir = params.get("dir");
      state.sort = table.querySelector("th[data-sort='" + sort + "']") ? sort : "date";
      state.dir = dir === "asc" || dir === "desc" ? dir : (firstDir[state.sort] || "asc");
      state.page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    }
    function save() {
      var params = new URLSearchParams();
      var picked = statuses();
      if (picked.length !== boxes().length) { params.set("status", picked.join(",")); }
      selects.forEach(function (name) { if (fields[name].value) { params.set(name, fields[name].value); } });
      if (fields.words.value.trim()) { params.set("words", fields.words.value.trim()); }
      if (state.sort !== "date" || state.dir !== "desc") { params.set("sort", state.sort); params.set("dir", state.dir); }
      if (state.page > 1) { params.set("page", String(state.page)); }
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }
    function filters() {
      return {
        statuses: statuses(), topic: fields.topic.value, entity: fields.entity.value,
        from: fields.from.value, to: fields.to.value,
        words: fields.words.value.toLowerCase().split(/\s+/).filter(Boolean)
      };
    }
    function matches(claim, f) {
      if (f.statuses.indexOf(claim.status) === -1 || (f.topic && claim.topic !== f.topic)) { return false; }
      if (f.entity && claim.entities.indexOf(f.entity) === -1) { return false; }
      if (f.from || f.to) {
        var year = claim.date.slice(0, 4);
        if (!year || (f.from && year < f.from) || (f.to && year > f.to)) { return false; }
      }
      return f.words.every(function (word) { return claim.hay.indexOf(word) !== -1; });
    }
    function key(claim) {
      if (state.sort === "statement") { return claim.statement.toLowerCase(); }
      if (state.sort === "status") { return claim.statusAt; }
      if (state.sort === "topic") { return claim.topicTitle.toLowerCase(); }
      if (state.sort === "entities") { return claim.names.toLowerCase(); }
      if (state.sort === "sources") { return claim.sources; }
      return dateKey(claim.date);
    }
    function cell(row, label, content) {
      var td = document.createElement("td");
      td.dataset.label = label;
      td.appendChild(typeof content === "string" ? document.createTextNode(content) : content);
      row.appendChild(td);
    }
    var siteRoot = null;
    function row(claim) {
      var tr = document.createElement("tr");
      tr.dataset.status = claim.status;
      tr.dataset.topic = claim.topic;
      var link = document.createElement("a");
      link.href = new URL(claim.href, siteRoot).href;
      link.textContent = claim.statement;
      cell(tr, "Claim", link);
      var label = document.createElement("span");
      label.className = "bf-status bf-status--" + claim.status + " bf-icon bf-icon--" + claim.status;
      var inner = document.createElement("span");
      inner.className = "bf-status__text";
      inner.textContent = data.index.statuses[claim.statusAt][1];
      label.appendChild(inner);
      cell(tr, "Status", label);
      if (claim.date) {
        var time = document.createElement("time");
        time.dateTime = claim.date;
        time.textContent = dateShown(claim.date, data.index.months);
        cell(tr, "Date", time);
      } else { cell(tr, "Date", "—"); }
      cell(tr, "Topic", claim.topicTitle);
      cell(tr, "Entities", claim.names);
      cell(tr, "Sources", String(claim.sources));
      return tr;
    }
    function render() {
      var f = filters();
      var shown = data.claims.filter(function (claim) { return matches(claim, f); });
      shown.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : (a.id < b.id ? -1 : 1);
        return state.dir === "asc" ? order : -order;
      });
      var last = Math.max(1, Math.ceil(shown.length / pageSize));
      state.page = Math.min(state.page, last);
      var start = (state.page - 1) * pageSize;
      body.replaceChildren.apply(body, shown.slice(start, start + pageSize).map(row));
      table.querySelectorAll("th[data-sort]").forEach(function (th) {
        th.setAttribute("aria-sort", th.dataset.sort === state.sort ? (state.dir === "asc" ? "ascending" : "descending") : "none");
      });
      fields.sort.value = state.sort + ":" + state.dir;
      count.textContent = shown.length + " of " + data.claims.length + " claims" +
        (last > 1 ? ", page " + state.page + " of " + last : "");
      pager(last);
      save();
    }
    function pager(last) {
      var nav = document.getElementById("claims-pager");
      if (!nav) {
        nav = document.createElement("nav");
        nav.id = "claims-pager";
        nav.className = "bf-pages";
        nav.setAttribute("aria-label", "Pages of the filtered table");
        table.parentNode.after(nav);
      }
      nav.replaceChildren();
      if (last < 2) { return; }
      [["Previous page", state.page - 1], ["Next page", state.page + 1]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "bf-copy";
        button.textContent = pair[0];
        button.disabled = pair[1] < 1 || pair[1] > last;
        button.addEventListener("click", function () { state.page = pair[1]; render(); table.scrollIntoView(); });
        nav.appendChild(button);
      });
    }
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bf-sort";
      button.textContent = th.textContent;
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        if (state.sort === th.dataset.sort) { state.dir = state.dir === "asc" ? "desc" : "asc"; }
        else { state.sort = th.dataset.sort; state.dir = firstDir[state.sort] || "asc"; }
        state.page = 1;
        render();
      });
    });
    form.addEventListener("input", function (event) {
      if (event.target === fields.sort) {
        var pair = fields.sort.value.split(":");
        state.sort = pair[0];
        state.dir = pair[1];
      }
      state.page = 1;
      render();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { state.sort = "date"; state.dir = "desc"; state.page = 1; render(); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var indexUrl = new URL(form.dataset.index, window.location.href);
    siteRoot = new URL("../", indexUrl).href;
    loadClaims(indexUrl).then(function (loaded) {
      data = loaded;
      restore();
      form.hidden = false;
      if (pages) { pages.hidden = true; }
      render();
    }).catch(function (error) { console.error("All claims table:", error); });
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
    citations();
    claimsTable();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
