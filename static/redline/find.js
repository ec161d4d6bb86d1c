// Find: `/` on the review screen opens a search over the document (the server searches and
// renders keyword-in-context hits into the box); arrows walk the hits and Enter opens one. A hit
// links to the review page that holds its segment, with #seg-<id>: that segment gets the focus.
import { focusFromUrl } from "./segments.js";

function box() {
  return document.getElementById("find-box");
}

function hits() {
  return Array.from(box().querySelectorAll(".find-hit"));
}

export function openFind() {
  const dialog = box();
  if (!dialog) return false;
  if (!dialog.open) dialog.showModal();
  const field = dialog.querySelector("input[name=q]");
  field.focus();
  field.select();
}

// The box's own keys: its fields and hits, not the page's.
export function inFind(element) {
  const dialog = box();
  return Boolean(dialog && dialog.open && dialog.contains(element));
}

export function step(from, by) {
  const all = hits();
  if (!all.length) return false;
  const index = all.indexOf(from);
  if (index < 0) {
    if (by < 0) return false;
    all[0].focus();
    return;
  }
  const next = index + by;
  if (next < 0) box().querySelector("input[name=q]").focus();
  else all[Math.min(next, all.length - 1)].focus();
}

// The box's link to the corpus search carries what was typed (and the modes), not the document:
// going on to search the whole corpus should not mean typing the query again.
function carryQuery(form) {
  const link = box().querySelector("a[data-corpus-search]");
  if (!link) return;
  const query = new URLSearchParams(new FormData(form));
  query.delete("doc");
  const url = new URL(link.href);
  url.search = query.get("q") ? query.toString() : "";
  link.href = url.toString();
}

export function installFind() {
  const form = box() && box().querySelector("form.find-box-form");
  if (form) {
    form.addEventListener("input", () => carryQuery(form));
    form.addEventListener("change", () => carryQuery(form));
  }
  // A hit on this same page changes only the hash: close the box and focus the hit's segment
  // (a hit on another page loads it, and the page focuses the segment its URL names).
  window.addEventListener("hashchange", () => {
    if (box() && box().open) box().close();
    focusFromUrl();
  });
}
