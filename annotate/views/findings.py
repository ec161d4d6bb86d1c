"""Fixing and dismissing findings; the per-check summaries of a document and a corpus."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from annotate.forms import DismissForm
from annotate.models import Finding
from annotate.qa import CHECKS
from annotate.services import findings
from annotate.services.edits import apply_fix
from annotate.services.findings import dismiss
from annotate.views.common import changed_meanwhile, done, refreshed, refused
from corpus import roles
from corpus.access import corpus_for
from corpus.forms import VersionForm
from corpus.models import Document, Segment
from corpus.services import EditConflict, EditRefused

TITLES = {check.id: (check.title, check.explanation) for check in CHECKS} | {
    "glossary-forbidden": (
        "Forbidden glossary rendering",
        "The glossary forbids this rendering of a concept.",
    ),
    "glossary-inconsistent": (
        "Concept rendered two ways",
        "The document renders one glossary concept differently.",
    ),
}


def _finding_for(request, pk: int) -> Finding:
    visible = Segment.objects.visible_to(request.user)
    return get_object_or_404(
        Finding.objects.select_related("segment__document"), pk=pk, segment__in=visible
    )


@require_POST
def finding_fix(request, pk: int):
    finding = _finding_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers apply fixes.")
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refused(request, finding.segment, "The request had no segment version.")
    try:
        change = apply_fix(finding, form.cleaned_data["version"], request.user)
    except EditConflict as conflict:
        return changed_meanwhile(request, conflict)
    except EditRefused as refusal:
        return refused(request, finding.segment, str(refusal))
    return done(request, change.segment)


@require_POST
def finding_dismiss(request, pk: int):
    finding = _finding_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers dismiss findings.")
    form = DismissForm(request.POST)
    if not form.is_valid():
        return refused(request, finding.segment, " ".join(form.errors["reason"]))
    try:
        dismiss(finding, request.user, form.cleaned_data["reason"])
    except EditRefused as refusal:
        return refused(request, finding.segment, str(refusal))
    return done(request, refreshed(finding.segment))


def _summary(queryset) -> list[dict]:
    counts = (
        queryset.filter(dismissed=False)
        .values("check_id", "severity")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [
        {**row, "title": TITLES.get(row["check_id"], (row["check_id"], ""))[0]} for row in counts
    ]


def document_findings(request, pk: int):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    rows = _summary(Finding.objects.filter(document=document))
    context = {"rows": rows, "document": document, "checking": not findings.is_checked(document)}
    return render(request, "annotate/_findings_summary.html", context)


def corpus_findings(request, pk: int):
    corpus = corpus_for(request, pk)
    if request.method == "POST":
        if not (roles.can_review(request.user) or roles.can_manage(request.user)):
            raise PermissionDenied(
                "Only reviewers and project admins run the checks on a whole corpus."
            )
        findings.check_corpus_later(corpus.pk)
    unchecked = findings.unchecked(corpus.documents.all()).count()
    context = {
        "rows": _summary(Finding.objects.filter(corpus=corpus)),
        "corpus": corpus,
        "unchecked": unchecked,
        "checking": request.method == "POST" or request.GET.get("checking"),
    }
    return render(request, "annotate/_findings_summary.html", context)
