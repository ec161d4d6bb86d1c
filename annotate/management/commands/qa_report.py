from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotate.qa.bilingual.evaluate import bilingual_report
from annotate.qa.report import (
    count_findings,
    evaluate,
    format_counts,
    format_report,
    read_clean,
    read_labelled,
)


class Command(BaseCommand):
    help = (
        "Run the QA checks over FILE. A labelled .jsonl (like tests/annotate/qa/seed_artefacts.jsonl) gives "
        "precision and recall per check; a plain text file gives the findings per check."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--also", type=Path, action="append", default=[], help="more labelled .jsonl files"
        )
        parser.add_argument(
            "--clean", type=Path, help="clean English sentences, one per line (false alarms)"
        )
        parser.add_argument(
            "--bilingual",
            type=Path,
            help="labelled (source, MT) pairs .jsonl: precision and recall of the source-aware checks",
        )
        parser.add_argument(
            "--glossary",
            type=Path,
            help="with --bilingual: source_terms and forbidden variants (.json)",
        )

    def handle(self, *args, file, also, clean, bilingual=None, glossary=None, **options):
        if bilingual is not None:
            self._bilingual(bilingual, glossary)
            if file is None:
                return
        if file is None:
            raise CommandError("Give a FILE, or --bilingual FILE.")
        for path in [file, *also, *([clean] if clean else [])]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
        if file.suffix != ".jsonl":
            self.stdout.write(format_counts(*count_findings(file.read_text(encoding="utf-8"))))
            return
        items = read_labelled(file) + [item for extra in also for item in read_labelled(extra)]
        self.stdout.write(
            format_report(evaluate(items, clean_sentences=read_clean(clean) if clean else []))
        )

    def _bilingual(self, path, glossary):
        for p in [path, *([glossary] if glossary else [])]:
            if not p.is_file():
                raise CommandError(f"{p}: no such file.")
        self.stdout.write(bilingual_report(path, glossary))
