-- The optional second factor of staff accounts (issue 6): a TOTP secret (RFC 6238, base32),
-- one being set up until its first code is confirmed, and the last time step a code was used
-- for (a code is accepted once).
alter table staff_users add column totp_secret text;
alter table staff_users add column totp_pending text;
alter table staff_users add column totp_last_step bigint;
