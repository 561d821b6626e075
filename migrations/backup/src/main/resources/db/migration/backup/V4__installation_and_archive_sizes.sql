-- The identity of this installation (ADR 0091): a backup holds backup-service's schema, and a restore
-- merges the archive's catalogue into this one; each catalogue entry names the installation whose
-- store holds its archive, so retention only ever deletes this installation's own archives. Not part
-- of a backup: each installation keeps its own.
create table installation (
    id               smallint     primary key default 1 check (id = 1),
    installation_id  uuid         not null,
    created_at       timestamptz  not null default now()
);
insert into installation (installation_id) values (gen_random_uuid());

alter table backup add column installation_id uuid;
update backup set installation_id = (select installation_id from installation);

-- What an archive holds, from its manifest: bytes of table data (binary COPY), and what its schemas took
-- on disk when it was taken (what loading it beside the live schemas needs; ADR 0093)
alter table backup add column data_bytes bigint;
alter table backup add column database_bytes bigint;
