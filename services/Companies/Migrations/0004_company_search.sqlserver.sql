-- On SQL Server a name search reads ix_companies_program_name_folded (0001) with LIKE; a full-text catalog is the DBA's
-- choice and is set up outside the migrations. This script keeps both dialects' versions in step and changes nothing.
SELECT 1 AS company_search_uses_like;
