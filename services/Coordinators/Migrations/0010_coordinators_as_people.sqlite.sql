-- 担当コーディネーター as people: the program's coordinators (a copy of Programs' accounts, from ProgramStaffChanged),
-- and each consultation's coordinators in order (the first is the main one) by account where known, with the name as
-- it was written. Existing consultations keep their names here as named outside staff (user_id NULL); a name that
-- matches a coordinator's display name after kana folding is linked to the account when the list arrives (StaffCopy).
CREATE TABLE staff (
    program      TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    level        TEXT    NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (program, user_id)
);

CREATE TABLE staff_rosters (
    program    TEXT NOT NULL PRIMARY KEY,
    changed_at TEXT NOT NULL
);

CREATE TABLE consultation_coordinators (
    consultation_id TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    program         TEXT    NOT NULL,
    user_id         TEXT    NULL,
    name            TEXT    NOT NULL,
    PRIMARY KEY (consultation_id, position)
);
CREATE INDEX ix_consultation_coordinators_user ON consultation_coordinators (program, user_id);

-- consultations.coordinators holds the names one per line: each line becomes a row, in order.
WITH RECURSIVE parts (consultation_id, program, position, name, rest) AS (
    SELECT id, program, 0,
           CASE WHEN instr(coordinators, char(10)) > 0 THEN substr(coordinators, 1, instr(coordinators, char(10)) - 1) ELSE coordinators END,
           CASE WHEN instr(coordinators, char(10)) > 0 THEN substr(coordinators, instr(coordinators, char(10)) + 1) ELSE NULL END
      FROM consultations
     WHERE coordinators <> ''
    UNION ALL
    SELECT consultation_id, program, position + 1,
           CASE WHEN instr(rest, char(10)) > 0 THEN substr(rest, 1, instr(rest, char(10)) - 1) ELSE rest END,
           CASE WHEN instr(rest, char(10)) > 0 THEN substr(rest, instr(rest, char(10)) + 1) ELSE NULL END
      FROM parts
     WHERE rest IS NOT NULL
)
INSERT INTO consultation_coordinators (consultation_id, position, program, user_id, name)
SELECT consultation_id, position, program, NULL, name FROM parts;
