"""The WSGI entry point leaves the loaded application out of the garbage collector's full
collections (config/wsgi.py says why)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_loaded_app_and_its_urlconf_are_frozen():
    code = (
        "import gc, sys; import config.wsgi;"
        "print(gc.get_freeze_count(), 'annotate.views.segments' in sys.modules)"
    )
    env = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    frozen, views_loaded = out.stdout.split()[-2:]
    assert views_loaded == "True"  # the URLconf's views were loaded before the freeze
    assert int(frozen) > 50_000
