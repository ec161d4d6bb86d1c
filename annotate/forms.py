from django import forms


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
