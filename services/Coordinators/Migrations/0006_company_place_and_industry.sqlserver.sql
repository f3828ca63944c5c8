-- The local copy of companies keeps the municipality and industry a consultation's event carries, for KPI breakdowns.
ALTER TABLE companies ADD municipality_code CHAR(6) NULL, industry CHAR(1) NULL;
