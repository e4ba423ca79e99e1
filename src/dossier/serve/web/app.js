// dossier's page: plain JavaScript over the JSON API of the same server.
// Text from the database is only ever set with textContent, never parsed as HTML.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD_LABELS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
// Network layout: a fixed number of force steps from a fixed start, so the same data draws the same picture.
const LAYOUT_STEPS = 300;
const LIST_LIMIT = 50;
const STORY_LIMIT = 20;
const ONE_DAY = 86_400_000;

// focus: the actor every view is restricted to (a CAMEO code, or a name without one), with its label.
const state = {
  search: "",
  focus: null,
  top: 25,
  since: "",
  until: "",
  coder: "", // "pattern": leave out the learned fallback's guesses
  articles: new Map(),
  span: null,
  tones: null,
};

// ------------------------------------------------------------------ helpers

function $(id) {
  return document.getElementById(id);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "className") node.className = value;
    else if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function quadClass(value) {
  return value >= 1 && value <= 4 ? `q${value}` : "q0";
}

function relationOf(value) {
  return value === 1 || value === 2 ? "cooperation" : value === 3 || value === 4 ? "conflict" : "unknown";
}

// The filters every event view shares: the search, the focused actor and the graph's time window.
function eventFilters(extra = {}) {
  return {
    search: state.search,
    actor: state.focus && state.focus.value,
    since: state.since,
    until: state.until,
    coder: state.coder,
    ...extra,
  };
}

function showError(error) {
  const box = $("error");
  if (!error) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.hidden = false;
  box.textContent = error.message || String(error);
}

function actorKey(actor) {
  return `${(actor && actor.code) || ""}|${(actor && actor.name) || ""}`;
}

function actorLabel(actor) {
  if (!actor) return "?";
  return actor.code ? `${actor.name} (${actor.code})` : actor.name;
}

function clickable(item, onActivate) {
  item.tabIndex = 0;
  item.classList.add("clickable");
  item.addEventListener("click", onActivate);
  item.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onActivate();
    }
  });
  return item;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function emptyNote(list, text) {
  list.replaceChildren(el("li", { className: "empty" }, text));
}

// ------------------------------------------------------------------ loading

async function loadAll() {
  showError(null);
  const search = state.search || undefined;
  const started = performance.now();
  const jobs = [
    loadStats(),
    loadArticles(search),
    loadActors(search),
    loadNetwork(),
    loadTimeline(),
    loadMap(),
    loadStances(search),
    loadStories(search),
    loadQuotes(search),
  ];
  const results = await Promise.allSettled(jobs);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) showError(failed.reason);
  // How long the views took to draw, read by the browser test.
  document.body.dataset.drawnMs = String(Math.round(performance.now() - started));
  document.body.dataset.loaded = "true";
}

// Restricts every view to one actor (null: all actors) and redraws them.
function setFocus(focus) {
  state.focus = focus;
  $("focus-bar").hidden = !focus;
  $("focus-name").textContent = focus ? focus.label : "";
  document.body.dataset.loaded = "false";
  loadAll();
}

async function loadStats() {
  const stats = await api("/api/stats");
  const c = stats.counts;
  $("stats").textContent =
    `${c.articles} reports · ${c.mentions} mentions · ${c.quotes} quotes · ${c.events} events · ` +
    `${c.stances} stances · ${c.links} links${stats.read_only ? " · read-only" : ""}`;
}

async function loadArticles(search) {
  const page = await api("/api/views/reports", { q: search, actor: state.focus && state.focus.value, limit: LIST_LIMIT });
  $("articles-count").textContent = `${page.total}`;
  const list = $("articles");
  if (!page.items.length) return emptyNote(list, search ? "No report matches." : "No reports stored yet.");
  list.replaceChildren(
    ...page.items.map((article) =>
      clickable(
        el(
          "li",
          { "data-article": article.id },
          el("span", { className: "title" }, article.title || article.name || article.id),
          el("span", { className: "meta" }, [article.published, article.outlet].filter(Boolean).join(" · ")),
          snippet(article.snippet || ""),
        ),
        () => selectArticle(article),
      ),
    ),
  );
}

// FTS snippets mark matches with « and »: shown in bold, built as text nodes.
function snippet(text) {
  const node = el("span", { className: "snippet" });
  const parts = text.split(/[«»]/);
  parts.forEach((part, index) => node.append(index % 2 ? el("b", {}, part) : part));
  return node;
}

async function loadActors(search) {
  const page = await api("/api/actors", { search, name: state.focus && state.focus.value, limit: LIST_LIMIT });
  $("actors-count").textContent = `${page.total}`;
  const list = $("actors");
  if (!page.items.length) return emptyNote(list, "No actors found yet.");
  list.replaceChildren(
    ...page.items.map((actor) =>
      clickable(
        el(
          "li",
          { "data-actor": actorKey(actor) },
          el("span", { className: "title" }, actor.name || actor.code || "?"),
          el("span", { className: "code" }, actor.code || "unknown"),
          el("span", { className: "meta" }, `${plural(actor.mention_count, "mention")} in ${plural(actor.article_count, "report")}`),
        ),
        () => selectActor(actor),
      ),
    ),
  );
}

async function loadQuotes(search) {
  const page = await api("/api/quotes", { search, speaker: state.focus && state.focus.value, limit: LIST_LIMIT });
  $("quotes-count").textContent = `${page.total}`;
  const list = $("quotes");
  if (!page.items.length) return emptyNote(list, "No quotes found yet.");
  // A quote opens as the evidence list's only item, so the evidence title always names what is shown.
  list.replaceChildren(
    ...page.items.map((quote) => {
      const evidence = quoteEvidence(quote);
      return evidenceItem(evidence, () => showEvidenceList(`Quote of ${evidence.label}`, [evidence]));
    }),
  );
}

// ------------------------------------------------------------------ evidence

function quoteEvidence(quote) {
  const marks = quote.kind === "direct" ? ["“", "”"] : ["", ""];
  return {
    kind: "quote",
    label: quote.speaker ? quote.speaker.name : "unknown speaker",
    text: `${marks[0]}${quote.text}${marks[1]}`,
    meta: `${quote.kind} quote · ${quote.cue || ""} · ${quote.article_title || ""}`,
    record: quote,
  };
}

function eventEvidence(event) {
  const target = event.target ? event.target.name : "—";
  return {
    kind: "event",
    label: `${event.source.name} → ${target}`,
    text: event.sentence,
    meta: [
      `CAMEO ${event.code}`,
      QUAD_LABELS[event.quad_class] || "unknown class",
      event.date || "undated",
      ...(event.flags || []),
      // Coded by the learned fallback, not a lexicon pattern: a guess, wrong more often (docs/events.md).
      ...(event.coder === "learned" ? ["learned guess"] : []),
    ].join(" · "),
    record: event,
  };
}

function stanceEvidence(stance) {
  return {
    kind: "stance",
    label: `${stance.actor.name} ${stance.polarity === "support" ? "supports" : "opposes"} ${stance.issue}`,
    text: stance.evidence,
    meta: `strength ${stance.strength} · ${stance.article_title || ""}`,
    record: stance,
  };
}

function mentionEvidence(mention) {
  return {
    kind: "mention",
    label: mention.text,
    text: `${mention.kind} mention of ${mention.actor.name}`,
    meta: mention.article_title || "",
    record: mention,
  };
}

function evidenceItem(evidence, onActivate) {
  const item = el(
    "li",
    { className: `evidence ${evidence.kind}`, "data-kind": evidence.kind },
    el("span", { className: "title" }, evidence.label),
    el("span", { className: "text" }, evidence.text),
    el("span", { className: "meta" }, evidence.meta),
  );
  return clickable(item, onActivate || (() => showEvidence(evidence, item)));
}

function showEvidenceList(title, evidences) {
  $("evidence-title").textContent = title;
  const list = $("evidence");
  if (!evidences.length) {
    emptyNote(list, "Nothing stored for this selection.");
    return;
  }
  const items = evidences.map((evidence) => evidenceItem(evidence));
  list.replaceChildren(...items);
  showEvidence(evidences[0], items[0]);
}

async function showEvidence(evidence, item) {
  for (const other of document.querySelectorAll("li.selected")) other.classList.remove("selected");
  if (item) item.classList.add("selected");
  const record = evidence.record;
  try {
    await openArticle(record.article_id, record.start, record.end, record.sentence || null);
  } catch (error) {
    showError(error);
  }
}

async function selectArticle(article) {
  try {
    const records = await api(`/api/articles/${encodeURIComponent(article.id)}/records`);
    const title = article.title || article.name || article.id;
    const evidences = [
      ...records.quotes.map(quoteEvidence),
      ...records.events.map(eventEvidence),
      ...records.stances.map(stanceEvidence),
    ];
    if (evidences.length) showEvidenceList(title, evidences);
    else {
      $("evidence-title").textContent = title;
      emptyNote($("evidence"), "No quotes, events or stances found in this report.");
      await openArticle(article.id);
    }
  } catch (error) {
    showError(error);
  }
}

async function selectActor(actor) {
  try {
    const found = await api("/api/actors/evidence", { code: actor.code, name: actor.name, search: state.search });
    showEvidenceList(actor.label || actorLabel(actor), [
      ...found.quotes.map(quoteEvidence),
      ...found.events.map(eventEvidence),
      ...found.stances.map(stanceEvidence),
      ...found.mentions.map(mentionEvidence),
    ]);
    for (const node of document.querySelectorAll("#actors [data-actor]")) {
      node.classList.toggle("active", node.dataset.actor === actorKey(actor));
    }
  } catch (error) {
    showError(error);
  }
}

// ------------------------------------------------------------------ the article reader

async function fetchArticle(id) {
  if (!state.articles.has(id)) state.articles.set(id, await api(`/api/articles/${encodeURIComponent(id)}`));
  return state.articles.get(id);
}

// Shows the article; [start, end) is marked and the sentence around it, when found, is shaded.
async function openArticle(id, start, end, sentence) {
  const article = await fetchArticle(id);
  const text = article.text;
  $("article-title").textContent = article.title || article.name || article.id;
  $("article-meta").textContent = [article.published, article.outlet, article.url].filter(Boolean).join(" · ");
  const body = $("article-text");
  if (start === undefined || end === undefined || start === null || end === null) {
    state.span = null;
    $("article-actions").hidden = true;
    body.replaceChildren(text);
    body.scrollTop = 0;
    return;
  }
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  let sentenceStart = from;
  let sentenceEnd = to;
  if (sentence) {
    const at = text.lastIndexOf(sentence, from);
    if (at !== -1 && at + sentence.length >= to) {
      sentenceStart = at;
      sentenceEnd = at + sentence.length;
    }
  }
  const mark = el("mark", { "data-start": String(from), "data-end": String(to) }, text.slice(from, to));
  const around = el(
    "span",
    { className: "sentence" },
    text.slice(sentenceStart, from),
    mark,
    text.slice(to, sentenceEnd),
  );
  body.replaceChildren(text.slice(0, sentenceStart), around, text.slice(sentenceEnd));
  state.span = { id, start: sentenceStart, end: sentenceEnd };
  $("article-actions").hidden = false;
  mark.scrollIntoView({ block: "nearest" });
}

// ------------------------------------------------------------------ actor network

async function loadNetwork() {
  const network = await api("/api/views/graph", { ...eventFilters({ actor: undefined }), top: state.top });
  $("graph-count").textContent =
    `${network.nodes.length} of ${network.actors} actors · ${network.edges.length} of ${network.edges_total} links`;
  drawNetwork($("network"), network);
  // First meaningful paint: the first graph drawn, in ms since navigation began (read by the browser test).
  if (!document.body.dataset.graphMs) document.body.dataset.graphMs = String(Math.round(performance.now()));
}

function drawNetwork(canvas, network) {
  const width = 640;
  const height = 400;
  canvas.replaceChildren(arrowMarkers());
  if (!network.nodes.length) {
    canvas.append(placeholder(width, height, "No events in this selection."));
    return;
  }
  const positions = layout(network.nodes, network.edges, width, height);
  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  const maxCount = Math.max(...network.edges.map((edge) => edge.count), 1);
  const pairs = new Map();
  for (const edge of network.edges) {
    const pair = [edge.source, edge.target].sort().join("→");
    const index = pairs.get(pair) || 0;
    pairs.set(pair, index + 1);
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    const path = svg("path", {
      d: curve(positions.get(edge.source), positions.get(edge.target), index, edge.source < edge.target, radius(to) + 2),
      class: `edge ${edge.relation} ${quadClass(edge.quad_class)}`,
      "stroke-width": (1 + 5 * Math.sqrt(edge.count / maxCount)).toFixed(2),
      "marker-end": `url(#arrow-${quadClass(edge.quad_class)})`,
      tabindex: "0",
    });
    const title = svg("title");
    title.textContent = `${from.name} → ${to.name}: ${edge.count} ${QUAD_LABELS[edge.quad_class] || "unclassified"}`;
    path.append(title);
    path.addEventListener("click", () => selectEdge(from, to, edge.quad_class));
    canvas.append(path);
  }
  const measure = textWidth(canvas);
  const labels = placeLabels(network.nodes, positions, width, height, measure);
  measure.done();
  for (const node of network.nodes) {
    const at = positions.get(node.id);
    const active = state.focus && state.focus.value === (node.code || node.name);
    const group = svg("g", {
      class: `node${active ? " active" : ""}`,
      tabindex: "0",
      "data-actor": node.id,
      transform: `translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`,
    });
    group.append(svg("circle", { r: String(radius(node)) }));
    const title = svg("title");
    title.textContent = `${node.label} (${node.code || "no code"}): ${plural(node.events, "event")}`;
    group.append(title);
    const place = labels.get(node.id);
    if (place) {
      const label = svg("text", { x: place.dx.toFixed(1), y: place.dy.toFixed(1), "text-anchor": place.anchor });
      label.textContent = node.label;
      group.append(label);
    }
    const focus = () => focusOnNode(node);
    group.addEventListener("click", focus);
    group.addEventListener("keydown", (event) => event.key === "Enter" && focus());
    canvas.append(group);
  }
}

function focusOnNode(node) {
  const value = node.code || node.name;
  if (state.focus && state.focus.value === value) return setFocus(null);
  setFocus({ value, label: node.code ? `${node.label} (${node.code})` : node.label });
  selectActor({ code: node.code, name: node.code ? null : node.name, label: node.label });
}

function radius(node) {
  return 5 + Math.min(13, 2 * Math.sqrt(node.events));
}

// Each label goes below, above, right or left of its node, wherever it overlaps no label nor node drawn
// before it; biggest nodes first. A label that fits nowhere is left out (the node's tooltip names it).
function placeLabels(nodes, positions, width, height, measure) {
  const taken = nodes.map((node) => {
    const at = positions.get(node.id);
    const r = radius(node);
    return { x1: at.x - r, y1: at.y - r, x2: at.x + r, y2: at.y + r };
  });
  const placed = new Map();
  const order = [...nodes].sort((a, b) => b.events - a.events);
  for (const node of order) {
    const at = positions.get(node.id);
    const r = radius(node);
    // Glyphs can overhang their advance width a little: a unit more on each side keeps drawn boxes apart.
    const w = measure(node.label) + 2;
    // Boxes of the glyph cells with their halo: 13.5 units above the baseline and 5.5 below it.
    const options = [
      { dx: 0, dy: r + 14, anchor: "middle", box: [-w / 2 - 2, r + 0.5, w / 2 + 2, r + 19.5] },
      { dx: 0, dy: -r - 6, anchor: "middle", box: [-w / 2 - 2, -r - 19.5, w / 2 + 2, -r - 0.5] },
      { dx: r + 4, dy: 4, anchor: "start", box: [r + 2, -9.5, r + 6 + w, 9.5] },
      { dx: -r - 4, dy: 4, anchor: "end", box: [-r - 6 - w, -9.5, -r - 2, 9.5] },
    ];
    for (const option of options) {
      const box = { x1: at.x + option.box[0], y1: at.y + option.box[1], x2: at.x + option.box[2], y2: at.y + option.box[3] };
      const inside = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= width && box.y2 <= height;
      if (inside && !taken.some((other) => overlap(box, other))) {
        taken.push(box);
        placed.set(node.id, option);
        break;
      }
    }
  }
  return placed;
}

// Measures labels in the font of `.node text` with a hidden probe; `done` takes the probe away.
function textWidth(canvas) {
  const probe = svg("text", { class: "label-probe", visibility: "hidden" });
  canvas.append(probe);
  const measure = (text) => {
    probe.textContent = text;
    return probe.getComputedTextLength();
  };
  measure.done = () => probe.remove();
  return measure;
}

function overlap(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

// Arrowheads of a fixed size in the drawing's units, whatever the edge's width.
function arrowMarkers() {
  const defs = svg("defs");
  for (const quad of ["q0", "q1", "q2", "q3", "q4"]) {
    const marker = svg("marker", {
      id: `arrow-${quad}`,
      viewBox: "0 0 10 10",
      refX: "10",
      refY: "5",
      markerUnits: "userSpaceOnUse",
      markerWidth: "8",
      markerHeight: "8",
      orient: "auto",
    });
    marker.append(svg("path", { d: "M0,1 L10,5 L0,9 z", class: `arrow ${quad}` }));
    defs.append(marker);
  }
  return defs;
}

function placeholder(width, height, text) {
  const note = svg("text", { x: String(width / 2), y: String(height / 2), "text-anchor": "middle", class: "placeholder" });
  note.textContent = text;
  return note;
}

// A curved arrow from a to b, bent more for each further edge between the same two actors;
// it stops `gap` short of b so the arrowhead touches the target's circle.
function curve(a, b, index, forward, gap) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = (forward ? 1 : -1) * (10 + 12 * index);
  const mx = (a.x + b.x) / 2 - (dy / length) * bend;
  const my = (a.y + b.y) / 2 + (dx / length) * bend;
  const toControl = Math.hypot(b.x - mx, b.y - my) || 1;
  const tx = b.x - ((b.x - mx) / toControl) * gap;
  const ty = b.y - ((b.y - my) / toControl) * gap;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
}

// Force-directed layout: nodes repel, edges pull, a weak pull to the centre keeps parts together.
function layout(nodes, edges, width, height) {
  const points = nodes.map((node, index) => {
    const angle = (2 * Math.PI * index) / nodes.length;
    return { id: node.id, x: Math.cos(angle) * 100, y: Math.sin(angle) * 100, vx: 0, vy: 0 };
  });
  const byId = new Map(points.map((point) => [point.id, point]));
  // More actors, shorter ideal links: they must all fit the same drawing.
  const ideal = Math.max(70, Math.min(120, 560 / Math.sqrt(nodes.length)));
  for (let step = 0; step < LAYOUT_STEPS; step++) {
    const cooling = 1 - step / LAYOUT_STEPS;
    for (const p of points) {
      p.vx = -p.x * 0.02;
      p.vy = -p.y * 0.02;
      for (const q of points) {
        if (p === q) continue;
        const dx = p.x - q.x;
        const dy = p.y - q.y;
        const distance = Math.max(Math.hypot(dx, dy), 1);
        const push = (ideal * ideal) / distance / distance;
        p.vx += (dx / distance) * push;
        p.vy += (dy / distance) * push;
      }
    }
    for (const edge of edges) {
      const a = byId.get(edge.source);
      const b = byId.get(edge.target);
      if (!a || !b || a === b) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const distance = Math.max(Math.hypot(dx, dy), 1);
      const pull = (distance - ideal) / distance / 4 / Math.max(1, edges.length / nodes.length);
      a.vx += dx * pull;
      a.vy += dy * pull;
      b.vx -= dx * pull;
      b.vy -= dy * pull;
    }
    for (const p of points) {
      p.x += Math.max(-20, Math.min(20, p.vx)) * cooling;
      p.y += Math.max(-20, Math.min(20, p.vy)) * cooling;
    }
  }
  return fit(points, width, height, 50);
}

function fit(points, width, height, margin) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const spanX = Math.max(...xs) - Math.min(...xs) || 1;
  const spanY = Math.max(...ys) - Math.min(...ys) || 1;
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY, 2);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const placed = new Map();
  for (const p of points) {
    placed.set(p.id, { x: width / 2 + (p.x - cx) * scale, y: height / 2 + (p.y - cy) * scale });
  }
  return placed;
}

async function selectEdge(from, to, quadClassValue) {
  try {
    const page = await api("/api/views/events", {
      ...eventFilters({ actor: undefined }),
      source: from.code || from.name,
      target: to.code || to.name,
      quad_class: quadClassValue,
      limit: LIST_LIMIT,
    });
    // The filters match code prefixes; keep the events of exactly these two actors.
    const same = (actor, node) => (node.code ? actor.code === node.code : !actor.code && actor.name === node.name);
    const exact = page.items.filter((event) => same(event.source, from) && event.target && same(event.target, to));
    showEvidenceList(`${from.label} → ${to.label}`, exact.map(eventEvidence));
  } catch (error) {
    showError(error);
  }
}

// ------------------------------------------------------------------ timeline

async function loadTimeline() {
  const timeline = await api("/api/views/timeline", eventFilters());
  drawTimeline($("timeline"), timeline);
  await loadTone();
}

function dayOf(value) {
  if (!value) return null;
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  if (!year) return null;
  return Date.UTC(year, (month || 1) - 1, day || 1);
}

// Days, weeks or months, whichever gives at most about 80 columns.
function bucketing(first, last) {
  const days = (last - first) / ONE_DAY;
  if (days <= 80) return { name: "day", start: (day) => day, next: (day) => day + ONE_DAY };
  if (days <= 560) {
    const monday = (day) => day - ((new Date(day).getUTCDay() + 6) % 7) * ONE_DAY;
    return { name: "week", start: monday, next: (day) => day + 7 * ONE_DAY };
  }
  const month = (day) => Date.UTC(new Date(day).getUTCFullYear(), new Date(day).getUTCMonth(), 1);
  return { name: "month", start: month, next: (day) => Date.UTC(new Date(day).getUTCFullYear(), new Date(day).getUTCMonth() + 1, 1) };
}

function isoDay(stamp) {
  return new Date(stamp).toISOString().slice(0, 10);
}

// The dates the axis spans: all of them, unless a few stray far out (an event dated years before the
// reports about it). Then the axis spans the middle 96% of the events and the rest are shown apart.
const STRAY_SHARE = 0.02;
function coreRange(days) {
  const sorted = [...days].sort((a, b) => a.stamp - b.stamp);
  const total = sorted.reduce((sum, row) => sum + row.count, 0);
  const at = (share) => {
    let seen = 0;
    for (const row of sorted) {
      seen += row.count;
      if (seen > share * total) return row.stamp;
    }
    return sorted[sorted.length - 1].stamp;
  };
  const first = sorted[0].stamp;
  const last = sorted[sorted.length - 1].stamp;
  const low = at(STRAY_SHARE);
  const high = at(1 - STRAY_SHARE);
  // Worth it only when the strays would squeeze the rest into under a third of the axis.
  if (last - first <= 3 * Math.max(high - low, 30 * ONE_DAY)) return { low: first, high: last };
  return { low, high };
}

function drawTimeline(canvas, timeline) {
  const width = 640;
  const height = 170;
  const axisY = 140;
  // One lane per QuadClass, material conflict at the top; unclassified at the bottom.
  const laneY = { 4: 30, 3: 55, 2: 80, 1: 105, null: 125 };
  canvas.replaceChildren();
  const undated = timeline.undated.reduce((sum, row) => sum + row.count, 0);
  $("timeline-count").textContent = `${timeline.total}${undated ? ` (${undated} undated, shown apart)` : ""}`;
  if (!timeline.total) {
    canvas.append(placeholder(width, height / 2, "No events in this selection."));
    return;
  }
  for (const [quad, y] of Object.entries(laneY)) {
    const lane = svg("text", { x: "2", y: String(y + 3), class: "tick" });
    lane.textContent = quad === "null" ? "?" : `Q${quad}`;
    canvas.append(lane);
  }
  const days = timeline.days.map((row) => ({ ...row, stamp: dayOf(row.day) })).filter((row) => row.stamp !== null);
  const range = days.length ? coreRange(days) : { low: 0, high: 0 };
  const earlier = days.filter((row) => row.stamp < range.low);
  const later = days.filter((row) => row.stamp > range.high);
  const left = earlier.length ? 100 : 34;
  const right = later.length ? 470 : 540;
  const buckets = new Map();
  let first = 0;
  let last = 0;
  let unit = "day";
  const inside = days.filter((row) => row.stamp >= range.low && row.stamp <= range.high);
  if (inside.length) {
    const by = bucketing(range.low, range.high);
    unit = by.name;
    for (const row of inside) {
      const start = by.start(row.stamp);
      const key = `${start}|${row.quad_class}`;
      const bucket = buckets.get(key) || { start, end: by.next(start) - ONE_DAY, quad_class: row.quad_class, count: 0, unit: by.name };
      bucket.count += row.count;
      buckets.set(key, bucket);
    }
    first = Math.min(...[...buckets.values()].map((b) => b.start));
    last = Math.max(...[...buckets.values()].map((b) => b.start)) + ONE_DAY;
  }
  const x = (stamp) => left + ((stamp - first) / Math.max(last - first, ONE_DAY)) * (right - left);
  const sums = (rows) => [...groupCounts(rows).entries()].map(([quad_class, count]) => ({ quad_class, count }));
  const apartColumns = [
    { rows: sums(earlier), x: 42, line: 72, label: "earlier", filters: { until: isoDay(range.low - ONE_DAY) } },
    { rows: sums(later), x: 528, line: 504, label: "later", filters: { since: isoDay(range.high + ONE_DAY) } },
  ];
  const maxCount = Math.max(1, ...[...buckets.values()].map((b) => b.count), ...timeline.undated.map((row) => row.count),
    ...apartColumns.flatMap((column) => column.rows.map((row) => row.count)));
  const size = (count) => (2.5 + 7 * Math.sqrt(count / maxCount)).toFixed(1);
  canvas.append(svg("line", { x1: String(left), x2: String(right), y1: String(axisY), y2: String(axisY), class: "axis" }));
  if (inside.length) {
    for (const tick of ticks(first, last - ONE_DAY, unit === "day" ? 5 : 4)) {
      const label = svg("text", { x: String(x(tick)), y: String(axisY + 16), "text-anchor": "middle", class: "tick" });
      label.textContent = unit === "month" ? isoDay(tick).slice(0, 7) : isoDay(tick);
      canvas.append(label);
    }
  }
  for (const bucket of buckets.values()) {
    const dot = svg("circle", {
      cx: x(bucket.start).toFixed(1),
      cy: String(laneY[bucket.quad_class] ?? laneY.null),
      r: size(bucket.count),
      class: `dot ${relationOf(bucket.quad_class)} ${quadClass(bucket.quad_class)}`,
      tabindex: "0",
    });
    const since = isoDay(bucket.start);
    const until = isoDay(bucket.end);
    const title = svg("title");
    title.textContent = `${bucket.unit} of ${since}: ${plural(bucket.count, "event")} (${QUAD_LABELS[bucket.quad_class] || "unclassified"})`;
    dot.append(title);
    dot.addEventListener("click", () =>
      showEvents(`Events of the ${bucket.unit} of ${since}`, { since, until, quad_class: bucket.quad_class }),
    );
    canvas.append(dot);
  }
  // Events dated far before or after the rest, and undated ones, apart from the axis: they have no place on it.
  for (const column of apartColumns) {
    if (!column.rows.length) continue;
    const heading = `${column.label}: ${column.rows.reduce((sum, row) => sum + row.count, 0)}`;
    const note = column.label === "earlier" ? `before ${isoDay(range.low)}` : `after ${isoDay(range.high)}`;
    drawApart(canvas, column, heading, note, laneY, size, axisY);
  }
  const apart = { rows: timeline.undated, x: 595, line: 560, label: "undated", filters: { undated: "true" } };
  drawApart(canvas, apart, `undated: ${undated}`, "undated", laneY, size, axisY);
}

function groupCounts(rows) {
  const counts = new Map();
  for (const row of rows) counts.set(row.quad_class, (counts.get(row.quad_class) || 0) + row.count);
  return counts;
}

// One column of events set apart from the axis (earlier, later, undated): a dashed line, a heading, a dot per QuadClass.
function drawApart(canvas, column, heading, note, laneY, size, axisY) {
  canvas.append(svg("line", { x1: String(column.line), x2: String(column.line), y1: "15", y2: String(axisY), class: "axis apart" }));
  const label = svg("text", { x: String(column.x), y: String(axisY + 16), "text-anchor": "middle", class: "tick" });
  label.textContent = heading;
  canvas.append(label);
  const title = `${column.label[0].toUpperCase()}${column.label.slice(1)} events`;
  for (const row of column.rows) {
    const dot = svg("circle", {
      cx: String(column.x),
      cy: String(laneY[row.quad_class] ?? laneY.null),
      r: size(row.count),
      class: `dot ${column.label} ${relationOf(row.quad_class)} ${quadClass(row.quad_class)}`,
      tabindex: "0",
    });
    const tip = svg("title");
    tip.textContent = `${note}: ${plural(row.count, "event")} (${QUAD_LABELS[row.quad_class] || "unclassified"})`;
    dot.append(tip);
    dot.addEventListener("click", () => showEvents(title, { ...column.filters, quad_class: row.quad_class }));
    canvas.append(dot);
  }
}

async function showEvents(title, filters) {
  // Cleared at once, so nothing of the previous selection is shown while the events load.
  $("evidence-title").textContent = title;
  emptyNote($("evidence"), "Loading…");
  $("article-text").replaceChildren();
  try {
    const page = await api("/api/views/events", { ...eventFilters(), ...filters, limit: LIST_LIMIT });
    showEvidenceList(`${title} (${page.total})`, page.items.map(eventEvidence));
  } catch (error) {
    showError(error);
  }
}

// Up to `count` ticks on whole days between two day stamps.
function ticks(first, last, count) {
  const step = Math.max(1, Math.ceil((last - first) / ONE_DAY / (count - 1))) * ONE_DAY;
  const found = [];
  for (let tick = first; tick <= last; tick += step) found.push(tick);
  return found;
}

// Tone over time for the focused actor, from /api/tones/over-time (the tone stage's records, by month).
async function loadTone() {
  const box = $("tone");
  if (state.tones === false || !state.focus) {
    box.hidden = true;
    return;
  }
  try {
    const answer = await api("/api/tones/over-time", { actor: state.focus.value, period: "month" });
    state.tones = true;
    box.hidden = false;
    drawTone($("tone-line"), answer.rows || []);
  } catch (error) {
    // No tone endpoint on this server (404): the line stays hidden from now on.
    if (String(error.message).startsWith("404")) state.tones = false;
    box.hidden = true;
  }
}

function signed(value) {
  return (value >= 0 ? "+" : "") + value.toFixed(2);
}

function toneClass(score) {
  return score <= -0.1 ? "negative" : score >= 0.1 ? "positive" : "neutral";
}

// Mean tone per month as a line of points (-1 ill .. +1 well), sized by mentions; undated articles apart,
// right of the axis, as on the timeline above. A point lists the tones behind it.
function drawTone(canvas, rows) {
  const left = 34;
  const right = 515;
  const top = 12;
  const bottom = 92;
  // Means of many mentions stay near 0: the scale is the largest mean's, rounded up, at least ±0.2.
  const reach = Math.max(0.2, Math.ceil(10 * Math.max(...rows.map((row) => Math.abs(Number(row.mean_score) || 0)))) / 10);
  const y = (score) => top + ((1 - Math.max(-1, Math.min(1, score / reach))) / 2) * (bottom - top);
  canvas.replaceChildren();
  const mentions = rows.reduce((sum, row) => sum + row.mentions, 0);
  $("tone-caption").textContent = mentions
    ? `Tone toward ${state.focus.label}: mean per month of ${plural(mentions, "mention")} (−1 ill … +1 well)`
    : `No tone found toward ${state.focus.label}.`;
  if (!mentions) return;
  for (const [score, label] of [[reach, `+${reach.toFixed(1)}`], [0, "0"], [-reach, `−${reach.toFixed(1)}`]]) {
    const tick = svg("text", { x: "2", y: String(y(score) + 3), class: "tick" });
    tick.textContent = label;
    canvas.append(tick, svg("line", { x1: String(left), x2: String(right), y1: String(y(score)), y2: String(y(score)), class: score ? "grid" : "axis" }));
  }
  const dated = rows.filter((row) => row.period).map((row) => ({ ...row, stamp: dayOf(row.period) }));
  const first = dated.length ? Math.min(...dated.map((row) => row.stamp)) : 0;
  const last = dated.length ? Math.max(...dated.map((row) => row.stamp)) : 0;
  const x = (stamp) => (last > first ? left + ((stamp - first) / (last - first)) * (right - left) : (left + right) / 2);
  const maxMentions = Math.max(...rows.map((row) => row.mentions));
  const size = (count) => (2 + 5 * Math.sqrt(count / maxMentions)).toFixed(1);
  if (dated.length > 1) {
    const points = dated.map((row) => `${x(row.stamp).toFixed(1)},${y(Number(row.mean_score)).toFixed(1)}`).join(" ");
    canvas.append(svg("polyline", { points, class: "tone-line" }));
  }
  if (dated.length) {
    for (const tick of [first, last].filter((stamp, at, all) => all.indexOf(stamp) === at)) {
      const label = svg("text", { x: String(x(tick)), y: String(bottom + 18), "text-anchor": "middle", class: "tick" });
      label.textContent = isoDay(tick).slice(0, 7);
      canvas.append(label);
    }
  }
  const undated = rows.find((row) => !row.period);
  const apart = 595;
  canvas.append(svg("line", { x1: "560", x2: "560", y1: String(top), y2: String(bottom), class: "axis apart" }));
  const heading = svg("text", { x: String(apart), y: String(bottom + 18), "text-anchor": "middle", class: "tick" });
  heading.textContent = `undated: ${undated ? undated.mentions : 0}`;
  canvas.append(heading);
  for (const row of [...dated, ...(undated ? [undated] : [])]) {
    const score = Number(row.mean_score) || 0;
    const month = row.period ? row.period.slice(0, 7) : null;
    const point = svg("circle", {
      cx: row.period ? x(row.stamp).toFixed(1) : String(apart),
      cy: y(score).toFixed(1),
      r: size(row.mentions),
      class: `tone-point ${toneClass(score)}${month ? "" : " undated"}`,
      tabindex: "0",
      "data-period": month || "undated",
    });
    const title = svg("title");
    title.textContent =
      `${month || "undated"}: mean ${signed(score)} over ${plural(row.mentions, "mention")} ` +
      `(${row.negative} negative, ${row.neutral} neutral, ${row.positive} positive)`;
    point.append(title);
    point.addEventListener("click", () => showTones(month));
    canvas.append(point);
  }
}

// The tones toward the focused actor in one month (null: undated articles), as evidence.
async function showTones(month) {
  const title = `Tone toward ${state.focus.label} ${month ? `in ${month}` : "in undated reports"}`;
  $("evidence-title").textContent = title;
  emptyNote($("evidence"), "Loading…");
  try {
    const page = await api("/api/tones", { actor: state.focus.value, since: month, until: month, limit: 500 });
    // The filter matches code prefixes and word starts in names: keep this actor's own tones, of this month.
    const own = page.items.filter(
      (tone) =>
        (tone.actor.code || tone.actor.name) === state.focus.value && (month ? true : !tone.published),
    );
    showEvidenceList(`${title} (${own.length})`, own.slice(0, LIST_LIMIT).map(toneEvidence));
  } catch (error) {
    showError(error);
  }
}

function toneEvidence(tone) {
  return {
    kind: "tone",
    label: `${tone.polarity} toward ${tone.actor.name} (${signed(Number(tone.score) || 0)})`,
    text: tone.cues && tone.cues.length ? `cues: ${tone.cues.join(", ")}` : "no cue words",
    meta: `${tone.published || "undated"} · ${tone.article_title || ""}`,
    // The sentence is the evidence: it is marked, the mention inside it is what it is about.
    record: { article_id: tone.article_id, start: tone.sentence_start, end: tone.sentence_end },
  };
}

// ------------------------------------------------------------------ map

async function loadMap() {
  const [places, world] = await Promise.all([api("/api/views/places", eventFilters()), loadWorld()]);
  drawMap($("map"), places, world);
}

// The world outline: Natural Earth's 1:110m countries as TopoJSON, shipped with the page (no tile server).
async function loadWorld() {
  if (!state.world) state.world = api("/static/world-110m.json").then(worldRings);
  return state.world;
}

// TopoJSON arcs, delta-encoded and quantized, back to rings of [lon, lat].
function worldRings(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = (indexes) =>
    indexes.flatMap((index, at) => {
      const points = index >= 0 ? arcs[index] : [...arcs[~index]].reverse();
      return at ? points.slice(1) : points;
    });
  const rings = [];
  for (const geometry of topology.objects.countries.geometries) {
    if (geometry.type === "Polygon") rings.push(...geometry.arcs.map(ring));
    if (geometry.type === "MultiPolygon") for (const polygon of geometry.arcs) rings.push(...polygon.map(ring));
  }
  return rings;
}

function project([lon, lat]) {
  // Equirectangular, cut at 60°S: nothing is reported from Antarctica's interior.
  return [((lon + 180) / 360) * 640, ((85 - lat) / 145) * 330];
}

function drawMap(canvas, found, rings) {
  canvas.replaceChildren();
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project([lon, 0]);
    canvas.append(svg("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: "0", y2: "330", class: "graticule" }));
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    const [, y] = project([0, lat]);
    canvas.append(svg("line", { x1: "0", x2: "640", y1: y.toFixed(1), y2: y.toFixed(1), class: "graticule" }));
  }
  const land = rings
    .filter((points) => points.some(([, lat]) => lat > -60))
    .map((points) => "M" + points.map((point) => project(point).map((v) => v.toFixed(1)).join(",")).join("L") + "Z")
    .join("");
  canvas.append(svg("path", { d: land, class: "land" }));
  $("map-count").textContent =
    `${plural(found.places.length, "place")} · ${found.total - found.unplaced} of ${found.total} events placed`;
  const maxCount = Math.max(1, ...found.places.map((place) => place.count));
  // Biggest first, so small dots stay on top and clickable.
  for (const place of found.places) {
    const [x, y] = project([place.lon, place.lat]);
    const dot = svg("circle", {
      cx: x.toFixed(1),
      cy: y.toFixed(1),
      r: (3 + 12 * Math.sqrt(place.count / maxCount)).toFixed(1),
      class: `place ${place.relation} ${quadClass(place.quad_class)}`,
      tabindex: "0",
      "data-place": place.name || "",
    });
    const title = svg("title");
    const classes = Object.entries(place.by_class)
      .map(([quad, count]) => `${count} ${QUAD_LABELS[quad] || "unclassified"}`)
      .join(", ");
    title.textContent = `${place.name}${place.country ? ` (${place.country})` : ""}: ${plural(place.count, "event")}; ${classes}`;
    dot.append(title);
    dot.addEventListener("click", () => showEvents(`Events in ${place.name}`, { place: place.name }));
    canvas.append(dot);
  }
}

// ------------------------------------------------------------------ stance matrix

async function loadStances(search) {
  const matrix = await api("/api/stances/matrix", { search, actor: state.focus && state.focus.value });
  state.matrix = matrix;
  state.matrixSort = null;
  drawStances($("stances"), matrix);
}

// Rows sorted by one issue's net support (support minus oppose); the same column again reverses.
function sortedActors(matrix, cells) {
  const sort = state.matrixSort;
  if (!sort) return matrix.actors;
  const net = (actor) => {
    if (sort.issue === null) return 0;
    const cell = cells.get(`${actor.id}\u0000${sort.issue}`);
    return cell ? cell.support - cell.oppose : null;
  };
  return [...matrix.actors].sort((a, b) => {
    if (sort.issue === null) return sort.direction * a.name.localeCompare(b.name);
    const [x, y] = [net(a), net(b)];
    if (x === null || y === null) return (x === null) - (y === null);
    return sort.direction * (y - x) || a.name.localeCompare(b.name);
  });
}

function sortMatrix(issue) {
  const same = state.matrixSort && state.matrixSort.issue === issue;
  state.matrixSort = { issue, direction: same ? -state.matrixSort.direction : 1 };
  drawStances($("stances"), state.matrix);
}

function drawStances(box, matrix) {
  if (!matrix.cells.length) {
    box.replaceChildren(el("p", { className: "empty" }, "No stances in this selection."));
    return;
  }
  const disputed = new Set(matrix.disputed_issues);
  const cells = new Map(matrix.cells.map((cell) => [`${cell.actor}\u0000${cell.issue}`, cell]));
  const sort = state.matrixSort;
  const arrow = (issue) => (sort && sort.issue === issue ? (sort.direction > 0 ? " ▾" : " ▴") : "");
  const head = el(
    "tr",
    {},
    clickable(el("th", { className: "corner", title: "sort by name" }, `actor${arrow(null)}`), () => sortMatrix(null)),
    ...matrix.issues.map((issue) =>
      clickable(
        el(
          "th",
          {
            className: disputed.has(issue) ? "disputed" : "",
            title: `${disputed.has(issue) ? "actors disagree; " : ""}click to sort by support`,
            "data-issue": issue,
          },
          issue.replaceAll("_", " ") + arrow(issue),
          disputed.has(issue) ? el("span", { className: "badge" }, "disputed") : null,
        ),
        () => sortMatrix(issue),
      ),
    ),
  );
  const rows = sortedActors(matrix, cells).map((actor) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, actor.name),
      ...matrix.issues.map((issue) => stanceCell(actor, issue, cells.get(`${actor.id}\u0000${issue}`))),
    ),
  );
  box.replaceChildren(el("table", { className: "matrix" }, el("thead", {}, head), el("tbody", {}, ...rows)));
}

function stanceCell(actor, issue, cell) {
  if (!cell) return el("td", { className: "none" }, "");
  const sign = { support: `+${cell.support}`, oppose: `−${cell.oppose}`, mixed: `+${cell.support} −${cell.oppose}` };
  const classes = ["stance", cell.polarity, cell.disagreement ? "disagreement" : ""].join(" ");
  const td = el("td", { className: classes, title: `${actor.name}: ${cell.polarity} on ${issue}` }, sign[cell.polarity]);
  return clickable(td, () => selectStance(actor, issue));
}

async function selectStance(actor, issue) {
  try {
    const page = await api("/api/stances", { actor: actor.code || actor.name, issue, search: state.search, limit: LIST_LIMIT });
    // The matrix keeps each actor (code and name) apart: "Russian officials" are not Lavrov though both are RUSGOV.
    const exact = page.items.filter(
      (stance) => (stance.actor.code || "") === (actor.code || "") && stance.actor.name === actor.name,
    );
    showEvidenceList(`${actor.name} on ${issue.replaceAll("_", " ")}`, exact.map(stanceEvidence));
  } catch (error) {
    showError(error);
  }
}

// ------------------------------------------------------------------ provenance

async function loadStories(search) {
  const page = await api("/api/stories", { search, actor: state.focus && state.focus.value, limit: STORY_LIMIT });
  $("stories-count").textContent = `${page.total} ${page.total === 1 ? "story" : "stories"}`;
  const list = $("stories");
  $("story").replaceChildren();
  if (!page.items.length) return emptyNote(list, "No story has more than one report here.");
  list.replaceChildren(
    ...page.items.map((story) =>
      clickable(
        el(
          "li",
          { "data-story": story.id },
          el("span", { className: "title" }, story.title || story.id),
          el("span", { className: "meta" }, `${plural(story.size, "report")} · first ${[story.published, story.outlet].filter(Boolean).join(" · ")}`),
        ),
        () => openStory(story.id),
      ),
    ),
  );
}

async function openStory(id) {
  try {
    const story = await api(`/api/stories/${encodeURIComponent(id)}`);
    drawStory($("story"), story);
    for (const item of document.querySelectorAll("#stories li")) item.classList.toggle("active", item.dataset.story === id);
  } catch (error) {
    showError(error);
  }
}

// The story's reports in order of first appearance; under each, the sentences it took from earlier ones.
function drawStory(box, story) {
  const order = new Map(story.articles.map((article, index) => [article.id, index + 1]));
  const copiesInto = new Map();
  for (const copy of story.copies) {
    if (!copiesInto.has(copy.b_article)) copiesInto.set(copy.b_article, []);
    copiesInto.get(copy.b_article).push(copy);
  }
  const reports = story.articles.map((article) => {
    const copies = copiesInto.get(article.id) || [];
    const tally = Object.entries(article.copied || {}).map(([kind, count]) => `${count} ${kind.replace("_", "-")}`);
    const heading = clickable(
      el(
        "div",
        { className: "report-head" },
        el("span", { className: "order" }, `#${order.get(article.id)}`),
        el("span", { className: "title" }, article.title || article.id),
        el(
          "span",
          { className: "meta" },
          [article.published || "undated", article.outlet, article.in_story ? null : "outside the story",
            tally.length ? `took ${tally.join(", ")}` : order.get(article.id) === 1 ? "first report" : "nothing copied"]
            .filter(Boolean)
            .join(" · "),
        ),
      ),
      () => openArticle(article.id).catch(showError),
    );
    const rows = copies.map((copy) =>
      clickable(
        el(
          "li",
          { className: `copy ${copy.kind}`, "data-kind": copy.kind },
          el("span", { className: "from" }, `${copy.kind.replace("_", "-")} of #${order.get(copy.a_article) || "?"}`),
          markedSentence(copy.b_text || "", copy.changes.map((change) => change[1])),
          copy.changes.length
            ? el("span", { className: "was" }, "was: ", markedSentence(copy.a_text || "", copy.changes.map((change) => change[0])))
            : null,
        ),
        () => showCopies(copy.b_article, copy.b_start, copy.b_end),
      ),
    );
    return el("li", { className: "report", "data-article": article.id }, heading, rows.length ? el("ol", { className: "copies" }, ...rows) : null);
  });
  box.replaceChildren(
    el("h3", {}, `Story of ${plural(story.articles.filter((a) => a.in_story).length, "report")}, in order of first appearance`),
    el("ol", { className: "story" }, ...reports),
  );
}

// The sentence with the given words marked (a <mark> each, as text nodes: never parsed as HTML).
function markedSentence(text, words) {
  const node = el("span", { className: "sentence-text" });
  const wanted = words.filter(Boolean);
  let at = 0;
  while (at < text.length) {
    let next = null;
    for (const word of wanted) {
      const found = text.indexOf(word, at);
      if (found !== -1 && (next === null || found < next.at)) next = { at: found, word };
    }
    if (!next) break;
    node.append(text.slice(at, next.at), el("mark", { className: "changed" }, next.word));
    at = next.at + next.word.length;
  }
  node.append(text.slice(at));
  return node;
}

// "Where else does this appear": every report holding a copy or rewording of the sentence.
async function showCopies(articleId, start, end) {
  try {
    const found = await api("/api/sentences/copies", { article: articleId, start, end });
    $("evidence-title").textContent = `Where else this sentence appears (${found.appearances.length})`;
    const list = $("evidence");
    if (!found.appearances.length) {
      emptyNote(list, "Nowhere else: no copy or rewording of this sentence is stored.");
      return;
    }
    const changedIn = new Map(found.copies.map((copy) => [`${copy.b_article}:${copy.b_start}`, copy]));
    const items = found.appearances.map((appearance, index) => {
      const copy = changedIn.get(`${appearance.article_id}:${appearance.start}`);
      const how = index === 0 ? "first appearance" : copy ? copy.kind.replace("_", "-") : "copy";
      const item = el(
        "li",
        { className: `evidence appearance${appearance.article_id === articleId && appearance.start === start ? " here" : ""}` },
        el("span", { className: "title" }, appearance.title || appearance.article_id),
        markedSentence(appearance.text || "", copy ? copy.changes.map((change) => change[1]) : []),
        el("span", { className: "meta" }, [how, appearance.published || "undated", appearance.outlet].filter(Boolean).join(" · ")),
      );
      return clickable(item, () => {
        for (const other of document.querySelectorAll("li.selected")) other.classList.remove("selected");
        item.classList.add("selected");
        openArticle(appearance.article_id, appearance.start, appearance.end, appearance.text).catch(showError);
      });
    });
    list.replaceChildren(...items);
  } catch (error) {
    showError(error);
  }
}

// ------------------------------------------------------------------ start

function start() {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.search = $("search").value.trim();
    loadAll();
  });
  $("clear-search").addEventListener("click", () => {
    $("search").value = "";
    state.search = "";
    loadAll();
  });
  $("clear-focus").addEventListener("click", () => setFocus(null));
  $("top").addEventListener("input", () => {
    $("top-value").textContent = $("top").value;
  });
  $("top").addEventListener("change", () => {
    state.top = Number($("top").value);
    loadNetwork().catch(showError);
  });
  for (const bound of ["since", "until"]) {
    $(bound).addEventListener("change", () => {
      state[bound] = $(bound).value;
      loadAll();
    });
  }
  $("patterns-only").addEventListener("change", () => {
    state.coder = $("patterns-only").checked ? "pattern" : "";
    loadAll();
  });
  $("graph-controls").addEventListener("submit", (event) => event.preventDefault());
  $("where-else").addEventListener("click", () => {
    if (state.span) showCopies(state.span.id, state.span.start, state.span.end);
  });
  loadAll();
}

start();
