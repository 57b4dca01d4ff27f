#!/usr/bin/env bash
# Throughput: gunicorn (2 sync workers), PostgreSQL (the big scale data set), Redis,
# DEBUG off; wrk with 16 connections (one per wrk thread); each page warmed up, then 3 rounds in
# which every page runs once in turn; medians.
#
#   bench/throughput/run.sh
#
# Pages: robots.txt (the ceiling), the article from the page cache, its revalidation (304),
# the article built for every request (a query parameter keeps it out of the page cache),
# archive articles read before, a different one for each request (the long tail),
# home, a section. Then builds started by 64 readers on a page just invalidated
# (stampede.py), and each worker's peak RSS.
#
# Env: DATABASE_URL (postgres://postgres@127.0.0.1:5432/newsroom_scale_big, built by
# bench/scale/run.sh), REDIS_URL (redis://127.0.0.1:6379/9, FLUSHED at start), PORT (8061),
# DURATION (10 s per run), WARMUP (5 s), CONNECTIONS (16), OUT (/tmp/newsroom-bench-throughput),
# ARCHIVE_ARTICLES (1 500).
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom_scale_big}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/9}
export DEBUG=0 SECRET_KEY=bench-throughput-not-secret ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
export READS_NETWORK_CAP=0  # every simulated reader comes from loopback
PORT=${PORT:-8061}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-16}
OUT=${OUT:-/tmp/newsroom-bench-throughput}
export STATIC_ROOT=$OUT/static
PY=.venv/bin/python
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
: > "$OUT/results.txt"

$PY manage.py collectstatic --noinput -v0
.venv/bin/python - <<'PY'
import os, redis
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
PY

# The pages: the demo article used by bench/scale, and its section.
read -r ARTICLE_ID ARTICLE_PATH SECTION_PATH < <($PY bench/throughput/helper.py pages)

.venv/bin/gunicorn newsroom.wsgi:application --workers 2 --worker-class sync \
    --bind 127.0.0.1:$PORT --pid "$OUT/gunicorn.pid" \
    --log-level warning > "$OUT/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "$BASE/robots.txt" 2>/dev/null && break; sleep 0.2; done

READS_BEFORE=$($PY bench/throughput/helper.py reads "$ARTICLE_ID")
echo "connections=$CONNECTIONS" >> "$OUT/results.txt"
warmup() {  # warmup NAME PATH
    local name=$1 path=$2
    if [[ -n "${PROFILE:-}" ]]; then  # py-spy on one worker during the warm-up of this page
        ( sleep 1; .venv/bin/py-spy record --nonblocking --format raw --duration "$((WARMUP - 2))" \
            --pid "$(pgrep -P "$(cat "$OUT/gunicorn.pid")" | head -1)" --output "$OUT/profile-$name.txt" \
            > /dev/null 2>&1 || echo "py-spy failed for $name" ) &
    fi
    wrk_readers "$path" "$WARMUP" "w$RANDOM$RANDOM" | sed "s/^/$name warmup /" | tee -a "$OUT/results.txt"
}
measure() {  # measure RUN NAME PATH
    local run=$1 name=$2 path=$3
    echo "$name run$run load=$(cut -d' ' -f1 /proc/loadavg) $(wrk_readers "$path" "$DURATION" "r$run$RANDOM$RANDOM")" \
        | tee -a "$OUT/results.txt"
}
# bench/reads/readers.lua: a new reader per request; each wrk thread holds one connection
# and times itself, ending on /robots.txt, so no read is in flight when wrk stops and
# the counter can be compared with the 200s exactly. -d is only an upper bound.
wrk_readers() {  # wrk_readers PATH SECONDS NONCE [ETAG]
    if [[ "$1" == "@304" ]]; then  # the cached article, revalidated with its current ETag
        local etag
        # curl's own User-Agent: a robot, never counted (the reads must match wrk's pages).
        curl -fsS -o /dev/null "$BASE$ARTICLE_PATH"
        etag=$(curl -fsS -o /dev/null -D - "$BASE$ARTICLE_PATH" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
        wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$(($2 + 3))s" -s bench/reads/readers.lua "$BASE$ARTICLE_PATH" \
            -- "$2" "$3" "$etag" | grep RESULT
        return
    fi
    if [[ "$1" == "@archive" ]]; then  # a different archive article each time
        wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$(($2 + 3))s" -s bench/throughput/archive.lua "$BASE/" \
            -- "$2" "$3" "$OUT/archive-paths.txt" | grep RESULT
        return
    fi
    wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$(($2 + 3))s" -s bench/reads/readers.lua "$BASE$1" -- "$2" "$3" \
        | grep RESULT
}
# The archive's long tail: 1 500 articles read once before (their parts kept).
$PY bench/throughput/helper.py archive "$BASE" "${ARCHIVE_ARTICLES:-1500}" "$OUT/archive-paths.txt"
# The pages, then 3 rounds in which each page runs once in turn: a page and the ceiling it
# is compared with see the same machine (on a shared 2-core VM, robots.txt alone varied by
# 20 % from one minute to the next).
PAGES=(robots.txt /robots.txt article "$ARTICLE_PATH" article_304 @304
    article_uncached "$ARTICLE_PATH?bench=uncached" article_archive @archive home / section "$SECTION_PATH")
# (article_uncached: an unknown parameter keeps the page out of the page cache, so it is
# built for every reader; article_archive: the same, a different archive article each time.)
for ((i = 0; i < ${#PAGES[@]}; i += 2)); do warmup "${PAGES[i]}" "${PAGES[i + 1]}"; done
for run in 1 2 3; do
    for ((i = 0; i < ${#PAGES[@]}; i += 2)); do measure "$run" "${PAGES[i]}" "${PAGES[i + 1]}"; done
done
sleep 2  # the workers send their queued reads every READS_QUEUE_SECONDS (0.5 s)
# Before the stampede below, whose readers read the article too.
READS_AFTER=$($PY bench/throughput/helper.py reads "$ARTICLE_ID")
$PY bench/throughput/stampede.py "$BASE" --readers 64 | tee -a "$OUT/results.txt"

# Peak resident memory of each worker (VmHWM: high-water mark since it started).
for pid in $(pgrep -P "$(cat "$OUT/gunicorn.pid")"); do
    echo "worker $pid $(grep VmHWM /proc/$pid/status)" | tee -a "$OUT/results.txt"
done
echo "article reads before=$READS_BEFORE after=$READS_AFTER" | tee -a "$OUT/results.txt"
$PY bench/throughput/helper.py report "$OUT/results.txt"
