-- 消去の記録 — a candidate whose personal data was erased: the profile, its skills and revisions are deleted; what stays is
-- the id (pseudonymous: nothing left names the person), when and why, so the provision records (第29条) and the
-- consents they rested on still answer "whose data" by the id, and a second erasure request is recognised.
CREATE TABLE erasures (
    candidate_id  TEXT NOT NULL PRIMARY KEY,
    program       TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    erased_at     TEXT NOT NULL,
    reason        TEXT NOT NULL,
    erased_by     TEXT NULL
);
CREATE INDEX ix_erasures_program ON erasures (program, erased_at);
