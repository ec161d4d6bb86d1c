"""The Chinese interface in Chromium (issue 12.5): a reviewer switches to 简体中文 in the header;
the review screen's chrome, key help and the scripts' messages are Chinese, the document text
keeps its own language marks, and the choice survives a reload and a new login."""

import pytest

from annotate.models import Label
from corpus import roles
from corpus.importers import parse_uploads
from corpus.services.imports import import_limits, import_parsed
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="r" source-language="zh" target-language="en" datatype="plaintext"><body>
<trans-unit id="a"><source>开发区的面积为三千亩。</source><target>The development zone covers 6,847 acres.</target></trans-unit>
<trans-unit id="b"><source>宁夏回族自治区工业和信息化厅召开会议。</source><target>The Ningxia industry department held a meeting.</target></trans-unit>
</body></file></xliff>"""


def test_a_reviewer_switches_to_chinese_and_keeps_it(page, shot, corpus, make_user):
    records, refusals = parse_uploads([("r.xlf", XLIFF.encode())], import_limits(), bilingual=True)
    assert not refusals
    document = import_parsed(corpus, records[0])
    Label.objects.create(corpus=corpus, key="GPE", name="Place", colour="#1f6fb5", shortcut="1")
    user = make_user("rui", roles.REVIEWER, member_of=corpus)
    first = document.segments.order_by("position").first()

    # The live server's first page imports every view (12 s on a loaded 2-core machine): not the
    # thing tested here, so it may take longer than the page's default timeout.
    page.goto("/accounts/login/", timeout=60_000)
    log_in(page, user.username, PASSWORD)
    page.goto(f"/documents/{document.pk}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#language-choice", "zh-hans")
    page.locator(".language-switch button").click()
    page.wait_for_selector('html[lang="zh-hans"]')
    assert page.url.endswith(f"/documents/{document.pk}/")  # back where the switch was made

    segment = page.locator(f"#seg-{first.pk}")
    expect_text = {
        f"#seg-{first.pk} [data-key=a]": "批准",
        f"#seg-{first.pk} [data-key=r]": "驳回",
        f"#seg-{first.pk} [data-key=e]": "编辑",
        ".head-actions [data-action=help]": "快捷键",
        ".topbar .who": "术语表",
    }
    for selector, chinese in expect_text.items():
        assert chinese in page.locator(selector).inner_text(), selector
    # Document text keeps its languages whatever the interface's: Chinese source, English target.
    assert segment.locator(".seg-source").get_attribute("lang") == "zh"
    assert segment.locator(".seg-text").get_attribute("lang") == "en"

    # A message from the scripts: a label key with nothing selected.
    segment.focus()
    page.keyboard.press("1")
    page.wait_for_selector(f"#seg-{first.pk} .client-error")
    assert "请先在该句段中选中一些词语" in segment.locator(".client-error").inner_text()
    shot(page, "review-zh-hans")

    page.keyboard.press("?")
    keys = page.locator("#keys")
    assert "键盘" in keys.locator("h2").inner_text()
    assert "批准 / 驳回" in keys.inner_text()
    shot(page, "review-zh-hans-keys")
    page.keyboard.press("Escape")

    page.reload()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.locator(".who button").click()  # 退出登录
    page.wait_for_url("**/accounts/login/")
    page.context.clear_cookies()  # another browser: only the saved preference can bring it back
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    log_in(page, user.username, PASSWORD)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "语料库" in page.locator("h1").inner_text()
    shot(page, "corpus-list-zh-hans")
    assert not page.js_errors
