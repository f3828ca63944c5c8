-- 企業検索の索引: every 3-character piece (trigram) of the kana-folded name and reading, so that a search for any part of
-- a name (ｶﾌﾞｼｷ, カブシキ and かぶしき alike, after folding) finds its companies without reading the whole table.
-- Kept in step with companies by triggers; shorter searches (1–2 characters) read name_folded instead.
CREATE VIRTUAL TABLE company_search USING fts5(name_folded, content = 'companies', content_rowid = 'rowid', tokenize = 'trigram');
INSERT INTO company_search (rowid, name_folded) SELECT rowid, name_folded FROM companies;
CREATE TRIGGER companies_search_insert AFTER INSERT ON companies
BEGIN
    INSERT INTO company_search (rowid, name_folded) VALUES (new.rowid, new.name_folded);
END;
CREATE TRIGGER companies_search_update AFTER UPDATE OF name_folded ON companies
BEGIN
    INSERT INTO company_search (company_search, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
    INSERT INTO company_search (rowid, name_folded) VALUES (new.rowid, new.name_folded);
END;
CREATE TRIGGER companies_search_delete AFTER DELETE ON companies
BEGIN
    INSERT INTO company_search (company_search, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
END;
