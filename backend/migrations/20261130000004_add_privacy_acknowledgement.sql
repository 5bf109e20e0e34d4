-- When the citizen confirmed having read the form version's privacy notice (Art. 13 DSGVO);
-- null for forms without one. The notice itself is part of the immutable form version.
alter table submissions add column privacy_acknowledged_at bigint;
