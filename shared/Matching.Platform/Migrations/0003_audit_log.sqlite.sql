-- Append-only audit log: sign-ins, refusals, role changes, tokens, reads of personal data by recruiters.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at    TEXT NOT NULL,
    program        TEXT NULL,
    user_id        TEXT NULL,
    user_name      TEXT NULL,
    action         TEXT NOT NULL,
    target         TEXT NULL,
    detail         TEXT NULL,
    remote_address TEXT NULL
);
CREATE INDEX ix_audit_log_program ON audit_log (program, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
