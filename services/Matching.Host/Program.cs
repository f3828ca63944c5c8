using Matching.Host;

var app = await MatchingHost.BuildAsync(args);
await app.RunAsync();
