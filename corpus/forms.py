from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented recipe for <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.md,.zip"}))
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
        label="Files", help_text="Plain text (.txt, .md) or a .zip of them. One document per file."
    )


class SegmentEditForm(forms.Form):
    # A segment is a sentence or a translation unit; the cap stops a pasted book, not a sentence.
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), strip=False, max_length=10_000)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class SplitForm(VersionForm):
    # Python code points: the browser converts its UTF-16 caret position before sending.
    cut = forms.IntegerField(min_value=1)
