using System.Net;
using System.Net.Http.Json;
using MagicHub.Transcription.Transcribe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Transcription.Tests;

public sealed class MediaReferenceTests(TestAudio audio)
{
    private static readonly Guid Known = Guid.NewGuid();

    [Fact]
    public async Task Media_reference_is_fetched_from_the_media_service_for_the_callers_tenant_with_the_callers_token()
    {
        await using var media = await StartMediaAsync(audio.StereoWav);
        await using var host = new TranscriptionHost(new Dictionary<string, string?> { ["Transcription:MediaBaseUrl"] = media.BaseUrl });
        using var client = host.CreateAuthorizedClient("acme");
        // A header naming another tenant does not override the token's tenant.
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "someone-else");
        media.ExpectedAuthorization = client.DefaultRequestHeaders.Authorization!.ToString();

        using var response = await client.PostAsJsonAsync("/transcribe", new { media_id = Known }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<TranscriptionResponse>(TestContext.Current.CancellationToken))!;
        Assert.Equal(["Agent", "Customer", "Agent"], TranscribeApiTests.Collapse(result.Segments.Select(s => s.Speaker)));
        Assert.Empty(media.Violations);
    }

    [Fact]
    public async Task Unknown_media_reference_is_not_found()
    {
        await using var media = await StartMediaAsync(audio.StereoWav);
        await using var host = new TranscriptionHost(new Dictionary<string, string?> { ["Transcription:MediaBaseUrl"] = media.BaseUrl });
        using var client = host.CreateAuthorizedClient("acme");

        using var response = await client.PostAsJsonAsync("/transcribe", new { media_id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Media not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static Task<StubServer> StartMediaAsync(string path) => StubServer.StartAsync((app, s) =>
    {
        app.MapGet("/media/{id:guid}", (Guid id, HttpRequest request) =>
        {
            s.Expect(request.Headers["X-Tenant-Id"] == "acme", "tenant header");
            s.Expect(s.ExpectedAuthorization is null || request.Headers.Authorization == s.ExpectedAuthorization, "caller's bearer token forwarded");
            return id != Known ? Results.NotFound() : Results.Json(new
            {
                id, tenant_id = "acme", owner = (string?)null, kind = "audio", content_type = "audio/wav", size = new FileInfo(path).Length,
                sha256 = "00", file_name = "call.wav", duration_seconds = (double?)null, created_at = DateTimeOffset.UtcNow, deduplicated = false,
            });
        });
        app.MapGet("/media/{id:guid}/content", (Guid id, HttpRequest request) =>
        {
            s.Expect(s.ExpectedAuthorization is null || request.Headers.Authorization == s.ExpectedAuthorization, "caller's bearer token forwarded");
            return id == Known ? Results.File(path, "audio/wav") : Results.NotFound();
        });
    });
}
