-- 本人による登録 — a person's own registration, waiting for the confirmation of their e-mail address. The profile waits
-- here (and is cleared when confirmed: the candidate then holds it); only the hash of the mailed token is kept.
CREATE TABLE self_registrations (
    id               UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_self_registrations PRIMARY KEY NONCLUSTERED,
    program          NVARCHAR(64)     NOT NULL,
    token_hash       CHAR(64)         NOT NULL,
    record           NVARCHAR(MAX)    NOT NULL,
    consent_to_firms BIT              NOT NULL,
    text_version     NVARCHAR(50)     NOT NULL,
    created_at       DATETIMEOFFSET   NOT NULL,
    expires_at       DATETIMEOFFSET   NOT NULL,
    confirmed_at     DATETIMEOFFSET   NULL,
    candidate_id     UNIQUEIDENTIFIER NULL
);
CREATE UNIQUE INDEX ux_self_registrations_token ON self_registrations (token_hash);
