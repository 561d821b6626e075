# Restores one SQL Server backup into a staging-push dSource's staging database with sqlcmd (REPLACE,
# NORECOVERY and MOVE as the staging-push documentation describes them) and reports it to Timeflow's
# staging-service: the start (with the backup set's LSNs and recovery fork GUID from RESTORE HEADERONLY,
# so a broken chain is refused before anything is restored), then the completion (with the backup set
# as msdb recorded it in restorehistory and backupset, and the files written) or the failure, then the
# database state from sys.databases.
#
# Use it as a dSource's PRE_SYNC hook (shell POWERSHELL) or run it by hand:
#   .\restore-and-report.ps1 -BackupFile \\10-43-89-18\Backup\sp.bak -Replace
#
# Environment:
#   TIMEFLOW_URL          base URL of staging-service, e.g. https://timeflow.example.com
#   TIMEFLOW_AGENT_TOKEN  a bearer token with the role "agent" (it may only report restores and state)
#   DSOURCE_ID            the dSource's id
#   STAGING_DB            the staging database's name
#   STAGING_MOUNT_BASE    the dSource's mount base (its DB directory), shown on the dSource
#   SQLCMDSERVER          the instance, e.g. localhost\MSSQLSERVER
#   The restore runs with Windows authentication (-E) as the account running the hook. To use a SQL login,
#   set SQLCMDUSER and SQLCMDPASSWORD, which sqlcmd reads itself: never put a password in the command.
param(
    [Parameter(Mandatory = $true)][string] $BackupFile,
    [switch] $Replace,
    [switch] $Recovery
)
# Uncomment the following line to turn on debugging
# Set-PSDebug -Trace 2

foreach ($name in 'TIMEFLOW_URL', 'TIMEFLOW_AGENT_TOKEN', 'DSOURCE_ID', 'STAGING_DB', 'STAGING_MOUNT_BASE', 'SQLCMDSERVER') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { Write-Error "Error: $name is not set"; exit 2 }
}
$DataDbFilePath = "$env:STAGING_MOUNT_BASE"
$Api = "$($env:TIMEFLOW_URL.TrimEnd('/'))/api/v1/dsources/$($env:DSOURCE_ID)"
$Headers = @{ Authorization = "Bearer $($env:TIMEFLOW_AGENT_TOKEN)" }

function die {
    Write-Error "Error: $($args[0])"
    exit 1
}

function Quote-Sql([string] $value) { "N'" + $value.Replace("'", "''") + "'" }

# Runs a query with sqlcmd and returns its rows as objects named after the result's columns.
function Invoke-Query([string] $query) {
    $auth = if ($env:SQLCMDUSER) { @() } else { @('-E') }
    # sqlcmd writes SQL Server's messages (Msg 3201, ...) to its standard output
    $lines = @(& sqlcmd -b @auth -s '|' -W -Q "SET NOCOUNT ON; $query")
    if ($LASTEXITCODE -ne 0) {
        $msg = $lines | Select-String -Pattern '^Msg \d+' | Select-Object -First 1
        throw $(if ($msg) { $msg.Line } else { 'sqlcmd failed' })
    }
    if ($lines.Count -lt 2) { return @() }
    $names = ([string] $lines[0]).Split('|')
    $rows = @()
    foreach ($line in ($lines | Select-Object -Skip 2)) {
        $values = ([string] $line).Split('|')
        if ($values.Count -ne $names.Count) { continue }
        $row = [ordered] @{}
        for ($i = 0; $i -lt $names.Count; $i++) { $row[$names[$i]] = $values[$i] }
        $rows += [pscustomobject] $row
    }
    return $rows
}

function Send-Report([string] $method, [string] $url, $body) {
    $json = $body | ConvertTo-Json -Depth 6 -Compress
    try {
        Invoke-RestMethod -Method $method -Uri $url -Headers $Headers -ContentType 'application/json' -Body $json | Out-Null
        return $true
    } catch {
        Write-Warning "Timeflow refused the report: $($_.ErrorDetails.Message)"
        return $false
    }
}

# ---- 1. what the backup holds
try { $header = (Invoke-Query "RESTORE HEADERONLY FROM DISK = $(Quote-Sql $BackupFile)")[0] } catch { die "cannot read the backup header: $_" }
switch ($header.BackupType) {
    '1' { $type = 'FULL'; $verb = 'DATABASE' }
    '5' { $type = 'DIFFERENTIAL'; $verb = 'DATABASE' }
    '2' { $type = 'LOG'; $verb = 'LOG' }
    default { die "only full, differential and log backups are supported" }
}

# every file goes directly into the mount's DB directory (a sub-directory is not supported)
$moves = @()
$moveSql = ''
if ($type -ne 'LOG') {
    foreach ($file in (Invoke-Query "RESTORE FILELISTONLY FROM DISK = $(Quote-Sql $BackupFile)")) {
        $target = Join-Path $DataDbFilePath ([IO.Path]::GetFileName($file.PhysicalName))
        $moves += @{ logicalName = $file.LogicalName; physicalName = $target }
        $moveSql += ", MOVE $(Quote-Sql $file.LogicalName) TO $(Quote-Sql $target)"
    }
}

# ---- 2. report the start: Timeflow checks the chain before anything is restored
$restoreId = [guid]::NewGuid().ToString()
$backupSet = [ordered] @{
    type = $type; backupFileLocation = $BackupFile
    recoveryForkGuid = $header.RecoveryForkID.ToLowerInvariant(); sourceReadOnly = ($header.IsReadOnly -eq '1')
}
foreach ($pair in @(@('firstLsn', 'FirstLSN'), @('lastLsn', 'LastLSN'), @('checkpointLsn', 'CheckpointLSN'), @('databaseBackupLsn', 'DatabaseBackupLSN'))) {
    $value = $header.($pair[1])
    if ($value -and $value -ne 'NULL') { $backupSet[$pair[0]] = [string] $value }   # LSNs travel as strings
}
$norecovery = -not $Recovery
$start = @{ restoreId = $restoreId; backupSet = $backupSet; replace = [bool] $Replace; norecovery = $norecovery; move = $moves }
if (-not (Send-Report 'Post' "$Api/restores" $start)) { die "Timeflow refused the restore; nothing was restored" }

# ---- 3. restore
$options = if ($norecovery) { 'NORECOVERY' } else { 'RECOVERY' }
if ($Replace) { $options += ', REPLACE' }
$database = '[' + $env:STAGING_DB.Replace(']', ']]') + ']'
try {
    Invoke-Query "RESTORE $verb $database FROM DISK = $(Quote-Sql $BackupFile) WITH $options$moveSql" | Out-Null
} catch {
    $reason = if ("$_") { "$_" } else { 'RESTORE failed' }
    Send-Report 'Post' "$Api/restores/$restoreId/fail" @{ reason = $reason.Substring(0, [Math]::Min(1900, $reason.Length)) } | Out-Null
    die "the restore failed: $reason"
}

# ---- 4. report the completion with what msdb recorded and the files written
$db = Quote-Sql $env:STAGING_DB
$recorded = (Invoke-Query @"
SELECT TOP 1 b.type, b.first_lsn, b.last_lsn, b.checkpoint_lsn, b.last_recovery_fork_guid, b.is_readonly,
  CONVERT(varchar(30), DATEADD(minute, CASE WHEN b.time_zone = 127 THEN 0 ELSE -15 * b.time_zone END, b.backup_start_date), 126) + 'Z' AS started_utc,
  CONVERT(varchar(30), DATEADD(minute, CASE WHEN b.time_zone = 127 THEN 0 ELSE -15 * b.time_zone END, b.backup_finish_date), 126) + 'Z' AS finished_utc
FROM msdb.dbo.restorehistory r JOIN msdb.dbo.backupset b ON b.backup_set_id = r.backup_set_id
WHERE r.destination_database_name = $db ORDER BY r.restore_history_id DESC
"@)[0]
$recordedType = switch ($recorded.type) { 'D' { 'FULL' } 'I' { 'DIFFERENTIAL' } 'L' { 'LOG' } default { $type } }
$recordedSet = [ordered] @{
    type = $recordedType; firstLsn = [string] $recorded.first_lsn; lastLsn = [string] $recorded.last_lsn
    checkpointLsn = [string] $recorded.checkpoint_lsn; recoveryForkGuid = $recorded.last_recovery_fork_guid.ToLowerInvariant()
    sourceReadOnly = ($recorded.is_readonly -eq '1'); backupStartedAt = $recorded.started_utc; backupFinishedAt = $recorded.finished_utc
}
$files = @(Invoke-Query "SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID($db)" | ForEach-Object { $_.physical_name })
if (-not (Send-Report 'Post' "$Api/restores/$restoreId/complete" @{ files = $files; backupSet = $recordedSet })) {
    die "Timeflow refused the completion report"
}

# ---- 5. report the staging database as SQL Server sees it
$row = (Invoke-Query @"
SELECT CASE WHEN is_in_standby = 1 THEN 'STANDBY' WHEN state_desc = 'ONLINE' AND is_read_only = 1 THEN 'READ_ONLY'
  ELSE state_desc END AS state FROM sys.databases WHERE name = $db
"@) | Select-Object -First 1
$state = if ($row) { $row.state } else { 'MISSING' }
if ($state -notin 'ONLINE', 'RESTORING', 'READ_ONLY', 'STANDBY', 'EMERGENCY', 'OFFLINE', 'MISSING') { $state = 'OFFLINE' }
$mounted = Test-Path (Split-Path $DataDbFilePath -Parent)
if (-not (Send-Report 'Put' "$Api/staging-database" @{ state = $state; dataMounted = $mounted; files = $files })) {
    die "Timeflow refused the state report"
}

Write-Output "restored $type backup $BackupFile into $($env:STAGING_DB) (restore $restoreId); the database is $state"
# Uncomment the following line to turn off debugging
# Set-PSDebug -Trace 0
exit 0
