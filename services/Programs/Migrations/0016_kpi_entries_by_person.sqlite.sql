-- Who entered a KPI value is a person: the account (entered_by_id) and the display name as it was then (entered_by,
-- which held the login before). Existing entries are linked to the account of that login where there is one; an entry
-- whose login no longer exists keeps the login as its name.
ALTER TABLE kpi_entries ADD COLUMN entered_by_id TEXT NULL;

UPDATE kpi_entries
   SET entered_by_id = (SELECT u.id FROM users u WHERE u.user_name = kpi_entries.entered_by),
       entered_by = COALESCE((SELECT u.display_name FROM users u WHERE u.user_name = kpi_entries.entered_by), entered_by);
