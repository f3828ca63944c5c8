-- 登録民間人材ビジネス事業者 — recruiting firms (有料職業紹介事業者). One firm may register with several programs.
CREATE TABLE firms (
    id               TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    name_kana        TEXT    NOT NULL,
    corporate_number TEXT    NULL,
    licence_number   TEXT    NOT NULL,
    head_office      TEXT    NULL,
    areas            TEXT    NOT NULL,
    industries       TEXT    NOT NULL,
    specialties      TEXT    NOT NULL,
    contacts         TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_firms_corporate_number ON firms (corporate_number) WHERE corporate_number IS NOT NULL;
CREATE UNIQUE INDEX ux_firms_licence_number ON firms (licence_number);

-- A firm's registration with one program: applied, registered, suspended, withdrawn; and its terms.
CREATE TABLE firm_registrations (
    program       TEXT    NOT NULL,
    firm_id       TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    status_on     TEXT    NOT NULL,
    status_reason TEXT    NULL,
    fee_rule      TEXT    NULL,
    rules         TEXT    NULL,
    note          TEXT    NULL,
    changed_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (program, firm_id)
);

-- Local copy of the talent needs (from TalentNeedOpened / TalentNeedChanged): what a referral shows a firm.
CREATE TABLE needs (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    company_id        TEXT    NOT NULL,
    role              TEXT    NOT NULL,
    employment_form   TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    municipality_code TEXT    NULL,
    terms             TEXT    NULL,
    opened_on         TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    referral_sequence INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_needs_program_company ON needs (program, company_id);

-- 取次 — one need referred to one firm, and the firm's answer.
CREATE TABLE referrals (
    id              TEXT    NOT NULL PRIMARY KEY,
    program         TEXT    NOT NULL,
    need_id         TEXT    NOT NULL,
    company_id      TEXT    NOT NULL,
    firm_id         TEXT    NOT NULL,
    message         TEXT    NULL,
    anonymised      INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    referred_at     TEXT    NOT NULL,
    referred_on     TEXT    NOT NULL,
    referred_by     TEXT    NOT NULL,
    deadline        TEXT    NOT NULL,
    answered_at     TEXT    NULL,
    answered_by     TEXT    NULL,
    decline_reason  TEXT    NULL,
    decline_text    TEXT    NULL,
    withdraw_reason TEXT    NULL,
    revealed_at     TEXT    NULL,
    changed_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL
);
CREATE INDEX ix_referrals_program_firm ON referrals (program, firm_id, changed_at);
CREATE INDEX ix_referrals_program_need ON referrals (program, need_id);
CREATE INDEX ix_referrals_open_deadline ON referrals (deadline) WHERE status = 'sent';
