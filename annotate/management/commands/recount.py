from django.core.management.base import BaseCommand
from django.db import transaction

from annotate.services.counters import recount
from corpus.models import Document

BATCH = 500


class Command(BaseCommand):
    help = (
        "Rebuild every document's counters (segments by status, spans by state, open findings "
        "by check) from the stored rows. The writes keep them; this repairs after raw SQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", help="Only the documents of this corpus (by name).")

    def handle(self, *args, corpus=None, **options):
        documents = Document.objects.order_by("pk")
        if corpus:
            documents = documents.filter(corpus__name=corpus)
        ids = list(documents.values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                done += recount(ids[start : start + BATCH])
        self.stdout.write(f"Recounted {done} document(s).")
