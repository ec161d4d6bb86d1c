"""Rebuild mechanical_artefacts.jsonl from the hand-written mechanical_artefacts.src.txt.

    .venv/bin/python tests/annotate/qa/build_mechanical_fixture.py

One artefact class per line: ``check<TAB>text``, where each artefact in the text is written
``{surface|correct}`` (``#?`` for correct when no repair is certain). A line without a tab
continues the text of the line before (a line break inside the segment). ``A||B`` gives two
neighbouring segments; the one with the braces is the labelled segment and the other becomes its
``previous`` or ``next``. Each artefact's ``correct`` is the segment with that artefact alone
repaired, which is what a fix must produce (see README.md).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "annotate" / "qa"
MARK = re.compile(r"\{(.*?)\|(.*?)\}", re.S)


def parse(source: str) -> list[dict]:
    lines: list[str] = []
    for line in source.split("\n"):
        if "\t" in line:
            lines.append(line)
        elif line and lines:
            lines[-1] += "\n" + line
    rows = []
    for line in lines:
        check, body = line.split("\t", 1)
        parts = body.split("||")
        k = next(i for i, part in enumerate(parts) if "{" in part)
        text, marks, pos = "", [], 0
        for m in MARK.finditer(parts[k]):
            text += parts[k][pos : m.start()]
            marks.append((len(text), m.group(1), m.group(2)))
            text += m.group(1)
            pos = m.end()
        text += parts[k][pos:]
        artefacts = []
        for start, surface, correct in marks:
            artefact = {"check": check, "surface": surface, "start": start}
            if correct != "#?":
                artefact["correct"] = text[:start] + correct + text[start + len(surface) :]
            artefacts.append(artefact)
        row = {"text": text, "artefacts": artefacts}
        if len(parts) == 2:
            row["next" if k == 0 else "previous"] = parts[1 - k]
        rows.append(row)
    return rows


def main() -> int:
    rows = parse((HERE / "mechanical_artefacts.src.txt").read_text(encoding="utf-8"))
    with (HERE / "mechanical_artefacts.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    artefacts = [a for row in rows for a in row["artefacts"]]
    certain = sum("correct" in a for a in artefacts)
    print(f"{len(rows)} segments, {len(artefacts)} artefacts, {certain} with a certain repair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
