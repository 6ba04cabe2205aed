/* marsad analyst workbench: a single-page app over /api/v1 (vanilla JS, no build step).
 * Documents are hostile: their text is only ever placed with textContent, inside elements with
 * dir="auto" and unicode-bidi: isolate, never parsed as HTML. */
"use strict";
(function () {
  const API = "/api/v1";
  const PLOVER = ["AGREE", "ACCUSE", "ASSAULT", "AID", "COERCE", "CONSULT", "COOPERATE", "DEMAND", "MOBILIZE",
    "PROTEST", "REJECT", "RETREAT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN"];
  const TYPE_COLOURS = { ASSAULT: "#c0392b", COERCE: "#8e44ad", PROTEST: "#2980b9", MOBILIZE: "#d35400",
    AID: "#27ae60", THREATEN: "#b7950b", SANCTION: "#5d6d7e" };
  const state = {
    lang: localStorage.getItem("marsad.lang") === "en" ? "en" : "ar",
    csrf: null, user: null, view: "documents",
    docOffset: 0, evOffset: 0, pageSize: 20,
    doc: null, event: null, textStarts: new WeakMap(),
    map: null, clusters: null, tiles: null, admin1: null, graph: null,
  };
  const $ = (id) => document.getElementById(id);

  // -- language -----------------------------------------------------------------------------------
  function t(key, vars) {
    let s = (window.MARSAD_I18N[state.lang] || {})[key] || key;
    for (const [k, v] of Object.entries(vars || {})) s = s.replace("{" + k + "}", String(v));
    return s;
  }
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-ph]").forEach((el) => { el.placeholder = t(el.dataset.i18nPh); });
    $("lang-toggle").textContent = t("lang_toggle");
    document.title = t("app_title");
  }
  function toggleLanguage() {
    state.lang = state.lang === "ar" ? "en" : "ar";
    localStorage.setItem("marsad.lang", state.lang);
    applyLanguage();
    renderWho();
    if (state.user) route();
  }

  // -- helpers ------------------------------------------------------------------------------------
  /** An element holding untrusted text: textContent only, isolated from the surrounding bidi context. */
  function bidi(tag, text, cls) {
    const el = document.createElement(tag);
    el.dir = "auto";
    el.className = "iso" + (cls ? " " + cls : "");
    el.textContent = text == null ? "" : String(text);
    return el;
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function entityName(ent) {
    if (!ent) return t("none");
    return (state.lang === "ar" ? ent.name_ar || ent.name : ent.name || ent.name_ar) || ent.id;
  }
  function statusText(s) { return t("st_" + (s || "unreviewed")); }
  function setStatus(text, isError) {
    $("status").textContent = text || "";
    $("status").classList.toggle("error", !!isError);
  }

  // -- roles --------------------------------------------------------------------------------------
  const RANK = { viewer: 0, reviewer: 1, admin: 2 };
  /** True when the signed-in user's role is at least ``role`` (viewer < reviewer < admin). */
  function can(role) { return !!state.user && (RANK[state.user.role] ?? -1) >= RANK[role]; }
  function applyRole() {
    document.querySelectorAll("[data-min-role]").forEach((e) => { e.hidden = !can(e.dataset.minRole); });
    document.body.dataset.role = state.user ? state.user.role : "";
  }
  function roleName(role) { return RANK[role] === undefined ? role : t("role_" + role); }
  /** The first line of a document's text, shortened: the stand-in for a missing title. */
  function firstLine(text, max) {
    const line = String(text || "").trim().split(/\r?\n/)[0].trim();
    const limit = max || 80;
    return line.length > limit ? line.slice(0, limit).trimEnd() + "…" : line;
  }

  async function api(path, options) {
    const opts = Object.assign({ credentials: "same-origin", headers: {} }, options || {});
    if (opts.body && typeof opts.body !== "string" && !(opts.body instanceof FormData)) {
      opts.body = JSON.stringify(opts.body);
      opts.headers["Content-Type"] = "application/json";
    }
    if (opts.method && opts.method !== "GET" && state.csrf) opts.headers["X-CSRF-Token"] = state.csrf;
    const response = await fetch(API + path, opts);
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const err = new Error((data && data.error && data.error.message) || response.statusText);
      err.status = response.status;
      throw err;
    }
    return data;
  }
  function report(err) {
    if (err && err.status === 401) { showLogin(); return; }
    setStatus(t("error", { m: err && err.message }), true);
  }

  // -- filters and exports ------------------------------------------------------------------------
  const FILTER_FIELDS = [["q", "f-q"], ["actor", "f-actor"], ["place", "f-place"], ["type", "f-type"],
    ["from", "f-from"], ["to", "f-to"], ["review", "f-review"]];
  const LIST_VIEWS = ["documents", "events", "map", "timeline", "graph"];
  /** The filter bar as URL parameters (the words too), for the hash route. */
  function filterQuery() {
    const p = new URLSearchParams();
    for (const [name, id] of FILTER_FIELDS) {
      const v = $(id).value.trim();
      if (v) p.set(name, v);
    }
    return p.toString();
  }
  /** Fill the filter bar from the hash route's parameters (absent ones are cleared). */
  function setFilters(query) {
    const p = new URLSearchParams(query || "");
    for (const [name, id] of FILTER_FIELDS) $(id).value = p.get(name) || "";
  }
  /** Navigation links keep the current filters. */
  function updateNavLinks() {
    const qs = filterQuery();
    document.querySelectorAll("#nav a[data-view]").forEach((a) => {
      const v = a.dataset.view;
      a.setAttribute("href", "#/" + v + (qs && LIST_VIEWS.includes(v) ? "?" + qs : ""));
    });
  }
  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const at = raw.indexOf("?");
    const path = at < 0 ? raw : raw.slice(0, at);
    return { parts: path.split("/").map((x) => { try { return decodeURIComponent(x); } catch (e) { return x; } }),
      query: at < 0 ? null : raw.slice(at + 1) };
  }
  function filterParams(extra) {
    const p = new URLSearchParams();
    for (const [name, id] of [["actor", "f-actor"], ["place", "f-place"], ["type", "f-type"],
      ["from", "f-from"], ["to", "f-to"], ["review", "f-review"]]) {
      const v = $(id).value.trim();
      if (v) p.set(name, v);
    }
    for (const [k, v] of Object.entries(extra || {})) if (v !== undefined && v !== null && v !== "") p.set(k, v);
    return p;
  }
  function updateExports() {
    document.querySelectorAll(".exports a[data-format]").forEach((a) => {
      const extra = { format: a.dataset.format };
      if ($("x-reviewed").checked) extra.reviewed_only = "true";
      if (a.dataset.format === "acled-csv") extra.bom = "true";
      a.href = API + "/export?" + filterParams(extra).toString();
    });
  }

  // -- session ------------------------------------------------------------------------------------
  function showLogin() {
    state.user = null; state.csrf = null;
    $("login-view").hidden = false; $("app-view").hidden = true;
    $("nav").hidden = true; $("signout").hidden = true; $("who").textContent = "";
    applyRole();
  }
  function showApp(session) {
    state.user = session.user; state.csrf = session.csrf_token;
    $("login-view").hidden = true; $("app-view").hidden = false;
    $("nav").hidden = false; $("signout").hidden = false;
    renderWho();
    applyRole();
    if (!location.hash || location.hash === "#") location.hash = "#/documents";
    else route();
  }
  function renderWho() {
    $("who").textContent = "";
    if (!state.user) return;
    $("who").appendChild(bidi("span", state.user.name));
    $("who").append(" · " + roleName(state.user.role));
  }
  async function signIn(event) {
    event.preventDefault();
    $("login-error").textContent = "";
    try {
      const session = await api("/session", { method: "POST",
        body: { name: $("login-name").value, password: $("login-password").value } });
      $("login-password").value = "";
      showApp(session);
    } catch (err) {
      $("login-error").textContent = err.status === 401 ? t("wrong_login") : t("error", { m: err.message });
    }
  }
  async function signOut() {
    try { await api("/session", { method: "DELETE" }); } catch (err) { /* signed out anyway */ }
    showLogin();
  }

  // -- routing ------------------------------------------------------------------------------------
  function show(view) {
    state.view = view;
    document.querySelectorAll("main .view").forEach((v) => { if (v.id !== "login-view") v.hidden = true; });
    $(view + "-view").hidden = false;
    $("filters").hidden = ["upload", "users"].includes(view);
    document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
  }
  function route() {
    if (!state.user) return;
    setStatus("");
    const { parts, query } = parseHash();
    let view = parts[0] || "documents";
    // A list view's filters live in its URL; a document keeps the filters it was opened with.
    if (LIST_VIEWS.includes(view) || query !== null) {
      const before = filterQuery();
      setFilters(query);
      if (filterQuery() !== before) { state.docOffset = 0; state.evOffset = 0; }
    }
    updateExports();
    updateNavLinks();
    if (view === "doc" && parts[1]) return openDocument(parts[1], parts[2] ? Number(parts[2]) : null);
    if (view === "event" && parts[1]) return openEventByNumber(Number(parts[1]));
    const loaders = { documents: loadDocuments, events: loadEvents, map: loadMap, timeline: loadTimeline, graph: loadGraph,
      upload: loadUpload, users: () => { $("token-box").hidden = true; $("token-value").textContent = ""; return loadUsers(); } };
    if ((view === "upload" && !can("reviewer")) || (view === "users" && !can("admin"))) view = "documents";
    const load = loaders[view] || loadDocuments;
    show(loaders[view] ? view : "documents");
    return load().catch(report);
  }
  /** Apply the filter bar: the current list view (documents from a document) with the filters in the URL. */
  function refreshView() {
    state.docOffset = 0; state.evOffset = 0;
    updateExports();
    const view = LIST_VIEWS.includes(state.view) ? state.view : "documents";
    const qs = filterQuery();
    const hash = "#/" + view + (qs ? "?" + qs : "");
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  // -- documents ----------------------------------------------------------------------------------
  async function loadDocuments() {
    const q = $("f-q").value.trim();
    const data = await api("/documents?" + filterParams({ q, limit: state.pageSize, offset: state.docOffset }));
    $("doc-total").textContent = t("documents_total", { n: data.total });
    const list = $("doc-list");
    list.replaceChildren();
    for (const hit of data.hits) {
      const li = el("li", "card hit");
      const a = document.createElement("a");
      a.href = "#/doc/" + encodeURIComponent(hit.document_id);
      a.className = "hit-title";
      const lead = (hit.snippets || []).find((sn) => sn.start === 0);  // the text's beginning, when shown
      const stand = !hit.title && lead && firstLine(lead.text);
      a.appendChild(bidi("span", hit.title || stand || hit.document_id, hit.title ? "" : "untitled"));
      li.appendChild(a);
      const meta = el("p", "muted");
      meta.append(bidi("span", hit.source || ""), " · ", bidi("span", hit.published || ""),
        " · " + t("events_count", { n: (hit.event_numbers || []).length }));
      li.appendChild(meta);
      for (const sn of hit.snippets || []) li.appendChild(snippetElement(sn));
      list.appendChild(li);
    }
    $("doc-prev").disabled = state.docOffset === 0;
    $("doc-next").disabled = state.docOffset + state.pageSize >= data.total;
  }
  /** A snippet with its search highlights (offsets relative to the snippet text). */
  function snippetElement(sn) {
    const p = bidi("p", "", "snippet");
    let at = 0;
    for (const [s, e] of sn.highlights || []) {
      if (s < at) continue;
      p.append(document.createTextNode(sn.text.slice(at, s)));
      const m = el("mark", "hl"); m.textContent = sn.text.slice(s, e); p.append(m);
      at = e;
    }
    p.append(document.createTextNode(sn.text.slice(at)));
    return p;
  }

  // -- document view ------------------------------------------------------------------------------
  async function openDocument(id, number) {
    show("document");
    if (!state.doc || state.doc.id !== id) state.doc = await api("/documents/" + encodeURIComponent(id)).catch(report);
    if (!state.doc) return;
    const doc = state.doc;
    $("doc-title").replaceChildren(doc.title ? bidi("span", doc.title)
      : bidi("span", firstLine(doc.text) || t("no_title"), "untitled"));
    const meta = [doc.source, doc.published, doc.id].filter(Boolean).map((v) => bidi("span", v));
    $("doc-meta").replaceChildren(...meta.flatMap((m, i) => (i ? [" · ", m] : [m])));
    const warn = $("doc-bidi");
    warn.hidden = !(doc.bidi_controls && doc.bidi_controls.length);
    warn.textContent = warn.hidden ? "" : "⚠ " + t("bidi_warning", { n: doc.bidi_controls.length }) + " (" +
      doc.bidi_controls.map((c) => c.codepoint).join(", ") + ")";
    const chips = $("doc-events");
    chips.replaceChildren();
    for (const ev of doc.events || []) {
      const li = el("li");
      const a = el("a", "chip" + (ev.number === number ? " active" : ""));
      a.href = "#/doc/" + encodeURIComponent(doc.id) + "/" + ev.number;
      a.dataset.number = ev.number;
      a.append("#" + ev.number + " " + ev.type + " ");
      a.append(bidi("span", ev.trigger && ev.trigger.text));
      a.append(" · " + statusText(ev.review_status));
      li.appendChild(a); chips.appendChild(li);
    }
    state.event = null;
    if (number) {
      const detail = await api("/events/" + number).catch(report);
      if (detail && detail.document_id === doc.id) state.event = detail;
    }
    renderText();
    renderEventPanel();
  }
  async function openEventByNumber(number) {
    const detail = await api("/events/" + number).catch(report);
    if (detail) location.hash = "#/doc/" + encodeURIComponent(detail.document_id) + "/" + number;
  }
  const MENTION_CLASS = { ORG: "m-org", GROUP: "m-org", PERSON: "m-person", PLACE: "m-place", LOC: "m-place",
    GPE: "m-place", TIME: "m-time", DATE: "m-time" };
  /** The original text cut at every span boundary into text nodes; each remembers its start offset. */
  function renderText() {
    const doc = state.doc, text = doc.text;
    const entities = Object.fromEntries((doc.entities || []).map((e) => [e.id, e]));
    const spans = [];
    for (const m of doc.mentions || []) {
      spans.push({ start: m.start, end: m.end, cls: MENTION_CLASS[m.label] || "m-other",
        title: m.entity && entities[m.entity] ? entityName(entities[m.entity]) + " (" + m.label + ")" : m.label });
    }
    const ev = state.event && state.event.event;
    if (ev) {
      for (const s of ev.evidence || []) spans.push({ start: s.start, end: s.end, cls: "evidence" });
      if (ev.trigger) spans.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "trigger" });
    }
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, Math.min(text.length, s.start))); cuts.add(Math.max(0, Math.min(text.length, s.end))); }
    const points = [...cuts].sort((a, b) => a - b);
    const box = $("doc-text");
    box.replaceChildren();
    state.textStarts = new WeakMap();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      const node = document.createTextNode(text.slice(a, b));
      state.textStarts.set(node, a);
      if (!covering.length) { box.appendChild(node); continue; }
      const mark = document.createElement("mark");
      mark.className = covering.map((s) => s.cls).join(" ");
      mark.dataset.start = a;
      const titled = covering.find((s) => s.title);
      if (titled) mark.title = titled.title;
      mark.appendChild(node);
      box.appendChild(mark);
    }
  }
  /** The DOM selection as offsets into the original text, or null. */
  function selectionOffsets() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const box = $("doc-text");
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
    const offsetOf = (node, offset) => {
      if (node.nodeType === Node.TEXT_NODE && state.textStarts.has(node)) return state.textStarts.get(node) + offset;
      // An element boundary: the start of its offset-th child (or the end of the text).
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      const target = node.childNodes[offset];
      let n;
      while ((n = walker.nextNode())) {
        if (target && (target === n || target.contains(n))) return state.textStarts.get(n);
        if (!target && node.contains(n)) { /* keep last */ }
      }
      return state.doc.text.length;
    };
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    return end > start ? { start, end } : null;
  }
  async function createFromSelection() {
    const span = selectionOffsets();
    if (!span) { $("new-event-msg").textContent = t("select_text_first"); return; }
    try {
      const created = await api("/documents/" + encodeURIComponent(state.doc.id) + "/events", { method: "POST",
        body: { type: $("new-type").value, trigger: { start: span.start, end: span.end, text: state.doc.text.slice(span.start, span.end) } } });
      $("new-event-msg").textContent = t("created", { n: created.number });
      state.doc = null;
      location.hash = "#/doc/" + encodeURIComponent(created.document_id) + "/" + created.number;
    } catch (err) { $("new-event-msg").textContent = t("error", { m: err.message }); }
  }

  // -- event review panel -------------------------------------------------------------------------
  const ACTOR_KINDS = ["org", "group", "person"];
  function fillSelect(select, entities, kinds, current) {
    select.replaceChildren();
    const empty = el("option", null, t("none")); empty.value = ""; select.appendChild(empty);
    const seen = new Set();
    for (const ent of entities) {
      if (!kinds.includes(ent.kind) || seen.has(ent.id)) continue;
      seen.add(ent.id);
      const o = el("option", null, entityName(ent)); o.value = ent.id; o.dir = "auto";
      select.appendChild(o);
    }
    if (current && !seen.has(current)) { const o = el("option", null, current); o.value = current; select.appendChild(o); }
    select.value = current || "";
  }
  function renderEventPanel() {
    const panel = $("event-panel");
    const detail = state.event;
    panel.hidden = !detail;
    document.querySelectorAll("#doc-events a").forEach((a) => a.classList.toggle("active", detail && Number(a.dataset.number) === detail.number));
    if (!detail) return;
    const ev = detail.event;
    const entities = [...(state.doc.entities || []), ...Object.values(detail.entities || {})];
    $("ev-title").replaceChildren(t("event_n", { n: detail.number }) + " · " + ev.type + " ", bidi("span", ev.trigger && ev.trigger.text));
    const r = detail.review || {};
    $("ev-status").replaceChildren(statusText(r.status) + (r.user ? " · " : ""), bidi("span", r.user || ""),
      r.duplicate_of ? " · " + t("merged", { n: r.duplicate_of }) : "");
    $("ev-type").value = ev.type || "";
    $("ev-mode").value = ev.mode || "";
    fillSelect($("ev-actor1"), entities, ACTOR_KINDS, ev.actor1);
    fillSelect($("ev-actor2"), entities, ACTOR_KINDS, ev.actor2);
    fillSelect($("ev-place"), entities, ["place"], ev.place);
    $("ev-date").value = (ev.date || "").slice(0, 10);
    $("ev-fatalities").value = ev.fatalities == null ? "" : ev.fatalities;
    $("ev-note").value = "";
    $("ev-msg").textContent = "";
    $("ent-results").replaceChildren();
    renderReadOnly(ev, entities);
    renderAudit(detail.audit || []);
  }
  /** The event's values as text, for those who may not edit it (viewers). */
  function renderReadOnly(ev, entities) {
    const box = $("ev-fields");
    box.hidden = can("reviewer");
    box.replaceChildren();
    if (!box.hidden) {
      const byId = Object.fromEntries(entities.map((e) => [e.id, e]));
      const name = (id) => (id ? (byId[id] ? entityName(byId[id]) : id) : t("none"));
      const rows = [["fld_type", ev.type], ["fld_mode", ev.mode || t("none")], ["fld_actor1", name(ev.actor1)],
        ["fld_actor2", name(ev.actor2)], ["fld_place", name(ev.place)], ["fld_date", (ev.date || "").slice(0, 10) || t("none")],
        ["fld_fatalities", ev.fatalities == null ? t("none") : ev.fatalities]];
      for (const [key, value] of rows) box.append(el("dt", null, t(key)), bidi("dd", value));
    }
  }
  function formChanges() {
    const ev = state.event.event, changes = {};
    const norm = (v) => (v === "" || v === undefined ? null : v);
    const fields = { type: $("ev-type").value.trim().toUpperCase(), mode: $("ev-mode").value.trim(),
      actor1: $("ev-actor1").value, actor2: $("ev-actor2").value, place: $("ev-place").value,
      date: $("ev-date").value, fatalities: $("ev-fatalities").value === "" ? null : Number($("ev-fatalities").value) };
    for (const [k, v] of Object.entries(fields)) {
      const before = k === "date" ? (ev.date || "").slice(0, 10) : ev[k];
      if (norm(v) !== norm(before)) changes[k] = norm(v);
    }
    return changes;
  }
  async function review(status, changes) {
    const number = state.event.number;
    try {
      state.event = await api("/events/" + number + "/review", { method: "POST",
        body: { status, changes: changes || {}, note: $("ev-note").value.trim() || null } });
      state.doc = await api("/documents/" + encodeURIComponent(state.doc.id));
      const keep = state.event;
      await openDocument(state.doc.id, number);
      state.event = state.event || keep;
      $("ev-msg").textContent = t("saved");
    } catch (err) { $("ev-msg").textContent = t("error", { m: err.message }); }
  }
  function saveEdits(e) {
    e.preventDefault();
    const changes = formChanges();
    if (!Object.keys(changes).length) { $("ev-msg").textContent = t("no_changes"); return; }
    review("edited", changes);
  }
  async function mergeInto(e) {
    e.preventDefault();
    const into = Number($("merge-into").value);
    try {
      await api("/events/" + state.event.number + "/merge", { method: "POST", body: { into } });
      state.doc = null;
      await openDocument(state.event.document_id, state.event.number);
      $("ev-msg").textContent = t("merged", { n: into });
    } catch (err) { $("ev-msg").textContent = t("error", { m: err.message }); }
  }
  /** An audited field value; entity ids also show the entity's name, evidence its quoted words. */
  function showValue(v, names, key) {
    if (v === null || v === undefined || v === "") return t("none");
    if (Array.isArray(v) && v.length === 0) return t("none");
    if (typeof v === "object" && Object.keys(v).length === 0) return t("none");
    if ((key === "evidence" || key === "trigger") && typeof v === "object") {
      const spans = Array.isArray(v) ? v : [v];
      if (spans.every((sp) => sp && typeof sp.text === "string")) return spans.map((sp) => "«" + sp.text + "»").join(" ، ");
      return t("spans", { n: spans.length });
    }
    if (Array.isArray(v)) return v.map((x) => showValue(x, names)).join(", ");
    if (typeof v === "object") return JSON.stringify(v);
    if (key === "review_status") return statusText(v);
    return names[v] ? entityName(names[v]) + " [" + v + "]" : String(v);
  }
  function fieldLabel(key) {
    const label = t("fld_" + key);
    return label === "fld_" + key ? key : label;
  }
  function formatTime(iso) {
    const when = new Date(iso);
    if (!iso || Number.isNaN(when.getTime())) return iso || "";
    return new Intl.DateTimeFormat(state.lang === "ar" ? "ar" : "en-GB",
      { dateStyle: "medium", timeStyle: "short" }).format(when);
  }
  function actionLabel(entry) {
    const key = "act_" + String(entry.action || "").replace(/\./g, "_");
    const label = t(key);
    if (label === key) return entry.action || "";
    if (entry.action === "review.merge") {
      const into = entry.after && entry.after.duplicate_of;
      return into ? t("merged_into", { n: into }) : t("received_merge");
    }
    return label;
  }
  function renderAudit(entries) {
    const names = {};
    for (const ent of [...(state.doc.entities || []), ...Object.values(state.event.entities || {})]) names[ent.id] = ent;
    const list = $("ev-audit");
    list.replaceChildren();
    const arrow = state.lang === "ar" ? " ← " : " → ";
    for (const entry of entries) {
      const li = el("li");
      li.dataset.action = entry.action || "";
      const head = el("div", "audit-head");
      const time = el("time", null, formatTime(entry.at));
      time.dateTime = entry.at || ""; time.title = entry.at || "";
      head.append(time, " · ", bidi("bdi", entry.user || "", "audit-user"), " ", el("strong", "audit-action", actionLabel(entry)));
      li.appendChild(head);
      const before = (entry.before && entry.before.event) || {};
      const after = (entry.after && entry.after.event) || {};
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) =>
        (k !== "evidence" || entry.action === "review.merge") && !["acled", "id", "confidence"].includes(k) &&
        showValue(before[k], names, k) !== showValue(after[k], names, k) &&
        // a created event: leave out the defaults (not negated, asserted)
        (entry.before || !((k === "negated" && !after[k]) || (k === "modality" && after[k] === "asserted"))));
      const ul = el("ul", "audit-changes");
      const statusBefore = entry.before && entry.before.review_status, statusAfter = entry.after && entry.after.review_status;
      if (entry.before && statusAfter && statusBefore !== statusAfter) {
        const row = el("li");
        row.append(fieldLabel("review_status") + ": ", el("span", "before", statusText(statusBefore)), arrow,
          el("span", "after", statusText(statusAfter)));
        ul.appendChild(row);
      }
      for (const k of keys) {
        const row = el("li");
        row.dataset.field = k;
        if (!entry.before) {  // a created event: its values, no "before"
          row.append(fieldLabel(k) + ": ", bidi("span", showValue(after[k], names, k), "after"));
        } else {
          row.append(fieldLabel(k) + ": ", bidi("span", showValue(before[k], names, k), "before"), arrow,
            bidi("span", showValue(after[k], names, k), "after"));
        }
        ul.appendChild(row);
      }
      if (entry.after && entry.after.note) {
        const n = el("li", "audit-note"); n.append(t("note") + ": ", bidi("span", entry.after.note)); ul.appendChild(n);
      }
      li.appendChild(ul);
      list.appendChild(li);
    }
  }
  async function searchEntities() {
    const q = $("ent-q").value.trim();
    const out = $("ent-results");
    out.replaceChildren();
    if (!q) return;
    try {
      const found = await api("/entities?" + new URLSearchParams({ q }));
      if (!found.length) out.appendChild(el("li", "muted", t("no_results")));
      for (const ent of found) {
        const li = el("li");
        li.append(bidi("span", entityName(ent)), " (" + ent.kind + ") ");
        const targets = ent.kind === "place" ? [["ev-place", "set_place"]] : [["ev-actor1", "set_actor1"], ["ev-actor2", "set_actor2"]];
        for (const [id, label] of targets) {
          const b = el("button", "small", t(label)); b.type = "button";
          b.addEventListener("click", () => {
            const select = $(id);
            if (![...select.options].some((o) => o.value === ent.id)) {
              const o = el("option", null, entityName(ent)); o.value = ent.id; select.appendChild(o);
            }
            select.value = ent.id;
          });
          li.appendChild(b);
        }
        out.appendChild(li);
      }
    } catch (err) { report(err); }
  }

  // -- events list --------------------------------------------------------------------------------
  async function loadEvents() {
    const data = await api("/events?" + filterParams({ limit: state.pageSize, offset: state.evOffset }));
    $("ev-total").textContent = t("events_total", { n: data.total });
    const body = $("ev-rows");
    body.replaceChildren();
    for (const ev of data.events) {
      const tr = el("tr", "clickable");
      tr.dataset.number = ev.number;
      const cell = (...nodes) => { const td = el("td"); td.append(...nodes); tr.appendChild(td); };
      const link = el("a", null, "#" + ev.number);
      link.href = "#/doc/" + encodeURIComponent(ev.document_id) + "/" + ev.number;
      cell(link);
      cell(ev.type + (ev.acled_event_type ? " · " + ev.acled_event_type : ""));
      cell(bidi("span", ev.date || ev.sort_date || ""));
      cell(bidi("span", entityName(ev.actor1)), " → ", bidi("span", ev.actor2 ? entityName(ev.actor2) : t("none")));
      cell(bidi("span", ev.place ? entityName(ev.place) : t("none")));
      cell(bidi("span", ev.trigger || ""));
      cell(statusText(ev.review_status));
      tr.addEventListener("click", () => { location.hash = link.getAttribute("href"); });
      body.appendChild(tr);
    }
    $("ev-prev").disabled = state.evOffset === 0;
    $("ev-next").disabled = state.evOffset + state.pageSize >= data.total;
  }

  // -- map ----------------------------------------------------------------------------------------
  async function loadMap() {
    if (!state.map) {
      L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";
      state.map = L.map("map", { minZoom: 2, maxZoom: 10, worldCopyJump: true }).setView([34.8, 38.5], 5);
      const base = { color: "#7a8a99", weight: 0.8, fillColor: "#eef1ec", fillOpacity: 1 };
      const countries = await fetch("/static/geo/countries.geojson").then((r) => r.json());
      L.geoJSON(countries, { style: base, interactive: false }).addTo(state.map);
      fetch("/static/geo/admin1.geojson").then((r) => r.json()).then((admin1) => {
        state.admin1 = L.geoJSON(admin1, { style: { color: "#a9b4bd", weight: 0.5, fill: false }, interactive: false });
        const toggle = () => {
          if (state.map.getZoom() >= 5) state.admin1.addTo(state.map); else state.admin1.remove();
        };
        state.map.on("zoomend", toggle); toggle();
      });
      state.clusters = L.markerClusterGroup();
      state.map.addLayer(state.clusters);
    }
    state.map.invalidateSize();
    const data = await api("/map?" + filterParams());
    state.clusters.clearLayers();
    const markers = data.points.map((p) => {
      const popup = el("div", "popup");
      popup.append(el("strong", null, "#" + p.number + " " + p.type), el("br"), bidi("span", p.date || ""), el("br"),
        bidi("span", entityName(p.place)), el("br"));
      const a = el("a", null, t("open_event")); a.href = "#/event/" + p.number; popup.append(a);
      return L.marker([p.lat, p.lon]).bindPopup(popup);
    });
    state.clusters.addLayers(markers);
    if (markers.length) state.map.fitBounds(state.clusters.getBounds(), { maxZoom: 7, padding: [30, 30] });
  }
  function toggleTiles() {
    if ($("online-tiles").checked) {
      state.tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 10, attribution: "© OpenStreetMap contributors" }).addTo(state.map);
    } else if (state.tiles) { state.tiles.remove(); state.tiles = null; }
  }

  // -- timeline -----------------------------------------------------------------------------------
  function colourOf(type) {
    if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
    let h = 0; for (const c of type) h = (h * 31 + c.charCodeAt(0)) % 360;
    return "hsl(" + h + ",55%,45%)";
  }
  async function loadTimeline() {
    const rows = await api("/timeline?" + filterParams());
    const NS = "http://www.w3.org/2000/svg";
    const days = [...new Set(rows.map((r) => r.date))].sort();
    const types = [...new Set(rows.map((r) => r.type))].sort();
    const perDay = Object.fromEntries(days.map((d) => [d, rows.filter((r) => r.date === d)]));
    const max = Math.max(1, ...days.map((d) => perDay[d].reduce((s, r) => s + r.count, 0)));
    const W = Math.max(600, days.length * 28 + 60), H = 260, top = 10, bottom = 60, left = 40;
    const bw = Math.max(8, Math.min(40, (W - left - 10) / Math.max(1, days.length) - 4));
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", W); svg.setAttribute("height", H);
    const axis = document.createElementNS(NS, "line");
    for (const [k, v] of Object.entries({ x1: left, x2: W - 5, y1: H - bottom, y2: H - bottom, stroke: "#555" })) axis.setAttribute(k, v);
    svg.appendChild(axis);
    const maxLabel = document.createElementNS(NS, "text");
    maxLabel.setAttribute("x", 4); maxLabel.setAttribute("y", top + 10); maxLabel.textContent = String(max);
    svg.appendChild(maxLabel);
    days.forEach((day, i) => {
      const x = left + 4 + i * (bw + 4);
      let y = H - bottom;
      const g = document.createElementNS(NS, "g");
      g.setAttribute("class", "bar"); g.dataset.date = day;
      for (const r of perDay[day]) {
        const h = (r.count / max) * (H - top - bottom);
        y -= h;
        const rect = document.createElementNS(NS, "rect");
        for (const [k, v] of Object.entries({ x, y, width: bw, height: h, fill: colourOf(r.type) })) rect.setAttribute(k, v);
        const title = document.createElementNS(NS, "title");
        title.textContent = day + " · " + r.type + ": " + r.count;
        rect.appendChild(title); g.appendChild(rect);
      }
      const label = document.createElementNS(NS, "text");
      label.setAttribute("transform", "translate(" + (x + bw / 2) + "," + (H - bottom + 8) + ") rotate(60)");
      label.setAttribute("class", "day"); label.textContent = day;
      g.appendChild(label);
      g.addEventListener("click", () => { $("f-from").value = day; $("f-to").value = day; refreshView(); });
      svg.appendChild(g);
    });
    $("timeline").replaceChildren(svg);
    const legend = $("timeline-legend");
    legend.replaceChildren();
    for (const type of types) {
      const sw = el("span", "swatch"); sw.style.backgroundColor = colourOf(type);
      const item = el("span", "legend-item"); item.append(sw, " " + type); legend.appendChild(item);
    }
    if (!days.length) legend.appendChild(el("span", "muted", t("no_results")));
  }

  // -- actor graph --------------------------------------------------------------------------------
  async function loadGraph() {
    const data = await api("/graph?" + filterParams());
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: entityName(n) + " (" + n.events + ")", weight: n.events } })),
      ...data.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target,
        label: e.type + " ×" + e.events, colour: colourOf(e.type), width: 1 + Math.min(8, e.events) } })),
    ];
    if (state.graph) state.graph.destroy();
    state.graph = cytoscape({
      container: $("graph"), elements, wheelSensitivity: 0.3, maxZoom: 1.3, minZoom: 0.2,
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#34495e", "font-size": 18,
          width: "mapData(weight, 1, 10, 30, 80)", height: "mapData(weight, 1, 10, 30, 80)", "text-valign": "bottom", "text-margin-y": 6 } },
        { selector: "edge", style: { label: "data(label)", width: "data(width)", "line-color": "data(colour)",
          "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier",
          "font-size": 14, "text-rotation": "autorotate", "control-point-step-size": 60,
          "text-background-color": "#fff", "text-background-opacity": 0.85 } },
      ],
      layout: data.nodes.length <= 15
        ? { name: "circle", animate: false, padding: 80, spacingFactor: 1.2 }
        : { name: "cose", animate: false, padding: 40, nodeRepulsion: 400000, idealEdgeLength: 140 },
    });
    state.graph.on("tap", "node", (e) => { $("f-actor").value = e.target.id(); refreshView(); });
  }

  // -- upload (reviewers and admins) --------------------------------------------------------------
  async function loadUpload() { $("upload-msg").textContent = ""; }
  async function upload(e) {
    e.preventDefault();
    const files = $("upload-files").files;
    if (!files || !files.length) return;
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    $("upload-submit").disabled = true;
    $("upload-msg").textContent = t("uploading");
    $("upload-result").hidden = true;
    try {
      const result = await api("/ingest", { method: "POST", body: form });
      $("upload-msg").textContent = "";
      renderUpload(result);
      $("upload-form").reset();
    } catch (err) {
      if (err.status === 401) { report(err); return; }
      $("upload-msg").textContent = t("error", { m: err.message });
    } finally { $("upload-submit").disabled = false; }
  }
  function renderUpload(result) {
    const counts = $("upload-counts");
    counts.replaceChildren();
    const refused = result.refused || [];
    for (const [key, value, cls] of [["up_files", result.files], ["up_read", result.read], ["up_stored", result.stored, "up-stored"],
      ["up_already", result.already_stored], ["up_refused_n", refused.length, refused.length ? "up-refused" : ""]]) {
      const dd = el("dd", cls || null, String(value ?? 0));
      dd.dataset.count = key;
      counts.append(el("dt", null, t(key)), dd);
    }
    const list = $("upload-refused");
    list.replaceChildren(...refused.map((reason) => bidi("li", reason)));  // file names come from the uploader
    $("upload-refused-h").hidden = !refused.length;
    const docs = $("upload-docs");
    docs.replaceChildren();
    for (const id of result.document_ids || []) {
      const a = el("a", "chip"); a.href = "#/doc/" + encodeURIComponent(id); a.appendChild(bidi("span", id));
      const li = el("li"); li.appendChild(a); docs.appendChild(li);
    }
    $("upload-docs-h").hidden = !docs.children.length;
    $("upload-result").hidden = false;
  }

  // -- users (admins) -----------------------------------------------------------------------------
  async function loadUsers() {
    const users = await api("/users");
    const body = $("user-rows");
    body.replaceChildren();
    for (const u of users) {
      const tr = el("tr");
      tr.dataset.name = u.name;
      const cell = (...nodes) => { const td = el("td"); td.append(...nodes); tr.appendChild(td); return td; };
      cell(bidi("span", u.name));
      const role = el("select", "user-role");
      for (const r of ["viewer", "reviewer", "admin"]) { const o = el("option", null, roleName(r)); o.value = r; role.appendChild(o); }
      role.value = u.role;
      role.setAttribute("aria-label", t("role"));
      role.addEventListener("change", () => changeUser(u.name, { role: role.value }, t("role_changed", { u: u.name })));
      cell(role);
      cell(formatTime(u.created_at));
      cell(String(u.tokens ?? 0));
      cell(el("span", u.disabled ? "user-off" : "user-on", t(u.disabled ? "disabled" : "enabled")));
      const toggle = el("button", "small user-toggle", t(u.disabled ? "enable" : "disable")); toggle.type = "button";
      toggle.addEventListener("click", () => changeUser(u.name, { disabled: !u.disabled }));
      const token = el("button", "small user-token", t("new_token")); token.type = "button";
      token.addEventListener("click", () => issueToken(u.name));
      const actions = cell(toggle, " ", token);
      actions.className = "user-actions";
      body.appendChild(tr);
    }
  }
  async function changeUser(name, patch, message) {
    try {
      await api("/users/" + encodeURIComponent(name), { method: "PATCH", body: patch });
      await loadUsers();
      $("users-msg").textContent = message || t("saved");
    } catch (err) { $("users-msg").textContent = t("error", { m: err.message }); loadUsers().catch(report); }
  }
  async function issueToken(name) {
    try {
      const made = await api("/users/" + encodeURIComponent(name) + "/tokens", { method: "POST", body: { label: "web" } });
      $("token-box").querySelector("p").textContent = t("token_once", { u: name });
      $("token-value").textContent = made.token;
      $("token-box").hidden = false;
      $("users-msg").textContent = "";
      await loadUsers();
    } catch (err) { $("users-msg").textContent = t("error", { m: err.message }); }
  }
  async function copyToken() {
    const range = document.createRange();
    range.selectNodeContents($("token-value"));
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    try {
      await navigator.clipboard.writeText($("token-value").textContent);
      $("users-msg").textContent = t("copied");
    } catch (err) { /* the token is selected: Ctrl+C copies it */ }
  }
  async function addUser(e) {
    e.preventDefault();
    const name = $("new-user-name").value.trim();
    try {
      await api("/users", { method: "POST",
        body: { name, password: $("new-user-password").value, role: $("new-user-role").value } });
      $("user-form").reset();
      await loadUsers();
      $("users-msg").textContent = t("user_added", { u: name });
    } catch (err) { $("users-msg").textContent = t("error", { m: err.message }); }
  }

  // -- wiring -------------------------------------------------------------------------------------
  function init() {
    applyLanguage();
    for (const type of PLOVER) {
      const o = el("option"); o.value = type; $("type-list").appendChild(o);
      const n = el("option", null, type); n.value = type; $("new-type").appendChild(n);
    }
    $("new-type").value = "ASSAULT";
    $("lang-toggle").addEventListener("click", toggleLanguage);
    $("login-form").addEventListener("submit", signIn);
    $("signout").addEventListener("click", signOut);
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); refreshView(); });
    $("f-clear").addEventListener("click", () => { $("filters").reset(); refreshView(); });
    $("x-reviewed").addEventListener("change", updateExports);
    $("filters").addEventListener("change", updateExports);
    $("doc-prev").addEventListener("click", () => { state.docOffset = Math.max(0, state.docOffset - state.pageSize); loadDocuments().catch(report); });
    $("doc-next").addEventListener("click", () => { state.docOffset += state.pageSize; loadDocuments().catch(report); });
    $("ev-prev").addEventListener("click", () => { state.evOffset = Math.max(0, state.evOffset - state.pageSize); loadEvents().catch(report); });
    $("ev-next").addEventListener("click", () => { state.evOffset += state.pageSize; loadEvents().catch(report); });
    $("new-event").addEventListener("click", createFromSelection);
    $("ev-accept").addEventListener("click", () => review("accepted"));
    $("ev-reject").addEventListener("click", () => review("rejected"));
    $("ev-form").addEventListener("submit", saveEdits);
    $("merge-form").addEventListener("submit", mergeInto);
    $("ent-go").addEventListener("click", searchEntities);
    $("ent-q").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); searchEntities(); } });
    $("online-tiles").addEventListener("change", toggleTiles);
    $("upload-form").addEventListener("submit", upload);
    $("user-form").addEventListener("submit", addUser);
    $("token-copy").addEventListener("click", copyToken);
    window.addEventListener("hashchange", route);
    api("/session").then(showApp, () => showLogin());
  }
  document.addEventListener("DOMContentLoaded", init);
})();
