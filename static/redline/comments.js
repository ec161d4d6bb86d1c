// The segment's comment box (c) and the reject reason form (r): both hidden until asked for, opened
// with the focus in them; Ctrl+Enter posts (keys.js), Enter in the reason's note rejects, Esc
// closes either and goes back to the segment. The comment's text box waits in a <template> until
// then: a segment's only textarea is its editor's (segments.js gives the focus to it after a swap).
import { focusSegment } from "./segments.js";

function open(segment, selector, field) {
  const form = segment && segment.querySelector(selector);
  if (!form) return false;
  const waiting = form.querySelector("template.comment-box");
  if (waiting) waiting.replaceWith(waiting.content.cloneNode(true));
  form.hidden = false;
  form.querySelector(field).focus();
}

export function openComment(segment) {
  return open(segment, "form.comment-form", "textarea");
}

export function openReject(segment) {
  const opened = open(segment, "form.reject-form", "select[name=category]");
  const button = segment && segment.querySelector('[data-action="reject"]');
  if (button && opened !== false) button.setAttribute("aria-expanded", "true");
  return opened;
}

// Esc in one of these forms: close it. False: the field belongs to something else.
export function closeBox(field) {
  const form = field.closest("form.comment-form, form.reject-form");
  if (!form) return false;
  form.hidden = true;
  focusSegment(form.closest(".segment"));
  return true;
}

export function installComments() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest('[data-action="comment"], [data-action="reject"]');
    if (!button) return;
    const segment = button.closest(".segment");
    if (button.dataset.action === "comment") openComment(segment);
    else openReject(segment);
  });
}
