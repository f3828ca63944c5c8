using Matching.Contracts;
using Matching.Contracts.Placements;
using Matching.Placements.Fees;
using Matching.Placements.FollowUps;
using Matching.Placements.Settings;
using Matching.Platform.Notifications;

namespace Matching.Placements.Tests;

/// <summary>The pure rules of hiring: where a hire came from, when it counts, what a refund is, when follow-ups fall due.</summary>
public sealed class RulesTests
{
    private static PrefectureCode P(string code) => PrefectureCode.Parse(code);

    [Theory]
    [InlineData("01", "01", "13", false, null)]   // lives in Hokkaido already: no turn, not from outside
    [InlineData("01", "13", "01", true, "u")]     // back to the hometown prefecture
    [InlineData("01", "13", "13", true, "i")]     // a Tokyo native to Hokkaido
    [InlineData("04", "13", "02", true, "j")]     // Aomori native living in Tokyo, to Miyagi (both 東北)
    [InlineData("04", "13", "27", true, "i")]     // Osaka native to Miyagi: another region
    [InlineData("01", "13", null, true, null)]    // hometown unknown: from outside, turn unknown
    public void The_origin_of_a_hire_follows_residence_and_hometown_against_the_company_prefecture(
        string company, string residence, string? hometown, bool fromOutside, string? turn)
    {
        var origin = HireOrigin.Of(P(company), P(residence), hometown is null ? null : P(hometown));

        Assert.Equal(fromOutside, origin.FromOutsidePrefecture);
        Assert.Equal(turn, origin.TurnName);
    }

    [Fact]
    public void Regions_group_the_prefectures_as_the_eight_areas_do()
    {
        Assert.Equal("北海道", HireOrigin.RegionNames[HireOrigin.RegionOf(P("01"))]);
        Assert.Equal("東北", HireOrigin.RegionNames[HireOrigin.RegionOf(P("07"))]);
        Assert.Equal("関東", HireOrigin.RegionNames[HireOrigin.RegionOf(P("14"))]);
        Assert.Equal("中部", HireOrigin.RegionNames[HireOrigin.RegionOf(P("23"))]);
        Assert.Equal("近畿", HireOrigin.RegionNames[HireOrigin.RegionOf(P("30"))]);
        Assert.Equal("中国", HireOrigin.RegionNames[HireOrigin.RegionOf(P("35"))]);
        Assert.Equal("四国", HireOrigin.RegionNames[HireOrigin.RegionOf(P("39"))]);
        Assert.Equal("九州・沖縄", HireOrigin.RegionNames[HireOrigin.RegionOf(P("47"))]);
    }

    [Fact]
    public void An_offer_accepted_on_31_March_and_a_start_on_1_April_count_in_different_years_under_the_two_rules()
    {
        var accepted = new DateOnly(2019, 3, 31);
        var start = new DateOnly(2019, 4, 1);
        var atOffer = ProgramSettings.Default;
        var atStart = ProgramSettings.Default with { CountingRules = [new(new DateOnly(2010, 4, 1), CountingRule.Start, DateTimeOffset.UnixEpoch, null)] };

        var (onOffer, ruleOffer) = atOffer.CountedOn(accepted, start);
        var (onStart, ruleStart) = atStart.CountedOn(accepted, start);

        Assert.Equal((accepted, CountingRule.OfferAccepted), (onOffer, ruleOffer));
        Assert.Equal((start, CountingRule.Start), (onStart, ruleStart));
        Assert.Equal(2018, FiscalYear.Of(onOffer).StartYear);
        Assert.Equal(2019, FiscalYear.Of(onStart).StartYear);
    }

    [Fact]
    public void A_rule_changed_from_a_first_of_April_applies_by_the_day_the_offer_was_accepted()
    {
        // At the offer until FY2018, at the start from FY2019: the placement accepted on 31 March counts then, once.
        var settings = ProgramSettings.Default with { CountingRules = [new(new DateOnly(2019, 4, 1), CountingRule.Start, DateTimeOffset.UnixEpoch, null)] };

        Assert.Equal(new DateOnly(2019, 3, 31), settings.CountedOn(new DateOnly(2019, 3, 31), new DateOnly(2019, 4, 1)).CountedOn);
        Assert.Equal(new DateOnly(2019, 5, 7), settings.CountedOn(new DateOnly(2019, 4, 2), new DateOnly(2019, 5, 7)).CountedOn);
    }

    [Fact]
    public void A_fee_is_a_share_of_annual_pay_and_the_refund_takes_the_band_the_stay_fell_short_of()
    {
        var terms = new FeeTerm(FeeKind.Share, 3_000, null, [new RefundBand(1, 80), new RefundBand(3, 50), new RefundBand(6, 10)]);
        var start = new DateOnly(2025, 4, 1);

        var fee = terms.FeeFor(6_000_000);

        Assert.Equal(1_800_000, fee);
        Assert.Equal(1_440_000, terms.RefundFor(fee, start, new DateOnly(2025, 4, 20)));   // within a month
        Assert.Equal(900_000, terms.RefundFor(fee, start, new DateOnly(2025, 6, 10)));     // 2 months and 9 days
        Assert.Equal(180_000, terms.RefundFor(fee, start, new DateOnly(2025, 9, 30)));     // within 6 months
        Assert.Equal(0, terms.RefundFor(fee, start, new DateOnly(2025, 10, 1)));           // 6 full months: no refund
        Assert.Equal(500_000, new FeeTerm(FeeKind.Fixed, null, 500_000, []).FeeFor(null));
    }

    [Fact]
    public void Follow_ups_fall_due_on_the_first_business_day_on_or_after_each_month()
    {
        var start = new DateOnly(2025, 4, 3);

        // 2025-05-03 is 憲法記念日 (Sat), 5-4 みどりの日, 5-5 こどもの日, 5-6 振替休日: due on 5-7.
        Assert.Equal(new DateOnly(2025, 5, 7), FollowUpSchedule.DueOn(start, 1, BusinessCalendar.Default));
        Assert.Equal(new DateOnly(2025, 7, 3), FollowUpSchedule.DueOn(start, 3, BusinessCalendar.Default));
        Assert.Equal(new DateOnly(2026, 1, 5), FollowUpSchedule.DueOn(new DateOnly(2025, 12, 3), 1, BusinessCalendar.Default)); // after 年末年始
    }

    [Fact]
    public void Retention_marks_are_decided_once_reached_or_out_of_reach()
    {
        var start = new DateOnly(2025, 1, 10);

        Assert.False(Retention.Decided(start, null, new DateOnly(2025, 12, 1)));
        Assert.True(Retention.Decided(start, null, new DateOnly(2026, 1, 10)));
        Assert.True(Retention.Decided(start, new DateOnly(2025, 9, 10), new DateOnly(2025, 9, 11)));  // left at month 8: 12 out of reach, 6 passed
        Assert.False(Retention.Decided(start, new DateOnly(2025, 9, 10), new DateOnly(2025, 7, 1)));  // the 6-month mark not yet swept
    }
}
