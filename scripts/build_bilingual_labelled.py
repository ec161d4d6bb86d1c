"""Rebuild ``bilingual_labelled.jsonl`` from the WMT22 sample and the hand labels below.

    .venv/bin/python tests/annotate/qa/build_bilingual_labelled.py [SAMPLE_DIR]

The labels are a human reading of every one of the 195 pairs (source.zh.txt beside mt.en.txt),
written down before the checks were run over the sample; see bilingual_README.md for the criteria
per check. ``FIXED`` holds the corrected target where the repair is certain (the one-key fix a
check should offer). The script only joins text and labels: it never runs a check.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "annotate" / "qa"
SAMPLE = ROOT.parent / "shared" / "data" / "wmt22-zhen-sample"

# check id -> lines (1-based) where the check should fire.
LABELS: dict[str, tuple[int, ...]] = {
    # "0.71万吨" (7,100 t) rendered "0.71 million tons" (710,000 t).
    "source-numbers": (10, 11),
    "untranslated": (),
    "placeholder-mismatch": (),
    # #PRS_ORG# split by a space; the name Meta lower-cased.
    "verbatim-token": (20, 137, 152, 184),
    # Approved term of bilingual_glossary.json in the source, none of its renderings in the target.
    "missing-term": (
        36,
        38,
        40,
        42,
        46,
        47,
        50,
        51,
        54,
        75,
        78,
        81,
        86,
        90,
        93,
        97,
        111,
        117,
        121,
        125,
        127,
        128,
        142,
        143,
        151,
        156,
        185,
        188,
        189,
        190,
    ),
    # A standalone unit (repeated headline, reporter credit, caption source) or clause dropped.
    "length-ratio": (102, 117, 121, 125, 189),
    "sentence-type": (),
    # Title or quotation left unmarked, or the words inside a pair lost.
    "source-pairs": (14, 102, 111, 125, 127, 128, 177, 189),
}

# (check id, line) -> (wrong, right): the certain repair inside the MT target.
FIXED: dict[tuple[str, int], tuple[tuple[str, str], ...]] = {
    ("source-numbers", 10): (("0.71 million", "7,100"),),
    ("source-numbers", 11): (("0.71 million", "7,100"),),
    ("verbatim-token", 20): (("#PRS_ORG #RED", "#PRS_ORG# RED"),),
    ("verbatim-token", 137): (("meta's", "Meta's"),),
    ("verbatim-token", 152): (("value of meta", "value of Meta"),),
    ("verbatim-token", 184): (("#PRS_ORG #", "#PRS_ORG#"), ("#NUMBER #", "#NUMBER#")),
    ("missing-term", 38): (("new crown pneumonia", "COVID-19"),),
    ("missing-term", 47): (("new crown pneumonia", "COVID-19"),),
    ("missing-term", 151): (("metacosm", "metaverse"),),
}


def build(sample: Path = SAMPLE) -> list[dict]:
    sources = (sample / "source.zh.txt").read_text(encoding="utf-8").splitlines()
    targets = (sample / "mt.en.txt").read_text(encoding="utf-8").splitlines()
    assert len(sources) == len(targets) == 195, "the sample is 195 line-aligned pairs"
    rows = []
    for line, (source, target) in enumerate(zip(sources, targets, strict=True), 1):
        row: dict = {"line": line, "doc": "wmt22-zhen-sample", "source": source, "mt": target}
        row["expect"] = sorted(check for check, lines in LABELS.items() if line in lines)
        fixed = {}
        for (check, at), repairs in FIXED.items():
            if at == line:
                text = target
                for wrong, right in repairs:
                    assert text.count(wrong) == 1, (line, wrong)
                    text = text.replace(wrong, right)
                fixed[check] = text
        if fixed:
            row["fixed"] = fixed
        rows.append(row)
    return rows


if __name__ == "__main__":
    sample = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    out = HERE / "bilingual_labelled.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for row in build(sample):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
