-- VDBs provisioned from a dSource's snapshots, as timeflow.snapshot.v1 announces them: a dSource with
-- dependants cannot be deleted.
create table vdb_dependant (
    vdb_id          uuid         primary key,
    dsource_id      uuid         not null,
    name            text         not null,
    snapshot_id     text         not null,
    provisioned_at  timestamptz  not null
);
create index vdb_dependant_dsource on vdb_dependant (dsource_id);
