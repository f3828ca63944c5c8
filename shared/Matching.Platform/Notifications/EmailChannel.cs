using System.Text;
using MailKit.Net.Smtp;
using MimeKit;

namespace Matching.Platform.Notifications;

/// <summary>The <c>email</c> channel: plain-text UTF-8 mail through the configured SMTP server (MailKit).</summary>
public sealed class EmailChannel(MailOptions options) : INotificationChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public async Task SendAsync(QueuedNotification notification, CancellationToken ct)
    {
        using var message = Compose(notification);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, ct);
            if (!string.IsNullOrEmpty(options.UserName))
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            // 5xx is a permanent refusal (RFC 5321 §4.2.1): an unknown mailbox, a sender not allowed. Retrying cannot help.
            throw new NotificationRejectedException($"The mail server refused the mail: {(int)ex.StatusCode} {ex.Message}", ex);
        }

        // The server has the mail: a failing QUIT must not make it a failed attempt, which would send it again.
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
        }
    }

    internal MimeMessage Compose(QueuedNotification notification)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(notification.Recipient));
        message.Subject = notification.Subject;
        // One id per notification, the same on every attempt: a copy sent again after a crash is recognisable as such.
        message.MessageId = MessageIdOf(notification.NotificationId, options.From);
        // RFC 3834: an automatic message, so auto-responders do not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var text = notification.Link is null ? notification.Body : $"{notification.Body.TrimEnd()}\n\n{notification.Link}\n";
        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(Encoding.UTF8, text);
        message.Body = body;
        return message;
    }

    internal static string MessageIdOf(Guid notificationId, string from)
    {
        var address = MailboxAddress.Parse(from).Address;
        var domain = address[(address.LastIndexOf('@') + 1)..];
        return $"notification-{notificationId:N}@{domain}";
    }
}
