"""The corpus dashboard: how the work is going, for every member of the corpus (any role).

Numbers from annotate.services.dashboard (a fixed number of aggregate queries), charts from the
pure annotate.charts, each chart followed on the page by the table behind it.
"""

from django import forms
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from annotate.charts import Series, bar_chart, column_chart
from annotate.services.dashboard import Dashboard, Period, corpus_dashboard
from annotate.services.findings import check_title
from corpus import roles
from corpus.access import corpus_for


class PeriodForm(forms.Form):
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data


def corpus_dashboard_page(request, pk: int):
    corpus = corpus_for(request, pk)
    form = PeriodForm(request.GET or None)
    # A bad date shows its error and the whole history rather than a guess at what was meant.
    period = Period(**form.cleaned_data) if form.is_bound and form.is_valid() else Period()
    board = corpus_dashboard(corpus, period)
    context = {
        "corpus": corpus,
        "form": form,
        "board": board,
        "charts": charts(board),
        "check_rows": [(check_title(c.check_id), c) for c in board.checks],
        "can_check": roles.can_check_corpus(request.user),
    }
    return render(request, "annotate/dashboard.html", context)


def charts(board: Dashboard) -> dict[str, str]:
    """The page's SVG charts, in the order of their tables. annotate.charts escapes every name and
    number it writes, so its output is markup as it stands."""
    checks = [check_title(c.check_id) for c in board.checks]
    people = [p.name or _("(no author)") for p in board.people]
    svgs = {
        "progress": column_chart(
            "chart-progress",
            _("Progress per day"),
            _("Segments edited and approved on each day; the table below gives the numbers."),
            [d.day.isoformat() for d in board.days],
            [
                Series(_("edited"), "edited", tuple(d.edited for d in board.days)),
                Series(_("approved"), "approved", tuple(d.approved for d in board.days)),
            ],
            y_label=_("segments"),
        ),
        "checks": bar_chart(
            "chart-checks",
            _("Findings per check"),
            _("Open, fixed and dismissed findings of each check."),
            checks,
            [
                Series(_("open"), "open", tuple(c.open for c in board.checks)),
                Series(_("fixed"), "fixed", tuple(c.fixed for c in board.checks)),
                Series(_("dismissed"), "dismissed", tuple(c.dismissed for c in board.checks)),
            ],
        ),
        "hter": column_chart(
            "chart-hter",
            _("HTER distribution"),
            _("How many segments past MT have each HTER (edits per word)."),
            [name for name, _n in board.hter],
            [Series(_("segments"), "edited", tuple(n for _name, n in board.hter))],
            y_label=_("segments"),
        ),
        "people": bar_chart(
            "chart-people",
            _("Words post-edited per person"),
            _("Words of the text each person saved, counted per edit."),
            people,
            [Series(_("words"), "edited", tuple(p.words for p in board.people))],
        ),
        "glossary": bar_chart(
            "chart-glossary",
            _("Glossary compliance"),
            _("Forbidden glossary renderings left in the text, fixed and dismissed."),
            [_("forbidden renderings")],
            [
                Series(_("left"), "open", (board.glossary.open,)),
                Series(_("fixed"), "fixed", (board.glossary.fixed,)),
                Series(_("dismissed"), "dismissed", (board.glossary.dismissed,)),
            ],
        ),
    }
    return {name: mark_safe(svg) for name, svg in svgs.items()}
