from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from annotate.services.labels import ensure_default_labels
from corpus.importers import ImportRefused, parse_upload, parse_uploads
from corpus.models import Corpus
from corpus.services.imports import import_limits, import_parsed, import_text
from glossary.services.files import import_csv

SEEDS = Path(settings.BASE_DIR) / "seeds"
# Copied into seeds/ with its README: the app reads nothing outside its own tree.
BILINGUAL_SAMPLE = SEEDS / "wmt22-zhen-sample"
BILINGUAL_CORPUS = "WMT22 sample (zh→en)"


class Command(BaseCommand):
    help = "Load the demo corpus “Seeds”: the two seed texts, the default labels and the starter glossary. Safe to run again."

    def handle(self, *args, **options):
        corpus, _ = Corpus.objects.get_or_create(
            name="Seeds",
            defaults={
                "description": "Machine-translated Chinese government texts shipped with Redline."
            },
        )
        ensure_default_labels(corpus)
        known = set(corpus.documents.values_list("sha256", flat=True))
        for path in sorted(SEEDS.glob("*.txt")):
            try:
                [imported] = parse_upload(path.name, path.read_bytes(), import_limits())
            except ImportRefused as refused:
                self.stderr.write(f"Seed not loaded: {refused}")
                continue
            if imported.sha256 in known:
                continue
            document = import_text(
                corpus, imported.name, imported.text, imported.encoding, imported.sha256
            )
            self.stdout.write(f"Loaded {path.name}: {document.segments.count()} segments.")
        # Upserts by preferred term: a second run finds every concept unchanged and records nothing.
        glossary = import_csv(corpus, (SEEDS / "glossary.csv").read_bytes(), None)
        if glossary.created or glossary.updated:
            self.stdout.write(
                f"Glossary: {glossary.created} concepts added, {glossary.updated} updated."
            )
        self.stdout.write(
            f"Seeds corpus ready: {corpus.documents.count()} documents, {corpus.labels.count()} labels, "
            f"{corpus.glossary_terms.count()} glossary concepts."
        )
        self.load_bilingual_sample()

    def load_bilingual_sample(self) -> None:
        corpus, _ = Corpus.objects.get_or_create(
            name=BILINGUAL_CORPUS,
            defaults={
                "description": "Chinese news and regulation text beside one commercial system's "
                "English MT (WMT22, 195 pairs): the source shows above each segment."
            },
        )
        ensure_default_labels(corpus)
        files = [(path.name, path.read_bytes()) for path in sorted(BILINGUAL_SAMPLE.glob("*.txt"))]
        records, refusals = parse_uploads(files, import_limits(), bilingual=True)
        for refused in refusals:
            self.stderr.write(f"Seed not loaded: {refused}")
        known = set(corpus.documents.values_list("sha256", flat=True))
        for imported in records:
            if imported.sha256 not in known:
                document = import_parsed(corpus, imported, title="WMT22 news and chat sample")
                self.stdout.write(f"Loaded {imported.name}: {document.segments.count()} units.")
