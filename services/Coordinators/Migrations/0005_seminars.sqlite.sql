-- セミナー・イベント — seminars, exchange meetings, joint recruiting events and trainings the program holds.
CREATE TABLE seminars (
    id           TEXT    NOT NULL PRIMARY KEY,
    program      TEXT    NOT NULL,
    date         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    place        TEXT    NULL,
    participants INTEGER NOT NULL,
    notes        TEXT    NULL,
    held_at      TEXT    NOT NULL
);
CREATE INDEX ix_seminars_program_date ON seminars (program, date);

-- The companies that took part.
CREATE TABLE seminar_companies (
    seminar_id TEXT NOT NULL,
    company_id TEXT NOT NULL,
    PRIMARY KEY (seminar_id, company_id)
);
CREATE INDEX ix_seminar_companies_company ON seminar_companies (company_id);
