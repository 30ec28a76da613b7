using MagicHub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Transcription.Tests;

/// <summary>A real Kestrel server on a loopback port standing in for a cloud API; routes are added by the test.</summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Problems the stub found in the requests it received (an empty list means every request had the expected shape).</summary>
    public List<string> Violations { get; } = [];

    public int Requests { get; set; }

    /// <summary>The <c>Authorization</c> header the stub's routes expect, when the test sets one.</summary>
    public string? ExpectedAuthorization { get; set; }

    public static async Task<StubServer> StartAsync(Action<WebApplication, StubServer> routes)
    {
        var app = LoopbackApp.Create();
        var stub = new StubServer(app);
        routes(app, stub);
        stub.BaseUrl = await app.StartOnLoopbackAsync();
        return stub;
    }

    public void Expect(bool condition, string violation)
    {
        if (!condition)
        {
            lock (Violations)
            {
                Violations.Add(violation);
            }
        }
    }

    public static IResult Json(string json) => Results.Content(json, "application/json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
