-- Local copies of what introductions and placements refer to (Companies, Candidates and Coordinators own them).
CREATE TABLE companies (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_companies PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    name              NVARCHAR(200)    NOT NULL,
    prefecture_code   CHAR(2)          NOT NULL,
    municipality_code CHAR(6)          NULL,
    industry          CHAR(1)          NULL,
    version           INT              NOT NULL
);

-- 人材ニーズ: openings (募集人数) decide when placements fill it; placement_sequence orders its PlacementMade/Cancelled.
CREATE TABLE needs (
    id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_needs PRIMARY KEY NONCLUSTERED,
    program            NVARCHAR(64)     NOT NULL,
    company_id         UNIQUEIDENTIFIER NOT NULL,
    role               NVARCHAR(200)    NOT NULL,
    employment_form    VARCHAR(40)      NOT NULL,
    status             VARCHAR(40)      NOT NULL,
    municipality_code  CHAR(6)          NULL,
    openings           INT              NOT NULL,
    version            INT              NOT NULL,
    placement_sequence BIGINT           NOT NULL
);
CREATE INDEX ix_needs_company ON needs (company_id);

-- A candidate's coarse facts (no name, no contact): residence and hometown decide 道外・県外 and U・I・Jターン at hire.
CREATE TABLE candidates (
    id                       UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_candidates PRIMARY KEY NONCLUSTERED,
    program                  NVARCHAR(64)     NOT NULL,
    prefecture_code          CHAR(2)          NOT NULL,
    hometown_prefecture_code CHAR(2)          NULL,
    source_firm_id           UNIQUEIDENTIFIER NULL,
    status                   VARCHAR(40)      NOT NULL,
    version                  INT              NOT NULL
);

-- Consents to introduction by firms (第三者提供への同意): which firms may introduce a candidate they did not register.
CREATE TABLE consents (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_consents PRIMARY KEY NONCLUSTERED,
    program      NVARCHAR(64)     NOT NULL,
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    recipient    VARCHAR(40)      NOT NULL,
    firm_id      UNIQUEIDENTIFIER NULL,
    withdrawn    BIT              NOT NULL
);
CREATE INDEX ix_consents_candidate ON consents (candidate_id);

-- 取次: a firm introduces for a need only on its accepted referral; the coordinator who referred follows the hire.
CREATE TABLE referrals (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_referrals PRIMARY KEY NONCLUSTERED,
    program     NVARCHAR(64)     NOT NULL,
    need_id     UNIQUEIDENTIFIER NOT NULL,
    company_id  UNIQUEIDENTIFIER NOT NULL,
    firm_id     UNIQUEIDENTIFIER NOT NULL,
    status      VARCHAR(40)      NOT NULL,
    referred_by NVARCHAR(200)    NULL,
    coordinator NVARCHAR(200)    NULL,
    sequence    BIGINT           NOT NULL
);
CREATE INDEX ix_referrals_need ON referrals (need_id, firm_id);

CREATE TABLE firms (
    program              NVARCHAR(64)     NOT NULL,
    id                   UNIQUEIDENTIFIER NOT NULL,
    name                 NVARCHAR(200)    NOT NULL,
    status               VARCHAR(40)      NOT NULL,
    firm_version         INT              NOT NULL,
    registration_version INT              NOT NULL,
    CONSTRAINT pk_firms PRIMARY KEY (program, id)
);

-- The program's settings: stage names and the stages it uses, the follow-up months.
CREATE TABLE placement_settings (
    program          NVARCHAR(64)     NOT NULL CONSTRAINT pk_placement_settings PRIMARY KEY,
    stage_names      NVARCHAR(MAX)    NOT NULL,
    unused_stages    NVARCHAR(2000)   NOT NULL,
    follow_up_months NVARCHAR(2000)   NOT NULL,
    changed_at       DATETIMEOFFSET   NOT NULL,
    changed_by       NVARCHAR(200)    NULL
);

-- 計上基準: when a placement counts (offerAccepted = 内定承諾, start = 入社), each rule in force from the 1 April it names.
CREATE TABLE counting_rules (
    program        NVARCHAR(64)     NOT NULL,
    effective_from DATE             NOT NULL,
    rule           VARCHAR(40)      NOT NULL,
    changed_at     DATETIMEOFFSET   NOT NULL,
    changed_by     NVARCHAR(200)    NULL,
    CONSTRAINT pk_counting_rules PRIMARY KEY (program, effective_from)
);

-- 手数料・返戻金: a firm's success fee (a share of annual pay in basis points, or a fixed amount) and its refund bands.
CREATE TABLE fee_terms (
    program      NVARCHAR(64)     NOT NULL,
    firm_id      UNIQUEIDENTIFIER NOT NULL,
    kind         VARCHAR(40)      NOT NULL,
    share_bp     INT              NULL,
    fixed_yen    BIGINT           NULL,
    refund_bands NVARCHAR(MAX)    NOT NULL,
    changed_at   DATETIMEOFFSET   NOT NULL,
    changed_by   NVARCHAR(200)    NULL,
    CONSTRAINT pk_fee_terms PRIMARY KEY (program, firm_id)
);

-- 紹介: a candidate introduced for a need, by a firm (on its accepted referral) or by the center (no firm).
CREATE TABLE introductions (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_introductions PRIMARY KEY NONCLUSTERED,
    program             NVARCHAR(64)     NOT NULL,
    need_id             UNIQUEIDENTIFIER NOT NULL,
    company_id          UNIQUEIDENTIFIER NOT NULL,
    candidate_id        UNIQUEIDENTIFIER NOT NULL,
    firm_id             UNIQUEIDENTIFIER NULL,
    firm_name           NVARCHAR(200)    NULL,
    referral_id         UNIQUEIDENTIFIER NULL,
    coordinator_user_id UNIQUEIDENTIFIER NULL,
    coordinator_name    NVARCHAR(200)    NULL,
    stage               VARCHAR(40)      NOT NULL,
    stage_on            DATE             NOT NULL,
    reason              VARCHAR(40)      NULL,
    introduced_on       DATE             NOT NULL,
    introduced_at       DATETIMEOFFSET   NOT NULL,
    introduced_by       NVARCHAR(200)    NULL,
    changed_at          DATETIMEOFFSET   NOT NULL,
    version             INT              NOT NULL
);
CREATE INDEX ix_introductions_need ON introductions (need_id, introduced_at);
CREATE INDEX ix_introductions_company ON introductions (company_id, introduced_at);
CREATE INDEX ix_introductions_candidate ON introductions (candidate_id, introduced_at);
CREATE INDEX ix_introductions_firm ON introductions (program, firm_id, changed_at);
CREATE UNIQUE INDEX ux_introductions_need_candidate ON introductions (need_id, candidate_id);

-- Every stage an introduction went through, who moved it and when; interviews with their time and who attended.
CREATE TABLE introduction_history (
    introduction_id UNIQUEIDENTIFIER NOT NULL,
    version         INT              NOT NULL,
    stage           VARCHAR(40)      NOT NULL,
    stage_on        DATE             NOT NULL,
    reason          VARCHAR(40)      NULL,
    note            NVARCHAR(2000)   NULL,
    interview_at    DATETIMEOFFSET   NULL,
    attendees       NVARCHAR(MAX)    NULL,
    at              DATETIMEOFFSET   NOT NULL,
    by_user         UNIQUEIDENTIFIER NULL,
    by_name         NVARCHAR(200)    NULL,
    CONSTRAINT pk_introduction_history PRIMARY KEY (introduction_id, version)
);

-- 成約: a hire on an accepted offer. from_outside and turn were decided by the residence at hire and never change.
CREATE TABLE placements (
    id                       UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_placements PRIMARY KEY NONCLUSTERED,
    program                  NVARCHAR(64)     NOT NULL,
    introduction_id          UNIQUEIDENTIFIER NOT NULL,
    need_id                  UNIQUEIDENTIFIER NOT NULL,
    company_id               UNIQUEIDENTIFIER NOT NULL,
    candidate_id             UNIQUEIDENTIFIER NOT NULL,
    firm_id                  UNIQUEIDENTIFIER NULL,
    firm_name                NVARCHAR(200)    NULL,
    offer_accepted_on        DATE             NOT NULL,
    start_on                 DATE             NOT NULL,
    counted_on               DATE             NOT NULL,
    fiscal_year              INT              NOT NULL,
    counting_rule            VARCHAR(40)      NOT NULL,
    employment_form          VARCHAR(40)      NOT NULL,
    annual_pay_yen           BIGINT           NULL,
    fee_yen                  BIGINT           NULL,
    from_outside             BIT              NOT NULL,
    residence_prefecture     CHAR(2)          NOT NULL,
    hometown_prefecture      CHAR(2)          NULL,
    turn                     VARCHAR(40)      NULL,
    municipality_code        CHAR(6)          NULL,
    industry                 CHAR(1)          NULL,
    coordinator_user_id      UNIQUEIDENTIFIER NULL,
    coordinator_name         NVARCHAR(200)    NULL,
    status                   VARCHAR(40)      NOT NULL,
    cancelled_on             DATE             NULL,
    cancel_reason            VARCHAR(40)      NULL,
    ended_on                 DATE             NULL,
    end_reason               VARCHAR(40)      NULL,
    end_note                 NVARCHAR(2000)   NULL,
    refund_yen               BIGINT           NULL,
    retained_6_on            DATE             NULL,
    retained_12_on           DATE             NULL,
    retention_open           BIT              NOT NULL,
    made_at                  DATETIMEOFFSET   NOT NULL,
    made_by                  NVARCHAR(200)    NULL,
    version                  INT              NOT NULL
);
CREATE UNIQUE INDEX ux_placements_introduction ON placements (introduction_id);
CREATE INDEX ix_placements_program ON placements (program, counted_on);
CREATE INDEX ix_placements_need ON placements (need_id);
CREATE INDEX ix_placements_company ON placements (company_id);
CREATE INDEX ix_placements_retention ON placements (retention_open, start_on);

-- アフターフォロー: the check-ins scheduled for a placement and, once recorded, what they found.
CREATE TABLE follow_ups (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_follow_ups PRIMARY KEY NONCLUSTERED,
    program             NVARCHAR(64)     NOT NULL,
    placement_id        UNIQUEIDENTIFIER NOT NULL,
    month               INT              NOT NULL,
    due_on              DATE             NOT NULL,
    coordinator_user_id UNIQUEIDENTIFIER NULL,
    coordinator_name    NVARCHAR(200)    NULL,
    status              VARCHAR(40)      NOT NULL,
    contacted_on        DATE             NULL,
    channel             VARCHAR(40)      NULL,
    contacted_company   BIT              NULL,
    company_contact     NVARCHAR(200)    NULL,
    contacted_person    BIT              NULL,
    satisfaction        INT              NULL,
    issues              NVARCHAR(2000)   NULL,
    still_employed      BIT              NULL,
    note                NVARCHAR(2000)   NULL,
    recorded_at         DATETIMEOFFSET   NULL,
    recorded_by         NVARCHAR(200)    NULL,
    overdue_notified_at DATETIMEOFFSET   NULL
);
CREATE INDEX ix_follow_ups_coordinator ON follow_ups (coordinator_user_id, status, due_on);
CREATE INDEX ix_follow_ups_program ON follow_ups (program, status, due_on);
CREATE INDEX ix_follow_ups_placement ON follow_ups (placement_id, month);

-- 助成金・給付金 tied to a placement (REVICareer 給付金, side-job and secondment grants …).
CREATE TABLE grants (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_grants PRIMARY KEY NONCLUSTERED,
    program      NVARCHAR(64)     NOT NULL,
    placement_id UNIQUEIDENTIFIER NOT NULL,
    kind         VARCHAR(40)      NOT NULL,
    status       VARCHAR(40)      NOT NULL,
    amount_yen   BIGINT           NULL,
    applied_on   DATE             NULL,
    paid_on      DATE             NULL,
    note         NVARCHAR(2000)   NULL,
    changed_at   DATETIMEOFFSET   NOT NULL,
    changed_by   NVARCHAR(200)    NULL
);
CREATE INDEX ix_grants_placement ON grants (placement_id);
