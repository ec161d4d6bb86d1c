from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--also", type=Path, action="append", default=[], help="more labelled .jsonl files"
        )
        parser.add_argument(
            "--clean", type=Path, help="clean English sentences, one per line (false alarms)"
        )

    def handle(self, *args, file, also, clean, **options):
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
