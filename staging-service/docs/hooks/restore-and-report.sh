#!/usr/bin/env bash
# Restores one SQL Server backup into a staging-push dSource's staging database and reports it to
# Timeflow's staging-service: the start (with the backup set's LSNs and recovery fork GUID, read with
# RESTORE HEADERONLY, so a broken chain is refused before anything is restored), then the completion
# (with the backup set as msdb recorded it and the files written) or the failure, then the database
# state from sys.databases.
#
# Usage: restore-and-report.sh BACKUP_FILE [--replace] [--recovery]
#   BACKUP_FILE  path of the backup as the SQL Server instance sees it (e.g. /var/opt/mssql/backup/sp.bak)
#   --replace    RESTORE ... WITH REPLACE (the first restore of a dSource must be a FULL backup with REPLACE)
#   --recovery   restore WITH RECOVERY (ONLINE-mode dSources only; RESTORING mode keeps NORECOVERY)
#
# Environment:
#   TIMEFLOW_URL          base URL of staging-service, e.g. https://timeflow.example.com
#   TIMEFLOW_AGENT_TOKEN  a bearer token with the role "agent" (it may only report restores and state)
#   DSOURCE_ID            the dSource's id
#   STAGING_DB            the staging database's name
#   STAGING_MOUNT_BASE    the dSource's mount base (its DB directory), shown on the dSource
#   SQLCMD_SERVER         the instance, e.g. localhost,1433
#   SQLCMD_USER           a SQL login allowed to restore; its password goes in SQLCMDPASSWORD, which
#                         sqlcmd reads itself, so it never appears on a command line or in this script
#
# Needs: bash, sqlcmd (mssql-tools18), curl, awk. No credential is ever sent to Timeflow.
set -euo pipefail

backup_file="${1:?usage: restore-and-report.sh BACKUP_FILE [--replace] [--recovery]}"
shift
replace=false
norecovery=true
for arg in "$@"; do
  case "$arg" in
    --replace) replace=true ;;
    --recovery) norecovery=false ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
: "${TIMEFLOW_URL:?}" "${TIMEFLOW_AGENT_TOKEN:?}" "${DSOURCE_ID:?}" "${STAGING_DB:?}" "${STAGING_MOUNT_BASE:?}"
: "${SQLCMD_SERVER:?}" "${SQLCMD_USER:?}"

api="${TIMEFLOW_URL%/}/api/v1/dsources/${DSOURCE_ID}"

die() {
  echo "Error: $*" >&2
  exit 1
}

# sqlcmd with headers, "|" between columns, no padding; -b fails on SQL errors
sql() {
  sqlcmd -b -C -S "$SQLCMD_SERVER" -U "$SQLCMD_USER" -s '|' -W -Q "SET NOCOUNT ON; $1"
}

# sqlcmd without headers: one value per line
sql_values() {
  sqlcmd -b -C -S "$SQLCMD_SERVER" -U "$SQLCMD_USER" -h -1 -s '|' -W -Q "SET NOCOUNT ON; $1"
}

# column NAME of the first row of a result printed by sql() (header line, dashes, values)
column() {
  awk -F'|' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
                          NR == 3 && c { print $c; exit }' <<<"$1"
}

# columns A and B of every row of a result printed by sql(), as "a|b" lines
columns() {
  awk -F'|' -v a="$2" -v b="$3" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == a) ca = i; if ($i == b) cb = i } }
                                 NR >= 3 && ca && cb && NF > 1 { print $ca "|" $cb }' <<<"$1"
}

json_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# POST/PUT a JSON body; prints the answer; fails unless the status is the expected one
call() {
  local method=$1 url=$2 body=$3 expected=$4 out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$url" \
    -H "Authorization: Bearer ${TIMEFLOW_AGENT_TOKEN}" -H 'Content-Type: application/json' --data-binary "$body")
  if [[ "$status" != "$expected" ]]; then
    echo "Timeflow answered $status:" >&2
    cat "$out" >&2
    echo >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

sql_literal() {
  printf "N'%s'" "${1//\'/\'\'}"
}

# ---- 1. what the backup holds
header=$(sql "RESTORE HEADERONLY FROM DISK = $(sql_literal "$backup_file")") || die "cannot read the backup header"
case "$(column "$header" BackupType)" in
  1) type=FULL; verb=DATABASE ;;
  5) type=DIFFERENTIAL; verb=DATABASE ;;
  2) type=LOG; verb=LOG ;;
  *) die "only full, differential and log backups are supported" ;;
esac
first_lsn=$(column "$header" FirstLSN)
last_lsn=$(column "$header" LastLSN)
checkpoint_lsn=$(column "$header" CheckpointLSN)
database_backup_lsn=$(column "$header" DatabaseBackupLSN)
fork_guid=$(column "$header" RecoveryForkID)
read_only=false
[[ "$(column "$header" IsReadOnly)" == "1" ]] && read_only=true

# every file goes directly into the mount's DB directory (a sub-directory is not supported)
sep=/
[[ "$STAGING_MOUNT_BASE" == *\\* ]] && sep='\'
moves_sql=""
moves_json=""
if [[ "$type" != LOG ]]; then
  files=$(sql "RESTORE FILELISTONLY FROM DISK = $(sql_literal "$backup_file")") || die "cannot read the backup's file list"
  while IFS='|' read -r logical physical; do
    [[ -z "$logical" ]] && continue
    target="${STAGING_MOUNT_BASE}${sep}${physical##*[/\\]}"
    moves_sql+=", MOVE $(sql_literal "$logical") TO $(sql_literal "$target")"
    moves_json+="${moves_json:+, }{\"logicalName\": $(json_string "$logical"), \"physicalName\": $(json_string "$target")}"
  done < <(columns "$files" LogicalName PhysicalName)
fi

# ---- 2. report the start: Timeflow checks the chain before anything is restored
restore_id=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)
lsns=""
for pair in firstLsn:$first_lsn lastLsn:$last_lsn checkpointLsn:$checkpoint_lsn databaseBackupLsn:$database_backup_lsn; do
  value=${pair#*:}
  [[ -n "$value" && "$value" != NULL ]] && lsns+=", \"${pair%%:*}\": \"$value\""
done
start_body="{\"restoreId\": \"$restore_id\", \"backupSet\": {\"type\": \"$type\",
  \"backupFileLocation\": $(json_string "$backup_file")$lsns, \"recoveryForkGuid\": \"${fork_guid,,}\",
  \"sourceReadOnly\": $read_only}, \"replace\": $replace, \"norecovery\": $norecovery, \"move\": [$moves_json]}"
call POST "$api/restores" "$start_body" 201 >/dev/null || die "Timeflow refused the restore; nothing was restored"

# ---- 3. restore
options=$([[ "$norecovery" == true ]] && echo NORECOVERY || echo RECOVERY)
[[ "$replace" == true ]] && options+=", REPLACE"
if ! output=$(sql "RESTORE $verb [${STAGING_DB//]/]]}] FROM DISK = $(sql_literal "$backup_file") WITH $options$moves_sql" 2>&1); then
  reason=$(grep -m1 -E '^Msg [0-9]+' <<<"$output" || echo "RESTORE failed")
  call POST "$api/restores/$restore_id/fail" "{\"reason\": $(json_string "${reason:0:1900}")}" 200 >/dev/null || true
  die "the restore failed: $reason"
fi

# ---- 4. report the completion with what msdb recorded and the files written
db=$(sql_literal "$STAGING_DB")
recorded=$(sql "SELECT TOP 1 b.type, b.first_lsn, b.last_lsn, b.checkpoint_lsn, b.database_backup_lsn,
    b.last_recovery_fork_guid, b.is_readonly,
    CONVERT(varchar(30), DATEADD(minute, CASE WHEN b.time_zone = 127 THEN 0 ELSE -15 * b.time_zone END,
      b.backup_start_date), 126) + 'Z' AS started_utc,
    CONVERT(varchar(30), DATEADD(minute, CASE WHEN b.time_zone = 127 THEN 0 ELSE -15 * b.time_zone END,
      b.backup_finish_date), 126) + 'Z' AS finished_utc
  FROM msdb.dbo.restorehistory r JOIN msdb.dbo.backupset b ON b.backup_set_id = r.backup_set_id
  WHERE r.destination_database_name = $db ORDER BY r.restore_history_id DESC")
case "$(column "$recorded" type)" in D) rtype=FULL ;; I) rtype=DIFFERENTIAL ;; L) rtype=LOG ;; *) rtype=$type ;; esac
rread_only=false
[[ "$(column "$recorded" is_readonly)" == "1" ]] && rread_only=true
recorded_set="{\"type\": \"$rtype\", \"firstLsn\": \"$(column "$recorded" first_lsn)\",
  \"lastLsn\": \"$(column "$recorded" last_lsn)\", \"checkpointLsn\": \"$(column "$recorded" checkpoint_lsn)\",
  \"recoveryForkGuid\": \"$(column "$recorded" last_recovery_fork_guid | tr 'A-F' 'a-f')\", \"sourceReadOnly\": $rread_only,
  \"backupStartedAt\": \"$(column "$recorded" started_utc)\", \"backupFinishedAt\": \"$(column "$recorded" finished_utc)\"}"
files_json=""
while IFS= read -r file; do
  [[ -n "$file" ]] && files_json+="${files_json:+, }$(json_string "$file")"
done < <(sql_values "SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID($db)")
call POST "$api/restores/$restore_id/complete" "{\"files\": [$files_json], \"backupSet\": $recorded_set}" 200 >/dev/null \
  || die "Timeflow refused the completion report"

# ---- 5. report the staging database as SQL Server sees it
state=$(sql_values "SELECT CASE WHEN is_in_standby = 1 THEN 'STANDBY'
    WHEN state_desc = 'ONLINE' AND is_read_only = 1 THEN 'READ_ONLY' ELSE state_desc END
  FROM sys.databases WHERE name = $db" | head -n1)
[[ -z "$state" ]] && state=MISSING
case "$state" in ONLINE|RESTORING|READ_ONLY|STANDBY|EMERGENCY|OFFLINE|MISSING) ;; *) state=OFFLINE ;; esac
mounted=false
data_dir="${STAGING_MOUNT_BASE%[/\\]*}"
[[ -d "$data_dir" ]] && mounted=true
call PUT "$api/staging-database" "{\"state\": \"$state\", \"dataMounted\": $mounted, \"files\": [$files_json]}" 200 \
  >/dev/null || die "Timeflow refused the state report"

echo "restored $type backup $backup_file into $STAGING_DB (restore $restore_id); the database is $state"
