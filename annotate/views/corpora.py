"""Starting a corpus from Redline's own screens. It lives in annotate because a new corpus gets the
default labels, which are annotate's; the rules are corpus.services.corpora's, as in the API."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from annotate.services.labels import new_corpus
from corpus import roles
from corpus.services import EditRefused
from corpus.team_forms import CorpusForm, form_problems


def corpus_new(request):
    if not roles.can_manage(request.user):
        raise PermissionDenied(gettext("Only project admins start corpora."))
    form = CorpusForm(request.POST or None)
    if request.method == "POST":
        problem = None if form.is_valid() else form_problems(form)
        if problem is None:
            try:
                corpus = new_corpus(request.user, **form.cleaned_data)
            except EditRefused as refusal:
                problem = str(refusal)
            else:
                messages.success(
                    request,
                    gettext("“%(corpus_name)s” is ready: add members and documents.")
                    % {"corpus_name": corpus.name},
                )
                return redirect("corpus:corpus_settings", pk=corpus.pk)
        messages.error(request, gettext("No corpus created. %(problem)s") % {"problem": problem})
        return render(request, "corpus/corpus_new.html", {"form": form}, status=400)
    return render(request, "corpus/corpus_new.html", {"form": form})
