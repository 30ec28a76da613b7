using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Prompts.Contracts;
using MagicHub.Security;
using MagicHub.Transcription.Transcribe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Transcription.Tests;

/// <summary>Defence in depth: the service validates tokens itself, whatever the gateway did.</summary>
public sealed class AuthenticationTests(TestAudio audio)
{
    [Fact]
    public async Task Transcribe_without_a_token_is_401_problem_details()
    {
        await using var host = new TranscriptionHost();
        using var client = host.CreateClient();

        using var response = await client.PostAsync("/transcribe", Form(audio.StereoWav), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Read_only_token_may_not_transcribe()
    {
        await using var host = new TranscriptionHost();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.Tokens.Issue(TestAuth.Tenant, role: PlatformRoles.ReadOnly));

        using var response = await client.PostAsync("/transcribe", Form(audio.StereoWav), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Valid_token_transcribes_and_reaches_the_prompts_service_with_the_callers_token()
    {
        var catalogRequests = 0;
        await using var prompts = await StubServer.StartAsync((app, s) => app.MapGet("/domains", (HttpRequest request) =>
        {
            Interlocked.Increment(ref catalogRequests);
            s.Expect(request.Headers.Authorization == s.ExpectedAuthorization, "caller's bearer token forwarded to prompts");
            return Results.Json(DomainCatalog.Default);
        }));
        await using var host = new TranscriptionHost(new Dictionary<string, string?> { ["Transcription:PromptsBaseUrl"] = prompts.BaseUrl });
        using var client = host.CreateAuthorizedClient();
        prompts.ExpectedAuthorization = client.DefaultRequestHeaders.Authorization!.ToString();

        using var response = await client.PostAsync("/transcribe", Form(audio.StereoWav), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.Content.ReadFromJsonAsync<TranscriptionResponse>(TestContext.Current.CancellationToken))!.Segments);
        Assert.Equal(1, catalogRequests);
        Assert.Empty(prompts.Violations);
    }

    private static MultipartFormDataContent Form(string path)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", Path.GetFileName(path));
        return form;
    }
}
