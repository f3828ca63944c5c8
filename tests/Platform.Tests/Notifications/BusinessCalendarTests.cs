using Matching.Testing;
using Matching.Platform.Notifications;

namespace Matching.Platform.Tests.Notifications;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Default;

    [Fact]
    public void A_referral_sent_on_a_Friday_before_Golden_Week_is_due_after_it()
    {
        var sent = new DateOnly(2026, 4, 24);   // Friday

        var due = Calendar.AddBusinessDays(sent, 5);

        // 4/27, 4/28, (4/29 昭和の日), 4/30, 5/1, (5/2–5/6 weekend, 憲法記念日 on Sunday, みどりの日, こどもの日, 振替休日), 5/7
        Assert.Equal(new DateOnly(2026, 5, 7), due);
    }

    [Fact]
    public void Counting_the_business_days_to_the_deadline_gives_the_days_added()
    {
        var sent = new DateOnly(2026, 4, 24);

        Assert.Equal(5, Calendar.BusinessDaysBetween(sent, new DateOnly(2026, 5, 7)));
        Assert.Equal(4, Calendar.BusinessDaysBetween(sent, new DateOnly(2026, 5, 6)));
        Assert.Equal(-5, Calendar.BusinessDaysBetween(new DateOnly(2026, 5, 7), sent));
        Assert.Equal(0, Calendar.BusinessDaysBetween(sent, sent));
    }

    [Theory]
    [InlineData("2026-04-29")]   // 昭和の日
    [InlineData("2026-05-06")]   // 振替休日: 憲法記念日 5/3 was a Sunday
    [InlineData("2026-09-22")]   // 国民の休日 between 敬老の日 9/21 and 秋分の日 9/23
    [InlineData("2025-11-24")]   // 振替休日: 勤労感謝の日 11/23 was a Sunday
    [InlineData("2027-03-22")]   // 振替休日: 春分の日 3/21 is a Sunday
    [InlineData("2019-04-30")]   // 国民の休日 before 天皇の即位の日
    [InlineData("2019-05-01")]   // 天皇の即位の日
    [InlineData("2019-10-22")]   // 即位礼正殿の儀の行われる日
    [InlineData("2020-07-24")]   // スポーツの日, moved for the Tokyo Games
    [InlineData("2021-08-09")]   // 振替休日 of 山の日 moved to Sunday 8/8
    [InlineData("2026-12-29")]   // year-end closure
    [InlineData("2027-01-01")]   // 元日
    public void Holidays_and_the_year_end_closure_are_no_business_days(string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(Calendar.IsBusinessDay(date));
    }

    [Theory]
    [InlineData("2019-12-23")]   // no 天皇誕生日 in 2019
    [InlineData("2020-10-12")]   // スポーツの日 was moved to 7/24 that year
    [InlineData("2021-08-11")]   // 山の日 was moved to 8/8 that year
    [InlineData("2026-04-30")]
    [InlineData("2026-12-28")]   // the last day before the closure
    public void Ordinary_weekdays_are_business_days(string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Calendar.IsBusinessDay(date));
    }

    [Fact]
    public void The_year_end_closure_moves_a_deadline_into_January()
    {
        var sent = new DateOnly(2026, 12, 25);   // Friday

        Assert.Equal(new DateOnly(2026, 12, 28), Calendar.AddBusinessDays(sent, 1));
        Assert.Equal(new DateOnly(2027, 1, 4), Calendar.AddBusinessDays(sent, 2));
        Assert.Equal(2, Calendar.BusinessDaysBetween(sent, new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void A_day_the_program_closes_counts_as_no_business_day()
    {
        var calendar = Calendar.WithClosedDays([new DateOnly(2026, 4, 27)]);
        var sent = new DateOnly(2026, 4, 24);

        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 4, 27)));
        Assert.Equal(new DateOnly(2026, 5, 8), calendar.AddBusinessDays(sent, 5));
        Assert.True(Calendar.IsBusinessDay(new DateOnly(2026, 4, 27)));   // the default calendar is unchanged
    }

    [Fact]
    public void A_program_without_the_year_end_closure_works_on_December_29()
    {
        var calendar = new BusinessCalendar(yearEndClosure: false);

        Assert.True(calendar.IsBusinessDay(new DateOnly(2026, 12, 29)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2027, 1, 1)));   // 元日 stays a holiday
    }

    [Fact]
    public void Counting_back_finds_the_business_day_before()
    {
        Assert.Equal(new DateOnly(2026, 5, 1), Calendar.AddBusinessDays(new DateOnly(2026, 5, 7), -1));
        Assert.Equal(new DateOnly(2026, 4, 24), Calendar.AddBusinessDays(new DateOnly(2026, 5, 7), -5));
        Assert.Equal(new DateOnly(2026, 5, 7), Calendar.AddBusinessDays(new DateOnly(2026, 5, 7), 0));
    }
}
