-- One or more coordinators (newline-separated, the first is the main one), management issues (経営課題, comma-separated codes),
-- the next action, whether a talent need came out of it, and when it was last corrected.
ALTER TABLE consultations ADD
    coordinators     NVARCHAR(600)  NOT NULL CONSTRAINT df_consultations_coordinators DEFAULT N'',
    issues           VARCHAR(200)   NOT NULL CONSTRAINT df_consultations_issues DEFAULT '',
    other_issue      NVARCHAR(200)  NULL,
    next_action      NVARCHAR(500)  NULL,
    next_action_date DATE           NULL,
    need_identified  BIT            NOT NULL CONSTRAINT df_consultations_need_identified DEFAULT 0,
    corrected_at     DATETIMEOFFSET NULL;
GO
UPDATE consultations SET coordinators = coordinator;
GO
-- 修正履歴: the consultation as it was before each correction.
CREATE TABLE consultation_revisions (
    consultation_id  UNIQUEIDENTIFIER NOT NULL,
    version          INT              NOT NULL,
    coordinators     NVARCHAR(600)    NOT NULL,
    channel          VARCHAR(20)      NOT NULL,
    issues           VARCHAR(200)     NOT NULL,
    other_issue      NVARCHAR(200)    NULL,
    notes            NVARCHAR(MAX)    NULL,
    next_action      NVARCHAR(500)    NULL,
    next_action_date DATE             NULL,
    need_identified  BIT              NOT NULL,
    replaced_at      DATETIMEOFFSET   NOT NULL,
    replaced_by      NVARCHAR(100)    NOT NULL,
    CONSTRAINT pk_consultation_revisions PRIMARY KEY (consultation_id, version)
);
GO
-- The company's version this copy holds: a correction older than the copy is ignored.
ALTER TABLE companies ADD version INT NOT NULL CONSTRAINT df_companies_version DEFAULT 1;
