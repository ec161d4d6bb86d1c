// Editing a segment's text: save, cancel, and split at the caret. Edit, approve, reject and
// merge are buttons in the segment (data-key) that keys.js presses.
import { codePointOffset } from "./offsets.js";
import { press, showError } from "./segments.js";
import { gettext } from "./i18n.js";

// The server cuts at a code-point offset of the saved text.
export function splitAtCaret(segment) {
  const textarea = segment.querySelector("textarea[name=text]");
  const form = segment.querySelector("form.split-form");
  if (!textarea || !form) return;
  if (textarea.value !== textarea.defaultValue) {
    showError(segment, gettext("Save your edit first (Ctrl+Enter), then split: a split works on the saved text."));
    return;
  }
  form.querySelector("input[name=cut]").value = codePointOffset(textarea.value, textarea.selectionStart);
  form.requestSubmit();
}

export function save(field) {
  const form = field.closest("form");
  if (form) form.requestSubmit();
}

export function cancel(segment) {
  press(segment, "cancel");
}

export function installEditor() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest('[data-action="split"]');
    if (button) splitAtCaret(button.closest(".segment"));
  });
}
