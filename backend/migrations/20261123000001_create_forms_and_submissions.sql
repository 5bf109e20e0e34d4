-- Portable DDL: runs unchanged on SQLite and PostgreSQL (ARCHITECTURE.md, "SQL on two engines").
-- Ids are app-generated UUIDs as text; times are unix milliseconds (UTC) as bigint.

create table forms (
    id text primary key,
    slug text not null unique,
    created_at bigint not null
);

-- A published version is immutable: rows are only ever inserted.
create table form_versions (
    form_id text not null references forms (id),
    version bigint not null,
    definition text not null,
    published_at bigint not null,
    primary key (form_id, version)
);

-- One row per year; incremented in the submitting transaction so reference numbers are
-- sequential and gap-free per year on both engines.
create table reference_counters (
    counter_year bigint primary key,
    last_number bigint not null
);

create table submissions (
    id text primary key,
    form_id text not null,
    form_version bigint not null,
    reference text not null unique,
    answers text not null,
    received_at bigint not null,
    foreign key (form_id, form_version) references form_versions (form_id, version)
);

create index submissions_by_form on submissions (form_id, received_at);

create table staff_users (
    id text primary key,
    email text not null unique,
    name text not null,
    password_hash text not null,
    created_at bigint not null
);

-- Only a hash of the session token is stored, so a database leak does not leak sessions.
create table staff_sessions (
    token_hash text primary key,
    user_id text not null references staff_users (id) on delete cascade,
    created_at bigint not null,
    expires_at bigint not null
);

create index staff_sessions_by_user on staff_sessions (user_id);
