-- The local copy of companies also keeps what an imported consultation log names a company by: its corporate number,
-- and its name kana-folded (KanaFolding), as the Companies service compares names.
ALTER TABLE companies ADD corporate_number CHAR(13) NULL, name_key NVARCHAR(200) NULL;
GO
CREATE INDEX ix_companies_program_name_key ON companies (program, name_key);
