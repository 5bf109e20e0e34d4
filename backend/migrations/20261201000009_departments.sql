-- Departments (Fachbereiche, Ämter) own forms; case workers see the submissions of their
-- departments' forms only, admins see all. Department keys are those of the catalogue
-- (`departments`) but not foreign keys: a city replaces its catalogue as a whole.

-- The department that processes a form's submissions; null: only admins see them.
alter table forms add column department_key text;

create table staff_departments (
    user_id text not null references staff_users (id) on delete cascade,
    department_key text not null,
    primary key (user_id, department_key)
);
