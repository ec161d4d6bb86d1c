"""One export run: the format's bytes from the records, and the download that carries the report.

The report is complete only when the stream ends, so a download is always a ZIP whose last
members are ``export-report.txt`` and ``export-report.json``: line formats (JSONL, IOB, TSV) are
put in a ZIP of their own, and the ZIP formats (spaCy shards, plain text) get the report appended
to their archive (see ``_append_members``). A data person unzips and finds the report beside the
data, written after the last segment, so it names every skipped span of this very file.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Iterator

import orjson
from django.utils import timezone
from django.utils.text import slugify

from corpus.models import Corpus, Job
from export.exporters import ExportReport, Record, get_exporter
from export.exporters.units import whole_units
from export.exporters.zipstream import ZipStream
from export.services.selection import LeftOut, Selection, iter_records
from glossary.services.files import export_csv, export_tbx

REPORT_TXT = "export-report.txt"
REPORT_JSON = "export-report.json"
ZIP_MEDIA_TYPE = "application/zip"


def glossary_files(corpus: Corpus) -> list[tuple[str, bytes]]:
    """The corpus's glossary (its own concepts and the all-corpora ones), to ship beside the data."""
    return [
        ("glossary.tbx", export_tbx(corpus)),
        ("glossary.csv", export_csv(corpus).encode("utf-8")),
    ]


def safe_stem(corpus: Corpus) -> str:
    return slugify(corpus.name) or f"corpus-{corpus.pk}"


class ExportRun:
    """One export: the records, the format's bytes, the report, and the ZIP that carries both."""

    def __init__(
        self,
        corpus: Corpus,
        exporter_id: str,
        selection: Selection = Selection(),
        *,
        user=None,
        glossary=False,
    ):
        self.corpus, self.selection, self.user, self.glossary = corpus, selection, user, glossary
        self.exporter = get_exporter(exporter_id)()
        self.report = ExportReport()
        self.left_out = LeftOut()
        self.started = timezone.now()
        self.records_done = False

    @property
    def stem(self) -> str:
        return f"{safe_stem(self.corpus)}-{self.exporter.id}"

    def download_name(self) -> str:
        return f"{self.stem}-{timezone.localtime(self.started):%Y%m%d-%H%M}.zip"

    def records(self) -> Iterator[Record]:
        s = self.selection
        states = s.span_states if self.exporter.carries_spans else ()
        records = iter_records(
            self.corpus,
            documents=s.documents,
            statuses=s.statuses,
            labels=s.labels,
            date_from=s.date_from,
            date_to=s.date_to,
            span_states=states,
            left_out=self.left_out,
            notes=self.exporter.carries_notes,
            effort=self.exporter.carries_effort,
        )
        yield from whole_units(records) if self.exporter.writes_units else records
        self.records_done = True

    def data(self) -> Iterator[bytes]:
        """The format's own bytes, exactly as the exporter writes them (the command's output)."""
        return self.exporter.write(self.records(), self.report)

    def archive(self) -> Iterator[bytes]:
        """The download: a ZIP of the data with the report (and glossary files) as last members."""
        if self.exporter.media_type == ZIP_MEDIA_TYPE:
            zipped = self.data()
        else:
            zipped = _single_member_zip(self.stem + self.exporter.extension, self.data())
        return _append_members(zipped, lambda: self.records_done, self.closing_files)

    def closing_files(self) -> list[tuple[str, bytes]]:
        files = [
            (REPORT_TXT, self.report_text().encode("utf-8")),
            (REPORT_JSON, self.report_json()),
        ]
        return files + (glossary_files(self.corpus) if self.glossary else [])

    def report_text(self) -> str:
        filters = "; ".join(
            f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in self.selection.describe().items()
            if value
        )
        lines = [
            f"Redline export of corpus “{self.corpus.name}” as {self.exporter.label} ({self.exporter.id}).",
            f"Started {timezone.localtime(self.started):%Y-%m-%d %H:%M:%S %Z}"
            + (f" by {self.user.get_username()}" if self.user else "")
            + ".",
            f"Filters: {filters}.",
        ]
        if self.exporter.carries_spans:
            lines.append(self.left_out.as_text())
        else:
            lines.append("This format carries text only: no spans are written.")
        return "\n".join([*lines, "", self.report.as_text(), ""])

    def report_json(self) -> bytes:
        left_out = {"states": dict(self.left_out.by_state), "labels": dict(self.left_out.by_label)}
        head = {"corpus": self.corpus.name, "format": self.exporter.id, "started": self.started}
        extra = {"filters": self.selection.describe(), "left_out_by_filters": left_out}
        return orjson.dumps({**head, **extra, **self.report.as_dict()}, option=orjson.OPT_INDENT_2)


def record_download(run: ExportRun, query: str, base_url: str) -> Job:
    """A download that went out whole, kept as a finished export job: the export.ready webhook
    announces it (api/services/events.py) with the URL that fetches the same selection again."""
    finished = timezone.now()
    return Job.objects.create(
        kind=Job.Kind.EXPORT,
        corpus=run.corpus,
        state=Job.State.DONE,
        total=run.report.segments,
        done=run.report.segments,
        message=f"{run.exporter.label}: {run.report.segments} segments, "
        f"{run.report.spans_written} spans",
        params={
            "format": run.exporter.id,
            "query": query,
            "base_url": base_url,
            "file_name": run.download_name(),
            "started": run.started.isoformat(),
        },
        created_by=run.user,
        finished_at=finished,
    )


def _single_member_zip(name: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    yield from (archive := ZipStream()).add_stream(name, chunks)
    yield from archive.finish()


class _SentTail(io.BytesIO):
    """A file whose beginning has already been sent: only its tail is held, positions stay absolute.

    zipfile's append mode reads the central directory at the end, then writes new members over
    it and a new directory after them; it never touches the members before, so they can be gone.
    """

    def __init__(self, base: int, tail: bytes) -> None:
        super().__init__(tail)
        self._base = base

    def tell(self) -> int:
        return self._base + super().tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        current, end = super().tell(), super().seek(0, 2)
        target = {0: offset - self._base, 1: current + offset, 2: end + offset}[whence]
        if target < 0:
            super().seek(current)
            raise OSError("that part of the archive has already been sent")
        return self._base + super().seek(target)


def _append_members(
    chunks: Iterator[bytes],
    records_done: Callable[[], bool],
    files: Callable[[], list[tuple[str, bytes]]],
) -> Iterator[bytes]:
    """Stream a ZIP through, then append ``files()`` (built only once the stream has ended).

    Chunks pass through until the records run out; what the exporter writes after that (the end
    of the last member and the central directory) is held back, since the directory must be
    rewritten to list the new members. That tail is one shard or one document at most.
    """
    sent, held = 0, []
    for chunk in chunks:
        if records_done():
            held.append(chunk)
        else:
            sent += len(chunk)
            yield chunk
    tail = _SentTail(sent, b"".join(held))
    zipfile.ZipFile(tail).close()  # BadZipFile here, rather than append mode's silent fallback
    with zipfile.ZipFile(tail, mode="a") as archive:
        taken = {name.lower() for name in archive.namelist()}
        stamp = time.localtime()[:6]
        for name, data in files():
            name = _free_name(name, taken)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, data)
    yield tail.getvalue()


def _free_name(name: str, taken: set[str]) -> str:
    # A plain-text export may hold a document called export-report.txt; the report must not hide it.
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem} ({number}){dot}{extension}"
    taken.add(candidate.lower())
    return candidate
