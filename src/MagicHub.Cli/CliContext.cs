using Spectre.Console;

namespace MagicHub.Cli;

/// <summary>What a command run depends on from its surroundings: consoles, environment, files and the network.</summary>
/// <param name="Out">Where results go (tables, JSON).</param>
/// <param name="Error">Where errors and hints go.</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="CredentialsPath">The credentials file (<c>~/.config/magichub/credentials.json</c>).</param>
/// <param name="Handler">The HTTP handler to send requests with; null uses a new <see cref="SocketsHttpHandler"/>.</param>
/// <param name="PollInterval">How often <c>transcribe</c> asks for a job's progress.</param>
public sealed record CliContext(
    IAnsiConsole Out,
    IAnsiConsole Error,
    Func<string, string?> Environment,
    string CredentialsPath,
    HttpMessageHandler? Handler = null,
    TimeSpan? PollInterval = null)
{
    /// <summary>The process's console, environment and home directory.</summary>
    public static CliContext ForConsole()
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliContext(AnsiConsole.Console, error, System.Environment.GetEnvironmentVariable, DefaultCredentialsPath(System.Environment.GetEnvironmentVariable));
    }

    /// <summary><c>$XDG_CONFIG_HOME/magichub/credentials.json</c>, else <c>~/.config/magichub/credentials.json</c>.</summary>
    public static string DefaultCredentialsPath(Func<string, string?> environment)
    {
        var configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome))
        {
            configHome = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
        }
        return Path.Combine(configHome, "magichub", "credentials.json");
    }

    /// <summary>Writes <paramref name="text"/> to the output as is: no markup, no wrapping (for JSON and CSV).</summary>
    public void WriteRaw(string text)
    {
        Out.Profile.Out.Writer.Write(text);
        Out.Profile.Out.Writer.Flush();
    }

    /// <summary>Writes an error line to the error console, unwrapped.</summary>
    public void WriteError(string message)
    {
        Error.Markup("[red]Error:[/] ");
        Error.Profile.Out.Writer.WriteLine(message);
        Error.Profile.Out.Writer.Flush();
    }
}
