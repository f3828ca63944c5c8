-- name_folded: name and reading, kana-folded (KanaFolding), for search; name_key: the name alone, folded, for duplicates.
CREATE TABLE companies (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_companies PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    name              NVARCHAR(200)    NOT NULL,
    name_kana         NVARCHAR(200)    NOT NULL,
    name_folded       NVARCHAR(400)    NOT NULL,
    name_key          NVARCHAR(200)    NOT NULL,
    corporate_number  CHAR(13)         NULL,
    prefecture_code   CHAR(2)          NOT NULL,
    municipality_code CHAR(6)          NOT NULL,
    registered_at     DATETIMEOFFSET   NOT NULL,
    version           INT              NOT NULL
);
-- 法人番号 identifies a corporation: one company per number in a program (sole proprietors have none).
CREATE UNIQUE INDEX ux_companies_program_corporate_number ON companies (program, corporate_number) WHERE corporate_number IS NOT NULL;
CREATE INDEX ix_companies_program_name_folded ON companies (program, name_folded);
-- Likely duplicates: the same folded name in the same municipality.
CREATE INDEX ix_companies_program_municipality_name_key ON companies (program, municipality_code, name_key);
