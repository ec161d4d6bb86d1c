"""A corpus's settings and members page, for its project admins: change the settings, archive,
add and remove members, change their roles. Every change is one call to corpus.services.corpora;
a refusal re-renders the page (400) with a message naming what was wrong, and changes nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from corpus import roles
from corpus.access import corpus_for
from corpus.models import Corpus
from corpus.services import EditRefused, corpora
from corpus.team_forms import CorpusForm, MemberAddForm, RolesForm, form_problems

ADMINS_ONLY = gettext_lazy("Only project admins manage a corpus's settings and members.")


def corpus_to_manage(request, pk: int) -> Corpus:
    corpus = corpus_for(request, pk)
    if not roles.can_manage(request.user):
        raise PermissionDenied(ADMINS_ONLY)
    return corpus


def _page(request, corpus: Corpus, status: int = 200, **forms):
    context = {
        "corpus": corpus,
        "form": forms.get("form") or CorpusForm.of(corpus),
        "add_form": forms.get("add_form") or MemberAddForm(),
        "members": corpora.members_of(corpus),
        "role_choices": RolesForm.base_fields["roles"].choices,
    }
    return render(request, "corpus/settings.html", context, status=status)


def _refused(request, corpus: Corpus, problem: str, **forms):
    messages.error(request, gettext("Nothing changed. %(problem)s") % {"problem": problem})
    return _page(request, corpus, status=400, **forms)


def corpus_settings(request, pk: int):
    corpus = corpus_to_manage(request, pk)
    if request.method != "POST":
        return _page(request, corpus)
    form = CorpusForm(request.POST)
    if not form.is_valid():
        return _refused(request, corpus, form_problems(form), form=form)
    try:
        corpora.update(corpus, request.user, **form.cleaned_data)
    except EditRefused as refusal:
        return _refused(request, corpus, str(refusal), form=form)
    messages.success(request, gettext("Settings saved."))
    return redirect("corpus:corpus_settings", pk=corpus.pk)


@require_POST
def corpus_archive(request, pk: int, archived: bool):
    corpus = corpus_to_manage(request, pk)
    try:
        (corpora.archive if archived else corpora.unarchive)(corpus, request.user)
    except EditRefused as refusal:
        return _refused(request, corpus, str(refusal))
    if archived:
        messages.success(
            request,
            gettext("“%(corpus_name)s” is archived: read-only and off the lists.")
            % {"corpus_name": corpus.name},
        )
        return redirect("corpus:corpus_list")
    messages.success(
        request, gettext("“%(corpus_name)s” is back in use.") % {"corpus_name": corpus.name}
    )
    return redirect("corpus:corpus_settings", pk=corpus.pk)


@require_POST
def member_add(request, pk: int):
    corpus = corpus_to_manage(request, pk)
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        return _refused(request, corpus, form_problems(form), add_form=form)
    data = form.cleaned_data
    try:
        user = corpora.add_member(corpus, request.user, data["username"], data["roles"])
    except EditRefused as refusal:
        return _refused(request, corpus, str(refusal), add_form=form)
    messages.success(
        request,
        gettext("%(user_username)s joined as %(data)s.")
        % {"user_username": user.get_username(), "data": ", ".join(data["roles"])},
    )
    return redirect("corpus:corpus_settings", pk=corpus.pk)


def _member(corpus: Corpus, user_pk: int):
    # Only members are addressed here: any other id is not found, whoever it is.
    return get_object_or_404(corpus.members.all(), pk=user_pk)


@require_POST
def member_roles(request, pk: int, user_pk: int):
    corpus = corpus_to_manage(request, pk)
    user = _member(corpus, user_pk)
    form = RolesForm(request.POST)
    if not form.is_valid():
        return _refused(request, corpus, f"{user.get_username()}: {form_problems(form)}")
    try:
        corpora.change_roles(corpus, request.user, user, form.cleaned_data["roles"])
    except EditRefused as refusal:
        return _refused(request, corpus, str(refusal))
    messages.success(
        request,
        gettext("%(user_username)s is now %(form_cleaned_data)s.")
        % {
            "user_username": user.get_username(),
            "form_cleaned_data": ", ".join(form.cleaned_data["roles"]),
        },
    )
    return redirect("corpus:corpus_settings", pk=corpus.pk)


@require_POST
def member_remove(request, pk: int, user_pk: int):
    corpus = corpus_to_manage(request, pk)
    user = _member(corpus, user_pk)
    try:
        corpora.remove_member(corpus, request.user, user)
    except EditRefused as refusal:
        return _refused(request, corpus, str(refusal))
    messages.success(
        request,
        gettext("%(user_username)s is no longer a member of “%(corpus_name)s”.")
        % {"user_username": user.get_username(), "corpus_name": corpus.name},
    )
    if user == request.user and not request.user.is_superuser:
        return redirect("corpus:corpus_list")
    return redirect("corpus:corpus_settings", pk=corpus.pk)
