"""Assignments (project admins assign and unassign, from the corpus page) and the reviewer's
queue. "My work" is on the corpus list (home). Thin: permission check, form, one service call."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus
from corpus.services import EditRefused
from corpus.services.assignments import assign, review_queue, unassign
from corpus.team_forms import AssignmentForm, form_problems
from corpus.team_views import corpus_to_manage


def _page(request, corpus: Corpus, form: AssignmentForm, status: int = 200):
    rows = Assignment.objects.filter(document__corpus=corpus).listed()
    context = {"corpus": corpus, "form": form, "assignments": rows}
    return render(request, "corpus/assignments.html", context, status=status)


def assignments(request, pk: int):
    corpus = corpus_to_manage(request, pk)
    if request.method != "POST":
        return _page(request, corpus, AssignmentForm(corpus=corpus))
    form = AssignmentForm(request.POST, corpus=corpus)
    problem = None if form.is_valid() else form_problems(form)
    if problem is None:
        try:
            made = assign(form.cleaned_data.pop("document"), request.user, **form.cleaned_data)
        except EditRefused as refusal:
            problem = str(refusal)
        else:
            messages.success(
                request,
                gettext("Assigned %(made_document_title)s, %(made_range_label)s.")
                % {
                    "made_document_title": made.document.title,
                    "made_range_label": made.range_label,
                },
            )
            return redirect("corpus:assignments", pk=corpus.pk)
    messages.error(request, gettext("Nothing assigned. %(problem)s") % {"problem": problem})
    return _page(request, corpus, form, status=400)


@require_POST
def assignment_delete(request, pk: int, assignment_pk: int):
    corpus = corpus_to_manage(request, pk)
    assignment = get_object_or_404(
        Assignment.objects.select_related("document__corpus"),
        pk=assignment_pk,
        document__corpus=corpus,
    )
    try:
        unassign(assignment, request.user)
    except EditRefused as refusal:
        messages.error(request, gettext("Nothing changed. %(refusal)s") % {"refusal": refusal})
    else:
        messages.success(request, gettext("Unassigned."))
    return redirect("corpus:assignments", pk=corpus.pk)


def _key(text: str | None) -> tuple[int, int] | None:
    document_id, _, position = (text or "").partition(":")
    if not (document_id.isdigit() and position.lstrip("-").isdigit()):
        return None
    return int(document_id), int(position)


QUEUE_REFUSED = gettext_lazy("The review queue is for reviewers and project admins.")


def queue(request):
    if not roles.can_review(request.user):
        raise PermissionDenied(QUEUE_REFUSED)
    segments, after = review_queue(request.user, after=_key(request.GET.get("after")))
    return render(request, "corpus/queue.html", {"segments": segments, "after": after})
