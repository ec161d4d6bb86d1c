// The effort behind a save: active editing time and time to the first keystroke, per segment,
// sent with the editor's save (edit_time_ms, first_key_ms; checked by corpus/effort.py).
//
// The clock runs only while the reviewer is in the editor: from its opening (or the focus coming
// back into it) to the save, the editor closing or the focus leaving it. Each gap between two
// signs of activity in the editor (a key, a click, a scroll, typing) counts; a gap over a minute
// counts nothing, being someone away, not editing. Visits add up until a save is accepted: an
// editor cancelled and opened again later goes on from where it was. Time to the first keystroke
// is read from the same clock, so it never exceeds the editing time.

const IDLE_MS = 60_000;
const MAX_MS = 24 * 60 * 60 * 1000; // what the server accepts for one save

// segment element id -> { active, firstKey, last }; last is null between visits.
const clocks = new Map();

function clockOf(id) {
  let clock = clocks.get(id);
  if (!clock) {
    clock = { active: 0, firstKey: null, last: null };
    clocks.set(id, clock);
  }
  return clock;
}

// One sign of activity at `now`: starts a visit, or adds the gap since the last one.
function tick(id, now) {
  const clock = clockOf(id);
  if (clock.last !== null) {
    const gap = now - clock.last;
    if (gap > 0 && gap <= IDLE_MS) clock.active += gap;
  }
  clock.last = now;
  return clock;
}

function pause(id, now) {
  if (!clocks.has(id) || clocks.get(id).last === null) return;
  tick(id, now).last = null;
}

function editorOf(target) {
  return target && target.closest ? target.closest(".segment.editing") : null;
}

// A keystroke in the text: a key on its own (not a chord such as Ctrl+Enter, which saves), or
// text arriving (a paste, an input method's composition).
function typedInText(event) {
  if (event.target.name !== "text") return false;
  if (event.type === "input" || event.type === "paste") return true;
  const chord = event.ctrlKey || event.metaKey || event.altKey;
  return event.type === "keydown" && !chord && !["Control", "Shift", "Alt", "Meta"].includes(event.key);
}

function onActivity(event) {
  const editor = editorOf(event.target);
  if (!editor) return;
  const clock = tick(editor.id, performance.now());
  if (clock.firstKey === null && typedInText(event)) clock.firstKey = clock.active;
}

function onFocusOut(event) {
  const editor = editorOf(event.target);
  if (editor && !editor.contains(event.relatedTarget)) pause(editor.id, performance.now());
}

// The save's request: the time so far goes with it (the visit goes on if the save is refused).
function onConfigRequest(event) {
  const form = event.detail.elt;
  const editor = form && form.matches && form.matches("form.edit-form") ? editorOf(form) : null;
  if (!editor || !clocks.has(editor.id)) return;
  const clock = tick(editor.id, performance.now());
  event.detail.parameters.edit_time_ms = Math.min(Math.round(clock.active), MAX_MS);
  if (clock.firstKey !== null) event.detail.parameters.first_key_ms = Math.min(Math.round(clock.firstKey), MAX_MS);
}

// The editor leaving the page (cancel, or a save's answer) ends the visit; a save accepted also
// starts the next revision's clock from zero. Read before the swap: afterwards the form is out
// of the page and its events no longer reach the document.
function onBeforeSwap(event) {
  const editor = editorOf(event.detail.target);
  if (!editor) return;
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  const saved = source && source.matches && source.matches("form.edit-form") && event.detail.xhr.status < 300;
  if (saved) clocks.delete(editor.id);
  else pause(editor.id, performance.now());
}

function startVisits(root) {
  const found = root.matches && root.matches(".segment.editing") ? [root] : Array.from(root.querySelectorAll ? root.querySelectorAll(".segment.editing") : []);
  for (const editor of found) {
    const clock = clocks.get(editor.id);
    if (!clock || clock.last === null) tick(editor.id, performance.now());
  }
}

function onVisibility() {
  if (document.visibilityState !== "hidden") return;
  const now = performance.now();
  for (const id of clocks.keys()) pause(id, now);
}

export function installEffort() {
  for (const type of ["keydown", "input", "mousedown", "wheel", "paste", "focusin"]) {
    document.addEventListener(type, onActivity, true);
  }
  document.addEventListener("focusout", onFocusOut, true);
  document.addEventListener("visibilitychange", onVisibility);
  document.addEventListener("htmx:configRequest", onConfigRequest);
  document.addEventListener("htmx:beforeSwap", onBeforeSwap);
  document.addEventListener("htmx:load", (event) => startVisits(event.detail.elt));
  startVisits(document);
}
