-- Local copy of the program's companies (from CompanyRegistered): what a consultation may refer to.
CREATE TABLE companies (
    id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_companies PRIMARY KEY,
    program NVARCHAR(64)     NOT NULL,
    name    NVARCHAR(200)    NOT NULL
);

-- 経営者との相談 — consultations with companies' managers.
CREATE TABLE consultations (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_consultations PRIMARY KEY NONCLUSTERED,
    program     NVARCHAR(64)     NOT NULL,
    company_id  UNIQUEIDENTIFIER NOT NULL,
    date        DATE             NOT NULL,
    coordinator NVARCHAR(100)    NOT NULL,
    channel     NVARCHAR(16)     NOT NULL,
    notes       NVARCHAR(4000)   NULL,
    logged_at   DATETIMEOFFSET   NOT NULL,
    version     INT              NOT NULL
);
CREATE INDEX ix_consultations_program_company_date ON consultations (program, company_id, date);
