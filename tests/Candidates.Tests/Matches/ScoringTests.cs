using Matching.Candidates.Matches;

namespace Matching.Candidates.Tests.Matches;

/// <summary>Hand-made cases where the right order is obvious, and the reasons that must come with it.</summary>
public sealed class ScoringTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["sales"] = "営業", ["overseas"] = "海外展開", ["dx"] = "DX推進",
    };

    private static readonly NeedTerms Need = new(["sales", "overseas"], ["dx"], "fullTime", null, "012084", "none", "year", 7_000_000);

    private static CandidateTerms Candidate(
        string[]? skills = null, string prefecture = "01", string? hometown = null, string remote = "none", string[]? areas = null, long? pay = 6_000_000) =>
        new(Guid.NewGuid(), skills ?? ["sales", "overseas", "dx"], ["fullTime"], prefecture, hometown, areas ?? [], remote, null, "year", pay, null);

    private static MatchScore Score(CandidateTerms c, MatchWeights? weights = null) => Scoring.Of(Need, c, weights ?? new MatchWeights(), Names, Today);

    [Fact]
    public void A_perfect_fit_scores_every_point_that_applies_and_says_why()
    {
        var score = Score(Candidate());

        // 100 less the remote (the need is on site) and U-turn (the candidate lives there) weights, which do not apply.
        Assert.Equal(90, score.Score);
        Assert.Equal(["requiredSkills", "preferredSkills", "employmentForm", "area", "availability", "pay"], score.Reasons.Where(r => r.Points > 0).Select(r => r.Kind));
        Assert.Contains(score.Reasons, r => r.Kind == "requiredSkills" && r.Text.Contains("2/2", StringComparison.Ordinal) && r.Text.Contains("営業・海外展開", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fit_without_a_required_skill_ranks_below_and_names_the_missing_skill()
    {
        var perfect = Score(Candidate());
        var lacking = Score(Candidate(skills: ["sales", "dx"]));

        Assert.True(perfect.Score > lacking.Score, $"{perfect.Score} vs {lacking.Score}");
        Assert.Equal(70, lacking.Score); // half of the required skills' 40
        Assert.Contains(lacking.Reasons, r => r.Kind == "missingSkills" && r.Text.Contains("海外展開", StringComparison.Ordinal) && r.Points == 0);
    }

    [Fact]
    public void Between_two_equal_candidates_from_elsewhere_the_one_from_the_prefecture_wins_as_a_u_turn()
    {
        var returning = Score(Candidate(prefecture: "13", hometown: "01", areas: ["01"]));
        var stranger = Score(Candidate(prefecture: "13", hometown: "27", areas: ["01"]));

        Assert.Equal(stranger.Score + 5, returning.Score);
        Assert.Contains(returning.Reasons, r => r.Kind == "uTurn" && r.Points == 5);
        Assert.DoesNotContain(stranger.Reasons, r => r.Kind == "uTurn");
    }

    [Fact]
    public void For_an_on_site_need_a_local_candidate_ranks_above_a_remote_only_one_elsewhere()
    {
        var local = Score(Candidate());
        var remoteOnly = Score(Candidate(prefecture: "13", remote: "full"));

        Assert.True(local.Score > remoteOnly.Score, $"{local.Score} vs {remoteOnly.Score}");
        Assert.Contains(remoteOnly.Reasons, r => r.Kind == "area" && r.Points == 0);
        Assert.Contains(remoteOnly.Reasons, r => r.Kind == "remote" && r.Points == 0);
    }

    [Fact]
    public void For_a_fully_remote_need_the_remote_candidate_elsewhere_is_not_held_back_by_the_place()
    {
        var remoteNeed = Need with { Remote = "full" };

        var remote = Scoring.Of(remoteNeed, Candidate(prefecture: "13", remote: "full"), new MatchWeights(), Names, Today);
        var onSiteOnly = Scoring.Of(remoteNeed, Candidate(prefecture: "13", remote: "none"), new MatchWeights(), Names, Today);

        Assert.True(remote.Score > onSiteOnly.Score, $"{remote.Score} vs {onSiteOnly.Score}");
        Assert.Contains(remote.Reasons, r => r.Kind == "remote" && r.Points == 20);
    }

    [Fact]
    public void Weights_the_program_chooses_change_the_order()
    {
        var skilledFarAway = Candidate(prefecture: "47");
        var localWithoutSkills = Candidate(skills: []);
        var placeFirst = new MatchWeights(RequiredSkills: 5, PreferredSkills: 0, Area: 60);

        var byDefault = Score(skilledFarAway).Score > Score(localWithoutSkills).Score;
        var byPlace = Score(skilledFarAway, placeFirst).Score < Score(localWithoutSkills, placeFirst).Score;

        Assert.True(byDefault);
        Assert.True(byPlace);
    }

    [Fact]
    public void The_same_data_always_gives_the_same_score_and_reasons()
    {
        var candidate = Candidate(prefecture: "13", hometown: "01", pay: 8_000_000);

        var first = Score(candidate);
        var second = Score(candidate);

        Assert.Equal(first.Score, second.Score);
        Assert.Equal(first.Reasons, second.Reasons);
        Assert.Contains(first.Reasons, r => r.Kind == "pay" && r.Points == 0);
    }
}
