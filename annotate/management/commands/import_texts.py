from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotate.services.labels import create_corpus
from corpus import services
from corpus.db import refresh_statistics
from corpus.models import Document, Segment
from corpus.services.imports import import_parsed, parse_files


class Command(BaseCommand):
    help = "Import .txt/.md files (or .zip archives of them) into a corpus, segmenting them now."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--corpus",
            required=True,
            help="Corpus name; created (with the default labels) if it does not exist.",
        )
        parser.add_argument(
            "--no-default-labels",
            action="store_true",
            help="Create a new corpus without the default label set.",
        )

    def handle(self, *args, paths, corpus, no_default_labels=False, **options):
        target, created = create_corpus(corpus, labels=not no_default_labels)
        if created:
            labels = target.labels.count()
            self.stdout.write(f"Created corpus “{target.name}” with {labels} label(s).")
        uploads = []
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
            uploads.append((path.name, path.read_bytes()))
        texts, refusals = parse_files(target, uploads)
        for imported in texts:
            try:
                document = import_parsed(target, imported)
            except services.EditRefused as refused:
                refusals.append(str(refused))
                continue
            self.stdout.write(
                f"Imported {imported.name} ({imported.encoding}): {document.segments.count()} segments."
            )
        refresh_statistics(Document, Segment)
        for refusal in refusals:
            self.stderr.write(f"Not imported: {refusal}")
        if refusals:
            raise CommandError(f"{len(refusals)} file(s) were not imported; see above.")
