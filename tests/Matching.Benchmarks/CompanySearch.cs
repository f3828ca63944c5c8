using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Contracts;
using Matching.Testing;
using Microsoft.Data.Sqlite;

namespace Matching.Benchmarks;

/// <summary>
/// A coordinator's daily reads at scale: the kana-folded company search over a million companies, and the consultation
/// log of a company with a thousand entries, each over HTTP, next to the plain scans they replace; and a 100,000-row
/// company list imported through the API (upload and check, then the commit with its progress).
/// </summary>
internal static class CompanySearch
{
    private const string Program = "search-bench";
    private const string ImportProgram = "import-bench";

    private static readonly string[] Places =
    [
        "北見", "札幌", "十勝", "旭川", "釧路", "函館", "帯広", "小樽", "苫小牧", "室蘭", "網走", "稚内", "根室", "紋別", "留萌", "富良野",
        "岩見沢", "江別", "千歳", "登別", "伊達", "名寄", "士別", "深川", "滝川", "砂川", "美唄", "芦別", "夕張", "三笠", "石狩", "北広島",
    ];

    private static readonly string[] PlaceKana =
    [
        "キタミ", "サッポロ", "トカチ", "アサヒカワ", "クシロ", "ハコダテ", "オビヒロ", "オタル", "トマコマイ", "ムロラン", "アバシリ", "ワッカナイ", "ネムロ", "モンベツ", "ルモイ", "フラノ",
        "イワミザワ", "エベツ", "チトセ", "ノボリベツ", "ダテ", "ナヨロ", "シベツ", "フカガワ", "タキカワ", "スナガワ", "ビバイ", "アシベツ", "ユウバリ", "ミカサ", "イシカリ", "キタヒロシマ",
    ];

    private static readonly (string Name, string Kana)[] Cores =
    [
        ("オホーツク", "オホーツク"), ("大地", "ダイチ"), ("北斗", "ホクト"), ("白樺", "シラカバ"), ("流氷", "リュウヒョウ"), ("銀河", "ギンガ"),
        ("ひまわり", "ヒマワリ"), ("ノース", "ノース"), ("フロンティア", "フロンティア"), ("さくら", "サクラ"), ("みのり", "ミノリ"), ("はまなす", "ハマナス"),
        ("丸山", "マルヤマ"), ("高橋", "タカハシ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("中村", "ナカムラ"), ("山本", "ヤマモト"),
        ("大雪", "タイセツ"), ("雪印", "ユキジルシ"), ("道東", "ドウトウ"), ("道北", "ドウホク"), ("エゾ", "エゾ"), ("アイヌ", "アイヌ"),
    ];

    private static readonly (string Name, string Kana)[] Trades =
    [
        ("精機", "セイキ"), ("食品", "ショクヒン"), ("建設", "ケンセツ"), ("運輸", "ウンユ"), ("水産", "スイサン"), ("物産", "ブッサン"), ("工業", "コウギョウ"),
        ("商事", "ショウジ"), ("システム", "システム"), ("デザイン", "デザイン"), ("農園", "ノウエン"), ("酪農", "ラクノウ"), ("製菓", "セイカ"), ("電機", "デンキ"),
        ("観光", "カンコウ"), ("ホテル", "ホテル"), ("印刷", "インサツ"), ("不動産", "フドウサン"), ("木材", "モクザイ"), ("医療サービス", "イリョウサービス"),
    ];

    private static readonly (string Name, string Kana)[] Brands =
    [
        ("テック", "テック"), ("ワークス", "ワークス"), ("ファーム", "ファーム"), ("ラボ", "ラボ"), ("リンク", "リンク"), ("クラフト", "クラフト"),
        ("アグリ", "アグリ"), ("マリン", "マリン"), ("ソリューションズ", "ソリューションズ"), ("ネクスト", "ネクスト"), ("プラス", "プラス"), ("ライフ", "ライフ"),
        ("東洋", "トウヨウ"), ("共栄", "キョウエイ"), ("協和", "キョウワ"), ("富士", "フジ"), ("日進", "ニッシン"), ("三和", "サンワ"),
        ("光", "ヒカリ"), ("緑", "ミドリ"), ("青空", "アオゾラ"), ("朝日", "アサヒ"), ("新星", "シンセイ"), ("昭和", "ショウワ"),
        ("平和", "ヘイワ"), ("明和", "メイワ"), ("大和", "ヤマト"), ("栄光", "エイコウ"), ("太陽", "タイヨウ"), ("恵", "メグミ"),
        ("樹", "イツキ"), ("碧", "アオイ"), ("岬", "ミサキ"), ("港", "ミナト"), ("森", "モリ"), ("泉", "イズミ"), ("峰", "ミネ"), ("野", "ノ"), ("原", "ハラ"), ("丘", "オカ"),
    ];

    private static readonly string[] Forms = ["株式会社", "有限会社", "合同会社"];

    /// <summary>A company name and its reading, unique by the number (漢数字 would be truer, digits keep it readable).</summary>
    private static (string Name, string Kana) CompanyName(int n)
    {
        // Mixed so that neighbouring numbers share little: place, two words, trade, legal form before or after.
        var h = (uint)n * 2654435761u;
        var place = (int)(h % (uint)Places.Length);
        var core = Cores[(int)(h / 7 % (uint)Cores.Length)];
        var brand = Brands[(int)(h / 211 % (uint)Brands.Length)];
        var trade = Trades[(int)(h / 9973 % (uint)Trades.Length)];
        var form = Forms[n % Forms.Length];
        var serial = n >= 1_000_000 ? (n / 1_000_000).ToString(CultureInfo.InvariantCulture) : "";
        var name = (n % 2 == 0 ? form : "") + Places[place] + core.Name + brand.Name + trade.Name + serial + (n % 2 == 0 ? "" : form);
        return (name, PlaceKana[place] + core.Kana + brand.Kana + trade.Kana + serial);
    }

    public static async Task<IReadOnlyList<Measurement>> RunAsync(int companies, int logEntries, int importRows, int searches)
    {
        var results = new List<Measurement>();
        await using var product = await EmbeddedProduct.StartAsync();
        await product.Slice.CreateProgramAsync(Program, "検索ベンチマーク");
        await product.Slice.CreateProgramAsync(ImportProgram, "取込ベンチマーク");
        using var coordinator = await TestUsers.MemberAsync(product.Admin, Program, "coordinator");
        using var importer = await TestUsers.MemberAsync(product.Admin, ImportProgram, "coordinator");
        await product.Slice.RegisterCompanyAsync(ImportProgram, "既存株式会社", "キゾン");

        var clock = Stopwatch.StartNew();
        using (var db = product.OpenDatabase("companies"))
        {
            using var tx = db.BeginTransaction();
            using var insert = db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO companies (id, program, name, name_kana, name_folded, name_key, prefecture_code, municipality_code, registered_at, version)
                VALUES ($id, $program, $name, $kana, $folded, $key, '01', $municipality, $at, 1)
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.AddWithValue("$program", Program);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var kana = insert.Parameters.Add("$kana", SqliteType.Text);
            var folded = insert.Parameters.Add("$folded", SqliteType.Text);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var municipality = insert.Parameters.Add("$municipality", SqliteType.Text);
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            string[] municipalities = ["011002", "012084", "012076", "012068", "012041", "012025"];
            for (var n = 0; n < companies; n++)
            {
                var (companyName, companyKana) = CompanyName(n);
                id.Value = Guid.CreateVersion7().ToString();
                name.Value = companyName;
                kana.Value = companyKana;
                folded.Value = KanaFolding.Fold(companyName + " " + companyKana);
                key.Value = KanaFolding.Fold(companyName);
                municipality.Value = municipalities[n % municipalities.Length];
                insert.ExecuteNonQuery();
                if (n % 200_000 == 199_999)
                    Console.WriteLine($"  {n + 1:N0} companies ({clock.Elapsed.TotalSeconds:0} s)");
            }
            tx.Commit();
        }
        Console.WriteLine($"{companies:N0} companies with their search index in {clock.Elapsed.TotalSeconds:0} s.");

        // Searches as coordinators type them: a part of a reading in katakana, hiragana or half-width kana, or a part of the name.
        var random = new Random(11);
        var queries = new List<string>();
        while (queries.Count < searches)
        {
            var (companyName, companyKana) = CompanyName(random.Next(companies));
            var source = random.Next(3) == 0 ? companyName : companyKana;
            var length = random.Next(3, 7);
            var start = random.Next(Math.Max(1, source.Length - length));
            var part = source.Substring(start, Math.Min(length, source.Length - start));
            if (part.Length < 3)
                continue;
            queries.Add((random.Next(3), source == companyKana) switch
            {
                (0, true) => ToHiragana(part),
                (1, true) => part.Normalize(NormalizationForm.FormKC) == part ? ToHalfWidth(part) : part,
                _ => part,
            });
        }
        var shortQueries = Enumerable.Range(0, Math.Max(20, searches / 5)).Select(i => Places[i % Places.Length][..2]).ToList();

        results.Add(await TimeSearchesAsync(coordinator, queries, $"company search over HTTP, 3–6 characters ({companies:N0} companies, count + first page of 20)"));
        results.Add(await TimeSearchesAsync(coordinator, shortQueries, "company search over HTTP, 2 characters (scan of folded names)"));
        using (var db = product.OpenDatabase("companies"))
            results.Add(TimeLikeScans(db, queries, "baseline: plain LIKE '%…%' over name_folded, same queries (count + first page)"));

        results.AddRange(await ConsultationLogAsync(product, coordinator, logEntries));
        // Last: the import's 100,000 events keep the consumers busy for a while after it, which would weigh on the reads above.
        results.AddRange(await ImportAsync(importer, importRows));
        return results;
    }

    private static async Task<Measurement> TimeSearchesAsync(HttpClient client, List<string> queries, string name)
    {
        // One warm-up pass over a few queries, as a running service would have.
        foreach (var q in queries.Take(5))
            (await client.GetAsync($"/api/programs/{Program}/companies?q={Uri.EscapeDataString(q)}")).EnsureSuccessStatusCode();
        var latencies = new List<double>();
        var found = 0L;
        var clock = Stopwatch.StartNew();
        foreach (var q in queries)
        {
            var started = clock.Elapsed;
            using var response = await client.GetAsync($"/api/programs/{Program}/companies?q={Uri.EscapeDataString(q)}");
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
            found += page.GetProperty("total").GetInt32();
        }
        Console.WriteLine($"  {name}: {found / (double)queries.Count:0} companies found per search on average");
        return Measurement.Of(name, queries.Count, clock.Elapsed, latencies);
    }

    private static Measurement TimeLikeScans(SqliteConnection db, List<string> queries, string name)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        foreach (var q in queries.Take(Math.Min(queries.Count, 40)))
        {
            var started = clock.Elapsed;
            foreach (var sql in new[]
            {
                "SELECT COUNT(*) FROM companies WHERE program = $program AND name_folded LIKE $pattern",
                "SELECT id, name, name_kana FROM companies WHERE program = $program AND name_folded LIKE $pattern ORDER BY name_folded, id LIMIT 20",
            })
            {
                using var command = db.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$program", Program);
                command.Parameters.AddWithValue("$pattern", "%" + KanaFolding.Fold(q) + "%");
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
            }
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        return Measurement.Of(name, latencies.Count, clock.Elapsed, latencies);
    }

    private static async Task<IReadOnlyList<Measurement>> ConsultationLogAsync(EmbeddedProduct product, HttpClient coordinator, int entries)
    {
        var company = await product.Slice.RegisterCompanyAsync(Program, "株式会社相談ログ検証", "ソウダンログケンショウ");
        await product.Slice.LogConsultationAsync(Program, company, new DateOnly(2025, 4, 1));
        using (var db = product.OpenDatabase("coordinators"))
        {
            using var tx = db.BeginTransaction();
            using var insert = db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO consultations (id, program, company_id, date, coordinator, coordinators, channel, issues, notes, logged_at, version)
                VALUES ($id, $program, $company, $date, '山田 太郎', '山田 太郎', 'visit', 'salesChannels', '販路開拓の相談', $at, 1)
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.AddWithValue("$program", Program);
            var companyId = insert.Parameters.Add("$company", SqliteType.Text);
            var date = insert.Parameters.Add("$date", SqliteType.Text);
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            // The company's thousand entries among a program's 200,000 of other companies.
            for (var n = 0; n < entries + 200_000; n++)
            {
                id.Value = Guid.CreateVersion7().ToString();
                companyId.Value = (n < entries ? company : Guid.NewGuid()).ToString();
                date.Value = new DateOnly(2016, 4, 1).AddDays(n % 3650).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            var started = clock.Elapsed;
            using var response = await coordinator.GetAsync($"/api/programs/{Program}/consultations?companyId={company}&page={1 + i % 20}&pageSize=50");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        var log = Measurement.Of($"consultation log of a company with {entries + 1:N0} entries over HTTP (count + a page of 50)", 200, clock.Elapsed, latencies);

        var scans = new List<double>();
        using (var db = product.OpenDatabase("coordinators"))
        {
            clock.Restart();
            for (var i = 0; i < 20; i++)
            {
                var started = clock.Elapsed;
                using var command = db.CreateCommand();
                command.CommandText = "SELECT * FROM consultations NOT INDEXED WHERE program = $program AND company_id = $company ORDER BY date DESC LIMIT 50 OFFSET $offset";
                command.Parameters.AddWithValue("$program", Program);
                command.Parameters.AddWithValue("$company", company.ToString());
                command.Parameters.AddWithValue("$offset", i * 50);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
                scans.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }
        return [log, Measurement.Of("baseline: the same page read without the index (table scan)", 20, clock.Elapsed, scans)];
    }

    private static async Task<IReadOnlyList<Measurement>> ImportAsync(HttpClient importer, int rows)
    {
        var csv = new StringBuilder("会社名,フリガナ,市区町村コード,業種,従業員数,電話番号\r\n");
        for (var n = 0; n < rows; n++)
        {
            var (name, kana) = CompanyName(5_000_000 + n);
            csv.Append(CultureInfo.InvariantCulture, $"{name},{kana},012084,E,{n % 300},0157-23-{n % 10000:D4}\r\n");
        }
        var content = Encoding.UTF8.GetBytes(csv.ToString());
        var clock = Stopwatch.StartNew();
        using var upload = await importer.PostAsync($"/api/programs/{ImportProgram}/companies/imports?kind=companies&fileName=bench.csv", new ByteArrayContent(content));
        upload.EnsureSuccessStatusCode();
        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var checkedIn = clock.Elapsed;
        var errors = import.GetProperty("check").GetProperty("errorCount").GetInt32();
        if (errors > 0)
            throw new InvalidOperationException($"The generated file has {errors} errors: {import.GetProperty("check")}");
        var id = import.GetProperty("id").GetGuid();
        clock.Restart();
        (await importer.PostAsJsonAsync($"/api/programs/{ImportProgram}/companies/imports/{id}/commit", new { version = import.GetProperty("version").GetInt32() }))
            .EnsureSuccessStatusCode();
        var progressSeen = new List<int>();
        while (true)
        {
            var view = await importer.GetFromJsonAsync<JsonElement>($"/api/programs/{ImportProgram}/companies/imports/{id}");
            if (view.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p)
                progressSeen.Add(p.GetProperty("done").GetInt32());
            var status = view.GetProperty("status").GetString();
            if (status == "committed")
                break;
            if (status != "committing")
                throw new InvalidOperationException($"The import ended {status}: {view}");
            await Task.Delay(250);
        }
        var committed = clock.Elapsed;
        Console.WriteLine($"  import progress seen: {string.Join(", ", progressSeen.Distinct().Select(d => d.ToString("N0", CultureInfo.InvariantCulture)))}");
        return
        [
            Measurement.Of($"import upload and check, {rows:N0} rows ({content.Length / 1_048_576.0:0.0} MB CSV)", rows, checkedIn, [checkedIn.TotalMilliseconds]),
            Measurement.Of($"import commit, {rows:N0} rows in one transaction (with their events)", rows, committed, [committed.TotalMilliseconds]),
        ];
    }

    private static string ToHiragana(string katakana) =>
        new([.. katakana.Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c)]);

    private static string ToHalfWidth(string katakana)
    {
        // The half-width forms offices' older systems still export (ｶﾌﾞｼｷ): decompose voicing marks, then map.
        const string full = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー";
        const string half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ";
        var builder = new StringBuilder();
        foreach (var c in katakana.Normalize(NormalizationForm.FormD))
        {
            var i = full.IndexOf(c, StringComparison.Ordinal);
            builder.Append(c switch
            {
                '\u3099' => 'ﾞ',
                '\u309A' => 'ﾟ',
                _ => i >= 0 ? half[i] : c,
            });
        }
        return builder.ToString();
    }
}
