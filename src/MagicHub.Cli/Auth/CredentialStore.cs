using System.Text.Json;

namespace MagicHub.Cli.Auth;

/// <summary>Reads and writes the credentials file, readable by its owner only (0600, directory 0700).</summary>
public sealed class CredentialStore(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The file's path.</summary>
    public string Path { get; } = path;

    /// <summary>The credentials kept for <paramref name="gateway"/>, or null.</summary>
    public Credentials? Get(Uri gateway) => Load().Gateways.GetValueOrDefault(Key(gateway));

    /// <summary>Keeps <paramref name="credentials"/> for <paramref name="gateway"/>.</summary>
    public void Save(Uri gateway, Credentials credentials)
    {
        var file = Load();
        file.Gateways[Key(gateway)] = credentials;
        Write(file);
    }

    /// <summary>Forgets the credentials of <paramref name="gateway"/>; false if there were none.</summary>
    public bool Remove(Uri gateway)
    {
        var file = Load();
        if (!file.Gateways.Remove(Key(gateway)))
        {
            return false;
        }
        Write(file);
        return true;
    }

    private CredentialsFile Load()
    {
        if (!File.Exists(Path))
        {
            return new CredentialsFile([]);
        }
        try
        {
            return JsonSerializer.Deserialize<CredentialsFile>(File.ReadAllText(Path), Json) is { Gateways: not null } file
                ? file
                : new CredentialsFile([]);
        }
        catch (JsonException ex)
        {
            throw new CliException($"The credentials file {Path} is not valid JSON ({ex.Message}); delete it and sign in again.");
        }
    }

    private void Write(CredentialsFile file)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var temp = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, file, Json);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, Path, overwrite: true);
    }

    /// <summary>Gateways are told apart by scheme, host and port.</summary>
    private static string Key(Uri gateway) => gateway.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
