-- Processing status (Verfahrensstand): citizens look it up with the reference number and an
-- access code; only a hash of the code is stored. Submissions from before this migration have
-- no code and cannot be looked up.
alter table submissions add column access_code_hash text;

-- Every status change, append-only; the latest row is the current status.
create table submission_events (
    id text primary key,
    submission_id text not null references submissions (id),
    status text not null,
    message text,
    created_at bigint not null
);

create index submission_events_by_submission on submission_events (submission_id, created_at);
