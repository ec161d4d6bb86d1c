"""The house style of a corpus, for project admins: a small form of its own (its template,
annotate/_house_style_form.html, can be included by other corpus settings screens)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from annotate.forms import HouseStyleForm
from annotate.services.house_style import set_house_style
from corpus import roles
from corpus.access import corpus_for
from corpus.services import EditRefused


def house_style(request, pk: int):
    corpus = corpus_for(request, pk)
    if not roles.can_manage(request.user):
        raise PermissionDenied(gettext("Only project admins set a corpus's house style."))
    if request.method != "POST":
        form = HouseStyleForm.of(corpus)
        return render(request, "annotate/house_style.html", {"corpus": corpus, "form": form})
    form = HouseStyleForm(request.POST)
    try:
        if not form.is_valid():
            raise EditRefused(
                "; ".join(f"{form[name].label}: {' '.join(e)}" for name, e in form.errors.items())
            )
        jobs = set_house_style(corpus, **form.cleaned_data)
    except EditRefused as refusal:
        messages.error(
            request, gettext("The house style was not changed. %(refusal)s") % {"refusal": refusal}
        )
        context = {"corpus": corpus, "form": form}
        return render(request, "annotate/house_style.html", context, status=422)
    if jobs:
        messages.success(
            request,
            gettext(
                "House style saved. Checking %(n_jobs)s document(s) again: a page you open is checked at once, the rest by the task worker."
            )
            % {"n_jobs": len(jobs)},
        )
    else:
        messages.info(request, gettext("The house style is unchanged; nothing to check again."))
    return redirect("annotate:house_style", pk=corpus.pk)
