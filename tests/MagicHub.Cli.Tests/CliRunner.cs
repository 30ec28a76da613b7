using Spectre.Console;

namespace MagicHub.Cli.Tests;

/// <summary>What a run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs the CLI in-process with captured consoles, its own credentials file and environment.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("magichub-cli-").FullName;

    /// <summary>Environment variables the run sees.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>The credentials file of this runner.</summary>
    public string CredentialsPath => Path.Combine(directory, "config", "magichub", "credentials.json");

    /// <summary>A scratch directory for fixtures.</summary>
    public string Directory => directory;

    /// <summary>Writes a file of <paramref name="bytes"/> bytes into the scratch directory.</summary>
    public string WriteFile(string name, int bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(i => (byte)(i % 251)).ToArray());
        return path;
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(Console(output), Console(error), name => Environment.GetValueOrDefault(name), CredentialsPath,
            PollInterval: TimeSpan.FromMilliseconds(20));
        var code = await CliApp.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 220;
        return console;
    }

    public void Dispose() => System.IO.Directory.Delete(directory, recursive: true);
}
