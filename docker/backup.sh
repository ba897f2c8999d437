#!/usr/bin/env bash
# Nightly logical backup: docker/backup.sh [DATABASE_URL] → backups/zhice-YYYYmmdd-HHMM.dump (keeps 14).
set -euo pipefail
url=${1:-${DATABASE_URL:?DATABASE_URL or an argument is required}}
mkdir -p backups
pg_dump --format=custom --no-owner "$url" > "backups/zhice-$(date +%Y%m%d-%H%M).dump"
ls -1t backups/zhice-*.dump | tail -n +15 | xargs -r rm --
