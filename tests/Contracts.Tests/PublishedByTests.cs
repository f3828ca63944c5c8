using Matching.Contracts;

namespace Matching.Contracts.Tests;

/// <summary>A service catching up waits for the publishers of what it consumes: every event names them.</summary>
public sealed class PublishedByTests
{
    private static readonly string[] Services = ["programs", "companies", "coordinators", "candidates", "placements"];

    public static TheoryData<string> Events()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(IIntegrationEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t)))
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_names_the_services_that_publish_it(string eventType)
    {
        var publishers = PublishedByAttribute.Of(typeof(IIntegrationEvent).Assembly.GetType(eventType)!);

        Assert.NotEmpty(publishers);
        Assert.All(publishers, p => Assert.Contains(p, Services));
    }

    [Fact]
    public void An_event_of_a_service_is_published_by_that_service()
    {
        Assert.Equal(["companies"], PublishedByAttribute.Of(typeof(Companies.CompanyUpdated)));
        Assert.Equal(["coordinators"], PublishedByAttribute.Of(typeof(Coordinators.ConsultationLogged)));
        Assert.Equal(["programs"], PublishedByAttribute.Of(typeof(Programs.ProgramCreated)));
        Assert.Empty(PublishedByAttribute.Of(typeof(string)));
    }
}
