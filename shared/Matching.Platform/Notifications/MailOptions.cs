using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace Matching.Platform.Notifications;

/// <summary>Configuration section <c>Matching:Mail</c>: the SMTP server the <see cref="EmailChannel"/> hands mail to.</summary>
public sealed class MailOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>The sender address; its domain also names the Message-IDs.</summary>
    public required string From { get; init; }

    /// <summary>The sender's display name, e.g. the program office's name.</summary>
    public string? FromName { get; init; }

    /// <summary>Authenticates when set.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary><c>none</c>, <c>starttls</c> (the default: a server that cannot encrypt is refused) or <c>ssl</c> (TLS from the first byte, port 465).</summary>
    public SecureSocketOptions Security { get; init; } = SecureSocketOptions.StartTls;

    /// <summary>Reads the section; a missing sender or an unknown security mode stops start-up rather than the first mail.</summary>
    public static MailOptions FromConfiguration(IConfiguration section)
    {
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host))
            throw new InvalidOperationException("Matching:Mail:Host is not set.");
        var from = section["From"];
        if (string.IsNullOrWhiteSpace(from) || !MimeKit.MailboxAddress.TryParse(from, out _))
            throw new InvalidOperationException("Matching:Mail:From must be the sender's e-mail address when Matching:Mail:Host is set.");
        return new MailOptions
        {
            Host = host,
            Port = section.GetValue<int?>("Port") ?? 587,
            From = from,
            FromName = section["FromName"],
            UserName = section["UserName"],
            Password = section["Password"],
            Security = (section["Security"] ?? "starttls").ToUpperInvariant() switch
            {
                "NONE" => SecureSocketOptions.None,
                "STARTTLS" => SecureSocketOptions.StartTls,
                "SSL" => SecureSocketOptions.SslOnConnect,
                var other => throw new InvalidOperationException($"Matching:Mail:Security is none, starttls or ssl, not '{other}'."),
            },
        };
    }
}
