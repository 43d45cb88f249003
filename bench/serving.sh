# B2–B5, sourced by bench/run (which defines emgek, work, data, root, wants, row, judge, ratio,
# took, now and need): one SQLite database holding the registry (B1's import, or one made here),
# the programme records of bench/sql/country_sqlite.sql and a bench administrator, served by
# `emgek serve` on 127.0.0.1:18080 and driven through its API as a ministry's systems would.

need wrk wrk
need curl curl
python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb >/dev/null 2>&1 ||
  pip install -q --break-system-packages duckdb >/dev/null

country="$work/country.db"
port=18080
# B4's runs last 20 s each, as BENCH.md says; the tiny tier only proves the scripts work.
seconds=20
[ "$tier" = tiny ] && seconds=3
base="http://127.0.0.1:$port"
rm -f "$country" "$country"-*
echo "== the country for B2–B5: registry, programme records, an administrator"
if [ -s "$work/b1.db" ]; then
  sqlite3 "$work/b1.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  cp "$work/b1.db" "$country"
else
  "$emgek" --database-url "sqlite:$country" migrate >/dev/null
  "$emgek" --database-url "sqlite:$country" import households "$data/households.csv" \
    --rejects "$work/country.rejects.csv" >/dev/null
fi
# token_for USER GRANT: a user with that grant and an API token of hers, printed.
token_for() {
  echo "quiet-river-stone-41" | "$emgek" --database-url "sqlite:$country" user add --username "$1" \
    --display-name "$1" --grant "$2" --password-stdin >/dev/null
  local t
  t="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  sqlite3 "$country" "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, updated_at)
    SELECT user_id, 'bench', '$(printf %s "$t" | sha256sum | cut -d' ' -f1)', substr('$t', 1, 8),
    created_at, created_at FROM users WHERE username = '$1'"
  echo "$t"
}
# The administrator sees PINs and disability, and each household she opens is written to the
# audit log; the analyst reads the registry without them, as most readers do.
token=$(token_for bench admin@country)
analyst=$(token_for analyst hq_analyst@country)

serve_pid=""
# serve_start: starts emgek serve and sets cold to the seconds until /healthz answered.
serve_start() {
  local start
  start=$(now)
  EMGEK_LOG=warn "$emgek" --database-url "sqlite:$country" serve --listen "127.0.0.1:$port" \
    >>"$work/serve.log" 2>&1 &
  serve_pid=$!
  until curl -sf "$base/healthz" >/dev/null 2>&1; do
    kill -0 "$serve_pid" 2>/dev/null || { echo "bench/run: emgek serve stopped (see $work/serve.log)" >&2; exit 1; }
    sleep 0.01
  done
  cold=$(took "$start")
}
serve_stop() { kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""; }
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null' EXIT
# mib FIELD: the server's VmRSS or VmHWM in MiB.
mib() { awk -v f="$1:" '$1 == f {print int($2 / 1024)}' "/proc/$serve_pid/status"; }
api() { curl -sS -f -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
field() { python3 -c "import json, sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }

serve_start
programme=$(api -X POST "$base/api/v1/programmes" -d '{"code": "social-contract", "kind": "social_contract",
  "name_ky": "Социалдык келишим", "name_ru": "Социальный контракт", "name_en": "Social Contract"}' | field id)
for year in 2024 2025; do
  api -X POST "$base/api/v1/programmes/$programme/calls" \
    -d "{\"title\": \"$year\", \"opens\": \"$year-02-01\", \"closes\": \"$year-11-30\"}" >/dev/null
done
serve_stop
(cd "$data" && sqlite3 "$country" ".read $root/bench/sql/country_sqlite.sql") >/dev/null
call=$(sqlite3 "$country" "SELECT call_id FROM calls WHERE title = '2025'")
applying=$(sqlite3 "$country" "SELECT count(*) FROM applications WHERE call_id = $call")
# One in five applications can be funded (20,000 of 100,000 at L); each oblast's quota is its
# share of the applications with a tenth to spare, and the budget is 80,000 som a grant (the
# average asked for), so quotas and the budget each decide some.
quota_total=$((applying / 5))
budget=$((quota_total * 8000000))
sqlite3 -header -csv "$country" "SELECT oblast_code, count(*) * 11 / 50 AS quota FROM applications
  WHERE call_id = $call GROUP BY oblast_code" >"$work/quotas.csv"
mkdir -p "$work/csv"
for q in "applications:application_id, call_id, household_id, oblast_code, status, grant_requested_tyiyn, priority, score_x100, submitted_seq FROM applications" \
  "contracts:contract_id, application_id, starts FROM contracts" \
  "payment_orders:contract_id, amount_tyiyn, status, paid_on FROM payment_orders" \
  "monthly_reports:contract_id, month, revenue_tyiyn, costs_tyiyn, jobs FROM monthly_reports" \
  "households:household_id, rayon_code, benefit_since FROM households" \
  "members:household_id, birth_date, disability FROM members"; do
  sqlite3 -header -csv "$country" "SELECT ${q#*:}" >"$work/csv/${q%%:*}.csv"
done
reference=$(python3 "$root/bench/duckdb_reference.py" "$work/csv" "$call" "$budget" "$quota_total" "$work/quotas.csv")
echo "   DuckDB: $reference"
contracts=$(sqlite3 "$country" "SELECT count(*) FROM contracts")
reports=$(sqlite3 "$country" "SELECT count(*) FROM monthly_reports")

serve_start
first_cold=$cold
first_idle=$(mib VmRSS)
quotas_json=$(python3 -c "import csv, json, sys; print(json.dumps({r['oblast_code']: int(r['quota']) for r in csv.DictReader(open(sys.argv[1]))}))" "$work/quotas.csv")
api -X POST "$base/api/v1/programmes/$programme/rules" -d "{\"effective_from\": \"2024-01-01\",
  \"budget\": {\"minor\": $budget, \"currency\": \"KGS\"}, \"grant_cap\": {\"minor\": 10000000, \"currency\": \"KGS\"},
  \"tranches\": [{\"share_bp\": 7000, \"after_months\": 0}, {\"share_bp\": 3000, \"after_months\": 6}],
  \"quota_total\": $quota_total, \"quota_by_oblast\": $quotas_json, \"quota_by_rayon\": {},
  \"eligibility\": {\"require_benefit\": true, \"require_working_age_adult\": true, \"working_age_min\": 18,
    \"working_age_max\": 63, \"no_active_contract\": true, \"not_funded_within_years\": 5, \"require_training\": false},
  \"priority\": {\"three_or_more_children\": 30, \"member_with_disability\": 30, \"ovop_product\": 15,
    \"green_project\": 10, \"profitable_plan\": 15, \"profitable_margin_bp\": 2000},
  \"spending_caps\": [], \"require_ovop\": false, \"contract_months\": 12, \"follow_up_months\": 12,
  \"benefit_limitation_years\": 3, \"window_opens\": \"2024-02-01\", \"window_closes\": \"2025-11-30\"}" >/dev/null

if wants B2; then
  echo "== B2: targeting: rank every eligible household of the registry"
  first_read=$(api -o "$work/b2-targeting.json" -w '%{time_total}' "$base/api/v1/programmes/$programme/targeting")
  : >"$work/b2-targeting.times"
  for _ in 1 2 3 4 5; do
    api -o "$work/b2-targeting.json" -w '%{time_total}\n' "$base/api/v1/programmes/$programme/targeting" >>"$work/b2-targeting.times"
  done
  ours=$(sort -n "$work/b2-targeting.times" | sed -n 3p)
  eligible=$(field eligible <"$work/b2-targeting.json")
  theirs=$(field b2t_s <<<"$reference")
  r=$(ratio "$ours" "$theirs")
  row B2 "targeting: rank all $(field assessed <"$work/b2-targeting.json") households ($eligible eligible; median of 5, the registry held in memory; ${first_read} s the first time, reading it)" \
    "${ours} s" "${theirs} s ($(field b2t_eligible <<<"$reference") eligible)" "DuckDB, the same rules in SQL" "$r" "≤ 1" "$(judge "$r" 1)"
  echo "== B2: allocate $quota_total grants to $applying applications under oblast quotas and a budget"
  preview=$(api -o "$work/b2-preview.json" -w '%{time_total}' -X POST "$base/api/v1/calls/$call/allocation" -d '{"commit": false}')
  ours=$(api -o "$work/b2.json" -w '%{time_total}' -X POST "$base/api/v1/calls/$call/allocation" -d '{"commit": true}')
  funded=$(field funded <"$work/b2.json")
  theirs=$(field b2_s <<<"$reference")
  r=$(ratio "$ours" "$theirs")
  row B2 "allocate $applying applications, commit atomically ($funded funded, each with a reason; preview ${preview} s)" \
    "${ours} s" "${theirs} s ($(field b2_funded <<<"$reference") funded)" "DuckDB, the same ranking and quotas in SQL" \
    "$r" "≤ 1" "$(judge "$r" 1)"
  row B2 "the same run as one batch of $applying decisions" "${ours} s" "—" "—" "—" "< 2 s" "$(judge "$ours" 2)"
fi

if wants B3; then
  echo "== B3: the national dashboard over $contracts contracts and $reports monthly reports"
  page() { curl -sS -f -H "Authorization: Bearer $token" -H "Cookie: emgek_lang=en" -o "$1" -w '%{time_total}' "$base/dashboards"; }
  start=$(now)
  page "$work/b3.html" >/dev/null
  while grep -q "being counted" "$work/b3.html"; do sleep 0.2; page "$work/b3.html" >/dev/null; done
  built=$(took "$start")
  : >"$work/b3.times"
  for _ in $(seq 100); do page /dev/null >>"$work/b3.times"; echo >>"$work/b3.times"; done
  p95=$(python3 -c "import sys; t = sorted(float(x) for x in open(sys.argv[1]) if x.strip()); print(f'{t[int(len(t) * 0.95) - 1] * 1000:.1f}')" "$work/b3.times")
  theirs=$(python3 -c "import json, sys; print(f'{json.loads(sys.argv[1])[\"b3_s\"] * 1000:.1f}')" "$reference")
  r=$(ratio "$p95" "$theirs")
  row B3 "national dashboard, p95 of 100 (figures counted from the records in ${built} s first)" "${p95} ms" \
    "${theirs} ms" "DuckDB, the Social Contract's indicators by oblast × month" "$r" "≤ 2; p95 ≤ 50 ms" \
    "$(judge "$r" 2)$([ "$(judge "$p95" 50)" = pass ] || echo ', over 50 ms')"
fi
serve_stop

if wants B4 || wants B5; then
  serve_start
  idle=$(mib VmRSS)
  load() {
    # load NAME [wrk arguments]: 64 connections for $seconds s; sets rate, p99 (ms) and errors.
    local name=$1; shift
    wrk -t 2 -c 64 -d "${seconds}s" --latency "$@" >"$work/b4-$name.out"
    read -r rate p99 errors < <(python3 "$root/bench/wrk_summary.py" "$work/b4-$name.out")
  }
  if wants B4; then
    echo "== B4: HTTP under load, 64 connections for $seconds s each"
    load healthz "$base/healthz"
    bare=$rate
    households=$(sqlite3 "$country" "SELECT max(household_id) FROM households")
    EMGEK_TOKEN=$analyst EMGEK_HOUSEHOLDS=$households load read -s "$root/bench/wrk/household.lua" "$base"
    r=$(ratio "$rate" "$bare")
    pass=$(python3 -c "import sys; print('pass' if float(sys.argv[1]) >= 0.3 and float(sys.argv[2]) <= 50 and sys.argv[3] == '0' else 'MISSED')" "$r" "$p99" "$errors")
    row B4 "read a household (GET /api/v1/households/{id}) as an analyst; p99 ${p99} ms, $errors errors" "${rate}/s" \
      "${bare}/s" "bare GET /healthz" "$r" "≥ 0.3; p99 ≤ 50 ms" "$pass"
    EMGEK_TOKEN=$token EMGEK_HOUSEHOLDS=$households load read-audited -s "$root/bench/wrk/household.lua" "$base"
    r=$(ratio "$rate" "$bare")
    pass=$(python3 -c "import sys; print('pass' if float(sys.argv[1]) >= 0.3 and float(sys.argv[2]) <= 50 and sys.argv[3] == '0' else 'MISSED')" "$r" "$p99" "$errors")
    row B4 "the same read with PINs, each view a durable audit entry; p99 ${p99} ms, $errors errors" "${rate}/s" \
      "${bare}/s" "bare GET /healthz" "$r" "≥ 0.3; p99 ≤ 50 ms" "$pass"
    sqlite3 "$country" "SELECT c.contract_id || ' ' || strftime('%Y-%m', c.starts, '+' || n.n || ' months')
      FROM contracts c JOIN (WITH RECURSIVE n(n) AS (SELECT 12 UNION ALL SELECT n + 1 FROM n WHERE n < 21) SELECT n FROM n) n
      WHERE c.status = 'active' AND date(c.starts, '+' || n.n || ' months') <= date('now')
      ORDER BY n.n, c.contract_id" >"$work/b4-pairs.txt"
    before=$(sqlite3 "$country" "SELECT count(*) FROM monthly_reports")
    EMGEK_TOKEN=$token EMGEK_PAIRS="$work/b4-pairs.txt" EMGEK_THREADS=2 load write -s "$root/bench/wrk/report.lua" "$base"
    after=$(sqlite3 "$country" "SELECT count(*) FROM monthly_reports")
    commits=$(((after - before) / seconds))
    row B4 "submit a monthly report (POST, durable); $((after - before)) written, p99 ${p99} ms, $errors refused" \
      "${commits} commits/s" "—" "—" "—" "≥ 2,000/s" "$(python3 -c "import sys; print('pass' if int(sys.argv[1]) >= 2000 else 'MISSED')" "$commits")"
  fi
  if wants B5; then
    peak=$(mib VmHWM)
    row B5 "emgek serve on this database: RSS idle, then at most under B4's load" "${idle} MiB; ${peak} MiB" "—" "—" "—" \
      "≤ 100 MiB; ≤ 300 MiB" "$(python3 -c "import sys; print('pass' if int(sys.argv[1]) <= 100 and int(sys.argv[2]) <= 300 else 'MISSED')" "$idle" "$peak")"
    row B5 "cold start: process start to the first answer of /healthz" "${cold} s (${first_cold} s the first time)" "—" "—" "—" "≤ 1 s" \
      "$(judge "$cold" 1)"
  fi
  serve_stop
fi
