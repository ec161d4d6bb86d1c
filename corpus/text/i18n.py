"""Translatable messages for the pure packages, which cannot import Django.

A pure module writes ``N_("Repeated word: %(word)s", word=surface)``. The result is a ``Message``:
a ``str`` holding the English text (so every caller, test and export that reads the message as
text sees exactly what it saw before), which also remembers its untranslated ``template`` and its
``params``. ``makemessages --keyword=N_`` collects the templates into the app's catalogue, and the
Django side that shows the message (a service, view or template tag) translates it with
``corpus.i18n.localize``: the template is looked up in the catalogue and the params are filled in
after translation. So each rule keeps one implementation, in English, and the pure packages never
need the active language.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """English text that remembers the template and params it was made from."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any] | None = None) -> Message:
        params = dict(params or {})
        self = super().__new__(cls, template % params if params else template)
        self.template = template
        self.params = params
        return self

    def __getnewargs__(self) -> tuple[str, dict[str, Any]]:  # type: ignore[override]
        # Pickled (cache, job queue) as its template and params, not as the finished text.
        return self.template, self.params


def N_(template: str, /, **params: Any) -> Message:
    """Mark ``template`` for translation; ``%(name)s`` placeholders are filled from ``params``."""
    return Message(template, params)
