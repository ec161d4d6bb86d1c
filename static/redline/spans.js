// Marking spans: a selection in a segment's text plus a label key (or a click on a label button)
// becomes a span; a focused chip is relabelled, accepted, rejected or deleted by key or mouse.
import { codePointsBefore } from "./offsets.js";
import { chips, currentSegment, keepChip, post, showError } from "./segments.js";
import { gettext, interpolate } from "./i18n.js";

// The selection inside one segment's text, as code-point offsets, or null.
function selectionIn(segment) {
  const selection = window.getSelection();
  const box = segment && segment.querySelector(".seg-text");
  if (!box || !selection.rangeCount || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
  const start = codePointsBefore(box, range.startContainer, range.startOffset);
  const end = codePointsBefore(box, range.endContainer, range.endOffset);
  return end > start ? { start: start, end: end } : null;
}

function segmentWithSelection() {
  const selection = window.getSelection();
  if (!selection.rangeCount || selection.isCollapsed) return null;
  const node = selection.getRangeAt(0).startContainer;
  const element = node.nodeType === 1 ? node : node.parentElement;
  return element && element.closest(".segment");
}

// The label whose palette button shows this digit as its shortcut.
export function labelForDigit(digit) {
  const button = Array.from(document.querySelectorAll(".label-button")).find((b) => {
    const key = b.querySelector("kbd");
    return key && key.textContent.trim() === digit;
  });
  return button ? button.dataset.label : null;
}

// Snaps to whole words on the server unless `exact` (Alt held).
function markSelection(segment, label, exact) {
  const selected = selectionIn(segment) || cursorWord(segment);
  if (!selected) {
    showError(segment, gettext("Select some words in this segment first (or move to one with → and extend with Shift+→), then press a label key."));
    return;
  }
  window.getSelection().removeAllRanges();
  cursor.anchor = null; // the cursor stays on its word after the swap
  post(segment, segment.dataset.spanAdd, { start: selected.start, end: selected.end, label: label, snap: exact ? "" : "on" });
}

// A label key pressed with no chip focused: marks the selection, wherever it is.
export function markWithDigit(event, digit, segment) {
  const label = labelForDigit(digit);
  const target = label && (segmentWithSelection() || segment);
  if (!target) return false;
  markSelection(target, label, event.altKey);
}

// The word cursor of the focused segment: ←/→ move it a word, Shift extends a selection from where
// it stood, Home/End go to the first or last word. The cursor's word is drawn with a CSS highlight
// (no change to the text's DOM) and read out through a live region; a label key marks the
// selection, or the cursor's word when nothing is selected.
const cursor = { segmentId: null, index: 0, anchor: null };
const WORDS = new Intl.Segmenter(undefined, { granularity: "word" });

// Each word of the segment's text as a DOM range over its text pieces (.t), in order. Words are
// found by Intl.Segmenter, so CJK, emoji and combining marks count as the browser counts them.
function wordRanges(segment) {
  const box = segment.querySelector(".seg-text");
  const nodes = box ? Array.from(box.querySelectorAll(".t")).map((piece) => piece.firstChild).filter(Boolean) : [];
  const starts = [];
  let text = "";
  nodes.forEach((node) => {
    starts.push(text.length);
    text += node.data;
  });
  // A UTF-16 offset of the joined text as a point in one of its pieces.
  const point = (offset, end) => {
    let i = nodes.length - 1;
    while (i > 0 && (starts[i] > offset || (end && starts[i] === offset))) i -= 1;
    return [nodes[i], offset - starts[i]];
  };
  return Array.from(WORDS.segment(text))
    .filter((part) => part.isWordLike)
    .map((part) => {
      const range = document.createRange();
      range.setStart(...point(part.index, false));
      range.setEnd(...point(part.index + part.segment.length, true));
      return range;
    });
}

function announce(segment, text) {
  const live = document.getElementById("cursor-status");
  if (live) live.textContent = text;
  segment.setAttribute("aria-description", text);
}

function drawCursor(segment) {
  const words = wordRanges(segment);
  if (!words.length || cursor.segmentId !== segment.id) return;
  cursor.index = Math.min(cursor.index, words.length - 1);
  const word = words[cursor.index];
  if (window.CSS && CSS.highlights) CSS.highlights.set("word-cursor", new Highlight(word));
  const selection = window.getSelection();
  if (cursor.anchor === null) {
    selection.removeAllRanges();
    announce(segment, interpolate(gettext("Word %(n)s of %(total)s: %(word)s"), { n: cursor.index + 1, total: words.length, word: word.toString() }));
    return;
  }
  const from = words[Math.min(cursor.anchor, cursor.index)];
  const to = words[Math.max(cursor.anchor, cursor.index)];
  selection.setBaseAndExtent(from.startContainer, from.startOffset, to.endContainer, to.endOffset);
  announce(segment, interpolate(gettext("Selected: %(text)s. A label key marks it."), { text: selection.toString() }));
}

// `to`: "next", "previous", "first" or "last"; `extend`: Shift was held.
export function moveCursor(segment, to, extend) {
  const words = wordRanges(segment);
  if (!words.length) return false;
  const fresh = cursor.segmentId !== segment.id;
  if (fresh) Object.assign(cursor, { segmentId: segment.id, index: to === "previous" ? words.length - 1 : 0, anchor: null });
  if (extend && cursor.anchor === null) cursor.anchor = cursor.index;
  if (!extend) cursor.anchor = null;
  const last = words.length - 1;
  const step = { next: 1, previous: -1, first: -last, last: last }[to];
  // The first press on a segment shows the cursor where it starts (Shift+→ selects the first word).
  if (!fresh || to === "first" || to === "last") cursor.index = Math.max(0, Math.min(last, cursor.index + step));
  drawCursor(segment);
}

// The cursor's word, as code-point offsets, when it stands in this segment.
function cursorWord(segment) {
  if (cursor.segmentId !== segment.id) return null;
  const word = wordRanges(segment)[cursor.index];
  const box = segment.querySelector(".seg-text");
  if (!word) return null;
  return { start: codePointsBefore(box, word.startContainer, word.startOffset), end: codePointsBefore(box, word.endContainer, word.endOffset) };
}

function forgetCursor() {
  cursor.segmentId = null;
  cursor.anchor = null;
  if (window.CSS && CSS.highlights) CSS.highlights.delete("word-cursor");
}

function isPending(chip) {
  return chip.dataset.state === "suggested" || chip.dataset.state === "needs-review";
}

// Keys on a focused chip; each returns false when the key does nothing there.
export function relabelChip(chip, digit) {
  const label = labelForDigit(digit);
  if (!label) return false;
  post(chip.closest(".segment"), chip.dataset.relabelUrl, { label: label });
}

export function acceptChip(chip) {
  if (!isPending(chip)) return false;
  post(chip.closest(".segment"), chip.dataset.acceptUrl);
}

// A suggestion is rejected (kept, so the model is not asked again); anything else is deleted.
export function removeChip(chip) {
  const url = chip.dataset.state === "suggested" ? chip.dataset.rejectUrl : chip.dataset.deleteUrl;
  post(chip.closest(".segment"), url);
}

function onClick(event) {
  const labelButton = event.target.closest(".label-button");
  if (labelButton) {
    const focusedChip = document.activeElement && document.activeElement.closest(".chip-label");
    if (focusedChip && !segmentWithSelection()) {
      // A span is focused and nothing is selected: the click relabels that span.
      const segment = focusedChip.closest(".segment");
      keepChip(chips(segment).indexOf(focusedChip));
      post(segment, focusedChip.dataset.relabelUrl, { label: labelButton.dataset.label });
      return;
    }
    const segment = segmentWithSelection() || currentSegment();
    if (segment) markSelection(segment, labelButton.dataset.label, event.altKey);
    return;
  }
  const act = event.target.closest(".span-act");
  if (act) {
    post(act.closest(".segment"), act.dataset.url);
    return;
  }
  const chip = event.target.closest(".chip-label");
  if (chip) chip.focus();
}

// The cursor belongs to one segment: moving the focus to another forgets it; a swap of its own
// segment (after marking) draws it again on the new element.
function onFocusIn(event) {
  const segment = event.target.closest && event.target.closest(".segment");
  if (cursor.segmentId && (!segment || segment.id !== cursor.segmentId)) forgetCursor();
}

function onSettle(event) {
  const segment = event.target.closest && event.target.closest(".segment");
  if (segment && segment.id === cursor.segmentId && !segment.querySelector("textarea")) drawCursor(segment);
}

export function installSpans() {
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("htmx:afterSettle", onSettle);
  // Clicking a label keeps the text selection (mousedown would clear it) and marks it.
  document.addEventListener("mousedown", (event) => {
    if (event.target.closest(".label-button")) event.preventDefault();
  });
  document.addEventListener("click", onClick);
}
