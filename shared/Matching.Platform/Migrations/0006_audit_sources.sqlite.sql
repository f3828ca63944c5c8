-- The one audit log (kept by Programs) holds entries of every service: which service recorded each, and whether the
-- user acted outside the program (a refused non-member), whose identity the program's office must not see.
ALTER TABLE audit_log ADD COLUMN service TEXT NULL;
ALTER TABLE audit_log ADD COLUMN outsider INTEGER NOT NULL DEFAULT 0;
-- Entries recorded before this script: a refused non-member was recorded with this detail. The log stays append-only
-- for everyone else: the trigger is back before the migration commits.
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET outsider = 1 WHERE action = 'refused' AND detail = 'not a member';
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
