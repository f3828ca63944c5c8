-- The local copy of companies also keeps what an imported consultation log names a company by: its corporate number,
-- and its name kana-folded (KanaFolding), as the Companies service compares names.
ALTER TABLE companies ADD COLUMN corporate_number TEXT NULL;
ALTER TABLE companies ADD COLUMN name_key TEXT NULL;
CREATE INDEX ix_companies_program_name_key ON companies (program, name_key);
