-- The local copy of companies keeps the municipality and industry a consultation's event carries, for KPI breakdowns.
ALTER TABLE companies ADD COLUMN municipality_code TEXT NULL;
ALTER TABLE companies ADD COLUMN industry TEXT NULL;
