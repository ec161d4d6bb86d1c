"""The editor's effort behind a revision, as the browser measured it, and the one rule for it.

``edit_time_ms``: active editing time, from the editor opening to the save, with idle stretches
over a minute cut, summed over every visit to the segment since its last save.
``first_key_ms``: the same clock, up to the first keystroke. Both are whole milliseconds; a day is
the most one save can claim (more is a broken clock or a forged request, not work). The review
screen's form and the API parse the numbers and build an Effort; building one is the check, so
both refuse the same values with the same words, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from corpus.services import EditRefused

MAX_EFFORT_MS = 24 * 60 * 60 * 1000


def _problem(name: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return gettext("%(name)s must be a whole number of milliseconds, not “%(value)s”.") % {
            "name": name,
            "value": value,
        }
    if not 0 <= value <= MAX_EFFORT_MS:
        return gettext("%(name)s must be between 0 and %(most)s ms (24 h); it was %(value)s.") % {
            "name": name,
            "most": MAX_EFFORT_MS,
            "value": value,
        }
    return None


@dataclass(frozen=True)
class Effort:
    edit_time_ms: int | None = None
    first_key_ms: int | None = None

    def __post_init__(self) -> None:
        problems = [
            p
            for p in (
                _problem("edit_time_ms", self.edit_time_ms),
                _problem("first_key_ms", self.first_key_ms),
            )
            if p
        ]
        if not problems and None not in (self.edit_time_ms, self.first_key_ms):
            if self.first_key_ms > self.edit_time_ms:
                problems.append(
                    gettext(
                        "first_key_ms (%(first)s) cannot exceed edit_time_ms (%(total)s): the "
                        "first key falls within the editing time."
                    )
                    % {"first": self.first_key_ms, "total": self.edit_time_ms}
                )
        if problems:
            raise EditRefused(" ".join(problems) + " " + gettext("Nothing was saved."))

    @classmethod
    def given(cls, edit_time_ms: int | None, first_key_ms: int | None) -> Effort | None:
        """None when the request measured nothing (an older page, a script), else the checked
        effort; EditRefused names what was wrong."""
        if edit_time_ms is None and first_key_ms is None:
            return None
        return cls(edit_time_ms, first_key_ms)

    def fields(self) -> dict[str, int | None]:
        return {"edit_time_ms": self.edit_time_ms, "first_key_ms": self.first_key_ms}
