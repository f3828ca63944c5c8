-- Local copy of the program's companies (from CompanyRegistered): what a consultation may refer to.
CREATE TABLE companies (
    id      TEXT NOT NULL PRIMARY KEY,
    program TEXT NOT NULL,
    name    TEXT NOT NULL
);

-- 経営者との相談 — consultations with companies' managers.
CREATE TABLE consultations (
    id          TEXT    NOT NULL PRIMARY KEY,
    program     TEXT    NOT NULL,
    company_id  TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    coordinator TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    notes       TEXT    NULL,
    logged_at   TEXT    NOT NULL,
    version     INTEGER NOT NULL
);
CREATE INDEX ix_consultations_program_company_date ON consultations (program, company_id, date);
