from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from corpus import roles
from corpus.models import Corpus

DEMO_PASSWORD = "redline-demo"
DEMO_USERS = (
    ("translator", [roles.TRANSLATOR]),
    ("reviewer", [roles.REVIEWER]),
    ("glossary", [roles.GLOSSARY_ADMIN]),
    ("admin", [roles.PROJECT_ADMIN, roles.REVIEWER, roles.GLOSSARY_ADMIN]),
)


class Command(BaseCommand):
    help = "Create demo accounts (one per role) as members of the given corpora, and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", action="append", default=None, help="Corpus to join (default: Seeds)."
        )

    def handle(self, *args, corpus=None, **options):
        corpora = list(Corpus.objects.filter(name__in=corpus or ["Seeds"]))
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
