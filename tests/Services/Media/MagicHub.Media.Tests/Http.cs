using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Media.Contracts;

namespace MagicHub.Media.Tests;

/// <summary>Request helpers for the media API.</summary>
internal static class Http
{
    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, byte[] content, string query = "", string contentType = "application/octet-stream")
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync("/media" + query, body, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, byte[] content, string fileName, string query = "", string partType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(partType);
        form.Add(file, "file", fileName);
        return await client.PostAsync("/media" + query, form, TestContext.Current.CancellationToken);
    }

    public static async Task<MediaItemResponse> ItemAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<MediaItemResponse>(TestContext.Current.CancellationToken))!;

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public static async Task<MediaListResponse> ListAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<MediaListResponse>("/media", TestContext.Current.CancellationToken))!;
}
