-- Where a user is told of changes that concern them (a firm's answer to their referral): one e-mail address, optional.
ALTER TABLE users ADD COLUMN email TEXT NULL;

-- A referral (取次) as far as telling its coordinator of the answer needs it: who referred it (from NeedReferred) and
-- the firm's answer or the expiry (from ReferralAccepted / Declined / Expired), in whichever order they arrive.
CREATE TABLE referral_notices (
    referral_id   TEXT NOT NULL PRIMARY KEY,
    program       TEXT NOT NULL,
    referred_by   TEXT NULL,
    firm_name     TEXT NULL,
    need_role     TEXT NULL,
    referred_on   TEXT NULL,
    answer        TEXT NULL,
    answer_reason TEXT NULL,
    answered_at   TEXT NULL,
    notified_at   TEXT NULL
);
