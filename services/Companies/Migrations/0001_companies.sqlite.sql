-- name_folded: name and reading, kana-folded (KanaFolding), for search; name_key: the name alone, folded, for duplicates.
CREATE TABLE companies (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    name_kana         TEXT    NOT NULL,
    name_folded       TEXT    NOT NULL,
    name_key          TEXT    NOT NULL,
    corporate_number  TEXT    NULL,
    prefecture_code   TEXT    NOT NULL,
    municipality_code TEXT    NOT NULL,
    registered_at     TEXT    NOT NULL,
    version           INTEGER NOT NULL
);
-- 法人番号 identifies a corporation: one company per number in a program (sole proprietors have none).
CREATE UNIQUE INDEX ux_companies_program_corporate_number ON companies (program, corporate_number) WHERE corporate_number IS NOT NULL;
CREATE INDEX ix_companies_program_name_folded ON companies (program, name_folded);
-- Likely duplicates: the same folded name in the same municipality.
CREATE INDEX ix_companies_program_municipality_name_key ON companies (program, municipality_code, name_key);
