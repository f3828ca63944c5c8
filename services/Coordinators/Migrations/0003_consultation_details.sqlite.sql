-- One or more coordinators (newline-separated, the first is the main one), management issues (経営課題, comma-separated codes),
-- the next action, whether a talent need came out of it, and when it was last corrected.
ALTER TABLE consultations ADD COLUMN coordinators TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN issues TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN other_issue TEXT NULL;
ALTER TABLE consultations ADD COLUMN next_action TEXT NULL;
ALTER TABLE consultations ADD COLUMN next_action_date TEXT NULL;
ALTER TABLE consultations ADD COLUMN need_identified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN corrected_at TEXT NULL;
UPDATE consultations SET coordinators = coordinator;

-- 修正履歴: the consultation as it was before each correction.
CREATE TABLE consultation_revisions (
    consultation_id TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    coordinators    TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    issues          TEXT    NOT NULL,
    other_issue     TEXT    NULL,
    notes           TEXT    NULL,
    next_action     TEXT    NULL,
    next_action_date TEXT   NULL,
    need_identified INTEGER NOT NULL,
    replaced_at     TEXT    NOT NULL,
    replaced_by     TEXT    NOT NULL,
    PRIMARY KEY (consultation_id, version)
);

-- The company's version this copy holds: a correction older than the copy is ignored.
ALTER TABLE companies ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
