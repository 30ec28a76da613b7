using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace MagicHub.Identity.Tests;

/// <summary>The identity API on each engine: SQLite (the default) and a real PostgreSQL server.</summary>
public abstract class AuthTests(IdentityFixture fixture)
{
    private static readonly string[] ReadScope = ["read"];
    private static readonly string[] RootScope = ["root"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IdentityClient Client => fixture.Client;

    [Fact]
    public async Task Register_creates_a_tenant_whose_owner_can_read_the_profile()
    {
        var owner = await Client.RegisterAsync();

        using var me = await Client.SendAsync(HttpMethod.Get, "/me", owner.AccessToken);
        var profile = await me.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("owner", profile.GetProperty("role").GetString());
        Assert.Equal(owner.TenantId, profile.GetProperty("tenant_id").GetString());
    }

    [Fact]
    public async Task Registering_an_existing_email_is_a_409()
    {
        var owner = await Client.RegisterAsync();

        using var again = await Client.Http.PostAsJsonAsync("/auth/register", new { tenant_name = "x", email = owner.Email, password = "another-password" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Short_password_is_a_400_validation_problem()
    {
        using var response = await Client.Http.PostAsJsonAsync("/auth/register", new { tenant_name = "x", email = "short@example.com", password = "short" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_issues_a_new_session()
    {
        var owner = await Client.RegisterAsync();

        using var login = await Client.LoginAsync(owner.Email, owner.Password);
        var tokens = await Tokens.ReadAsync(login, owner.Email, owner.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.NotEqual(owner.SessionId, tokens.SessionId);
    }

    [Fact]
    public async Task Login_brute_force_locks_the_account_even_for_the_right_password()
    {
        var owner = await Client.RegisterAsync();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await Client.LoginAsync(owner.Email, "wrong-password-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var right = await Client.LoginAsync(owner.Email, owner.Password);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.EndsWith("account-locked", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token()
    {
        var owner = await Client.RegisterAsync();

        using var refreshed = await Client.RefreshAsync(owner.RefreshToken!);
        var next = await Tokens.ReadAsync(refreshed, owner.Email, owner.Password);
        using var me = await Client.SendAsync(HttpMethod.Get, "/me", next.AccessToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(owner.RefreshToken, next.RefreshToken);
        Assert.Equal(owner.SessionId, next.SessionId);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Reused_refresh_token_is_401_and_revokes_its_whole_family()
    {
        var owner = await Client.RegisterAsync();
        using var first = await Client.RefreshAsync(owner.RefreshToken!);
        var rotated = await Tokens.ReadAsync(first, owner.Email, owner.Password);

        using var reuse = await Client.RefreshAsync(owner.RefreshToken!);
        using var rotatedAfterReuse = await Client.RefreshAsync(rotated.RefreshToken!);
        using var me = await Client.SendAsync(HttpMethod.Get, "/me", rotated.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rotatedAfterReuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Concurrent_uses_of_one_refresh_token_let_one_through_and_revoke_the_session()
    {
        var owner = await Client.RegisterAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.RefreshAsync(owner.RefreshToken!)));
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var next = await Tokens.ReadAsync(winner, owner.Email, owner.Password);
        using var afterReuse = await Client.RefreshAsync(next.RefreshToken!);

        Assert.All(responses.Where(r => r != winner), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_create_one_user()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Client.Http.PostAsJsonAsync("/auth/register", new { tenant_name = $"race {i}", email, password = "race-password-1" }, Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var owner = await Client.RegisterAsync();

        using var logout = await Client.SendAsync(HttpMethod.Post, "/auth/logout", owner.AccessToken);
        using var me = await Client.SendAsync(HttpMethod.Get, "/me", owner.AccessToken);
        using var refresh = await Client.RefreshAsync(owner.RefreshToken!);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Sessions_are_listed_and_revoked_one_or_all()
    {
        var owner = await Client.RegisterAsync();
        using var second = await Client.LoginAsync(owner.Email, owner.Password);
        var other = await Tokens.ReadAsync(second, owner.Email, owner.Password);
        using var third = await Client.LoginAsync(owner.Email, owner.Password);
        var another = await Tokens.ReadAsync(third, owner.Email, owner.Password);

        var listed = await (await Client.SendAsync(HttpMethod.Get, "/sessions", owner.AccessToken)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var revokeOne = await Client.SendAsync(HttpMethod.Delete, $"/sessions/{other.SessionId}", owner.AccessToken);
        using var otherMe = await Client.SendAsync(HttpMethod.Get, "/me", other.AccessToken);
        using var revokeAll = await Client.SendAsync(HttpMethod.Delete, "/sessions", owner.AccessToken);
        using var anotherMe = await Client.SendAsync(HttpMethod.Get, "/me", another.AccessToken);
        using var ownMe = await Client.SendAsync(HttpMethod.Get, "/me", owner.AccessToken);

        Assert.Equal(3, listed.GetArrayLength());
        Assert.Single(listed.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, revokeOne.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherMe.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revokeAll.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anotherMe.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ownMe.StatusCode);
    }

    [Fact]
    public async Task Profile_update_changes_the_display_name()
    {
        var owner = await Client.RegisterAsync();

        using var updated = await Client.SendAsync(HttpMethod.Patch, "/me", owner.AccessToken, new { display_name = "Ada Lovelace" });
        var profile = await (await Client.SendAsync(HttpMethod.Get, "/me", owner.AccessToken)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Ada Lovelace", profile.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task Password_change_signs_out_other_sessions()
    {
        var owner = await Client.RegisterAsync();
        using var second = await Client.LoginAsync(owner.Email, owner.Password);
        var other = await Tokens.ReadAsync(second, owner.Email, owner.Password);

        using var changed = await Client.SendAsync(HttpMethod.Post, "/me/password", owner.AccessToken,
            new { current_password = owner.Password, new_password = "a-brand-new-password" });
        using var otherMe = await Client.SendAsync(HttpMethod.Get, "/me", other.AccessToken);
        using var oldLogin = await Client.LoginAsync(owner.Email, owner.Password);
        using var newLogin = await Client.LoginAsync(owner.Email, "a-brand-new-password");

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherMe.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newLogin.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_users_invites_keys_and_sessions_are_not_found()
    {
        var owner = await Client.RegisterAsync();
        var stranger = await Client.RegisterAsync();
        var member = await Client.AddUserAsync(stranger, "member");
        var (keyId, _) = await Client.CreateApiKeyAsync(stranger, "read");
        using var invited = await Client.SendAsync(HttpMethod.Post, "/invites", stranger.AccessToken, new { email = $"x-{Guid.NewGuid():N}@example.com", role = "member" });
        var inviteId = (await invited.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        using var user = await Client.SendAsync(HttpMethod.Get, $"/users/{member.UserId}", owner.AccessToken);
        using var demote = await Client.SendAsync(HttpMethod.Patch, $"/users/{member.UserId}", owner.AccessToken, new { role = "read-only" });
        using var delete = await Client.SendAsync(HttpMethod.Delete, $"/users/{member.UserId}", owner.AccessToken);
        using var invite = await Client.SendAsync(HttpMethod.Delete, $"/invites/{inviteId}", owner.AccessToken);
        using var key = await Client.SendAsync(HttpMethod.Delete, $"/api-keys/{keyId}", owner.AccessToken);
        using var session = await Client.SendAsync(HttpMethod.Delete, $"/sessions/{stranger.SessionId}", owner.AccessToken);
        using var users = await Client.SendAsync(HttpMethod.Get, "/users", owner.AccessToken);
        using var memberMe = await Client.SendAsync(HttpMethod.Get, "/me", member.AccessToken);
        using var strangerMe = await Client.SendAsync(HttpMethod.Get, "/me", stranger.AccessToken);

        Assert.All([user, demote, delete, invite, key, session], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var listed = await users.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([owner.UserId], listed.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, memberMe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, strangerMe.StatusCode);
    }

    [Fact]
    public async Task Invited_user_joins_the_tenant_with_the_invited_role()
    {
        var owner = await Client.RegisterAsync();

        var member = await Client.AddUserAsync(owner, "member");
        var users = await (await Client.SendAsync(HttpMethod.Get, "/users", owner.AccessToken)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(owner.TenantId, member.TenantId);
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("id").GetString() == member.UserId && u.GetProperty("role").GetString() == "member");
    }

    [Fact]
    public async Task Members_and_read_only_users_cannot_manage_users_or_keys()
    {
        var owner = await Client.RegisterAsync();
        var member = await Client.AddUserAsync(owner, "member");
        var reader = await Client.AddUserAsync(owner, "read-only");

        using var memberUsers = await Client.SendAsync(HttpMethod.Get, "/users", member.AccessToken);
        using var readerKeys = await Client.SendAsync(HttpMethod.Post, "/api-keys", reader.AccessToken, new { name = "x", scopes = ReadScope });

        Assert.Equal(HttpStatusCode.Forbidden, memberUsers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerKeys.StatusCode);
    }

    [Fact]
    public async Task Last_owner_cannot_be_demoted()
    {
        var owner = await Client.RegisterAsync();

        using var demote = await Client.SendAsync(HttpMethod.Patch, $"/users/{owner.UserId}", owner.AccessToken, new { role = "member" });

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
    }

    [Fact]
    public async Task Deleted_users_token_and_refresh_token_are_401()
    {
        var owner = await Client.RegisterAsync();
        var member = await Client.AddUserAsync(owner, "member");

        using var deleted = await Client.SendAsync(HttpMethod.Delete, $"/users/{member.UserId}", owner.AccessToken);
        using var me = await Client.SendAsync(HttpMethod.Get, "/me", member.AccessToken);
        using var refresh = await Client.RefreshAsync(member.RefreshToken!);
        using var login = await Client.LoginAsync(member.Email, member.Password);
        var revocations = await Client.Http.GetFromJsonAsync<JsonElement>("/.well-known/revocations", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains(revocations.GetProperty("sessions").EnumerateArray(), s => s.GetString() == member.SessionId);
    }

    [Fact]
    public async Task Api_key_is_shown_once_exchanged_for_a_token_and_records_its_last_use()
    {
        var owner = await Client.RegisterAsync();
        var (id, key) = await Client.CreateApiKeyAsync(owner, "read", "write");

        using var exchanged = await Client.Http.PostAsJsonAsync("/auth/api-key/token", new { api_key = key }, Ct);
        var token = await exchanged.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var listed = await (await Client.SendAsync(HttpMethod.Get, "/api-keys", owner.AccessToken)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var entry = listed.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);

        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal(owner.TenantId, token.GetProperty("tenant_id").GetString());
        Assert.Equal("member", token.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("key").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("last_used_at").ValueKind);
        Assert.DoesNotContain(key, await (await Client.SendAsync(HttpMethod.Get, "/api-keys", owner.AccessToken)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_api_key_and_its_tokens_are_401()
    {
        var owner = await Client.RegisterAsync();
        var (id, key) = await Client.CreateApiKeyAsync(owner, "read");
        using var exchanged = await Client.Http.PostAsJsonAsync("/auth/api-key/token", new { api_key = key }, Ct);
        var accessToken = (await exchanged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString();

        using var revoke = await Client.SendAsync(HttpMethod.Delete, $"/api-keys/{id}", owner.AccessToken);
        using var again = await Client.Http.PostAsJsonAsync("/auth/api-key/token", new { api_key = key }, Ct);
        using var withOldToken = await Client.SendAsync(HttpMethod.Get, "/sessions", accessToken);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOldToken.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_key_scope_is_a_400()
    {
        var owner = await Client.RegisterAsync();

        using var created = await Client.SendAsync(HttpMethod.Post, "/api-keys", owner.AccessToken, new { name = "x", scopes = RootScope });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
    }
}

public sealed class SqliteAuthTests(IdentityFixture fixture) : AuthTests(fixture), IClassFixture<IdentityFixture>;

public sealed class PostgresAuthTests(PostgresIdentityFixture fixture) : AuthTests(fixture), IClassFixture<PostgresIdentityFixture>;
