#!/usr/bin/env python3
"""B2's and B3's reference: DuckDB (its Python package) running equivalent SQL on the same
records, already loaded in memory from the CSV files bench/run exported from emgek's database.

    bench/duckdb_reference.py CSV_DIR CALL_ID BUDGET_TYIYN QUOTA_TOTAL QUOTAS_CSV

Prints one line of JSON: {"b2t_s": ..., "b2t_eligible": ..., "b2_s": ..., "b2_funded": ...,
"b3_s": ..., "b3_rows": ...}.

B2's targeting assesses every household of the registry under the 2024 rules (on the benefit, a
member of working age able to work, never funded) and ranks the eligible by priority points
(three or more children, a member with a disability), the first 100 listed.

B2 ranks the call's approved applications by priority, score, submission and id, and funds them
in that order within the per-oblast quotas, the total quota and the budget, with a reason for
each, then moves every application to funded or the waiting list. It is the set-based version
of emgek's walk: a window sum stops at the first grant over the budget, where emgek's walk goes
on to fund smaller grants after it, so its count can be a little lower.

B3 computes the Social Contract's indicators by oblast x month from the records: contracts
started, grants paid, monthly net income and jobs reported, contracts that reached 6 and 12
reports, and the people and children in households whose business earns more than it costs.
"""

import json
import statistics
import sys
import time

import duckdb


def timed(con, sql_list, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for sql in sql_list:
            con.execute(sql).fetchall()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    csv_dir, call_id, budget, quota_total, quotas = sys.argv[1:6]
    con = duckdb.connect()
    for table in ["households", "applications", "contracts", "payment_orders", "monthly_reports", "members"]:
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv_auto('{csv_dir}/{table}.csv', header = true)")
    con.execute(f"CREATE TABLE quota AS SELECT * FROM read_csv_auto('{quotas}', header = true)")

    target = """
        WITH m AS (
            SELECT household_id,
                count(*) FILTER (WHERE birth_date > current_date - INTERVAL 18 YEAR) AS children,
                bool_or(disability <> 'none') AS disabled,
                bool_or(birth_date <= current_date - INTERVAL 18 YEAR AND birth_date > current_date - INTERVAL 64 YEAR
                    AND disability <> 'I') AS working
            FROM members GROUP BY household_id)
        SELECT h.household_id,
            CASE WHEN m.children >= 3 THEN 30 ELSE 0 END + CASE WHEN m.disabled THEN 30 ELSE 0 END AS priority,
            count(*) OVER () AS eligible
        FROM households h JOIN m ON m.household_id = h.household_id
        WHERE h.benefit_since IS NOT NULL AND m.working
            AND h.household_id NOT IN (SELECT household_id FROM applications WHERE status = 'funded')
        ORDER BY priority DESC, h.household_id LIMIT 100"""
    b2t = timed(con, [target], 5)
    rows = con.execute(target).fetchall()
    b2t_eligible = rows[0][2] if rows else 0

    allocate = f"""
        CREATE OR REPLACE TEMP TABLE decisions AS
        WITH ranked AS (
            SELECT application_id, oblast_code, grant_requested_tyiyn AS grant,
                row_number() OVER (ORDER BY priority DESC, score_x100 DESC, submitted_seq, application_id) AS rank
            FROM applications WHERE call_id = {call_id} AND status IN ('approved', 'waiting_list')),
        in_oblast AS (
            SELECT r.*, row_number() OVER (PARTITION BY r.oblast_code ORDER BY rank) <= coalesce(q.quota, 1000000000)
                AS within_oblast
            FROM ranked r LEFT JOIN quota q ON q.oblast_code = r.oblast_code),
        running AS (
            SELECT *, sum(CASE WHEN within_oblast THEN 1 ELSE 0 END) OVER (ORDER BY rank) AS taken,
                sum(CASE WHEN within_oblast THEN grant ELSE 0 END) OVER (ORDER BY rank) AS spent
            FROM in_oblast)
        SELECT application_id, rank,
            CASE WHEN taken > {quota_total} THEN 'allocation.quota_total'
                 WHEN NOT within_oblast THEN 'allocation.quota_oblast'
                 WHEN spent > {budget} THEN 'allocation.budget'
                 ELSE 'allocation.funded' END AS reason
        FROM running"""
    apply = """
        UPDATE applications SET status = CASE d.reason WHEN 'allocation.funded' THEN 'funded' ELSE 'waiting_list' END
        FROM decisions d WHERE d.application_id = applications.application_id"""
    # Each run starts from the same approved applications.
    con.execute(f"CREATE TABLE approved AS SELECT application_id FROM applications WHERE call_id = {call_id} AND status = 'approved'")
    times = []
    for _ in range(5):
        con.execute("UPDATE applications SET status = 'approved' WHERE application_id IN (SELECT application_id FROM approved)")
        start = time.perf_counter()
        con.execute("BEGIN")
        con.execute(allocate)
        con.execute(apply)
        con.execute("COMMIT")
        times.append(time.perf_counter() - start)
    b2 = statistics.median(times)
    funded = con.execute("SELECT count(*) FROM decisions WHERE reason = 'allocation.funded'").fetchone()[0]

    place = "JOIN applications a ON a.application_id = c.application_id"
    month = "strftime(CAST({} AS DATE), '%Y-%m')"
    indicators = [
        f"SELECT a.oblast_code, {month.format('c.starts')} AS m, count(*) FROM contracts c {place} GROUP BY ALL",
        f"""SELECT a.oblast_code, {month.format('p.paid_on')} AS m, sum(p.amount_tyiyn) FROM payment_orders p
            JOIN contracts c ON c.contract_id = p.contract_id {place} WHERE p.status = 'paid' GROUP BY ALL""",
        f"""SELECT a.oblast_code, {month.format('r.month')} AS m, sum(r.revenue_tyiyn - r.costs_tyiyn), sum(r.jobs)
            FROM monthly_reports r JOIN contracts c ON c.contract_id = r.contract_id {place} GROUP BY ALL""",
        f"""SELECT a.oblast_code, {month.format('c.starts')} AS m, count(*) FILTER (WHERE n >= 6), count(*) FILTER (WHERE n >= 12)
            FROM (SELECT contract_id, count(*) AS n FROM monthly_reports GROUP BY ALL) r
            JOIN contracts c ON c.contract_id = r.contract_id {place} GROUP BY ALL""",
        f"""SELECT a.oblast_code, {month.format('c.starts')} AS m, count(*),
                count(*) FILTER (WHERE date_diff('year', CAST(x.birth_date AS DATE), current_date) < 18)
            FROM (SELECT contract_id FROM monthly_reports GROUP BY ALL HAVING sum(revenue_tyiyn - costs_tyiyn) > 0) r
            JOIN contracts c ON c.contract_id = r.contract_id {place}
            JOIN members x ON x.household_id = a.household_id GROUP BY ALL""",
    ]
    b3 = timed(con, indicators, 5)
    rows = sum(len(con.execute(sql).fetchall()) for sql in indicators)
    print(json.dumps({"b2t_s": round(b2t, 4), "b2t_eligible": b2t_eligible, "b2_s": round(b2, 4), "b2_funded": funded, "b3_s": round(b3, 4), "b3_rows": rows}))


if __name__ == "__main__":
    main()
