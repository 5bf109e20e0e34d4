-- Internal notes of case workers on a submission: never shown to the citizen; append-only.
create table submission_notes (
    id text primary key,
    submission_id text not null references submissions (id) on delete cascade,
    author_id text references staff_users (id),
    note text not null,
    created_at bigint not null,
    position bigint not null
);

create index submission_notes_by_submission on submission_notes (submission_id, position);
