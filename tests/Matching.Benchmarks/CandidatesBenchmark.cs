using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Candidates;
using Matching.Candidates.Matches;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Matching.Benchmarks.SqliteCommands;

namespace Matching.Benchmarks;

/// <summary>
/// マッチング over a data bank of 1,000,000 candidate profiles (residence by Japan's population, skills from the program's
/// vocabulary with a few common and many rare, the employment forms, remote wishes and pay people give): ranking a need
/// over HTTP, with the memory the in-memory pool takes, next to a naive scan (every eligible profile read, parsed and
/// scored) in the same run; and registering a candidate into that data bank next to logging a consultation.
/// </summary>
internal static class CandidatesBenchmark
{
    private const string Program = "candidate-bench";

    // 2020 census, in ten thousands, 北海道 (01) to 沖縄県 (47).
    private static readonly int[] Population =
    [
        522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220, 103, 113, 77, 81, 205, 198, 363, 754, 177, 141, 258, 884, 547, 132, 92,
        55, 67, 189, 280, 134, 72, 95, 133, 69, 514, 81, 131, 174, 112, 107, 159, 147,
    ];

    private static readonly string[] Surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本"];
    private static readonly string[] SurnameKana = ["サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト"];
    private static readonly string[] GivenNames = ["一郎", "花子", "翔", "陽菜", "蓮", "結衣", "大輔", "美咲", "健太", "彩", "拓也", "愛", "直樹", "恵", "誠"];
    private static readonly string[] GivenKana = ["イチロウ", "ハナコ", "ショウ", "ヒナ", "レン", "ユイ", "ダイスケ", "ミサキ", "ケンタ", "アヤ", "タクヤ", "アイ", "ナオキ", "メグミ", "マコト"];

    /// <summary>Needs as regional companies write them: the skill words, the form, where, how remote, the pay.</summary>
    private static readonly object[] Needs =
    [
        new { requiredSkills = new[] { "営業", "海外展開" }, preferredSkills = new[] { "マーケティング" }, employmentForm = "fullTime", municipalityCode = "012084", remote = "none", payUnit = "year", payMaxYen = 7_000_000, limit = 20 },
        new { requiredSkills = new[] { "DX推進" }, preferredSkills = new[] { "データ分析", "IT戦略" }, employmentForm = "sideJob", municipalityCode = "011002", remote = "full", payUnit = "month", payMaxYen = 300_000, limit = 20 },
        new { requiredSkills = new[] { "生産管理", "品質管理" }, preferredSkills = new[] { "改善活動" }, employmentForm = "fullTime", municipalityCode = "012025", remote = "none", payUnit = "year", payMaxYen = 6_000_000, limit = 20 },
        new { requiredSkills = new[] { "経理", "財務" }, preferredSkills = Array.Empty<string>(), employmentForm = "contract", municipalityCode = "012068", remote = "partial", payUnit = "year", payMaxYen = 5_500_000, limit = 20 },
        new { requiredSkills = new[] { "事業承継" }, preferredSkills = new[] { "経営", "経営企画" }, employmentForm = "fullTime", municipalityCode = "012041", remote = "none", payUnit = "year", payMaxYen = 9_000_000, limit = 20 },
        new { requiredSkills = new[] { "人事" }, preferredSkills = new[] { "組織開発" }, employmentForm = "secondment", municipalityCode = "012084", remote = "partial", payUnit = "year", payMaxYen = 6_500_000, limit = 20 },
        new { requiredSkills = new[] { "ソフトウェア開発", "組込みソフトウェア" }, preferredSkills = new[] { "AI・機械学習" }, employmentForm = "outsourcing", municipalityCode = "011002", remote = "full", payUnit = "month", payMaxYen = 600_000, limit = 20 },
        new { requiredSkills = new[] { "EC運営", "デジタルマーケティング" }, preferredSkills = new[] { "販路開拓" }, employmentForm = "sideJob", municipalityCode = "012149", remote = "full", payUnit = "hour", payMaxYen = 4_000, limit = 20 },
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(int candidates, int rankings, int registrations)
    {
        await using var product = await EmbeddedProduct.StartAsync();
        await product.Slice.CreateProgramAsync(Program, "人材データバンクベンチマーク");
        await Poll.UntilAsync(async () =>
        {
            var response = await product.Client.GetAsync($"/api/programs/{Program}/skills");
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() > 0;
        }, Slice.Eventually, "Candidates to seed the program's skills");

        var clock = Stopwatch.StartNew();
        using (var connection = product.OpenDatabase("candidates"))
            Generate(connection, candidates);
        Console.WriteLine($"Data bank: {product.Count("candidates", $"candidates WHERE program = '{Program}'"):N0} candidates, "
                          + $"{product.Count("candidates", "candidate_skills"):N0} skills, {product.Count("candidates", "consents"):N0} consents generated in {clock.Elapsed.TotalSeconds:0} s.");

        var results = new List<Measurement>();
        using var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;

        // The pool is read whole (as at a start, or after changes of more than a quarter of it): in process, timed.
        clock.Restart();
        var pool = await product.Services.GetRequiredService<CandidatePool>().CurrentAsync(Program, CancellationToken.None);
        var load = clock.Elapsed;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        Console.WriteLine($"Pool read whole: {pool.Count:N0} matchable candidates (active, consented) in {load.TotalSeconds:0.0} s; "
                          + $"managed heap {heapBefore / (1 << 20):N0} → {heapAfter / (1 << 20):N0} MiB (+{(heapAfter - heapBefore) / (1 << 20):N0} MiB); "
                          + $"working set {workingSetBefore / (1 << 20):N0} → {process.WorkingSet64 / (1 << 20):N0} MiB, peak {process.PeakWorkingSet64 / (1 << 20):N0} MiB.");
        await RankAsync(product.Client, Needs[0]);

        var latencies = new List<double>();
        clock.Restart();
        for (var i = 0; i < rankings; i++)
        {
            var started = clock.Elapsed;
            await RankAsync(product.Client, Needs[i % Needs.Length]);
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        results.Add(Measurement.Of($"ranking a need over HTTP ({candidates:N0} profiles; top 20 with reasons; 8 needs in turn)", rankings, clock.Elapsed, latencies));
        process.Refresh();
        Console.WriteLine($"After the rankings: managed heap {GC.GetTotalMemory(forceFullCollection: true) / (1 << 20):N0} MiB, working set {process.WorkingSet64 / (1 << 20):N0} MiB, peak {process.PeakWorkingSet64 / (1 << 20):N0} MiB.");

        results.Add(await NaiveAsync(product, Math.Max(3, rankings / 100)));
        results.AddRange(await RegisteringAsync(product, registrations));
        return results;
    }

    private static async Task<JsonElement> RankAsync(HttpClient client, object need)
    {
        using var response = await client.PostAsJsonAsync($"/api/programs/{Program}/candidates/matches", need);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("items").GetArrayLength() == 0)
            throw new InvalidOperationException("A ranking found no candidate.");
        return body;
    }

    // What ranking did before the pool: every eligible profile of the form read and parsed, each scored, the best kept.
    private const string NaiveSql = """
        SELECT c.id AS Id, c.prefecture_code AS PrefectureCode, c.employment_forms AS EmploymentForms, c.profile AS Profile
          FROM candidates c
         WHERE c.program = @program AND c.status = 'active' AND c.employment_forms LIKE @form
           AND EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.program = c.program AND k.recipient = 'program'
                                                  AND k.purpose = 'dataBank' AND k.withdrawn_at IS NULL)
        """;

    private static async Task<Measurement> NaiveAsync(EmbeddedProduct product, int runs)
    {
        var database = product.Services.GetRequiredService<ServiceDatabase<CandidatesModule>>();
        var need = new NeedTerms(["sales", "overseas"], ["marketing"], "fullTime", "01", "012084", "none", "year", 7_000_000);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var started = clock.Elapsed;
            var rows = await database.QueryAsync<CandidatePool.Row>(NaiveSql, new { program = Program, form = $"%\"{need.EmploymentForm}\"%" }, CancellationToken.None);
            var best = rows.Select(r => Scoring.Of(need, FindMatches.TermsOf(r.Id, r.PrefectureCode, r.EmploymentForms, r.Profile), new MatchWeights(), EmptyNames, today))
                .OrderByDescending(s => s.Score).ThenBy(s => s.CandidateId).Take(20).ToList();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
            if (best.Count == 0)
                throw new InvalidOperationException("The naive scan found no candidate.");
        }
        return Measurement.Of("naive ranking: every eligible profile read, parsed and scored (one need, in process, no HTTP)", runs, clock.Elapsed, latencies);
    }

    private static readonly Dictionary<string, string> EmptyNames = [];

    /// <summary>Registering a candidate into the million (the duplicate check included) next to logging a consultation, both over HTTP.</summary>
    private static async Task<IReadOnlyList<Measurement>> RegisteringAsync(EmbeddedProduct product, int count)
    {
        var company = await product.Slice.RegisterCompanyAsync(Program);
        await product.Slice.LogConsultationAsync(Program, company, new DateOnly(2026, 4, 1));
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = clock.Elapsed;
            using var response = await product.Slice.PostConsultationAsync(Program, company, new DateOnly(2026, 4, 1).AddDays(i % 200));
            response.EnsureSuccessStatusCode();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        var consultations = Measurement.Of("logging a consultation over HTTP (for comparison)", count, clock.Elapsed, latencies);

        latencies = [];
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            var started = clock.Elapsed;
            using var response = await product.Client.PostAsJsonAsync($"/api/programs/{Program}/candidates", new
            {
                name = $"北見 太郎{i}", nameKana = "キタミ タロウ", email = $"new{i}@example.jp", phone = $"080-9{i:000}-{i % 10_000:0000}", prefectureCode = "13",
                hometownPrefectureCode = "01", birthYear = 1980 + i % 20, careerSummary = "食品メーカーで生産管理 12 年。", skills = new[] { "生産管理", "品質管理" },
                employmentForms = new[] { "fullTime" }, desiredAreas = new[] { "01" }, remote = "none", status = "active",
            });
            if ((int)response.StatusCode != 201)
                throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        var registering = Measurement.Of("registering a candidate over HTTP (duplicate check among the million included)", count, clock.Elapsed, latencies);
        return [consultations, registering];
    }

    private static T Weighted<T>(Random random, IReadOnlyList<T> items, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return items[i < 0 ? ~i : i];
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0d;
        return [.. weights.Select(w => sum += w)];
    }

    private static void Generate(SqliteConnection connection, int count)
    {
        var codes = new List<string>();
        using (var skills = connection.CreateCommand())
        {
            skills.CommandText = $"SELECT code FROM skills WHERE program = '{Program}' ORDER BY code";
            using var reader = skills.ExecuteReader();
            while (reader.Read())
                codes.Add(reader.GetString(0));
        }
        var random = new Random(20261201);
        // A few skills are common, most are rare (Zipf-like, in a shuffled order of the vocabulary).
        codes = [.. codes.OrderBy(_ => random.Next())];
        var skillWeights = Cumulative(codes.Select((_, i) => 1 / Math.Pow(i + 1, 0.8)));
        var prefectures = Enumerable.Range(1, 47).Select(p => p.ToString("00", CultureInfo.InvariantCulture)).ToList();
        var prefectureWeights = Cumulative(Population.Select(p => (double)p));
        string[] forms = ["fullTime", "sideJob", "contract", "secondment", "outsourcing"];
        var formWeights = Cumulative([55, 25, 8, 5, 7]);
        string[] places = ["01", "012084", "011002", "012025", "012041", "13", "14", "27", "012149", "012068"];
        string[] statuses = ["active", "paused", "placed", "left"];
        var statusWeights = Cumulative([85, 5, 7, 3]);
        var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

        // A transaction per 25,000 candidates, so the product's own writers are not held off for the whole load.
        var tx = connection.BeginTransaction();
        using var candidate = connection.CreateCommand();
        candidate.Transaction = tx;
        candidate.CommandText = """
            INSERT INTO candidates (id, program, name, name_kana, name_key, email, phone, prefecture_code, municipality_code, birth_year, status,
                                    employment_forms, profile, source_firm_id, registered_at, registered_by, updated_at, version)
            VALUES ($id, $p, $name, $kana, $key, $email, $phone, $prefecture, NULL, $birth, $status, $forms, $profile, NULL, $at, NULL, $at, 1)
            """;
        using var skill = connection.CreateCommand();
        skill.Transaction = tx;
        skill.CommandText = "INSERT INTO candidate_skills (candidate_id, skill_code) VALUES ($id, $code)";
        using var consent = connection.CreateCommand();
        consent.Transaction = tx;
        consent.CommandText = """
            INSERT INTO consents (id, program, candidate_id, purpose, recipient, firm_id, text_version, method, given_at, recorded_at, recorded_by)
            VALUES ($id, $p, $candidate, 'dataBank', 'program', NULL, '2025-04', 'written', $at, $at, NULL)
            """;
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && i % 25_000 == 0)
            {
                tx.Commit();
                tx.Dispose();
                tx = connection.BeginTransaction();
                candidate.Transaction = skill.Transaction = consent.Transaction = tx;
            }
            var id = Guid.CreateVersion7().ToString();
            var (s, g) = (random.Next(Surnames.Length), random.Next(GivenNames.Length));
            var name = $"{Surnames[s]} {GivenNames[g]}";
            var kana = $"{SurnameKana[s]} {GivenKana[g]}";
            var residence = Weighted(random, prefectures, prefectureWeights);
            var wishes = new List<string> { Weighted(random, forms, formWeights) };
            if (random.Next(100) < 40)
                wishes.Add(Weighted(random, forms, formWeights));
            var skills = Enumerable.Range(0, random.Next(2, 9)).Select(_ => Weighted(random, codes, skillWeights)).Distinct().ToList();
            var unit = random.Next(100) switch { < 70 => "year", < 80 => "month", < 85 => "hour", _ => null };
            var profile = new
            {
                hometownPrefectureCode = random.Next(2) == 0 ? null : random.Next(100) < 30 ? "01" : Weighted(random, prefectures, prefectureWeights),
                careerSummary = "製造業で生産管理と品質保証を担当し、工場の立ち上げと海外拠点の支援を経験。現在は管理職として部下 20 名を統括。",
                career = new[] { new { company = "株式会社サンプル製作所", role = "生産管理課長", fromYear = 2008, toYear = (int?)null } },
                skills,
                tags = new[] { "Uターン希望" },
                languages = random.Next(4) == 0 ? new[] { "英語（ビジネス）" } : [],
                licences = Array.Empty<string>(),
                desiredAreas = Enumerable.Range(0, random.Next(4)).Select(_ => places[random.Next(places.Length)]).Distinct().ToList(),
                remote = random.Next(100) switch { < 40 => "none", < 80 => "partial", _ => "full" },
                sideJobHoursPerWeek = wishes.Contains("sideJob") ? random.Next(4, 21) : (int?)null,
                desiredPayUnit = unit,
                desiredPayYen = unit switch { "year" => random.Next(30, 121) * 100_000L, "month" => random.Next(20, 81) * 10_000L, "hour" => random.Next(15, 61) * 100L, _ => (long?)null },
                availableFrom = random.Next(10) < 3 ? (DateOnly?)null : today.AddDays(random.Next(-30, 366)),
            };
            Bind(candidate, ("$id", id), ("$p", Program), ("$name", name), ("$kana", kana),
                ("$key", KanaFolding.Fold(name) + "\u001F" + KanaFolding.Fold(kana)), ("$email", $"c{i}@example.jp"),
                ("$phone", $"090-{i / 10_000:0000}-{i % 10_000:0000}"), ("$prefecture", residence), ("$birth", 1960 + random.Next(40)),
                ("$status", Weighted(random, statuses, statusWeights)), ("$forms", JsonSerializer.Serialize(wishes.Distinct(), MatchingJson.Options)),
                ("$profile", JsonSerializer.Serialize(profile, MatchingJson.Options)), ("$at", at));
            candidate.ExecuteNonQuery();
            foreach (var code in skills)
            {
                Bind(skill, ("$id", id), ("$code", code));
                skill.ExecuteNonQuery();
            }
            if (random.Next(100) < 92)
            {
                Bind(consent, ("$id", Guid.CreateVersion7().ToString()), ("$p", Program), ("$candidate", id), ("$at", at));
                consent.ExecuteNonQuery();
            }
        }
        tx.Commit();
        tx.Dispose();
    }
}
