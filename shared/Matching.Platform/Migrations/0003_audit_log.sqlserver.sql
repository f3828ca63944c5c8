-- Append-only audit log: sign-ins, refusals, role changes, tokens, reads of personal data by recruiters.
CREATE TABLE audit_log (
    id             BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    occurred_at    DATETIMEOFFSET NOT NULL,
    program        NVARCHAR(64)   NULL,
    user_id        UNIQUEIDENTIFIER NULL,
    user_name      NVARCHAR(100)  NULL,
    action         NVARCHAR(40)   NOT NULL,
    target         NVARCHAR(400)  NULL,
    detail         NVARCHAR(1000) NULL,
    remote_address NVARCHAR(64)   NULL
);
CREATE INDEX ix_audit_log_program ON audit_log (program, id);
GO
CREATE TRIGGER audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 51000, 'audit_log is append-only', 1;
END;
