"""Fixing and dismissing findings; the per-check summaries of a document and a corpus."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from annotate import findings, services
from annotate.forms import DismissForm
from annotate.models import Finding
from annotate.qa import CHECKS
from annotate.responses import done, guarded, refreshed
from corpus import roles
from corpus.forms import VersionForm
from corpus.models import Corpus, Document, Segment

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
    call = lambda data: services.apply_fix(finding, data["version"], request.user)  # noqa: E731
    change, refusal = guarded(
        request,
        finding.segment,
        VersionForm(request.POST),
        call,
        "The request had no segment version.",
    )
    return refusal or done(request, change.segment)


@require_POST
def finding_dismiss(request, pk: int):
    finding = _finding_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied("Only translators and reviewers dismiss findings.")
    form = DismissForm(request.POST)
    services.dismiss(finding, request.user, form.data.get("reason", ""))
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
    corpus = get_object_or_404(Corpus.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        if not (roles.can_review(request.user) or roles.can_manage(request.user)):
            raise PermissionDenied(
                "Only reviewers and project admins run the checks on a whole corpus."
            )
        from annotate.tasks import check_documents

        check_documents.enqueue(corpus.pk)
    unchecked = findings.unchecked(corpus.documents.all()).count()
    context = {
        "rows": _summary(Finding.objects.filter(corpus=corpus)),
        "corpus": corpus,
        "unchecked": unchecked,
        "checking": request.method == "POST" or request.GET.get("checking"),
    }
    return render(request, "annotate/_findings_summary.html", context)
