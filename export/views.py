"""The export page: pick a format and filters, see what will go, download a streamed ZIP with its report.

Project admins export; reviewers too when the corpus allows it (its own choice, or else
REDLINE_EXPORT_ALLOW_REVIEWERS). Non-members get
404 (the corpus is invisible to them), other members 403. Every view takes the form as GET
parameters, so a download URL can be bookmarked or fetched by a script with a session.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext

from corpus import roles
from corpus.access import corpus_for
from corpus.i18n import localize
from corpus.models import Corpus
from export.exporters import get_exporter
from export.forms import FORMATS, ExportForm
from export.services.run import ZIP_MEDIA_TYPE, ExportRun, record_download
from export.services.selection import Selection, segments_for, summary

PAGE = "export/export.html"
# A trial run happens inside the request; beyond this, the report comes with the download.
CHECK_LIMIT = 20_000


def can_export(user, corpus: Corpus) -> bool:
    return roles.can_manage(user) or (corpus.reviewers_may_export and roles.can_review(user))


def corpus_for_export(request, pk: int) -> Corpus:
    corpus = corpus_for(request, pk)
    if not can_export(request.user, corpus):
        who = "project admins and reviewers" if corpus.reviewers_may_export else "project admins"
        raise PermissionDenied(gettext("Only %(who)s export data.") % {"who": who})
    return corpus


def _context(corpus: Corpus, form: ExportForm) -> dict:
    """The page or fragment context, with the counts of what the chosen export will hold."""
    # Plain values: templates would call (instantiate) exporter classes while rendering them.
    formats = [
        {"id": e.id, "label": localize(e.label), "description": localize(e.description)}
        for e in FORMATS
    ]
    context = {"corpus": corpus, "form": form, "formats": formats, "summary": None}
    if form.is_bound and not form.is_valid():
        return context
    selection = form.selection() if form.is_bound else Selection()
    exporter = get_exporter(form.cleaned_data["format"] if form.is_bound else FORMATS[0].id)
    counts = summary(corpus, selection)
    return {
        **context,
        "exporter": {"label": localize(exporter.label), "carries_spans": exporter.carries_spans},
        "summary": counts,
    }


def export_page(request, pk: int):
    corpus = corpus_for_export(request, pk)
    form = ExportForm(request.GET if "format" in request.GET else None, corpus=corpus)
    return render(request, PAGE, _context(corpus, form))


def export_preview(request, pk: int):
    corpus = corpus_for_export(request, pk)
    return render(
        request, f"{PAGE}#summary", _context(corpus, ExportForm(request.GET, corpus=corpus))
    )


def export_check(request, pk: int):
    """A trial run without the bytes: the report the download will carry, shown in the page."""
    corpus = corpus_for_export(request, pk)
    form = ExportForm(request.GET, corpus=corpus)
    if not form.is_valid():
        return render(request, f"{PAGE}#check", {"errors": form.errors}, status=422)
    run = ExportRun(corpus, form.cleaned_data["format"], form.selection(), user=request.user)
    total = segments_for(corpus, run.selection).count()
    if total > CHECK_LIMIT:
        return render(request, f"{PAGE}#check", {"too_many": total, "limit": CHECK_LIMIT})
    for _chunk in run.data():
        pass
    return render(request, f"{PAGE}#check", {"run": run})


def export_download(request, pk: int):
    corpus = corpus_for_export(request, pk)
    form = ExportForm(request.GET, corpus=corpus)
    if not form.is_valid():
        return render(request, PAGE, _context(corpus, form), status=400)
    return streamed_download(request, corpus, form)


def streamed_download(request, corpus: Corpus, form: ExportForm) -> StreamingHttpResponse:
    """The ZIP of a valid export form, streamed; once the last byte went out, the download is
    recorded as a finished export job (the export page's and the API's downloads alike)."""
    data = form.cleaned_data
    run = ExportRun(
        corpus, data["format"], form.selection(), user=request.user, glossary=data["glossary"]
    )
    # The caller's own filters, so the recorded job can name a URL giving the same selection.
    query = urlencode(
        [(k, v) for k, values in request.GET.lists() if k in form.fields for v in values if v]
    )
    base_url = request.build_absolute_uri("/").rstrip("/")

    def chunks():
        yield from run.archive()
        record_download(run, query, base_url)  # not reached when the client went away

    response = StreamingHttpResponse(chunks(), content_type=ZIP_MEDIA_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, run.download_name())
    response["Cache-Control"] = "no-store"
    return response


def export_link(request, pk: int):
    """The corpus page's Export link for reviewers, who may export only when the setting allows."""
    corpus = corpus_for(request, pk)
    if not can_export(request.user, corpus):
        return HttpResponse("")
    return render(request, f"{PAGE}#export-link", {"corpus": corpus})
