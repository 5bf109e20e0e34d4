-- Privacy (issue 6, DSGVO): how long a form's submissions are kept once finished, when a
-- submission was finished (completed or rejected), and when its personal data was erased (by
-- the retention job or at a person's request, Art. 17). An erased submission keeps its
-- reference number, form, times and status history (for the key figures), nothing personal.
alter table forms add column retention_days bigint;
alter table submissions add column finished_at bigint;
alter table submissions add column erased_at bigint;

update submissions
   set finished_at = (select max(e.created_at) from submission_events e
                       where e.submission_id = submissions.id)
 where status in ('completed', 'rejected');
