-- 保存期間 — the program's retention period for its candidates: a record with no activity for that many years is erased
-- by the sweep. No row (or NULL years) is off: the default, until the office sets a period.
CREATE TABLE retention_settings (
    program         TEXT    NOT NULL PRIMARY KEY,
    candidate_years INTEGER NULL,
    version         INTEGER NOT NULL,
    changed_at      TEXT    NOT NULL,
    changed_by      TEXT    NULL
);

-- What the sweep looks for: provisions past their 3 years (the program index leads with program), waiting
-- self-registrations past their link, candidates not updated for the period.
CREATE INDEX ix_provisions_provided ON provisions (provided_at);
CREATE INDEX ix_self_registrations_expiry ON self_registrations (expires_at);
CREATE INDEX ix_candidates_updated ON candidates (program, updated_at);
