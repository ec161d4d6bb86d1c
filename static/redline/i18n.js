// The scripts' strings go through Django's JavaScript catalogue (domain djangojs), which base.html
// loads as a plain script before the modules; without it the English shows. The names are
// gettext's own so `makemessages -d djangojs` finds the strings with its default keywords.
const catalogue = window.django && window.django.gettext ? window.django : null;

export function gettext(text) {
  return catalogue ? catalogue.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  if (catalogue) return catalogue.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

// Named placeholders, as in the Python strings: interpolate("%(n)s of %(total)s", { n, total }).
export function interpolate(format, values) {
  return format.replace(/%\((\w+)\)s/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
