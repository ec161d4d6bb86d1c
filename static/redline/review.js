// Redline review screen: keyboard-first. Behaviour lives in the HTML (buttons carry data-key);
// this file only maps keys to those buttons and keeps focus where the reviewer is working.
(function () {
  "use strict";

  if (window.htmx) {
    // Conflicts (409) and refusals (422) come back as a segment fragment that says what was wrong.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "409", swap: true, error: false },
      { code: "422", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
    ];
  }

  let advanceAfterSwap = false;

  function segments() {
    return Array.from(document.querySelectorAll("#segments .segment"));
  }

  function currentSegment() {
    const active = document.activeElement;
    return active && active.closest ? active.closest(".segment") : null;
  }

  function focusSegment(el) {
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest", behavior: "auto" });
  }

  function move(step) {
    const all = segments();
    if (!all.length) return;
    const index = all.indexOf(currentSegment());
    const next = index < 0 ? all[0] : all[Math.min(Math.max(index + step, 0), all.length - 1)];
    focusSegment(next);
  }

  function press(segment, key) {
    const button = segment && segment.querySelector('[data-key="' + key + '"]');
    if (button) button.click();
    return Boolean(button);
  }

  // Python counts code points, the browser UTF-16 units: an emoji before the caret is 2 units, 1 point.
  function codePointOffset(text, utf16Offset) {
    return Array.from(text.slice(0, utf16Offset)).length;
  }

  function splitAtCaret(segment) {
    const textarea = segment.querySelector("textarea[name=text]");
    const form = segment.querySelector("form.split-form");
    if (!textarea || !form) return;
    if (textarea.value !== textarea.defaultValue) {
      showError(segment, "Save your edit first (Ctrl+Enter), then split: a split works on the saved text.");
      return;
    }
    form.querySelector("input[name=cut]").value = codePointOffset(textarea.value, textarea.selectionStart);
    form.requestSubmit();
  }

  function showError(segment, text) {
    let box = segment.querySelector(".client-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "msg msg-error client-error";
      box.setAttribute("role", "alert");
      segment.querySelector(".seg-actions").before(box);
    }
    box.textContent = text;
  }

  function openHelp() {
    const dialog = document.getElementById("keys");
    if (dialog && !dialog.open) dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    const target = event.target.closest("[data-action]");
    if (!target) return;
    if (target.dataset.action === "help") openHelp();
    if (target.dataset.action === "split") splitAtCaret(target.closest(".segment"));
  });

  document.addEventListener("keydown", function (event) {
    const segment = currentSegment();
    const typing = event.target.matches("textarea, input, select, [contenteditable]");
    if (typing) {
      if (!segment) return;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.shiftKey) {
        event.preventDefault();
        splitAtCaret(segment);
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        const form = event.target.closest("form");
        if (form) form.requestSubmit();
      } else if (event.key === "Escape") {
        event.preventDefault();
        press(segment, "cancel");
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]")) return;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "?": openHelp(); break;
      case "e": case "Enter":
        if (event.key === "Enter" && event.target !== segment) return;  // Enter on a button clicks it
        press(segment, "e"); break;
      case "a": advanceAfterSwap = press(segment, "a"); break;
      case "r": advanceAfterSwap = press(segment, "r"); break;
      case "m": press(segment, "m"); break;
      case "h": press(segment, "h"); break;
      default: return;
    }
    event.preventDefault();
  });

  // Remember which segment a request came from: an outerHTML swap replaces the element itself.
  let workingOn = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    const segment = event.detail.elt.closest && event.detail.elt.closest(".segment");
    workingOn = segment ? segment.id : null;
  });

  // After the swap, put the focus back on that segment (or in its text box when editing).
  document.addEventListener("htmx:afterSettle", function () {
    const segment = workingOn && document.getElementById(workingOn);
    if (!segment) return;
    const textarea = segment.querySelector("textarea");
    if (textarea) {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    } else if (advanceAfterSwap && !segment.querySelector(".msg-error")) {
      const all = segments();
      focusSegment(all[all.indexOf(segment) + 1] || segment);
    } else {
      focusSegment(segment);
    }
    advanceAfterSwap = false;
  });
})();
