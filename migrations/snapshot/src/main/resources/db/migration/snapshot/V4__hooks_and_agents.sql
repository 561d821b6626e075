-- What the view knows of a dSource's hooks (the phases only; the commands stay sealed in
-- staging-service), its ingestion type, and the files its staging database holds outside the mount's
-- DB directory.
alter table dsource add column hook_phases text not null default '';
alter table dsource add column ingestion_type text not null default 'STAGING_PUSH'
    check (ingestion_type in ('STAGING_PUSH', 'LINKED'));
alter table dsource add column files_outside_mount_dir text not null default '[]';
alter table dsource add column default_policy_id uuid;

-- A RUNNING SnapSync may wait at a stage: for the staging host's agent to run a hook (under a lease
-- the agent renews), or for this view to learn the restore the hook reported.
alter table snapsync_job add column stage text
    check (stage in ('PRE_SYNC_HOOK', 'AWAIT_RESTORE', 'POST_SYNC_HOOK'));
alter table snapsync_job add column stage_since timestamptz;
alter table snapsync_job add column hook_lease_id uuid;
alter table snapsync_job add column hook_agent text;
alter table snapsync_job add column hook_lease_expires_at timestamptz;
alter table snapsync_job add column hook_done_lease_id uuid;
alter table snapsync_job add column await_restore_id text;
create index snapsync_job_waiting on snapsync_job (stage, stage_since) where stage is not null;
