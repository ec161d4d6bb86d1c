"""The webhook screen's forms: fields only; the rules (events, URL, private addresses) are the
service's, so the screen and the API refuse the same things with the same words."""

from django import forms
from django.utils.translation import gettext_lazy

from api.models import WebhookEndpoint

# The test event is sent with the button, to whatever an endpoint subscribes to.
EVENT_CHOICES = [c for c in WebhookEndpoint.Event.choices if c[0] != WebhookEndpoint.Event.TEST]


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=gettext_lazy("URL"),
        max_length=500,
        help_text=gettext_lazy(
            "Where Redline POSTs each event, e.g. https://ci.example.org/hooks/redline."
        ),
        widget=forms.URLInput(attrs={"size": 60, "placeholder": "https://"}),
    )
    events = forms.MultipleChoiceField(
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Tick at least one event to send.")},
    )


class EndpointEditForm(EndpointForm):
    active = forms.BooleanField(
        label=gettext_lazy("Enabled"),
        required=False,
        help_text=gettext_lazy("Untick to stop sending without deleting it."),
    )
