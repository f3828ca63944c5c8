-- 人材ニーズ — a company's need for a professional, opened from a consultation or on its own.
CREATE TABLE talent_needs (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    company_id        TEXT    NOT NULL REFERENCES companies (id),
    consultation_id   TEXT    NULL,
    role              TEXT    NOT NULL,
    description       TEXT    NULL,
    required_skills   TEXT    NULL,
    preferred_skills  TEXT    NULL,
    employment_form   TEXT    NOT NULL,
    pay_unit          TEXT    NULL,
    pay_min_yen       INTEGER NULL,
    pay_max_yen       INTEGER NULL,
    municipality_code TEXT    NULL,
    remote            TEXT    NOT NULL,
    urgency           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    status_reason     TEXT    NULL,
    opened_on         TEXT    NOT NULL,
    opened_at         TEXT    NOT NULL,
    changed_at        TEXT    NULL,
    version           INTEGER NOT NULL
);
CREATE INDEX ix_talent_needs_program_company ON talent_needs (program, company_id, opened_on);
CREATE INDEX ix_talent_needs_program_status ON talent_needs (program, status, opened_on);
