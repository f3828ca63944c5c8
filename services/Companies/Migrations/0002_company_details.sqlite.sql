-- The rest of a company's record: address, 日本標準産業分類 division, size, main contact, and membership (会員).
ALTER TABLE companies ADD COLUMN postal_code TEXT NULL;
ALTER TABLE companies ADD COLUMN address TEXT NULL;
ALTER TABLE companies ADD COLUMN industry TEXT NULL;
ALTER TABLE companies ADD COLUMN employees INTEGER NULL;
ALTER TABLE companies ADD COLUMN capital_yen INTEGER NULL;
ALTER TABLE companies ADD COLUMN contact_name TEXT NULL;
ALTER TABLE companies ADD COLUMN contact_title TEXT NULL;
ALTER TABLE companies ADD COLUMN contact_phone TEXT NULL;
ALTER TABLE companies ADD COLUMN contact_email TEXT NULL;
ALTER TABLE companies ADD COLUMN member_tier TEXT NULL;
ALTER TABLE companies ADD COLUMN annual_fee_yen INTEGER NULL;
ALTER TABLE companies ADD COLUMN member_since TEXT NULL;
ALTER TABLE companies ADD COLUMN updated_at TEXT NULL;
CREATE INDEX ix_companies_program_industry ON companies (program, industry);
