-- 企業名の照合キー: name_key (and the new reading_key, for the reading) no longer carry the legal form written before or after
-- the name (株式会社, (株), ㈱, カブシキガイシャ …), as CompanyName.Key computes it, so (株)北見精機 and 北見精機株式会社 are one
-- name for duplicate warnings and imports. The forms below are CompanyName.LegalForms in its order (a test holds them equal);
-- the first form that matches is removed, at the start and then at the end, never leaving an empty key.
-- Binary collation: the keys are folded already, and a kana- or width-insensitive collation would remove more than the rule says.
ALTER TABLE companies ADD reading_key NVARCHAR(200) NOT NULL CONSTRAINT df_companies_reading_key DEFAULT N'';
GO
CREATE INDEX ix_companies_program_municipality_reading_key ON companies (program, municipality_code, reading_key);
-- The company list's default order, 50音順.
CREATE INDEX ix_companies_program_reading_key ON companies (program, reading_key);

CREATE TABLE #legal_forms (rank INT NOT NULL PRIMARY KEY, form NVARCHAR(20) COLLATE Latin1_General_100_BIN2 NOT NULL);
INSERT INTO #legal_forms (rank, form) VALUES
    (1, N'特定非営利活動法人'),
    (2, N'地方独立行政法人'),
    (3, N'有限責任事業組合'),
    (4, N'一般社団法人'),
    (5, N'一般財団法人'),
    (6, N'公益社団法人'),
    (7, N'公益財団法人'),
    (8, N'社会福祉法人'),
    (9, N'社会医療法人'),
    (10, N'医療法人社団'),
    (11, N'医療法人財団'),
    (12, N'独立行政法人'),
    (13, N'株式会社'),
    (14, N'有限会社'),
    (15, N'合同会社'),
    (16, N'合資会社'),
    (17, N'合名会社'),
    (18, N'npo法人'),
    (19, N'医療法人'),
    (20, N'学校法人'),
    (21, N'宗教法人'),
    (22, N'トクテイヒエイリカツドウホウジン'),
    (23, N'イッパンシャダンホウジン'),
    (24, N'イッパンザイダンホウジン'),
    (25, N'コウエキシャダンホウジン'),
    (26, N'コウエキザイダンホウジン'),
    (27, N'シャカイフクシホウジン'),
    (28, N'エヌピーオーホウジン'),
    (29, N'カブシキガイシャ'),
    (30, N'カブシキカイシャ'),
    (31, N'ユウゲンガイシャ'),
    (32, N'ユウゲンカイシャ'),
    (33, N'ゴウドウガイシャ'),
    (34, N'ゴウドウカイシャ'),
    (35, N'ゴウシガイシャ'),
    (36, N'ゴウメイガイシャ'),
    (37, N'イリョウホウジン'),
    (38, N'(一社)'),
    (39, N'(一財)'),
    (40, N'(公社)'),
    (41, N'(公財)'),
    (42, N'(特非)'),
    (43, N'(npo)'),
    (44, N'(社福)'),
    (45, N'(医社)'),
    (46, N'(医財)'),
    (47, N'(株)'),
    (48, N'(有)'),
    (49, N'(同)'),
    (50, N'(資)'),
    (51, N'(名)'),
    (52, N'(医)'),
    (53, N'(学)'),
    (54, N'(宗)'),
    (55, N'(福)'),
    (56, N'(社)'),
    (57, N'(財)');

-- Both keys of every company, stripped together. name_folded has been the folded name followed by the folded reading,
-- and name_key the folded name.
CREATE TABLE #company_keys (id UNIQUEIDENTIFIER NOT NULL, kind VARCHAR(10) NOT NULL, [key] NVARCHAR(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (id, kind));
INSERT INTO #company_keys (id, kind, [key])
SELECT id, 'name', name_key FROM companies
UNION ALL
SELECT id, 'reading', SUBSTRING(name_folded, LEN(name_key) + 1, 400) FROM companies;

UPDATE #company_keys SET [key] = SUBSTRING([key], 1 + COALESCE((
    SELECT TOP (1) LEN(form) FROM #legal_forms
     WHERE LEN(#company_keys.[key]) > LEN(form) AND LEFT(#company_keys.[key], LEN(form)) = form
     ORDER BY rank), 0), 400);
UPDATE #company_keys SET [key] = LEFT([key], LEN([key]) - COALESCE((
    SELECT TOP (1) LEN(form) FROM #legal_forms
     WHERE LEN(#company_keys.[key]) > LEN(form) AND RIGHT(#company_keys.[key], LEN(form)) = form
     ORDER BY rank), 0));

UPDATE companies
   SET name_key = (SELECT [key] FROM #company_keys k WHERE k.id = companies.id AND k.kind = 'name'),
       reading_key = (SELECT [key] FROM #company_keys k WHERE k.id = companies.id AND k.kind = 'reading');

DROP TABLE #company_keys;
DROP TABLE #legal_forms;
