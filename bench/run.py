"""Benchmark: whole processes, median of N runs (what a user waits for, imports included).

Measures ``rpe-xl verifier`` and a bare python-calamine read (every sheet, ``to_python``) on ``workbooks/``
and on the synthetic 20x set (``bench/make_synthetic.py``), plus ``rpe-xl indicateurs`` when it exists, and
the floor every command pays before reading a cell: starting Python and importing pandas and pandera.

Run it with the Python of a user's install (``pip install .``, no test extras): when ``hypothesis`` is
installed, pandera imports it on its first validation (about 0,2 s more per run), which users never pay.

    python bench/run.py                   # 7 runs each, prints a table
    python bench/run.py -n 11 --json bench/results/last.json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("rpe-xl")
BARE_READ = """
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).glob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
"""


def timed(cmd: list[str], runs: int, cwd: Path) -> list[float]:
    """Wall-clock seconds of ``runs`` executions of ``cmd`` (one warm-up run first, not counted)."""
    subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def has_command(name: str) -> bool:
    out = subprocess.run([str(CLI), "--help"], capture_output=True, text=True).stdout
    return any(line.split()[:1] == [name] for line in out.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    team, synth = ROOT / "workbooks", ROOT / "bench" / "data"
    if not synth.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_synthetic.py")], check=True)
    cases = [("imports pandas + pandera seuls", [sys.executable, "-c", "import pandas, pandera.pandas"])]
    for label, folder in (("workbooks/", team), ("synthétique 20x", synth)):
        cases.append((f"rpe-xl verifier {label}", [str(CLI), "verifier", str(folder)]))
        cases.append((f"lecture calamine seule {label}", [sys.executable, "-c", BARE_READ, str(folder)]))
        if has_command("indicateurs"):
            cases.append((f"rpe-xl indicateurs {label}", [str(CLI), "indicateurs", str(folder)]))
    results = {}
    with tempfile.TemporaryDirectory() as cwd:  # any default output lands here, not in the repository
        for label, cmd in cases:
            times = timed(cmd, args.runs, Path(cwd))
            results[label] = {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
                              "max_s": round(max(times), 3), "runs": args.runs}
    width = max(map(len, results))
    print(f"{'mesure':<{width}}  médiane   min     max    ({args.runs} exécutions, {os.cpu_count()} cœurs)")
    for label, r in results.items():
        print(f"{label:<{width}}  {r['median_s']:6.3f} s {r['min_s']:6.3f}  {r['max_s']:6.3f}")
    ratio = results["rpe-xl verifier synthétique 20x"]["median_s"] / results[
        "lecture calamine seule synthétique 20x"]["median_s"]
    if importlib.util.find_spec("hypothesis") is not None:
        print("\nATTENTION : hypothesis est installé dans cet environnement ; pandera l'importe à sa première "
              "validation (environ 0,2 s de plus qu'une installation `pip install .`).")
    print(f"\nverifier workbooks/ : {results['rpe-xl verifier workbooks/']['median_s']:.3f} s (objectif < 1,5 s)")
    print(f"verifier 20x / lecture calamine 20x : {ratio:.2f} (objectif <= 2)")
    floor = results["imports pandas + pandera seuls"]["median_s"] / results[
        "lecture calamine seule synthétique 20x"]["median_s"]
    print(f"imports seuls / lecture calamine 20x : {floor:.2f} (plancher de tout processus rpe-xl)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        doc = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
               "results": results, "ratio_20x": round(ratio, 3),
               "imports_floor_ratio_20x": round(floor, 3)}
        args.json.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
