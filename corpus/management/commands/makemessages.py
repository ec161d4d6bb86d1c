"""makemessages that also collects the pure packages' N_("...") messages (corpus.text.i18n).

Django's own command passes a fixed keyword list to xgettext; subclassing and extending
``xgettext_options`` is the documented way to add one.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
