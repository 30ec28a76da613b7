using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace MagicHub.Security.Authentication;

/// <summary>
/// The embedded default of <see cref="SecurityOptions.ServiceSecret"/>: a random secret in <c>{Data:Directory}/service-secret</c>,
/// created by whichever service starts first, so every service of one machine (sharing <c>./data</c>) agrees
/// with no configuration. Deployments across machines set <c>Security:ServiceSecret</c> instead.
/// </summary>
public static class ServiceSecretFile
{
    /// <summary>The file's name inside the data directory.</summary>
    public const string FileName = "service-secret";

    private static string? TryRead(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads the secret in <paramref name="dataDirectory"/>, creating it (owner-only) when missing.</summary>
    public static string ReadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(secret);
                }
                return secret;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another service created it: read it once it has been written.
                if (TryRead(path) is { } existing)
                {
                    return existing;
                }
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"The service secret file {path} stays empty.");
    }
}
