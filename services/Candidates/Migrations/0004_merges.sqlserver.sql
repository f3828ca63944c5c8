-- 統合 — a duplicate registration merged into the record that stays: the duplicate's id, when it was registered and by
-- which firm, who merged it. Its history stays in candidate_revisions under its own id (its last version included);
-- its consents, provision records and shortlist entries now name the record that stays.
CREATE TABLE merges (
    merged_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_merges PRIMARY KEY NONCLUSTERED,
    program        NVARCHAR(64)     NOT NULL,
    into_id        UNIQUEIDENTIFIER NOT NULL,
    registered_at  DATETIMEOFFSET   NOT NULL,
    source_firm_id UNIQUEIDENTIFIER NULL,
    merged_at      DATETIMEOFFSET   NOT NULL,
    merged_by      NVARCHAR(100)    NULL
);
CREATE INDEX ix_merges_into ON merges (into_id);
