-- 保存期間 — the program's retention period for its candidates: a record with no activity for that many years is erased
-- by the sweep. No row (or NULL years) is off: the default, until the office sets a period.
CREATE TABLE retention_settings (
    program         NVARCHAR(64)   NOT NULL CONSTRAINT pk_retention_settings PRIMARY KEY,
    candidate_years INT            NULL,
    version         INT            NOT NULL,
    changed_at      DATETIMEOFFSET NOT NULL,
    changed_by      NVARCHAR(100)  NULL
);

-- What the sweep looks for: provisions past their 3 years (the program index leads with program), waiting
-- self-registrations past their link, candidates not updated for the period.
CREATE INDEX ix_provisions_provided ON provisions (provided_at);
CREATE INDEX ix_self_registrations_expiry ON self_registrations (expires_at);
CREATE INDEX ix_candidates_updated ON candidates (program, updated_at);
