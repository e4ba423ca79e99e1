// dossier's page: plain JavaScript over the JSON API of the same server.
// Text from the database is only ever set with textContent, never parsed as HTML.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD_LABELS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
// Network layout: a fixed number of force steps from a fixed start, so the same data draws the same picture.
const LAYOUT_STEPS = 300;
const LIST_LIMIT = 50;
const TIMELINE_LIMIT = 500;

const state = { search: "", articles: new Map() };

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
  const jobs = [
    loadStats(),
    loadArticles(search),
    loadActors(search),
    loadNetwork(search),
    loadTimeline(search),
    loadStances(search),
    loadQuotes(search),
  ];
  const results = await Promise.allSettled(jobs);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) showError(failed.reason);
  document.body.dataset.loaded = "true";
}

async function loadStats() {
  const stats = await api("/api/stats");
  const c = stats.counts;
  $("stats").textContent =
    `${c.articles} reports · ${c.mentions} mentions · ${c.quotes} quotes · ${c.events} events · ` +
    `${c.stances} stances · ${c.links} links${stats.read_only ? " · read-only" : ""}`;
}

async function loadArticles(search) {
  const page = await api("/api/articles", { q: search, limit: LIST_LIMIT });
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
  const page = await api("/api/actors", { search, limit: LIST_LIMIT });
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
  const page = await api("/api/quotes", { search, limit: LIST_LIMIT });
  $("quotes-count").textContent = `${page.total}`;
  const list = $("quotes");
  if (!page.items.length) return emptyNote(list, "No quotes found yet.");
  list.replaceChildren(...page.items.map((quote) => evidenceItem(quoteEvidence(quote))));
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
    meta: `CAMEO ${event.code} · ${QUAD_LABELS[event.quad_class] || "unknown class"} · ${event.date || "undated"}`,
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

function evidenceItem(evidence) {
  const item = el(
    "li",
    { className: `evidence ${evidence.kind}`, "data-kind": evidence.kind },
    el("span", { className: "title" }, evidence.label),
    el("span", { className: "text" }, evidence.text),
    el("span", { className: "meta" }, evidence.meta),
  );
  return clickable(item, () => showEvidence(evidence, item));
}

function showEvidenceList(title, evidences) {
  $("evidence-title").textContent = title;
  const list = $("evidence");
  if (!evidences.length) {
    emptyNote(list, "Nothing stored for this selection.");
    return;
  }
  const items = evidences.map(evidenceItem);
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
    showEvidenceList(actorLabel(actor), [
      ...found.quotes.map(quoteEvidence),
      ...found.events.map(eventEvidence),
      ...found.stances.map(stanceEvidence),
      ...found.mentions.map(mentionEvidence),
    ]);
    for (const node of document.querySelectorAll("[data-actor]")) {
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
  mark.scrollIntoView({ block: "center" });
}

// ------------------------------------------------------------------ actor network

async function loadNetwork(search) {
  const network = await api("/api/events/network", { search });
  drawNetwork($("network"), network);
}

function drawNetwork(canvas, network) {
  const width = 640;
  const height = 360;
  canvas.replaceChildren(arrowMarkers());
  if (!network.nodes.length) {
    canvas.append(placeholder(width, height, "No events stored yet."));
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
    const path = svg("path", {
      d: curve(positions.get(edge.source), positions.get(edge.target), index, edge.source < edge.target),
      class: `edge ${edge.relation}`,
      "stroke-width": String(1.5 + (3 * edge.count) / maxCount),
      "marker-end": `url(#arrow-${edge.relation})`,
      tabindex: "0",
    });
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    const title = svg("title");
    title.textContent = `${from.name} → ${to.name}: ${edge.count} ${QUAD_LABELS[edge.quad_class] || "unclassified"}`;
    path.append(title);
    path.addEventListener("click", () => selectEdge(from, to, edge.quad_class));
    canvas.append(path);
  }
  for (const node of network.nodes) {
    const at = positions.get(node.id);
    const group = svg("g", { class: "node", tabindex: "0", "data-actor": node.id, transform: `translate(${at.x},${at.y})` });
    group.append(svg("circle", { r: String(radius(node)) }));
    const label = svg("text", { y: String(radius(node) + 12), "text-anchor": "middle" });
    label.textContent = node.name;
    group.append(label);
    const actor = { code: node.code, name: node.name };
    group.addEventListener("click", () => selectActor(actor));
    group.addEventListener("keydown", (event) => event.key === "Enter" && selectActor(actor));
    canvas.append(group);
  }
}

function radius(node) {
  return 6 + Math.min(14, 2.5 * Math.sqrt(node.events));
}

function arrowMarkers() {
  const defs = svg("defs");
  for (const relation of ["cooperation", "conflict", "unknown"]) {
    const marker = svg("marker", {
      id: `arrow-${relation}`,
      viewBox: "0 0 10 10",
      refX: "9",
      refY: "5",
      markerWidth: "7",
      markerHeight: "7",
      orient: "auto-start-reverse",
    });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", class: `arrow ${relation}` }));
    defs.append(marker);
  }
  return defs;
}

function placeholder(width, height, text) {
  const note = svg("text", { x: String(width / 2), y: String(height / 2), "text-anchor": "middle", class: "placeholder" });
  note.textContent = text;
  return note;
}

// A curved arrow from a to b, bent more for each further edge between the same two actors.
function curve(a, b, index, forward) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = (forward ? 1 : -1) * (14 + 16 * index);
  const mx = (a.x + b.x) / 2 - (dy / length) * bend;
  const my = (a.y + b.y) / 2 + (dx / length) * bend;
  // Stop short of the target circle so the arrow head stays visible.
  const tx = b.x - ((b.x - mx) / Math.hypot(b.x - mx, b.y - my)) * 16;
  const ty = b.y - ((b.y - my) / Math.hypot(b.x - mx, b.y - my)) * 16;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
}

// Force-directed layout: nodes repel, edges pull, a weak pull to the centre keeps parts together.
function layout(nodes, edges, width, height) {
  const points = nodes.map((node, index) => {
    const angle = (2 * Math.PI * index) / nodes.length;
    return { id: node.id, x: Math.cos(angle) * 100, y: Math.sin(angle) * 100, vx: 0, vy: 0 };
  });
  const byId = new Map(points.map((point) => [point.id, point]));
  const ideal = 120;
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
      const pull = (distance - ideal) / distance / 4;
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
  return fit(points, width, height, 60);
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

async function selectEdge(from, to, quadClass) {
  try {
    const page = await api("/api/events", {
      source: from.code || from.name,
      target: to.code || to.name,
      quad_class: quadClass,
      search: state.search,
      limit: LIST_LIMIT,
    });
    const exact = page.items.filter(
      (event) => actorKey(event.source) === from.id && event.target && actorKey(event.target) === to.id,
    );
    showEvidenceList(`${from.name} → ${to.name}`, exact.map(eventEvidence));
  } catch (error) {
    showError(error);
  }
}

// ------------------------------------------------------------------ timeline

async function loadTimeline(search) {
  const page = await api("/api/events", { search, limit: TIMELINE_LIMIT });
  drawTimeline($("timeline"), page.items, page.total);
}

function dayOf(value) {
  if (!value) return null;
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  if (!year) return null;
  return Date.UTC(year, (month || 1) - 1, day || 1);
}

function drawTimeline(canvas, events, total) {
  const width = 640;
  const height = 150;
  const left = 30;
  const right = 610;
  const axisY = 120;
  canvas.replaceChildren();
  const dated = events.filter((event) => dayOf(event.date_effective) !== null);
  const undated = events.length - dated.length;
  $("timeline-count").textContent = `${total}${undated ? ` (${undated} undated)` : ""}`;
  if (!dated.length) {
    canvas.append(placeholder(width, height / 2, "No dated events stored yet."));
    return;
  }
  const days = dated.map((event) => dayOf(event.date_effective));
  const oneDay = 86_400_000;
  const first = Math.min(...days) - oneDay;
  const last = Math.max(...days) + oneDay;
  const x = (day) => left + ((day - first) / (last - first)) * (right - left);
  canvas.append(svg("line", { x1: String(left), x2: String(right), y1: String(axisY), y2: String(axisY), class: "axis" }));
  for (const tick of ticks(first, last, 6)) {
    const label = svg("text", { x: String(x(tick)), y: String(axisY + 18), "text-anchor": "middle", class: "tick" });
    label.textContent = new Date(tick).toISOString().slice(0, 10);
    canvas.append(svg("line", { x1: String(x(tick)), x2: String(x(tick)), y1: String(axisY), y2: String(axisY + 5), class: "axis" }));
    canvas.append(label);
  }
  const stacked = new Map();
  dated.forEach((event, index) => {
    const day = days[index];
    const level = stacked.get(day) || 0;
    stacked.set(day, level + 1);
    const relation = event.quad_class <= 2 ? "cooperation" : event.quad_class <= 4 ? "conflict" : "unknown";
    const dot = svg("circle", {
      cx: String(x(day)),
      cy: String(axisY - 10 - 13 * (level % 8)),
      r: "5.5",
      class: `dot ${relation}`,
      tabindex: "0",
    });
    const title = svg("title");
    const target = event.target ? event.target.name : "—";
    title.textContent = `${event.date_effective}: ${event.source.name} → ${target} (CAMEO ${event.code})`;
    dot.append(title);
    const evidence = eventEvidence(event);
    dot.addEventListener("click", () => showEvidenceList(`Event on ${event.date_effective}`, [evidence]));
    canvas.append(dot);
  });
}

// Up to `count` ticks on whole days between two day stamps.
function ticks(first, last, count) {
  const oneDay = 86_400_000;
  const step = Math.max(1, Math.ceil((last - first) / oneDay / (count - 1))) * oneDay;
  const found = [];
  for (let tick = first; tick <= last; tick += step) found.push(tick);
  return found;
}

// ------------------------------------------------------------------ stance matrix

async function loadStances(search) {
  const matrix = await api("/api/stances/matrix", { search });
  drawStances($("stances"), matrix);
}

function drawStances(box, matrix) {
  if (!matrix.cells.length) {
    box.replaceChildren(el("p", { className: "empty" }, "No stances stored yet."));
    return;
  }
  const disputed = new Set(matrix.disputed_issues);
  const cells = new Map(matrix.cells.map((cell) => [`${cell.actor}\u0000${cell.issue}`, cell]));
  const head = el(
    "tr",
    {},
    el("th", {}, "actor"),
    ...matrix.issues.map((issue) =>
      el("th", { className: disputed.has(issue) ? "disputed" : "", title: disputed.has(issue) ? "actors disagree" : "" },
        issue.replaceAll("_", " "), disputed.has(issue) ? el("span", { className: "badge" }, "disputed") : null),
    ),
  );
  const rows = matrix.actors.map((actor) =>
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
  loadAll();
}

start();
