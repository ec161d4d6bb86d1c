"""Fixing and dismissing findings; the per-check summaries of a document and a corpus; checking
a corpus's documents not checked yet, and checking again."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotate.access import finding_for
from annotate.forms import DismissForm
from annotate.qa import CHECKS
from annotate.services import findings, recheck
from annotate.services.edits import apply_fix
from annotate.services.findings import dismiss
from annotate.views.common import changed_meanwhile, done, filter_query, refreshed, refused
from corpus import roles
from corpus.access import corpus_for
from corpus.forms import VersionForm
from corpus.i18n import localize
from corpus.models import Document
from corpus.services import EditConflict, EditRefused
from corpus.text.i18n import N_
from glossary.terms import consistency

TITLES = {check.id: (check.title, check.explanation) for check in CHECKS} | {
    "glossary-forbidden": (
        N_("Forbidden glossary rendering"),
        N_("The glossary forbids this rendering of a concept."),
    ),
    "glossary-inconsistent": (
        N_("Concept rendered two ways"),
        N_("The document renders one glossary concept differently."),
    ),
}


def finding_fix(request, pk: int):
    finding = finding_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers apply fixes."))
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refused(request, finding.segment, gettext("The request had no segment version."))
    try:
        change = apply_fix(finding, form.cleaned_data["version"], request.user)
    except EditConflict as conflict:
        return changed_meanwhile(request, conflict)
    except EditRefused as refusal:
        return refused(request, finding.segment, str(refusal))
    return done(request, change.segment)


@require_POST
def finding_dismiss(request, pk: int):
    finding = finding_for(request, pk)
    if not roles.can_edit(request.user):
        raise PermissionDenied(gettext("Only translators and reviewers dismiss findings."))
    form = DismissForm(request.POST)
    if not form.is_valid():
        return refused(request, finding.segment, " ".join(form.errors["reason"]))
    try:
        dismiss(finding, request.user, form.cleaned_data["reason"])
    except EditRefused as refusal:
        return refused(request, finding.segment, str(refusal))
    return done(request, refreshed(finding.segment))


# Each check has one severity; with the stored counters the summary needs no finding row.
SEVERITIES = {check.id: str(check.severity) for check in CHECKS} | consistency.SEVERITY


def _summary(finding_counts) -> list[dict]:
    """Open findings per check, from documents' counters (no scan of the findings)."""
    counts: Counter[str] = Counter()
    for per_check in finding_counts:
        counts.update(per_check)
    return [
        {
            "check_id": check_id,
            "severity": SEVERITIES.get(check_id, "info"),
            "n": n,
            "title": localize(TITLES.get(check_id, (check_id, ""))[0]),
        }
        for check_id, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if n
    ]


def summary_context(request, document: Document) -> dict:
    """What a document's findings summary shows: its own view (the first load, and polling while
    a check job runs) and the review page's refresh after a write (review.document_counts)."""
    checking = not findings.is_checked(document)
    return {
        "rows": _summary([document.finding_counts]),
        "document": document,
        "checking": checking,
        "job": findings.check_job(document) if checking or request.GET.get("checking") else None,
        # A check chosen here joins the review page's other filters (status, spans).
        "keep": filter_query(request.GET, check=None),
    }


def document_findings(request, pk: int):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    context = summary_context(request, document)
    response = render(request, "annotate/_findings_summary.html", context)
    if request.GET.get("checking") and not context["checking"]:
        response["HX-Trigger"] = "job-finished"  # the review body reloads with every finding
    return response


def _only_checkers(request) -> None:
    if not roles.can_check_corpus(request.user):
        raise PermissionDenied(
            gettext("Only reviewers and project admins run the checks on a whole corpus.")
        )


def corpus_findings(request, pk: int):
    corpus = corpus_for(request, pk)
    recheck.ensure_glossary_checked(corpus)
    if request.method == "POST":
        _only_checkers(request)
        findings.check_corpus_later(corpus.pk)
    unchecked = findings.unchecked(corpus.documents.all()).count()
    context = {
        "rows": _summary(corpus.documents.values_list("finding_counts", flat=True)),
        "corpus": corpus,
        "unchecked": unchecked,
        "checking": request.method == "POST" or request.GET.get("checking"),
        "can_manage": roles.can_manage(request.user),
        "can_check": roles.can_check_corpus(request.user),
    }
    return render(request, "annotate/_findings_summary.html", context)


@require_POST
def check_corpus(request, pk: int):
    """The dashboard's "Check them now": the task worker checks the documents not checked yet,
    as the corpus page's findings summary has it do."""
    corpus = corpus_for(request, pk)
    _only_checkers(request)
    findings.check_corpus_later(corpus.pk)
    messages.info(
        request,
        gettext(
            "The task worker is checking the documents not checked yet; "
            "reload this page to see their findings."
        ),
    )
    return redirect(reverse("annotate:corpus_dashboard", args=[corpus.pk]))


def _only_admins(request) -> None:
    if not roles.can_manage(request.user):
        raise PermissionDenied(gettext("Only project admins re-check documents and corpora."))


@require_POST
def recheck_document(request, pk: int):
    """Every check again on one document (after a change of checks, house style or glossary)."""
    _only_admins(request)
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if recheck.recheck_document(document):
        messages.success(
            request,
            gettext("Checked all %(document_segment_count)s segments again.")
            % {"document_segment_count": document.segment_count},
        )
    else:
        messages.info(request, gettext("The task worker is checking this long document again."))
    return redirect(reverse("annotate:document_review", args=[document.pk]))


@require_POST
def recheck_corpus(request, pk: int):
    """Every check again on every document of a corpus, by the task worker."""
    corpus = corpus_for(request, pk)
    _only_admins(request)
    recheck.recheck_corpus_later(corpus.pk)
    messages.info(
        request, gettext("The task worker is checking every document of this corpus again.")
    )
    return redirect(reverse("corpus:corpus_detail", args=[corpus.pk]))
