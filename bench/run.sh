#!/bin/sh
# End-to-end benchmarks through the command line (issue 15): import of a
# generated 100,000-ruas GeoJSON, a 10-year plan on about 1,000,000
# sections, and the SIPD export of that plan. Each step is measured with
# GNU time: wall seconds, CPU seconds (user + system) and peak RSS.
#
#   bench/run.sh [WORKDIR]        (default /tmp/ruas-bench)
#
# Environment: RUAS_BIN (a built ruas; default: built here from the tree),
# LINKS (import size, 100000), PLAN_LINKS (ruas for the plan register,
# 256000 ≈ 1,000,000 sections), BUDGET (per year, 500M: Rp 500 billion,
# below the routine care of the whole network, so the programme holds
# about 18,000 works a year), REGION (the office, 33.22).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/ruas-bench}
links=${LINKS:-100000}
planLinks=${PLAN_LINKS:-256000}
budget=${BUDGET:-500M}
region=${REGION:-33.22}
mkdir -p "$work"
if [ -z "${RUAS_BIN:-}" ]; then
	RUAS_BIN=$work/ruas
	(cd "$root" && go build -o "$RUAS_BIN" ./cmd/ruas)
fi
(cd "$root" && go build -o "$work/gen" ./bench/gen)
[ -f "$work/links_$links.geojson" ] || "$work/gen" -n "$links" -o "$work/links_$links.geojson"
[ -f "$work/links_$planLinks.geojson" ] || "$work/gen" -n "$planLinks" -o "$work/links_$planLinks.geojson"

# measure NAME CMD...: runs CMD under GNU time and prints one table row.
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
		echo "$name failed:" >&2
		tail -5 "$work/$name.err" >&2
		exit 1
	}
	read -r wall user sys kb <"$work/time.txt"
	awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v kb="$kb" \
		'BEGIN { printf "| %-12s | %6.2f s | %6.2f s (%.2f user + %.2f sys) | %5.0f MiB |\n", n, w, u + s, u, s, kb / 1024 }'
}

echo "| step         |   wall   | CPU (user + system)              | peak RSS  |"
echo "|--------------|----------|----------------------------------|-----------|"
rm -f "$work/import.db" "$work/import.db-wal" "$work/import.db-shm"
"$RUAS_BIN" init --db "$work/import.db" --region "$region" >/dev/null
measure import "$RUAS_BIN" import --db "$work/import.db" "$work/links_$links.geojson"
if [ ! -f "$work/plan_$planLinks.db" ]; then
	# The plan register is filled once (not part of the table).
	"$RUAS_BIN" init --db "$work/plan_$planLinks.db" --region "$region" >/dev/null
	"$RUAS_BIN" import --db "$work/plan_$planLinks.db" "$work/links_$planLinks.geojson" >/dev/null 2>&1
fi
rm -f "$work/plan.db-wal" "$work/plan.db-shm"
cp "$work/plan_$planLinks.db" "$work/plan.db"
[ ! -f "$work/plan_$planLinks.db-wal" ] || cp "$work/plan_$planLinks.db-wal" "$work/plan.db-wal"
measure plan "$RUAS_BIN" plan --db "$work/plan.db" --from 2027 --years 10 --budget "$budget" --out "$work/plan.json"
measure export-sipd "$RUAS_BIN" export sipd --db "$work/plan.db" --plan-year 2027 --out "$work/usulan.xlsx"
echo
# What the steps wrote (needs the sqlite3 shell; "?" without it).
q() { sqlite3 "$1" "$2" 2>/dev/null || echo '?'; }
echo "import: $(q "$work/import.db" "SELECT count(*) FROM ruas") ruas, $(q "$work/import.db" "SELECT count(*) FROM survey") surveys, $(q "$work/import.db" "SELECT count(*) FROM audit WHERE entity IN ('ruas', 'survey')") audit rows; register $(wc -c <"$work/import.db") bytes"
grep -h "Jaringan:" "$work/plan.out" | head -1 || true
last="FROM plan_run ORDER BY id DESC LIMIT 1"
stored=$(sqlite3 "$work/plan.db" "SELECT length(result) + coalesce(length(result_gz), 0) $last" 2>/dev/null ||
	q "$work/plan.db" "SELECT length(result) $last") # a register before migration 013
echo "plan result stored: $stored bytes; plan.json $(wc -c <"$work/plan.json") bytes; usulan.xlsx $(wc -c <"$work/usulan.xlsx") bytes"
