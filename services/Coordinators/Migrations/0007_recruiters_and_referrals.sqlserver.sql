-- 登録民間人材ビジネス事業者 — recruiting firms (有料職業紹介事業者). One firm may register with several programs.
CREATE TABLE firms (
    id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_firms PRIMARY KEY NONCLUSTERED,
    name             NVARCHAR(200)    NOT NULL,
    name_kana        NVARCHAR(200)    NOT NULL,
    corporate_number CHAR(13)         NULL,
    licence_number   NVARCHAR(20)     NOT NULL,
    head_office      NVARCHAR(300)    NULL,
    areas            NVARCHAR(MAX)    NOT NULL,
    industries       NVARCHAR(MAX)    NOT NULL,
    specialties      NVARCHAR(MAX)    NOT NULL,
    contacts         NVARCHAR(MAX)    NOT NULL,
    created_at       DATETIMEOFFSET   NOT NULL,
    version          INT              NOT NULL
);
CREATE UNIQUE INDEX ux_firms_corporate_number ON firms (corporate_number) WHERE corporate_number IS NOT NULL;
CREATE UNIQUE INDEX ux_firms_licence_number ON firms (licence_number);

-- A firm's registration with one program: applied, registered, suspended, withdrawn; and its terms.
CREATE TABLE firm_registrations (
    program       NVARCHAR(64)     NOT NULL,
    firm_id       UNIQUEIDENTIFIER NOT NULL,
    status        VARCHAR(20)      NOT NULL,
    status_on     DATE             NOT NULL,
    status_reason NVARCHAR(500)    NULL,
    fee_rule      NVARCHAR(1000)   NULL,
    rules         NVARCHAR(2000)   NULL,
    note          NVARCHAR(2000)   NULL,
    changed_at    DATETIMEOFFSET   NOT NULL,
    version       INT              NOT NULL,
    CONSTRAINT pk_firm_registrations PRIMARY KEY (program, firm_id)
);

-- Local copy of the talent needs (from TalentNeedOpened / TalentNeedChanged): what a referral shows a firm.
CREATE TABLE needs (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_needs PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    company_id        UNIQUEIDENTIFIER NOT NULL,
    role              NVARCHAR(100)    NOT NULL,
    employment_form   VARCHAR(20)      NOT NULL,
    status            VARCHAR(20)      NOT NULL,
    municipality_code CHAR(6)          NULL,
    terms             NVARCHAR(MAX)    NULL,
    opened_on         DATE             NOT NULL,
    version           INT              NOT NULL,
    referral_sequence BIGINT           NOT NULL CONSTRAINT df_needs_referral_sequence DEFAULT 0
);
CREATE INDEX ix_needs_program_company ON needs (program, company_id);

-- 取次 — one need referred to one firm, and the firm's answer.
CREATE TABLE referrals (
    id              UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_referrals PRIMARY KEY NONCLUSTERED,
    program         NVARCHAR(64)     NOT NULL,
    need_id         UNIQUEIDENTIFIER NOT NULL,
    company_id      UNIQUEIDENTIFIER NOT NULL,
    firm_id         UNIQUEIDENTIFIER NOT NULL,
    message         NVARCHAR(2000)   NULL,
    anonymised      BIT              NOT NULL,
    status          VARCHAR(20)      NOT NULL,
    referred_at     DATETIMEOFFSET   NOT NULL,
    referred_on     DATE             NOT NULL,
    referred_by     NVARCHAR(200)    NOT NULL,
    deadline        DATE             NOT NULL,
    answered_at     DATETIMEOFFSET   NULL,
    answered_by     NVARCHAR(200)    NULL,
    decline_reason  VARCHAR(40)      NULL,
    decline_text    NVARCHAR(1000)   NULL,
    withdraw_reason NVARCHAR(500)    NULL,
    revealed_at     DATETIMEOFFSET   NULL,
    changed_at      DATETIMEOFFSET   NOT NULL,
    version         INT              NOT NULL
);
CREATE INDEX ix_referrals_program_firm ON referrals (program, firm_id, changed_at);
CREATE INDEX ix_referrals_program_need ON referrals (program, need_id);
CREATE INDEX ix_referrals_open_deadline ON referrals (deadline) WHERE status = 'sent';
