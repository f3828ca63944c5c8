-- セミナー・イベント — seminars, exchange meetings, joint recruiting events and trainings the program holds.
CREATE TABLE seminars (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_seminars PRIMARY KEY NONCLUSTERED,
    program      NVARCHAR(64)     NOT NULL,
    date         DATE             NOT NULL,
    kind         VARCHAR(20)      NOT NULL,
    title        NVARCHAR(200)    NOT NULL,
    place        NVARCHAR(200)    NULL,
    participants INT              NOT NULL,
    notes        NVARCHAR(4000)   NULL,
    held_at      DATETIMEOFFSET   NOT NULL
);
CREATE INDEX ix_seminars_program_date ON seminars (program, date);

-- The companies that took part.
CREATE TABLE seminar_companies (
    seminar_id UNIQUEIDENTIFIER NOT NULL,
    company_id UNIQUEIDENTIFIER NOT NULL,
    CONSTRAINT pk_seminar_companies PRIMARY KEY (seminar_id, company_id)
);
CREATE INDEX ix_seminar_companies_company ON seminar_companies (company_id);
