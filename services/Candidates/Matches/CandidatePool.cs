using System.Collections.Concurrent;
using System.Numerics;
using System.Text.Json;
using Dapper;
using Matching.Platform.Data;
using Matching.Platform.Http;

namespace Matching.Candidates.Matches;

/// <summary>
/// The matchable candidates of each program (active, with the program's own use consented) held in memory in a compact form,
/// so that ranking a need scans a million candidates in tens of milliseconds instead of reading and parsing a million
/// profiles. Each replica keeps its own pool and brings it up to date before every ranking from the database's journal of
/// changes (<c>candidate_changes</c>, written by triggers), so a ranking always sees every change committed before it —
/// a withdrawn consent drops the person from the next ranking on every replica.
/// </summary>
/// <remarks>
/// On SQLite one writer at a time commits, so journal numbers arrive in order. On SQL Server an IDENTITY number is taken
/// before its transaction commits: a number below one already read may still appear, so the journal is read again from
/// the last number that has been the highest for longer than <see cref="SettleWindow"/>, and what was applied is skipped.
/// </remarks>
internal sealed class CandidatePool(ServiceDatabase<CandidatesModule> database) : IDisposable
{
    /// <summary>How long a transaction may take between taking its journal number and committing (SQL Server only).</summary>
    internal static readonly TimeSpan SettleWindow = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, ProgramCandidates> programs = new(StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var pool in programs.Values)
            pool.Dispose();
    }

    private TimeSpan Window => database.Dialect == SqlDialect.SqlServer ? SettleWindow : TimeSpan.Zero;

    /// <summary>The program's candidates as of now: loaded on first use, then brought up to date from the journal.</summary>
    public async Task<ProgramCandidates> CurrentAsync(string program, CancellationToken ct)
    {
        var pool = programs.GetOrAdd(program, p => new ProgramCandidates(p));
        await pool.Refreshing.WaitAsync(ct);
        try
        {
            if (!pool.Loaded)
                await LoadAsync(pool, ct);
            else
                await RefreshAsync(pool, ct);
        }
        finally
        {
            pool.Refreshing.Release();
        }
        return pool;
    }

    private const string Eligible = """
        SELECT c.id AS Id, c.program AS Program, c.prefecture_code AS PrefectureCode, c.employment_forms AS EmploymentForms, c.profile AS Profile
          FROM candidates c
         WHERE c.status = 'active'
           AND EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.program = c.program AND k.recipient = 'program'
                                                  AND k.purpose = 'dataBank' AND k.withdrawn_at IS NULL)
        """;

    internal const string EligibleSelectSql = Eligible + " AND c.program = @program";

    // By id only, so that the key is the index used (without statistics SQLite would take the program's index); the program
    // is checked on the rows.
    private const string EligibleByIdSql = Eligible + " AND c.id IN @ids";

    private const string JournalSql = "SELECT seq AS Seq, candidate_id AS CandidateId FROM candidate_changes WHERE program = @program AND seq > @floor ORDER BY seq";

    private const string LastSeqSql = "SELECT COALESCE(MAX(seq), 0) FROM candidate_changes WHERE program = @program";

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Program { get; init; } = "";
        public string PrefectureCode { get; init; } = "";
        public string EmploymentForms { get; init; } = "[]";
        public string Profile { get; init; } = "{}";
    }

    private sealed class Change
    {
        public long Seq { get; init; }
        public Guid CandidateId { get; init; }
    }

    /// <summary>More changes than this since the last ranking (an import, a restore) and the pool is read whole again.</summary>
    internal static int ReloadAbove(int poolSize) => Math.Max(20_000, poolSize / 4);

    private async Task LoadAsync(ProgramCandidates pool, CancellationToken ct)
    {
        // The journal's position first: whatever commits while the rows are read is read again from the journal.
        await using var read = await database.BeginReadAsync(ct);
        if (Window == TimeSpan.Zero)
            pool.Floor = await read.ExecuteScalarAsync<long>(LastSeqSql, new { program = pool.Program }, ct);
        else
        {
            // Numbers taken in the last window may still commit: the floor stays below them, the ones seen are marked applied.
            pool.Floor = 0;
            foreach (var change in await read.QueryAsync<Change>(JournalSql, new { program = pool.Program, floor = 0L }, ct))
                pool.Applied.Add(change.Seq);
            pool.Settling.Enqueue((Environment.TickCount64, pool.Applied.Count == 0 ? 0 : pool.Applied.Max()));
        }
        // Rows are read a batch at a time and their profiles parsed on every core while the next batch is read, into a pool
        // of their own that the program's then takes over whole.
        using var fresh = new ProgramCandidates(pool.Program);
        var batch = new List<Row>(BatchSize);
        Task<ProgramCandidates.Parsed[]>? parsing = null;
        await foreach (var row in read.Connection.QueryUnbufferedAsync<Row>(EligibleSelectSql, new { program = pool.Program }, read.Transaction).WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < BatchSize)
                continue;
            if (parsing is not null)
                fresh.PutAll(await parsing);
            var full = batch;
            parsing = Task.Run(() => ProgramCandidates.ParseAll(full), ct);
            batch = new List<Row>(BatchSize);
        }
        if (parsing is not null)
            fresh.PutAll(await parsing);
        fresh.PutAll(ProgramCandidates.ParseAll(batch));
        pool.TakeOver(fresh);
        pool.Loaded = true;
    }

    private const int BatchSize = 20_000;

    private async Task RefreshAsync(ProgramCandidates pool, CancellationToken ct)
    {
        var changes = await database.QueryAsync<Change>(JournalSql, new { program = pool.Program, floor = pool.Floor }, ct);
        if (changes.Count > ReloadAbove(pool.Count))
        {
            pool.Applied.Clear();
            pool.Settling.Clear();
            await LoadAsync(pool, ct);
            return;
        }
        var changed = new HashSet<Guid>();
        var highest = pool.Floor;
        foreach (var change in changes)
        {
            highest = Math.Max(highest, change.Seq);
            if (pool.Applied.Add(change.Seq) || Window == TimeSpan.Zero)
                changed.Add(change.CandidateId);
        }
        if (changed.Count > 0)
        {
            var rows = new Dictionary<Guid, Row>();
            foreach (var part in database.Dialect.GuidLists(changed))
                foreach (var row in await database.QueryAsync<Row>(EligibleByIdSql, new { ids = part }, ct))
                    if (row.Program == pool.Program)
                        rows[row.Id] = row;
            pool.Apply(changed, rows);
        }
        Settle(pool, highest);
    }

    /// <summary>Moves the floor up to the highest number seen at least a window ago; forgets the applied numbers below it.</summary>
    private void Settle(ProgramCandidates pool, long highest)
    {
        if (Window == TimeSpan.Zero)
        {
            pool.Floor = highest;
            pool.Applied.Clear();
            return;
        }
        var now = Environment.TickCount64;
        pool.Settling.Enqueue((now, highest));
        while (pool.Settling.TryPeek(out var oldest) && now - oldest.At >= Window.TotalMilliseconds)
        {
            pool.Settling.Dequeue();
            pool.Floor = Math.Max(pool.Floor, oldest.Highest);
        }
        pool.Applied.RemoveWhere(seq => seq <= pool.Floor);
    }
}

/// <summary>
/// One program's matchable candidates, a slot each: skills and desired areas as numbers of the pool's own symbol table,
/// the rest as small numbers. Readers scan under a shared lock; the refresh writes under an exclusive one.
/// </summary>
internal sealed class ProgramCandidates(string program) : IDisposable
{
    public string Program { get; } = program;

    internal readonly SemaphoreSlim Refreshing = new(1, 1);
    internal bool Loaded;
    internal long Floor;
    internal readonly HashSet<long> Applied = [];
    internal readonly Queue<(long At, long Highest)> Settling = new();

    private readonly ReaderWriterLockSlim guard = new();
    private Dictionary<string, int> symbols = new(StringComparer.Ordinal);
    private Dictionary<string, int> skillSymbols = new(StringComparer.Ordinal);
    private Dictionary<Guid, int> slotOf = [];
    private Stack<int> free = new();
    private Slot[] slots = new Slot[1024];
    private int used;

    public void Dispose()
    {
        guard.Dispose();
        Refreshing.Dispose();
    }

    internal struct Slot
    {
        public Guid Id;
        // Skills as bits of the skill table's first 256 numbers (the rest, rare, in MoreSkills); up to three desired areas
        // inline (-1 for none; more in MoreAreas): a scan reads one array and follows no reference for most candidates.
        public ulong S0, S1, S2, S3;
        public int A0, A1, A2;
        public int[]? MoreSkills;
        public int[]? MoreAreas;
        public long Pay;
        public int AvailableDay;
        public int PayUnit;
        public byte Forms;
        public byte FirstForm;
        public byte Prefecture;
        public byte Hometown;
        public byte Remote;
        public bool Live;
    }

    /// <summary>What the scoring needs of a profile (the document has more; the rest is skipped unread).</summary>
    internal sealed record MatchProfile(
        string? HometownPrefectureCode, IReadOnlyList<string>? Skills, IReadOnlyList<string>? DesiredAreas, string? Remote,
        string? DesiredPayUnit, long? DesiredPayYen, DateOnly? AvailableFrom);

    public int Count
    {
        get
        {
            guard.EnterReadLock();
            try { return slotOf.Count; }
            finally { guard.ExitReadLock(); }
        }
    }

    /// <summary>The number of a symbol (a skill code, an area code, a pay unit), or -1 when no candidate has it.</summary>
    internal int SymbolOf(string? value) => value is not null && symbols.TryGetValue(value, out var n) ? n : -1;

    /// <summary>The number of a skill code, or -1 when no candidate has it.</summary>
    internal int SkillOf(string value) => skillSymbols.TryGetValue(value, out var n) ? n : -1;

    internal int SkillCount => skillSymbols.Count;

    private int Intern(string value) => Intern(symbols, value);

    private static int Intern(Dictionary<string, int> table, string value)
    {
        if (!table.TryGetValue(value, out var n))
            table[value] = n = table.Count;
        return n;
    }

    /// <summary>The bit of an employment form (<see cref="Contracts.EmploymentForm"/>'s camelCase names); one bit for any other word.</summary>
    internal static byte FormBit(string form) => form switch
    {
        "fullTime" => 1,
        "contract" => 2,
        "sideJob" => 4,
        "secondment" => 8,
        "outsourcing" => 16,
        _ => 128,
    };

    internal static byte RemoteOf(string? remote) => remote switch { "partial" => 1, "full" => 2, _ => 0 };

    internal static byte PrefectureOf(string? code) => code is { Length: 2 } && byte.TryParse(code, out var b) ? b : (byte)0;

    /// <summary>A row's terms parsed, waiting for its slot (parsing needs no lock; the symbols are interned under one).</summary>
    internal sealed record Parsed(Guid Id, string PrefectureCode, IReadOnlyList<string> Forms, MatchProfile Profile);

    internal static Parsed[] ParseAll(IReadOnlyList<CandidatePool.Row> rows)
    {
        var parsed = new Parsed[rows.Count];
        Parallel.For(0, rows.Count, i => parsed[i] = Parse(rows[i]));
        return parsed;
    }

    private static Parsed Parse(CandidatePool.Row row) => new(
        row.Id, row.PrefectureCode, JsonSerializer.Deserialize<List<string>>(row.EmploymentForms, MatchingJson.Options) ?? [],
        JsonSerializer.Deserialize<MatchProfile>(row.Profile, MatchingJson.Options)!);

    internal void PutAll(IEnumerable<Parsed> parsed)
    {
        guard.EnterWriteLock();
        try
        {
            foreach (var p in parsed)
                Put(p);
        }
        finally
        {
            guard.ExitWriteLock();
        }
    }

    /// <summary>Takes the candidates of a pool read whole again, at once: a ranking sees the old pool or the new, never half.</summary>
    internal void TakeOver(ProgramCandidates fresh)
    {
        guard.EnterWriteLock();
        try
        {
            (symbols, skillSymbols, slotOf, free, slots, used) = (fresh.symbols, fresh.skillSymbols, fresh.slotOf, fresh.free, fresh.slots, fresh.used);
        }
        finally
        {
            guard.ExitWriteLock();
        }
    }

    /// <summary>Adds or replaces one candidate (under the write lock).</summary>
    private void Put(Parsed row)
    {
        var slot = SlotOf(row);
        if (slotOf.TryGetValue(row.Id, out var at))
            slots[at] = slot;
        else
        {
            var index = free.Count > 0 ? free.Pop() : used++;
            if (index >= slots.Length)
                Array.Resize(ref slots, slots.Length * 2);
            slots[index] = slot;
            slotOf[row.Id] = index;
        }
    }

    /// <summary>The candidates that changed: those still matchable replaced, the others (erased, withdrawn, paused) removed.</summary>
    internal void Apply(IEnumerable<Guid> changed, IReadOnlyDictionary<Guid, CandidatePool.Row> rows)
    {
        guard.EnterWriteLock();
        try
        {
            foreach (var id in changed)
            {
                if (rows.TryGetValue(id, out var row))
                    Put(Parse(row));
                else if (slotOf.Remove(id, out var at))
                {
                    slots[at] = default;
                    free.Push(at);
                }
            }
        }
        finally
        {
            guard.ExitWriteLock();
        }
    }

    private Slot SlotOf(Parsed row)
    {
        var (profile, forms) = (row.Profile, row.Forms);
        byte mask = 0;
        foreach (var form in forms)
            mask |= FormBit(form);
        var slot = new Slot { A0 = -1, A1 = -1, A2 = -1 };
        List<int>? moreSkills = null;
        foreach (var skill in profile.Skills?.Distinct(StringComparer.Ordinal) ?? [])
        {
            var n = Intern(skillSymbols, skill);
            switch (n >> 6)
            {
                case 0: slot.S0 |= 1UL << n; break;
                case 1: slot.S1 |= 1UL << (n & 63); break;
                case 2: slot.S2 |= 1UL << (n & 63); break;
                case 3: slot.S3 |= 1UL << (n & 63); break;
                default: (moreSkills ??= []).Add(n); break;
            }
        }
        var areas = profile.DesiredAreas?.Distinct(StringComparer.Ordinal).Select(Intern).ToList() ?? [];
        return slot with
        {
            Id = row.Id,
            A0 = areas.Count > 0 ? areas[0] : -1,
            A1 = areas.Count > 1 ? areas[1] : -1,
            A2 = areas.Count > 2 ? areas[2] : -1,
            MoreSkills = moreSkills?.ToArray(),
            MoreAreas = areas.Count > 3 ? [.. areas.Skip(3)] : null,
            Pay = profile.DesiredPayYen ?? -1,
            PayUnit = profile.DesiredPayUnit is { } unit ? Intern(unit) : -1,
            AvailableDay = profile.AvailableFrom?.DayNumber ?? int.MinValue,
            Forms = mask,
            FirstForm = forms.Count > 0 && FormBit(forms[0]) is var first and not 128 ? first : (byte)0,
            Prefecture = PrefectureOf(row.PrefectureCode),
            Hometown = PrefectureOf(profile.HometownPrefectureCode),
            Remote = RemoteOf(profile.Remote),
            Live = true,
        };
    }

    /// <summary>
    /// The best <paramref name="limit"/> candidates for the need (score, then candidate id), and how many passed the hard
    /// filter of the employment form. The score is <see cref="Scoring.Of"/>'s, computed without its reasons.
    /// </summary>
    public (IReadOnlyList<(Guid Id, int Score)> Best, int Considered) Rank(NeedTerms need, MatchWeights weights, DateOnly today, int limit)
    {
        guard.EnterReadLock();
        try
        {
            var scorer = new FastScorer(this, need, weights, today);
            var count = used;
            var parts = count < 50_000 ? 1 : Environment.ProcessorCount;
            var results = new (List<(Guid Id, int Score)> Best, int Considered)[parts];
            var all = slots;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                var from = (int)((long)count * part / parts);
                var to = (int)((long)count * (part + 1) / parts);
                results[part] = Scan(all, from, to, scorer, limit);
            });
            var best = results.SelectMany(r => r.Best).OrderByDescending(b => b.Score).ThenBy(b => b.Id).Take(limit).ToList();
            return (best, results.Sum(r => r.Considered));
        }
        finally
        {
            guard.ExitReadLock();
        }
    }

    private static (List<(Guid Id, int Score)> Best, int Considered) Scan(Slot[] all, int from, int to, FastScorer scorer, int limit)
    {
        // The worst of the best kept on top: a lower score, or at the same score the larger id (ids sort ascending).
        var heap = new PriorityQueue<int, (int Score, Guid Id)>(limit + 1, Worse.Instance);
        var considered = 0;
        for (var i = from; i < to; i++)
        {
            ref readonly var slot = ref all[i];
            if (!slot.Live || (slot.Forms & scorer.Form) == 0)
                continue;
            considered++;
            var score = scorer.Score(in slot);
            if (heap.Count < limit)
                heap.Enqueue(i, (score, slot.Id));
            else if (heap.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && slot.Id.CompareTo(worst.Id) < 0)))
                heap.EnqueueDequeue(i, (score, slot.Id));
        }
        var best = new List<(Guid Id, int Score)>(heap.Count);
        while (heap.TryDequeue(out var index, out var key))
            best.Add((all[index].Id, key.Score));
        return (best, considered);
    }

    private sealed class Worse : IComparer<(int Score, Guid Id)>
    {
        public static readonly Worse Instance = new();

        public int Compare((int Score, Guid Id) x, (int Score, Guid Id) y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Id.CompareTo(x.Id);
    }

    /// <summary>A need's terms turned into the pool's numbers once, and every share of a weight computed in advance.</summary>
    private sealed class FastScorer
    {
        private readonly byte[] skillFlags;
        private readonly ulong r0, r1, r2, r3, p0, p1, p2, p3;
        private readonly int[] requiredShare;
        private readonly int[] preferredShare;
        private readonly bool anyRequired;
        private readonly int mainForm, otherForm, area, remote, uTurn, availability, pay;
        private readonly byte prefecture, needRemote;
        private readonly int prefectureSymbol, placeSymbol, payUnit;
        private readonly bool hasPrefecture, onSite, hasPay;
        private readonly long payMax;
        private readonly int availableBy;

        public readonly byte Form;

        public FastScorer(ProgramCandidates pool, NeedTerms need, MatchWeights w, DateOnly today)
        {
            skillFlags = new byte[pool.SkillCount + 1];
            Span<ulong> required = stackalloc ulong[4], preferred = stackalloc ulong[4];
            foreach (var code in need.RequiredSkills)
                if (pool.SkillOf(code) is var s and >= 0)
                {
                    skillFlags[s] |= 1;
                    if (s < 256)
                        required[s >> 6] |= 1UL << (s & 63);
                }
            foreach (var code in need.PreferredSkills)
                if (pool.SkillOf(code) is var s and >= 0)
                {
                    skillFlags[s] |= 2;
                    if (s < 256)
                        preferred[s >> 6] |= 1UL << (s & 63);
                }
            (r0, r1, r2, r3) = (required[0], required[1], required[2], required[3]);
            (p0, p1, p2, p3) = (preferred[0], preferred[1], preferred[2], preferred[3]);
            anyRequired = need.RequiredSkills.Count > 0;
            requiredShare = [.. Enumerable.Range(0, need.RequiredSkills.Count + 1).Select(m => Scoring.Share(w.RequiredSkills, m, need.RequiredSkills.Count))];
            preferredShare = [.. Enumerable.Range(0, need.PreferredSkills.Count + 1).Select(m => Scoring.Share(w.PreferredSkills, m, need.PreferredSkills.Count))];
            Form = FormBit(need.EmploymentForm);
            mainForm = w.EmploymentForm;
            otherForm = (w.EmploymentForm + 1) / 2;
            var place = need.MunicipalityCode ?? need.PrefectureCode;
            var prefectureCode = need.MunicipalityCode?[..2] ?? need.PrefectureCode;
            hasPrefecture = prefectureCode is not null;
            prefecture = PrefectureOf(prefectureCode);
            // -2 where no candidate wishes for the place: never equal to an empty area (-1).
            prefectureSymbol = pool.SymbolOf(prefectureCode) is var ps and >= 0 ? ps : -2;
            placeSymbol = pool.SymbolOf(place) is var pl and >= 0 ? pl : -2;
            onSite = need.Remote != "full";
            needRemote = RemoteOf(need.Remote);
            area = w.Area;
            remote = w.Remote;
            uTurn = w.UTurn;
            availability = w.Availability;
            availableBy = today.AddDays(90).DayNumber;
            pay = w.Pay;
            hasPay = need.PayMaxYen is not null;
            payMax = need.PayMaxYen ?? 0;
            // A candidate without a unit stores -1: it fits a need without one; a unit no candidate has fits nobody (-2).
            payUnit = need.PayUnit is null ? -1 : pool.SymbolOf(need.PayUnit) is var u and >= 0 ? u : -2;
        }

        private static bool Wishes(in Slot c, int place) =>
            c.A0 == place || c.A1 == place || c.A2 == place || (c.MoreAreas is { } more && Array.IndexOf(more, place) >= 0);

        public int Score(in Slot c)
        {
            var score = 0;
            if (anyRequired || preferredShare.Length > 1)
            {
                var required = BitOperations.PopCount(c.S0 & r0) + BitOperations.PopCount(c.S1 & r1)
                               + BitOperations.PopCount(c.S2 & r2) + BitOperations.PopCount(c.S3 & r3);
                var preferred = BitOperations.PopCount(c.S0 & p0) + BitOperations.PopCount(c.S1 & p1)
                                + BitOperations.PopCount(c.S2 & p2) + BitOperations.PopCount(c.S3 & p3);
                if (c.MoreSkills is { } more)
                    foreach (var s in more)
                    {
                        var flag = skillFlags[s];
                        required += flag & 1;
                        preferred += flag >> 1;
                    }
                score += requiredShare[required] + preferredShare[preferred];
            }
            score += c.FirstForm == Form ? mainForm : otherForm;
            if (hasPrefecture && onSite)
            {
                if (c.Prefecture == prefecture)
                    score += area;
                else if (Wishes(in c, prefectureSymbol) || Wishes(in c, placeSymbol))
                    score += area;
            }
            if (needRemote == 2 && c.Remote != 0)
                score += remote + area;
            else if (needRemote == 1 && c.Remote != 0)
                score += remote;
            if (hasPrefecture && c.Hometown == prefecture && c.Prefecture != prefecture)
                score += uTurn;
            if (c.AvailableDay <= availableBy)
                score += availability;
            if (hasPay && c.Pay >= 0 && c.PayUnit == payUnit && c.Pay <= payMax)
                score += pay;
            return score;
        }
    }
}
