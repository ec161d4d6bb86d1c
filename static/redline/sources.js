// The sources of a bilingual document: `s` hides or shows them all, and the page remembers it.
const STORAGE_KEY = "redline.hideSources";

function remembered() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    return false; // storage blocked (private mode, policy): the sources simply show
  }
}

export function applySources() {
  document.body.classList.toggle("hide-sources", remembered());
}

// False when the page has no sources, so the key does nothing there.
export function toggleSources() {
  if (!document.querySelector(".seg-source")) return false;
  const hide = !document.body.classList.contains("hide-sources");
  try {
    window.localStorage.setItem(STORAGE_KEY, hide ? "1" : "0");
  } catch {
    // Not remembered, but still toggled for this page.
  }
  document.body.classList.toggle("hide-sources", hide);
}
