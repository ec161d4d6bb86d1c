from django import forms
from django.utils.translation import gettext_lazy

from corpus.effort import Effort
from corpus.importers import accepted_extensions

# BCP-47: a primary language subtag and optional subtags ("zh", "zh-Hans", "en-GB").
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented recipe for <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        accept = ",".join(accepted_extensions(bilingual=True))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        # Empty files reach the importer, whose refusal names the file.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "Plain text (.txt, .md) or a .zip of them: one document per file. Bilingual: XLIFF (.xlf, .xliff), TMX, TSV/CSV (source, MT), JSONL ({source, mt}), or a pair of parallel texts (report.zh.txt + report.en.txt, or both in a zip)."
        ),
    )
    # Optional: a plain-text upload (or a script) sends no pair and gets the default zh -> en.
    source_language = forms.RegexField(
        regex=LANGUAGE_TAG,
        initial="zh",
        max_length=35,
        label=gettext_lazy("Source language"),
        required=False,
    )
    target_language = forms.RegexField(
        regex=LANGUAGE_TAG,
        initial="en",
        max_length=35,
        label=gettext_lazy("Target language"),
        required=False,
    )
    allow_untranslated = forms.BooleanField(
        required=False, label=gettext_lazy("Import units without MT as untranslated")
    )

    def clean_source_language(self) -> str:
        return self.cleaned_data["source_language"] or "zh"

    def clean_target_language(self) -> str:
        return self.cleaned_data["target_language"] or "en"


class SegmentEditForm(forms.Form):
    # A segment is a sentence or a translation unit; the cap stops a pasted book, not a sentence.
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), strip=False, max_length=10_000)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # Measured by the editor (static/redline/effort.js); parsed here, checked by corpus.effort.
    edit_time_ms = forms.IntegerField(
        required=False, error_messages={"invalid": "edit_time_ms must be a whole number of ms."}
    )
    first_key_ms = forms.IntegerField(
        required=False, error_messages={"invalid": "first_key_ms must be a whole number of ms."}
    )

    def effort(self) -> Effort | None:
        """The checked effort of a valid form; EditRefused names a value out of bounds."""
        return Effort.given(self.cleaned_data["edit_time_ms"], self.cleaned_data["first_key_ms"])


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class SplitForm(VersionForm):
    # Python code points: the browser converts its UTF-16 caret position before sending.
    cut = forms.IntegerField(min_value=1)
