"""A translator fixes a seed sentence in Chromium, reads the diff in the history, restores the MT."""

import pytest

from corpus import roles
from corpus.models import Segment
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in, open_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_fix_glued_words_see_diff_restore_mt(page, shot, make_user, seed_document):
    user = make_user("tina", roles.TRANSLATOR, roles.REVIEWER, member_of=seed_document.corpus)
    segment = Segment.objects.get(document=seed_document, text__contains="twoThe")
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{seed_document.pk}/?after={segment.position - 1}")
    textarea = open_editor(page, segment.pk)
    textarea.fill(segment.text.replace("the twoThe development", "the two. The development"))
    shot(page, "review-editing")
    page.keyboard.press("Control+Enter")
    page.locator(f"#seg-{segment.pk} .seg-text").wait_for()
    assert (
        "the two. The development index"
        in page.locator(f"#seg-{segment.pk} .seg-text").inner_text()
    )
    shot(page, "review-saved")
    segment.refresh_from_db()
    assert segment.status == Segment.Status.EDITED and "two. The" in segment.text

    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("h")
    page.wait_for_url(f"**/segments/{segment.pk}/history/")
    # The glued words get a full stop and a space between them: an insertion, nothing deleted.
    assert page.locator(".revision ins").first.inner_text() == ". "
    shot(page, "history")
    page.click("text=Restore the MT text")
    page.wait_for_selector(".msg-success")
    segment.refresh_from_db()
    assert segment.text == segment.mt_text and segment.revisions.count() == 2
    assert page.js_errors == []


def test_keyboard_moves_approves_and_shows_keys(page, shot, make_user, text_document):
    document = text_document("First sentence here. Second sentence here. Third sentence here.")
    user = make_user("rui", roles.REVIEWER, member_of=document.corpus)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    first, second, _third = document.segments.order_by("position")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"seg-{first.pk}"
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == f"seg-{first.pk}"
    page.keyboard.press("a")
    page.wait_for_selector(f"#seg-{first.pk}.status-approved")
    page.wait_for_function(f"document.activeElement.id === 'seg-{second.pk}'")
    page.keyboard.press("?")
    assert page.locator("dialog#keys").is_visible()
    shot(page, "keys")
    page.keyboard.press("Escape")
    assert Segment.objects.get(pk=first.pk).status == Segment.Status.APPROVED


def test_split_at_caret_counts_code_points(page, make_user, text_document):
    document = text_document("Emoji 😀 and 𠀋 first, second part here.")
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    segment = document.segments.get()
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    textarea = open_editor(page, segment.pk)
    # The caret after "first," is at UTF-16 offset 22 but code point 20.
    utf16 = len("Emoji 😀 and 𠀋 first,".encode("utf-16-le")) // 2
    textarea.evaluate(f"el => el.setSelectionRange({utf16}, {utf16})")
    page.keyboard.press("Control+Shift+Enter")
    page.wait_for_function("document.querySelectorAll('#segments .segment').length === 2")
    texts = list(document.segments.order_by("position").values_list("text", flat=True))
    assert texts == ["Emoji 😀 and 𠀋 first,", "second part here."]


def test_hostile_text_never_runs(page, shot, make_user, text_document):
    hostile = (
        '<script>window.__xss = 1</script> "><img src=x onerror="window.__xss = 2"> '
        "javascript:window.__xss=3 <svg onload=window.__xss=4> end."
    )
    document = text_document(hostile, name='"><img src=x onerror=alert(1)>.txt')
    user = make_user("tina", roles.TRANSLATOR, member_of=document.corpus)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, user.username, PASSWORD)
    for url in [f"/documents/{document.pk}/", f"/corpora/{document.corpus_id}/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None
    segment = document.segments.first()
    page.goto(f"/documents/{document.pk}/")
    open_editor(page, segment.pk).fill('<img src=y onerror="window.__xss = 5"> edited.')
    page.keyboard.press("Control+Enter")
    # The edit drops the MT's numbers (1, 2, …): Redline asks for a confirmation first.
    page.locator(f"#seg-{segment.pk} input[name=confirm]").check()
    page.locator(f"#seg-{segment.pk} textarea").focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{segment.pk} .seg-text")
    page.goto(f"/segments/{segment.pk}/history/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None and dialogs == []
    assert "<img src=y" in page.locator(".seg-text").first.inner_text()
    shot(page, "hostile")


def test_import_in_the_browser_shows_progress_and_refusals(page, shot, make_user, corpus, tmp_path):
    admin = make_user("pat", roles.PROJECT_ADMIN, member_of=corpus)
    good = tmp_path / "report.txt"
    good.write_text(
        "The operating income was 45.080 billion yuan. It rose by 25.7%.\nSecond paragraph.",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    log_in(page, admin.username, PASSWORD)
    page.goto(f"/corpora/{corpus.pk}/")
    page.set_input_files("input[type=file]", [str(good), str(empty)])
    page.click("button:has-text('Import')")
    assert "empty.txt" in page.locator(".msg-error").inner_text()
    page.wait_for_selector("#documents a:has-text('report')")
    shot(page, "import-done")
    assert corpus.documents.get().segments.count() == 3
