-- Every change of a candidate or a consent, by candidate id: what the matching's in-memory pool of each replica reads to
-- stay current without reloading the data bank. Written by triggers, so no path that writes a candidate can forget it.
-- changed_ms is the database's clock in Unix milliseconds. An IDENTITY value is taken before its transaction commits,
-- so a reader keeps looking again at the numbers it saw missing (CandidatePool).
CREATE TABLE candidate_changes (
    seq          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_candidate_changes PRIMARY KEY,
    program      NVARCHAR(64)     NOT NULL,
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    changed_ms   BIGINT           NOT NULL
);
CREATE INDEX ix_candidate_changes_program ON candidate_changes (program, seq);
GO
CREATE TRIGGER tr_candidates_changed ON candidates AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    SELECT program, id, DATEDIFF_BIG(MILLISECOND, '1970-01-01', SYSUTCDATETIME()) FROM inserted
    UNION
    SELECT program, id, DATEDIFF_BIG(MILLISECOND, '1970-01-01', SYSUTCDATETIME()) FROM deleted;
END;
GO
CREATE TRIGGER tr_consents_changed ON consents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    SELECT program, candidate_id, DATEDIFF_BIG(MILLISECOND, '1970-01-01', SYSUTCDATETIME()) FROM inserted
    UNION
    SELECT program, candidate_id, DATEDIFF_BIG(MILLISECOND, '1970-01-01', SYSUTCDATETIME()) FROM deleted;
END;
GO
-- What the duplicate warning compares (CandidateDuplicates), as indexed columns: a registration among a million
-- candidates looks up three keys instead of reading every row.
ALTER TABLE candidates ADD email_key AS LOWER(email);
ALTER TABLE candidates ADD phone_key AS REPLACE(REPLACE(REPLACE(phone, '-', ''), '+', ''), ' ', '');
ALTER TABLE candidates ADD name_compact AS REPLACE(name_key, ' ', '');
GO
CREATE INDEX ix_candidates_email_key ON candidates (program, email_key);
CREATE INDEX ix_candidates_phone_key ON candidates (program, phone_key);
CREATE INDEX ix_candidates_name_compact ON candidates (program, name_compact, birth_year);
