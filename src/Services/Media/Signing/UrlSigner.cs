using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Signing;

/// <summary>HMAC-SHA256 signatures of download URLs: the signature covers the item, its tenant and the expiry.</summary>
public sealed partial class UrlSigner
{
    private readonly byte[] _key;

    public UrlSigner(IOptions<MediaOptions> options, ILogger<UrlSigner> logger)
    {
        if (options.Value.SigningKey is { Length: > 0 } configured)
        {
            _key = Encoding.UTF8.GetBytes(configured);
        }
        else
        {
            _key = RandomNumberGenerator.GetBytes(32);
            LogRandomKey(logger);
        }
    }

    /// <summary>The signature of a URL for <paramref name="id"/> of <paramref name="tenantId"/> valid until <paramref name="expires"/> (Unix seconds).</summary>
    public string Sign(Guid id, string tenantId, long expires) =>
        Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id:N}\n{tenantId}\n{expires}")));

    /// <summary>True when <paramref name="signature"/> is the one <see cref="Sign"/> makes; compared in constant time.</summary>
    public bool Verify(Guid id, string tenantId, long expires, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(id, tenantId, expires));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media:SigningKey is not set: signed URLs use a random key and stop working when this process restarts.")]
    private static partial void LogRandomKey(ILogger logger);
}
