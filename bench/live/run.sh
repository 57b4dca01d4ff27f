#!/usr/bin/env bash
# Breaking news (issue 14): 1 000 readers keep a live open and poll it (once every 15 s
# each, ETag/304), 64 connections load its page (a new reader per request), and the
# journalist posts through the API every 5 s; gunicorn with 2 sync workers, PostgreSQL,
# Redis, DEBUG off. Reports p50/p99 of the page and the poll, errors, page builds per
# post (no stampede when a post invalidates the page), and reads (exact, never per poll).
#
#   bench/live/run.sh
#
# With NGINX=1, Debian's nginx stands in front (as in production): it buffers requests and
# responses, so a sync worker never waits on a client.
#
# Env: DATABASE_URL (postgres://postgres@127.0.0.1:5432/newsroom_bench_live, created and
# loaded with the demo), REDIS_URL (redis://127.0.0.1:6379/8, FLUSHED at start), PORT
# (8075), DURATION (60 s), OUT (/tmp/newsroom-bench-live).
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom_bench_live}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/8}
export DEBUG=0 SECRET_KEY=bench-live-not-secret ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
export READS_NETWORK_CAP=0     # every simulated reader comes from loopback
export API_RATE_TOKEN=100000/m # the journalist's token is not what is measured
PORT=${PORT:-8075}
DURATION=${DURATION:-60}
OUT=${OUT:-/tmp/newsroom-bench-live}
export STATIC_ROOT=$OUT/static
PY=.venv/bin/python
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
: > "$OUT/results.txt"

$PY manage.py collectstatic --noinput -v0
$PY - <<'PY'
import os, redis
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
PY
read -r LIVE_ID LIVE_PATH TOKEN < <($PY bench/live/helper.py prepare)

APP_PORT=$PORT
if [[ -n "${NGINX:-}" ]]; then
    APP_PORT=$((PORT + 1))
    mkdir -p "$OUT/nginx"
    cat > "$OUT/nginx/nginx.conf" <<NGINX
$( [[ $(id -u) == 0 ]] && echo "user root;" )
worker_processes 1;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $OUT/nginx/body;
    proxy_temp_path $OUT/nginx/proxy;
    upstream newsroom_app { server 127.0.0.1:$APP_PORT; keepalive 16; }
    server {
        listen 127.0.0.1:$PORT;
        location / {
            proxy_pass http://newsroom_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Real-IP \$remote_addr;
        }
    }
}
NGINX
    /usr/sbin/nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" &
    NGINX_PID=$!
fi
.venv/bin/gunicorn newsroom.wsgi:application --workers 2 --worker-class sync \
    --bind 127.0.0.1:$APP_PORT --pid "$OUT/gunicorn.pid" --backlog 2048 \
    --log-level warning > "$OUT/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN ${NGINX_PID:-} 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "$BASE/robots.txt" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null -A "Mozilla/5.0 (bench)" "$BASE$LIVE_PATH"  # the page cached once, as on air
sleep 2  # that read is sent by the worker's queue (READS_QUEUE_SECONDS) before the count below

READS_BEFORE=$($PY bench/live/helper.py reads "$LIVE_ID")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"
wrk -t64 -c64 -d"$((DURATION + 3))s" -s bench/live/pages.lua "$BASE$LIVE_PATH" -- "$DURATION" "live$RANDOM" \
    > "$OUT/pages.txt" &
PAGES=$!
$PY bench/live/pollers.py "$BASE/direct/$LIVE_ID/" --readers 1000 --period 15 --seconds "$DURATION" \
    > "$OUT/polls.txt" &
POLLS=$!
$PY bench/live/helper.py post "$BASE" "$LIVE_ID" "$TOKEN" 5 "$DURATION" >> "$OUT/results.txt"
wait $PAGES $POLLS
grep -h -E "^(RESULT|BUILDS|POLLS)" "$OUT/pages.txt" "$OUT/polls.txt" >> "$OUT/results.txt"
sleep 2  # the workers send their queued reads every READS_QUEUE_SECONDS
echo "reads before=$READS_BEFORE after=$($PY bench/live/helper.py reads "$LIVE_ID")" >> "$OUT/results.txt"
cat "$OUT/results.txt"
$PY bench/live/helper.py report "$OUT/results.txt"
