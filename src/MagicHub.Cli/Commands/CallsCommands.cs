using System.CommandLine;
using System.Text.Json;
using MagicHub.Cli.Http;
using MagicHub.Cli.Output;
using Spectre.Console;

namespace MagicHub.Cli.Commands;

/// <summary><c>magichub calls list|show|stats|export|delete|retry|job</c>.</summary>
public static class CallsCommands
{
    public static Command Create(GlobalOptions global)
    {
        var calls = new Command("calls", "Browse, export and erase analyzed calls; retry failed jobs.");
        calls.Add(List(global));
        calls.Add(Show(global));
        calls.Add(Stats(global));
        calls.Add(Export(global));
        calls.Add(Delete(global));
        calls.Add(Retry(global));
        calls.Add(Job(global));
        return calls;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the gateway's JSON instead of a table." };

    private static Command List(GlobalOptions global)
    {
        var filters = new CallFilters();
        var page = new Option<int?>("--page") { Description = "Page number, from 1." };
        var pageSize = new Option<int?>("--page-size") { Description = "Calls per page (1-200, default 20)." };
        var json = JsonOption();
        var command = new Command("list", "Calls, newest first, filtered and paged.") { page, pageSize, json };
        filters.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var query = filters.Query(parse);
            query.Add(("page", parse.GetValue(page)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            query.Add(("page_size", parse.GetValue(pageSize)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var raw = await client.GetJsonAsync<JsonElement>("calls/calls" + CallFilters.QueryString(query), ct);
            return Print(global.Context, parse.GetValue(json), raw, () => CallsOutput.List(raw.Deserialize<CallPage>(Json.Options)!, global.Context.Out));
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var id = new Argument<Guid>("CALL_ID") { Description = "The call's id." };
        var json = JsonOption();
        var command = new Command("show", "A call with its transcript, metrics and domain-specific data.") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var raw = await client.GetJsonAsync<JsonElement>($"calls/call/{parse.GetRequiredValue(id)}", ct);
            return Print(global.Context, parse.GetValue(json), raw, () => CallsOutput.Show(raw.Deserialize<CallDetail>(Json.Options)!, global.Context.Out));
        });
        return command;
    }

    private static Command Stats(GlobalOptions global)
    {
        var json = JsonOption();
        var command = new Command("stats", "Table counts, calls per domain and category, sentiment distribution, token totals.") { json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var raw = await client.GetJsonAsync<JsonElement>("calls/stats", ct);
            return Print(global.Context, parse.GetValue(json), raw, () => CallsOutput.Stats(raw.Deserialize<CallStats>(Json.Options)!, global.Context.Out));
        });
        return command;
    }

    private static Command Export(GlobalOptions global)
    {
        var filters = new CallFilters();
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output)." };
        var command = new Command("export", "Every call matching the filters as CSV or JSON.") { format, output };
        filters.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var query = filters.Query(parse);
            query.Add(("format", parse.GetRequiredValue(format)));
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "calls/export" + CallFilters.QueryString(query)), ct,
                HttpCompletionOption.ResponseHeadersRead);
            await GatewayClient.EnsureSuccessAsync(response, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            if (parse.GetValue(output) is { Length: > 0 } path)
            {
                long bytes;
                await using (var file = File.Create(path))
                {
                    await body.CopyToAsync(file, ct);
                    bytes = file.Length;
                }
                global.Context.Error.MarkupLine($"Exported {bytes:N0} bytes to {Markup.Escape(path)}.");
            }
            else
            {
                using var reader = new StreamReader(body);
                var buffer = new char[16384];
                int read;
                while ((read = await reader.ReadAsync(buffer, ct)) > 0)
                {
                    global.Context.WriteRaw(new string(buffer, 0, read));
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Delete(GlobalOptions global)
    {
        var id = new Argument<Guid>("CALL_ID") { Description = "The call to erase with its audio." };
        var command = new Command("delete", "Erase a call, its domain-specific data, its job and its audio.") { id };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            await client.SendAsync(HttpMethod.Delete, $"calls/call/{parse.GetRequiredValue(id)}", ct);
            global.Context.Out.MarkupLine($"Deleted call {parse.GetRequiredValue(id)}.");
            return 0;
        });
        return command;
    }

    private static Command Retry(GlobalOptions global)
    {
        var id = new Argument<Guid>("JOB_ID") { Description = "The failed job (as 'transcribe' shows it)." };
        var json = JsonOption();
        var command = new Command("retry", "Run a failed call again from the stage where it failed.") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var raw = await client.SendJsonAsync<JsonElement>(HttpMethod.Post, $"api/calls/{parse.GetRequiredValue(id)}/retry", null, ct);
            return Print(global.Context, parse.GetValue(json), raw, () =>
            {
                var job = raw.Deserialize<JobView>(Json.Options)!;
                global.Context.Out.MarkupLine($"Job {job.JobId} ({Markup.Escape(job.FileName)}) is {job.Status} again from stage {job.Stage}.");
            });
        });
        return command;
    }

    private static Command Job(GlobalOptions global)
    {
        var id = new Argument<Guid>("JOB_ID") { Description = "A submitted call's job id." };
        var json = JsonOption();
        var command = new Command("job", "Status of a submitted call and each stage's progress.") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var raw = await client.GetJsonAsync<JsonElement>($"api/calls/{parse.GetRequiredValue(id)}", ct);
            return Print(global.Context, parse.GetValue(json), raw, () => CallsOutput.Job(raw.Deserialize<JobView>(Json.Options)!, global.Context.Out));
        });
        return command;
    }

    private static int Print(CliContext context, bool json, JsonElement raw, Action render)
    {
        if (json)
        {
            context.WriteRaw(Json.Serialize(raw));
        }
        else
        {
            render();
        }
        return 0;
    }
}
