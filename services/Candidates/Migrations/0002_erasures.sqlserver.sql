-- 消去の記録 — a candidate whose personal data was erased: the profile, its skills and revisions are deleted; what stays is
-- the id (pseudonymous: nothing left names the person), when and why, so the provision records (第29条) and the
-- consents they rested on still answer "whose data" by the id, and a second erasure request is recognised.
CREATE TABLE erasures (
    candidate_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_erasures PRIMARY KEY NONCLUSTERED,
    program       NVARCHAR(64)     NOT NULL,
    registered_at DATETIMEOFFSET   NOT NULL,
    erased_at     DATETIMEOFFSET   NOT NULL,
    reason        VARCHAR(20)      NOT NULL,
    erased_by     NVARCHAR(100)    NULL
);
CREATE INDEX ix_erasures_program ON erasures (program, erased_at);
