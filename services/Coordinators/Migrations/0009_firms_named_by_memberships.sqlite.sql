-- A firm entered from a recruiter membership's name (applied, for the office to complete) has no licence number yet.
-- SQLite cannot drop NOT NULL in place: the table is rebuilt with the same rows.
CREATE TABLE firms_rebuilt (
    id               TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    name_kana        TEXT    NOT NULL,
    corporate_number TEXT    NULL,
    licence_number   TEXT    NULL,
    head_office      TEXT    NULL,
    areas            TEXT    NOT NULL,
    industries       TEXT    NOT NULL,
    specialties      TEXT    NOT NULL,
    contacts         TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL
);
INSERT INTO firms_rebuilt (id, name, name_kana, corporate_number, licence_number, head_office, areas, industries, specialties, contacts, created_at, version)
SELECT id, name, name_kana, corporate_number, licence_number, head_office, areas, industries, specialties, contacts, created_at, version FROM firms;
DROP TABLE firms;
ALTER TABLE firms_rebuilt RENAME TO firms;
CREATE UNIQUE INDEX ux_firms_corporate_number ON firms (corporate_number) WHERE corporate_number IS NOT NULL;
CREATE UNIQUE INDEX ux_firms_licence_number ON firms (licence_number) WHERE licence_number IS NOT NULL;
