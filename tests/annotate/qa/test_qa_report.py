"""The report: matching findings to labelled artefacts, the table, plain-text counting."""

from __future__ import annotations

import json

from annotate.qa import get_check
from annotate.qa.measure import main
from annotate.qa.report import (
    Artefact,
    LabelledItem,
    count_findings,
    evaluate,
    format_report,
    split_sentences,
)


def test_true_and_false_positives_and_misses():
    text = "It was a political task Task, and the figures.% rose."
    task = text.index("task Task")
    items = [
        # labelled: repeated word (found) and a fragment that is not there (missed)
        LabelledItem(text, (Artefact("repeated-word", task, task + 9), Artefact("fragment", 0, 2))),
        # hidden artefacts do not count towards recall
        LabelledItem(
            "The name Lijialiang is garbled.",
            (Artefact("garbled-name", 9, 19, rule_visible=False),),
        ),
    ]
    report = evaluate(items, clean_sentences=["The the cat sat."])
    repeated = report.checks["repeated-word"]
    assert (repeated.findings, repeated.true_positives, repeated.false_positives) == (2, 1, 1)
    assert repeated.clean_findings == 1
    assert repeated.recall == 1.0
    stray = report.checks["stray-punctuation"]
    assert (stray.findings, stray.false_positives, stray.precision) == (1, 1, 0.0)
    assert report.checks["fragment"].false_negatives == 1
    assert report.hidden_artefacts == 1
    assert report.visible_artefacts == 2 and report.found == 1 and report.recall == 0.5
    assert (report.clean_sentences, report.clean_errors, report.clean_errors_per_100) == (
        1,
        1,
        100.0,
    )
    assert report.missed == [("fragment", "It", text[:70])]


def test_a_finding_must_overlap_and_share_the_check_id():
    text = "Bureau , what"
    items = [{"text": text, "artefacts": [{"check": "stray-punctuation", "surface": " ,"}]}]
    report = evaluate(
        items, checks=[get_check("space-before-punctuation"), get_check("stray-punctuation")]
    )
    assert report.checks["space-before-punctuation"].false_positives == 1
    assert report.checks["stray-punctuation"].false_negatives == 1


def test_format_report_lists_every_check():
    table = format_report(
        evaluate(
            [LabelledItem("Solid foundation.", (Artefact("fragment", 0, 17),))],
            clean_sentences=["Prices rose."],
        )
    )
    for word in ("check", "precision", "recall", "fragment", "joined-words", "clean sentences 1"):
        assert word in table


def test_split_sentences_keeps_abbreviations_and_decimals():
    paragraph = (
        'Dr. Smith said output rose 4.5% in the U.S. last year. Prices fell. "Why?" she asked.'
    )
    assert [paragraph[a:b] for a, b in split_sentences(paragraph)] == [
        "Dr. Smith said output rose 4.5% in the U.S. last year.",
        "Prices fell.",
        '"Why?" she asked.',
    ]


def test_count_findings_in_plain_text():
    segments, counts = count_findings(
        "It was a task Task. Solid foundation.\nThe twoThe index rose.\n"
    )
    assert segments == 3
    assert counts["repeated-word"] == 1 and counts["joined-words"] == 1 and counts["fragment"] == 1
    assert counts["mojibake"] == 0


def test_main_reads_plain_and_labelled_files(tmp_path, capsys):
    plain = tmp_path / "doc.txt"
    plain.write_text("It was a task Task.\n", encoding="utf-8")
    assert main([str(plain)]) == 0
    assert "repeated-word" in capsys.readouterr().out

    labelled = tmp_path / "doc.jsonl"
    labelled.write_text(
        json.dumps(
            {
                "text": "a task Task",
                "artefacts": [{"check": "repeated-word", "surface": "task Task"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    clean = tmp_path / "clean.txt"
    clean.write_text("Prices rose.\n", encoding="utf-8")
    assert main([str(labelled), "--clean", str(clean)]) == 0
    out = capsys.readouterr().out
    assert "found 1, recall 1.00" in out and "clean sentences 1: 0 error-level findings" in out
