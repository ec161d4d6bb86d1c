// Undo and redo (Ctrl+Z, Ctrl+Shift+Z, or the buttons in the page head): the server reverses the
// user's last action on the document and answers with a status line plus the touched segments,
// swapped out of band; the focus then goes to the first of them.
import { focusSegment } from "./segments.js";

function statusBox() {
  return document.getElementById("undo-status");
}

export function undo(again) {
  const box = statusBox();
  if (!box || !window.htmx) return false;
  htmx.ajax("POST", again ? box.dataset.redo : box.dataset.undo, { source: box, target: box, swap: "innerHTML" });
}

export function installUndo() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest('[data-action="undo"], [data-action="redo"]');
    if (button) undo(button.dataset.action === "redo");
  });
  let fading = null;
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.target !== statusBox()) return;
    // A toast: it goes after a while (a refused undo also shows in the segment itself).
    clearTimeout(fading);
    fading = setTimeout(() => event.target.replaceChildren(), 8000);
    const line = event.target.querySelector("[data-focus]");
    const segment = line && document.getElementById(line.dataset.focus);
    if (segment) focusSegment(segment);
  });
}
