#!/usr/bin/env bash
# The content API next to the pages readers load: gunicorn (2 sync workers), PostgreSQL,
# Redis, DEBUG off; wrk (16 connections, 10 s, after a 3 s warm-up) on robots.txt, an
# article page, the API's article list (20 articles) and one article; medians of 3 runs.
#
#   bench/api/run.sh
#
# Env: DATABASE_URL (postgres://postgres@127.0.0.1:5432/newsroom_api_bench, created and
# filled with the demo newspaper plus ARTICLES bulk articles), ARTICLES (1000),
# REDIS_URL (redis://127.0.0.1:6379/10, FLUSHED), PORT (8071), OUT (/tmp/newsroom-bench-api).
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom_api_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/10}
export DEBUG=0 SECRET_KEY=bench-api-not-secret ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
# The quotas would answer 429 to a benchmark from one address.
export API_RATE_ANONYMOUS=100000000/m
ARTICLES=${ARTICLES:-1000}
PORT=${PORT:-8071}
OUT=${OUT:-/tmp/newsroom-bench-api}
export STATIC_ROOT=$OUT/static
PY=.venv/bin/python
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
: > "$OUT/results.txt"

$PY - <<'PY'
import os, sys
sys.path.insert(0, "bench")
from benchlib import ensure_database
ensure_database(os.environ["DATABASE_URL"])
import redis
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
PY
$PY manage.py migrate --noinput -v0
$PY manage.py demo_content --articles "$ARTICLES" -v0 > /dev/null
$PY manage.py collectstatic --noinput -v0
read -r ARTICLE_ID ARTICLE_PATH < <($PY manage.py shell -v 0 -c "
from articles.models import Article
a = Article.objects.published().order_by('-publish_at').first()
print(a.pk, a.get_absolute_url())")

.venv/bin/gunicorn newsroom.wsgi:application --workers 2 --worker-class sync \
    --bind 127.0.0.1:$PORT --pid "$OUT/gunicorn.pid" --log-level warning > "$OUT/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "$BASE/robots.txt" 2>/dev/null && break; sleep 0.2; done

bench() {  # bench NAME PATH
    local name=$1 path=$2 runs=()
    wrk -t4 -c16 -d3s "$BASE$path" > /dev/null
    for run in 1 2 3; do
        local out rps p99
        out=$(wrk -t4 -c16 -d10s --latency "$BASE$path")
        if grep -q "Non-2xx" <<< "$out"; then echo "$name: errors"; grep "Non-2xx" <<< "$out"; fi
        rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
        p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
        runs+=("$rps")
        echo "$name run$run load=$(cut -d' ' -f1 /proc/loadavg) req/s=$rps p99=$p99" | tee -a "$OUT/results.txt"
    done
    printf '%s median req/s: %s\n' "$name" "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)" | tee -a "$OUT/results.txt"
}
bench robots.txt /robots.txt
bench article-page "$ARTICLE_PATH"
bench api-list /api/v1/articles/
bench api-detail "/api/v1/articles/$ARTICLE_ID/"
