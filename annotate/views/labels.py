"""Label management for project admins: one page per corpus, one form per label; and the label
colours every member's review screen loads as a stylesheet."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotate.contrast import label_inks
from annotate.forms import LabelEditForm, LabelPickForm
from annotate.models import Label
from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _corpus_for_admin(request, pk: int) -> Corpus:
    corpus = corpus_for(request, pk)
    if not roles.can_manage(request.user):
        raise PermissionDenied(gettext("Only project admins manage labels."))
    return corpus


def label_list(request, pk: int):
    corpus = _corpus_for_admin(request, pk)
    editing = None
    if request.method == "POST":
        picked = LabelPickForm(request.POST, corpus=corpus)
        if not picked.is_valid():
            raise Http404(gettext("No such label in this corpus."))
        instance = picked.cleaned_data["label_id"]
        form = LabelEditForm(request.POST, instance=instance, corpus=corpus)
        if form.is_valid():
            label = form.save()
            messages.success(
                request, gettext("Label %(label_key)s saved.") % {"label_key": label.key}
            )
            return redirect("annotate:label_list", pk=corpus.pk)
        editing = instance.pk if instance else "new"
        messages.error(request, gettext("The label was not saved; see the errors below."))
    labels = corpus.labels.annotate(span_count=Count("spans")).order_by("shortcut", "key")
    rows = [
        (label, form if editing == label.pk else LabelEditForm(instance=label, corpus=corpus))
        for label in labels
    ]
    new_form = form if editing == "new" else LabelEditForm(corpus=corpus)
    return render(
        request, "annotate/labels.html", {"corpus": corpus, "rows": rows, "new_form": new_form}
    )


@require_POST
def label_delete(request, pk: int, label_pk: int):
    corpus = _corpus_for_admin(request, pk)
    label = get_object_or_404(Label, pk=label_pk, corpus=corpus)
    try:
        label.delete()
    except ProtectedError:
        messages.error(
            request,
            gettext(
                "%(label_key)s is used by spans; relabel or delete them first. Nothing was deleted."
            )
            % {"label_key": label.key},
        )
    else:
        messages.success(
            request, gettext("Label %(label_key)s deleted.") % {"label_key": label.key}
        )
    return redirect("annotate:label_list", pk=corpus.pk)


def label_css(request, pk: int):
    """The corpus's label colours as a stylesheet: the content security policy allows styles
    from our own URLs only, so colours cannot be inline style attributes. Beside each colour go
    the inks that keep text on it readable in the light and the dark theme (annotate.contrast)."""
    corpus = corpus_for(request, pk)
    light, dark = [], []
    for label_pk, colour in corpus.labels.values_list("pk", "colour"):
        # Validated on save (#rrggbb); checked again so a stray value cannot end the rule.
        if not COLOUR.fullmatch(colour):
            continue
        inks = label_inks(colour)
        light.append(
            f".label-{label_pk}{{--c:{colour};--c-ink:{inks['light']['--c-ink']};"
            f"--c-text:{inks['light']['--c-text']}}}\n"
        )
        dark.append(f".label-{label_pk}{{--c-text:{inks['dark']['--c-text']}}}\n")
    rules = "".join(light)
    if dark:
        rules += "@media (prefers-color-scheme: dark) {\n" + "".join(dark) + "}\n"
    response = HttpResponse(rules, content_type="text/css; charset=utf-8")
    # Colours change on the label page; the browser asks again each time (the file is tiny).
    response["Cache-Control"] = "private, no-cache"
    return response
