-- Appointments (issue 7). A location keeps its configuration as JSON (shared::api::booking::
-- LocationConfig); the key columns are what queries need. Special days (holidays, closures,
-- special hours) are rows of their own, because staff closures add them while admins edit the
-- location.
create table locations (
    slug text primary key,
    department_key text not null,
    position bigint not null,
    content text not null,
    updated_at bigint not null
);

create table location_days (
    location_slug text not null references locations (slug) on delete cascade,
    day text not null,
    -- JSON array of {from, to}; empty: closed.
    hours text not null,
    note text not null,
    primary key (location_slug, day)
);

-- A booking from its hold to its end. Personal data (name, email, phone and the hashes that
-- find a person) is set to null by the anonymisation job; the rest stays for statistics.
create table bookings (
    id text primary key,
    code text not null unique,
    location_slug text not null references locations (slug),
    day text not null,
    start_minute bigint not null,
    minutes bigint not null,
    -- JSON array of {service, count}.
    concerns text not null,
    -- held, pending, confirmed, checked_in, no_show, cancelled, expired
    status text not null,
    by_staff bigint not null default 0,
    -- SHA-256 of the secret tokens: the raw tokens exist only in the citizen's hands and, until
    -- sent, in the outbox row of the e-mail that carries them.
    hold_hash text unique,
    activation_hash text unique,
    manage_hash text unique,
    name text,
    email text,
    phone text,
    -- SHA-256 of the lower-cased address and of the client address, for the limits.
    email_hash text,
    ip_hash text,
    language text not null default 'de',
    -- Until then a hold or an unconfirmed booking keeps its capacity.
    expires_at bigint,
    created_at bigint not null,
    confirmed_at bigint,
    cancelled_at bigint,
    cancel_reason text,
    checked_in_at bigint,
    reminded_at bigint,
    anonymised_at bigint
);

create index bookings_day on bookings (location_slug, day);
create index bookings_expiry on bookings (expires_at) where status in ('held', 'pending');
create index bookings_email on bookings (email_hash) where email_hash is not null;
create index bookings_ip on bookings (ip_hash) where ip_hash is not null;

-- Capacity, counted per location, day and 5-minute unit. A booking adds one to every unit it
-- covers with a conditional update (`... where online < $desks`), so two instances cannot both
-- take the last desk: the row lock (PostgreSQL) or the single writer (SQLite) orders them and
-- the second finds the condition false. `total` counts every booking, `online` only those made
-- online, which may use only the online desks.
create table slot_load (
    location_slug text not null,
    day text not null,
    unit bigint not null,
    online bigint not null default 0,
    total bigint not null default 0,
    primary key (location_slug, day, unit)
);

-- Secrets the instances share (the proof-of-work key), made on first start.
create table server_secrets (
    name text primary key,
    value text not null
);

-- E-mails about bookings, and the link they carry until sent.
alter table outbox add column booking_id text references bookings (id);
alter table outbox add column link_token text;
