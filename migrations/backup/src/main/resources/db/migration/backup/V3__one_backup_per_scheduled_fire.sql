-- A scheduled fire makes at most one backup, whichever replica runs it: Quartz may run a fire
-- again when it takes over from a replica it believes failed (one that missed its check-ins).
create unique index backup_one_per_scheduled_fire on backup (scheduled_fire_time) where trigger = 'SCHEDULED';
