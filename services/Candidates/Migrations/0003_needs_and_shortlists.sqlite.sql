-- Local copies of the companies and their talent needs (Companies owns them; from CompanyRegistered/Updated and
-- TalentNeedOpened/Changed): what ranking for a need by its id, and the open needs that fit a candidate, read.
CREATE TABLE companies (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    municipality_code TEXT    NOT NULL,
    version           INTEGER NOT NULL
);

CREATE TABLE needs (
    id                TEXT    NOT NULL PRIMARY KEY,
    program           TEXT    NOT NULL,
    company_id        TEXT    NOT NULL,
    role              TEXT    NOT NULL,
    employment_form   TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    municipality_code TEXT    NULL,
    terms             TEXT    NULL,
    version           INTEGER NOT NULL
);
CREATE INDEX ix_needs_program_status ON needs (program, status);

-- 候補者リスト — the candidates a coordinator keeps for a need, with a note; introductions are made from it (Placements).
CREATE TABLE shortlists (
    need_id      TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    program      TEXT NOT NULL,
    note         TEXT NULL,
    added_at     TEXT NOT NULL,
    added_by     TEXT NULL,
    PRIMARY KEY (need_id, candidate_id)
);
CREATE INDEX ix_shortlists_candidate ON shortlists (candidate_id);

-- The program's weights of the match score (the defaults where a program has none).
CREATE TABLE match_weights (
    program    TEXT    NOT NULL PRIMARY KEY,
    weights    TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NULL
);
