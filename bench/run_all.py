"""Run every benchmark, one after the other, each in its own process (fresh database).

Sized benchmarks (realistic corpora) take --sizes: 10,000 segments by default, so `make bench`
stays short; `--sizes 10000,100000,200000` gives the growth run.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZED = {
    "bench_pages.py",
    "bench_export.py",
    "bench_import.py",
    "bench_search.py",
    "bench_dashboard.py",
}

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument(
    "--sizes", default="10000", help="segments of the big document, e.g. 10000,100000"
)
parser.add_argument("--only", default="", help="run only these scripts, e.g. bench_pages.py")
options = parser.parse_args()

for script in sorted(HERE.glob("bench_*.py")):
    if options.only and script.name not in options.only.split(","):
        continue
    print(f"\n=== {script.name}", flush=True)
    extra = ["--sizes", options.sizes] if script.name in SIZED else []
    subprocess.run([sys.executable, str(script), *extra], cwd=HERE, check=False)
