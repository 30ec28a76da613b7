using MagicHub.Security.Authentication;
using Xunit;

namespace MagicHub.Security.Tests;

public sealed class ServiceSecretFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "magichub-secret-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Services_sharing_a_data_directory_share_one_owner_only_secret()
    {
        var results = new string[8];
        Parallel.For(0, results.Length, i => results[i] = ServiceSecretFile.ReadOrCreate(_directory));

        Assert.Single(results.Distinct());
        Assert.True(results[0].Length >= 40);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, ServiceSecretFile.FileName)));
        }
    }

    [Fact]
    public void Another_data_directory_gets_another_secret()
    {
        var first = ServiceSecretFile.ReadOrCreate(_directory);
        var second = ServiceSecretFile.ReadOrCreate(Path.Combine(_directory, "other"));

        Assert.NotEqual(first, second);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
