"""The Django side of corpus.text.i18n: translate the pure packages' messages where they are shown.

A pure module's ``N_(...)`` message is English text that remembers its template and params;
``localize`` looks the template up in the active language's catalogue and fills the params in
after translation. ``portable``/``localize_stored`` do the same for a message kept in the database
(a finding), so it follows the reader's language, not the language of whoever ran the check.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from corpus.text.i18n import Message


def localize(text: str) -> str:
    """``text`` in the active language; a plain string is looked up as it is."""
    if not text:
        return text
    if not isinstance(text, Message):
        return gettext(text)
    return _fill(gettext(text.template), {k: _param(v) for k, v in text.params.items()})


def portable(text: str) -> dict[str, Any] | None:
    """What ``localize_stored`` needs to translate ``text`` later, as JSON; None for plain text."""
    if not isinstance(text, Message):
        return None
    params = {k: portable(v) or v for k, v in text.params.items()}
    return {"template": text.template, "params": params}


def localize_stored(text: str, stored: dict[str, Any] | None) -> str:
    """A message kept as ``text`` (English) and ``stored`` (from ``portable``), translated."""
    if not stored:
        return localize(text)
    params = {
        k: localize_stored("", v) if isinstance(v, dict) else v for k, v in stored["params"].items()
    }
    return _fill(gettext(stored["template"]), params)


def _param(value: Any) -> Any:
    return localize(value) if isinstance(value, Message) else value


def _fill(template: str, params: dict[str, Any]) -> str:
    return template % params if params else template


def localize_error(error: Exception) -> str:
    """A pure package's exception as a person reads it: ImportRefused as "name: reason"."""
    reason = getattr(error, "reason", None)
    if isinstance(reason, Message):
        return f"{error.name}: {localize(reason)}"  # type: ignore[attr-defined]
    if error.args and isinstance(error.args[0], Message):
        return localize(error.args[0])
    return str(error)
