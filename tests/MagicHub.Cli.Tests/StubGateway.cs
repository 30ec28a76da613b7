using System.Collections.Concurrent;
using MagicHub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Cli.Tests;

/// <summary>A request the stub received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? ApiKey, string? ContentType);

/// <summary>A gateway stand-in on real Kestrel on a free loopback port; records every request.</summary>
public sealed class StubGateway : IAsyncDisposable
{
    private readonly WebApplication app;

    private StubGateway(WebApplication app) => this.app = app;

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The base URL, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Starts a stub whose endpoints <paramref name="map"/> adds.</summary>
    public static async Task<StubGateway> StartAsync(Action<WebApplication> map)
    {
        var app = LoopbackApp.Create();
        var stub = new StubGateway(app);
        app.Use(async (context, next) =>
        {
            stub.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["X-Api-Key"].FirstOrDefault(), context.Request.ContentType));
            await next(context);
        });
        map(app);
        stub.Url = await app.StartOnLoopbackAsync(TestContext.Current.CancellationToken);
        return stub;
    }

    /// <summary>Requests to <paramref name="path"/>.</summary>
    public List<RecordedRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Problem details as the services answer them.</summary>
public static class Problems
{
    public static IResult Of(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
