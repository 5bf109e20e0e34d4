-- The durable outbox: an e-mail to send is a row written in the same transaction as what it
-- reports, so no mail is lost when the SMTP server is down or the process dies. A worker claims
-- due rows with a lease (several instances may run), sends them, and retries with backoff.
create table outbox (
    id text primary key,
    -- What to send, e.g. 'submission_received'; the worker renders the message when sending.
    kind text not null,
    submission_id text references submissions (id) on delete cascade,
    recipient text not null,
    created_at bigint not null,
    attempts bigint not null default 0,
    next_attempt_at bigint not null,
    -- A worker holds the row until then; after it, another may take over.
    locked_until bigint,
    sent_at bigint,
    -- Set when the message is given up (a permanent SMTP error, or too many attempts).
    failed_at bigint,
    last_error text
);

create index outbox_due on outbox (next_attempt_at) where sent_at is null and failed_at is null;

-- The fee as it was due at submission, so the receipt and the e-mail show what the citizen was
-- asked to pay even if the city's account changes later.
alter table submissions add column payment_amount_cents bigint;
alter table submissions add column payment_recipient text;
alter table submissions add column payment_iban text;
alter table submissions add column payment_purpose text;

-- The language the citizen used, for messages about the submission.
alter table submissions add column language text not null default 'de';
