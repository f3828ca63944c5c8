-- Firms registered before FirmRegistrationChanged existed: announced once at the next start (FirmAnnouncements).
CREATE TABLE firm_announcements_pending (
    firm_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_firm_announcements_pending PRIMARY KEY
);
INSERT INTO firm_announcements_pending (firm_id) SELECT DISTINCT firm_id FROM firm_registrations;
