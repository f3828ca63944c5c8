-- Where a user is told of changes that concern them (a firm's answer to their referral): one e-mail address, optional.
ALTER TABLE users ADD email NVARCHAR(254) NULL;

-- A referral (取次) as far as telling its coordinator of the answer needs it: who referred it (from NeedReferred) and
-- the firm's answer or the expiry (from ReferralAccepted / Declined / Expired), in whichever order they arrive.
CREATE TABLE referral_notices (
    referral_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_referral_notices PRIMARY KEY,
    program       NVARCHAR(64)     NOT NULL,
    referred_by   UNIQUEIDENTIFIER NULL,
    firm_name     NVARCHAR(200)    NULL,
    need_role     NVARCHAR(200)    NULL,
    referred_on   DATE             NULL,
    answer        NVARCHAR(20)     NULL,
    answer_reason NVARCHAR(2000)   NULL,
    answered_at   DATETIMEOFFSET   NULL,
    notified_at   DATETIMEOFFSET   NULL
);
