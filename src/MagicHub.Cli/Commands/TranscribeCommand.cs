using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.Cli.Http;
using MagicHub.Cli.Output;
using Spectre.Console;

namespace MagicHub.Cli.Commands;

/// <summary><c>magichub transcribe FILE...</c>: submit, follow with a progress bar per file, summarize.</summary>
public static class TranscribeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var files = new Argument<string[]>("FILE") { Description = "Recordings to analyze.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table." };
        var sync = new Option<bool>("--sync") { Description = "Use the seed's synchronous POST /api/transcribe/, one file at a time, and print its unified JSON." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each call to finish.", DefaultValueFactory = _ => 3600 };
        var command = new Command("transcribe", "Analyze recordings: submit them all, follow each call's progress, print a summary.") { files, json, sync, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var paths = parse.GetRequiredValue(files);
            return parse.GetValue(sync)
                ? await RunSyncAsync(global.Context, client, paths, ct)
                : await RunAsync(global.Context, client, paths, parse.GetValue(json), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, GatewayClient client, string[] paths, bool json, TimeSpan timeout, CancellationToken ct)
    {
        var submitter = new CallSubmitter(client, context.PollInterval ?? TimeSpan.FromMilliseconds(500), timeout);
        var missing = paths.Where(p => !File.Exists(p)).Select(p => new TranscribeResult(Path.GetFileName(p), "rejected", Error: $"{p}: no such file")).ToList();
        var existing = paths.Where(File.Exists).ToList();
        var submitted = existing.Count == 0 ? [] : await submitter.SubmitAsync(existing, ct);

        TranscribeResult[] results;
        if (json || !context.Out.Profile.Capabilities.Interactive)
        {
            results = await Task.WhenAll(submitted.Select(f => submitter.ResultAsync(f, _ => { }, ct)));
        }
        else
        {
            results = await new Progress(context.Out)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress => await Task.WhenAll(submitted.Select(file =>
                {
                    var task = progress.AddTask(Markup.Escape(file.FileName), maxValue: 3);
                    return FollowWithBarAsync(submitter, file, task, ct);
                })));
        }
        var all = missing.Concat(results).ToList();
        if (json)
        {
            context.WriteRaw(Json.Serialize(all));
        }
        else
        {
            context.Out.Write(TranscribeOutput.Summary(all));
            context.Out.WriteLine();
            context.Out.MarkupLine(TranscribeOutput.Totals(all));
        }
        return all.All(r => r.Succeeded) ? 0 : 1;
    }

    private static async Task<TranscribeResult> FollowWithBarAsync(CallSubmitter submitter, SubmittedFile file, ProgressTask task, CancellationToken ct)
    {
        var result = await submitter.ResultAsync(file, job =>
        {
            task.Value = TranscribeOutput.StageProgress(job);
            task.Description = TranscribeOutput.BarLabel(file.FileName, job);
        }, ct);
        task.Description = $"{Markup.Escape(file.FileName)} {TranscribeOutput.StatusMarkup(result.Status)}";
        if (result.Succeeded)
        {
            task.Value = task.MaxValue;
        }
        task.StopTask();
        return result;
    }

    private static async Task<int> RunSyncAsync(CliContext context, GatewayClient client, string[] paths, CancellationToken ct)
    {
        var answers = new JsonArray();
        var failed = 0;
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                context.WriteError($"{path}: no such file");
                failed++;
                continue;
            }
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/transcribe/") { Content = UploadContent.Files([path]) }, ct);
            if (!response.IsSuccessStatusCode)
            {
                context.WriteError($"{Path.GetFileName(path)}: {ProblemMessage.Format(response.StatusCode, await response.Content.ReadAsStringAsync(ct))}");
                failed++;
                continue;
            }
            answers.Add(await GatewayClient.ReadJsonAsync<JsonNode>(response, ct));
        }
        if (answers.Count > 0)
        {
            JsonNode output = paths.Length == 1 ? answers[0]!.DeepClone() : answers;
            context.WriteRaw(output.ToJsonString(Json.Options) + Environment.NewLine);
        }
        return failed == 0 ? 0 : 1;
    }
}
