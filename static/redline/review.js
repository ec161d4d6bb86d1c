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

  // --- spans -------------------------------------------------------------------------------
  // Span endpoints, mirroring annotate/urls.py.
  function spanUrl(id, action) { return "/spans/" + id + "/" + action + "/"; }

  function post(segment, url, values) {
    workingOn = segment.id;
    htmx.ajax("POST", url, { source: segment, target: segment, swap: "outerHTML", values: values || {} });
  }

  // Code points from the start of the segment text up to a DOM point, counting only text pieces
  // (.t), never the label chips drawn between them.
  function codePointsBefore(container, node, offset) {
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    let count = 0;
    container.querySelectorAll(".t").forEach(function (piece) {
      const text = piece.firstChild;
      if (!text || !range.intersectsNode(text)) return;
      const from = text === range.startContainer ? range.startOffset : 0;
      const to = text === range.endContainer ? range.endOffset : text.length;
      if (to > from) count += Array.from(text.data.slice(from, to)).length;
    });
    return count;
  }

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

  function labelForDigit(digit) {
    const button = Array.from(document.querySelectorAll(".label-button")).find(function (b) {
      const key = b.querySelector("kbd");
      return key && key.textContent.trim() === digit;
    });
    return button ? button.dataset.label : null;
  }

  function markSelection(segment, label, exact) {
    const selected = selectionIn(segment);
    if (!selected) {
      showError(segment, "Select some words in this segment first, then press a label key.");
      return;
    }
    window.getSelection().removeAllRanges();
    post(segment, segment.dataset.spanAdd, { start: selected.start, end: selected.end, label: label, snap: exact ? "" : "on" });
  }

  // Tab walks the spans' label chips, then the findings, of the focused segment.
  function chips(segment) { return Array.from(segment.querySelectorAll(".chip-label, .finding")); }

  function focusChip(segment, index) {
    const all = chips(segment);
    if (!all.length) { focusSegment(segment); return; }
    all[Math.max(0, Math.min(index, all.length - 1))].focus();
  }

  let workingChip = null;

  // --- glossary: link a span to a concept (g), propose it as a draft term (p) ---------------------
  let linking = null;  // {segment, spanId, hits, index}

  function csrfToken() {
    return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
  }

  function postForm(url, values) {
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: new URLSearchParams(values),
    });
  }

  function reloadSegment(segment) {
    workingOn = segment.id;
    htmx.ajax("GET", "/segments/" + segment.dataset.segment + "/", { source: segment, target: segment, swap: "outerHTML" });
  }

  function renderHits(box) {
    const list = box.querySelector(".link-hits");
    list.replaceChildren();
    if (!linking.hits.length) {
      const none = document.createElement("li");
      none.className = "empty";
      none.textContent = "No concept matches “" + box.querySelector("input").value + "”. Try other words, or press p on the span to propose it.";
      list.append(none);
    }
    linking.hits.forEach(function (hit, i) {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(i === linking.index));
      const main = document.createElement("strong");
      main.textContent = hit.preferred;
      const source = document.createElement("span");
      source.className = "src";
      source.textContent = [hit.source, hit.label, hit.status !== "approved" ? hit.status : ""].filter(Boolean).join(" · ");
      item.append(main, source);
      if (hit.text !== hit.preferred) {
        const via = document.createElement("span");
        via.className = "via";
        via.textContent = "matched “" + hit.text + "” (" + hit.field + ")";
        item.append(via);
      }
      item.addEventListener("click", function () { linking.index = i; linkChosen(box); });
      list.append(item);
    });
  }

  let searchTimer = null;
  function searchTerms(box) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      const query = box.querySelector("input").value;
      const corpus = document.getElementById("segments").dataset.corpus;
      fetch(box.dataset.search + "?corpus=" + corpus + "&q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (!linking) return;
          linking.hits = data.hits || [];
          linking.index = 0;
          renderHits(box);
        });
    }, 60);
  }

  function openLinkBox(segment, chip) {
    const box = document.getElementById("link-box");
    if (!box) return;
    linking = { segment: segment, spanId: chip.dataset.span, hits: [], index: 0 };
    box.querySelector(".link-surface").textContent = chip.dataset.text;
    const input = box.querySelector("input");
    input.value = chip.dataset.text;
    box.showModal();
    input.select();
    searchTerms(box);
  }

  function linkChosen(box) {
    const hit = linking && linking.hits[linking.index];
    if (!hit) return;
    const segment = linking.segment;
    postForm(box.dataset.link, { span: linking.spanId, term: hit.term_id }).then(function (r) {
      box.close();
      if (!r.ok) return r.json().then(function (data) { showError(segment, data.error || "The link was refused."); });
      reloadSegment(segment);
    });
  }

  function propose(segment, chip) {
    const box = document.getElementById("link-box");
    postForm(box.dataset.propose, { span: chip.dataset.span }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) showError(segment, data.error || "The proposal was refused.");
        else reloadSegment(segment);
      });
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.id === "link-query") searchTerms(event.target.closest("dialog"));
  });

  document.addEventListener("keydown", function (event) {
    if (event.target.id !== "link-query" || !linking) return;
    const box = event.target.closest("dialog");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      linking.index = Math.max(0, Math.min(linking.hits.length - 1, linking.index + step));
      renderHits(box);
    } else if (event.key === "Enter") {
      event.preventDefault();
      linkChosen(box);
    }
  }, true);

  document.addEventListener("close", function (event) {
    if (event.target.id === "link-box" && linking) {
      const chip = linking.segment.querySelector('.chip-label[data-span="' + linking.spanId + '"]');
      linking = null;
      if (chip) chip.focus();
    }
  }, true);

  function onChipKey(event, chip, segment) {
    const id = chip.dataset.span;
    const state = chip.dataset.state;
    const pending = state === "suggested" || state === "needs-review";
    const digit = /^Digit[1-9]$/.test(event.code) ? event.code.slice(5) : null;
    workingChip = chips(segment).indexOf(chip);
    if (digit && labelForDigit(digit)) post(segment, spanUrl(id, "label"), { label: labelForDigit(digit) });
    else if (event.key === "a" && pending) post(segment, spanUrl(id, "accept"));
    else if ((event.key === "x" || event.key === "Backspace" || event.key === "Delete") && state === "suggested") post(segment, spanUrl(id, "reject"));
    else if (event.key === "x" || event.key === "Backspace" || event.key === "Delete") post(segment, spanUrl(id, "delete"));
    else if (event.key === "Tab") focusChip(segment, workingChip + (event.shiftKey ? -1 : 1));
    else if (event.key === "Escape") focusSegment(segment);
    else if (event.key === "A") press(segment, "A");
    else if (event.key === "g") openLinkBox(segment, chip);
    else if (event.key === "p") propose(segment, chip);
    else { workingChip = null; return false; }
    return true;
  }

  function fixFinding(segment, finding) {
    const target = finding && finding.dataset.fixable ? finding : segment.querySelector(".finding[data-fixable='1']");
    if (!target) { showError(segment, "No finding here has an automatic fix."); return; }
    workingChip = null;
    target.querySelector('[data-key="f"]').click();
  }

  function startDismiss(finding) {
    const input = finding.querySelector("input[name=reason]");
    if (!input) return;
    input.hidden = false;
    input.focus();
  }

  function onFindingKey(event, finding, segment) {
    if (event.key === "f") fixFinding(segment, finding);
    else if (event.key === "d") startDismiss(finding);
    else if (event.key === "Tab") focusChip(segment, chips(segment).indexOf(finding) + (event.shiftKey ? -1 : 1));
    else if (event.key === "Escape") focusSegment(segment);
    else return false;
    return true;
  }

  function extendByWord(segment, forward) {
    const selection = window.getSelection();
    const box = segment.querySelector(".seg-text");
    if (!selection.rangeCount || !box.contains(selection.anchorNode)) {
      const first = box.querySelector(".t");
      if (!first || !first.firstChild) return;
      selection.collapse(first.firstChild, 0);
    }
    selection.modify("extend", forward ? "forward" : "backward", "word");
  }

  // Clicking a label keeps the text selection (mousedown would clear it) and marks it.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest(".label-button")) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    const labelButton = event.target.closest(".label-button");
    if (labelButton) {
      const focusedChip = document.activeElement && document.activeElement.closest(".chip-label");
      if (focusedChip && !segmentWithSelection()) {
        // A span is focused and nothing is selected: the click relabels that span.
        const segment = focusedChip.closest(".segment");
        workingChip = chips(segment).indexOf(focusedChip);
        post(segment, spanUrl(focusedChip.dataset.span, "label"), { label: labelButton.dataset.label });
        return;
      }
      const segment = segmentWithSelection() || currentSegment();
      if (segment) markSelection(segment, labelButton.dataset.label, event.altKey);
      return;
    }
    const act = event.target.closest(".span-act");
    if (act) {
      const segment = act.closest(".segment");
      post(segment, spanUrl(act.dataset.span, act.dataset.act));
      return;
    }
    const chip = event.target.closest(".chip-label");
    if (chip) { chip.focus(); return; }
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
      } else if (event.key === "Escape" && event.target.name === "reason") {
        event.target.hidden = true;
        event.target.closest(".finding").focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        press(segment, "cancel");
      }
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    if (document.querySelector("dialog[open]")) return;
    const finding = event.target.closest && event.target.closest(".finding");
    if (finding && segment && event.target === finding) {
      if (onFindingKey(event, finding, segment)) event.preventDefault();
      return;
    }
    const chip = event.target.closest && event.target.closest(".chip-label");
    if (chip && segment) {
      if (onChipKey(event, chip, segment)) event.preventDefault();
      return;
    }
    const digit = /^Digit[1-9]$/.test(event.code) ? event.code.slice(5) : null;
    if (digit && labelForDigit(digit)) {
      const target = segmentWithSelection() || segment;
      if (target) { event.preventDefault(); markSelection(target, labelForDigit(digit), event.altKey); }
      return;
    }
    if (event.altKey) return;
    if (segment && event.shiftKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      event.preventDefault();
      extendByWord(segment, event.key === "ArrowRight");
      return;
    }
    if (segment && event.key === "Tab" && chips(segment).length) {
      event.preventDefault();
      focusChip(segment, event.shiftKey ? chips(segment).length - 1 : 0);
      return;
    }
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
      case "A": press(segment, "A"); break;
      case "f": if (segment) fixFinding(segment, null); break;
      case "d": { const first = segment && segment.querySelector(".finding"); if (first) { first.focus(); startDismiss(first); } break; }
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
    const wanted = segment.dataset.focusSpan && segment.querySelector('.chip-label[data-span="' + segment.dataset.focusSpan + '"]');
    if (wanted) {
      wanted.focus();
    } else if (workingChip !== null) {
      focusChip(segment, workingChip);
    } else if (textarea) {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    } else if (advanceAfterSwap && !segment.querySelector(".msg-error")) {
      const all = segments();
      focusSegment(all[all.indexOf(segment) + 1] || segment);
    } else {
      focusSegment(segment);
    }
    advanceAfterSwap = false;
    workingChip = null;
  });
})();
