"""Bilingual post-editing in Chromium: the WMT22 sample uploaded as a pair of files and as an
XLIFF made by translate-toolkit; the source above each target; a number fixed with `f`; a span
beside an inline code that survives an edit; XLIFF and TMX downloads read back by
translate-toolkit."""

import io
import zipfile

import pytest
from translate.storage import tmx, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import X

from annotate.models import Finding, Label, Span
from corpus import roles
from corpus.models import Document, Segment
from corpus.services.segments import set_status
from tests.conftest import PASSWORD, SEEDS
from tests.e2e.conftest import log_in, open_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SAMPLE = SEEDS / "wmt22-zhen-sample"
SOURCES = (SAMPLE / "source.zh.txt").read_text(encoding="utf-8").splitlines()
TARGETS = (SAMPLE / "mt.en.txt").read_text(encoding="utf-8").splitlines()
CODED = 12  # "Qinghai Lake naked carp, commonly known as ...": gets an inline code before it
PLACE = "Qinghai Lake"

SELECT = """([segmentId, phrase]) => {
  const box = document.querySelector('#seg-' + segmentId + ' .seg-text');
  const piece = Array.from(box.querySelectorAll('.t')).find(p => p.textContent.includes(phrase));
  const node = piece.firstChild, at = node.data.indexOf(phrase);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + phrase.length);
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
}"""


def sample_xliff(count: int = 20) -> bytes:
    """The first pairs of the sample as XLIFF written by translate-toolkit, one with an <x/>."""
    store = xliff.xlifffile(sourcelanguage="zh", targetlanguage="en")
    for number, (source, target) in enumerate(
        zip(SOURCES[:count], TARGETS[:count], strict=True), 1
    ):
        unit = store.addsourceunit(source)
        unit.setid(f"s{number}")
        if number == CODED:
            unit.rich_source = [StringElem([X(id="1"), source])]
            unit.rich_target = [StringElem([X(id="1"), target])]
        else:
            unit.target = target
    return bytes(store)


@pytest.fixture
def admin(make_user, corpus):
    user = make_user("pat", roles.PROJECT_ADMIN, member_of=corpus)
    for spec in (("PERSON", "1"), ("ORG", "2"), ("GPE", "3"), ("LOC", "4")):
        Label.objects.create(corpus=corpus, key=spec[0], name=spec[0].title(), shortcut=spec[1])
    return user


def upload(page, corpus, files, tmp_path):
    page.goto(f"/corpora/{corpus.pk}/")
    paths = []
    for name, data in files:
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    page.set_input_files("input[name=files]", paths)
    assert page.input_value("input[name=source_language]") == "zh"
    page.click("form.import-form button[type=submit]")
    page.wait_for_selector(".batch .badge.state-done")


def test_pair_upload_shows_sources_and_a_number_is_fixed_with_f(
    page, shot, admin, corpus, tmp_path
):
    log_in(page, admin.username, PASSWORD)
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLE.glob("*.txt"))]
    upload(page, corpus, files, tmp_path)
    document = Document.objects.get(corpus=corpus)
    assert document.bilingual and document.segments.count() == len(SOURCES)
    page.goto(f"/documents/{document.pk}/")
    page.wait_for_selector(".findings-summary")
    first = document.segments.order_by("position").first()
    source = page.locator(f"#seg-{first.pk} .seg-source")
    target = page.locator(f"#seg-{first.pk} .seg-text")
    assert source.get_attribute("lang") == "zh" and source.inner_text() == SOURCES[0]
    assert (
        source.bounding_box()["y"] + source.bounding_box()["height"] <= target.bounding_box()["y"]
    )
    assert page.locator(".seg-source").count() == page.locator(".segment").count()
    family = source.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Sans CJK SC" in family
    shot(page, "bilingual-review")

    fixable = Finding.objects.get(
        document=document, check_id="source-numbers", segment__unit_id="10"
    )
    segment = fixable.segment
    before = segment.text
    page.goto(f"/documents/{document.pk}/?check=source-numbers")
    card = page.locator(f"#seg-{segment.pk}")
    assert "0.71万" in card.locator(".seg-source").inner_text()
    card.locator(f".finding[data-finding='{fixable.pk}']").focus()
    shot(page, "bilingual-number-finding")
    page.keyboard.press("f")
    page.wait_for_function(
        f"!document.querySelector(\"#seg-{segment.pk} .finding[data-finding='{fixable.pk}']\")"
    )
    segment.refresh_from_db()
    assert segment.text == before[: fixable.start] + fixable.fix + before[fixable.end :]
    assert "7,100 tons" in segment.text and segment.source_text == SOURCES[9]

    card = page.locator(f"#seg-{segment.pk}")
    card.focus()
    page.keyboard.press("s")
    assert not card.locator(".seg-source").is_visible()
    page.goto(f"/documents/{document.pk}/")  # the check filter no longer lists it: fixed
    assert not page.locator(f"#seg-{segment.pk} .seg-source").is_visible()  # remembered
    page.locator(f"#seg-{segment.pk}").focus()
    page.keyboard.press("s")
    assert page.locator(f"#seg-{segment.pk} .seg-source").is_visible()
    # With a finding focused (where f leaves the focus) the page's keys still work.
    page.locator(".finding").first.focus()
    page.keyboard.press("s")
    assert not page.locator(".seg-source").first.is_visible()
    assert page.js_errors == []


def test_xliff_upload_span_beside_a_code_survives_an_edit_and_exports_read_back(
    page, shot, admin, corpus, make_user, tmp_path
):
    log_in(page, admin.username, PASSWORD)
    upload(page, corpus, [("wmt22-sample.xlf", sample_xliff())], tmp_path)
    document = Document.objects.get(corpus=corpus)
    segment = document.segments.get(unit_id=f"s{CODED}")
    code = segment.text[0]
    assert code in segment.placeholders and segment.source_text.startswith(code)

    page.goto(f"/documents/{document.pk}/")
    card = page.locator(f"#seg-{segment.pk}")
    token = card.locator(".seg-text .ph")
    assert token.get_attribute("data-ph") == "⟨1⟩"
    assert token.evaluate("e => getComputedStyle(e, '::before').content") == '"⟨1⟩"'
    card.focus()
    page.evaluate(SELECT, [segment.pk, PLACE])
    page.keyboard.press("4")  # LOC
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label")
    span = Span.objects.get(segment=segment)
    assert (span.text, span.start) == (PLACE, 1)  # one code point for the code before it
    # The span's controls open below it: above, its × covered the source line (the span is on
    # the target's first line, right under the source).
    chip = card.locator(".chip-wrap").first
    chip.hover()
    delete = chip.locator(".span-act[data-act=delete]")
    delete.wait_for(state="visible")
    source_box, delete_box = card.locator(".seg-source").bounding_box(), delete.bounding_box()
    assert delete_box["y"] >= source_box["y"] + source_box["height"], (source_box, delete_box)
    shot(page, "bilingual-code-and-span")

    textarea = open_editor(page, segment.pk)
    assert (
        page.locator(f"#seg-{segment.pk} .editing-source").inner_text().endswith(SOURCES[CODED - 1])
    )
    shot(page, "bilingual-editor")
    textarea.fill(segment.text[1:])  # drops the code: refused, nothing saved
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{segment.pk} .msg-error >> text=Inline codes must stay")
    segment.refresh_from_db()
    assert segment.version == 1
    edited = "Today, " + code + segment.text[1:].replace("commonly known", "widely known", 1)
    textarea = page.locator(f"#seg-{segment.pk} textarea")  # the editor stays open, with the error
    textarea.fill(edited)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f"#seg-{segment.pk} .chip-label")
    segment.refresh_from_db()
    span.refresh_from_db()
    assert segment.text == edited
    assert span.text == PLACE and segment.text[span.start : span.end] == PLACE
    assert span.state == "accepted"

    reviewer = make_user("rui", roles.REVIEWER, member_of=corpus)
    set_status(segment, Segment.Status.APPROVED, segment.version, reviewer)

    page.goto(f"/export/corpora/{corpus.pk}/")
    downloads = {}
    for format_id in ("xliff-1.2", "tmx"):
        page.check(f"input[name=format][value='{format_id}']")
        with page.expect_download() as info:
            page.click("button:has-text('Download ZIP')")
        with zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes())) as archive:
            [member] = [n for n in archive.namelist() if not n.startswith("export-report")]
            downloads[format_id] = archive.read(member)
    units = {
        u.getid().split("\x04")[-1]: u
        for u in xliff.xlifffile(downloads["xliff-1.2"]).units
        if u.istranslatable()
    }
    assert len(units) == 20 and units["s1"].target == TARGETS[0]
    corrected = units[f"s{CODED}"]
    assert corrected.target == edited[: edited.index(code)] + edited[edited.index(code) + 1 :]
    assert '<x id="1"/>' in str(corrected) and 'state="final"' in str(corrected)
    # Only the approved unit is in the memory; its XLIFF code travels as a TMX <ph> whose
    # native code (what translate-toolkit reads as text) is the original markup.
    [memorised] = tmx.tmxfile(downloads["tmx"]).units
    assert memorised.source == '<x id="1"/>' + SOURCES[CODED - 1]
    assert memorised.target.replace('<x id="1"/>', "", 1) == corrected.target
    assert b'<ph x="1">&lt;x id="1"/&gt;</ph>' in downloads["tmx"]
    assert page.js_errors == []
