using System.Text.Json;
using Matching.Candidates.Matches;
using Matching.Platform.Http;

namespace Matching.Candidates.Tests.Matches;

/// <summary>
/// The pool's fast ranking against the scoring it stands for: for random candidates and random needs, the pool's best are
/// exactly the candidates <see cref="Scoring.Of"/> ranks best (same scores, same order, ties by id), and the hard filter of
/// the employment form counts the same candidates.
/// </summary>
public sealed class CandidatePoolTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    // Twelve common skills and 300 rare ones: more than the 256 a slot holds as bits, so both ways of holding skills are ranked.
    private static readonly string[] Skills =
        ["sales", "overseas", "dx", "accounting", "hr", "quality", "kaizen", "software", "ec", "finance", "legal", "marketing",
         .. Enumerable.Range(0, 300).Select(i => $"rare-{i}")];
    private static readonly string[] Forms = ["fullTime", "contract", "sideJob", "secondment", "outsourcing"];
    private static readonly string[] Remotes = ["none", "partial", "full"];
    private static readonly string[] Prefectures = ["01", "02", "13", "27", "40", "47"];
    private static readonly string[] Places = ["01", "012084", "011002", "13", "131016", "27"];
    private static readonly string?[] Units = ["year", "month", "hour", null];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static IReadOnlyList<T> Some<T>(Random random, T[] items, int max) =>
        [.. items.OrderBy(_ => random.Next()).Take(random.Next(max + 1)).Distinct()];

    private static CandidateTerms RandomCandidate(Random random)
    {
        var forms = Some(random, Forms, 3);
        return new CandidateTerms(
            new Guid(random.Next(), (short)random.Next(), (short)random.Next(), [.. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(4))]),
            [.. Some(random, Skills[..12], 6), .. Some(random, Skills, 3)], forms.Count == 0 ? ["fullTime"] : forms, Pick(random, Prefectures), random.Next(3) == 0 ? null : Pick(random, Prefectures),
            Some(random, Places, 5), Pick(random, Remotes), null, Pick(random, Units), random.Next(4) == 0 ? null : random.Next(3, 12) * 1_000_000L,
            random.Next(3) == 0 ? null : Today.AddDays(random.Next(-30, 200)));
    }

    private static NeedTerms RandomNeed(Random random)
    {
        var place = random.Next(4) == 0 ? null : Pick(random, Places);
        return new NeedTerms(
            [.. Some(random, Skills[..12], 3).Concat(Some(random, Skills, 2)).Append(random.Next(5) == 0 ? "unheard-of" : "sales").Distinct()],
            [.. Some(random, Skills[..12], 2).Concat(Some(random, Skills, 1)).Distinct()], Pick(random, Forms),
            place is { Length: 2 } ? place : null, place is { Length: > 2 } ? place : null, Pick(random, Remotes),
            Pick(random, Units), random.Next(3) == 0 ? null : random.Next(3, 12) * 1_000_000L);
    }

    private static CandidatePool.Row RowOf(CandidateTerms c) => new()
    {
        Id = c.Id,
        PrefectureCode = c.PrefectureCode,
        EmploymentForms = JsonSerializer.Serialize(c.EmploymentForms, MatchingJson.Options),
        Profile = JsonSerializer.Serialize(new
        {
            hometownPrefectureCode = c.HometownPrefectureCode, skills = c.Skills, desiredAreas = c.DesiredAreas, remote = c.Remote,
            desiredPayUnit = c.DesiredPayUnit, desiredPayYen = c.DesiredPayYen, availableFrom = c.AvailableFrom, career = Array.Empty<object>(),
        }, MatchingJson.Options),
    };

    [Fact]
    public void The_pool_ranks_exactly_as_the_scoring_does_for_random_candidates_and_needs()
    {
        var random = new Random(20261201);
        var candidates = Enumerable.Range(0, 3_000).Select(_ => RandomCandidate(random)).ToList();
        using var pool = new ProgramCandidates("test");
        pool.Apply(candidates.Select(c => c.Id), candidates.ToDictionary(c => c.Id, RowOf));
        var names = Skills.ToDictionary(s => s, s => s);
        for (var n = 0; n < 200; n++)
        {
            var need = RandomNeed(random);
            var weights = n % 3 == 0 ? new MatchWeights() : new MatchWeights(random.Next(101), random.Next(101), random.Next(101), random.Next(101),
                random.Next(101), random.Next(101), random.Next(101), random.Next(101));
            var limit = 1 + random.Next(30);
            var eligible = candidates.Where(c => c.EmploymentForms.Contains(need.EmploymentForm)).ToList();
            var expected = eligible.Select(c => (c.Id, Scoring.Of(need, c, weights, names, Today).Score))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id).Take(limit).ToList();

            var (best, considered) = pool.Rank(need, weights, Today, limit);

            Assert.Equal(eligible.Count, considered);
            Assert.Equal(expected, best);
        }
    }

    [Fact]
    public void A_candidate_that_changes_is_scored_by_its_new_terms_and_one_that_leaves_is_no_longer_ranked()
    {
        var random = new Random(7);
        var candidates = Enumerable.Range(0, 500).Select(_ => RandomCandidate(random) with { EmploymentForms = ["fullTime"] }).ToList();
        using var pool = new ProgramCandidates("test");
        pool.Apply(candidates.Select(c => c.Id), candidates.ToDictionary(c => c.Id, RowOf));
        var need = new NeedTerms(["sales", "overseas", "dx"], [], "fullTime", "01", null, "none", null, null);
        var weights = new MatchWeights();
        var (before, _) = pool.Rank(need, weights, Today, 5);

        // The best leaves (erased, consent withdrawn): it is gone; the last one learns every skill: it comes first.
        var last = candidates.Select(c => (c, Scoring.Of(need, c, weights, new Dictionary<string, string>(), Today).Score)).OrderBy(x => x.Score).ThenByDescending(x => x.c.Id).First().c;
        var improved = last with { Skills = ["sales", "overseas", "dx"], PrefectureCode = "01", AvailableFrom = null };
        pool.Apply([before[0].Id, last.Id], new Dictionary<Guid, CandidatePool.Row> { [last.Id] = RowOf(improved) });
        var (after, considered) = pool.Rank(need, weights, Today, 500);

        Assert.Equal(499, considered);
        Assert.DoesNotContain(after, b => b.Id == before[0].Id);
        var top = Scoring.Of(need, improved, weights, new Dictionary<string, string>(), Today).Score;
        Assert.Equal(top, after[0].Score);
        Assert.Contains((last.Id, top), after);
        Assert.Equal(499, pool.Count);
    }
}
