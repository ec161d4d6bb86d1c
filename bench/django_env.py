"""Start Django for a benchmark on a throwaway database (or DATABASE_URL when it is set)."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="redline-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no query log growing in memory
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the Django test client
    call_command("migrate", verbosity=0)


def seed_paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [line for text in texts for line in text.split("\n") if line.strip()]


def sizes_argument(default: str = "10000") -> list[int]:
    """--sizes 10000,100000,200000 (segments of the big document), as run_all.py passes it."""
    arguments = sys.argv[1:]
    value = arguments[arguments.index("--sizes") + 1] if "--sizes" in arguments else default
    return [int(size) for size in value.split(",") if size.strip()]
