from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotate.models import Span
from corpus.models import Corpus, Segment
from export.exporters import exporters_of_kind
from export.services.run import ExportRun, glossary_files
from export.services.selection import DEFAULT_SPAN_STATES, Selection


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date; write it as YYYY-MM-DD.") from None


def report_paths(out: Path) -> tuple[Path, Path]:
    """data.jsonl -> data.report.txt and data.report.json, beside the data.

    Only the last suffix goes: seeds.iob.conll and seeds.doccano.jsonl in one folder must not
    write over each other's report."""
    stem = out.stem or out.name
    return out.with_name(f"{stem}.report.txt"), out.with_name(f"{stem}.report.json")


class Command(BaseCommand):
    help = (
        "Export a corpus in one of the export formats, streamed to a file, with the export report "
        "(every span the format could not carry) written beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="Corpus name.")
        parser.add_argument(
            "--format", required=True, choices=[e.id for e in exporters_of_kind("segments")]
        )
        parser.add_argument(
            "--out", required=True, type=Path, help="The file to write (its folder must exist)."
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            choices=Segment.Status.values,
            help="Repeat for several.",
        )
        parser.add_argument(
            "--label",
            action="append",
            default=[],
            help="Only spans with this label key; repeat for several.",
        )
        parser.add_argument(
            "--documents",
            nargs="+",
            default=[],
            help="Document ids, titles or file names (default: all).",
        )
        parser.add_argument(
            "--span-state",
            action="append",
            default=[],
            choices=Span.State.values,
            help="Span states to export (default: accepted only); repeat for several.",
        )
        parser.add_argument(
            "--from", dest="date_from", type=_day, help="Segments updated on or after this day."
        )
        parser.add_argument(
            "--to", dest="date_to", type=_day, help="Segments updated on or before this day."
        )
        parser.add_argument(
            "--glossary",
            action="store_true",
            help="Also write the glossary (TBX, CSV) beside the data.",
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit with an error when any span was skipped."
        )

    def handle(self, *args, corpus, format, out, documents, **options):
        out = Path(out)
        target = Corpus.objects.filter(name=corpus).first()
        if target is None:
            raise CommandError(f"There is no corpus “{corpus}”.")
        if not out.parent.is_dir():
            raise CommandError(f"{out.parent}: no such folder.")
        selection = Selection(
            documents=self._documents(target, documents),
            statuses=tuple(options["status"]),
            labels=tuple(options["label"]),
            date_from=options["date_from"],
            date_to=options["date_to"],
            span_states=tuple(options["span_state"]) or DEFAULT_SPAN_STATES,
        )
        if format == "plain-text" and (
            selection.statuses or selection.date_from or selection.date_to
        ):
            raise CommandError("plain-text writes whole documents; drop --status, --from and --to.")
        run = ExportRun(target, format, selection)
        # Written under a temporary name, so a failed export never looks like a finished one.
        partial = out.with_name(out.name + ".partial")
        with partial.open("wb") as stream:
            for chunk in run.data():
                stream.write(chunk)
        partial.replace(out)
        report_txt, report_json = report_paths(out)
        report_txt.write_text(run.report_text(), encoding="utf-8")
        report_json.write_bytes(run.report_json())
        for name, data in glossary_files(target) if options["glossary"] else []:
            out.with_name(name).write_bytes(data)
        self._summarise(run, out, report_txt)
        if options["strict"] and not run.report.ok:
            raise CommandError(
                f"{run.report.spans_skipped} span(s) could not be written exactly; see {report_txt}."
            )

    def _documents(self, corpus: Corpus, wanted: list[str]) -> tuple[int, ...]:
        ids = []
        for value in wanted:
            found = (
                corpus.documents.filter(pk=int(value))
                if value.isdigit()
                else corpus.documents.filter(title=value)
            )
            found = found or corpus.documents.filter(original_name=value)
            if not found:
                raise CommandError(f"The corpus “{corpus.name}” has no document “{value}”.")
            ids.extend(found.values_list("pk", flat=True))
        return tuple(ids)

    def _summarise(self, run: ExportRun, out: Path, report_txt: Path) -> None:
        report = run.report
        self.stdout.write(
            f"Wrote {out}: {report.documents} documents, {report.segments} segments, "
            f"{report.spans_written} spans written, {report.spans_skipped} skipped."
        )
        if run.exporter.carries_spans:
            self.stdout.write(run.left_out.as_text())
        problems = len(report.problems) + report.problems_not_listed
        if problems:
            self.stderr.write(f"{problems} span problem(s), each named in {report_txt}.")
        else:
            self.stdout.write(f"Report: {report_txt} (no problems).")
