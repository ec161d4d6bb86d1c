"""Invariant 4 with real concurrent transactions: two reviewers save the same segment at once."""

import threading

import pytest
from django.db import connection

from corpus import services
from corpus.models import Segment
from corpus.services.segments import raw_edit


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_one_wins_one_conflicts(text_document, translator, reviewer):
    segment = text_document("The original sentence.").segments.get()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user, text):
        try:
            barrier.wait(timeout=10)
            raw_edit(Segment.objects.get(pk=segment.pk), text, 1, user)
            outcomes[user.username] = "saved"
        except services.EditConflict:
            outcomes[user.username] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(translator, "Translator's version.")),
        threading.Thread(target=save, args=(reviewer, "Reviewer's version.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    segment.refresh_from_db()
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert segment.version == 2 and segment.revisions.count() == 1
    assert segment.text == (
        "Translator's version." if winner == translator.username else "Reviewer's version."
    )
