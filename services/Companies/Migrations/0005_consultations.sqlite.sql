-- The consultations Coordinators logged (from ConsultationLogged), as far as talent needs care: the company and program
-- each is of, so a need names only a consultation of its own company.
CREATE TABLE consultations (
    id         TEXT NOT NULL PRIMARY KEY,
    program    TEXT NOT NULL,
    company_id TEXT NOT NULL
);
