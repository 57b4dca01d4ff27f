#!/usr/bin/env bash
# Scale benchmark: the same pages on 1 000 and on 100 000 articles (+ reactions), on PostgreSQL.
#
#   bench/scale/run.sh            # build the data sets when missing, measure, print the table
#   REBUILD=1 bench/scale/run.sh  # drop and rebuild both databases first
#
# Env: PGHOST (127.0.0.1), PGUSER (postgres), SMALL_DB / BIG_DB (newsroom_scale_small /
# newsroom_scale_big), OUT (/tmp/newsroom-bench-scale), REPEAT (30), WARMUP (5).
# Exit status 1 when a target is missed (ratio > 1.5, admin changelist ≥ 300 ms,
# search ≥ 100 ms on the big set).
set -euo pipefail
cd "$(dirname "$0")/../.."

PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
SMALL_DB=${SMALL_DB:-newsroom_scale_small}
BIG_DB=${BIG_DB:-newsroom_scale_big}
OUT=${OUT:-/tmp/newsroom-bench-scale}
PY=.venv/bin/python
mkdir -p "$OUT"

url() { echo "postgres://$PGUSER@$PGHOST:5432/$1"; }

build() {  # build DB ARTICLES REACTIONS
    local db=$1 articles=$2 reactions=$3
    if [[ -n "${REBUILD:-}" ]]; then
        dropdb -h "$PGHOST" -U "$PGUSER" --if-exists "$db"
    fi
    if ! psql -h "$PGHOST" -U "$PGUSER" -lqt | cut -d'|' -f1 | grep -qw "$db"; then
        createdb -h "$PGHOST" -U "$PGUSER" "$db"
    fi
    DEBUG=1 DATABASE_URL=$(url "$db") $PY manage.py migrate -v0
    local have
    have=$(psql -h "$PGHOST" -U "$PGUSER" -d "$db" -tAc "select count(*) from articles_article")
    if (( have < articles )); then
        echo "== building $db: $articles articles, $reactions reactions"
        /usr/bin/time -f "built $db in %e s (max RSS %M kB)" \
            env DEBUG=1 DATABASE_URL=$(url "$db") $PY manage.py demo_content -v1 \
            --articles "$((articles - have))" --reactions "$reactions"
        psql -h "$PGHOST" -U "$PGUSER" -d "$db" -qc "vacuum analyze"
    fi
}

build "$SMALL_DB" 1000 10000
build "$BIG_DB" 100000 1000000
# A migration that rewrites every row (or a bulk load) leaves COUNT(*) without its
# index-only scans until the next vacuum: measure the steady state.
for db in "$SMALL_DB" "$BIG_DB"; do psql -h "$PGHOST" -U "$PGUSER" -d "$db" -qc "vacuum analyze"; done

# DEBUG off (no query log, production templates); static files from a bench folder.
export DEBUG=0 SECRET_KEY=bench-scale-not-secret ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0
export STATIC_ROOT=$OUT/static
$PY manage.py collectstatic --noinput -v0

.venv/bin/python bench/scale/measure.py compare --small "$(url "$SMALL_DB")" --big "$(url "$BIG_DB")" \
    --out "$OUT/results.json" --repeat "${REPEAT:-30}" --warmup "${WARMUP:-5}" ${BASELINE:+--baseline}
