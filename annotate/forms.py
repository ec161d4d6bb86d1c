from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext, gettext_lazy

from annotate.models import RejectReason
from corpus.i18n import localize_error
from corpus.models import Corpus
from corpus.text.search import MAX_QUERY, QueryError, compile_query, replacement_for


class SpanForm(forms.Form):
    # Python code points: the browser converts its UTF-16 selection before sending.
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    label = forms.CharField(max_length=30)
    snap = forms.BooleanField(required=False, initial=True)

    def clean(self):
        data = super().clean()
        if "start" in data and "end" in data and data["start"] >= data["end"]:
            raise forms.ValidationError(gettext("A span must end after it starts."))
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
            raise forms.ValidationError(
                gettext("Key %(shortcut)s already belongs to %(taken_key)s.")
                % {"shortcut": shortcut, "taken_key": taken.key}
            )
        return shortcut


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False)


class ProposeForm(forms.Form):
    span = forms.IntegerField(min_value=1)
    note = forms.CharField(max_length=2000, required=False)


class LinkForm(forms.Form):
    span = forms.IntegerField(min_value=1)
    term = forms.IntegerField(min_value=1, required=False, help_text=gettext_lazy("Empty: unlink."))


class ReplaceForm(forms.Form):
    """The preview's choices: `seen` = "segment:version" per previewed segment, `occurrence` =
    "segment:start" per occurrence shown, `replace` = the occurrences left ticked."""

    def clean(self):
        try:
            seen = dict(self._pairs("seen"))
            shown, ticked = set(self._pairs("occurrence")), set(self._pairs("replace"))
        except ValueError:
            raise forms.ValidationError(
                gettext("The preview was incomplete; open it again.")
            ) from None
        if not seen:
            raise forms.ValidationError(
                gettext("Nothing to replace: the preview listed no segments.")
            )
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


class RejectForm(forms.Form):
    """A rejection's reason: what kind of error, how bad, and optionally what exactly."""

    version = forms.IntegerField(min_value=1)
    category = forms.ChoiceField(
        choices=RejectReason.Category.choices,
        error_messages={
            "required": gettext_lazy("Choose an error category for the rejection."),
            "invalid_choice": gettext_lazy("“%(value)s” is not an error category."),
        },
    )
    severity = forms.ChoiceField(
        choices=RejectReason.Severity.choices,
        error_messages={
            "required": gettext_lazy("Choose a severity (minor, major or critical)."),
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a severity (minor, major or critical)."
            ),
        },
    )
    note = forms.CharField(required=False, max_length=RejectReason.MAX_LENGTH)


class CommentForm(forms.Form):
    # The length cap is the service's (with a message saying how long the text was).
    text = forms.CharField(required=False, strip=True)


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


class SearchForm(forms.Form):
    """A find (and replace): the text, its mode, where to look, and the keyset of the page."""

    q = forms.CharField(max_length=MAX_QUERY, strip=False, label=gettext_lazy("Find"))
    word = forms.BooleanField(required=False, label=gettext_lazy("Whole word"))
    case = forms.BooleanField(required=False, label=gettext_lazy("Match case"))
    regex = forms.BooleanField(required=False, label=gettext_lazy("Regular expression"))
    doc = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    after = forms.RegexField(regex=r"^\d+:-?\d+$", required=False, widget=forms.HiddenInput)
    to = forms.CharField(
        max_length=MAX_QUERY, strip=False, required=False, label=gettext_lazy("Replace with")
    )

    def clean(self):
        data = super().clean()
        if "q" not in data:
            return data
        try:
            data["query"] = compile_query(
                data["q"],
                whole_word=data["word"],
                case_sensitive=data["case"],
                use_regex=data["regex"],
            )
            data["replacement"] = replacement_for(data["query"], data.get("to") or "")
        except QueryError as error:
            self.add_error("q", localize_error(error))
        after = data.get("after")
        data["after"] = tuple(int(part) for part in after.split(":")) if after else None
        return data

    def params(self, **changes) -> str:
        """The query string of this search (for links: the next page, the replace preview)."""
        return urlencode(self.pairs(**changes))

    def pairs(self, **changes) -> list[tuple[str, str]]:
        data = {**self.cleaned_data, **changes}
        pairs = [("q", data["q"])]
        pairs += [(name, "on") for name in ("word", "case", "regex") if data.get(name)]
        pairs += [(n, data[n]) for n in ("doc", "to") if data.get(n) not in (None, "")]
        if data.get("after"):
            pairs.append(("after", "{}:{}".format(*data["after"])))
        return pairs
