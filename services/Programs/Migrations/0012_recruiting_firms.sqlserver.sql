-- The programs' registries of recruiting firms as far as accounts need them (from RecruitingFirmChanged): a recruiter
-- user's membership refers to one of them by id (memberships.firm, text), and shows its name.
CREATE TABLE recruiting_firms (
    program NVARCHAR(64)  NOT NULL,
    firm_id NVARCHAR(36)  NOT NULL,
    name    NVARCHAR(200) NOT NULL,
    status  NVARCHAR(20)  NOT NULL,
    version BIGINT        NOT NULL,
    CONSTRAINT pk_recruiting_firms PRIMARY KEY (program, firm_id)
);
