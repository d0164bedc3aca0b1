// The write-behind status page: reads the JSON endpoints beside it (every URL is relative to the page, so the
// page works under any prefix and path base) and redraws every few seconds. Data only ever reaches the page as
// text nodes, never as markup.
"use strict";

(() => {
  const refreshSeconds = 3;
  const svgNs = "http://www.w3.org/2000/svg";
  const byId = (id) => document.getElementById(id);
  let timer = 0;

  async function call(method, url) {
    const response = await fetch(url, { method, credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = (response.headers.get("content-type") || "").includes("json") ? await response.json() : null;
    if (!response.ok) {
      const reason = body && (body.detail || body.title) ? `${body.title || ""} ${body.detail || ""}`.trim() : response.statusText;
      throw new Error(`${method} ${url}: ${response.status} ${reason}`);
    }
    return body;
  }

  const text = (id, value) => { byId(id).textContent = value; };
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "");
  const dateTime = (iso) => (iso ? new Date(iso).toLocaleString() : "");
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function age(seconds) {
    if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
    return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  }

  function row(cells, className) {
    const tr = document.createElement("tr");
    for (const cell of cells) {
      const td = document.createElement("td");
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === null || cell === undefined ? "" : String(cell);
      tr.append(td);
    }
    if (className) tr.className = className;
    return tr;
  }

  function fill(id, rows, columns, emptyText) {
    const body = byId(id);
    if (rows.length === 0) {
      const tr = row([emptyText]);
      tr.firstChild.colSpan = columns;
      tr.firstChild.className = "empty";
      body.replaceChildren(tr);
    } else {
      body.replaceChildren(...rows);
    }
  }

  function showStatus(status) {
    text("pending-total", status.total);
    text("pending-writes", status.writes);
    text("pending-deletes", status.deletes);
    text("oldest-age", status.total === 0 ? "–" : age(status.oldestPendingAgeSeconds));
    text("oldest-at", status.oldestPendingEnqueuedAt ? `since ${time(status.oldestPendingEnqueuedAt)}` : "nothing pending");
    text("dead-letter-count", status.deadLetters);
    byId("retry-all").disabled = status.deadLetters === 0;
    const last = status.lastFlush;
    const outcome = byId("last-flush-outcome");
    outcome.textContent = last ? last.outcome : "none yet";
    outcome.className = `value${last ? ` outcome-${last.outcome}` : ""}`;
    text("last-flush-detail", last
      ? `${time(last.completedAt)}: ${count(last.operations, "operation", "operations")} in ${last.durationMs} ms${last.error ? ` (${last.error})` : ""}`
      : "");
  }

  function showFlushes(flushes) {
    fill("flushes", flushes.map((f) => {
      const tr = row([time(f.completedAt), f.operations, f.writes, f.deletes, f.failed, f.deadLettered, `${f.durationMs} ms`, f.error ? `${f.outcome}: ${f.error}` : f.outcome]);
      tr.lastChild.className = `outcome-${f.outcome}`;
      return tr;
    }), 8, "No flush has handled operations yet.");
  }

  function showDeadLetters(page) {
    fill("dead-letters", page.items.map((d) => {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "secondary retry";
      retry.textContent = "Retry";
      retry.dataset.sequence = d.sequence;
      retry.addEventListener("click", () => act(() => call("POST", `dead-letters/retry?sequence=${encodeURIComponent(d.sequence)}`)));
      const tr = row([d.sequence, d.kind, d.tuple, d.reason, [d.errorCode, d.errorMessage].filter(Boolean).join(": "), dateTime(d.deadLetteredAt), retry]);
      tr.children[2].className = "tuple";
      return tr;
    }), 7, "No dead letters.");
  }

  function showPending(page) {
    text("pending-shown", page.items.length);
    fill("pending", page.items.map((p) => {
      const tr = row([p.sequence, p.kind + (p.inFlight ? " (in flight)" : ""), p.tuple, dateTime(p.enqueuedAt), p.attempts, p.lastError]);
      tr.children[2].className = "tuple";
      return tr;
    }), 6, "Nothing pending.");
  }

  function svg(name, attributes, content) {
    const element = document.createElementNS(svgNs, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (content !== undefined) element.textContent = content;
    return element;
  }

  // Backlog as a line, tuples sent per sample as bars, on one time axis.
  function showChart(history) {
    const samples = history.backlog;
    const chart = byId("chart");
    byId("chart-empty").hidden = samples.length > 0;
    byId("chart-empty").textContent = `No samples yet (one every ${history.sampleIntervalSeconds} s).`;
    chart.hidden = samples.length === 0;
    if (samples.length === 0) return;

    const width = 720, height = 180, left = 44, right = 44, top = 10, bottom = 22;
    const plotWidth = width - left - right, plotHeight = height - top - bottom;
    const maxPending = Math.max(1, ...samples.map((s) => s.pending));
    const maxSent = Math.max(1, ...samples.map((s) => s.sent));
    // Inset so that the first and last bars stay clear of the axes.
    const inset = 10;
    const step = (plotWidth - 2 * inset) / Math.max(1, samples.length - 1);
    const x = (i) => left + inset + (samples.length === 1 ? plotWidth / 2 - inset : i * step);
    const yPending = (v) => top + plotHeight - (v / maxPending) * plotHeight;
    const ySent = (v) => (v / maxSent) * plotHeight;
    const barWidth = Math.max(2, Math.min(14, step * 0.6));

    const parts = [
      svg("line", { class: "axis", x1: left, y1: top + plotHeight, x2: width - right, y2: top + plotHeight }),
      svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: top + plotHeight }),
      svg("text", { x: left - 6, y: top + 10, "text-anchor": "end" }, maxPending),
      svg("text", { x: left - 6, y: top + plotHeight, "text-anchor": "end" }, 0),
      svg("text", { x: width - right + 6, y: top + 10 }, `${maxSent} sent`),
      svg("text", { x: left, y: height - 6 }, time(samples[0].at)),
      svg("text", { x: width - right, y: height - 6, "text-anchor": "end" }, time(samples[samples.length - 1].at)),
    ];
    samples.forEach((s, i) => {
      if (s.sent > 0) {
        const h = ySent(s.sent);
        parts.push(svg("rect", { class: "sent", x: x(i) - barWidth / 2, y: top + plotHeight - h, width: barWidth, height: h }));
      }
    });
    parts.push(svg("polyline", { class: "backlog", points: samples.map((s, i) => `${x(i)},${yPending(s.pending)}`).join(" ") }));
    chart.replaceChildren(...parts);
  }

  function showMessage(error) {
    const message = byId("message");
    message.hidden = !error;
    message.textContent = error ? error.message : "";
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const [status, history, deadLetters, pending] = await Promise.all([
        call("GET", "status"),
        call("GET", "history"),
        call("GET", "dead-letters?limit=50"),
        call("GET", "pending?limit=20"),
      ]);
      showStatus(status);
      showFlushes(history.flushes);
      showChart(history);
      showDeadLetters(deadLetters);
      showPending(pending);
      text("refreshed", new Date().toLocaleTimeString());
      document.body.dataset.loaded = "true";
      showMessage(null);
    } catch (error) {
      showMessage(error);
    } finally {
      timer = setTimeout(refresh, refreshSeconds * 1000);
    }
  }

  // Runs a button's call, then redraws; a failure stays on screen past the redraw.
  async function act(action) {
    const buttons = document.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    let failure = null;
    try {
      await action();
    } catch (error) {
      failure = error;
    }
    buttons.forEach((b) => { b.disabled = false; });
    await refresh();
    if (failure) showMessage(failure);
  }

  document.addEventListener("DOMContentLoaded", () => {
    text("refresh-seconds", refreshSeconds);
    byId("flush").addEventListener("click", () => act(() => call("POST", "flush")));
    byId("retry-all").addEventListener("click", () => act(() => call("POST", "dead-letters/retry")));
    refresh();
  });
})();
