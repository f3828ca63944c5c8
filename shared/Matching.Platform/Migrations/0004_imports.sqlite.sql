-- 取込 — an uploaded file (company list, consultation log, NTA corporate data), its column mapping, the check, and the outcome.
CREATE TABLE imports (
    id           TEXT    NOT NULL PRIMARY KEY,
    program      TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    format       TEXT    NOT NULL,
    encoding     TEXT    NOT NULL,
    row_count    INTEGER NOT NULL,
    columns      TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    check_result TEXT    NULL,
    outcome      TEXT    NULL,
    message      TEXT    NULL,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    finished_at  TEXT    NULL,
    version      INTEGER NOT NULL
);
CREATE INDEX ix_imports_program ON imports (program, created_at);

-- The column mapping an office chose, remembered per program by the (folded) header text.
CREATE TABLE import_mappings (
    program TEXT NOT NULL,
    kind    TEXT NOT NULL,
    header  TEXT NOT NULL,
    field   TEXT NOT NULL,
    PRIMARY KEY (program, kind, header)
);
