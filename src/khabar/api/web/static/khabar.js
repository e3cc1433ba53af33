// Khabar UI: small progressive enhancements. Everything works without this file except the
// upload, which needs it to send the token as a header. No inline scripts (the CSP forbids them).
"use strict";

function describeReport(report) {
  const lines = [
    `read ${report.read}: ${report.stored} stored, ${report.already_stored} already stored, ${report.rejected} rejected`,
  ];
  for (const [reason, n] of Object.entries(report.reasons || {})) {
    lines.push(`  rejected ${n} ${reason}`);
  }
  return lines.join("\n");
}

function setupUpload() {
  const form = document.getElementById("upload");
  if (!form) return;
  const out = document.getElementById("upload-result");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = document.getElementById("token").value;
    const file = document.getElementById("file").files[0];
    if (!file) return;
    const body = new FormData();
    body.append("file", file, file.name);
    out.className = "result";
    out.textContent = "ingesting…";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body,
      });
      const payload = await response.json().catch(() => ({ detail: response.statusText }));
      out.dataset.status = String(response.status);
      if (!response.ok) {
        out.className = "result fail";
        out.textContent = `${response.status}: ${payload.detail}`;
        return;
      }
      out.className = "result ok";
      out.textContent = describeReport(payload);
      const refs = new Map((payload.document_refs || []).map((r) => [r.id, r]));
      for (const id of payload.documents || []) {
        const ref = refs.get(id);
        const link = document.createElement("a");
        link.href = `/document/${encodeURIComponent(id)}`;
        link.textContent = ref && ref.title ? ref.title : id;
        link.className = "doc-link";
        if (ref && ref.lang) link.lang = ref.lang;
        link.dir = "auto";
        out.append("\n", link);
        if (ref) {
          const meta = document.createElement("span");
          meta.className = "doc-meta";
          meta.textContent = " " + [ref.outlet, ref.published, ref.lang].filter(Boolean).join(" · ");
          out.append(meta);
        }
      }
    } catch (error) {
      out.className = "result fail";
      out.textContent = `upload failed: ${error}`;
    }
  });
}

// Clicking a highlighted span outlines every span of the same entity (or time value).
function setupHighlights() {
  const text = document.getElementById("doc-text");
  if (!text) return;
  text.addEventListener("mouseover", (event) => {
    const mark = event.target.closest("mark.ent[data-entity]");
    for (const m of text.querySelectorAll("mark.selected")) m.classList.remove("selected");
    if (!mark) return;
    const id = mark.dataset.entity;
    for (const m of text.querySelectorAll("mark.ent[data-entity]")) {
      if (m.dataset.entity === id) m.classList.add("selected");
    }
  });
}

// "New since": while a watching server (khabar serve --watch) stores articles, say how many
// arrived since this page was opened. The page is complete without it.
const NEW_POLL_MS = 15000;

async function newSince(after) {
  const response = await fetch(`/api/new?limit=0${after === null ? "" : `&after=${after}`}`);
  return response.ok ? response.json() : null;
}

async function setupNewSince() {
  const note = document.getElementById("new-since");
  if (!note) return;
  const first = await newSince(null).catch(() => null);
  if (!first) return;
  const poll = async () => {
    const answer = await newSince(first.latest).catch(() => null);
    if (answer && answer.new > 0) {
      note.hidden = false;
      note.querySelector("a").textContent =
        `${answer.new} new document${answer.new === 1 ? "" : "s"} since you opened this page — reload`;
    }
  };
  setInterval(poll, NEW_POLL_MS);
}

// The alerts' unread items, beside "Alerts" in the menu (the alerts page lists them without this).
const ALERTS_POLL_MS = 15000;

async function showUnreadAlerts() {
  const badge = document.querySelector("#nav-alerts .unread-count");
  if (!badge) return;
  const response = await fetch("/api/alerts?limit=200").catch(() => null);
  if (!response || !response.ok) return;
  const page = await response.json();
  const unread = (page.items || []).reduce((sum, alert) => sum + (alert.unread || 0), 0);
  badge.textContent = unread > 0 ? ` ${unread}` : "";
  badge.hidden = unread === 0;
  badge.title = `${unread} unread alert item${unread === 1 ? "" : "s"}`;
}

function setupUnreadAlerts() {
  showUnreadAlerts();
  setInterval(showUnreadAlerts, ALERTS_POLL_MS);
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload();
  setupHighlights();
  setupNewSince();
  setupUnreadAlerts();
});
