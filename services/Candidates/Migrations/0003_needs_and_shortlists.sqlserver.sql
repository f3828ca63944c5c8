-- Local copies of the companies and their talent needs (Companies owns them; from CompanyRegistered/Updated and
-- TalentNeedOpened/Changed): what ranking for a need by its id, and the open needs that fit a candidate, read.
CREATE TABLE companies (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_companies PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    name              NVARCHAR(200)    NOT NULL,
    municipality_code CHAR(6)          NOT NULL,
    version           INT              NOT NULL
);

CREATE TABLE needs (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_needs PRIMARY KEY NONCLUSTERED,
    program           NVARCHAR(64)     NOT NULL,
    company_id        UNIQUEIDENTIFIER NOT NULL,
    role              NVARCHAR(200)    NOT NULL,
    employment_form   VARCHAR(20)      NOT NULL,
    status            VARCHAR(20)      NOT NULL,
    municipality_code CHAR(6)          NULL,
    terms             NVARCHAR(MAX)    NULL,
    version           INT              NOT NULL
);
CREATE INDEX ix_needs_program_status ON needs (program, status);

-- 候補者リスト — the candidates a coordinator keeps for a need, with a note; introductions are made from it (Placements).
CREATE TABLE shortlists (
    need_id      UNIQUEIDENTIFIER NOT NULL,
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    program      NVARCHAR(64)     NOT NULL,
    note         NVARCHAR(500)    NULL,
    added_at     DATETIMEOFFSET   NOT NULL,
    added_by     NVARCHAR(100)    NULL,
    CONSTRAINT pk_shortlists PRIMARY KEY (need_id, candidate_id)
);
CREATE INDEX ix_shortlists_candidate ON shortlists (candidate_id);

-- The program's weights of the match score (the defaults where a program has none).
CREATE TABLE match_weights (
    program    NVARCHAR(64)   NOT NULL CONSTRAINT pk_match_weights PRIMARY KEY,
    weights    NVARCHAR(1000) NOT NULL,
    version    INT            NOT NULL,
    changed_at DATETIMEOFFSET NOT NULL,
    changed_by NVARCHAR(100)  NULL
);
