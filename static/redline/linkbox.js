// The glossary link box: on a focused span chip, g opens it with the span's text as the query;
// the server renders the ranked concepts into the list (an HTMX partial, searched as one types);
// arrows choose, Enter or a click links, Esc closes and gives the focus back to the chip.
// p on a chip proposes the span as a draft concept instead.
import { reload, showError } from "./segments.js";
import { gettext } from "./i18n.js";

let linking = null; // { segment, spanId } while the box is open

function box() {
  return document.getElementById("link-box");
}

function options() {
  return Array.from(box().querySelectorAll(".link-hits [role=option]"));
}

function chosen() {
  return options().find((option) => option.getAttribute("aria-selected") === "true");
}

function csrfToken() {
  return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
}

function postForm(url, values) {
  return fetch(url, {
    method: "POST",
    headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams(values),
  });
}

export function isQuery(element) {
  return Boolean(linking) && element.id === "link-query";
}

export function openLinkBox(segment, chip) {
  const dialog = box();
  if (!dialog) return;
  linking = { segment: segment, spanId: chip.dataset.span };
  dialog.querySelector(".link-surface").textContent = chip.dataset.text;
  dialog.querySelector(".link-hits").replaceChildren();
  const input = dialog.querySelector("#link-query");
  input.value = chip.dataset.text;
  dialog.showModal();
  input.select();
  htmx.trigger(input.form, "link-search");
}

export function close() {
  box().close();
}

export function step(delta) {
  const all = options();
  if (!all.length) return;
  const index = Math.max(0, Math.min(all.length - 1, all.indexOf(chosen()) + delta));
  all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
}

export function linkChosen() {
  link(chosen());
}

function link(option) {
  if (!linking || !option) return;
  const segment = linking.segment;
  postForm(box().dataset.link, { span: linking.spanId, term: option.dataset.term }).then((r) => {
    box().close();
    if (!r.ok) return r.json().then((data) => showError(segment, data.error || gettext("The link was refused.")));
    reload(segment);
  });
}

export function propose(segment, chip) {
  postForm(box().dataset.propose, { span: chip.dataset.span }).then((r) =>
    r
      .json()
      .catch(() => ({}))
      .then((data) => {
        if (!r.ok) showError(segment, data.error || gettext("The proposal was refused."));
        else reload(segment);
      }),
  );
}

export function installLinkBox() {
  document.addEventListener("click", (event) => {
    const option = event.target.closest("#link-box [role=option]");
    if (option) link(option);
  });
  document.addEventListener(
    "close",
    (event) => {
      if (event.target.id !== "link-box" || !linking) return;
      const chip = linking.segment.querySelector('.chip-label[data-span="' + linking.spanId + '"]');
      linking = null;
      if (chip) chip.focus();
    },
    true,
  );
}
