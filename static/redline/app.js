// Redline's script, loaded as a module on every page (no build step). Behaviour lives in the
// HTML: buttons carry data-key, URLs come from data- attributes rendered with {% url %}; these
// modules map keys to those buttons and keep the focus where the reviewer is working.
import { installComments } from "./comments.js";
import { installEditor } from "./editor.js";
import { installEffort } from "./effort.js";
import { installFind } from "./find.js";
import { installKeys } from "./keys.js";
import { installLinkBox } from "./linkbox.js";
import { focusFirstFindingIfAsked, installFocusRestore, installNavigation } from "./segments.js";
import { applySources } from "./sources.js";
import { installSpans } from "./spans.js";
import { installUndo } from "./undo.js";

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

installKeys();
installSpans();
installEditor();
installEffort();
installLinkBox();
installFocusRestore();
installUndo();
installComments();
installNavigation();
installFind();
applySources();
focusFirstFindingIfAsked();
