using System.CommandLine;
using MagicHub.Cli.Auth;
using Spectre.Console;

namespace MagicHub.Cli.Commands;

/// <summary><c>register</c>, <c>login</c> and <c>logout</c>.</summary>
public static class AuthCommands
{
    public static IEnumerable<Command> Create(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "Name of the new tenant (organisation).", Required = true };
        var email = new Option<string>("--email") { Description = "E-mail address.", Required = true };
        var password = new Option<string?>("--password") { Description = "Password (at least 8 characters; env MAGICHUB_PASSWORD, else asked)." };
        var displayName = new Option<string?>("--name") { Description = "Display name of the owner." };

        var register = new Command("register", "Create a tenant and its owner (the first-run setup) and sign in as the owner.") { tenant, email, password, displayName };
        register.SetAction((parse, ct) => SignInAsync(global, parse, "identity/auth/register", parse.GetRequiredValue(email), new
        {
            tenant_name = parse.GetRequiredValue(tenant),
            email = parse.GetRequiredValue(email),
            password = Password(global, parse.GetValue(password)),
            display_name = parse.GetValue(displayName),
        }, ct));

        var login = new Command("login", "Sign in and keep the tokens in ~/.config/magichub/credentials.json.") { email, password };
        login.SetAction((parse, ct) => SignInAsync(global, parse, "identity/auth/login", parse.GetRequiredValue(email), new
        {
            email = parse.GetRequiredValue(email),
            password = Password(global, parse.GetValue(password)),
        }, ct));

        var logout = new Command("logout", "End the session and forget the saved tokens.");
        logout.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            if (global.Store.Get(client.BaseUrl) is null)
            {
                global.Context.Out.MarkupLine($"Not signed in at {Markup.Escape(client.BaseUrl.ToString())}.");
                return 0;
            }
            try
            {
                await client.SendAsync(HttpMethod.Post, "identity/auth/logout", ct);
            }
            catch (CliException ex) when (ex.StatusCode == 401)
            {
                // The session had already ended; forgetting the tokens is all that is left.
            }
            global.Store.Remove(client.BaseUrl);
            global.Context.Out.MarkupLine($"Signed out of {Markup.Escape(client.BaseUrl.ToString())}.");
            return 0;
        });
        return [register, login, logout];
    }

    private static async Task<int> SignInAsync(GlobalOptions global, ParseResult parse, string path, string email, object body, CancellationToken ct)
    {
        using var client = global.CreateClient(parse, anonymous: true);
        var tokens = await client.SendJsonAsync<TokenResponse>(HttpMethod.Post, path, body, ct);
        global.Store.Save(client.BaseUrl, Credentials.From(tokens, email, DateTimeOffset.UtcNow));
        global.Context.Out.MarkupLine(
            $"Signed in at {Markup.Escape(client.BaseUrl.ToString())} as [bold]{Markup.Escape(email)}[/] ({Markup.Escape(tokens.Role)} of tenant {Markup.Escape(tokens.TenantId)}).");
        global.Context.Out.MarkupLine($"[grey]Tokens saved to {Markup.Escape(global.Store.Path)}.[/]");
        return 0;
    }

    private static string Password(GlobalOptions global, string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }
        if (global.Context.Environment("MAGICHUB_PASSWORD") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        if (!global.Context.Error.Profile.Capabilities.Interactive)
        {
            throw new CliException("No password: pass --password or set MAGICHUB_PASSWORD.");
        }
        return global.Context.Error.Prompt(new TextPrompt<string>("Password:").Secret());
    }
}
