-- A status change can be mailed to the citizen: the outbox row names the event it reports, so
-- each mail says what that change said, even when several follow each other quickly.
alter table outbox add column event_id text references submission_events (id) on delete cascade;

-- The order of a submission's status changes, independent of the clock: two changes within the
-- same millisecond keep the order they were made in.
alter table submission_events add column position bigint not null default 0;
