#!/usr/bin/env python3
"""The figures of a synth country imported by `emgek import country`, checked against its files.

Usage: country_figures.py DATA_DIR BASE_URL TOKEN

DATA_DIR holds synth's files and the reject files the import wrote beside them
(`NAME.rejects.csv`: row,field,rule,value,message; a row's number is the file's own, the
header being row 1). Each figure is counted from the rows the import did not reject, the way
the dashboards count it, and set against `GET /api/v1/indicators/CODE/figures` (every month,
the whole country) of the server at BASE_URL. Prints one line per figure and, last,
`agree N of M`; exits 1 if any figure differs.
"""

import csv
import json
import sys
import urllib.request
from collections import defaultdict
from decimal import Decimal
from pathlib import Path


def rejected_rows(data: Path, file: str) -> set[int]:
    rejects = data / file.replace(".csv", ".rejects.csv")
    if not rejects.exists():
        return set()
    with rejects.open(newline="", encoding="utf-8-sig") as f:
        return {int(r["row"]) for r in csv.DictReader(f) if r["row"].isdigit()}


def rows(data: Path, file: str) -> list[dict[str, str]]:
    """The rows of one of synth's files that the import took."""
    path = data / file
    if not path.exists():
        return []
    skip = rejected_rows(data, file)
    with path.open(newline="", encoding="utf-8") as f:
        return [r for i, r in enumerate(csv.DictReader(f), start=2) if i not in skip]


def tyiyn(text: str) -> int:
    return int(Decimal(text) * 100)


def number(text: str) -> int:
    return int(text) if text else 0


def expected(data: Path) -> dict[str, tuple[str, int]]:
    """Each indicator's figure from the files: (the part of the answer compared, the figure)."""
    payments = [p for p in rows(data, "payments.csv") if p["paid_on"]]
    paid_to: dict[str, int] = defaultdict(int)
    for p in payments:
        paid_to[p["contract_number"]] += tyiyn(p["amount_som"])
    jobs: dict[str, int] = defaultdict(int)
    for r in rows(data, "monthly_reports.csv"):
        jobs[r["contract_number"]] = max(jobs[r["contract_number"]], number(r["jobs"]))
    violations = [t for t in rows(data, "terminations.csv") if t["violation"] == "yes"]
    delivered = sum(number(o["delivered"]) * tyiyn(o["unit_price_som"]) for o in rows(data, "orders.csv"))
    market = sum(number(s["quantity"]) * tyiyn(s["unit_price_som"]) for s in rows(data, "sales.csv"))
    supplied = sum(
        number(p["internal_quantity"]) * tyiyn(p["transfer_price_som"]) for p in rows(data, "production.csv")
    )
    return {
        "families-with-contracts": ("value", len(rows(data, "contracts.csv"))),
        "grants-disbursed": ("value", sum(tyiyn(p["amount_som"]) for p in payments)),
        "jobs-created": ("value", sum(jobs.values())),
        "households-left-benefit": ("value", len(rows(data, "graduations.csv"))),
        "refunds-due": ("value", sum(paid_to[t["contract_number"]] for t in violations)),
        "refunds-recovered": ("value", sum(tyiyn(r["amount_som"]) for r in rows(data, "repayments.csv"))),
        "products-developed": ("value", len(rows(data, "ovop_products.csv"))),
        "export-contracts": ("value", len(rows(data, "ovop_exports.csv"))),
        "enterprise-revenue": ("value", delivered + market + supplied),
        "trainees-certified": ("value", sum(1 for t in rows(data, "training.csv") if t["completed"] == "yes")),
        "inmates-working": ("denominator", sum(number(f["inmates"]) for f in rows(data, "facilities.csv"))),
    }


def main() -> int:
    data, base, token = Path(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3]
    agree = 0
    figures = expected(data)
    for code, (part, want) in figures.items():
        request = urllib.request.Request(
            f"{base}/api/v1/indicators/{code}/figures", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=600) as answer:
            got = json.load(answer)["total"][part] or 0
        same = got == want
        agree += same
        print(f"{code} {part}: emgek {got}, files {want}{'' if same else '  DIFFERS'}")
    print(f"agree {agree} of {len(figures)}")
    return 0 if agree == len(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
