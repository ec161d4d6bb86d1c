// Findings on a segment: apply a finding's fix (f), or dismiss it with a reason (d).
import { findingAfterSwap, keepChip, press, selectAfterSwap, showError } from "./segments.js";
import { gettext } from "./i18n.js";

// The focused finding's fix, else the segment's first fixable finding. Fixing a focused finding
// moves the focus on to the next finding, so a run of fixes is one key each.
export function fixFinding(segment, finding) {
  const target = finding && finding.dataset.fixable ? finding : segment.querySelector(".finding[data-fixable='1']");
  if (!target) {
    showError(segment, gettext("No finding here has an automatic fix."));
    return;
  }
  keepChip(null);
  if (finding) findingAfterSwap(Number(target.dataset.start));
  target.querySelector('[data-key="f"]').click();
}

// A finding without a fix costs one key to reach: the editor opens with its characters selected.
export function editAtFinding(segment, finding) {
  keepChip(null);
  selectAfterSwap(Number(finding.dataset.start), Number(finding.dataset.end));
  press(segment, "e");
}

// The reason box is hidden until asked for; Enter in it submits the dismissal.
export function startDismiss(finding) {
  const input = finding.querySelector("input[name=reason]");
  if (!input) return;
  input.hidden = false;
  input.focus();
}

export function stopDismiss(input) {
  input.hidden = true;
  input.closest(".finding").focus();
}
