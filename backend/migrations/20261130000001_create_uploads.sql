-- Files citizens upload for file fields. The bytes live on disk (<data dir>/uploads/<id>); the
-- row says what they are. An upload belongs to no submission until the submission that names it
-- is stored; abandoned uploads are deleted after a day (backend/src/uploads.rs).
create table uploads (
    id text primary key,
    form_id text not null references forms (id),
    -- The file field: `key`, or `group.key` inside a repeatable group.
    field text not null,
    name text not null,
    media_type text not null,
    size bigint not null,
    sha256 text not null,
    created_at bigint not null,
    submission_id text references submissions (id)
);

create index uploads_by_submission on uploads (submission_id);
create index uploads_by_created_at on uploads (created_at);
