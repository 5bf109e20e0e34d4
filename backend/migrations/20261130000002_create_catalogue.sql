-- The service catalogue. Each row keeps its item as JSON in the exchange format
-- (shared::catalogue); the key columns are what queries need. A city replaces its whole
-- catalogue at once (backend/src/db/catalogue.rs), so positions keep the file's order.
create table topics (
    slug text primary key,
    position bigint not null,
    content text not null
);

create table departments (
    department_key text primary key,
    content text not null
);

create table services (
    slug text primary key,
    position bigint not null,
    department_key text not null references departments (department_key),
    content text not null
);
