from argparse import Namespace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotate.qa.measure import add_style_arguments, run
from corpus.models import Corpus


class Command(BaseCommand):
    help = (
        "Run the QA checks over FILE. A labelled .jsonl (like tests/annotate/qa/seed_artefacts.jsonl) "
        "gives precision and recall per check (--fixes: how often a fix gives the labelled correct "
        "text); a plain text file gives the findings per check (--clean-english: per 100 "
        "sentences by severity and check, for text with no damage in it). The checks follow the "
        "house style given by --quotes/--dash/--thousands or taken from --corpus NAME."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--also", type=Path, action="append", default=[], help="more labelled .jsonl files"
        )
        parser.add_argument(
            "--clean", type=Path, help="clean English sentences, one per line (false alarms)"
        )
        parser.add_argument("--fixes", action="store_true", help="measure the fixes")
        parser.add_argument(
            "--clean-english", action="store_true", help="plain text with no damage in it"
        )
        parser.add_argument(
            "--bilingual",
            type=Path,
            help="labelled (source, MT) pairs .jsonl: precision and recall of the source-aware checks",
        )
        parser.add_argument(
            "--glossary", type=Path, help="with --bilingual: source_terms and forbidden variants"
        )
        add_style_arguments(parser)
        parser.add_argument(
            "--corpus", help="follow this corpus's house style (instead of the three options)"
        )

    def handle(
        self, *args, file, also, clean, fixes, clean_english, bilingual, glossary, corpus, **options
    ):
        if file is None and bilingual is None:
            raise CommandError("Give a FILE, or --bilingual FILE.")
        given = [file, *also, clean, bilingual, glossary]
        for path in [p for p in given if p is not None]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
        args = Namespace(
            file=file,
            also=also,
            clean=clean,
            fixes=fixes,
            clean_english=clean_english,
            bilingual=bilingual,
            glossary=glossary,
            **self._style(corpus, options),
        )
        self.stdout.write(run(args))

    @staticmethod
    def _style(name: str | None, options: dict) -> dict[str, str]:
        if name is None:
            return {key: options[key] for key in ("quotes", "dash", "thousands")}
        corpus = Corpus.objects.filter(name=name).first()
        if corpus is None:
            raise CommandError(f"No corpus named {name!r}.")
        return corpus.house_style()
