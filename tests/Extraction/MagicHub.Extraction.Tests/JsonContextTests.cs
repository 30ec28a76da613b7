using System.Text.Json;
using System.Text.Json.Nodes;
using MagicHub.Extraction.Contracts;
using MagicHub.Prompts.Contracts;
using Xunit;

namespace MagicHub.Extraction.Tests;

/// <summary>
/// The source-generated JSON contexts (what the Native AOT build uses; it has no reflection fallback) must write and read
/// the same wire format as the reflection serializer with web defaults that the service used before.
/// </summary>
public sealed class JsonContextTests
{
    private static readonly JsonSerializerOptions Reflection = JsonSerializerOptions.Web;

    [Fact]
    public void Response_is_written_exactly_as_reflection_writes_it()
    {
        var score = new SentimentScore("negative", -0.368);
        var response = new ExtractResponse(
            new JsonObject { ["reason"] = "lost card", ["delivery_days"] = 3m, ["card_last4"] = null },
            new GeneralMetrics(
                new NamesSection("Victor", null, ["Dr. Patel"]),
                new CallDirectionSection("inbound", "complaint", 0.55),
                new SentimentIntentSection(score, new Dictionary<string, SentimentScore> { ["agent"] = score }, score, score, "worsened",
                    "card_replacement", 1, ["card", "lost"]),
                "Customer: I lost my card <and> \"more\".",
                new AgentMetricsSection(0.471, 5.5, null, 0, 3.5, 0, 3, true, false, true, ["Greet the caller."]),
                [new PiiDetection("card_number", "************1111", 3, 0, 67, 0.97)]),
            [0L, 0L], "offline", 0, ["Required field 'reason' was not found."]);

        Assert.Equal(JsonSerializer.Serialize(response, Reflection), JsonSerializer.Serialize(response, ExtractionJsonContext.Default.ExtractResponse));
    }

    [Fact]
    public void Request_is_read_exactly_as_reflection_reads_it()
    {
        const string body = """
            {"transcription":"Agent: hi","segments":[{"speaker":"agent","start":"1.5","end":2,"text":"Hello"}],"domain":"banking",
             "category":"card_replacement","custom_prompt":{"instructions":"Extract.","fields":[
             {"name":"reason","type":"enum","description":"Why","required":true,"enum_values":["lost card"]}]}}
            """;

        var generated = JsonSerializer.Deserialize(body, ExtractionJsonContext.Default.ExtractRequest);

        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<ExtractRequest>(body, Reflection), Reflection), JsonSerializer.Serialize(generated, Reflection));
        Assert.Equal(1.5, generated!.Segments![0].Start);
    }

    [Fact]
    public void Built_in_prompts_and_catalog_load_through_the_prompts_context()
    {
        Assert.Contains(DomainCatalog.Default.Domains, d => d.Domain == "banking" && d.Categories.Any(c => c.Category == "card_replacement"));
        var fields = DefaultPrompts.FieldsFor("banking", "card_replacement");
        Assert.NotNull(fields);
        Assert.Equal(["lost card", "stolen card", "damaged card", "expired card", "compromised card"], fields[0].EnumValues!);
        // The model's system prompt embeds the fields as the default (non-web) options wrote them.
        Assert.Equal(JsonSerializer.Serialize(fields, JsonSerializerOptions.Default), JsonSerializer.Serialize(fields, PromptsJsonContext.Default.IReadOnlyListPromptField));
    }
}
