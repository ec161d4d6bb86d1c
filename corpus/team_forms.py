"""Forms of the corpus settings and members screens. They check shape; the rules (unique names,
the last admin, site-wide roles) are corpus.services.corpora's, shared with the API."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from corpus import roles
from corpus.models import Corpus, Document
from corpus.services.corpora import NAME_LIMIT

User = get_user_model()
ROLE_CHOICES = [(name, name.capitalize()) for name in roles.ALL_ROLES]


def form_problems(form: forms.Form) -> str:
    """One line naming each field that was wrong and why, for a message above the page."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "; ".join(parts)


def _on_off(value) -> bool | None:
    return {"on": True, "off": False}.get(value)


def _override(label: str, site_default: bool, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[
            ("", f"Site setting (now {'on' if site_default else 'off'})"),
            ("on", "On"),
            ("off", "Off"),
        ],
        coerce=_on_off,
        empty_value=None,
        required=False,
        help_text=help_text,
    )


class CorpusForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_LIMIT)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    allow_overlapping_spans = forms.BooleanField(
        label=gettext_lazy("Allow overlapping spans"),
        required=False,
        help_text=Corpus._meta.get_field("allow_overlapping_spans").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: the labels show the site setting as it is now.
        self.fields["forbid_self_approval"] = _override(
            "No self-approval",
            settings.REDLINE_FORBID_SELF_APPROVAL,
            "A reviewer may not approve text they wrote.",
        )
        self.fields["export_allow_reviewers"] = _override(
            "Reviewers may export",
            settings.REDLINE_EXPORT_ALLOW_REVIEWERS,
            "Project admins always may export.",
        )

    @classmethod
    def of(cls, corpus: Corpus) -> "CorpusForm":
        def word(value):
            return "" if value is None else ("on" if value else "off")

        return cls(
            initial={
                "name": corpus.name,
                "description": corpus.description,
                "allow_overlapping_spans": corpus.allow_overlapping_spans,
                "forbid_self_approval": word(corpus.forbid_self_approval),
                "export_allow_reviewers": word(corpus.export_allow_reviewers),
            }
        )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one role.")},
    )


class MemberAddForm(RolesForm):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)

    field_order = ["username", "roles"]


class AssignmentForm(forms.Form):
    document = forms.ModelChoiceField(
        label=gettext_lazy("Document"), queryset=Document.objects.none()
    )
    translator = forms.ModelChoiceField(
        label=gettext_lazy("Translator"), queryset=User.objects.none(), required=False
    )
    reviewer = forms.ModelChoiceField(
        label=gettext_lazy("Reviewer"), queryset=User.objects.none(), required=False
    )
    first_number = forms.IntegerField(
        label=gettext_lazy("First segment"), min_value=1, required=False
    )
    last_number = forms.IntegerField(
        label=gettext_lazy("Last segment"), min_value=1, required=False
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, corpus: Corpus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = corpus.documents.listed().order_by("title", "id")
        members = corpus.members.order_by(User.USERNAME_FIELD)
        self.fields["translator"].queryset = members
        self.fields["reviewer"].queryset = members
