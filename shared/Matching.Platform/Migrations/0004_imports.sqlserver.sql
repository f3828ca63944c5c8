-- 取込 — an uploaded file (company list, consultation log, NTA corporate data), its column mapping, the check, and the outcome.
CREATE TABLE imports (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_imports PRIMARY KEY NONCLUSTERED,
    program      NVARCHAR(64)     NOT NULL,
    kind         VARCHAR(32)      NOT NULL,
    file_name    NVARCHAR(260)    NOT NULL,
    content      VARBINARY(MAX)   NOT NULL,
    format       VARCHAR(8)       NOT NULL,
    encoding     VARCHAR(16)      NOT NULL,
    row_count    INT              NOT NULL,
    columns      NVARCHAR(MAX)    NOT NULL,
    status       VARCHAR(16)      NOT NULL,
    check_result NVARCHAR(MAX)    NULL,
    outcome      NVARCHAR(MAX)    NULL,
    message      NVARCHAR(500)    NULL,
    created_by   NVARCHAR(100)    NOT NULL,
    created_at   DATETIMEOFFSET   NOT NULL,
    finished_at  DATETIMEOFFSET   NULL,
    version      INT              NOT NULL
);
CREATE INDEX ix_imports_program ON imports (program, created_at);

-- The column mapping an office chose, remembered per program by the (folded) header text.
CREATE TABLE import_mappings (
    program NVARCHAR(64)  NOT NULL,
    kind    VARCHAR(32)   NOT NULL,
    header  NVARCHAR(200) NOT NULL,
    field   VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_import_mappings PRIMARY KEY (program, kind, header)
);
