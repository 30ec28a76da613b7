using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Runtime.CompilerServices;
using MagicHub.Calls.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace MagicHub.Calls.Calls;

/// <summary>Streams calls as CSV or JSON without holding them all in memory.</summary>
public static class CallExport
{
    private static readonly string[] CsvColumns =
        ["call_id", "filename", "domain", "category", "sentiment", "created_at", "tokens_stage1_input", "tokens_stage1_output",
         "tokens_stage2_input", "tokens_stage2_output", "media_id", "transcription", "domain_specific_data"];

    /// <summary>Handles <c>GET /export?format=csv|json</c> with the list filters.</summary>
    public static async Task<IResult> ExportAsync(
        [AsParameters] CallQuery query, [FromQuery(Name = "format")] string? format, SqlDatabase<CallsDb> database, ITenantContext tenant,
        HttpContext http, CancellationToken ct)
    {
        format = (format ?? "json").Trim().ToLowerInvariant();
        if (format is not ("csv" or "json"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format.",
                detail: $"format must be 'csv' or 'json', not '{format}'.");
        }
        var calls = ReadAsync(query, database, tenant, ct);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"calls.{format}\"";
        if (format == "csv")
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            await WriteCsvAsync(http.Response.Body, calls, ct);
        }
        else
        {
            http.Response.ContentType = "application/json";
            await WriteJsonAsync(http.Response.Body, calls, ct);
        }
        return TypedResults.Empty;
    }

    /// <summary>The matching calls, oldest first, read one row at a time.</summary>
    private static async IAsyncEnumerable<CallRecord> ReadAsync(
        CallQuery query, SqlDatabase<CallsDb> database, ITenantContext tenant, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = query.AddParameters(connection.CreateCommand(
            $"SELECT {CallRecord.Columns} FROM {CallRecord.FromWithData} WHERE {query.Where()} ORDER BY c.\"CreatedAt\", c.\"Id\"")).WithTenant(tenant);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return CallRecord.Read(reader);
        }
    }

    private static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<CallRecord> calls, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', CsvColumns));
        await foreach (var c in calls.WithCancellation(ct))
        {
            string[] fields =
            [
                c.Id.ToString(), c.FileName, c.Domain, c.Category, c.Sentiment, c.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                c.Stage1InputTokens.ToString(CultureInfo.InvariantCulture), c.Stage1OutputTokens.ToString(CultureInfo.InvariantCulture),
                c.Stage2InputTokens.ToString(CultureInfo.InvariantCulture), c.Stage2OutputTokens.ToString(CultureInfo.InvariantCulture),
                c.MediaId ?? "", c.Transcription, c.DomainSpecific?.DataJson ?? "{}",
            ];
            await writer.WriteLineAsync(string.Join(',', fields.Select(Escape)));
        }
    }

    private static Task WriteJsonAsync(Stream body, IAsyncEnumerable<CallRecord> calls, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(body, calls.Select(CallResponse.From), CallsJsonContext.Default.IAsyncEnumerableCallResponse, ct);

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so spreadsheets do not execute it.</summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
