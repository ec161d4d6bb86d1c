// The review screen's keyboard: one keydown listener, one table. The focused element decides the
// context (the link box's search field, a text field, a finding, a span chip, else the page);
// within it the key's name picks the action. An action returns false when the key does nothing
// there, so the browser's default (typing, clicking a focused button) goes on.
import { closeBox, openComment, openReject } from "./comments.js";
import { cancel, save, splitAtCaret } from "./editor.js";
import { editAtFinding, fixFinding, startDismiss, stopDismiss } from "./findings.js";
import * as find from "./find.js";
import * as linkbox from "./linkbox.js";
import { toggleSources } from "./sources.js";
import { advanceAfterSwap, chips, currentSegment, focusChip, focusSegment, keepChip, move, moveFinding, press, turnPage } from "./segments.js";
import { acceptChip, markWithDigit, moveCursor, relabelChip, removeChip } from "./spans.js";
import { undo } from "./undo.js";

const KEYS = {
  linkbox: {
    ArrowDown: () => linkbox.step(1),
    ArrowUp: () => linkbox.step(-1),
    Enter: () => linkbox.linkChosen(),
    // A search field's own Esc would only clear the text (the box opens filled with the span's).
    Escape: () => linkbox.close(),
  },
  find: {
    ArrowDown: ({ event }) => find.step(event.target, 1),
    ArrowUp: ({ event }) => find.step(event.target, -1),
  },
  typing: {
    "Ctrl+Enter": ({ event, segment }) => (event.shiftKey ? splitAtCaret(segment) : save(event.target)),
    Escape: ({ event, segment }) => {
      if (closeBox(event.target)) return;
      if (event.target.name !== "reason") return cancel(segment);
      stopDismiss(event.target);
      return false;
    },
  },
  // With Ctrl (or Cmd) held, outside text fields: only these; the browser keeps the rest.
  history: {
    "Ctrl+z": () => undo(false),
    "Ctrl+Z": () => undo(true),
    "Ctrl+y": () => undo(true),
  },
  finding: {
    f: ({ segment, finding }) => fixFinding(segment, finding),
    d: ({ finding }) => startDismiss(finding),
    e: ({ segment, finding }) => editAtFinding(segment, finding),
    n: () => moveFinding(1),
    N: () => moveFinding(-1),
    j: () => move(1),
    k: () => move(-1),
    Tab: ({ event, segment, finding }) => focusChip(segment, chips(segment).indexOf(finding) + (event.shiftKey ? -1 : 1)),
    Escape: ({ segment }) => focusSegment(segment),
  },
  chip: {
    digit: ({ chip, digit }) => relabelChip(chip, digit),
    a: ({ chip }) => acceptChip(chip),
    x: ({ chip }) => removeChip(chip),
    Backspace: ({ chip }) => removeChip(chip),
    Delete: ({ chip }) => removeChip(chip),
    Tab: ({ event, segment, chip }) => focusChip(segment, chips(segment).indexOf(chip) + (event.shiftKey ? -1 : 1)),
    Escape: ({ segment }) => focusSegment(segment),
    A: ({ segment }) => {
      press(segment, "A");
    },
    g: ({ segment, chip }) => linkbox.openLinkBox(segment, chip),
    p: ({ segment, chip }) => linkbox.propose(segment, chip),
  },
  page: {
    digit: ({ event, segment, digit }) => markWithDigit(event, digit, segment),
    ArrowRight: ({ event, segment }) => (segment ? moveCursor(segment, "next", event.shiftKey) : false),
    ArrowLeft: ({ event, segment }) => (segment ? moveCursor(segment, "previous", event.shiftKey) : false),
    Home: ({ event, segment }) => (segment ? moveCursor(segment, "first", event.shiftKey) : false),
    End: ({ event, segment }) => (segment ? moveCursor(segment, "last", event.shiftKey) : false),
    Tab: ({ event, segment }) => {
      const all = segment ? chips(segment) : [];
      if (!all.length) return false;
      focusChip(segment, event.shiftKey ? all.length - 1 : 0);
    },
    j: () => move(1),
    k: () => move(-1),
    n: () => moveFinding(1),
    N: () => moveFinding(-1),
    "]": () => turnPage("next", "first"),
    "[": () => turnPage("prev", "first"),
    "?": () => openHelp(),
    "/": () => find.openFind(),
    e: ({ segment }) => {
      press(segment, "e");
    },
    Enter: ({ event, segment }) => {
      if (event.target !== segment) return false; // Enter on a button clicks it
      press(segment, "e");
    },
    a: ({ segment }) => advanceAfterSwap(press(segment, "a")),
    r: ({ segment }) => openReject(segment),
    c: ({ segment }) => openComment(segment),
    m: ({ segment }) => {
      press(segment, "m");
    },
    A: ({ segment }) => {
      press(segment, "A");
    },
    f: ({ segment }) => {
      if (segment) fixFinding(segment, null);
    },
    d: ({ segment }) => {
      const first = segment && segment.querySelector(".finding");
      if (first) {
        first.focus();
        startDismiss(first);
      }
    },
    h: ({ segment }) => {
      press(segment, "h");
    },
    s: () => toggleSources(),
    // A segment's history closes back to the segment, on the review page that holds it.
    Escape: () => {
      const back = document.querySelector('[data-action="close-history"]');
      if (!back) return false;
      back.click();
    },
  },
};

function openHelp() {
  const dialog = document.getElementById("keys");
  if (dialog && !dialog.open) dialog.showModal();
}

// The table and the values its actions need, for this event; null: the keyboard is not ours here.
function contextOf(event) {
  const target = event.target;
  const segment = currentSegment();
  if (linkbox.isQuery(target)) return { keys: KEYS.linkbox, ignoreCtrl: true };
  if (find.inFind(target)) return { keys: KEYS.find, ignoreCtrl: true };
  if (target.matches("textarea, input, select, [contenteditable]")) return segment ? { keys: KEYS.typing, segment } : null;
  if (document.querySelector("dialog[open]")) return null;
  if (event.ctrlKey || event.metaKey) return { keys: KEYS.history };
  const finding = target.closest(".finding");
  if (finding && segment && target === finding) return { keys: KEYS.finding, segment, finding };
  const chip = target.closest(".chip-label");
  if (chip && segment) return { keys: KEYS.chip, segment, chip, keepsChip: true };
  return { keys: KEYS.page, segment, altOnlyForDigits: true };
}

// Label keys go by their physical key (Digit1…Digit9), so Alt and Shift do not change them.
function keyName(event, ignoreCtrl) {
  if (/^Digit[1-9]$/.test(event.code)) return "digit";
  return (event.ctrlKey || event.metaKey) && !ignoreCtrl ? "Ctrl+" + event.key : event.key;
}

function onKeydown(event) {
  const context = contextOf(event);
  if (!context) return;
  const name = keyName(event, context.ignoreCtrl);
  if (context.altOnlyForDigits && event.altKey && name !== "digit") return;
  let action = Object.hasOwn(context.keys, name) ? context.keys[name] : null;
  // On a focused finding the page's keys still work (s, a, h, ?, …): the finding's table only
  // overrides some. A fix moves the focus to the next finding, so this is where the keys often are.
  if (!action && context.finding && Object.hasOwn(KEYS.page, name)) action = KEYS.page[name];
  if (!action) return;
  // After a swap, the focus goes back to the chip the key was pressed on.
  if (context.keepsChip) keepChip(chips(context.segment).indexOf(context.chip));
  const handled = action({ ...context, event, digit: name === "digit" ? event.code.slice(5) : null });
  if (handled === false) {
    if (context.keepsChip) keepChip(null);
    return;
  }
  event.preventDefault();
}

export function installKeys() {
  document.addEventListener("keydown", onKeydown);
  document.addEventListener("click", (event) => {
    if (event.target.closest('[data-action="help"]')) openHelp();
  });
}
