using MagicHub.Security.Authentication;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace MagicHub.Security.Tests;

public sealed class ForwardBearerTokenHandlerTests
{
    [Fact]
    public async Task Callers_bearer_token_is_forwarded_on_outgoing_calls()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer caller-token";

        var sent = await SendAsync(new Accessor(context), new HttpRequestMessage(HttpMethod.Get, "http://calls/stats"));

        Assert.Equal("Bearer caller-token", sent.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Explicit_authorization_and_calls_outside_a_request_are_left_alone()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer caller-token";
        var explicitRequest = new HttpRequestMessage(HttpMethod.Get, "http://calls/stats");
        explicitRequest.Headers.Authorization = new("Bearer", "service-token");

        var explicitSent = await SendAsync(new Accessor(context), explicitRequest);
        var backgroundSent = await SendAsync(new Accessor(null), new HttpRequestMessage(HttpMethod.Get, "http://calls/stats"));

        Assert.Equal("Bearer service-token", explicitSent.Headers.Authorization?.ToString());
        Assert.Null(backgroundSent.Headers.Authorization);
    }

    private static async Task<HttpRequestMessage> SendAsync(IHttpContextAccessor accessor, HttpRequestMessage request)
    {
        var capture = new Capture();
        using var handler = new ForwardBearerTokenHandler(accessor) { InnerHandler = capture };
        using var invoker = new HttpMessageInvoker(handler);
        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);
        return capture.Request!;
    }

    // Not HttpContextAccessor: its context lives in a static AsyncLocal shared by every instance.
    private sealed class Accessor(HttpContext? context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get; set; } = context;
    }

    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
