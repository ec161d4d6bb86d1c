"""The API tokens page: each user makes, names, scopes and revokes their own tokens. A new
token's text is shown once, in the answer to the form that made it, and never again."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from api.models import ApiToken
from api.services.tokens import create_token, revoke_token
from corpus.services import EditRefused

PAGE = "api/tokens.html"
NEW_TOKEN = "api_new_token"


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text=gettext_lazy("What will use it, e.g. “nightly MT feed”.")
    )
    scope = forms.ChoiceField(
        choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ, widget=forms.RadioSelect
    )


def _page(request, form: TokenForm, **extra):
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, PAGE, {"form": form, "tokens": tokens, **extra})


def token_list(request):
    if request.method != "POST":
        # Popped on the first view after creating it: a reload no longer shows it.
        shown = request.session.pop(NEW_TOKEN, None)
        response = _page(request, TokenForm(), new=shown)
        response["Cache-Control"] = "no-store"
        return response
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    try:
        token, text = create_token(request.user, **form.cleaned_data)
    except EditRefused as refused:
        form.add_error(None, str(refused))
        return _page(request, form)
    # Redirected, so a reload cannot post the form again; the text waits in the (server-side)
    # session for exactly one page view, never in a URL.
    request.session[NEW_TOKEN] = {"name": token.name, "text": text}
    return redirect("api:tokens")


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    revoke_token(token)
    messages.success(
        request,
        gettext("Token “%(token_name)s” revoked; requests with it are refused.")
        % {"token_name": token.name},
    )
    return redirect("api:tokens")
