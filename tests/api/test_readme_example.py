"""The README's API example, run as written against a live server."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotate.services.edits import edit_segment
from api.services.tokens import create_token
from corpus import roles
from corpus.services.segments import set_status
from tests.conftest import SEED_FILES, import_file

pytestmark = pytest.mark.django_db(transaction=True)
README = Path(__file__).resolve().parents[2] / "README.md"


def example() -> str:
    text = README.read_text(encoding="utf-8")
    return re.search(r"<!-- api-example -->\n```python\n(.*?)```", text, re.S).group(1)


def test_the_readme_example_uploads_waits_and_pulls_approved_segments(
    live_server, corpus, make_user, tmp_path
):
    admin = make_user("pat", roles.PROJECT_ADMIN, roles.REVIEWER, member_of=corpus)
    writer = make_user("tina", roles.TRANSLATOR, member_of=corpus)
    earlier = import_file(corpus, SEED_FILES[0])
    for segment in earlier.segments.order_by("position")[:3]:
        change = edit_segment(segment, segment.text + " Checked.", segment.version, writer)
        set_status(change.segment, "approved", change.segment.version, admin)
    _, token = create_token(admin, "example", "write")
    upload = tmp_path / "fresh.txt"
    upload.write_text("A fresh report arrived. It has two sentences.\n", encoding="utf-8")
    env = {
        **os.environ,
        "REDLINE_URL": live_server.url,
        "REDLINE_TOKEN": token,
        "REDLINE_CORPUS": str(corpus.pk),
        "REDLINE_FILE": str(upload),
    }
    run = subprocess.run(
        [sys.executable, "-c", example()], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "fresh.txt imported" in run.stdout
    assert "3 approved segments" in run.stdout
    assert corpus.documents.filter(original_name="fresh.txt").exists()
