from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corpus import services
from corpus.models import Corpus
from corpus.services.imports import import_parsed, parse_files


class Command(BaseCommand):
    help = "Import .txt/.md files (or .zip archives of them) into a corpus, segmenting them now."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--corpus", required=True, help="Corpus name; created if it does not exist."
        )

    def handle(self, *args, paths, corpus, **options):
        target, created = Corpus.objects.get_or_create(name=corpus)
        if created:
            self.stdout.write(f"Created corpus “{target.name}”.")
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
        for refusal in refusals:
            self.stderr.write(f"Not imported: {refusal}")
        if refusals:
            raise CommandError(f"{len(refusals)} file(s) were not imported; see above.")
