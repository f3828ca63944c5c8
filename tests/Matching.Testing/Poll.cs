using System.Net.Sockets;

namespace Matching.Testing;

/// <summary>Waits for an eventual effect with a deadline, instead of a bare delay.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
            {
                last = ex;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.", last);
    }

    /// <summary>Polls until <paramref name="read"/> returns <paramref name="expected"/>; then checks it stays so (no late duplicates).</summary>
    public static async Task<T> UntilEqualAsync<T>(Func<Task<T>> read, T expected, TimeSpan timeout, string what)
    {
        T? last = default;
        await UntilAsync(async () => EqualityComparer<T>.Default.Equals(last = await read(), expected), timeout, $"{what} to be {expected} (last: {last})");
        return last!;
    }
}
