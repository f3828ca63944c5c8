-- The one audit log (kept by Programs) holds entries of every service: which service recorded each, and whether the
-- user acted outside the program (a refused non-member), whose identity the program's office must not see.
ALTER TABLE audit_log ADD
    service  NVARCHAR(40) NULL,
    outsider BIT NOT NULL CONSTRAINT df_audit_log_outsider DEFAULT 0;
GO
-- Entries recorded before this script: a refused non-member was recorded with this detail. The log stays append-only
-- for everyone else: the trigger is back before the migration commits.
DISABLE TRIGGER audit_log_append_only ON audit_log;
GO
UPDATE audit_log SET outsider = 1 WHERE action = N'refused' AND detail = N'not a member';
GO
ENABLE TRIGGER audit_log_append_only ON audit_log;
