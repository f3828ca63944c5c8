-- 企業名の照合キー: name_key (and the new reading_key, for the reading) no longer carry the legal form written before or after
-- the name (株式会社, (株), ㈱, カブシキガイシャ …), as CompanyName.Key computes it, so (株)北見精機 and 北見精機株式会社 are one
-- name for duplicate warnings and imports. The forms below are CompanyName.LegalForms in its order (a test holds them equal);
-- the first form that matches is removed, at the start and then at the end, never leaving an empty key.
ALTER TABLE companies ADD COLUMN reading_key TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_companies_program_municipality_reading_key ON companies (program, municipality_code, reading_key);
-- The company list's default order, 50音順.
CREATE INDEX ix_companies_program_reading_key ON companies (program, reading_key);

CREATE TEMP TABLE legal_forms (rank INTEGER NOT NULL PRIMARY KEY, form TEXT NOT NULL);
INSERT INTO legal_forms (rank, form) VALUES
    (1, '特定非営利活動法人'),
    (2, '地方独立行政法人'),
    (3, '有限責任事業組合'),
    (4, '一般社団法人'),
    (5, '一般財団法人'),
    (6, '公益社団法人'),
    (7, '公益財団法人'),
    (8, '社会福祉法人'),
    (9, '社会医療法人'),
    (10, '医療法人社団'),
    (11, '医療法人財団'),
    (12, '独立行政法人'),
    (13, '株式会社'),
    (14, '有限会社'),
    (15, '合同会社'),
    (16, '合資会社'),
    (17, '合名会社'),
    (18, 'npo法人'),
    (19, '医療法人'),
    (20, '学校法人'),
    (21, '宗教法人'),
    (22, 'トクテイヒエイリカツドウホウジン'),
    (23, 'イッパンシャダンホウジン'),
    (24, 'イッパンザイダンホウジン'),
    (25, 'コウエキシャダンホウジン'),
    (26, 'コウエキザイダンホウジン'),
    (27, 'シャカイフクシホウジン'),
    (28, 'エヌピーオーホウジン'),
    (29, 'カブシキガイシャ'),
    (30, 'カブシキカイシャ'),
    (31, 'ユウゲンガイシャ'),
    (32, 'ユウゲンカイシャ'),
    (33, 'ゴウドウガイシャ'),
    (34, 'ゴウドウカイシャ'),
    (35, 'ゴウシガイシャ'),
    (36, 'ゴウメイガイシャ'),
    (37, 'イリョウホウジン'),
    (38, '(一社)'),
    (39, '(一財)'),
    (40, '(公社)'),
    (41, '(公財)'),
    (42, '(特非)'),
    (43, '(npo)'),
    (44, '(社福)'),
    (45, '(医社)'),
    (46, '(医財)'),
    (47, '(株)'),
    (48, '(有)'),
    (49, '(同)'),
    (50, '(資)'),
    (51, '(名)'),
    (52, '(医)'),
    (53, '(学)'),
    (54, '(宗)'),
    (55, '(福)'),
    (56, '(社)'),
    (57, '(財)');

-- Both keys of every company, stripped together. name_folded has been the folded name followed by the folded reading,
-- and name_key the folded name.
CREATE TEMP TABLE company_keys (id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (id, kind));
INSERT INTO company_keys (id, kind, key)
SELECT id, 'name', name_key FROM companies
UNION ALL
SELECT id, 'reading', substr(name_folded, length(name_key) + 1) FROM companies;

UPDATE company_keys SET key = substr(key, 1 + coalesce((
    SELECT length(form) FROM legal_forms
     WHERE length(company_keys.key) > length(form) AND substr(company_keys.key, 1, length(form)) = form
     ORDER BY rank LIMIT 1), 0));
UPDATE company_keys SET key = substr(key, 1, length(key) - coalesce((
    SELECT length(form) FROM legal_forms
     WHERE length(company_keys.key) > length(form) AND substr(company_keys.key, -length(form)) = form
     ORDER BY rank LIMIT 1), 0));

UPDATE companies
   SET name_key = (SELECT key FROM company_keys WHERE company_keys.id = companies.id AND kind = 'name'),
       reading_key = (SELECT key FROM company_keys WHERE company_keys.id = companies.id AND kind = 'reading');

DROP TABLE company_keys;
DROP TABLE legal_forms;
