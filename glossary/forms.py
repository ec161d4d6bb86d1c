"""Forms of the glossary screens: they validate input shape; the rules live in glossary.services."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from glossary.models import FIELDS, GlossaryTerm

IMPORT_FORMATS = {".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class TermForm(forms.Form):
    preferred = forms.CharField(max_length=300)
    source = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("Source term (Chinese)")
    )
    definition = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=gettext_lazy("Usage note"),
        max_length=2000,
    )
    domain = forms.CharField(max_length=100, required=False)
    part_of_speech = forms.CharField(max_length=50, required=False)
    status = forms.ChoiceField(
        choices=GlossaryTerm.Status.choices, initial=GlossaryTerm.Status.APPROVED
    )
    case_sensitive = forms.BooleanField(required=False)
    label_key = forms.CharField(
        max_length=30,
        required=False,
        label=gettext_lazy("Label key"),
        help_text=gettext_lazy("e.g. TERM, POLICY, ORG"),
    )
    admitted = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20_000,
        help_text=gettext_lazy("Admitted variants, one per line."),
    )
    forbidden = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20_000,
        help_text=gettext_lazy("Forbidden variants, one per line."),
    )

    @classmethod
    def for_term(cls, term: GlossaryTerm) -> "TermForm":
        initial = {name: getattr(term, name) for name in FIELDS}
        variants = list(term.variants.all())
        for kind in ("admitted", "forbidden"):
            initial[kind] = "\n".join(v.text for v in variants if v.kind == kind)
        return cls(initial=initial)

    def clean_label_key(self) -> str:
        return self.cleaned_data["label_key"].strip().upper()

    def term_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}

    def variants(self) -> dict:
        return {
            "admitted": _lines(self.cleaned_data["admitted"]),
            "forbidden": _lines(self.cleaned_data["forbidden"]),
        }


class NewTermForm(TermForm):
    scope = forms.ChoiceField(
        choices=[("corpus", "This corpus only"), ("all", "All corpora")],
        initial="corpus",
        widget=forms.RadioSelect,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=gettext_lazy("CSV (header row with a “preferred” column) or TBX (.tbx, .xml).")
    )
    scope = forms.ChoiceField(
        choices=[("corpus", "This corpus only"), ("all", "All corpora")],
        initial="corpus",
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in IMPORT_FORMATS:
            raise forms.ValidationError(
                gettext("“%(upload_name)s” is neither .csv nor .tbx; nothing imported.")
                % {"upload_name": upload.name}
            )
        upload.glossary_format = IMPORT_FORMATS[suffix]
        return upload
