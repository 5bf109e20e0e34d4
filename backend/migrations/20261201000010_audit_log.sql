-- The audit log: who did what to which record, when and from where (issue 6). Rows are only
-- ever inserted (backend/src/db/audit.rs has no update or delete); the retention of personal
-- data does not remove them, and they never hold answers. Actor name and e-mail are copied, so
-- the entry stays readable when an account changes or is removed.
create table audit_log (
    id text primary key,
    at bigint not null,
    actor_id text,
    actor text not null,
    action text not null,
    subject text not null,
    details text not null,
    ip text
);

create index audit_log_by_time on audit_log (at);
