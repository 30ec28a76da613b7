using MagicHub.Security.Authentication;
using MagicHub.Security.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace MagicHub.Security.Tests;

public sealed class CachingTokenHandlerTests : IDisposable
{
    private readonly TestTokens _tokens = new();
    private readonly CountingHandler _inner = new();
    private readonly ManualClock _clock = new();
    private readonly CachingTokenHandler _handler;

    public CachingTokenHandlerTests() => _handler = new CachingTokenHandler(_inner, TimeSpan.FromMinutes(1), _clock);

    [Fact]
    public async Task Same_token_is_validated_once_and_each_request_gets_its_own_identity()
    {
        var token = _tokens.Issue("t1");

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("t1", second.ClaimsIdentity.FindFirst(PlatformClaims.TenantId)?.Value);
        Assert.Equal(first.SecurityToken.ValidTo, second.SecurityToken.ValidTo);
    }

    [Fact]
    public async Task Invalid_token_is_not_remembered()
    {
        using var stranger = new TestTokens();
        var token = stranger.Issue("t1");

        Assert.False((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.False((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Token_is_validated_again_once_its_signing_key_is_no_longer_trusted()
    {
        var token = _tokens.Issue("t1");
        await _handler.ValidateTokenAsync(token, Parameters());
        using var rotated = new TestTokens();

        var after = await _handler.ValidateTokenAsync(token, Parameters(rotated.SigningKey));

        Assert.False(after.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Validation_is_remembered_no_longer_than_the_duration()
    {
        var token = _tokens.Issue("t1", lifetime: TimeSpan.FromHours(1));
        await _handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(TimeSpan.FromSeconds(59));
        await _handler.ValidateTokenAsync(token, Parameters());
        _clock.Advance(TimeSpan.FromSeconds(2));
        await _handler.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Validation_is_remembered_no_longer_than_the_token_lives()
    {
        var token = _tokens.Issue("t1", lifetime: TimeSpan.FromSeconds(20));
        await _handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(TimeSpan.FromSeconds(21));
        var after = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _inner.Calls);
        // The real clock has not moved: the inner handler still accepts the token (within its lifetime and clock skew).
        Assert.True(after.IsValid);
    }

    private TokenValidationParameters Parameters(SecurityKey? key = null) => new()
    {
        ValidIssuer = _tokens.Options.Issuer,
        ValidAudience = _tokens.Options.Audience,
        ValidAlgorithms = [PlatformJwtBearer.Algorithm],
        IssuerSigningKeys = [key ?? _tokens.SigningKey],
    };

    public void Dispose() => _tokens.Dispose();

    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _real = new() { MapInboundClaims = false };

        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return _real.ValidateTokenAsync(token, validationParameters);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
