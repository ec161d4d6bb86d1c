from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from annotate.services.labels import create_corpus
from corpus.importers import ImportLimits, ImportRefused
from corpus.services import EditRefused
from export import dataset


class Command(BaseCommand):
    help = (
        "Import a Redline JSONL export (segments, spans, labels, term links) into a corpus. "
        "All or nothing: if any document is refused, nothing is stored (not even a new corpus)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--corpus",
            required=True,
            help="Corpus name; created (with the default labels) if it does not exist.",
        )
        parser.add_argument(
            "--no-default-labels",
            action="store_true",
            help="Create a new corpus with only the labels the file uses.",
        )

    def handle(self, *args, path, corpus, no_default_labels=False, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        # A whole corpus in one file: the upload limit, not the per-file one, bounds it.
        size = settings.REDLINE_IMPORT_MAX_UPLOAD_BYTES
        try:
            records = dataset.parse_dataset(path.name, path.read_bytes(), ImportLimits(size, size))
        except ImportRefused as refused:
            raise CommandError(f"Not imported: {refused}") from None
        # One transaction for the command: a dataset is restored whole, so a refused document
        # must not leave the others (or an empty corpus created for them) behind.
        try:
            with transaction.atomic():
                target, created = create_corpus(
                    corpus,
                    labels=not no_default_labels,
                    allow_overlapping_spans=dataset.has_overlaps(records),
                )
                result = dataset.import_dataset(target, records)
                if result.refusals:
                    raise EditRefused("\n".join(result.refusals))
        except EditRefused as refused:
            for refusal in str(refused).splitlines():
                self.stderr.write(f"Not imported: {refusal}")
            raise CommandError("Nothing was imported; see above.") from None
        if created:
            self.stdout.write(f"Created corpus “{target.name}”.")
        for document in result.documents:
            self.stdout.write(
                f"Imported {document.original_name}: {document.segments.count()} segments."
            )
        if result.labels_created:
            self.stdout.write(f"New labels: {', '.join(result.labels_created)}.")
        self.stdout.write(f"{result.spans} spans, {result.terms_linked} term links restored.")
        for missing in result.terms_missing:
            self.stderr.write(f"Term link not restored (no such term here): {missing}")
