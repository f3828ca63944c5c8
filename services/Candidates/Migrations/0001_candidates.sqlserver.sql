-- 人材データバンク — a program's candidates. Identity and contact are columns of their own (what a recruiter without
-- consent never sees, what an erasure clears); the rest of the profile is one JSON document.
CREATE TABLE candidates (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_candidates PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    name              NVARCHAR(100)    NOT NULL,
    name_kana         NVARCHAR(100)    NOT NULL,
    name_key          NVARCHAR(200)    NOT NULL,
    email             NVARCHAR(254)    NULL,
    phone             VARCHAR(20)      NULL,
    prefecture_code   CHAR(2)          NOT NULL,
    municipality_code CHAR(6)          NULL,
    birth_year        INT              NULL,
    status            VARCHAR(20)      NOT NULL,
    employment_forms  NVARCHAR(200)    NOT NULL,
    profile           NVARCHAR(MAX)    NOT NULL,
    source_firm_id    UNIQUEIDENTIFIER NULL,
    registered_at     DATETIMEOFFSET   NOT NULL,
    registered_by     NVARCHAR(100)    NULL,
    updated_at        DATETIMEOFFSET   NOT NULL,
    version           INT              NOT NULL
);
CREATE INDEX ix_candidates_program ON candidates (program, registered_at);

-- The skills of each candidate, by vocabulary code: what searches (and later matching) read.
CREATE TABLE candidate_skills (
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    skill_code   VARCHAR(40)      NOT NULL,
    CONSTRAINT pk_candidate_skills PRIMARY KEY (candidate_id, skill_code)
);
CREATE INDEX ix_candidate_skills_code ON candidate_skills (skill_code, candidate_id);

-- The profile before each correction, who replaced it and when.
CREATE TABLE candidate_revisions (
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    version      INT              NOT NULL,
    content      NVARCHAR(MAX)    NOT NULL,
    replaced_at  DATETIMEOFFSET   NOT NULL,
    replaced_by  NVARCHAR(100)    NULL,
    CONSTRAINT pk_candidate_revisions PRIMARY KEY (candidate_id, version)
);

-- スキル語彙 — the program's controlled vocabulary of skills, and every name and synonym folded (NFKC, kana) to its skill.
CREATE TABLE skills (
    program    NVARCHAR(64)   NOT NULL,
    code       VARCHAR(40)    NOT NULL,
    name       NVARCHAR(50)   NOT NULL,
    synonyms   NVARCHAR(MAX)  NOT NULL,
    changed_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_skills PRIMARY KEY (program, code)
);
CREATE TABLE skill_keys (
    program NVARCHAR(64)  NOT NULL,
    folded  NVARCHAR(100) NOT NULL,
    code    VARCHAR(40)   NOT NULL,
    CONSTRAINT pk_skill_keys PRIMARY KEY (program, folded)
);

-- 個人情報の第三者提供への同意 — per purpose and recipient; a withdrawal keeps the row (the history) and ends it at once.
CREATE TABLE consents (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_consents PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    candidate_id      UNIQUEIDENTIFIER NOT NULL,
    purpose           VARCHAR(20)      NOT NULL,
    recipient         VARCHAR(20)      NOT NULL,
    firm_id           UNIQUEIDENTIFIER NULL,
    text_version      NVARCHAR(50)     NOT NULL,
    method            VARCHAR(20)      NOT NULL,
    given_at          DATETIMEOFFSET   NOT NULL,
    recorded_at       DATETIMEOFFSET   NOT NULL,
    recorded_by       NVARCHAR(100)    NULL,
    withdrawn_at      DATETIMEOFFSET   NULL,
    withdrawal_reason NVARCHAR(500)    NULL,
    withdrawn_by      NVARCHAR(100)    NULL
);
CREATE INDEX ix_consents_candidate ON consents (candidate_id, given_at);

-- Local copy of the recruiting firms' registrations (from FirmRegistrationChanged): whom a consent can cover.
CREATE TABLE firms (
    program              NVARCHAR(64)     NOT NULL,
    id                   UNIQUEIDENTIFIER NOT NULL,
    name                 NVARCHAR(200)    NOT NULL,
    status               VARCHAR(20)      NOT NULL,
    firm_version         INT              NOT NULL,
    registration_version INT              NOT NULL,
    CONSTRAINT pk_firms PRIMARY KEY (program, id)
);

-- 第三者提供の記録 (個人情報保護法 第29条): each provision of a candidate's personal data to a firm, with the items and the
-- consent it rests on; kept at least 3 years.
CREATE TABLE provisions (
    id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_provisions PRIMARY KEY NONCLUSTERED,
    program        NVARCHAR(64)     NOT NULL,
    provided_at    DATETIMEOFFSET   NOT NULL,
    firm_id        UNIQUEIDENTIFIER NOT NULL,
    firm_name      NVARCHAR(200)    NOT NULL,
    candidate_id   UNIQUEIDENTIFIER NOT NULL,
    candidate_name NVARCHAR(100)    NOT NULL,
    items          NVARCHAR(1000)   NOT NULL,
    consent_id     UNIQUEIDENTIFIER NOT NULL,
    channel        VARCHAR(20)      NOT NULL,
    user_id        UNIQUEIDENTIFIER NULL,
    user_name      NVARCHAR(100)    NULL
);
CREATE INDEX ix_provisions_program ON provisions (program, provided_at);
CREATE INDEX ix_provisions_candidate ON provisions (candidate_id, provided_at);
CREATE INDEX ix_provisions_firm ON provisions (firm_id, provided_at);
