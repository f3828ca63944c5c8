-- The programs' registries of recruiting firms as far as accounts need them (from RecruitingFirmChanged): a recruiter
-- user's membership refers to one of them by id (memberships.firm), and shows its name.
CREATE TABLE recruiting_firms (
    program TEXT    NOT NULL,
    firm_id TEXT    NOT NULL,
    name    TEXT    NOT NULL,
    status  TEXT    NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (program, firm_id)
);
