-- Local copies of what introductions and placements refer to (Companies, Candidates and Coordinators own them).
CREATE TABLE companies (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    prefecture_code   TEXT    NOT NULL,
    municipality_code TEXT    NULL,
    industry          TEXT    NULL,
    version           INTEGER NOT NULL
);

-- 人材ニーズ: openings (募集人数) decide when placements fill it; placement_sequence orders its PlacementMade/Cancelled.
CREATE TABLE needs (
    id                 TEXT    NOT NULL PRIMARY KEY,
    program            TEXT    NOT NULL,
    company_id         TEXT    NOT NULL,
    role               TEXT    NOT NULL,
    employment_form    TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    municipality_code  TEXT    NULL,
    openings           INTEGER NOT NULL,
    version            INTEGER NOT NULL,
    placement_sequence INTEGER NOT NULL
);
CREATE INDEX ix_needs_company ON needs (company_id);

-- A candidate's coarse facts (no name, no contact): residence and hometown decide 道外・県外 and U・I・Jターン at hire.
CREATE TABLE candidates (
    id                       TEXT    NOT NULL PRIMARY KEY,
    program                  TEXT    NOT NULL,
    prefecture_code          TEXT    NOT NULL,
    hometown_prefecture_code TEXT    NULL,
    source_firm_id           TEXT    NULL,
    status                   TEXT    NOT NULL,
    version                  INTEGER NOT NULL
);

-- Consents to introduction by firms (第三者提供への同意): which firms may introduce a candidate they did not register.
CREATE TABLE consents (
    id           TEXT    NOT NULL PRIMARY KEY,
    program      TEXT    NOT NULL,
    candidate_id TEXT    NOT NULL,
    recipient    TEXT    NOT NULL,
    firm_id      TEXT    NULL,
    withdrawn    INTEGER NOT NULL
);
CREATE INDEX ix_consents_candidate ON consents (candidate_id);

-- 取次: a firm introduces for a need only on its accepted referral; the coordinator who referred follows the hire.
CREATE TABLE referrals (
    id          TEXT    NOT NULL PRIMARY KEY,
    program     TEXT    NOT NULL,
    need_id     TEXT    NOT NULL,
    company_id  TEXT    NOT NULL,
    firm_id     TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    referred_by TEXT    NULL,
    coordinator TEXT    NULL,
    sequence    INTEGER NOT NULL
);
CREATE INDEX ix_referrals_need ON referrals (need_id, firm_id);

CREATE TABLE firms (
    program              TEXT    NOT NULL,
    id                   TEXT    NOT NULL,
    name                 TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    firm_version         INTEGER NOT NULL,
    registration_version INTEGER NOT NULL,
    PRIMARY KEY (program, id)
);

-- The program's settings: stage names and the stages it uses, the follow-up months.
CREATE TABLE placement_settings (
    program          TEXT NOT NULL PRIMARY KEY,
    stage_names      TEXT NOT NULL,
    unused_stages    TEXT NOT NULL,
    follow_up_months TEXT NOT NULL,
    changed_at       TEXT NOT NULL,
    changed_by       TEXT NULL
);

-- 計上基準: when a placement counts (offerAccepted = 内定承諾, start = 入社), each rule in force from the 1 April it names.
CREATE TABLE counting_rules (
    program        TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    rule           TEXT NOT NULL,
    changed_at     TEXT NOT NULL,
    changed_by     TEXT NULL,
    PRIMARY KEY (program, effective_from)
);

-- 手数料・返戻金: a firm's success fee (a share of annual pay in basis points, or a fixed amount) and its refund bands.
CREATE TABLE fee_terms (
    program      TEXT    NOT NULL,
    firm_id      TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    share_bp     INTEGER NULL,
    fixed_yen    INTEGER NULL,
    refund_bands TEXT    NOT NULL,
    changed_at   TEXT    NOT NULL,
    changed_by   TEXT    NULL,
    PRIMARY KEY (program, firm_id)
);

-- 紹介: a candidate introduced for a need, by a firm (on its accepted referral) or by the center (no firm).
CREATE TABLE introductions (
    id                  TEXT    NOT NULL PRIMARY KEY,
    program             TEXT    NOT NULL,
    need_id             TEXT    NOT NULL,
    company_id          TEXT    NOT NULL,
    candidate_id        TEXT    NOT NULL,
    firm_id             TEXT    NULL,
    firm_name           TEXT    NULL,
    referral_id         TEXT    NULL,
    coordinator_user_id TEXT    NULL,
    coordinator_name    TEXT    NULL,
    stage               TEXT    NOT NULL,
    stage_on            TEXT    NOT NULL,
    reason              TEXT    NULL,
    introduced_on       TEXT    NOT NULL,
    introduced_at       TEXT    NOT NULL,
    introduced_by       TEXT    NULL,
    changed_at          TEXT    NOT NULL,
    version             INTEGER NOT NULL
);
CREATE INDEX ix_introductions_need ON introductions (need_id, introduced_at);
CREATE INDEX ix_introductions_company ON introductions (company_id, introduced_at);
CREATE INDEX ix_introductions_candidate ON introductions (candidate_id, introduced_at);
CREATE INDEX ix_introductions_firm ON introductions (program, firm_id, changed_at);
CREATE UNIQUE INDEX ux_introductions_need_candidate ON introductions (need_id, candidate_id);

-- Every stage an introduction went through, who moved it and when; interviews with their time and who attended.
CREATE TABLE introduction_history (
    introduction_id TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    stage           TEXT    NOT NULL,
    stage_on        TEXT    NOT NULL,
    reason          TEXT    NULL,
    note            TEXT    NULL,
    interview_at    TEXT    NULL,
    attendees       TEXT    NULL,
    at              TEXT    NOT NULL,
    by_user         TEXT    NULL,
    by_name         TEXT    NULL,
    PRIMARY KEY (introduction_id, version)
);

-- 成約: a hire on an accepted offer. from_outside and turn were decided by the residence at hire and never change.
CREATE TABLE placements (
    id                       TEXT    NOT NULL PRIMARY KEY,
    program                  TEXT    NOT NULL,
    introduction_id          TEXT    NOT NULL,
    need_id                  TEXT    NOT NULL,
    company_id               TEXT    NOT NULL,
    candidate_id             TEXT    NOT NULL,
    firm_id                  TEXT    NULL,
    firm_name                TEXT    NULL,
    offer_accepted_on        TEXT    NOT NULL,
    start_on                 TEXT    NOT NULL,
    counted_on               TEXT    NOT NULL,
    fiscal_year              INTEGER NOT NULL,
    counting_rule            TEXT    NOT NULL,
    employment_form          TEXT    NOT NULL,
    annual_pay_yen           INTEGER NULL,
    fee_yen                  INTEGER NULL,
    from_outside             INTEGER NOT NULL,
    residence_prefecture     TEXT    NOT NULL,
    hometown_prefecture      TEXT    NULL,
    turn                     TEXT    NULL,
    municipality_code        TEXT    NULL,
    industry                 TEXT    NULL,
    coordinator_user_id      TEXT    NULL,
    coordinator_name         TEXT    NULL,
    status                   TEXT    NOT NULL,
    cancelled_on             TEXT    NULL,
    cancel_reason            TEXT    NULL,
    ended_on                 TEXT    NULL,
    end_reason               TEXT    NULL,
    end_note                 TEXT    NULL,
    refund_yen               INTEGER NULL,
    retained_6_on            TEXT    NULL,
    retained_12_on           TEXT    NULL,
    retention_open           INTEGER NOT NULL,
    made_at                  TEXT    NOT NULL,
    made_by                  TEXT    NULL,
    version                  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_placements_introduction ON placements (introduction_id);
CREATE INDEX ix_placements_program ON placements (program, counted_on);
CREATE INDEX ix_placements_need ON placements (need_id);
CREATE INDEX ix_placements_company ON placements (company_id);
CREATE INDEX ix_placements_retention ON placements (retention_open, start_on);

-- アフターフォロー: the check-ins scheduled for a placement and, once recorded, what they found.
CREATE TABLE follow_ups (
    id                  TEXT    NOT NULL PRIMARY KEY,
    program             TEXT    NOT NULL,
    placement_id        TEXT    NOT NULL,
    month               INTEGER NOT NULL,
    due_on              TEXT    NOT NULL,
    coordinator_user_id TEXT    NULL,
    coordinator_name    TEXT    NULL,
    status              TEXT    NOT NULL,
    contacted_on        TEXT    NULL,
    channel             TEXT    NULL,
    contacted_company   INTEGER NULL,
    company_contact     TEXT    NULL,
    contacted_person    INTEGER NULL,
    satisfaction        INTEGER NULL,
    issues              TEXT    NULL,
    still_employed      INTEGER NULL,
    note                TEXT    NULL,
    recorded_at         TEXT    NULL,
    recorded_by         TEXT    NULL,
    overdue_notified_at TEXT    NULL
);
CREATE INDEX ix_follow_ups_coordinator ON follow_ups (coordinator_user_id, status, due_on);
CREATE INDEX ix_follow_ups_program ON follow_ups (program, status, due_on);
CREATE INDEX ix_follow_ups_placement ON follow_ups (placement_id, month);

-- 助成金・給付金 tied to a placement (REVICareer 給付金, side-job and secondment grants …).
CREATE TABLE grants (
    id           TEXT    NOT NULL PRIMARY KEY,
    program      TEXT    NOT NULL,
    placement_id TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    amount_yen   INTEGER NULL,
    applied_on   TEXT    NULL,
    paid_on      TEXT    NULL,
    note         TEXT    NULL,
    changed_at   TEXT    NOT NULL,
    changed_by   TEXT    NULL
);
CREATE INDEX ix_grants_placement ON grants (placement_id);
