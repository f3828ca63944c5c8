-- 担当コーディネーター as people: the program's coordinators (a copy of Programs' accounts, from ProgramStaffChanged),
-- and each consultation's coordinators in order (the first is the main one) by account where known, with the name as
-- it was written. Existing consultations keep their names here as named outside staff (user_id NULL); a name that
-- matches a coordinator's display name after kana folding is linked to the account when the list arrives (StaffCopy).
CREATE TABLE staff (
    program      NVARCHAR(64)     NOT NULL,
    user_id      UNIQUEIDENTIFIER NOT NULL,
    display_name NVARCHAR(200)    NOT NULL,
    level        VARCHAR(20)      NULL,
    position     INT              NOT NULL,
    CONSTRAINT pk_staff PRIMARY KEY (program, user_id)
);

CREATE TABLE staff_rosters (
    program    NVARCHAR(64)      NOT NULL CONSTRAINT pk_staff_rosters PRIMARY KEY,
    changed_at DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE consultation_coordinators (
    consultation_id UNIQUEIDENTIFIER NOT NULL,
    position        INT              NOT NULL,
    program         NVARCHAR(64)     NOT NULL,
    user_id         UNIQUEIDENTIFIER NULL,
    name            NVARCHAR(200)    NOT NULL,
    CONSTRAINT pk_consultation_coordinators PRIMARY KEY (consultation_id, position)
);
CREATE INDEX ix_consultation_coordinators_user ON consultation_coordinators (program, user_id);
GO
-- consultations.coordinators holds the names one per line: each line becomes a row, in order.
WITH parts (consultation_id, program, position, name, rest) AS (
    SELECT id, program, 0,
           CAST(CASE WHEN CHARINDEX(NCHAR(10), coordinators) > 0 THEN LEFT(coordinators, CHARINDEX(NCHAR(10), coordinators) - 1) ELSE coordinators END AS NVARCHAR(600)),
           CAST(CASE WHEN CHARINDEX(NCHAR(10), coordinators) > 0 THEN SUBSTRING(coordinators, CHARINDEX(NCHAR(10), coordinators) + 1, 600) ELSE NULL END AS NVARCHAR(600))
      FROM consultations
     WHERE coordinators <> N''
    UNION ALL
    SELECT consultation_id, program, position + 1,
           CAST(CASE WHEN CHARINDEX(NCHAR(10), rest) > 0 THEN LEFT(rest, CHARINDEX(NCHAR(10), rest) - 1) ELSE rest END AS NVARCHAR(600)),
           CAST(CASE WHEN CHARINDEX(NCHAR(10), rest) > 0 THEN SUBSTRING(rest, CHARINDEX(NCHAR(10), rest) + 1, 600) ELSE NULL END AS NVARCHAR(600))
      FROM parts
     WHERE rest IS NOT NULL
)
INSERT INTO consultation_coordinators (consultation_id, position, program, user_id, name)
SELECT consultation_id, position, program, NULL, name FROM parts;
