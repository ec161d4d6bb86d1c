"""XLIFF and TMX writers, proven by their consumer: translate-toolkit reads them back."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from corpus.importers import ImportedText, ImportLimits, parse_upload
from export.exporters import DocumentStart, SegmentRecord, get_exporter

from .conftest import run

DATA = Path(__file__).resolve().parents[2] / "corpus" / "importers" / "data"
LIMITS = ImportLimits(max_file_bytes=5 * 1024 * 1024, max_upload_bytes=20 * 1024 * 1024)


def imported(name: str) -> tuple[bytes, ImportedText]:
    data = (DATA / name).read_bytes()
    [record] = parse_upload(name, data, LIMITS, bilingual=True)
    return data, record


def records(record: ImportedText, edits: dict[str, tuple[str, str]] | None = None) -> list:
    """What the lead's export service sends: one record per unit, ``text`` the corrected target."""
    edits = edits or {}
    out: list = [
        DocumentStart(
            7, record.name, record.name, "", record.source_language, record.target_language
        )
    ]
    for number, unit in enumerate(record.units, 1):
        text, status = edits.get(unit.unit_id, (unit.target, "mt"))
        out.append(
            SegmentRecord(
                id=number,
                document_id=7,
                document=record.name,
                position=number,
                paragraph=0,
                text=text,
                mt_text=unit.target,
                trailing="\n",
                status=status,
                hter=0.0,
                source_text=unit.source,
                unit_id=unit.unit_id,
                notes=unit.notes,
                placeholders=unit.placeholders,
                unit_state=unit.state,
                unit_metadata=unit.metadata,
            )
        )
    return out


def _xml(node) -> str | None:
    return None if node is None else etree.tostring(node, encoding="unicode", with_tail=False)


def view(unit, version: str) -> tuple:
    """Everything a consumer sees of a unit, codes and all (the inner XML, not just the text)."""
    if version == "1.2":
        target = unit.xmlelement.find(unit.namespaced("target"))
        state = target.get("state") if target is not None else None
        source = unit.xmlelement.find(unit.namespaced("source"))
    else:
        target = unit.xmlelement.find(unit.namespaced("target"))
        state = unit.xmlelement.get("state")
        source = unit.xmlelement.find(unit.namespaced("source"))
    return (
        unit.getid(),
        unit.source,
        unit.target,
        unit.getnotes(),
        state,
        _xml(source),
        _xml(target),
    )


STORES = {"1.2": tt_xliff.xlifffile, "2.0": tt_xliff2.Xliff2File}
CASES = [("codes-1.2.xlf", "xliff-1.2", "1.2"), ("codes-2.0.xlf", "xliff-2.0", "2.0")]


@pytest.mark.parametrize(("fixture", "exporter", "version"), CASES)
def test_untouched_xliff_reads_back_unit_for_unit_identical(fixture, exporter, version):
    data, record = imported(fixture)
    out, report = run(get_exporter(exporter)(), records(record))
    before = [view(u, version) for u in STORES[version].parsestring(data).units]
    after = [view(u, version) for u in STORES[version].parsestring(out).units]
    assert after == before
    assert report.segments == len(record.units) and report.documents == 1


@pytest.mark.parametrize(("fixture", "exporter", "version"), CASES)
def test_corrected_targets_and_states_from_the_review(fixture, exporter, version):
    data, record = imported(fixture)
    first, second = record.units[0].unit_id, record.units[1].unit_id
    edits = {
        first: ("Endless delays", "edited"),
        second: (record.units[1].target.replace("cancel", "call off"), "approved"),
    }
    out, _ = run(get_exporter(exporter)(), records(record, edits))
    units = STORES[version].parsestring(out).units
    assert [u.getid() for u in units] == [
        u.getid() for u in STORES[version].parsestring(data).units
    ]
    assert units[0].target == "Endless delays"
    expected = {"1.2": ("translated", "final"), "2.0": ("translated", "final")}[version]
    states = tuple(view(u, version)[4] for u in units[:2])
    assert states == expected
    # The bold code survived the edit: restored around the new words.
    assert "call off</" in _xml(units[1].xmlelement.find(units[1].namespaced("target")))


def test_status_to_state_mapping_for_plain_bilingual_segments():
    plain = [
        SegmentRecord(
            id=n,
            document_id=1,
            document="d.txt",
            position=n,
            paragraph=0,
            text=f"T{n} & <b>",
            mt_text="old",
            trailing="",
            status=status,
            hter=0.0,
            source_text=f"源{n}",
            unit_id=str(n),
        )
        for n, status in enumerate(["mt", "edited", "approved", "rejected"], 1)
    ]
    out, _ = run(get_exporter("xliff-1.2")(), plain)
    units = tt_xliff.xlifffile.parsestring(out).units
    assert [view(u, "1.2")[4] for u in units] == [
        "needs-review-translation",
        "translated",
        "final",
        "needs-translation",
    ]
    assert units[0].target == "T1 & <b>"
    out2, _ = run(get_exporter("xliff-2.0")(), plain)
    assert [u.xmlelement.get("state") for u in tt_xliff2.Xliff2File.parsestring(out2).units] == [
        "initial",
        "translated",
        "final",
        "initial",
    ]


def test_tmx_holds_the_approved_units_with_their_ids_and_corrected_targets():
    _data, record = imported("codes-1.2.xlf")
    edits = {"1": ("Endless delays", "approved"), "3": (record.units[2].target, "approved")}
    out, report = run(get_exporter("tmx")(), records(record, edits))
    store = tt_tmx.tmxfile.parsestring(out)
    assert [u.getid() for u in store.units] == ["1", "3"]
    assert store.units[0].source == "不停延误" and store.units[0].target == "Endless delays"
    assert store.units[0].getnotes() == "From the delivery chat."
    assert report.segments == 2
    # XLIFF codes are carried as TMX <ph> holding the original markup.
    seg = store.units[1].xmlelement.findall("tuv")[1].find("seg")
    assert seg.find("ph").text == '<ph id="p1" ctype="x-var">{count}</ph>'
    everything, _ = run(get_exporter("tmx")(statuses=["mt", "approved"]), records(record, edits))
    assert len(tt_tmx.tmxfile.parsestring(everything).units) == 5


def test_tmx_round_trips_through_our_importer():
    _data, record = imported("codes-1.2.xlf")
    edits = {u.unit_id: (u.target, "approved") for u in record.units}
    out, _ = run(get_exporter("tmx")(), records(record, edits))
    [back] = parse_upload("tm.tmx", out, LIMITS, bilingual=True)
    assert [u.unit_id for u in back.units] == [u.unit_id for u in record.units]
    assert back.units[0].target == "Non-stop delays"
    assert (back.source_language, back.target_language) == ("zh-CN", "en-US")
