-- 本人による登録 — a person's own registration, waiting for the confirmation of their e-mail address. The profile waits
-- here (and is cleared when confirmed: the candidate then holds it); only the hash of the mailed token is kept.
CREATE TABLE self_registrations (
    id               TEXT    NOT NULL PRIMARY KEY,
    program          TEXT    NOT NULL,
    token_hash       TEXT    NOT NULL,
    record           TEXT    NOT NULL,
    consent_to_firms INTEGER NOT NULL,
    text_version     TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    expires_at       TEXT    NOT NULL,
    confirmed_at     TEXT    NULL,
    candidate_id     TEXT    NULL
);
CREATE UNIQUE INDEX ux_self_registrations_token ON self_registrations (token_hash);
