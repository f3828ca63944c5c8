-- 人材データバンク — a program's candidates. Identity and contact are columns of their own (what a recruiter without
-- consent never sees, what an erasure clears); the rest of the profile is one JSON document.
CREATE TABLE candidates (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    name_kana         TEXT    NOT NULL,
    name_key          TEXT    NOT NULL,
    email             TEXT    NULL,
    phone             TEXT    NULL,
    prefecture_code   TEXT    NOT NULL,
    municipality_code TEXT    NULL,
    birth_year        INTEGER NULL,
    status            TEXT    NOT NULL,
    employment_forms  TEXT    NOT NULL,
    profile           TEXT    NOT NULL,
    source_firm_id    TEXT    NULL,
    registered_at     TEXT    NOT NULL,
    registered_by     TEXT    NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL
);
CREATE INDEX ix_candidates_program ON candidates (program, registered_at);

-- The skills of each candidate, by vocabulary code: what searches (and later matching) read.
CREATE TABLE candidate_skills (
    candidate_id TEXT NOT NULL,
    skill_code   TEXT NOT NULL,
    PRIMARY KEY (candidate_id, skill_code)
);
CREATE INDEX ix_candidate_skills_code ON candidate_skills (skill_code, candidate_id);

-- The profile before each correction, who replaced it and when.
CREATE TABLE candidate_revisions (
    candidate_id TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    content      TEXT    NOT NULL,
    replaced_at  TEXT    NOT NULL,
    replaced_by  TEXT    NULL,
    PRIMARY KEY (candidate_id, version)
);

-- スキル語彙 — the program's controlled vocabulary of skills, and every name and synonym folded (NFKC, kana) to its skill.
CREATE TABLE skills (
    program    TEXT NOT NULL,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    synonyms   TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (program, code)
);
CREATE TABLE skill_keys (
    program TEXT NOT NULL,
    folded  TEXT NOT NULL,
    code    TEXT NOT NULL,
    PRIMARY KEY (program, folded)
);

-- 個人情報の第三者提供への同意 — per purpose and recipient; a withdrawal keeps the row (the history) and ends it at once.
CREATE TABLE consents (
    id                TEXT NOT NULL PRIMARY KEY,
    program           TEXT NOT NULL,
    candidate_id      TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    recipient         TEXT NOT NULL,
    firm_id           TEXT NULL,
    text_version      TEXT NOT NULL,
    method            TEXT NOT NULL,
    given_at          TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    recorded_by       TEXT NULL,
    withdrawn_at      TEXT NULL,
    withdrawal_reason TEXT NULL,
    withdrawn_by      TEXT NULL
);
CREATE INDEX ix_consents_candidate ON consents (candidate_id, given_at);

-- Local copy of the recruiting firms' registrations (from FirmRegistrationChanged): whom a consent can cover.
CREATE TABLE firms (
    program              TEXT    NOT NULL,
    id                   TEXT    NOT NULL,
    name                 TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    firm_version         INTEGER NOT NULL,
    registration_version INTEGER NOT NULL,
    PRIMARY KEY (program, id)
);

-- 第三者提供の記録 (個人情報保護法 第29条): each provision of a candidate's personal data to a firm, with the items and the
-- consent it rests on; kept at least 3 years.
CREATE TABLE provisions (
    id             TEXT NOT NULL PRIMARY KEY,
    program        TEXT NOT NULL,
    provided_at    TEXT NOT NULL,
    firm_id        TEXT NOT NULL,
    firm_name      TEXT NOT NULL,
    candidate_id   TEXT NOT NULL,
    candidate_name TEXT NOT NULL,
    items          TEXT NOT NULL,
    consent_id     TEXT NOT NULL,
    channel        TEXT NOT NULL,
    user_id        TEXT NULL,
    user_name      TEXT NULL
);
CREATE INDEX ix_provisions_program ON provisions (program, provided_at);
CREATE INDEX ix_provisions_candidate ON provisions (candidate_id, provided_at);
CREATE INDEX ix_provisions_firm ON provisions (firm_id, provided_at);
