"""Benchmark: the Python work of an Excel button on the team's workbooks, in a warm process.

The JSON payload that Excel's xlwings client sends is prepared beforehand (from the real workbooks, as the tests
do); what is timed is the button itself: reading the book on screen and the other workbooks of the folder,
the library call, the layout and the xlwings actions that write the result sheet. One click warms the process
(imports, caches), then each button is timed on N fresh books; the median is printed. Target: within 1 s.

    XLWINGS_LICENSE_KEY=noncommercial python bench/excel_button.py [-n 9]
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")   # PolyForm Noncommercial: a government body

from excel_payload import payload  # noqa: E402

BUTTONS = (("verifier", "RPE_suivi_activite_2025.xlsx"), ("actualiser_indicateurs", "RPE_suivi_activite_2025.xlsx"),
           ("recalculer_budget", "RPE_budget_2026-2030.xlsx"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=9, help="timed clicks per button")
    parser.add_argument("--dossier", type=Path, default=ROOT / "workbooks")
    args = parser.parse_args()

    import xlwings as xw

    from rpe_xl import excel

    payloads = {name: payload(args.dossier / name) for _, name in BUTTONS}
    print(f"{'bouton':<26}{'classeur':<32}{'médiane':>9}{'min':>8}{'max':>8}")
    for button, name in BUTTONS:
        run = getattr(excel, button)
        times = []
        for i in range(args.n + 1):
            book = xw.Book(json=copy.deepcopy(payloads[name]))   # as Excel sends it (the engine changes it)
            book.set_mock_caller()
            start = time.perf_counter()
            run(str(args.dossier))
            elapsed = time.perf_counter() - start
            if any(a["func"] == "alert" for a in book.json()["actions"]):
                raise SystemExit(f"{button} : le bouton a affiché un message au lieu d'écrire ses résultats")
            if i:   # the first click warms the process
                times.append(elapsed)
        print(f"{button:<26}{name:<32}{_fr(statistics.median(times)):>9}{_fr(min(times)):>8}{_fr(max(times)):>8}")


def _fr(seconds: float) -> str:
    return f"{seconds:.3f} s".replace(".", ",")


if __name__ == "__main__":
    main()
