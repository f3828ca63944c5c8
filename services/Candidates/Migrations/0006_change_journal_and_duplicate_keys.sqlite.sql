-- Every change of a candidate or a consent, by candidate id: what the matching's in-memory pool of each replica reads to
-- stay current without reloading the data bank. Written by triggers, so no path that writes a candidate can forget it.
-- changed_ms is the database's clock in Unix milliseconds.
CREATE TABLE candidate_changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    program      TEXT    NOT NULL,
    candidate_id TEXT    NOT NULL,
    changed_ms   INTEGER NOT NULL
);
CREATE INDEX ix_candidate_changes_program ON candidate_changes (program, seq);

CREATE TRIGGER tr_candidates_inserted AFTER INSERT ON candidates
BEGIN
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    VALUES (NEW.program, NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER tr_candidates_updated AFTER UPDATE ON candidates
BEGIN
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    VALUES (NEW.program, NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER tr_candidates_deleted AFTER DELETE ON candidates
BEGIN
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    VALUES (OLD.program, OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER tr_consents_inserted AFTER INSERT ON consents
BEGIN
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    VALUES (NEW.program, NEW.candidate_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER tr_consents_updated AFTER UPDATE ON consents
BEGIN
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    VALUES (NEW.program, NEW.candidate_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    SELECT OLD.program, OLD.candidate_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.candidate_id <> NEW.candidate_id;
END;

CREATE TRIGGER tr_consents_deleted AFTER DELETE ON consents
BEGIN
    INSERT INTO candidate_changes (program, candidate_id, changed_ms)
    VALUES (OLD.program, OLD.candidate_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- What the duplicate warning compares (CandidateDuplicates), as indexed columns: a registration among a million
-- candidates looks up three keys instead of reading every row.
ALTER TABLE candidates ADD COLUMN email_key TEXT GENERATED ALWAYS AS (LOWER(email)) VIRTUAL;
ALTER TABLE candidates ADD COLUMN phone_key TEXT GENERATED ALWAYS AS (REPLACE(REPLACE(REPLACE(phone, '-', ''), '+', ''), ' ', '')) VIRTUAL;
ALTER TABLE candidates ADD COLUMN name_compact TEXT GENERATED ALWAYS AS (REPLACE(name_key, ' ', '')) VIRTUAL;
CREATE INDEX ix_candidates_email_key ON candidates (program, email_key);
CREATE INDEX ix_candidates_phone_key ON candidates (program, phone_key);
CREATE INDEX ix_candidates_name_compact ON candidates (program, name_compact, birth_year);
