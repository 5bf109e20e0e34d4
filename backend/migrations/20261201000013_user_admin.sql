-- User administration (issue 6): admins disable accounts (a disabled account cannot sign in and
-- its sessions end) instead of deleting them, so the audit log and notes keep their authors.
alter table staff_users add column disabled_at bigint;
