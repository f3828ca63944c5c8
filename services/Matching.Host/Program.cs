using Matching.Host;
using Matching.Programs.Accounts;

if (args.Length > 0 && AccountCommands.Verbs.Contains(args[0]))
{
    // An operator's command (users …, tokens …): settings such as --Matching:Database:DataDirectory apply as usual.
    var settings = new List<string> { "--services", "programs" };
    for (var i = 0; i + 1 < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            settings.AddRange([args[i], args[++i]]);
    }
    await using var tools = await MatchingHost.BuildAsync([.. settings]);
    return await AccountCommands.RunAsync(tools.Services, args, Console.Out, CancellationToken.None);
}

if (args.Length > 0 && args[0] == CatchUpCommand.Verb)
    return await CatchUpCommand.RunAsync(args, Console.Out, CancellationToken.None);

if (args.Length > 0 && args[0] == MunicipalityListCommand.Verb)
    return await MunicipalityListCommand.RunAsync(args, Console.Out, CancellationToken.None);

var app = await MatchingHost.BuildAsync(args);
await app.RunAsync();
return 0;
