-- The restores still in progress of a dSource, read when the dSource is linked (a pre-sync hook may be restoring a
-- backup then): partial, so it holds only the few restores under way, and the lookup no longer reads the whole table.
create index restore_in_progress on restore (dsource_id) where status = 'IN_PROGRESS';
