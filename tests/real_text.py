"""The real MT that suggestions are made on: the seeds' paragraphs and the bilingual sample's MT."""

from functools import lru_cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MT_SAMPLE = SEEDS / "wmt22-zhen-sample" / "mt.en.txt"


@lru_cache(maxsize=1)
def real_lines() -> tuple[str, ...]:
    paths = [*sorted(SEEDS.glob("*.txt")), MT_SAMPLE]
    return tuple(
        line
        for path in paths
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    )
