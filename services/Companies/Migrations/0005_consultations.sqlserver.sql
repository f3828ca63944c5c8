-- The consultations Coordinators logged (from ConsultationLogged), as far as talent needs care: the company and program
-- each is of, so a need names only a consultation of its own company.
CREATE TABLE consultations (
    id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_consultations PRIMARY KEY NONCLUSTERED,
    program    NVARCHAR(64)     NOT NULL,
    company_id UNIQUEIDENTIFIER NOT NULL
);
