from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from corpus import roles
from corpus.models import Corpus

DEMO_PASSWORD = "redline-demo"
DEMO_USERS = (
    ("translator", [roles.TRANSLATOR]),
    ("reviewer", [roles.REVIEWER]),
    ("glossary", [roles.GLOSSARY_ADMIN]),
    ("admin", [roles.PROJECT_ADMIN, roles.REVIEWER, roles.GLOSSARY_ADMIN]),
)


# The corpora `load_seeds` creates (annotate's command; corpus cannot import it): the monolingual
# seeds and the bilingual sample, so `make run` shows both to every demo login.
DEMO_CORPORA = ("Seeds", "WMT22 sample (zh→en)")


class Command(BaseCommand):
    help = "Create demo accounts (one per role) as members of the given corpora, and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            action="append",
            default=None,
            help="Corpus to join (default: the demo corpora load_seeds makes).",
        )
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Create the accounts although DEBUG is off (a staging or demo server).",
        )

    def handle(self, *args, corpus=None, not_production=False, **options):
        # The password is printed here and in the README, and "admin" is a superuser: on a real
        # server that is an open door, so DEBUG off needs the operator to say this is no such server.
        if not settings.DEBUG and not not_production:
            raise CommandError(
                "Refused: DEBUG is off, so this looks like production, and the demo accounts "
                f"(a superuser among them) have the published password “{DEMO_PASSWORD}”. "
                "Nothing was created. On a demo or staging server, run again with "
                "--i-know-this-is-not-production."
            )
        corpora = list(Corpus.objects.filter(name__in=corpus or DEMO_CORPORA))
        User = get_user_model()
        rows = []
        for username, role_names in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = user.is_superuser = username == "admin"
                user.save()
            user.groups.add(*Group.objects.filter(name__in=role_names))
            for target in corpora:
                target.members.add(user)
            rows.append(
                (
                    username,
                    DEMO_PASSWORD if created or user.check_password(DEMO_PASSWORD) else "(changed)",
                    ", ".join(role_names),
                )
            )
        self.stdout.write("Demo logins (user / password / roles):")
        for row in rows:
            self.stdout.write("  {:<11} {:<14} {}".format(*row))
