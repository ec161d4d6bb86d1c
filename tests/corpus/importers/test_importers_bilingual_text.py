"""Bilingual TSV/CSV/JSONL and parallel plain texts (separate files and inside a zip)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import orjson
import pytest

from corpus.importers import ImportLimits, ImportRefused, importer_for, parse_upload, parse_uploads
from corpus.importers.jsonl import RedlineJsonlImporter
from corpus.importers.tabular import BilingualJsonlImporter

# The app's own copy of the sample (seeds/), so the test needs nothing beside the checkout.
SAMPLE = Path(__file__).resolve().parents[3] / "seeds" / "wmt22-zhen-sample"
LIMITS = ImportLimits(max_file_bytes=5 * 1024 * 1024, max_upload_bytes=20 * 1024 * 1024)


def parse(name: str, data: bytes, **options):
    [record] = parse_upload(name, data, LIMITS, bilingual=True, **options)
    return record


def refusal(name: str, data: bytes, **options) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_upload(name, data, LIMITS, bilingual=True, **options)
    return str(caught.value)


# --- TSV / CSV -------------------------------------------------------------------------------


def test_tsv_with_and_without_header():
    plain = parse(
        "pairs.tsv", "不停延误\tNon-stop delays\n\n还没送到\tNot delivered yet\n".encode()
    )
    assert [(u.unit_id, u.source, u.target) for u in plain.units] == [
        ("1", "不停延误", "Non-stop delays"),
        ("3", "还没送到", "Not delivered yet"),
    ]
    headed = parse("pairs.tsv", "source\tmt\tid\tdomain\r\n好\tGood\tk7\tchat\r\n".encode())
    [unit] = headed.units
    assert (unit.unit_id, unit.target, unit.metadata) == ("k7", "Good", {"domain": "chat"})
    assert (headed.source_language, headed.target_language) == ("zh", "en")


def test_tsv_refusals_name_the_line():
    assert refusal("p.tsv", "好\tGood\textra\n".encode()) == (
        "p.tsv: line 1 has 3 columns; expected 2 (source, then MT)"
    )
    assert refusal("p.tsv", "好\tGood\n坏\t\n".encode()).startswith(
        "p.tsv: line 2 has no translation (empty target)"
    )
    assert (
        parse("p.tsv", "好\tGood\n坏\t\n".encode(), allow_untranslated=True).units[1].target == ""
    )
    assert refusal("p.tsv", b"\tGood\n") == "p.tsv: line 1 has an empty source beside its MT"
    assert "private-use character U+E000" in refusal("p.tsv", "好\ue000\tGood\n".encode())


def test_csv_follows_quoting():
    data = 'source,target\n"你好，世界","Hello, world"\n"多行\n文本","multi\nline"\n'.encode()
    record = parse("pairs.csv", data)
    assert [u.source for u in record.units] == ["你好，世界", "多行\n文本"]
    assert record.units[1].target == "multi\nline"
    assert refusal("p.csv", b'a,"b\n').startswith("p.csv: line ")


# --- JSONL -----------------------------------------------------------------------------------


def jsonl(*records: dict) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


def test_bilingual_jsonl_keeps_extra_keys_and_is_told_from_redline_jsonl():
    data = jsonl(
        {"source": "好", "mt": "Good", "id": 5, "system": "Online-A"}, {"source": "坏", "mt": "Bad"}
    )
    assert importer_for("x.jsonl", data) is BilingualJsonlImporter
    assert importer_for("x.jsonl", jsonl({"text": "a", "mt_text": "a"})) is RedlineJsonlImporter
    record = parse("x.jsonl", data)
    assert [(u.unit_id, u.metadata) for u in record.units] == [
        ("5", {"system": "Online-A"}),
        ("2", {}),
    ]


def test_bilingual_jsonl_refusals_name_the_line():
    assert refusal("x.jsonl", jsonl({"source": "好", "mt": "Good"}, {"source": "坏"})) == (
        "x.jsonl: line 2: “mt” is missing"
    )
    bad = jsonl({"source": "好", "mt": "Good"}) + b"{oops\n"
    assert refusal("x.jsonl", bad).startswith("x.jsonl: line 2: not valid JSON")
    assert refusal("x.jsonl", jsonl({"source": "好", "mt": 3})) == (
        "x.jsonl: line 1: “mt” is not a string (int)"
    )


# --- parallel texts --------------------------------------------------------------------------


def test_parallel_files_pair_by_stem_and_keep_other_files():
    records, refusals = parse_uploads(
        [
            ("report.zh.txt", "不停延误\n还没送到\n".encode()),
            ("notes.txt", b"monolingual"),
            ("report.en.txt", b"Non-stop delays\nNot delivered yet\n"),
        ],
        LIMITS,
        bilingual=True,
    )
    assert refusals == []
    assert [r.name for r in records] == ["report.zh-en.txt", "notes.txt"]  # upload order
    pair = records[0]
    assert [(u.unit_id, u.source, u.target) for u in pair.units] == [
        ("1", "不停延误", "Non-stop delays"),
        ("2", "还没送到", "Not delivered yet"),
    ]
    assert pair.text == "Non-stop delays\nNot delivered yet"


def test_the_wmt_sample_pairs_as_its_only_two_files():
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLE.glob("*.txt"))]
    [record], refusals = parse_uploads(files, LIMITS, bilingual=True)
    assert refusals == []
    assert record.name == "source+mt.zh-en.txt" and len(record.units) == 195
    assert record.units[2].source == "请问，几时送到？"
    assert record.units[2].target == "May I ask, when will it be delivered?"


def test_different_line_counts_are_refused_with_both_counts():
    records, refusals = parse_uploads(
        [("r.zh.txt", "一\n二\n三\n".encode()), ("r.en.txt", b"One\nTwo\n")], LIMITS, bilingual=True
    )
    assert records == []
    assert str(refusals[0]) == (
        "r.zh-en.txt: r.zh.txt has 3 lines but r.en.txt has 2; "
        "line N of one must be the translation of line N of the other"
    )


def test_a_source_file_without_partner_is_refused_and_an_mt_file_stays_monolingual():
    records, refusals = parse_uploads(
        [
            ("a.zh.txt", "一\n".encode()),
            ("a.en.txt", b"One\n"),
            ("b.zh.txt", "二\n".encode()),
            ("c.en.txt", b"Three\n"),
            ("d.en.txt", b"Four\n"),
        ],
        LIMITS,
        bilingual=True,
    )
    assert [r.name for r in records] == ["a.zh-en.txt", "c.en.txt", "d.en.txt"]
    assert [str(r) for r in refusals] == [
        "b.zh.txt: no en file to pair it with (expected b.en.txt beside it)"
    ]


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_parallel_files_inside_a_zip_pair_per_folder_and_refuse_the_zip_whole():
    data = make_zip({"x/r.zh.txt": "一\n二\n".encode(), "x/r.en.txt": b"One\nTwo\n"})
    [record] = parse_upload("up.zip", data, LIMITS, bilingual=True)
    assert record.name == "x/r.zh-en.txt" and len(record.units) == 2
    bad = make_zip({"r.zh.txt": "一\n二\n".encode(), "r.en.txt": b"One\n"})
    assert refusal("up.zip", bad).startswith("up.zip/r.zh-en.txt: r.zh.txt has 2 lines but")
    # Without bilingual the zip is what it always was: separate plain texts.
    assert len(parse_upload("up.zip", data, LIMITS)) == 2
