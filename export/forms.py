from django import forms
from django.utils.translation import gettext, gettext_lazy

from annotate.models import Span
from corpus.models import Segment
from export.exporters import exporters_of_kind, get_exporter
from export.services.selection import DEFAULT_SPAN_STATES, Selection

FORMATS = exporters_of_kind("segments")


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        choices=[(e.id, e.label) for e in FORMATS], initial=FORMATS[0].id, widget=forms.RadioSelect
    )
    documents = forms.MultipleChoiceField(
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy(
            "None selected: every document. Ctrl- or Cmd-click selects several."
        ),
    )
    statuses = forms.MultipleChoiceField(
        choices=Segment.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "None ticked: every segment. Approved only is the usual choice for training data."
        ),
    )
    labels = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: every label."),
    )
    span_states = forms.MultipleChoiceField(
        choices=[(s.value, s.label) for s in Span.State],
        initial=list(DEFAULT_SPAN_STATES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Needs review: an edit touched the span's words. None ticked: accepted only."
        ),
    )
    date_from = forms.DateField(
        required=False,
        label=gettext_lazy("Updated from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        required=False,
        label=gettext_lazy("Updated to"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    glossary = forms.BooleanField(
        required=False,
        label=gettext_lazy("Include the glossary"),
        help_text=gettext_lazy(
            "glossary.tbx and glossary.csv beside the data: this corpus's concepts and the all-corpora ones."
        ),
    )

    def __init__(self, *args, corpus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (str(pk), title)
            for pk, title in corpus.documents.order_by("title", "id").values_list("pk", "title")
        ]
        self.fields["labels"].choices = [
            (key, key) for key in corpus.labels.order_by("key").values_list("key", flat=True)
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        exporter = get_exporter(data["format"]) if data.get("format") else None
        if (
            exporter is not None
            and exporter.id == "plain-text"
            and (data.get("statuses") or data.get("date_from") or data.get("date_to"))
        ):
            # The plain-text export rebuilds whole files; a filtered one would silently miss sentences.
            raise forms.ValidationError(
                gettext("Plain text exports whole documents: clear the status and date filters.")
            )
        return data

    def selection(self) -> Selection:
        data = self.cleaned_data
        return Selection(
            documents=tuple(int(pk) for pk in data["documents"]),
            statuses=tuple(data["statuses"]),
            labels=tuple(data["labels"]),
            date_from=data["date_from"],
            date_to=data["date_to"],
            span_states=tuple(data["span_states"]) or DEFAULT_SPAN_STATES,
        )
