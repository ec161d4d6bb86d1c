// The segments on the page: moving between them, pressing their buttons, swapping one by HTMX,
// and putting the focus back where the reviewer was once a swap has replaced the element.

import { utf16Offset } from "./offsets.js";

const after = { segmentId: null, chipIndex: null, advance: false, select: null, findingFrom: null };

export function segments() {
  return Array.from(document.querySelectorAll("#segments .segment"));
}

export function currentSegment() {
  const active = document.activeElement;
  return active && active.closest ? active.closest(".segment") : null;
}

// Room kept between the sticky label bar and a segment brought into view.
const MARGIN = 8;

// Scrolls just enough to show the whole segment: its status line never under the sticky bar.
export function reveal(el) {
  const bar = document.querySelector(".palette");
  const top = (bar ? Math.max(bar.getBoundingClientRect().bottom, 0) : 0) + MARGIN;
  const rect = el.getBoundingClientRect();
  if (rect.top < top) {
    window.scrollBy(0, rect.top - top);
  } else if (rect.bottom > window.innerHeight - MARGIN) {
    // Down to its end, but never so far that its top slides under the bar (a tall segment).
    window.scrollBy(0, Math.min(rect.bottom - window.innerHeight + MARGIN, rect.top - top));
  }
}

export function focusSegment(el) {
  if (!el) return;
  el.focus({ preventScroll: true });
  reveal(el);
}

// The pager's link to the next or previous page, if there is one.
function pageLink(rel) {
  const link = document.querySelector('.pager a[rel="' + rel + '"]');
  return link ? link.href : null;
}

// Opens the neighbouring page with its first or last segment focused; false at the document's end.
export function turnPage(rel, focus) {
  const href = pageLink(rel);
  if (!href) return false;
  window.location.assign(href.split("#")[0] + "#" + focus);
}

// j past the page's last segment opens the next page; k before its first, the previous one.
export function move(step) {
  const all = segments();
  if (!all.length) return;
  const index = all.indexOf(currentSegment());
  if (index < 0) {
    focusSegment(all[0]);
    return;
  }
  const next = index + step;
  if (next >= all.length && turnPage("next", "first") !== false) return;
  if (next < 0 && turnPage("prev", "last") !== false) return;
  focusSegment(all[Math.min(Math.max(next, 0), all.length - 1)]);
}

// The URL names the focused segment (#seg-12), so a reload or Back returns to it. A page opened
// with #first or #last (the pager, j and k across pages) or by a link to a segment focuses it.
function focusFromUrl() {
  const all = segments();
  if (!all.length) return;
  const hash = window.location.hash.slice(1);
  const wanted = document.querySelector("#segments").dataset.focus;
  let target = null;
  if (hash === "first") target = all[0];
  else if (hash === "last") target = all[all.length - 1];
  else if (hash.startsWith("seg-")) target = document.getElementById(hash);
  else if (wanted) target = document.getElementById(wanted);
  if (target && target.classList.contains("segment")) focusSegment(target);
}

function rememberInUrl(event) {
  const segment = event.target.closest && event.target.closest("#segments .segment");
  if (!segment || window.location.hash === "#" + segment.id) return;
  window.history.replaceState(window.history.state, "", "#" + segment.id);
}

// Behaviour lives in the HTML: a key clicks the segment's button carrying that data-key.
export function press(segment, key) {
  const button = segment && segment.querySelector('[data-key="' + key + '"]');
  if (button) button.click();
  return Boolean(button);
}

export function showError(segment, text) {
  let box = segment.querySelector(".client-error");
  if (!box) {
    box = document.createElement("p");
    box.className = "msg msg-error client-error";
    box.setAttribute("role", "alert");
    segment.querySelector(".seg-actions").before(box);
  }
  box.textContent = text;
}

// Tab walks the spans' label chips, then the findings, of the focused segment.
export function chips(segment) {
  return Array.from(segment.querySelectorAll(".chip-label, .finding"));
}

export function focusChip(segment, index) {
  const all = chips(segment);
  if (!all.length) {
    focusSegment(segment);
    return;
  }
  all[Math.max(0, Math.min(index, all.length - 1))].focus();
}

// Which chip (by position) gets the focus after the next swap; null: the segment itself.
export function keepChip(index) {
  after.chipIndex = index;
}

// After the editor opens, select these code points of its text (a finding's characters).
export function selectAfterSwap(start, end) {
  after.select = { start, end };
}

// Findings in page order; a page filtered by a check walks that check's findings only.
export function pageFindings() {
  const check = document.getElementById("segments")?.dataset.check;
  const all = Array.from(document.querySelectorAll("#segments .finding"));
  return check ? all.filter((finding) => finding.dataset.check === check) : all;
}

export function focusFinding(finding) {
  finding.focus({ preventScroll: true });
  finding.scrollIntoView({ block: "nearest", behavior: "auto" });
}

// n / N: the next (previous) finding after (before) the focused element, across segments; past
// the last one of the page, the next page opens at its first finding.
export function moveFinding(step) {
  const all = pageFindings();
  const active = document.activeElement;
  const from = active && active !== document.body && active.closest("#segments") ? active : null;
  const relation = step > 0 ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
  const candidates = from ? all.filter((f) => f !== from && from.compareDocumentPosition(f) & relation) : all;
  const target = step > 0 ? candidates[0] : candidates[candidates.length - 1];
  if (target) {
    focusFinding(target);
    return;
  }
  const next = step > 0 && document.querySelector(".pager a[rel=next]");
  if (next) {
    sessionStorage.setItem("redline-focus", "first-finding");
    window.location.assign(next.href);
  }
}

// A page opened by n past the last finding, or filtered by a check (a click on the check in the
// findings summary), starts at its first finding: that is what the reviewer came for.
export function focusFirstFindingIfAsked() {
  const asked = sessionStorage.getItem("redline-focus") === "first-finding";
  sessionStorage.removeItem("redline-focus");
  const list = document.getElementById("segments");
  // A segment named by the link or the URL (history, reload, Back) keeps the focus it was given.
  const placed = list?.dataset.focus || location.hash.startsWith("#seg-");
  if (!asked && (placed || !list?.dataset.check)) return;
  const first = pageFindings()[0];
  if (first) focusFinding(first);
}

// After a fix, the focus goes to the next finding: in the fixed segment from where the fixed one
// started, else in the segments after it.
export function findingAfterSwap(start) {
  after.findingFrom = start;
}

function nextFindingFrom(segment, start) {
  const all = pageFindings();
  const inside = all.find((f) => segment.contains(f) && Number(f.dataset.start) >= start);
  return inside || all.find((f) => !segment.contains(f) && segment.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
}

// After approving or rejecting, move on to the next segment unless the swap reports an error.
export function advanceAfterSwap(pressed) {
  after.advance = pressed;
}

export function post(segment, url, values) {
  after.segmentId = segment.id;
  htmx.ajax("POST", url, { source: segment, target: segment, swap: "outerHTML", values: values || {} });
}

export function reload(segment) {
  after.segmentId = segment.id;
  htmx.ajax("GET", segment.dataset.url, { source: segment, target: segment, swap: "outerHTML" });
}

function restoreFocus() {
  const segment = after.segmentId && document.getElementById(after.segmentId);
  if (!segment) return;
  const textarea = segment.querySelector("textarea");
  const focusSpan = segment.dataset.focusSpan;
  const wanted = focusSpan && segment.querySelector('.chip-label[data-span="' + focusSpan + '"]');
  if (wanted) {
    wanted.focus();
  } else if (after.findingFrom !== null && !segment.querySelector(".msg-error")) {
    const next = nextFindingFrom(segment, after.findingFrom);
    if (next) focusFinding(next);
    else focusSegment(segment);
  } else if (after.chipIndex !== null) {
    focusChip(segment, after.chipIndex);
  } else if (textarea) {
    textarea.focus();
    const { start, end } = after.select || { start: textarea.value.length, end: textarea.value.length };
    textarea.setSelectionRange(utf16Offset(textarea.value, start), utf16Offset(textarea.value, end));
  } else if (after.advance && !segment.querySelector(".msg-error")) {
    const all = segments();
    focusSegment(all[all.indexOf(segment) + 1] || segment);
  } else {
    focusSegment(segment);
  }
  after.advance = false;
  after.chipIndex = null;
  after.select = null;
  after.findingFrom = null;
}

export function installNavigation() {
  document.addEventListener("focusin", rememberInUrl);
  focusFromUrl();
}

export function installFocusRestore() {
  // An outerHTML swap replaces the element itself: remember the segment a request came from.
  // Only segment requests and segment swaps count: the findings summary loading beside them
  // (at page load, or polling) must neither forget the segment nor move the focus early.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const segment = event.detail.elt.closest && event.detail.elt.closest(".segment");
    if (segment) after.segmentId = segment.id;
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.target.closest && event.target.closest(".segment")) restoreFocus();
  });
}
