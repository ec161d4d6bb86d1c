from __future__ import annotations

from django import forms

from corpus.models import Corpus


class SpanForm(forms.Form):
    # Python code points: the browser converts its UTF-16 selection before sending.
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    label = forms.CharField(max_length=30)
    snap = forms.BooleanField(required=False, initial=True)

    def clean(self):
        data = super().clean()
        if "start" in data and "end" in data and data["start"] >= data["end"]:
            raise forms.ValidationError("A span must end after it starts.")
        return data


class LabelForm(forms.Form):
    label = forms.CharField(max_length=30)


class LabelPickForm(forms.Form):
    """Which of the corpus's labels the label page's form edits; none means a new label."""

    label_id = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, corpus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label_id"].queryset = corpus.labels.all()


class LabelEditForm(forms.ModelForm):
    class Meta:
        from annotate.models import Label

        model = Label
        fields = ["key", "name", "colour", "shortcut", "description"]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "description": forms.TextInput(),
        }

    def __init__(self, *args, corpus, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.corpus = corpus

    def clean_shortcut(self):
        shortcut = self.cleaned_data["shortcut"]
        taken = (
            self.instance.corpus.labels.filter(shortcut=shortcut)
            .exclude(pk=self.instance.pk)
            .first()
            if shortcut
            else None
        )
        if taken:
            raise forms.ValidationError(f"Key {shortcut} already belongs to {taken.key}.")
        return shortcut


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False)


class ProposeForm(forms.Form):
    span = forms.IntegerField(min_value=1)
    note = forms.CharField(max_length=2000, required=False)


class LinkForm(forms.Form):
    span = forms.IntegerField(min_value=1)
    term = forms.IntegerField(min_value=1, required=False, help_text="Empty: unlink.")


class ReplaceForm(forms.Form):
    """The preview's choices: `seen` = "segment:version" per previewed segment, `occurrence` =
    "segment:start" per occurrence shown, `replace` = the occurrences left ticked."""

    def clean(self):
        try:
            seen = dict(self._pairs("seen"))
            shown, ticked = set(self._pairs("occurrence")), set(self._pairs("replace"))
        except ValueError:
            raise forms.ValidationError("The preview was incomplete; open it again.") from None
        if not seen:
            raise forms.ValidationError("Nothing to replace: the preview listed no segments.")
        kept = shown - ticked
        untouched = {pk for pk in seen if not any(s == pk for s, _ in shown - kept)}
        return {
            "previewed": seen,
            "excluded_occurrences": sorted(kept),
            "excluded_segment_ids": sorted(untouched),
        }

    def _pairs(self, name: str) -> list[tuple[int, int]]:
        pairs = []
        for value in self.data.getlist(name):
            left, right = value.split(":")
            pairs.append((int(left), int(right)))
        return pairs


def _house_style_field(name: str, label: str) -> forms.ChoiceField:
    # The corpus model owns the choices; the form shows them as radio buttons.
    choices = Corpus._meta.get_field(name).choices
    return forms.ChoiceField(choices=choices, label=label, widget=forms.RadioSelect)


class HouseStyleForm(forms.Form):
    """The conventions a corpus's checks follow; every field is required, so a post that
    leaves one out changes nothing."""

    quote_style = _house_style_field("quote_style", "Quotes")
    dash_style = _house_style_field("dash_style", "Dashes")
    thousands_separator = _house_style_field("thousands_separator", "Thousands separator")

    @classmethod
    def of(cls, corpus: Corpus) -> HouseStyleForm:
        """The form showing the corpus's style, for any screen that includes
        annotate/_house_style_form.html."""
        return cls(initial={name: getattr(corpus, name) for name in Corpus.HOUSE_STYLE})
