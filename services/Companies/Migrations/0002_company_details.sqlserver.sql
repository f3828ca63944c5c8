-- The rest of a company's record: address, 日本標準産業分類 division, size, main contact, and membership (会員).
ALTER TABLE companies ADD
    postal_code    CHAR(8)        NULL,
    address        NVARCHAR(200)  NULL,
    industry       CHAR(1)        NULL,
    employees      INT            NULL,
    capital_yen    BIGINT         NULL,
    contact_name   NVARCHAR(100)  NULL,
    contact_title  NVARCHAR(100)  NULL,
    contact_phone  VARCHAR(20)    NULL,
    contact_email  NVARCHAR(254)  NULL,
    member_tier    NVARCHAR(50)   NULL,
    annual_fee_yen BIGINT         NULL,
    member_since   DATE           NULL,
    updated_at     DATETIMEOFFSET NULL;
GO
CREATE INDEX ix_companies_program_industry ON companies (program, industry);
