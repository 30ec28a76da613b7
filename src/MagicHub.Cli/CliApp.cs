using System.CommandLine;
using MagicHub.Cli.Commands;

namespace MagicHub.Cli;

/// <summary>The <c>magichub</c> command line: builds the commands and runs one, reporting failures as one line.</summary>
public static class CliApp
{
    /// <summary>Exit code of a failed command or a file that did not complete.</summary>
    public const int Failed = 1;

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(CliContext context)
    {
        var global = new GlobalOptions(context);
        var root = new RootCommand("MagicHub command-line client: analyze recordings and browse calls through the gateway.");
        global.AddTo(root);
        foreach (var command in AuthCommands.Create(global))
        {
            root.Add(command);
        }
        root.Add(TranscribeCommand.Create(global));
        root.Add(CallsCommands.Create(global));
        root.Add(DeadLetterCommands.Create(global));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        var parse = Build(context).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error.Profile.Out.Writer,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(invocation, ct);
        }
        catch (CliException ex)
        {
            context.WriteError(ex.Message);
            return Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.WriteError("Cancelled.");
            return 130;
        }
        catch (IOException ex)
        {
            context.WriteError(ex.Message);
            return Failed;
        }
        catch (UnauthorizedAccessException ex)
        {
            context.WriteError(ex.Message);
            return Failed;
        }
    }
}
