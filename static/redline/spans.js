// Marking spans: a selection in a segment's text plus a label key (or a click on a label button)
// becomes a span; a focused chip is relabelled, accepted, rejected or deleted by key or mouse.
import { codePointsBefore } from "./offsets.js";
import { chips, currentSegment, keepChip, post, showError } from "./segments.js";

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
  const selected = selectionIn(segment);
  if (!selected) {
    showError(segment, "Select some words in this segment first, then press a label key.");
    return;
  }
  window.getSelection().removeAllRanges();
  post(segment, segment.dataset.spanAdd, { start: selected.start, end: selected.end, label: label, snap: exact ? "" : "on" });
}

// A label key pressed with no chip focused: marks the selection, wherever it is.
export function markWithDigit(event, digit, segment) {
  const label = labelForDigit(digit);
  const target = label && (segmentWithSelection() || segment);
  if (!target) return false;
  markSelection(target, label, event.altKey);
}

export function extendByWord(segment, forward) {
  const selection = window.getSelection();
  const box = segment.querySelector(".seg-text");
  if (!selection.rangeCount || !box.contains(selection.anchorNode)) {
    const first = box.querySelector(".t");
    if (!first || !first.firstChild) return;
    selection.collapse(first.firstChild, 0);
  }
  selection.modify("extend", forward ? "forward" : "backward", "word");
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

export function installSpans() {
  // Clicking a label keeps the text selection (mousedown would clear it) and marks it.
  document.addEventListener("mousedown", (event) => {
    if (event.target.closest(".label-button")) event.preventDefault();
  });
  document.addEventListener("click", onClick);
}
