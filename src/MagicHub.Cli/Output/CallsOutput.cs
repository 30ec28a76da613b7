using System.Globalization;
using System.Text.Json;
using MagicHub.Cli.Http;
using Spectre.Console;

namespace MagicHub.Cli.Output;

/// <summary>Tables and panels for the <c>calls</c> commands.</summary>
public static class CallsOutput
{
    private static string Time(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A page of calls and the paging line under it.</summary>
    public static void List(CallPage page, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Call id", "File", "Domain", "Category", "Sentiment", "Created (UTC)");
        foreach (var call in page.Items)
        {
            table.AddRow(call.CallId.ToString(), Markup.Escape(call.FileName), Markup.Escape(call.Domain), Markup.Escape(call.Category),
                SentimentMarkup(call.Sentiment), Time(call.CreatedAt));
        }
        console.Write(table);
        var pages = Math.Max(1, (int)Math.Ceiling(page.Total / (double)Math.Max(1, page.PageSize)));
        console.MarkupLine($"Page {page.Page} of {pages}, {page.Total} call(s).");
    }

    /// <summary>One call: its fields, token counts, metrics, domain-specific data and transcript.</summary>
    public static void Show(CallDetail call, IAnsiConsole console)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]Call id[/]", call.CallId.ToString());
        grid.AddRow("[bold]File[/]", Markup.Escape(call.FileName));
        grid.AddRow("[bold]Domain[/]", Markup.Escape(call.Domain));
        grid.AddRow("[bold]Category[/]", Markup.Escape(call.Category));
        grid.AddRow("[bold]Sentiment[/]", SentimentMarkup(call.Sentiment));
        grid.AddRow("[bold]Created (UTC)[/]", Time(call.CreatedAt));
        grid.AddRow("[bold]Tokens[/]", $"stage 1 {Tokens(call.TokensStage1)}, stage 2 {Tokens(call.TokensStage2)}");
        if (call.MediaId is not null)
        {
            grid.AddRow("[bold]Media id[/]", Markup.Escape(call.MediaId));
        }
        console.Write(grid);
        console.Write(new Rule("General metrics").LeftJustified());
        console.WriteLine(Pretty(call.GeneralMetrics));
        console.Write(new Rule("Domain-specific data").LeftJustified());
        console.WriteLine(Pretty(call.DomainSpecificData));
        console.Write(new Rule("Transcription").LeftJustified());
        console.WriteLine(call.Transcription);
    }

    /// <summary>The statistics as small tables.</summary>
    public static void Stats(CallStats stats, IAnsiConsole console)
    {
        console.Write(Counts("Table", "Rows", stats.Tables));
        console.Write(Counts("Domain", "Calls", stats.CallsPerDomain));
        console.Write(Counts("Domain/category", "Calls", stats.CallsPerCategory));
        console.Write(Counts("Sentiment", "Calls", stats.SentimentDistribution));
        console.Write(Counts("Tokens", "Total", stats.TokenTotals.ToDictionary(p => p.Key, p => p.Value)));
    }

    /// <summary>A job's status and each stage.</summary>
    public static void Job(JobView job, IAnsiConsole console)
    {
        console.MarkupLine($"Job {job.JobId} ({Markup.Escape(job.FileName)}): {TranscribeOutput.StatusMarkup(job.Status)}, stage {Markup.Escape(job.Stage)}, attempts {job.Attempts}"
            + (job.CallId is { } callId ? $", call {callId}" : ""));
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Stage", "State").AddColumn(new TableColumn("Seconds").RightAligned());
        foreach (var stage in job.Stages)
        {
            table.AddRow(Markup.Escape(stage.Name), Markup.Escape(stage.State), stage.DurationMs is { } ms ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) : "");
        }
        console.Write(table);
        if (job.Error is not null)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(job.Error)}");
        }
    }

    /// <summary>A coloured sentiment.</summary>
    public static string SentimentMarkup(string sentiment) => sentiment switch
    {
        "positive" => "[green]positive[/]",
        "negative" => "[red]negative[/]",
        _ => Markup.Escape(sentiment),
    };

    private static Table Counts<T>(string key, string value, IReadOnlyDictionary<string, T> counts)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(key).AddColumn(new TableColumn(value).RightAligned());
        foreach (var (name, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), Convert.ToString(count, CultureInfo.InvariantCulture) ?? "");
        }
        return table;
    }

    private static string Tokens(int[] tokens) => tokens.Length >= 2 ? $"{tokens[0]} in / {tokens[1]} out" : "-";

    private static string Pretty(JsonElement element) => JsonSerializer.Serialize(element, Json.Options);
}
