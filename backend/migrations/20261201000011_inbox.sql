-- The staff inbox (issue 6): the current status, the person working on it, whether anyone
-- opened it yet, and the folded text of its answers for the search, kept on the submission so
-- the inbox filters, counts and pages in one query.
alter table submissions add column status text not null default 'received';
alter table submissions add column assigned_to text references staff_users (id);
alter table submissions add column opened_at bigint;
-- Filled when a submission is stored; older rows are filled at start-up (db/inbox.rs).
alter table submissions add column search_text text;

update submissions
   set status = coalesce(
       (select e.status from submission_events e
         where e.submission_id = submissions.id
         order by e.position desc, e.created_at desc
         limit 1),
       'received');

create index submissions_by_status on submissions (status, received_at);
