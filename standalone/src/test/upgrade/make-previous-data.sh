#!/usr/bin/env bash
# Writes the upgrade fixture: a ./data as a released version leaves it. Run from the repository root with the
# released commit checked out in a worktree and its standalone jar built:
#   git worktree add --detach /tmp/prev <commit> && (cd /tmp/prev && mvn -q -pl standalone -am package -DskipTests)
#   standalone/src/test/upgrade/make-previous-data.sh /tmp/prev <commit>
# It starts that jar on an empty data dir, logs the applications below over HTTP, stops it cleanly and packs the data
# dir into standalone/src/test/resources/upgrade/data-<commit>.tar.gz (UpgradeIT starts the current jar on it).
set -euo pipefail
prev="$1"; commit="$2"
out="$(pwd)/standalone/src/test/resources/upgrade"
mkdir -p "$out"
data="$(mktemp -d)"
ingest=18480; dash=18481; admin=upgrade-admin-token-0123456789
TRACKER_DATA_DIR="$data" TRACKER_INGEST_PORT=$ingest TRACKER_DASHBOARD_PORT=$dash TRACKER_ADMIN_TOKEN=$admin \
  TRACKER_PARTITIONS=2 java -Xmx512m -jar "$prev/standalone/target/tracker-standalone.jar" > "$data/previous.log" 2>&1 &
pid=$!
trap "kill $pid 2>/dev/null || true" EXIT
until curl -sf "http://127.0.0.1:$ingest/health" >/dev/null && curl -sf "http://127.0.0.1:$dash/health" >/dev/null; do
  sleep 0.5
done
H="Authorization: Bearer $admin"; I="http://127.0.0.1:$ingest/api/v1"
put() { curl -sf -XPUT "$I/$1" -H "$H" -d "$2" >/dev/null; }
post() { curl -sf -XPOST "$I/$1" -H "$H" -d "$2" >/dev/null; }
put agencies/guzhen '{"name":"固镇县人民政府","parentId":null}'
put agencies/liancheng '{"name":"连城镇人民政府","parentId":"guzhen"}'
put agencies/guzhen-czj '{"name":"固镇县财政局","parentId":"guzhen"}'
post agencies/liancheng/requests '{"requestId":"2024-001","applicantType":"NATURAL_PERSON","receivedDate":"2024-03-11","channel":"ONLINE"}'
post agencies/liancheng/requests/2024-001/events '{"eventId":"d1","type":"DECIDED","date":"2024-03-29","outcome":"DISCLOSED"}'
post agencies/liancheng/requests '{"requestId":"2024-002","applicantType":"NATURAL_PERSON","receivedDate":"2024-06-03","channel":"POST"}'
post agencies/liancheng/requests/2024-002/events '{"eventId":"d1","type":"DECIDED","date":"2024-06-20","outcome":"OTHER"}'
post agencies/liancheng/requests '{"requestId":"2024-003","applicantType":"NATURAL_PERSON","receivedDate":"2024-10-21","channel":"ONLINE"}'
post agencies/liancheng/requests/2024-003/events '{"eventId":"w1","type":"WITHDRAWN","date":"2024-11-01"}'
# a review filed in November 2024 and concluded 纠正 in February 2025 (Table 四 across years)
post agencies/liancheng/requests/2024-001/events '{"eventId":"rv","type":"REVIEW_FILED","date":"2024-11-05","caseId":"c1"}'
post agencies/liancheng/requests/2024-001/events '{"eventId":"rc","type":"REVIEW_CONCLUDED","date":"2025-02-10","caseId":"c1","result":"CORRECTED"}'
# open across the year end, decided in 2025; one still open
post agencies/guzhen-czj/requests '{"requestId":"cz-1","applicantType":"COMMERCIAL_ENTERPRISE","receivedDate":"2024-12-16","channel":"IN_PERSON"}'
post agencies/guzhen-czj/requests/cz-1/events '{"eventId":"e1","type":"EXTENSION_GRANTED","date":"2025-01-10","workingDays":10}'
post agencies/guzhen-czj/requests/cz-1/events '{"eventId":"d1","type":"DECIDED","date":"2025-01-24","outcome":"PARTIALLY_DISCLOSED"}'
post agencies/guzhen-czj/requests '{"requestId":"cz-2","applicantType":"NATURAL_PERSON","receivedDate":"2025-11-03","channel":"EMAIL"}'
post agencies/guzhen-czj/requests/cz-2/events '{"eventId":"a1","type":"AMENDED","date":"2025-11-05","applicantType":"LEGAL_SERVICE_ORG"}'
D="http://127.0.0.1:$dash/api/v1/agencies/guzhen/reports"
until [ "$(curl -s "$D/2025/table3?scope=subtree" | grep -o '"DECIDED_TOTAL":\[[0-9,]*\]')" = '"DECIDED_TOTAL":[0,1,0,0,0,0,1]' ]; do sleep 0.5; done
sleep 2
kill "$pid"; wait "$pid" || true
tar -C "$data" -czf "$out/data-$commit.tar.gz" --exclude=previous.log --exclude=standalone.log .
rm -rf "$data"
ls -la "$out"
