-- 統合 — a duplicate registration merged into the record that stays: the duplicate's id, when it was registered and by
-- which firm, who merged it. Its history stays in candidate_revisions under its own id (its last version included);
-- its consents, provision records and shortlist entries now name the record that stays.
CREATE TABLE merges (
    merged_id      TEXT NOT NULL PRIMARY KEY,
    program        TEXT NOT NULL,
    into_id        TEXT NOT NULL,
    registered_at  TEXT NOT NULL,
    source_firm_id TEXT NULL,
    merged_at      TEXT NOT NULL,
    merged_by      TEXT NULL
);
CREATE INDEX ix_merges_into ON merges (into_id);
