using System.Globalization;
using MagicHub.Cli.Commands;
using MagicHub.Cli.Http;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MagicHub.Cli.Output;

/// <summary>The progress labels and summary table of <c>magichub transcribe</c>.</summary>
public static class TranscribeOutput
{
    /// <summary>Stages done (0-3), plus half a stage for the one running.</summary>
    public static double StageProgress(JobView job) =>
        job.Stages.Sum(s => s.State switch { "done" => 1.0, "running" => 0.5, _ => 0.0 });

    /// <summary>"file  stage 2/3 analyze" while running.</summary>
    public static string BarLabel(string file, JobView job)
    {
        var index = job.Stages.ToList().FindIndex(s => s.Name == job.Stage) + 1;
        return job.IsFinished
            ? $"{Markup.Escape(file)} {StatusMarkup(job.Status)}"
            : $"{Markup.Escape(file)} [grey]{index}/{job.Stages.Count} {Markup.Escape(job.Stage)}[/]";
    }

    /// <summary>A coloured status word.</summary>
    public static string StatusMarkup(string status) => status switch
    {
        "completed" => "[green]completed[/]",
        "failed" => "[red]failed[/]",
        "rejected" => "[red]rejected[/]",
        _ => $"[yellow]{Markup.Escape(status)}[/]",
    };

    /// <summary>The summary table: file, status, domain, category, sentiment, call id, seconds; errors under their file.</summary>
    public static IRenderable Summary(IReadOnlyList<TranscribeResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("File", "Status", "Domain", "Category", "Sentiment", "Call id")
            .AddColumn(new TableColumn("Seconds").RightAligned());
        foreach (var result in results)
        {
            table.AddRow(
                Markup.Escape(result.File) + (result.Duplicate ? " [grey](duplicate)[/]" : ""),
                StatusMarkup(result.Status),
                Markup.Escape(result.Domain ?? ""),
                Markup.Escape(result.Category ?? ""),
                Markup.Escape(result.Sentiment ?? ""),
                result.CallId?.ToString() ?? "",
                result.Seconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");
            if (result.Error is not null)
            {
                table.AddRow($"  [red]↳ {Markup.Escape(result.Error)}[/]", "", "", "", "", "", "");
            }
        }
        return table;
    }

    /// <summary>"3 completed, 1 failed of 4 files".</summary>
    public static string Totals(IReadOnlyList<TranscribeResult> results)
    {
        var completed = results.Count(r => r.Succeeded);
        var failed = results.Count - completed;
        return failed == 0
            ? $"[green]{completed} completed[/] of {results.Count} file(s)."
            : $"[green]{completed} completed[/], [red]{failed} not completed[/] of {results.Count} file(s).";
    }
}
