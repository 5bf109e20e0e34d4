-- The form editor (issue 5): roles, a working draft per form with a revision for optimistic
-- concurrency, who published each version, and archiving.

-- 'staff' (case worker), 'editor' (designs forms), 'admin'.
alter table staff_users add column role text not null default 'staff';

-- Archived forms take no new submissions; their submissions stay.
alter table forms add column archived_at bigint;

-- Who published a version (null for demo content and versions from before the editor).
alter table form_versions add column published_by text references staff_users (id);

-- The draft editors work on. A save names the revision it was based on and increments it; a
-- save based on an older revision is refused, so two editors never silently overwrite each
-- other. A form without a row here has no changes since its latest version.
create table form_drafts (
    form_id text primary key references forms (id),
    definition text not null,
    revision bigint not null,
    updated_at bigint not null,
    updated_by text references staff_users (id)
);
