using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Senim.Web.Features.Citizens;

/// <summary>A fresh form: the signed token to send back and the proof-of-work difficulty the page's script must meet.</summary>
/// <param name="Token">Signed by the server (Data Protection) with its issue time and the account it was shown to.</param>
/// <param name="Difficulty">Leading zero bits SHA-256(token ":" stamp) must have; 0: no stamp asked.</param>
/// <param name="NotBefore">The earliest moment the form may be sent.</param>
public sealed record FormTicket(string Token, int Difficulty, DateTimeOffset NotBefore);

/// <summary>Why a form was refused before its content was looked at; <see cref="Status"/> is 400, or 429 with <see cref="RetryAfterSeconds"/>.</summary>
public sealed record FormRefusal(string Field, string Code, string English, int Status, object[] Args, int? RetryAfterSeconds = null)
{
    /// <summary>The refusal as the register's validation error (400), for the pages and problem details alike.</summary>
    public ValidationException AsValidation() => Invalid.Field(Field, Code, English, Args);
}

/// <summary>
/// Flood protection of the public forms without third parties (ADR 0025, addendum): a token signed by the server with its
/// issue time (sent sooner than <see cref="CitizenOptions.MinFormSeconds"/> or later than <see cref="CitizenOptions.MaxFormHours"/>:
/// refused, the text stays in the form), used once; a honeypot field people do not see; and a SHA-256 proof-of-work stamp the
/// page's script computes. Without the stamp (JavaScript off) a client may still file <see cref="CitizenOptions.PlainPerHour"/>
/// requests an hour; the per-client rate limit (<see cref="RateLimitHosting.CitizenFile"/>) caps everyone. The used tokens
/// and the plain counts are kept in this node's memory: on several nodes each counts its own.
/// </summary>
public sealed class CitizenFormGuard(IDataProtectionProvider protection, TimeProvider time, CitizenOptions options)
{
    /// <summary>The honeypot's field name: a field people never see and bots fill in.</summary>
    public const string Honeypot = "website";

    public const string TokenField = "form_token";
    public const string ProofField = "proof";

    /// <summary>The longest stamp accepted (the script sends a decimal counter).</summary>
    public const int MaxProofLength = 32;

    private const int MaxTracked = 100_000;

    private readonly IDataProtector _protector = protection.CreateProtector("Senim.CitizenForm.v1");
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Window, int Count)> _plain = new(StringComparer.Ordinal);

    public int Difficulty => options.ProofOfWorkBits;

    /// <summary>A new form for <paramref name="userId"/> (null: a person without an account).</summary>
    public FormTicket Issue(Guid? userId)
    {
        var now = time.GetUtcNow();
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(12));
        var payload = string.Join('|', "v1", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), nonce, userId?.ToString("N") ?? "-");
        return new FormTicket(_protector.Protect(payload), options.ProofOfWorkBits, now.AddSeconds(options.MinFormSeconds));
    }

    /// <summary>
    /// Checks a posted form's token, honeypot and stamp; null when it may go on. A form that passes holds its token until
    /// <see cref="Release"/> (the register refused its content: the person may send it again) or <see cref="Accepted"/>.
    /// </summary>
    public FormRefusal? Check(string? token, string? honeypot, string? proof, Guid? userId, string client)
    {
        if (!string.IsNullOrEmpty(honeypot))
        {
            return new FormRefusal(Honeypot, "form-honeypot", "a field meant to stay empty was filled in; leave it empty and send the form again", 400, []);
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return new FormRefusal(TokenField, "form-token-missing", "the form's token is missing: open the form again and send it from there", 400, []);
        }

        if (!TryRead(token, out var issued, out var owner) || owner != (userId?.ToString("N") ?? "-"))
        {
            return new FormRefusal(TokenField, "form-token-invalid", "the form's token is not valid (or was made for another account): your text is kept below; send the form again", 400, []);
        }

        var now = time.GetUtcNow();
        var age = now - issued;
        if (age < TimeSpan.FromSeconds(options.MinFormSeconds))
        {
            return new FormRefusal(TokenField, "form-too-fast", "the form was sent {0} seconds after it was opened; wait at least {1} seconds: your text is kept below, send it again", 400,
                [Math.Max(0, (int)age.TotalSeconds), options.MinFormSeconds]);
        }

        if (age > TimeSpan.FromHours(options.MaxFormHours))
        {
            return new FormRefusal(TokenField, "form-expired", "the form was opened more than {0} hours ago: your text is kept below; check it and send it again", 400, [options.MaxFormHours]);
        }

        var stamped = !string.IsNullOrEmpty(proof);
        if (stamped && (proof!.Length > MaxProofLength || !Meets(token, proof, options.ProofOfWorkBits)))
        {
            return new FormRefusal(ProofField, "proof-invalid", "the browser's check of this form does not match it: your text is kept below; send the form again", 400, []);
        }

        if (!stamped && options.ProofOfWorkBits > 0 && PlainCount(client, now) >= options.PlainPerHour)
        {
            var wait = (int)Math.Ceiling((_plain[client].Window.AddHours(1) - now).TotalSeconds);
            return new FormRefusal(ProofField, "proof-needed", "{0} requests were sent from here in the last hour without the browser's check (JavaScript is off); turn JavaScript on, or send it again in {1} minutes: your text is kept below", 429,
                [options.PlainPerHour, Math.Max(1, (wait + 59) / 60)], Math.Max(1, wait));
        }

        Prune(now);
        if (!_used.TryAdd(token, now))
        {
            return new FormRefusal(TokenField, "form-used", "this form was already sent once; open a new form to file another request", 400, []);
        }

        return null;
    }

    /// <summary>The register refused the form's content: the same token may be sent again.</summary>
    public void Release(string token) => _used.TryRemove(token, out _);

    /// <summary>The request was filed: a form without a stamp counts against the client's plain allowance.</summary>
    public void Accepted(string? proof, string client)
    {
        if (!string.IsNullOrEmpty(proof) || options.ProofOfWorkBits == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        _plain.AddOrUpdate(client, _ => (now, 1), (_, old) => now - old.Window >= TimeSpan.FromHours(1) ? (now, 1) : (old.Window, old.Count + 1));
    }

    /// <summary>True when SHA-256 of "token:stamp" starts with <paramref name="bits"/> zero bits (what the page's script searches for).</summary>
    public static bool Meets(string token, string stamp, int bits)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(stamp);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token + ":" + stamp), hash);
        for (var i = 0; i < bits; i++)
        {
            if ((hash[i / 8] & (0x80 >> (i % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A stamp that meets the difficulty (what the page's script does; for API clients' examples and tests).</summary>
    public static string Solve(string token, int bits)
    {
        for (long n = 0; ; n++)
        {
            var stamp = n.ToString(CultureInfo.InvariantCulture);
            if (Meets(token, stamp, bits))
            {
                return stamp;
            }
        }
    }

    private int PlainCount(string client, DateTimeOffset now) =>
        _plain.TryGetValue(client, out var entry) && now - entry.Window < TimeSpan.FromHours(1) ? entry.Count : 0;

    private bool TryRead(string token, out DateTimeOffset issued, out string owner)
    {
        issued = default;
        owner = "";
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = payload.Split('|');
        if (parts.Length != 4 || parts[0] != "v1" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        issued = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        owner = parts[3];
        return true;
    }

    /// <summary>Forgets used tokens once they could no longer be sent anyway, and old plain counts; bounded either way.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_used.Count < MaxTracked && _plain.Count < MaxTracked)
        {
            return;
        }

        var before = now.AddHours(-options.MaxFormHours);
        foreach (var (key, at) in _used)
        {
            if (at < before || _used.Count >= MaxTracked)
            {
                _used.TryRemove(key, out _);
            }
        }

        foreach (var (key, entry) in _plain)
        {
            if (now - entry.Window >= TimeSpan.FromHours(1))
            {
                _plain.TryRemove(key, out _);
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
