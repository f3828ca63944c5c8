-- 人材ニーズ — a company's need for a professional, opened from a consultation or on its own.
CREATE TABLE talent_needs (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_talent_needs PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    company_id        UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_talent_needs_company REFERENCES companies (id),
    consultation_id   UNIQUEIDENTIFIER NULL,
    role              NVARCHAR(100)    NOT NULL,
    description       NVARCHAR(4000)   NULL,
    required_skills   NVARCHAR(1000)   NULL,
    preferred_skills  NVARCHAR(1000)   NULL,
    employment_form   VARCHAR(20)      NOT NULL,
    pay_unit          VARCHAR(10)      NULL,
    pay_min_yen       BIGINT           NULL,
    pay_max_yen       BIGINT           NULL,
    municipality_code CHAR(6)          NULL,
    remote            VARCHAR(10)      NOT NULL,
    urgency           VARCHAR(10)      NOT NULL,
    status            VARCHAR(10)      NOT NULL,
    status_reason     NVARCHAR(500)    NULL,
    opened_on         DATE             NOT NULL,
    opened_at         DATETIMEOFFSET   NOT NULL,
    changed_at        DATETIMEOFFSET   NULL,
    version           INT              NOT NULL
);
CREATE INDEX ix_talent_needs_program_company ON talent_needs (program, company_id, opened_on);
CREATE INDEX ix_talent_needs_program_status ON talent_needs (program, status, opened_on);
